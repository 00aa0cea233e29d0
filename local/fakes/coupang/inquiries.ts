/**
 * The CS APIs (inquiries-api.md part C): product inquiries (상품별 고객문의, `onlineInquiries`)
 * and Coupang call-centre inquiries (쿠팡 고객센터 문의, `callCenterInquiries`), two stores per
 * vendor; their routes, state machines, rendering in Coupang's shapes, and the control
 * operations (a buyer asks, Coupang's CS hands an inquiry over, staff answer in Wing).
 *
 * Call-centre state: an inquiry arrives with a Coupang agent's row (`answerType: csAgent`,
 * `partnerTransferStatus: requestAnswer`): `needAnswer: true` asks the seller to answer
 * (NO_ANSWER), `false` hands it over for a confirm only (TRANSFER). A reply answers it (ANSWER);
 * a confirm closes a TRANSFER within 24 h; after 24 h unanswered Coupang posts its
 * `[쿠팡 시스템]` notice and the inquiry is answered (the API refuses from then on). The clock
 * moves without requests, so every read and write first applies what 24 h did (`settle`).
 */
import { z } from 'zod';
import type { ApiContext, ApiReply, ApiRequest, Route } from './api';
import { kst, parseKst, vendorItem, type Ids, type Vendor } from './model';

const DAY = 86_400_000;
export const SYSTEM_NOTICE = '[쿠팡 시스템] CS문의가 24시간 내 답변되지 않아 쿠팡 상담사가 고객님께 안내드릴 예정입니다. 판매자님의 추가 답변은 WING(온라인 문의 > 쿠팡CS문의)에서 등록해 주세요.';
export const CANNOT_ANSWER = "The inquiry can't be answer. It can do only inquiryStatus:progress, partnerTransferStatus:requestAnswer";
export const CLOSED = 'This inquiry has closed. -522 (상담이 종료된 문의입니다 - 522 )';
export const BAD_REPLY_BY = 'The value of replyBy (Responder Seller Portal (WING) ID) is incorrect. Please enter the correct wing ID or vendorId.';
export const RAW_NEWLINE = 'Could not read JSON: Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value';

export interface OnlineComment {
  inquiryCommentId: number;
  content: string;
  at: number;
  /** Ours only (the API prints no author): a buyer's follow-up or the seller's answer. */
  bySeller: boolean;
}

export interface OnlineInquiry {
  inquiryId: number;
  productId: number;
  sellerProductId: number;
  sellerItemId: number;
  vendorItemId: number;
  content: string;
  inquiryAt: number;
  orderIds: number[] | null;
  comments: OnlineComment[];
  answered: boolean;
}

export interface CcReply {
  answerId: number;
  parentAnswerId: number | null;
  partnerTransferStatus: 'none' | 'requestAnswer' | 'answered' | null;
  partnerTransferCompleteReason: 'NONE' | 'DISPUTE_PROCESS' | 'DISPUTE_PROCESS_COMPLETE' | 'CANCEL' | null;
  answerType: 'csAgent' | 'vendor';
  needAnswer: boolean;
  receptionistName: string;
  receptionist: string;
  replyAt: number;
  content: string;
}

export interface CcInquiry {
  inquiryId: number;
  inquiryStatus: 'progress' | 'complete';
  csPartnerCounselingStatus: 'requestAnswer' | 'answered';
  /** Handed over for a confirm (TRANSFER), not for an answer. */
  transfer: boolean;
  vendorItemId: number | null;
  itemName: string;
  content: string;
  inquiryAt: number;
  answeredAt: number | null;
  buyerPhone: string;
  orderId: number | null;
  orderDate: number | null;
  receiptCategory: string;
  replies: CcReply[];
}

export interface InquiryStores {
  /** Wing login ids of the vendor's staff (what `replyBy` / `confirmBy` must be). */
  wingUsers: string[];
  online: Map<number, OnlineInquiry>;
  callCenter: Map<number, CcInquiry>;
}

