/**
 * Cafe24's customer inquiries as the port asks for them (inquiries-api.md §A): questions are board
 * articles of the mall's product Q&A boards (board_type 5 named Q&A/문의) and 1:1 boards
 * (board_type 7), found with GET /boards at each collect since board numbers vary by mall.
 *
 * - A collect reads each board's articles over Seoul-day windows (`start_date`/`end_date`, both
 *   required together, creation date) from the last read's day to today, 100 a page (`offset`
 *   ≤ 8,000), then the comments since the last comment number seen (`since_comment_no`) of each
 *   board that holds a question still open: an answer typed in the Cafe24 admin is a comment by
 *   the mall (its `member_id` is the mall id) that leaves the question at `reply_status=N`, or
 *   (older answers) a reply article moving it to `C`. A comment can only answer a question, so a
 *   board whose questions are all answered (the usual quiet day) costs one list call a collect.
 *   Rows are filtered by date on our side too (a mall answered rows outside its window).
 * - The add-on answers with a reply article (R1: `reply_article_no`, `reply_status: "C"` applied
 *   to the question), which it can read back (a child article by the mall) and edit (PUT of that
 *   article's content). `reply_status` `P` is never taken for answered (its meaning is
 *   contradictory in the docs).
 * - Board text is HTML: a question is read as plain text, an answer is sent with markup escaped
 *   and line breaks as `<br>`, so what staff typed shows as typed.
 */
import * as z from '../../core/zod';
import { builtOnUse, builtOnUseSharing, map } from '../../core/zod-helpers';
import { inShapeOrder, isEmptyList, isRecord, numberRecord } from '../../core/recognize';
import { asBoardHtml, plainText, type Inquiry, type InquiryAnswer, type InquiryKind, type InquirySeen } from '../../core/inquiries';
import { addSeoulDays, seoulDayOf, seoulDayStart, type SeoulDay } from '../../core/seoul-time';
import type { ChannelAccount, InquiriesCapability, InquiryRead } from '../port';
import { adminBulk, adminGet, adminSingle, seg } from './admin-request';
import type { Cafe24Connection } from './connection';
import { cafe24DateTime, parse } from './schemas';
import { cafe24Request } from './transport';
import { readStoredJson } from '../../core/stored-json';

const PAGE = 100;
const MAX_OFFSET = 8000;
/** How far back a first read looks: the 7 days of the response rate. */
const FIRST_READ_DAYS = 7;
/** `client_ip` is required on an article (§A6) and Apps Script has no address of its own to give; any IPv4 passes. */
const CLIENT_IP = '127.0.0.1';

/** The answers' schemas, built on first use; `num` reads a number sent as one or as digits. */
const lazily = builtOnUseSharing(() => ({ num: z.union([z.number(), map(z.string().check(z.regex(/^\d+$/)), Number)]) }));
const Board = lazily(({ num }) => z.looseObject({ board_no: num, board_type: num, board_name: z.optional(z.nullable(z.string())) }));
const BoardsList = builtOnUse(() => z.looseObject({ boards: z.array(Board) }));
const Article = lazily(({ num }) => z.looseObject({
  article_no: num,
  parent_article_no: z.optional(z.nullable(num)),
  board_no: z.optional(num),
  reply_depth: z.optional(z.nullable(num)),
  product_no: z.optional(z.nullable(num)),
  order_id: z.optional(z.nullable(z.string())),
  title: z.optional(z.nullable(z.string())),
  content: z.optional(z.nullable(z.string())),
  writer: z.optional(z.nullable(z.string())),
  member_id: z.optional(z.nullable(z.string())),
  created_date: cafe24DateTime,
  reply_status: z.optional(z.nullable(z.string())),
  reply_user_id: z.optional(z.nullable(z.string())),
  deleted: z.optional(z.nullable(z.string())),
}));
type Article = z.output<typeof Article>;
/**
 * A board's page without articles or comments (a quiet collect's every answer), read by hand
 * (zod-helpers.ts `Recognizer`): every 10 minutes, and it spares building the lists' schemas.
 */
