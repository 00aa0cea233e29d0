/**
 * 상품 문의 (product Q&A) and 고객 문의 (customer inquiries), inquiries-api.md part B: two stores
 * with their own id counters and their own list shapes (`contents` + page fields vs a Spring page
 * with `content`), the product Q&A's 204 overwrite and the customer inquiries' first answer
 * (POST, refused with ERR-NC-101010 once one exists) and edit (PUT by answerContentId), with the
 * customer-inquiry list's strict checks 4001–4007. Switches where the reference is silent:
 * options.ts.
 */
import { apiError, type Reply } from './errors';
import { ControlError, kst, type InquiryItem, type InquiryRecord, type NaverCore, type QnaRecord, type StoreState } from './model';
import { INQUIRY_CATEGORIES } from './seed-schema';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// product Q&A

function qnaItem(q: QnaRecord) {
  return { createDate: kst(q.createdAt), question: q.question, answer: q.answer, answered: q.answer !== null, productId: q.productId, productName: q.productName, maskedWriterId: q.maskedWriterId, questionId: q.questionId };
}

/** A date-time with its offset (`2020-07-25T10:10:10.100Z`, `…+09:00`), else null. */
function dateTime(text: string | null): number | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

const invalid = (core: NaverCore, name: string, message: string) => apiError(core, 400, 'BAD_REQUEST', message, [{ name, type: 'Invalid', message }]);

function intParam(q: URLSearchParams, name: string): number | null | 'bad' {
  const v = q.get(name);
  if (v === null || v === '') return null;
  return /^-?\d+$/.test(v) ? Number(v) : 'bad';
}

/** `GET /v1/contents/qnas`: fromDate/toDate required (question creation), size ≤ 100, page from 1, `answered`. */
export function listQnas(core: NaverCore, store: StoreState, q: URLSearchParams): Reply {
  const from = dateTime(q.get('fromDate'));
  const to = dateTime(q.get('toDate'));
  if (from === null) return invalid(core, 'fromDate', 'fromDate는 필수이며 날짜-시간 형식이어야 합니다.');
  if (to === null) return invalid(core, 'toDate', 'toDate는 필수이며 날짜-시간 형식이어야 합니다.');
  if (from > to) return invalid(core, 'fromDate', 'fromDate가 toDate보다 늦습니다.');
  const span = core.options.qnaMaxSpanDays;
  if (span !== null && to - from > span * DAY_MS) return invalid(core, 'toDate', `조회 기간은 최대 ${span}일입니다.`);
  const page = intParam(q, 'page') ?? 1;
  const size = intParam(q, 'size') ?? 100;
  if (page === 'bad' || page < 1) return invalid(core, 'page', 'page는 1 이상이어야 합니다.');
  if (size === 'bad' || size < 1 || size > 100) return invalid(core, 'size', 'size는 1~100이어야 합니다.');
  const answered = q.get('answered');
  if (answered !== null && answered !== 'true' && answered !== 'false') return invalid(core, 'answered', 'answered는 true 또는 false입니다.');
  const all = [...store.qnas.values()]
    .filter((x) => !x.deleted && x.createdAt >= from && x.createdAt <= to && (answered === null || (x.answer !== null) === (answered === 'true')))
    .sort((a, b) => order(core, a.createdAt, b.createdAt) || order(core, a.questionId, b.questionId));
  const totalPages = Math.ceil(all.length / size);
  const contents = all.slice((page - 1) * size, page * size).map(qnaItem);
  const body = {
    contents,
    page,
    size,
    totalElements: all.length,
    totalPages,
    sort: { sorted: true, fields: [{ name: 'createDate', direction: core.options.inquiryListOrder === 'newest' ? 'desc' : 'asc' }] },
    first: page === 1,
    last: page >= totalPages,
  };
  return { status: 200, headers: {}, body };
}

function order(core: NaverCore, a: number, b: number): number {
  return core.options.inquiryListOrder === 'newest' ? b - a : a - b;
}

function tooLong(core: NaverCore, text: string): boolean {
  const max = core.options.answerMaxLength;
  return max !== null && text.length > max;
}