// ------------------------------------------------------------------ seed (the API's own shapes)

const time = z.string().refine((s) => Number.isFinite(parseKstTime(s)), 'a KST time yyyy-MM-dd HH:mm:ss');
export const OnlineInquirySeed = z.looseObject({
  inquiryId: z.number().int().positive(),
  productId: z.number().int().optional(),
  sellerProductId: z.number().int().optional(),
  sellerItemId: z.number().int().optional(),
  vendorItemId: z.number().int().positive(),
  content: z.string(),
  inquiryAt: time,
  orderIds: z.array(z.number().int()).nullable().optional(),
  commentDtoList: z.array(z.looseObject({ inquiryCommentId: z.number().int(), content: z.string(), inquiryCommentAt: time })).default([]),
  /** Ours: whether it sits in the ANSWERED bucket (the list prints no such field). Default: it has a comment. */
  answered: z.boolean().optional(),
});
const ReplySeed = z.looseObject({
  answerId: z.number().int().positive(),
  parentAnswerId: z.number().int().nullable().optional(),
  partnerTransferStatus: z.enum(['none', 'requestAnswer', 'answered']).nullable().optional(),
  partnerTransferCompleteReason: z.enum(['NONE', 'DISPUTE_PROCESS', 'DISPUTE_PROCESS_COMPLETE', 'CANCEL']).nullable().optional(),
  answerType: z.enum(['csAgent', 'vendor']),
  needAnswer: z.boolean().default(false),
  receptionistName: z.string().default(''),
  receptionist: z.string().default(''),
  replyAt: time,
  content: z.string(),
});
export const CcInquirySeed = z.looseObject({
  inquiryId: z.number().int().positive(),
  inquiryStatus: z.enum(['progress', 'complete']),
  csPartnerCounselingStatus: z.enum(['requestAnswer', 'answered']),
  vendorItemId: z.union([z.number().int(), z.array(z.number().int())]).nullable().optional(),
  itemName: z.string().default(''),
  content: z.string(),
  inquiryAt: time,
  answeredAt: time.nullable().optional(),
  buyerPhone: z.string().default(''),
  orderId: z.number().int().nullable().optional(),
  orderDate: time.nullable().optional(),
  receiptCategory: z.string().default(''),
  replies: z.array(ReplySeed).default([]),
});

/** `yyyy-MM-dd HH:mm:ss` (or with `T`) in Seoul time → epoch ms. */
export function parseKstTime(text: string): number {
  return parseKst(text.trim().replace(' ', 'T'));
}
const kstTime = (ms: number) => kst(ms).replace('T', ' ');

