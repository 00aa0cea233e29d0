/**
 * SmartStore's customer inquiries as the port asks for them (inquiries-api.md §B): 상품 문의
 * (product Q&A, `GET /v1/contents/qnas`) and 고객 문의 (customer inquiries,
 * `GET /v1/pay-user/inquiries`), two id spaces kept apart as `qna:{questionId}` and
 * `inq:{inquiryNo}`.
 *
 * - Neither list says what changed since a time (both filter on when the question was asked), so
 *   a collect reads every question asked in a sliding window: the last 7 days (the response
 *   rate's), reaching back to the oldest question still open at the last read (at most 30
 *   days), so an answer given at the seller centre to an older one is still seen. Every page of
 *   both lists is read; the job keeps the sheet untouched when a read shows nothing new.
 * - A product question has one answer: `PUT qnas/{id}` registers or overwrites it (204), so the
 *   add-on's edit is the same call. A customer inquiry's first answer is `POST …/answer`, an
 *   edit `PUT …/answer/{answerContentId}`; a POST refused with ERR-NC-101010 (one is there
 *   already) is read as "look it up": the job reads it back and never posts twice.
 * - A read-back reads the answered questions from the oldest one's asking time (the lists cannot
 *   fetch one by id).
 * - Text is sent and shown as typed: Naver stores it as plain text (no board HTML).
 */
import * as z from '../../core/zod';
import { builtOnUse, builtOnUseSharing, fail, map } from '../../core/zod-helpers';
import { inShapeOrder, isEmptyList, isNumber, isRecord, isSafeInt } from '../../core/recognize';
import type { HttpRequest, HttpResponse } from '../../core/http';
import { queryString } from '../../core/http';
import type { Inquiry, InquiryAnswer, InquiryKind, InquirySeen } from '../../core/inquiries';
import { DAY_MS, seoulDayOf } from '../../core/seoul-time';
import type { ChannelAccount, ChannelRequest, InquiriesCapability, InquiryPage, InquiryRead, PostedAnswer } from '../port';
import { NAVER_API, type NaverAccount } from './connection';
import { ALREADY_ANSWERED, errorParts } from './errors';
import { kstIso } from './requests';
import { readJson } from './schemas';
import { naverRequest, signed, type NaverSession } from './transport';
import { readStoredJson } from '../../core/stored-json';

export const QNA_PAGE = 100;
export const INQUIRY_PAGE = 200;
/** A collect covers at least this far back: the response rate's 7 days. */
export const LOOKBACK_MS = 7 * DAY_MS;
/** ...and at most this far, following the oldest open question. */
export const MAX_LOOKBACK_MS = 30 * DAY_MS;
/** The customer-inquiry list's widest window (docs: 365 days). */
const MAX_INQUIRY_DAYS = 365;

// ---------------------------------------------------------------------------------------------
// ids

export type NaverInquiryRef = { readonly space: 'qna'; readonly id: string } | { readonly space: 'inq'; readonly id: string };

export const qnaId = (questionId: number | string) => `qna:${questionId}`;
export const inquiryId = (inquiryNo: number | string) => `inq:${inquiryNo}`;

export function parseNaverInquiryId(text: string): NaverInquiryRef {
  const m = /^(qna|inq):(\d+)$/.exec(text);
  if (!m) throw new Error(`not a SmartStore inquiry id: ${text}`);
  return { space: m[1] as 'qna' | 'inq', id: m[2]! };
}

// ---------------------------------------------------------------------------------------------
// answers as Naver writes them

/** The answers' schemas, built on first use, and the small ones they share. */
const lazily = builtOnUseSharing(() => ({
  when: map(z.string(), (s, ctx) => {
    const ms = Date.parse(s);
    return Number.isFinite(ms) ? ms : fail(ctx, `not a date-time: ${s}`);
  }),
  idNum: map(z.union([z.number().check(z.int()), z.string().check(z.regex(/^\d+$/))]), String),
  text: z.nullish(z.string()),
}));

export const QnaItem = lazily(({ when, idNum, text }) => z.looseObject({ questionId: idNum, createDate: when, question: text, answer: text, answered: z.nullish(z.boolean()), productId: z.nullish(idNum), productName: text }));
/**
 * A page without questions (a quiet collect's every answer), read by hand (zod-helpers.ts
 * `Recognizer`): every 10 minutes, and it spares building the lists' schemas. Its page fields as
 * the schema checks them: `z.optional` of an int or a boolean.
 */