/** `PUT /v1/contents/qnas/{questionId}` `{commentContent}`: registers or overwrites the answer, 204. */
export function answerQna(core: NaverCore, store: StoreState, idText: string, body: any): Reply {
  const text = body?.commentContent;
  if (typeof text !== 'string' || text.trim() === '') return invalid(core, 'commentContent', 'commentContent는 필수입니다.');
  if (tooLong(core, text)) return invalid(core, 'commentContent', `답변은 최대 ${core.options.answerMaxLength}자입니다.`);
  const q = /^\d+$/.test(idText) ? store.qnas.get(Number(idText)) : undefined;
  if (!q || q.deleted) return apiError(core, 404, 'NOT_FOUND', `문의(${idText})를 찾을 수 없습니다.`);
  if (q.answeredBy === 'sellerCenter' && core.options.qnaOverwriteSellerAnswer === 'reject') return apiError(core, 400, 'BAD_REQUEST', '판매자센터에서 등록한 답변은 수정할 수 없습니다.');
  q.answer = text;
  q.answeredBy = 'api';
  return { status: 204, headers: {}, body: null };
}

// ---------------------------------------------------------------------------------------------
// customer inquiries

function inquiryItem(r: InquiryRecord) {
  return {
    ...r.item,
    inquiryRegistrationDateTime: kst(r.registeredAt),
    answerRegistrationDateTime: r.answeredAt === null ? null : kst(r.answeredAt),
    answered: r.item.answerContentId !== null,
  };
}

/** The customer-inquiry APIs' error (`code` as the docs list it: `4001`…, `ERR-NC-…`). */
function ncError(core: NaverCore, status: number, code: string, message: string, invalidInputs?: Array<{ name: string; message: string }>): Reply {
  const traceId = core.traceId();
  return { status, headers: { 'GNCP-GW-Trace-ID': traceId }, body: { code, message, ...(invalidInputs ? { invalidInputs } : {}), timestamp: kst(core.now()), traceId } };
}

const seoulDay = (ms: number) => kst(ms).slice(0, 10);
const LIST_PARAMS = new Set(['startSearchDate', 'endSearchDate', 'answered', 'page', 'size']);

/** `GET /v1/pay-user/inquiries`: strict (4001–4007), by the Seoul day of registration, a Spring page. */
export function listInquiries(core: NaverCore, store: StoreState, q: URLSearchParams): Reply {
  const bad = (name: string, message: string) => ncError(core, 400, '4001', '입력값이 명세와 맞지 않습니다.', [{ name, message }]);
  for (const name of q.keys()) if (!LIST_PARAMS.has(name)) return bad(name, `알 수 없는 파라미터입니다: ${name}`);
  const start = q.get('startSearchDate');
  const end = q.get('endSearchDate');
  const isDay = (d: string | null) => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d) && Number.isFinite(Date.parse(`${d}T00:00:00+09:00`));
  if (!isDay(start)) return bad('startSearchDate', 'startSearchDate는 필수이며 yyyy-MM-dd 형식입니다.');
  if (!isDay(end)) return bad('endSearchDate', 'endSearchDate는 필수이며 yyyy-MM-dd 형식입니다.');
  if (start! > end!) return ncError(core, 400, '4002', '검색 시작일이 종료일보다 늦습니다.');
  if ((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS > 365) return ncError(core, 400, '4003', '검색 기간은 최대 365일입니다.');
  const page = intParam(q, 'page') ?? 1;
  const size = intParam(q, 'size') ?? 10;
  if (page === 'bad') return bad('page', 'page는 숫자입니다.');
  if (size === 'bad') return bad('size', 'size는 숫자입니다.');
  if (page < 1) return ncError(core, 400, '4004', 'page는 1 이상이어야 합니다.');
  if (page > 1_000_000) return ncError(core, 400, '4005', 'page는 1000000 이하여야 합니다.');
  if (size < 10) return ncError(core, 400, '4006', 'size는 10 이상이어야 합니다.');
  if (size > 200) return ncError(core, 400, '4007', 'size는 200 이하여야 합니다.');
  const answered = q.get('answered');
  if (answered !== null && answered !== 'true' && answered !== 'false') return bad('answered', 'answered는 true 또는 false입니다.');
  const all = [...store.inquiries.values()]
    .filter((r) => !r.deleted && seoulDay(r.registeredAt) >= start! && seoulDay(r.registeredAt) <= end! && (answered === null || (r.item.answerContentId !== null) === (answered === 'true')))
    .sort((a, b) => order(core, a.registeredAt, b.registeredAt) || order(core, a.item.inquiryNo, b.item.inquiryNo));
  const content = all.slice((page - 1) * size, page * size).map(inquiryItem);
  const totalPages = Math.ceil(all.length / size);
  const sort = { sorted: true, unsorted: false, empty: false };
  const pageBody = {
    content,
    totalPages,
    totalElements: all.length,
    // Spring counts pages from 0; the request counts from 1.
    number: page - 1,
    size,
    numberOfElements: content.length,
    first: page === 1,
    last: page >= totalPages,
    empty: content.length === 0,
    sort,
    pageable: { pageNumber: page - 1, pageSize: size, sort, paged: true, unpaged: false, offset: (page - 1) * size },
  };
  const body = core.options.inquiryListEnvelope ? { code: 'SUCCESS', message: '성공', data: pageBody, timestamp: kst(core.now()), traceId: core.traceId() } : pageBody;
  return { status: 200, headers: {}, body };
}