export function loadInquiries(
  s: { wingUsers?: string[] | undefined; onlineInquiries?: Array<z.output<typeof OnlineInquirySeed>> | undefined; callCenterInquiries?: Array<z.output<typeof CcInquirySeed>> | undefined },
  ids: Ids,
): InquiryStores {
  const stores: InquiryStores = { wingUsers: s.wingUsers ?? [], online: new Map(), callCenter: new Map() };
  for (const o of s.onlineInquiries ?? []) {
    stores.online.set(o.inquiryId, {
      inquiryId: o.inquiryId,
      productId: o.productId ?? 0,
      sellerProductId: o.sellerProductId ?? 0,
      sellerItemId: o.sellerItemId ?? 0,
      vendorItemId: o.vendorItemId,
      content: o.content,
      inquiryAt: parseKstTime(o.inquiryAt),
      orderIds: o.orderIds ?? null,
      comments: o.commentDtoList.map((c) => ({ inquiryCommentId: c.inquiryCommentId, content: c.content, at: parseKstTime(c.inquiryCommentAt), bySeller: true })),
      answered: o.answered ?? o.commentDtoList.length > 0,
    });
    ids.online = Math.max(ids.online, o.inquiryId + 1);
    for (const c of o.commentDtoList) ids.comment = Math.max(ids.comment, c.inquiryCommentId + 1);
  }
  for (const c of s.callCenterInquiries ?? []) {
    const replies: CcReply[] = c.replies.map((r) => ({
      answerId: r.answerId,
      parentAnswerId: r.parentAnswerId ?? null,
      partnerTransferStatus: r.partnerTransferStatus ?? null,
      partnerTransferCompleteReason: r.partnerTransferCompleteReason ?? null,
      answerType: r.answerType,
      needAnswer: r.needAnswer,
      receptionistName: r.receptionistName,
      receptionist: r.receptionist,
      replyAt: parseKstTime(r.replyAt),
      content: r.content,
    }));
    const item = Array.isArray(c.vendorItemId) ? (c.vendorItemId[0] ?? null) : (c.vendorItemId ?? null);
    stores.callCenter.set(c.inquiryId, {
      inquiryId: c.inquiryId,
      inquiryStatus: c.inquiryStatus,
      csPartnerCounselingStatus: c.csPartnerCounselingStatus,
      transfer: replies.some((r) => r.answerType === 'csAgent' && r.partnerTransferStatus !== null && !r.needAnswer),
      vendorItemId: item,
      itemName: c.itemName,
      content: c.content,
      inquiryAt: parseKstTime(c.inquiryAt),
      answeredAt: c.answeredAt ? parseKstTime(c.answeredAt) : null,
      buyerPhone: c.buyerPhone,
      orderId: c.orderId ?? null,
      orderDate: c.orderDate ? parseKstTime(c.orderDate) : null,
      receiptCategory: c.receiptCategory,
      replies,
    });
    ids.callCenter = Math.max(ids.callCenter, c.inquiryId + 1);
    for (const r of replies) ids.answer = Math.max(ids.answer, r.answerId + 1);
  }
  return stores;
}

// ------------------------------------------------------------------ the 24 hours

/** The agent's row that asks the seller (the latest one still open), if any. */
function openRequest(i: CcInquiry): CcReply | null {
  const open = i.replies.filter((r) => r.answerType === 'csAgent' && r.partnerTransferStatus === 'requestAnswer');
  return open[open.length - 1] ?? null;
}

/**
 * What 24 hours did: an unanswered request gets Coupang's notice and turns answered (the agent
 * takes it over); an unconfirmed TRANSFER closes. Counted from the agent's request row.
 */
export function settle(v: Vendor, now: number, ids: Ids): void {
  for (const i of v.inquiries.callCenter.values()) {
    const req = openRequest(i);
    if (!req || i.inquiryStatus !== 'progress' || now - req.replyAt <= DAY) continue;
    const at = req.replyAt + DAY;
    req.partnerTransferStatus = 'answered';
    req.partnerTransferCompleteReason = 'DISPUTE_PROCESS';
    i.csPartnerCounselingStatus = 'answered';
    i.answeredAt = at;
    if (i.transfer) {
      i.inquiryStatus = 'complete';
      continue;
    }
    i.replies.push({ answerId: ids.answer++, parentAnswerId: req.answerId, partnerTransferStatus: null, partnerTransferCompleteReason: null, answerType: 'csAgent', needAnswer: false, receptionistName: '쿠팡 시스템', receptionist: 'coupang', replyAt: at, content: SYSTEM_NOTICE });
  }
}

// ------------------------------------------------------------------ rendering

export function renderOnline(i: OnlineInquiry): Record<string, unknown> {
  // buyerEmail is gone from product-inquiry answers since 2026-03-15 (notice 55017631517337).
  return {
    inquiryId: i.inquiryId,
    productId: i.productId,
    sellerProductId: i.sellerProductId,
    sellerItemId: i.sellerItemId,
    vendorItemId: i.vendorItemId,
    content: i.content,
    inquiryAt: kstTime(i.inquiryAt),
    orderIds: i.orderIds,
    commentDtoList: i.comments.map((c) => ({ inquiryCommentId: c.inquiryCommentId, inquiryId: i.inquiryId, content: c.content, inquiryCommentAt: kstTime(c.at) })),
  };
}

