/**
 * Coupang's customer inquiries as the port asks for them (inquiries-api.md part C): product
 * inquiries (상품별 고객문의, `onlineInquiries`) and call-centre inquiries (쿠팡 고객센터 문의,
 * `callCenterInquiries`). Their ids never mix: `online:{inquiryId}` and `cc:{inquiryId}`.
 *
 * - A collect reads the last 7 Seoul days (one window: `inquiryEndAt − inquiryStartAt` is 6
 *   days, inside the 7-day rule under either reading) page by page: product inquiries in the
 *   NOANSWER and ANSWERED buckets (the answered state comes from the bucket: `commentDtoList` has
 *   no author, so a buyer's follow-up looks like an answer), then call-centre inquiries handed
 *   over for a confirm (TRANSFER) and all of them (NONE, each with its own status and replies).
 *   Re-reading the window each time is what shows an answer given in Wing; the job keeps what
 *   did not change from touching the sheet.
 * - Answers are posted under the Wing login id staff entered with the keys (`replyBy`); without
 *   it nothing is sent and the row says what to enter. Line breaks go as JSON's `\n`.
 * - A call-centre answer first reads the inquiry (the single GET) to learn which agent message
 *   it answers (`parentAnswerId`, the latest one still asking) or that it was handed over (then
 *   the call is the confirm, no text), and refuses in Korean what Coupang would refuse: an
 *   inquiry answered already, or taken over by Coupang's agents after 24 hours.
 * - Coupang's automatic notice after 24 hours is not an answer of the seller: the row stays late.
 */
import * as z from '../../core/zod';
import { builtOnUse, builtOnUseSharing, map, type Schema } from '../../core/zod-helpers';
import { inShapeOrder, isEmptyList, isNumber, isRecord } from '../../core/recognize';
import type { HttpResponse } from '../../core/http';
import type { Inquiry, InquiryAnswer, InquiryKind, InquirySeen } from '../../core/inquiries';
import { addSeoulDays, parseSeoulDateTime, seoulDayOf, type SeoulDay } from '../../core/seoul-time';
import type { ChannelAccount, ChannelRequest, InquiriesCapability, InquiryPage, InquiryRead, PostedAnswer } from '../port';
import type { CoupangAccount } from './account';
import { channelError } from './errors';
import { paths, query } from './paths';
import { parse } from './schemas';
import { coupangRequest, wing, type CoupangSession } from './transport';

export const ONLINE_PAGE = 50;
export const CC_PAGE = 30;
/** Calendar days one read covers (today included): the response rate's 7 days. */
export const LOOKBACK_DAYS = 7;
/** How far a read-back of product inquiries looks (there is no single GET for them). */
export const READBACK_DAYS = 28;
/** Seoul days per window: end − start = 6, within `≤ 7 days` however it is counted. */
const WINDOW_DAYS = 7;
/** Who answered a product inquiry in Wing (the API names nobody). */
export const WING_BY = '쿠팡 윙';
export const MISSING_WING_ID = "쿠팡 Wing 로그인 ID가 없어 답변을 보낼 수 없습니다: 사이드바의 쿠팡 연결에서 'Wing 로그인 ID (문의 답변자)'를 입력한 뒤 답변등록을 다시 체크하세요";

// ------------------------------------------------------------------ ids

export type CoupangInquiryRef = { readonly list: 'online' | 'cc'; readonly id: string };
export const inquiryIdOf = (ref: CoupangInquiryRef) => `${ref.list}:${ref.id}`;
export function parseInquiryId(text: string): CoupangInquiryRef {
  const m = /^(online|cc):(\d+)$/.exec(text);
  if (!m) throw new Error(`not a Coupang inquiry id: ${text}`);
  return { list: m[1] as 'online' | 'cc', id: m[2]! };
}

// ------------------------------------------------------------------ shapes