const optInt = (v: unknown) => v === undefined || isSafeInt(v);
const pageFieldsRight = (v: Record<string, unknown>) => optInt(v['totalPages']) && (v['last'] === undefined || typeof v['last'] === 'boolean');
const noQnas = (v: unknown) => (isRecord(v) && isEmptyList(v['contents']) && optInt(v['page']) && pageFieldsRight(v) ? inShapeOrder<{ contents: [] }>(v, ['contents', 'page', 'totalPages', 'last']) : undefined);
export const QnaList = builtOnUse(() => z.looseObject({ contents: z._default(z.array(QnaItem), []), page: z.optional(z.number().check(z.int())), totalPages: z.optional(z.number().check(z.int())), last: z.optional(z.boolean()) }), noQnas);

export const InquiryItem = lazily(({ when, idNum, text }) => z.looseObject({
  inquiryNo: idNum,
  category: text,
  title: text,
  inquiryContent: text,
  inquiryRegistrationDateTime: when,
  answered: z.nullish(z.boolean()),
  answerContentId: z.nullish(idNum),
  answerContent: text,
  answerRegistrationDateTime: z.nullish(when),
  orderId: text,
  productNo: z.nullish(idNum),
  productName: text,
}));
const SpringPage = builtOnUse(() => z.looseObject({ content: z._default(z.array(InquiryItem), []), totalPages: z.optional(z.number().check(z.int())), last: z.optional(z.boolean()) }));
/** The bare Spring page the docs show, or the same inside `{code, message, data}`. */
export const InquiryList = builtOnUse(() => map(z.union([z.extend(SpringPage, { content: z.array(InquiryItem) }), z.looseObject({ data: SpringPage })]), (x) => ('data' in x && !('content' in x) ? x.data : (x as z.output<typeof SpringPage>))), noInquiries);

/** An empty Spring page, bare or as the envelope's `data` (then the page is what the schema gives). */
function noInquiries(v: unknown) {
  const emptyPage = (p: unknown) => (isRecord(p) && isEmptyList(p['content']) && pageFieldsRight(p) ? inShapeOrder<{ content: [] }>(p, ['content', 'totalPages', 'last']) : undefined);
  if (!isRecord(v)) return undefined;
  return v['content'] === undefined ? emptyPage(v['data']) : emptyPage(v);
}

export const AnswerEnvelope = lazily(({ idNum, text }) => z.looseObject({ code: text, data: z.nullish(z.looseObject({ inquiryCommentNo: z.nullish(idNum) })) }));

/** 상품/배송/반품/교환/환불/기타 as the 문의 tab's kinds. */
export function kindOfCategory(category: string | null | undefined): InquiryKind {
  switch ((category ?? '').trim()) {
    case '상품':
      return 'product';
    case '배송':
      return 'shipping';
    case '반품':
    case '교환':
    case '환불':
      return 'order';
    default:
      return 'other';
  }
}

export function seenOfQna(account: NaverAccount, q: z.output<typeof QnaItem>): InquirySeen {
  const answered = q.answered ?? (q.answer !== null && q.answer !== undefined);
  // One answer per question, always the add-on's to overwrite: its id is the question's.
  const answer: InquiryAnswer | null = answered ? { answerId: q.questionId, text: q.answer ?? null, at: null, by: account.accountId, editable: true } : null;
  const inquiry: Inquiry = {
    partnerId: account.partnerId,
    channel: 'naver',
    inquiryId: qnaId(q.questionId),
    kind: 'product',
    productId: q.productId ?? null,
    orderId: null,
    title: q.productName ? `상품 문의: ${q.productName}` : '상품 문의',
    question: q.question ?? '',
    askedAt: q.createDate,
    answer,
  };
  return { kind: 'question', inquiry };
}

export function seenOfInquiry(account: NaverAccount, i: z.output<typeof InquiryItem>): InquirySeen {
  const hasId = i.answerContentId !== null && i.answerContentId !== undefined;
  const answered = i.answered ?? hasId;
  const answer: InquiryAnswer | null = answered
    ? { answerId: hasId ? i.answerContentId! : null, text: i.answerContent ?? null, at: i.answerRegistrationDateTime ?? null, by: account.accountId, editable: hasId }
    : null;
  const inquiry: Inquiry = {
    partnerId: account.partnerId,
    channel: 'naver',
    inquiryId: inquiryId(i.inquiryNo),
    kind: kindOfCategory(i.category),
    productId: i.productNo ?? null,
    orderId: i.orderId ? i.orderId : null,
    title: i.title ?? '',
    question: i.inquiryContent ?? '',
    askedAt: i.inquiryRegistrationDateTime,
    answer,
  };
  return { kind: 'question', inquiry };
}

// ---------------------------------------------------------------------------------------------
// requests