export function renderCallCenter(i: CcInquiry, c: ApiContext): Record<string, unknown> {
  const date = (ms: number | null) => (ms === null ? null : kst(ms).slice(0, 10));
  return {
    inquiryId: i.inquiryId,
    inquiryStatus: i.inquiryStatus,
    csPartnerCounselingStatus: i.csPartnerCounselingStatus,
    vendorItemId: i.vendorItemId === null ? null : c.opts.ccVendorItemId === 'array' ? [i.vendorItemId] : i.vendorItemId,
    itemName: i.itemName,
    content: i.content,
    answeredAt: i.answeredAt === null ? null : kstTime(i.answeredAt),
    inquiryAt: kstTime(i.inquiryAt),
    buyerEmail: '',
    buyerPhone: i.buyerPhone,
    orderId: i.orderId,
    orderDate: date(i.orderDate),
    receiptCategory: i.receiptCategory,
    saleStartedAt: date(i.inquiryAt - 30 * DAY),
    saleEndedAt: '2099-12-31',
    replies: i.replies.map((r) => ({ ...r, replyAt: kstTime(r.replyAt) })),
  };
}

// ------------------------------------------------------------------ routes

const ok = (body: unknown): ApiReply => ({ status: 200, body });
const bad = (message: string): ApiReply => ({ status: 400, body: { code: 400, message } });
const notFound = (message: string): ApiReply => ({ status: 404, body: { code: 404, message } });
const written = (): ApiReply => ok({ code: '200', message: 'OK' });

const API = '/v2/providers/openapi/apis/api/';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const vpath = (version: 'v4' | 'v5', rest: string) => new RegExp(`^${esc(API)}${version}/vendors/[^/]+${rest}$`);

export const INQUIRY_ROUTES: readonly Route[] = [
  { methods: ['GET'], pattern: vpath('v5', '/onlineInquiries'), vendorInPath: true, handle: (r, _m, c) => listOnline(r, c) },
  { methods: ['POST'], pattern: vpath('v4', '/onlineInquiries/(\\d+)/replies'), vendorInPath: true, handle: (r, m, c) => replyOnline(r, Number(m[1]), c) },
  { methods: ['GET'], pattern: new RegExp(`^${esc(API)}v5/vendors/callCenterInquiries/(\\d+)$`), vendorInPath: false, handle: (r, m, c) => oneCallCenter(r, Number(m[1]), c) },
  { methods: ['GET'], pattern: vpath('v5', '/callCenterInquiries'), vendorInPath: true, handle: (r, _m, c) => listCallCenter(r, c) },
  { methods: ['POST'], pattern: vpath('v4', '/callCenterInquiries/(\\d+)/replies'), vendorInPath: true, handle: (r, m, c) => replyCallCenter(r, Number(m[1]), c) },
  { methods: ['POST'], pattern: vpath('v4', '/callCenterInquiries/(\\d+)/confirms'), vendorInPath: true, handle: (r, m, c) => confirmCallCenter(r, Number(m[1]), c) },
];

/** `inquiryStartAt`/`inquiryEndAt` (`yyyy-MM-dd`, both days whole), at most 7 days apart. */
function windowOf(q: URLSearchParams, c: ApiContext): { from: number; to: number } | { error: string } {
  const s = q.get('inquiryStartAt');
  const e = q.get('inquiryEndAt');
  const re = /^\d{4}-\d{2}-\d{2}$/;
  if (!s || !e) return { error: 'inquiryStartAt and inquiryEndAt are required.' };
  const from = parseKst(s);
  const to = parseKst(e);
  if (!re.test(s) || !re.test(e) || !Number.isFinite(from) || !Number.isFinite(to)) return { error: 'inquiryStartAt/inquiryEndAt must be yyyy-MM-dd.' };
  if (to < from) return { error: 'inquiryEndAt must not be before inquiryStartAt.' };
  const days = Math.round((to - from) / DAY);
  // 'difference': end − start ≤ 7 days (8 calendar days); 'calendarDays': 7 calendar days at most.
  const max = c.opts.inquiryWindow === 'difference' ? 7 : 6;
  if (days > max) return { error: 'The search period (inquiryEndAt - inquiryStartAt) must be 7 days or less.' };
  return { from, to: to + DAY };
}