/** The answers' schemas, built on first use; `str` reads a missing or null string as ''. */
const lazily = builtOnUseSharing(() => ({ str: map(z.nullish(z.string()), (v) => v ?? '') }));
const Pagination = builtOnUse(() => z.looseObject({ currentPage: z.number(), totalPages: z.number() }));
const Comment = lazily(({ str }) => z.looseObject({ inquiryCommentId: z.number(), content: str, inquiryCommentAt: z.string() }));
const OnlineItem = lazily(({ str }) => z.looseObject({
  inquiryId: z.number(),
  productId: z.nullish(z.number()),
  sellerProductId: z.nullish(z.number()),
  vendorItemId: z.nullish(z.number()),
  content: str,
  inquiryAt: z.string(),
  orderIds: z.nullish(z.array(z.number())),
  commentDtoList: map(z.nullish(z.array(Comment)), (v) => v ?? []),
}));
export type OnlineItemT = z.output<typeof OnlineItem>;
const Reply = lazily(({ str }) => z.looseObject({
  answerId: z.number(),
  parentAnswerId: z.nullish(z.number()),
  partnerTransferStatus: z.nullish(z.string()),
  partnerTransferCompleteReason: z.nullish(z.string()),
  answerType: z.nullish(z.string()),
  needAnswer: z.nullish(z.boolean()),
  receptionistName: str,
  receptionist: str,
  replyAt: z.nullish(z.string()),
  content: str,
}));
const CcItem = lazily(({ str }) => z.looseObject({
  inquiryId: z.number(),
  inquiryStatus: str,
  csPartnerCounselingStatus: str,
  // A Number in the field list, an array in the sample.
  vendorItemId: z.nullish(z.union([z.number(), map(z.array(z.number()), (a) => a[0] ?? null)])),
  itemName: str,
  content: str,
  inquiryAt: z.string(),
  answeredAt: z.nullish(z.string()),
  orderId: z.nullish(z.number()),
  receiptCategory: str,
  replies: map(z.nullish(z.array(Reply)), (v) => v ?? []),
}));
export type CcItemT = z.output<typeof CcItem>;
const Page = <T extends Schema>(item: T) => z.looseObject({ data: z.looseObject({ content: map(z.nullish(z.array(item)), (v) => v ?? []), pagination: z.nullish(Pagination) }) });
/**
 * A page without inquiries (a quiet collect's every answer), read by hand (zod-helpers.ts
 * `Recognizer`): every 10 minutes, and it spares building the lists' schemas.
 */
function emptyPage(v: unknown): { data: { content: []; pagination?: z.output<typeof Pagination> | null } } | undefined {
  if (!isRecord(v) || !isRecord(v['data']) || !isEmptyList(v['data']['content'])) return undefined;
  const data: Record<string, unknown> = { ...v['data'] };
  const p = data['pagination'];
  if (isRecord(p) && isNumber(p['currentPage']) && isNumber(p['totalPages'])) data['pagination'] = inShapeOrder(p, ['currentPage', 'totalPages']);
  else if (p !== undefined && p !== null) return undefined;
  return inShapeOrder({ ...v, data: inShapeOrder(data, ['content', 'pagination']) }, ['data']);
}
/** Exported for the spec that holds the recognizers to the schemas. */
export const OnlinePage = builtOnUse(() => Page(OnlineItem), emptyPage);
export const CcPage = builtOnUse(() => Page(CcItem), emptyPage);
const CcOne = builtOnUse(() => z.looseObject({ data: CcItem }));
/** Answers and confirms: `{"code":"200","message":"OK"}` (code a string here, a number elsewhere). */
const Written = lazily(({ str }) => z.looseObject({ code: z.nullish(z.union([z.string(), z.number()])), message: str }));

const timeOf = (text: string | null | undefined): number | null => (text ? parseSeoulDateTime(text.trim()) : null);

// ------------------------------------------------------------------ what one item shows

export function onlineSeen(partnerId: string, item: OnlineItemT, answered: boolean, by: string): InquirySeen {
  const last = item.commentDtoList[item.commentDtoList.length - 1];
  const answer: InquiryAnswer | null = !answered
    ? null
    : last
      ? { answerId: String(last.inquiryCommentId), text: last.content, at: timeOf(last.inquiryCommentAt), by, editable: false }
      : { answerId: null, text: null, at: null, by, editable: false };
  const inquiry: Inquiry = {
    partnerId,
    channel: 'coupang',
    inquiryId: inquiryIdOf({ list: 'online', id: String(item.inquiryId) }),
    kind: 'product',
    productId: item.vendorItemId ? String(item.vendorItemId) : null,
    orderId: item.orderIds?.[0] ? String(item.orderIds[0]) : null,
    title: '',
    question: item.content,
    askedAt: timeOf(item.inquiryAt) ?? 0,
    answer,
  };
  return { kind: 'question', inquiry };
}

