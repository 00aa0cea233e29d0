/**
 * Boards, articles and comments (inquiries-api.md §A): a mall's product Q&A and 1:1 boards,
 * buyers' questions as articles, answers as reply articles (R1) or comments (R2). Scope group
 * `community`. Kept beside each mall's state (a WeakMap), created with the mall's default boards
 * on first use.
 *
 * Choices where the reference is silent (README, and a `strict` switch each):
 * - `boardArticleOrder`: the list's order is undocumented; newest first (default) or oldest.
 * - `adminAnswerAs`: what an answer typed in the Cafe24 admin becomes; a comment (default: the
 *   latest live observation, 2026-08-26, with the parent left at `N`) or a reply article with the
 *   parent moved to `C` (older answers).
 * - `deletedArticles`: an article the buyer deleted is left out of lists (default) or listed with
 *   `deleted: "T"`; a reply to it answers 404 either way.
 * - The date window filters on each article's own `created_date` (the reference's open question
 *   2); a reply child outside the window is not listed.
 */
import { z } from 'zod';
import { ApiError, ControlError, paramError } from './errors';
import { parseWith } from './envelope';
import type { Json, MallState } from './model';
import type { ResolvedOptions } from './options';
import { dateWindow, intParam, listParam, enumParam, flagParam } from './paging';
import type { Route } from './router';
import { kstIso } from './time';

export interface Board {
  board_no: number;
  board_type: number;
  board_name: string;
}

export interface Article {
  board_no: number;
  article_no: number;
  parent_article_no: number | null;
  reply_depth: number;
  product_no: number | null;
  order_id: string | null;
  title: string;
  content: string;
  writer: string;
  member_id: string | null;
  client_ip: string;
  secret: 'T' | 'F';
  reply_status: 'N' | 'P' | 'C' | null;
  reply_user_id: string | null;
  deleted: 'T' | 'F';
  created: number;
}

export interface Comment {
  board_no: number;
  article_no: number;
  comment_no: number;
  content: string;
  writer: string;
  member_id: string | null;
  client_ip: string;
  created: number;
}

interface BoardState {
  boards: Board[];
  articles: Article[];
  comments: Comment[];
  nextArticle: Map<number, number>;
  nextComment: number;
}

/** The boards two unrelated malls share by default (§A2): 상품후기 4, 상품 Q&A 6, 1:1 맞춤상담 9. */
export const DEFAULT_BOARDS: readonly Board[] = [
  { board_no: 1, board_type: 1, board_name: '공지사항' },
  { board_no: 4, board_type: 5, board_name: '상품 사용후기' },
  { board_no: 6, board_type: 5, board_name: '상품 Q&A' },
  { board_no: 9, board_type: 7, board_name: '1:1 맞춤상담' },
];

const states = new WeakMap<MallState, BoardState>();

export function boardsOf(mall: MallState): BoardState {
  let s = states.get(mall);
  if (!s) {
    s = { boards: DEFAULT_BOARDS.map((b) => ({ ...b })), articles: [], comments: [], nextArticle: new Map(), nextComment: 1 };
    states.set(mall, s);
  }
  return s;
}

function board(mall: MallState, boardNo: number): Board {
  const b = boardsOf(mall).boards.find((x) => x.board_no === boardNo);
  if (!b) throw new ApiError(404, `No board found. (${boardNo})`);
  return b;
}

function article(mall: MallState, boardNo: number, articleNo: number): Article {
  const a = boardsOf(mall).articles.find((x) => x.board_no === boardNo && x.article_no === articleNo && x.deleted === 'F');
  if (!a) throw new ApiError(404, `No article found. (${articleNo})`);
  return a;
}

function addArticle(mall: MallState, fields: Omit<Article, 'article_no'>): Article {
  const s = boardsOf(mall);
  const no = (s.nextArticle.get(fields.board_no) ?? 1);
  s.nextArticle.set(fields.board_no, no + 1);
  const a: Article = { ...fields, article_no: no };
  s.articles.push(a);
  return a;
}