function pageOf<T>(items: readonly T[], q: URLSearchParams, cap: number): { content: T[]; pagination: Record<string, number> } | { error: string } {
  const size = q.get('pageSize') === null ? 10 : Number(q.get('pageSize'));
  const num = q.get('pageNum') === null ? 1 : Number(q.get('pageNum'));
  if (!Number.isInteger(size) || size < 1 || size > cap) return { error: `pageSize must be between 1 and ${cap}.` };
  if (!Number.isInteger(num) || num < 1) return { error: 'pageNum must be 1 or more.' };
  const totalPages = Math.ceil(items.length / size);
  return { content: items.slice((num - 1) * size, num * size), pagination: { currentPage: num, totalPages, totalElements: items.length, countPerPage: size } };
}

function listOnline(r: ApiRequest, c: ApiContext): ApiReply {
  const type = r.query.get('answeredType');
  if (type !== 'ALL' && type !== 'ANSWERED' && type !== 'NOANSWER') return bad("answeredType can't be null");
  const w = windowOf(r.query, c);
  if ('error' in w) return bad(w.error);
  const list = [...r.vendor.inquiries.online.values()]
    .filter((i) => i.inquiryAt >= w.from && i.inquiryAt < w.to)
    .filter((i) => type === 'ALL' || (type === 'ANSWERED') === i.answered)
    .sort((a, b) => b.inquiryAt - a.inquiryAt || b.inquiryId - a.inquiryId);
  const p = pageOf(list, r.query, 50);
  if ('error' in p) return bad(p.error);
  return ok({ code: 200, message: 'OK', data: { content: p.content.map(renderOnline), pagination: p.pagination } });
}

function listCallCenter(r: ApiRequest, c: ApiContext): ApiReply {
  settle(r.vendor, r.now, c.ids);
  const status = r.query.get('partnerCounselingStatus');
  if (status !== 'NONE' && status !== 'ANSWER' && status !== 'NO_ANSWER' && status !== 'TRANSFER') return bad("partnerCounselingStatus can't be null");
  const w = windowOf(r.query, c);
  if ('error' in w) return bad(w.error);
  const waiting = (i: CcInquiry) => i.inquiryStatus === 'progress' && i.csPartnerCounselingStatus === 'requestAnswer';
  const list = [...r.vendor.inquiries.callCenter.values()]
    .filter((i) => i.inquiryAt >= w.from && i.inquiryAt < w.to)
    .filter((i) => {
      if (status === 'NONE') return true;
      if (status === 'ANSWER') return i.csPartnerCounselingStatus === 'answered';
      if (status === 'TRANSFER') return waiting(i) && i.transfer;
      return waiting(i) && !i.transfer;
    })
    .sort((a, b) => b.inquiryAt - a.inquiryAt || b.inquiryId - a.inquiryId);
  const p = pageOf(list, r.query, 30);
  if ('error' in p) return bad(p.error);
  return ok({ code: 200, message: 'OK', data: { content: p.content.map((i) => renderCallCenter(i, c)), pagination: p.pagination } });
}

function oneCallCenter(r: ApiRequest, id: number, c: ApiContext): ApiReply {
  settle(r.vendor, r.now, c.ids);
  const i = r.vendor.inquiries.callCenter.get(id);
  if (!i) return notFound(`inquiryId (${id}) is not found.`);
  return ok({ code: 200, message: 'OK', data: renderCallCenter(i, c) });
}