const noneIn = <K extends string>(list: K) => (v: unknown) => (isRecord(v) && isEmptyList(v[list]) ? inShapeOrder<Record<K, []>>(v, [list]) : undefined);
/** Exported for the spec that holds the recognizer to the schema. */
export const ArticlesList = builtOnUse(() => z.looseObject({ articles: z.array(Article) }), noneIn('articles'));
const Comment = lazily(({ num }) => z.looseObject({ comment_no: num, article_no: num, content: z.optional(z.nullable(z.string())), writer: z.optional(z.nullable(z.string())), member_id: z.optional(z.nullable(z.string())), created_date: cafe24DateTime }));
export const CommentsList = builtOnUse(() => z.looseObject({ comments: z.array(Comment) }), noneIn('comments'));
const ArticleOne = builtOnUse(() => z.looseObject({ article: Article }));

interface BoardRef {
  readonly no: number;
  /** 1:1 (type 7) or product Q&A. */
  readonly personal: boolean;
}

/**
 * Questions seen unanswered, by board and article number, with when each was asked; `many` when
 * there were too many to keep (every board's comments are then read at each collect).
 */
type Open = Record<string, Record<string, number>> | 'many';

/** What a collect passes to the next: from when, which boards, the last comment seen per board. */
interface Cursor {
  /** The Seoul day of the last read (the windows are whole days: the cursor changes once a day). */
  readonly day: string;
  readonly boards: readonly BoardRef[];
  readonly comments: Readonly<Record<string, number>>;
  /** Absent in a cursor written before open questions were kept: that mall is read afresh. */
  readonly open?: Open | undefined;
  /**
   * The highest article number seen per board: a question at or below it that is not open was
   * seen answered (a comment answer leaves it at `N`), so listing it again does not reopen it.
   */
  readonly top?: Readonly<Record<string, number>> | undefined;
}

/** More open questions than this (a spammed board) and they are no longer kept one by one. */
const MAX_OPEN = 300;
/** A question still open after this long is left out (deleted by its buyer, or never to be answered). */
const OPEN_DAYS = 30;

/** Exported for the spec that holds the recognizer to the schema. */
export const CursorSchema = builtOnUse(() => z.object({
  day: z.string(),
  boards: z.array(z.object({ no: z.number(), personal: z.boolean() })),
  comments: z.record(z.string(), z.number()),
  open: z.optional(z.union([z.literal('many'), z.record(z.string(), z.record(z.string(), z.number()))])),
  top: z.optional(z.record(z.string(), z.number())),
}), cursorAsWritten);

type KeptCursor = { day: string; boards: Array<{ no: number; personal: boolean }>; comments: Record<string, number>; open?: Record<string, Record<string, number>> | 'many'; top?: Record<string, number> };

/** A cursor as `finish` writes it, read by hand (zod-helpers.ts `Recognizer`): what the schema makes of it, or undefined. */
function cursorAsWritten(v: unknown): KeptCursor | undefined {
  if (!isRecord(v) || typeof v['day'] !== 'string' || !Array.isArray(v['boards'])) return undefined;
  const boards: KeptCursor['boards'] = [];
  for (const b of v['boards'] as unknown[]) {
    if (!isRecord(b) || typeof b['no'] !== 'number' || !Number.isFinite(b['no']) || typeof b['personal'] !== 'boolean') return undefined;
    boards.push({ no: b['no'], personal: b['personal'] });
  }
  const comments = numberRecord(v['comments']);
  if (!comments) return undefined;
  const out: KeptCursor = { day: v['day'], boards, comments };
  if (v['open'] === 'many') out.open = 'many';
  else if (v['open'] !== undefined) {
    if (!isRecord(v['open'])) return undefined;
    const open: Record<string, Record<string, number>> = {};
    for (const [board, ids] of Object.entries(v['open'])) {
      const kept = numberRecord(ids);
      if (!kept) return undefined;
      open[board] = kept;
    }
    out.open = open;
  }
  if (v['top'] !== undefined) {
    const top = numberRecord(v['top']);
    if (!top) return undefined;
    out.top = top;
  }
  return out;
}

const readCursor = (text: string | null): Cursor | null => readStoredJson(CursorSchema, text);