function addComment(mall: MallState, fields: Omit<Comment, 'comment_no'>): Comment {
  const s = boardsOf(mall);
  const c: Comment = { ...fields, comment_no: s.nextComment++ };
  s.comments.push(c);
  return c;
}

/** A reply article (R1): a child of the question; a `reply_status` given goes to the parent (§A9). */
function replyArticle(mall: MallState, parent: Article, fields: { title: string; content: string; writer: string; member_id: string | null; client_ip: string; reply_status?: 'N' | 'P' | 'C' | undefined }, now: number): Article {
  const child = addArticle(mall, {
    board_no: parent.board_no,
    parent_article_no: parent.article_no,
    reply_depth: parent.reply_depth + 1,
    product_no: parent.product_no,
    order_id: null,
    title: fields.title,
    content: fields.content,
    writer: fields.writer,
    member_id: fields.member_id,
    client_ip: fields.client_ip,
    secret: parent.secret,
    reply_status: null,
    reply_user_id: null,
    deleted: 'F',
    created: now,
  });
  if (fields.reply_status !== undefined) {
    parent.reply_status = fields.reply_status;
    if (fields.reply_status !== 'N') parent.reply_user_id = mall.mall_id;
  }
  return child;
}

// ---------------------------------------------------------------- rendering

export function renderBoard(b: Board): Json {
  return { shop_no: 1, board_no: b.board_no, board_type: b.board_type, board_name: b.board_name, use_board: 'T', use_display: 'T', attached_file: 'T', article_display_type: 'A' };
}

export function renderArticle(a: Article): Json {
  return {
    shop_no: 1,
    article_no: a.article_no,
    parent_article_no: a.parent_article_no,
    board_no: a.board_no,
    product_no: a.product_no ?? 0,
    category_no: 0,
    board_category_no: 0,
    reply_sequence: a.reply_depth === 0 ? 0 : 1,
    reply_depth: a.reply_depth,
    display: 'T',
    secret: a.secret,
    notice: 'F',
    fixed: 'F',
    deleted: a.deleted,
    input_channel: 'P',
    order_id: a.order_id,
    writer: a.writer,
    writer_email: '',
    member_id: a.member_id,
    nick_name: null,
    client_ip: a.client_ip,
    created_date: kstIso(a.created),
    title: a.title,
    content: a.content,
    rating: null,
    sales_channel: null,
    reply: 'F',
    reply_mail: 'N',
    reply_user_id: a.reply_user_id,
    reply_status: a.reply_status,
    hit: 0,
    supplier_id: null,
    naverpay_review_id: null,
    attach_file_urls: [],
  };
}

export function renderComment(c: Comment): Json {
  return {
    shop_no: 1,
    board_no: c.board_no,
    article_no: c.article_no,
    comment_no: c.comment_no,
    content: c.content,
    writer: c.writer,
    member_id: c.member_id,
    created_date: kstIso(c.created),
    client_ip: c.client_ip,
    rating: null,
    secret: 'F',
    parent_comment_no: null,
    input_channel: 'P',
    attach_file_urls: [],
  };
}

// ---------------------------------------------------------------- the API

const ARTICLE_CAPS = { defaultLimit: 10, maxLimit: 100, maxOffset: 8000 };

function page(q: URLSearchParams): { limit: number; offset: number } {
  const limit = intParam(q, 'limit') ?? ARTICLE_CAPS.defaultLimit;
  if (limit < 1 || limit > ARTICLE_CAPS.maxLimit) throw paramError('limit', `should be between 1 and ${ARTICLE_CAPS.maxLimit}.`);
  const offset = intParam(q, 'offset') ?? 0;
  if (offset < 0 || offset > ARTICLE_CAPS.maxOffset) throw paramError('offset', `should be between 0 and ${ARTICLE_CAPS.maxOffset}.`);
  return { limit, offset };
}