function body(r: ApiRequest): Record<string, unknown> {
  return r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {};
}

/** A Wing login id of the vendor (or, with `replyByVendorId`, the vendorId itself). */
function isWingId(v: Vendor, who: unknown, c: ApiContext): boolean {
  if (typeof who !== 'string' || who === '') return false;
  return v.inquiries.wingUsers.includes(who) || (c.opts.replyByVendorId && who === v.vendorId);
}

function contentProblem(content: unknown, c: ApiContext): string | null {
  if (typeof content !== 'string' || content.trim() === '') return "content can't be null";
  if (c.opts.answerMaxChars !== null && content.length > c.opts.answerMaxChars) return `content must be ${c.opts.answerMaxChars} characters or less.`;
  return null;
}

function replyOnline(r: ApiRequest, id: number, c: ApiContext): ApiReply {
  const b = body(r);
  const i = r.vendor.inquiries.online.get(id);
  if (!i) return notFound(`inquiryId (${id}) is not found.`);
  if (!isWingId(r.vendor, b.replyBy, c)) return bad(BAD_REPLY_BY);
  const problem = contentProblem(b.content, c);
  if (problem) return bad(problem);
  if (i.answered && c.opts.secondOnlineReply === 'refuse') return bad('This inquiry has already been answered.');
  i.comments.push({ inquiryCommentId: c.ids.comment++, content: b.content as string, at: r.now, bySeller: true });
  i.answered = true;
  return written();
}

function replyCallCenter(r: ApiRequest, id: number, c: ApiContext): ApiReply {
  settle(r.vendor, r.now, c.ids);
  const b = body(r);
  const i = r.vendor.inquiries.callCenter.get(id);
  if (!i) return notFound(`inquiryId (${id}) is not found.`);
  if (!isWingId(r.vendor, b.replyBy, c)) return bad(BAD_REPLY_BY);
  const problem = contentProblem(b.content, c);
  if (problem) return bad(problem);
  const req = openRequest(i);
  if (i.inquiryStatus !== 'progress' || !req) return bad(CANNOT_ANSWER);
  const parent = b.parentAnswerId === undefined || b.parentAnswerId === null || b.parentAnswerId === '' ? null : Number(b.parentAnswerId);
  const requests = i.replies.filter((x) => x.answerType === 'csAgent' && x.partnerTransferStatus === 'requestAnswer');
  if (c.opts.parentAnswerId !== 'optional' || parent !== null) {
    const fits = c.opts.parentAnswerId === 'latestTransfer' ? parent === req.answerId : requests.some((x) => x.answerId === parent);
    if (!fits) return bad('parentAnswerId is not valid.');
  }
  const to = requests.find((x) => x.answerId === parent) ?? req;
  i.replies.push({ answerId: c.ids.answer++, parentAnswerId: to.answerId, partnerTransferStatus: null, partnerTransferCompleteReason: null, answerType: 'vendor', needAnswer: false, receptionistName: b.replyBy as string, receptionist: b.replyBy as string, replyAt: r.now, content: b.content as string });
  to.partnerTransferStatus = 'answered';
  to.partnerTransferCompleteReason = 'NONE';
  i.csPartnerCounselingStatus = 'answered';
  i.answeredAt = r.now;
  return written();
}

function confirmCallCenter(r: ApiRequest, id: number, c: ApiContext): ApiReply {
  settle(r.vendor, r.now, c.ids);
  const b = body(r);
  const i = r.vendor.inquiries.callCenter.get(id);
  if (!i) return notFound(`inquiryId (${id}) is not found.`);
  if (!isWingId(r.vendor, b.confirmBy, c)) return bad(BAD_REPLY_BY);
  const req = openRequest(i);
  if (!i.transfer || i.inquiryStatus !== 'progress' || !req) return bad(CLOSED);
  req.partnerTransferStatus = 'answered';
  req.partnerTransferCompleteReason = 'DISPUTE_PROCESS_COMPLETE';
  i.inquiryStatus = 'complete';
  i.csPartnerCounselingStatus = 'answered';
  i.answeredAt = r.now;
  return written();
}