/** "6:3672" ↔ board 6, article 3672. */
const idOf = (board: number, article: number) => `${board}:${article}`;
function parseId(id: string): { board: number; article: number } {
  const m = /^(\d+):(\d+)$/.exec(id);
  if (!m) throw new Error(`not a Cafe24 inquiry id: ${id}`);
  return { board: Number(m[1]), article: Number(m[2]) };
}

/** The boards buyers ask on: 1:1 boards and product boards named Q&A or 문의 (not reviews). */
export function inquiryBoards(boards: ReadonlyArray<{ board_no: number; board_type: number; board_name?: string | null | undefined }>): BoardRef[] {
  return boards.flatMap((b): BoardRef[] => {
    if (b.board_type === 7) return [{ no: b.board_no, personal: true }];
    if (b.board_type === 5 && /Q\s*&\s*A|문의/i.test(b.board_name ?? '')) return [{ no: b.board_no, personal: false }];
    return [];
  });
}

function kindOf(a: Article, personal: boolean): InquiryKind {
  if (/배송|택배|송장|출고/.test(`${a.title ?? ''}`)) return 'shipping';
  if (!personal) return 'product';
  return a.order_id ? 'order' : 'other';
}

const isQuestion = (a: Article) => (a.reply_depth ?? 0) === 0 && (a.parent_article_no === null || a.parent_article_no === undefined || a.parent_article_no === 0 || a.parent_article_no === a.article_no);
const byShop = (conn: Cafe24Connection, memberId: string | null | undefined) => memberId === conn.mallId;

/** What one article shows: a question (answered when its status says so), or the mall's reply to one. */
function seenOf(conn: Cafe24Connection, board: BoardRef, a: Article): InquirySeen[] {
  if (a.deleted === 'T') return [];
  if (isQuestion(a)) {
    const answered = a.reply_status === 'C';
    const inquiry: Inquiry = {
      partnerId: conn.partnerId,
      channel: 'cafe24',
      inquiryId: idOf(board.no, a.article_no),
      kind: kindOf(a, board.personal),
      productId: a.product_no ? String(a.product_no) : null,
      orderId: a.order_id ? a.order_id : null,
      title: plainText(a.title ?? ''),
      question: plainText(a.content ?? ''),
      askedAt: a.created_date,
      // The status alone: the text comes with the reply article or comment, when seen.
      answer: answered ? { answerId: null, text: null, at: null, by: a.reply_user_id ?? conn.mallId, editable: false } : null,
    };
    return [{ kind: 'question', inquiry }];
  }
  const parent = a.parent_article_no;
  if (!parent || !byShop(conn, a.member_id)) return [];
  const answer: InquiryAnswer = { answerId: String(a.article_no), text: plainText(a.content ?? ''), at: a.created_date, by: a.writer || conn.mallId, editable: true };
  return [{ kind: 'answer', inquiryId: idOf(board.no, parent), answer }];
}

interface Plan {
  readonly conn: Cafe24Connection;
  readonly startDay: string;
  readonly endDay: string;
  readonly from: number;
  readonly boards: readonly BoardRef[];
  readonly comments: Record<string, number>;
  /** Updated as the articles and comments are read; decides which boards' comments are read. */
  open: Open;
  /** The highest article number per board as the last collect left it, and as this one leaves it. */
  readonly top: Readonly<Record<string, number>>;
  readonly newTop: Record<string, number>;
  readonly now: number;
  /** Also read comments (a collect); a read-back reads articles only. */
  readonly withComments: boolean;
  /** Only these questions (a read-back), or all. */
  readonly only: ReadonlySet<string> | null;
}

/** Articles of board `b` from `offset`, then the next page, board, or the comments. */
function articlesRead(plan: Plan, b: number, offset: number): InquiryRead {
  const board = plan.boards[b]!;
  const { conn } = plan;
  return {
    request: cafe24Request(
      conn,
      'articles.list',
      (s) => adminGet(s, `/boards/${seg(board.no)}/articles`, { start_date: plan.startDay, end_date: plan.endDay, limit: PAGE, offset }),
      (r) => {
        const list = parse('articles.list', conn.mallId, ArticlesList, r).articles.filter((a) => a.created_date >= plan.from - 86_400_000);
        if (plan.withComments) for (const a of list) noteArticle(plan, board.no, a);
        const items = list.flatMap((a) => seenOf(conn, board, a)).filter((x) => keep(plan, x));
        const more = list.length === PAGE && offset + PAGE <= MAX_OFFSET;
        return finish(plan, items, more ? articlesRead(plan, b, offset + PAGE) : afterBoard(plan, b));
      },
    ),
  };
}