const JSON_TYPE = 'application/json';
const send = (s: NaverSession, method: 'post' | 'put', url: string, body: unknown): HttpRequest =>
  signed(s, { method, url, headers: { 'Content-Type': JSON_TYPE }, payload: JSON.stringify(body), contentType: JSON_TYPE });

export function qnaListRequest(s: NaverSession, q: { from: number; to: number; page: number; answered?: boolean }): HttpRequest {
  return signed(s, { method: 'get', url: `${NAVER_API}/v1/contents/qnas${queryString({ fromDate: kstIso(q.from), toDate: kstIso(q.to), page: q.page, size: QNA_PAGE, answered: q.answered })}` });
}

export function inquiryListRequest(s: NaverSession, q: { from: number; to: number; page: number; answered?: boolean }): HttpRequest {
  const params = { startSearchDate: seoulDayOf(q.from), endSearchDate: seoulDayOf(q.to), page: q.page, size: INQUIRY_PAGE, answered: q.answered === undefined ? undefined : String(q.answered) };
  return signed(s, { method: 'get', url: `${NAVER_API}/v1/pay-user/inquiries${queryString(params)}` });
}

export const qnaAnswerRequest = (s: NaverSession, questionId: string, answer: string) => send(s, 'put', `${NAVER_API}/v1/contents/qnas/${encodeURIComponent(questionId)}`, { commentContent: answer });
export const inquiryAnswerRequest = (s: NaverSession, inquiryNo: string, answer: string) => send(s, 'post', `${NAVER_API}/v1/pay-merchant/inquiries/${encodeURIComponent(inquiryNo)}/answer`, { answerComment: answer });
export const inquiryAnswerUpdateRequest = (s: NaverSession, inquiryNo: string, answerContentId: string, answer: string) =>
  send(s, 'put', `${NAVER_API}/v1/pay-merchant/inquiries/${encodeURIComponent(inquiryNo)}/answer/${encodeURIComponent(answerContentId)}`, { answerComment: answer });

/** A 204 (or any 2xx) with nothing to read. */
function noContent(call: string, account: NaverAccount, r: HttpResponse): void {
  if (r.status < 200 || r.status > 299) readJson(call, account.accountId, z.unknown(), r);
}

/** The first answer's reply: its id when Naver gives it; "already answered" leaves it to the read-back. */
export function readPostedAnswer(account: NaverAccount, r: HttpResponse): PostedAnswer {
  if (r.status === 400 && errorParts(r.body).code === ALREADY_ANSWERED) return { answerId: null };
  if (r.status >= 200 && r.status <= 299 && r.body.trim() === '') return { answerId: null };
  const env = readJson('inquiries.answer', account.accountId, AnswerEnvelope, r);
  return { answerId: env.data?.inquiryCommentNo ?? null };
}

// ---------------------------------------------------------------------------------------------
// reading: plans of pages

interface Plan {
  readonly account: NaverAccount;
  readonly from: { readonly qna: number; readonly inq: number };
  readonly to: number;
  /** Read both lists (a collect) or only the spaces asked for (a read-back: answered ones only). */
  readonly spaces: ReadonlyArray<'qna' | 'inq'>;
  readonly answeredOnly: boolean;
  readonly only: ReadonlySet<string> | null;
  /** The oldest open question seen so far, per space (the next collect reaches back to it). */
  readonly open: { qna: number | null; inq: number | null };
}

/** What a collect passes to the next: the asking time of the oldest question still open, per list. */
/** Exported for the spec that holds the recognizer to the schema. */
export const CursorSchema = builtOnUse(() => z.object({ qna: z.nullable(z.number()), inq: z.nullable(z.number()) }), cursorAsWritten);
const openAt = (v: unknown) => v === null || isNumber(v);
/** A cursor as `finish` writes it, read by hand (zod-helpers.ts `Recognizer`). */
function cursorAsWritten(v: unknown): { qna: number | null; inq: number | null } | undefined {
  return isRecord(v) && openAt(v['qna']) && openAt(v['inq']) ? { qna: v['qna'] as number | null, inq: v['inq'] as number | null } : undefined;
}
type Cursor = z.output<typeof CursorSchema>;

const readCursor = (text: string | null): Cursor | null => readStoredJson(CursorSchema, text);

/** From where a collect reads a list: 7 days back, or to the oldest open question (within 30 days). */
export function windowStart(openAt: number | null, now: number): number {
  const base = now - LOOKBACK_MS;
  return openAt === null ? base : Math.max(now - MAX_LOOKBACK_MS, Math.min(base, openAt - 60_000));
}