// ------------------------------------------------------------------ control operations

export class InquiryControlError extends Error {}

export const AskInput = z.strictObject({
  vendorItemId: z.number().int().positive(),
  content: z.string().min(1),
  orderIds: z.array(z.number().int()).nullable().default(null),
  /** KST `yyyy-MM-dd HH:mm:ss` (or ISO with an offset); default now. */
  inquiryAt: z.string().optional(),
});

export const CallCenterInput = z.strictObject({
  content: z.string().min(1),
  vendorItemId: z.number().int().positive().optional(),
  orderId: z.number().int().positive().optional(),
  receiptCategory: z.string().default('기타문의>기타>전상담사통화요청'),
  /** A TRANSFER (handed over, confirm only) instead of a request to answer. */
  transfer: z.boolean().default(false),
  /** The agent's note to the seller. */
  agentNote: z.string().optional(),
  inquiryAt: z.string().optional(),
  buyerPhone: z.string().default('010-****-8801'),
});

export const WingAnswerInput = z.strictObject({
  kind: z.enum(['online', 'callCenter']),
  inquiryId: z.number().int().positive(),
  content: z.string().min(1),
  by: z.string().default('wing-staff'),
});

function timeOr(text: string | undefined, now: number): number {
  if (text === undefined) return now;
  const t = /[+-]\d{2}:\d{2}$|Z$/.test(text) ? Date.parse(text) : parseKstTime(text);
  if (!Number.isFinite(t)) throw new InquiryControlError(`not a time: ${text}`);
  return t;
}