function keep(plan: Plan, x: InquirySeen): boolean {
  if (plan.only === null) return true;
  return plan.only.has(x.kind === 'question' ? x.inquiry.inquiryId : x.inquiryId);
}

/** What an article says of the board's open questions: a question unanswered opens, an answer closes. */
function noteArticle(plan: Plan, board: number, a: Article): void {
  const key = String(board);
  plan.newTop[key] = Math.max(plan.newTop[key] ?? 0, a.article_no);
  if (plan.open === 'many') return;
  const onBoard = (plan.open[key] ??= {});
  if (isQuestion(a)) {
    const isNew = a.article_no > (plan.top[key] ?? 0);
    if (a.deleted !== 'T' && a.reply_status !== 'C') {
      if (isNew) onBoard[String(a.article_no)] = a.created_date;
    } else delete onBoard[String(a.article_no)];
  } else if (a.parent_article_no && byShop(plan.conn, a.member_id)) delete onBoard[String(a.parent_article_no)];
}

/** Boards whose comments may answer something: those with an open question (all when not known). */
function boardsWithOpen(plan: Plan): number[] {
  const open = plan.open;
  return plan.boards.map((_, i) => i).filter((i) => open === 'many' || Object.keys(open[String(plan.boards[i]!.no)] ?? {}).length > 0);
}

function afterBoard(plan: Plan, b: number): InquiryRead | null {
  if (b + 1 < plan.boards.length) return articlesRead(plan, b + 1, 0);
  if (!plan.withComments) return null;
  const boards = boardsWithOpen(plan);
  return boards.length > 0 ? commentsRead(plan, boards, 0) : null;
}

/** The board's comments since the last seen: the mall's own answer a question. */
function commentsRead(plan: Plan, boards: readonly number[], i: number): InquiryRead {
  const b = boards[i]!;
  const board = plan.boards[b]!;
  const { conn } = plan;
  const since = plan.comments[String(board.no)] ?? 0;
  return {
    request: cafe24Request(
      conn,
      'comments.list',
      (s) => adminGet(s, `/boards/${seg(board.no)}/comments`, { since_comment_no: since, limit: PAGE }),
      (r) => {
        const list = parse('comments.list', conn.mallId, CommentsList, r).comments;
        const last = list.reduce((m, c) => Math.max(m, c.comment_no), since);
        plan.comments[String(board.no)] = last;
        const shop = list.filter((c) => byShop(conn, c.member_id));
        if (plan.open !== 'many') for (const c of shop) delete plan.open[String(board.no)]?.[String(c.article_no)];
        const items: InquirySeen[] = shop.map((c) => ({ kind: 'answer', inquiryId: idOf(board.no, c.article_no), answer: { answerId: `c${c.comment_no}`, text: plainText(c.content ?? ''), at: c.created_date, by: c.writer || conn.mallId, editable: false } }));
        const next = list.length === PAGE ? commentsRead(plan, boards, i) : i + 1 < boards.length ? commentsRead(plan, boards, i + 1) : null;
        return finish(plan, items, next);
      },
    ),
  };
}

function finish(plan: Plan, items: InquirySeen[], next: InquiryRead | null) {
  const cursor = next === null ? JSON.stringify({ day: plan.endDay, boards: plan.boards, comments: plan.comments, open: keptOpen(plan.open, plan.boards, plan.now), top: plan.newTop } satisfies Cursor) : null;
  return { items, next, cursor };
}

/** The open questions worth keeping: on boards still read, asked within OPEN_DAYS, at most MAX_OPEN. */
function keptOpen(open: Open, boards: readonly BoardRef[], now: number): Open {
  if (open === 'many') return open;
  const out: Record<string, Record<string, number>> = {};
  let n = 0;
  for (const b of boards) {
    const kept = Object.entries(open[String(b.no)] ?? {}).filter(([, at]) => at >= now - OPEN_DAYS * 86_400_000);
    n += kept.length;
    if (kept.length > 0) out[String(b.no)] = Object.fromEntries(kept);
  }
  return n > MAX_OPEN ? 'many' : out;
}