function pageRead(plan: Plan, s: number, page: number): InquiryRead {
  const space = plan.spaces[s]!;
  const { account } = plan;
  const q = { from: plan.from[space], to: plan.to, page, ...(plan.answeredOnly ? { answered: true } : {}) };
  const request: ChannelRequest<InquiryPage> =
    space === 'qna'
      ? naverRequest(account, 'qnas.list', (x) => qnaListRequest(x, q), (r) => {
          const list = readJson('qnas.list', account.accountId, QnaList, r);
          const items = list.contents.map((x) => seenOfQna(account, x));
          return finish(plan, items, more(list.contents.length, QNA_PAGE, page, list) ? pageRead(plan, s, page + 1) : after(plan, s));
        })
      : naverRequest(account, 'inquiries.list', (x) => inquiryListRequest(x, q), (r) => {
          const list = readJson('inquiries.list', account.accountId, InquiryList, r);
          const items = list.content.map((x) => seenOfInquiry(account, x));
          return finish(plan, items, more(list.content.length, INQUIRY_PAGE, page, list) ? pageRead(plan, s, page + 1) : after(plan, s));
        });
  return { request };
}

/** Another page follows: the page fields say so, or (without them) this one was full. */
function more(count: number, size: number, page: number, list: { totalPages?: number | undefined; last?: boolean | undefined }): boolean {
  if (count === 0) return false;
  if (list.last !== undefined) return !list.last;
  if (list.totalPages !== undefined) return page < list.totalPages;
  return count === size;
}

const after = (plan: Plan, s: number): InquiryRead | null => (s + 1 < plan.spaces.length ? pageRead(plan, s + 1, 1) : null);

function finish(plan: Plan, seen: InquirySeen[], next: InquiryRead | null): InquiryPage {
  const items = seen.filter((x) => x.kind === 'question' && (plan.only === null || plan.only.has(x.inquiry.inquiryId)));
  for (const x of items) {
    if (x.kind !== 'question' || x.inquiry.answer !== null) continue;
    const space = x.inquiry.inquiryId.startsWith('qna:') ? 'qna' : 'inq';
    const was = plan.open[space];
    plan.open[space] = was === null ? x.inquiry.askedAt : Math.min(was, x.inquiry.askedAt);
  }
  const cursor = next === null && plan.only === null ? JSON.stringify({ qna: plan.open.qna, inq: plan.open.inq } satisfies Cursor) : null;
  return { items, next, cursor };
}

export const naverInquiries: InquiriesCapability = {
  collect(account: ChannelAccount, cursorText: string | null, now: number): InquiryRead {
    const a = account as NaverAccount;
    const cursor = readCursor(cursorText);
    const from = { qna: windowStart(cursor?.qna ?? null, now), inq: windowStart(cursor?.inq ?? null, now) };
    return pageRead({ account: a, from, to: now, spaces: ['qna', 'inq'], answeredOnly: false, only: null, open: { qna: null, inq: null } }, 0, 1);
  },
  answer(account, inquiry, answerText) {
    const a = account as NaverAccount;
    const ref = parseNaverInquiryId(inquiry.inquiryId);
    if (ref.space === 'qna') return naverRequest(a, 'qnas.answer', (s) => qnaAnswerRequest(s, ref.id, answerText), (r) => (noContent('qnas.answer', a, r), { answerId: ref.id }));
    return naverRequest(a, 'inquiries.answer', (s) => inquiryAnswerRequest(s, ref.id, answerText), (r) => readPostedAnswer(a, r));
  },
  update(account, id, answerId, answerText) {
    const a = account as NaverAccount;
    const ref = parseNaverInquiryId(id);
    if (ref.space === 'qna') return naverRequest(a, 'qnas.answer', (s) => qnaAnswerRequest(s, ref.id, answerText), (r) => noContent('qnas.answer', a, r));
    return naverRequest(a, 'inquiries.answerUpdate', (s) => inquiryAnswerUpdateRequest(s, ref.id, answerId, answerText), (r) => void readJson('inquiries.answerUpdate', a.accountId, AnswerEnvelope, r));
  },
  readBack(account, inquiryIds, since, now, askedFrom) {
    const a = account as NaverAccount;
    const refs = inquiryIds.map(parseNaverInquiryId);
    const spaces = (['qna', 'inq'] as const).filter((sp) => refs.some((r) => r.space === sp));
    // Asked when? The lists filter on that; without it, the longest a collect looks back.
    const start = Math.min(since, askedFrom ?? now - MAX_LOOKBACK_MS) - 60_000;
    const from = { qna: start, inq: Math.max(start, now - MAX_INQUIRY_DAYS * DAY_MS) };
    return pageRead({ account: a, from, to: now, spaces, answeredOnly: true, only: new Set(inquiryIds), open: { qna: null, inq: null } }, 0, 1);
  },
};