/** The agent's message still asking the seller (the latest), if any. */
export function openRequest(item: CcItemT): z.output<typeof Reply> | null {
  const open = item.replies.filter((r) => r.answerType === 'csAgent' && r.partnerTransferStatus === 'requestAnswer');
  return open[open.length - 1] ?? null;
}

/** Handed over for a confirm: listed under TRANSFER, or an agent's message that needs no answer. */
export function isTransfer(item: CcItemT, inTransferList: boolean): boolean {
  return inTransferList || item.replies.some((r) => r.answerType === 'csAgent' && r.partnerTransferStatus != null && r.needAnswer === false);
}

const confirmed = (item: CcItemT) => item.replies.some((r) => r.answerType === 'csAgent' && r.partnerTransferCompleteReason === 'DISPUTE_PROCESS_COMPLETE');

function ccKind(item: CcItemT, transfer: boolean): InquiryKind {
  if (transfer) return 'transfer';
  if (/배송|택배|출고/.test(item.receiptCategory)) return 'shipping';
  if (item.orderId) return 'order';
  return /상품/.test(item.receiptCategory) ? 'product' : 'other';
}

export function ccSeen(partnerId: string, item: CcItemT, inTransferList: boolean, by: string): InquirySeen {
  const transfer = isTransfer(item, inTransferList);
  const vendorReplies = item.replies.filter((r) => r.answerType === 'vendor');
  const last = vendorReplies[vendorReplies.length - 1];
  // The seller's reply, or the seller's confirm of a hand-over; Coupang's 24-hour notice is neither.
  const answer: InquiryAnswer | null = last
    ? { answerId: String(last.answerId), text: last.content, at: timeOf(last.replyAt), by: last.receptionist || last.receptionistName || by, editable: false }
    : transfer && confirmed(item)
      ? { answerId: null, text: null, at: timeOf(item.answeredAt), by, editable: false }
      : null;
  const inquiry: Inquiry = {
    partnerId,
    channel: 'coupang',
    inquiryId: inquiryIdOf({ list: 'cc', id: String(item.inquiryId) }),
    kind: ccKind(item, transfer),
    productId: item.vendorItemId ? String(item.vendorItemId) : null,
    orderId: item.orderId ? String(item.orderId) : null,
    title: item.receiptCategory,
    question: item.content,
    askedAt: timeOf(item.inquiryAt) ?? 0,
    answer,
  };
  return { kind: 'question', inquiry };
}

// ------------------------------------------------------------------ reads

type Step =
  | { readonly list: 'online'; readonly bucket: 'NOANSWER' | 'ANSWERED'; readonly start: SeoulDay; readonly end: SeoulDay }
  | { readonly list: 'cc'; readonly bucket: 'TRANSFER' | 'NONE'; readonly start: SeoulDay; readonly end: SeoulDay }
  | { readonly list: 'one'; readonly id: string };

interface Plan {
  readonly a: CoupangAccount;
  readonly steps: readonly Step[];
  /** Only these inquiries (a read-back), or all. */
  readonly only: ReadonlySet<string> | null;
  /** Call-centre inquiries seen under TRANSFER in this collect. */
  readonly transfers: Set<number>;
  /** Who the answers read are credited to when the API names nobody. */
  readonly by: (s: CoupangSession) => string;
  readonly cursor: string;
}

/** Seoul-day windows of at most WINDOW_DAYS from `from` to `to` (both included), newest first. */
export function windows(from: SeoulDay, to: SeoulDay): Array<{ start: SeoulDay; end: SeoulDay }> {
  const out: Array<{ start: SeoulDay; end: SeoulDay }> = [];
  for (let end = to; end >= from; end = addSeoulDays(end, -WINDOW_DAYS)) {
    const start = addSeoulDays(end, -(WINDOW_DAYS - 1));
    out.push({ start: start < from ? from : start, end });
  }
  return out;
}