function copyOpen(open: Open): Open {
  return open === 'many' ? open : Object.fromEntries(Object.entries(open).map(([b, ids]) => [b, { ...ids }]));
}

function planFrom(
  conn: Cafe24Connection,
  from: number,
  now: number,
  boards: readonly BoardRef[],
  cursor: Pick<Cursor, 'comments' | 'open' | 'top'> | null,
  withComments: boolean,
  only: ReadonlySet<string> | null,
): Plan {
  const top = cursor?.top ?? {};
  return {
    conn,
    from,
    now,
    boards,
    comments: { ...(cursor?.comments ?? {}) },
    open: copyOpen(cursor?.open ?? {}),
    top,
    newTop: { ...top },
    withComments,
    only,
    // A day before, so an article written just before midnight of the last read is not missed.
    startDay: addSeoulDays(seoulDayOf(from), -1),
    endDay: seoulDayOf(now),
  };
}

/** The boards first (they vary by mall, and may change), then the articles and comments. */
function boardsRead(conn: Cafe24Connection, cursor: Cursor | null, from: number, now: number): InquiryRead {
  return {
    request: cafe24Request(
      conn,
      'boards.list',
      (s) => adminGet(s, '/boards'),
      (r) => {
        const boards = inquiryBoards(parse('boards.list', conn.mallId, BoardsList, r).boards);
        const plan = planFrom(conn, from, now, boards, cursor, true, null);
        return finish(plan, [], boards.length > 0 ? articlesRead(plan, 0, 0) : null);
      },
    ),
  };
}

export const cafe24Inquiries: InquiriesCapability = {
  collect(account: ChannelAccount, cursorText: string | null, now: number): InquiryRead {
    const conn = account as Cafe24Connection;
    // A cursor without the open questions (written before they were kept) is read afresh, as a
    // first read: its look-back finds the questions still open.
    const read = readCursor(cursorText);
    const cursor = read?.open === undefined ? null : read;
    const from = cursor ? seoulDayStart(cursor.day as SeoulDay) : now - FIRST_READ_DAYS * 86_400_000;
    // The boards are looked up once a Seoul day (they vary by mall and rarely change).
    if (cursor !== null && cursor.day === seoulDayOf(now) && cursor.boards.length > 0) {
      const plan = planFrom(conn, from, now, cursor.boards, cursor, true, null);
      return articlesRead(plan, 0, 0);
    }
    return boardsRead(conn, cursor, from, now);
  },
  answer(account, inquiry, text) {
    const conn = account as Cafe24Connection;
    const { board, article } = parseId(inquiry.inquiryId);
    return cafe24Request(
      conn,
      'articles.reply',
      (s) => adminBulk(s, 'post', `/boards/${seg(board)}/articles`, [{ reply_article_no: article, title: inquiry.title.slice(0, 256) || '문의 답변', content: asBoardHtml(text), writer: conn.mallId, member_id: conn.mallId, client_ip: CLIENT_IP, reply_status: 'C' }]),
      (r) => {
        const made = parse('articles.reply', conn.mallId, ArticlesList, r).articles[0];
        return { answerId: made ? String(made.article_no) : null };
      },
    );
  },
  update(account, inquiryId, answerId, text) {
    const conn = account as Cafe24Connection;
    const { board } = parseId(inquiryId);
    return cafe24Request(conn, 'articles.update', (s) => adminSingle(s, 'put', `/boards/${seg(board)}/articles/${seg(answerId)}`, { content: asBoardHtml(text) }), (r) => void parse('articles.update', conn.mallId, ArticleOne, r));
  },
  readBack(account, inquiryIds, since, now) {
    const conn = account as Cafe24Connection;
    const boards = [...new Set(inquiryIds.map((id) => parseId(id).board))].map((no) => ({ no, personal: false }));
    const plan = planFrom(conn, since, now, boards, { comments: {}, open: 'many' }, false, new Set(inquiryIds));
    // Reply articles the mall made since the post (children are listed by their own date).
    return articlesRead(plan, 0, 0);
  },
};