function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new InquiryControlError(r.error.issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`).join('; '));
  return r.data;
}

export class InquiryControls {
  constructor(
    private readonly vendor: (vendorId: string) => Vendor,
    private readonly ids: Ids,
    private readonly now: () => number,
  ) {}

  /** A buyer asks about a product (상품별 고객문의). */
  askProductQuestion(vendorId: string, input: z.input<typeof AskInput>): { inquiryId: number } {
    const v = this.vendor(vendorId);
    const a = parseInput(AskInput, input);
    const found = vendorItem(v, a.vendorItemId);
    if (!found) throw new InquiryControlError(`unknown vendorItemId ${a.vendorItemId}`);
    const inquiryId = this.ids.online++;
    v.inquiries.online.set(inquiryId, {
      inquiryId,
      productId: found.product.productId,
      sellerProductId: found.product.sellerProductId,
      sellerItemId: 0,
      vendorItemId: a.vendorItemId,
      content: a.content,
      inquiryAt: timeOr(a.inquiryAt, this.now()),
      orderIds: a.orderIds,
      comments: [],
      answered: false,
    });
    return { inquiryId };
  }

  /** A buyer's follow-up under a product inquiry: a comment like an answer (no author), the bucket unchanged. */
  buyerFollowUp(vendorId: string, input: { inquiryId: number; content: string }): { inquiryCommentId: number } {
    const i = this.vendor(vendorId).inquiries.online.get(Number(input?.inquiryId));
    if (!i) throw new InquiryControlError(`unknown product inquiry ${input?.inquiryId}`);
    const inquiryCommentId = this.ids.comment++;
    i.comments.push({ inquiryCommentId, content: String(input.content ?? ''), at: this.now(), bySeller: false });
    return { inquiryCommentId };
  }

  /** A call-centre inquiry reaches the seller: Coupang's agent asks for an answer, or hands it over (TRANSFER). */
  addCallCenterInquiry(vendorId: string, input: z.input<typeof CallCenterInput>): { inquiryId: number; answerId: number } {
    const v = this.vendor(vendorId);
    const a = parseInput(CallCenterInput, input);
    const found = a.vendorItemId === undefined ? null : vendorItem(v, a.vendorItemId);
    if (a.vendorItemId !== undefined && !found) throw new InquiryControlError(`unknown vendorItemId ${a.vendorItemId}`);
    const at = timeOr(a.inquiryAt, this.now());
    const inquiryId = this.ids.callCenter++;
    const answerId = this.ids.answer++;
    const order = a.orderId === undefined ? null : (v.orders.get(a.orderId) ?? null);
    v.inquiries.callCenter.set(inquiryId, {
      inquiryId,
      inquiryStatus: 'progress',
      csPartnerCounselingStatus: 'requestAnswer',
      transfer: a.transfer,
      vendorItemId: a.vendorItemId ?? null,
      itemName: found ? `${found.product.sellerProductName}, ${found.item.itemName}` : '',
      content: a.content,
      inquiryAt: at,
      answeredAt: null,
      buyerPhone: a.buyerPhone,
      orderId: a.orderId ?? null,
      orderDate: order ? order.orderedAt : null,
      receiptCategory: a.receiptCategory,
      replies: [
        {
          answerId,
          parentAnswerId: null,
          partnerTransferStatus: 'requestAnswer',
          partnerTransferCompleteReason: 'NONE',
          answerType: 'csAgent',
          needAnswer: !a.transfer,
          receptionistName: '쿠팡 상담사',
          receptionist: 'cs-agent',
          replyAt: at,
          content: a.agentNote ?? (a.transfer ? '고객 문의를 쿠팡 고객센터에서 처리하였습니다. 확인 부탁드립니다.' : '판매자님의 답변이 필요한 문의입니다.'),
        },
      ],
    });
    return { inquiryId, answerId };
  }

  /** Staff answer in Wing directly (no API call: no replyBy check, allowed after the 24 h flip as Wing allows). */
  answerInWing(vendorId: string, input: z.input<typeof WingAnswerInput>): { answered: true } {
    const v = this.vendor(vendorId);
    const a = parseInput(WingAnswerInput, input);
    const now = this.now();
    if (a.kind === 'online') {
      const i = v.inquiries.online.get(a.inquiryId);
      if (!i) throw new InquiryControlError(`unknown product inquiry ${a.inquiryId}`);
      i.comments.push({ inquiryCommentId: this.ids.comment++, content: a.content, at: now, bySeller: true });
      i.answered = true;
      return { answered: true };
    }
    settle(v, now, this.ids);
    const i = v.inquiries.callCenter.get(a.inquiryId);
    if (!i) throw new InquiryControlError(`unknown call-centre inquiry ${a.inquiryId}`);
    const req = openRequest(i) ?? i.replies.filter((r) => r.answerType === 'csAgent')[0] ?? null;
    i.replies.push({ answerId: this.ids.answer++, parentAnswerId: req?.answerId ?? null, partnerTransferStatus: null, partnerTransferCompleteReason: null, answerType: 'vendor', needAnswer: false, receptionistName: a.by, receptionist: a.by, replyAt: now, content: a.content });
    if (req && req.partnerTransferStatus === 'requestAnswer') req.partnerTransferStatus = 'answered';
    if (i.csPartnerCounselingStatus !== 'answered') {
      i.csPartnerCounselingStatus = 'answered';
      i.answeredAt = now;
    }
    return { answered: true };
  }

  /** Every inquiry as the API would print it, after what 24 h did. */
  state(v: Vendor, c: ApiContext): { onlineInquiries: unknown[]; callCenterInquiries: unknown[] } {
    settle(v, this.now(), this.ids);
    return {
      onlineInquiries: [...v.inquiries.online.values()].map((i) => ({ ...renderOnline(i), answered: i.answered })),
      callCenterInquiries: [...v.inquiries.callCenter.values()].map((i) => renderCallCenter(i, c)),
    };
  }
}