function stepRequest(plan: Plan, s: number, page: number): InquiryRead {
  const step = plan.steps[s]!;
  const { a } = plan;
  let who = WING_BY;
  const build = (session: CoupangSession) => {
    who = plan.by(session);
    if (step.list === 'one') return wing(session, 'get', paths.callCenterInquiry(step.id), '');
    const window = { inquiryStartAt: step.start, inquiryEndAt: step.end, pageNum: page };
    return step.list === 'online'
      ? wing(session, 'get', paths.onlineInquiries(a.vendorId), query({ vendorId: a.vendorId, answeredType: step.bucket, ...window, pageSize: ONLINE_PAGE }))
      : wing(session, 'get', paths.callCenterInquiries(a.vendorId), query({ vendorId: a.vendorId, partnerCounselingStatus: step.bucket, ...window, pageSize: CC_PAGE }));
  };
  const call = step.list === 'online' ? 'onlineInquiries.list' : step.list === 'cc' ? 'callCenterInquiries.list' : 'callCenterInquiries.get';
  const read = (r: HttpResponse): InquiryPage => {
    let items: InquirySeen[] = [];
    let more = false;
    if (step.list === 'one') {
      items = [ccSeen(a.partnerId, parse(call, a.vendorId, CcOne, r).data, false, who)];
    } else if (step.list === 'online') {
      const body = parse(call, a.vendorId, OnlinePage, r).data;
      items = body.content.map((i) => onlineSeen(a.partnerId, i, step.bucket === 'ANSWERED', who));
      more = body.pagination ? body.pagination.currentPage < body.pagination.totalPages : body.content.length === ONLINE_PAGE;
    } else {
      const body = parse(call, a.vendorId, CcPage, r).data;
      if (step.bucket === 'TRANSFER') for (const i of body.content) plan.transfers.add(i.inquiryId);
      else items = body.content.map((i) => ccSeen(a.partnerId, i, plan.transfers.has(i.inquiryId), who));
      more = body.pagination ? body.pagination.currentPage < body.pagination.totalPages : body.content.length === CC_PAGE;
    }
    if (plan.only) items = items.filter((x) => x.kind === 'question' && plan.only!.has(x.inquiry.inquiryId));
    const next = more ? stepRequest(plan, s, page + 1) : s + 1 < plan.steps.length ? stepRequest(plan, s + 1, 1) : null;
    return { items, next, cursor: next === null ? plan.cursor : null };
  };
  return { request: coupangRequest(a, call, build, read) };
}

function collectSteps(today: SeoulDay, days: number, lists: { online: boolean; cc: boolean }): Step[] {
  const ws = windows(addSeoulDays(today, -(days - 1)), today);
  const steps: Step[] = [];
  for (const w of ws) {
    if (lists.online) steps.push({ list: 'online', bucket: 'NOANSWER', ...w }, { list: 'online', bucket: 'ANSWERED', ...w });
    // TRANSFER before NONE, so the items of NONE know which were handed over.
    if (lists.cc) steps.push({ list: 'cc', bucket: 'TRANSFER', ...w }, { list: 'cc', bucket: 'NONE', ...w });
  }
  return steps;
}

// ------------------------------------------------------------------ answers

function wingIdOf(s: CoupangSession, a: CoupangAccount, call: string): string {
  const id = s.keys.wingId?.trim();
  if (!id) throw channelError(call, a.vendorId, 'auth', MISSING_WING_ID, 'no Wing login id (replyBy) stored');
  return id;
}

/** A write's acknowledgement: HTTP 2xx and, when a code is given, 200 (a business refusal otherwise). */
function written(call: string, a: CoupangAccount, r: HttpResponse): PostedAnswer {
  const w = parse(call, a.vendorId, Written, r);
  if (w.code !== null && w.code !== undefined && String(w.code) !== '200') {
    throw channelError(call, a.vendorId, 'badRequest', `쿠팡이 답변을 받지 않았습니다: ${w.message || String(w.code)}`, `refused with code ${w.code}: ${w.message}`, { status: r.status });
  }
  return { answerId: null };
}

/** JSON carries a line break as `\n` (a raw one is refused); Windows breaks become one. */
const asAnswer = (text: string) => text.replace(/\r\n?/g, '\n');

const refuse = (a: CoupangAccount, call: string, userMessage: string, detail: string) => channelError(call, a.vendorId, 'badRequest', userMessage, detail);

export const TAKEN_OVER = '24시간 안에 답변되지 않아 쿠팡 상담사가 넘겨받은 문의입니다: 답변은 Wing(온라인 문의 > 쿠팡CS문의)에서만 등록할 수 있습니다';