const text = (max: number) => z.string().min(1).max(max);
const ArticleCreate = z.looseObject({
  reply_article_no: z.number().int().positive().optional(),
  writer: text(100),
  title: text(256),
  content: z.string().min(1),
  client_ip: z.string().min(1),
  member_id: z.string().max(20).optional(),
  product_no: z.number().int().optional(),
  order_id: z.string().optional(),
  secret: z.enum(['T', 'F']).optional(),
  reply_status: z.enum(['N', 'P', 'C']).optional(),
});
/** PUT takes only these (§A6); `reply_status` among them is refused. */
const ARTICLE_PUT_FIELDS = ['title', 'content', 'rating', 'sales_channel', 'board_category_no', 'display', 'notice', 'fixed', 'display_time_start_hour', 'display_time_end_hour', 'attach_file_url1', 'attach_file_url2', 'attach_file_url3', 'attach_file_url4', 'attach_file_url5'];
const CommentCreate = z.looseObject({ content: z.string().min(1), writer: text(100), password: z.string().min(1).max(20), member_id: z.string().max(20).optional() });

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The article POST's envelope (§A8): a flat body is a 400; `request` with `board_no` inside is a 422. */
function articleRequests(body: unknown): unknown[] {
  if (!isObject(body) || (!('requests' in body) && !('request' in body))) throw new ApiError(400, 'Bad Request');
  if (body.shop_no !== undefined && body.shop_no !== 1) throw new ApiError(422, '[Shop_no] The shop does not exist. (parameter.shop_no)');
  if (!Array.isArray(body.requests)) throw new ApiError(422, 'An invalid request is entered.');
  if (body.requests.length === 0) throw new ApiError(422, '[Requests] is required. (parameter.requests)');
  if (body.requests.length > 10) throw new ApiError(422, '[Requests] You can send up to 10 objects per request. (parameter.requests)');
  return body.requests;
}

function singleRequest(body: unknown): Json {
  if (!isObject(body) || !isObject(body.request)) throw new ApiError(422, '[Request] is required. (parameter.request)');
  if (body.shop_no !== undefined && body.shop_no !== 1) throw new ApiError(422, '[Shop_no] The shop does not exist. (parameter.shop_no)');
  return body.request;
}