/** The answer text under the field the switch takes; null when absent or empty. */
function answerText(core: NaverCore, body: any): string | null {
  const f = core.options.answerField;
  const v = f === 'either' ? (body?.answerComment ?? body?.answerContent) : body?.[f];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function liveInquiry(store: StoreState, idText: string): InquiryRecord | null {
  const r = /^\d+$/.test(idText) ? store.inquiries.get(Number(idText)) : undefined;
  return r && !r.deleted ? r : null;
}

const notFound = (core: NaverCore, idText: string) => ncError(core, 400, 'ERR-NC-101004', `문의 번호 ${idText}에 해당하는 문의가 없습니다.`);

function answerEnvelope(core: NaverCore, data: unknown): Reply {
  return { status: 200, headers: {}, body: { code: 'SUCCESS', message: '성공', data, timestamp: kst(core.now()), traceId: core.traceId() } };
}

/** `POST /v1/pay-merchant/inquiries/{inquiryNo}/answer`: the first answer; refused once one exists. */
export function postInquiryAnswer(core: NaverCore, store: StoreState, idText: string, body: any): Reply {
  const text = answerText(core, body);
  if (text === null) return ncError(core, 400, 'ERR-NC-101001', '잘못된 요청입니다. 답변 내용(answerComment)은 필수입니다.');
  if (tooLong(core, text)) return ncError(core, 400, 'ERR-NC-101001', `잘못된 요청입니다. 답변은 최대 ${core.options.answerMaxLength}자입니다.`);
  const r = liveInquiry(store, idText);
  if (!r) return notFound(core, idText);
  if (r.item.answerContentId !== null) return ncError(core, 400, 'ERR-NC-101010', '이미 답변이 등록된 문의입니다.');
  setAnswer(core, r, text, typeof body?.answerTemplateId === 'string' ? Number(body.answerTemplateId) || null : null);
  return answerEnvelope(core, core.options.postAnswerData === 'ids' ? { inquiryNo: r.item.inquiryNo, inquiryCommentNo: r.item.answerContentId } : null);
}

/** `PUT …/answer/{answerContentId}`: replaces the answer's text. */
export function updateInquiryAnswer(core: NaverCore, store: StoreState, idText: string, answerIdText: string, body: any): Reply {
  const text = answerText(core, body);
  if (text === null) return ncError(core, 400, 'ERR-NC-101001', '잘못된 요청입니다. 답변 내용(answerComment)은 필수입니다.');
  if (tooLong(core, text)) return ncError(core, 400, 'ERR-NC-101001', `잘못된 요청입니다. 답변은 최대 ${core.options.answerMaxLength}자입니다.`);
  const r = liveInquiry(store, idText);
  if (!r) return notFound(core, idText);
  if (r.item.answerContentId === null || String(r.item.answerContentId) !== answerIdText) return ncError(core, 400, 'ERR-NC-101001', `잘못된 요청입니다. 답변 번호 ${answerIdText}가 문의 ${idText}의 답변이 아닙니다.`);
  r.item.answerContent = text;
  return answerEnvelope(core, { inquiryNo: r.item.inquiryNo, inquiryCommentNo: r.item.answerContentId });
}

function setAnswer(core: NaverCore, r: InquiryRecord, text: string, templateNo: number | null): void {
  const item = r.item;
  item.answerContentId = core.nextId('answer');
  item.answerContent = text;
  item.answerTemplateNo = templateNo;
  r.answeredAt = core.now();
}

// ---------------------------------------------------------------------------------------------
// control: buyers ask, staff answer in the seller centre, an inquiry is deleted

export interface AskQuestionInput {
  /** The product's channel product number, or its origin product number (looked up). */
  productId?: number;
  originProductNo?: number;
  question: string;
  /** When asked (ISO with offset); default now. */
  askedAt?: string;
  writer?: string;
}

export interface AskInquiryInput {
  category?: (typeof INQUIRY_CATEGORIES)[number];
  title: string;
  content: string;
  /** A product order of the store: the order, product and option are taken from it. */
  productOrderId?: string;
  orderId?: string;
  askedAt?: string;
  customerName?: string;
}

function whenOf(core: NaverCore, text: string | undefined, op: string): number {
  if (text === undefined) return core.now();
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new ControlError(`${op}: askedAt is not a date-time: ${text}`);
  return ms;
}

export function askQuestion(core: NaverCore, store: StoreState, input: AskQuestionInput): { questionId: number } {
  if (typeof input?.question !== 'string' || input.question === '') throw new ControlError('askProductQuestion: question is required');
  const product = [...store.products.values()].find((p) => p.channelProductNo === input.productId || p.originProductNo === input.originProductNo);
  if (!product && input.productId === undefined) throw new ControlError(`askProductQuestion: no product ${input.originProductNo ?? '(none given)'}`);
  const questionId = core.nextId('question');
  store.qnas.set(questionId, {
    questionId,
    createdAt: whenOf(core, input.askedAt, 'askProductQuestion'),
    question: input.question,
    productId: product?.channelProductNo ?? input.productId!,
    productName: product?.originProduct.name ?? '',
    maskedWriterId: input.writer ?? 'buy***',
    answer: null,
    answeredBy: null,
    deleted: false,
  });
  return { questionId };
}

export function askInquiry(core: NaverCore, store: StoreState, input: AskInquiryInput): { inquiryNo: number } {
  if (typeof input?.title !== 'string' || typeof input.content !== 'string') throw new ControlError('askInquiry: title and content are required');
  const category = input.category ?? '기타';
  if (!INQUIRY_CATEGORIES.includes(category)) throw new ControlError(`askInquiry: category must be one of ${INQUIRY_CATEGORIES.join(', ')}`);
  const po = input.productOrderId === undefined ? null : store.orders.get(input.productOrderId);
  if (input.productOrderId !== undefined && !po) throw new ControlError(`askInquiry: no product order ${input.productOrderId}`);
  const inquiryNo = core.nextId('inquiry');
  const item: InquiryItem = {
    inquiryNo,
    category,
    title: input.title,
    inquiryContent: input.content,
    answerContentId: null,
    answerContent: null,
    answerTemplateNo: null,
    orderId: po?.detail.order.orderId ?? input.orderId ?? '',
    productNo: po?.detail.productOrder.productId ?? null,
    productOrderIdList: po ? po.detail.productOrder.productOrderId : null,
    productName: po?.detail.productOrder.productName ?? null,
    productOrderOption: po?.detail.productOrder.productOption ?? null,
    customerName: input.customerName ?? '김*버',
  };
  store.inquiries.set(inquiryNo, { item, registeredAt: whenOf(core, input.askedAt, 'askInquiry'), answeredAt: null, deleted: false });
  return { inquiryNo };
}

/** Staff answer in the seller centre (not through the API): a question's answer, or an inquiry's (first, or edited). */
export function answerInSellerCenter(core: NaverCore, store: StoreState, input: { questionId?: number; inquiryNo?: number; text: string }): Record<string, unknown> {
  if (typeof input?.text !== 'string' || input.text === '') throw new ControlError('answerInSellerCenter: text is required');
  if (input.questionId !== undefined) {
    const q = store.qnas.get(input.questionId);
    if (!q || q.deleted) throw new ControlError(`answerInSellerCenter: no question ${input.questionId}`);
    q.answer = input.text;
    q.answeredBy = 'sellerCenter';
    return { questionId: q.questionId };
  }
  const r = input.inquiryNo === undefined ? null : liveInquiry(store, String(input.inquiryNo));
  if (!r) throw new ControlError(`answerInSellerCenter: no inquiry ${input.inquiryNo ?? '(none given)'}`);
  if (r.item.answerContentId === null) setAnswer(core, r, input.text, null);
  else r.item.answerContent = input.text;
  return { inquiryNo: r.item.inquiryNo, answerContentId: r.item.answerContentId };
}

/** The buyer deletes the inquiry (or question): gone from the lists; answering it gets 101004 (404 for a question). */
export function deleteInquiry(store: StoreState, input: { questionId?: number; inquiryNo?: number }): Record<string, unknown> {
  const rec = input?.questionId !== undefined ? store.qnas.get(input.questionId) : input?.inquiryNo !== undefined ? store.inquiries.get(input.inquiryNo) : undefined;
  if (!rec) throw new ControlError(`deleteInquiry: nothing with ${JSON.stringify(input)}`);
  rec.deleted = true;
  return { deleted: true };
}

/** The snapshot's inquiries of a store, as the lists show them (deleted ones flagged). */
export function inquiriesState(store: StoreState): Record<string, unknown> {
  return {
    qnas: [...store.qnas.values()].map((q) => ({ ...qnaItem(q), answeredBy: q.answeredBy, deleted: q.deleted })),
    inquiries: [...store.inquiries.values()].map((r) => ({ ...inquiryItem(r), deleted: r.deleted })),
  };
}