/** What to send for a call-centre inquiry as it is now: the reply, the confirm, or why neither. */
export function callCenterNext(a: CoupangAccount, id: string, item: CcItemT, text: string): ChannelRequest<PostedAnswer> {
  const call = text === '' ? 'callCenterInquiries.confirm' : 'callCenterInquiries.reply';
  const transfer = isTransfer(item, false);
  const open = openRequest(item);
  const answered = item.replies.some((r) => r.answerType === 'vendor');
  if (text === '') {
    if (!transfer) throw refuse(a, call, '이관 문의가 아니라 답변이 필요한 문의입니다: 답변을 입력하세요', 'not a transfer');
    if (confirmed(item)) throw refuse(a, call, '이미 이관 확인된 문의입니다', 'already confirmed');
    if (item.inquiryStatus !== 'progress' || !open) throw refuse(a, call, '이관 후 24시간이 지나 확인할 수 없습니다 (쿠팡: 상담이 종료된 문의)', 'transfer closed');
    return coupangRequest(a, call, (s) => wing(s, 'post', paths.callCenterConfirm(a.vendorId, id), '', { confirmBy: wingIdOf(s, a, call) }), (r) => written(call, a, r));
  }
  if (answered) throw refuse(a, call, '이미 답변된 문의입니다 (Wing에서 답변을 확인하세요)', 'already answered');
  if (item.inquiryStatus !== 'progress' || !open) {
    const takenOver = item.replies.some((r) => r.content.startsWith('[쿠팡 시스템]')) || item.csPartnerCounselingStatus === 'answered';
    throw refuse(a, call, takenOver ? TAKEN_OVER : '종료된 문의라 답변할 수 없습니다', takenOver ? 'taken over after 24 h' : 'closed');
  }
  return coupangRequest(
    a,
    call,
    (s) => wing(s, 'post', paths.callCenterReply(a.vendorId, id), '', { vendorId: a.vendorId, inquiryId: id, content: asAnswer(text), replyBy: wingIdOf(s, a, call), parentAnswerId: String(open.answerId) }),
    (r) => written(call, a, r),
  );
}

export const coupangInquiries: InquiriesCapability = {
  collect(account: ChannelAccount, _cursor: string | null, now: number): InquiryRead {
    const a = account as CoupangAccount;
    const today = seoulDayOf(now);
    const plan: Plan = { a, steps: collectSteps(today, LOOKBACK_DAYS, { online: true, cc: true }), only: null, transfers: new Set(), by: () => WING_BY, cursor: today };
    return stepRequest(plan, 0, 1);
  },
  answer(account, inquiry, text) {
    const a = account as CoupangAccount;
    const ref = parseInquiryId(inquiry.inquiryId);
    if (ref.list === 'online') {
      const call = 'onlineInquiries.reply';
      return coupangRequest(
        a,
        call,
        (s) => wing(s, 'post', paths.onlineReply(a.vendorId, ref.id), '', { content: asAnswer(text), vendorId: a.vendorId, replyBy: wingIdOf(s, a, call) }),
        (r) => written(call, a, r),
      );
    }
    // Read first: which agent message the answer replies to, or whether it is a confirm.
    const call = 'callCenterInquiries.get';
    return coupangRequest(
      a,
      call,
      (s) => (wingIdOf(s, a, text === '' ? 'callCenterInquiries.confirm' : 'callCenterInquiries.reply'), wing(s, 'get', paths.callCenterInquiry(ref.id), '')),
      (r) => ({ answerId: null, then: callCenterNext(a, ref.id, parse(call, a.vendorId, CcOne, r).data, text) }),
    );
  },
  readBack(account, inquiryIds, _since, now) {
    const a = account as CoupangAccount;
    const refs = inquiryIds.map(parseInquiryId);
    const today = seoulDayOf(now);
    const online = refs.some((r) => r.list === 'online');
    const steps: Step[] = [
      ...refs.filter((r) => r.list === 'cc').map((r): Step => ({ list: 'one', id: r.id })),
      // Only the ANSWERED bucket: what was posted is there (the list has no single GET).
      ...(online ? collectSteps(today, READBACK_DAYS, { online: true, cc: false }).filter((s) => s.list === 'online' && s.bucket === 'ANSWERED') : []),
    ];
    // What this read-back finds is what the add-on posted under the Wing id (the job checks the text).
    const plan: Plan = { a, steps, only: new Set(inquiryIds), transfers: new Set(), by: (s) => s.keys.wingId?.trim() || WING_BY, cursor: today };
    return stepRequest(plan, 0, 1);
  },
};