export function boardRoutes(opts: ResolvedOptions): Route[] {
  const ordered = (list: Article[]) => (opts.strict.boardArticleOrder === 'oldest' ? list.sort((a, b) => a.created - b.created || a.article_no - b.article_no) : list.sort((a, b) => b.created - a.created || b.article_no - a.article_no));
  const listed = (a: Article) => a.deleted === 'F' || opts.strict.deletedArticles === 'flagged';
  return [
    {
      method: 'GET',
      pattern: '/boards',
      scope: 'community',
      query: { read: [] },
      handler: (ctx) => ({ status: 200, body: { boards: boardsOf(ctx.mall).boards.map(renderBoard) } }),
    },
    {
      method: 'GET',
      pattern: '/boards/:board_no/articles',
      scope: 'community',
      query: {
        read: ['article_no', 'start_date', 'end_date', 'reply_status', 'comment', 'product_no', 'limit', 'offset'],
        notEmulated: ['board_category_no', 'input_channel', 'search', 'keyword', 'attached_file', 'article_type', 'has_product', 'is_notice', 'is_display', 'supplier_id'],
      },
      handler: (ctx) => {
        const b = board(ctx.mall, Number(ctx.params.board_no));
        const q = ctx.query;
        const { limit, offset } = page(q);
        const win = dateWindow(q, { required: false, maxMonths: 12 });
        const numbers = listParam(q, 'article_no')?.map(Number);
        const replyStatus = enumParam(q, 'reply_status', ['N', 'P', 'C'] as const);
        const hasComment = flagParam(q, 'comment');
        const productNo = intParam(q, 'product_no');
        const s = boardsOf(ctx.mall);
        const list = s.articles.filter(
          (a) =>
            a.board_no === b.board_no &&
            listed(a) &&
            (numbers === undefined || numbers.includes(a.article_no)) &&
            (win === undefined || (a.created >= win.start && a.created <= win.end)) &&
            (replyStatus === undefined || a.reply_status === replyStatus) &&
            (productNo === undefined || a.product_no === productNo) &&
            (hasComment === undefined || s.comments.some((c) => c.board_no === a.board_no && c.article_no === a.article_no) === (hasComment === 'T')),
        );
        const rows = ordered(list).slice(offset, offset + limit).map(renderArticle);
        const links = offset + limit < list.length ? [{ rel: 'next', href: `https://${ctx.mall.mall_id}.cafe24api.com/api/v2/boards/${b.board_no}/articles?limit=${limit}&offset=${offset + limit}` }] : [];
        return { status: 200, body: { articles: rows, links } };
      },
    },
    {
      method: 'POST',
      pattern: '/boards/:board_no/articles',
      scope: 'community',
      handler: (ctx) => {
        const b = board(ctx.mall, Number(ctx.params.board_no));
        const made = articleRequests(ctx.body).map((raw, i) => {
          const req = parseWith(ArticleCreate, raw, `requests.${i}`);
          if (req.reply_article_no !== undefined) {
            const parent = article(ctx.mall, b.board_no, req.reply_article_no);
            return replyArticle(ctx.mall, parent, { title: req.title, content: req.content, writer: req.writer, member_id: req.member_id ?? null, client_ip: req.client_ip, reply_status: req.reply_status }, ctx.now);
          }
          return addArticle(ctx.mall, {
            board_no: b.board_no,
            parent_article_no: null,
            reply_depth: 0,
            product_no: req.product_no ?? null,
            order_id: req.order_id ?? null,
            title: req.title,
            content: req.content,
            writer: req.writer,
            member_id: req.member_id ?? null,
            client_ip: req.client_ip,
            secret: req.secret ?? 'F',
            reply_status: req.reply_status ?? 'N',
            reply_user_id: null,
            deleted: 'F',
            created: ctx.now,
          });
        });
        return { status: 201, body: { articles: made.map(renderArticle) } };
      },
    },
    {
      method: 'PUT',
      pattern: '/boards/:board_no/articles/:article_no',
      scope: 'community',
      handler: (ctx) => {
        const a = article(ctx.mall, Number(ctx.params.board_no), Number(ctx.params.article_no));
        const req = singleRequest(ctx.body);
        for (const k of Object.keys(req)) if (!ARTICLE_PUT_FIELDS.includes(k)) throw paramError(k, 'cannot be changed with this API.');
        if (req.title !== undefined) a.title = parseWith(text(256), req.title, 'title');
        if (req.content !== undefined) a.content = parseWith(z.string().min(1), req.content, 'content');
        return { status: 200, body: { article: renderArticle(a) } };
      },
    },
    {
      method: 'GET',
      pattern: '/boards/:board_no/articles/:article_no/comments',
      scope: 'community',
      query: { read: ['limit', 'offset'] },
      handler: (ctx) => {
        const a = article(ctx.mall, Number(ctx.params.board_no), Number(ctx.params.article_no));
        const { limit, offset } = page(ctx.query);
        const list = boardsOf(ctx.mall).comments.filter((c) => c.board_no === a.board_no && c.article_no === a.article_no);
        return { status: 200, body: { comments: list.slice(offset, offset + limit).map(renderComment) } };
      },
    },
    {
      method: 'POST',
      pattern: '/boards/:board_no/articles/:article_no/comments',
      scope: 'community',
      handler: (ctx) => {
        const a = article(ctx.mall, Number(ctx.params.board_no), Number(ctx.params.article_no));
        const req = parseWith(CommentCreate, singleRequest(ctx.body), '');
        const c = addComment(ctx.mall, { board_no: a.board_no, article_no: a.article_no, content: req.content, writer: req.writer, member_id: req.member_id ?? null, client_ip: '', created: ctx.now });
        return { status: 201, body: { comment: renderComment(c) } };
      },
    },
    {
      method: 'GET',
      pattern: '/boards/:board_no/comments',
      scope: 'community',
      query: { read: ['since_comment_no', 'limit'] },
      handler: (ctx) => {
        const b = board(ctx.mall, Number(ctx.params.board_no));
        const since = intParam(ctx.query, 'since_comment_no') ?? 0;
        const limit = intParam(ctx.query, 'limit') ?? 10;
        if (limit < 1 || limit > 100) throw paramError('limit', 'should be between 1 and 100.');
        const list = boardsOf(ctx.mall).comments.filter((c) => c.board_no === b.board_no && c.comment_no > since).sort((x, y) => x.comment_no - y.comment_no);
        return { status: 200, body: { comments: list.slice(0, limit).map(renderComment) } };
      },
    },
  ];
}

// ---------------------------------------------------------------- control operations

export const AskInput = z.strictObject({
  /** 'product' (상품 Q&A, board 6 by default), 'personal' (1:1, board 9), or a board number. */
  board: z.union([z.enum(['product', 'personal']), z.number().int().positive()]).default('product'),
  title: z.string().min(1).max(256),
  content: z.string().min(1),
  writer: z.string().min(1).max(100).default('구매자'),
  member_id: z.string().max(20).nullable().default(null),
  product_no: z.number().int().positive().optional(),
  order_id: z.string().optional(),
  secret: z.boolean().default(true),
  /** When it was asked (ISO with offset), for a question asked before now; default now. */
  asked_at: z.iso.datetime({ offset: true }).optional(),
});

export const AnswerInAdminInput = z.strictObject({
  board_no: z.number().int().positive(),
  article_no: z.number().int().positive(),
  content: z.string().min(1),
  /** How the admin stores it; default the fake's `adminAnswerAs`. */
  as: z.enum(['comment', 'replyArticle']).optional(),
});

export const DeleteArticleInput = z.strictObject({ board_no: z.number().int().positive(), article_no: z.number().int().positive() });

function boardNoFor(mall: MallState, which: z.output<typeof AskInput>['board']): number {
  if (typeof which === 'number') return which;
  const boards = boardsOf(mall).boards;
  const b = which === 'personal' ? boards.find((x) => x.board_type === 7) : boards.find((x) => x.board_type === 5 && /Q\s*&\s*A|문의/i.test(x.board_name));
  if (!b) throw new ControlError(`askQuestion: ${mall.mall_id} has no ${which} board`);
  return b.board_no;
}

/** A buyer asks on the mall's product Q&A or 1:1 board. */
export function askQuestion(mall: MallState, input: z.output<typeof AskInput>, now: number): Json {
  const boardNo = boardNoFor(mall, input.board);
  board(mall, boardNo);
  const a = addArticle(mall, {
    board_no: boardNo,
    parent_article_no: null,
    reply_depth: 0,
    product_no: input.product_no ?? null,
    order_id: input.order_id ?? null,
    title: input.title,
    content: input.content,
    writer: input.writer,
    member_id: input.member_id,
    client_ip: '203.0.113.7',
    secret: input.secret ? 'T' : 'F',
    reply_status: 'N',
    reply_user_id: null,
    deleted: 'F',
    created: input.asked_at !== undefined ? Date.parse(input.asked_at) : now,
  });
  return renderArticle(a);
}

/** Staff answer in the Cafe24 admin (not through the API): a comment, or a reply article. */
export function answerInAdmin(mall: MallState, input: z.output<typeof AnswerInAdminInput>, now: number, opts: ResolvedOptions): Json {
  const parent = article(mall, input.board_no, input.article_no);
  const as = input.as ?? opts.strict.adminAnswerAs;
  if (as === 'comment') return renderComment(addComment(mall, { board_no: parent.board_no, article_no: parent.article_no, content: input.content, writer: mall.shop_name || mall.mall_id, member_id: mall.mall_id, client_ip: '', created: now }));
  return renderArticle(replyArticle(mall, parent, { title: parent.title, content: input.content, writer: mall.shop_name || mall.mall_id, member_id: mall.mall_id, client_ip: '', reply_status: 'C' }, now));
}

/** The buyer deletes their question. */
export function deleteArticle(mall: MallState, input: z.output<typeof DeleteArticleInput>): Json {
  const a = article(mall, input.board_no, input.article_no);
  a.deleted = 'T';
  return { article: { shop_no: 1, board_no: a.board_no, article_no: a.article_no } };
}

/** Every article and comment of the mall, for state snapshots and specs. */
export function boardSnapshot(mall: MallState): { articles: Json[]; comments: Json[] } {
  const s = boardsOf(mall);
  return { articles: s.articles.map(renderArticle), comments: s.comments.map(renderComment) };
}
