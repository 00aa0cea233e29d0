/**
 * The SmartStore channel's inquiries (inquiries-api.md §B) as requests built and answers read,
 * without a network: which lists a collect reads over which window and pages, how each item
 * becomes a 문의 row's question and answer, how answers and edits are sent, and how Naver's
 * refusals read.
 */
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import type { InquirySeen } from '../../src/core/inquiries';
import { naver } from '../../src/channels/naver/channel';
import { errorFromResponse } from '../../src/channels/naver/errors';
import { kindOfCategory, LOOKBACK_MS, MAX_LOOKBACK_MS, naverInquiries, windowStart } from '../../src/channels/naver/inquiries';
import { decide, FIRST_TRY } from '../../src/channels/naver/retry';
import type { ChannelRequest, ChannelSession, InquiryPage, InquiryRead } from '../../src/channels/port';
import type { Partner } from '../../src/core/partner';

const NOW = Date.parse('2026-11-23T10:00:00+09:00');
const DAY = 86_400_000;
const PARTNER = { partnerId: 'PNR005', channel: 'naver', accountId: 'najalran-store' } as Partner;
const account = naver.account(PARTNER);
const session = { account, accessToken: 'tok', relay: null, now: () => NOW } as unknown as ChannelSession;

const built = (r: ChannelRequest<unknown>): HttpRequest => r.build(session);
const urlOf = (r: ChannelRequest<unknown>) => new URL(built(r).url);
const json = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, body: body === null ? '' : JSON.stringify(body) });

const qna = (questionId: number, extra: Record<string, unknown> = {}) => ({ questionId, createDate: '2026-11-23T09:30:00.000+09:00', question: '포장 되나요?', answer: null, answered: false, productId: 20000101, productName: '머그컵', maskedWriterId: 'buy***', ...extra });
const qnaPage = (contents: unknown[], page: number, totalPages: number) => ({ contents, page, size: 100, totalElements: contents.length, totalPages, first: page === 1, last: page >= totalPages });
const inquiry = (inquiryNo: number, extra: Record<string, unknown> = {}) => ({
  inquiryNo,
  category: '배송',
  title: '언제 와요',
  inquiryContent: '오늘 출발하나요?',
  inquiryRegistrationDateTime: '2026-11-23T09:40:00.000+09:00',
  answered: false,
  orderId: '2026112310000001',
  productNo: '20000101',
  productName: '머그컵',
  customerName: '김*버',
  ...extra,
});
const springPage = (content: unknown[], last = true) => ({ content, totalPages: 1, totalElements: content.length, number: 0, size: 200, numberOfElements: content.length, first: true, last, empty: content.length === 0 });

/** The pages of a read chain, each answered by `answer` (by the request's path). */
function drain(read: InquiryRead, answer: (url: URL) => HttpResponse): { urls: URL[]; items: InquirySeen[]; cursor: string | null } {
  const urls: URL[] = [];
  const items: InquirySeen[] = [];
  let r: InquiryRead | null = read;
  let cursor: string | null = null;
  while (r) {
    const url = urlOf(r.request);
    urls.push(url);
    const page: InquiryPage = r.request.read(answer(url));
    items.push(...page.items);
    cursor = page.cursor;
    r = page.next;
  }
  return { urls, items, cursor };
}

const question = (x: InquirySeen) => {
  if (x.kind !== 'question') throw new Error('not a question');
  return x.inquiry;
};

describe('a collect', () => {
  it('reads every page of both lists over the last 7 days: product Q&A by date-time (+09:00), inquiries by Seoul day, 200 a page', () => {
    const { urls, cursor } = drain(naverInquiries.collect(account, null, NOW), (u) =>
      u.pathname.endsWith('/qnas') ? json(200, qnaPage([qna(Number(u.searchParams.get('page')))], Number(u.searchParams.get('page')), 2)) : json(200, springPage([inquiry(1)])),
    );
    expect(urls.map((u) => `${u.pathname} ${u.searchParams.get('page')}`)).toEqual(['/external/v1/contents/qnas 1', '/external/v1/contents/qnas 2', '/external/v1/pay-user/inquiries 1']);
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({ fromDate: '2026-11-16T10:00:00.000+09:00', toDate: '2026-11-23T10:00:00.000+09:00', page: '1', size: '100' });
    // The offset's + goes as %2B (a bare + would read as a space).
    expect(built(naverInquiries.collect(account, null, NOW).request).url).toContain('%2B09%3A00');
    expect(Object.fromEntries(urls[2]!.searchParams)).toEqual({ startSearchDate: '2026-11-16', endSearchDate: '2026-11-23', page: '1', size: '200' });
    expect(JSON.parse(cursor!)).toEqual({ qna: Date.parse('2026-11-23T09:30:00+09:00'), inq: Date.parse('2026-11-23T09:40:00+09:00') });
  });

  it('reaches back to the oldest question still open at the last read, never past 30 days', () => {
    expect(windowStart(null, NOW)).toBe(NOW - LOOKBACK_MS);
    expect(windowStart(NOW - 12 * DAY, NOW)).toBe(NOW - 12 * DAY - 60_000);
    expect(windowStart(NOW - 2 * DAY, NOW)).toBe(NOW - LOOKBACK_MS);
    expect(windowStart(NOW - 90 * DAY, NOW)).toBe(NOW - MAX_LOOKBACK_MS);
    const cursor = JSON.stringify({ qna: NOW - 12 * DAY, inq: null });
    const urls = drain(naverInquiries.collect(account, cursor, NOW), (u) => (u.pathname.endsWith('/qnas') ? json(200, qnaPage([], 1, 0)) : json(200, springPage([])))).urls;
    expect(urls[0]!.searchParams.get('fromDate')).toBe('2026-11-11T09:59:00.000+09:00');
    expect(urls[1]!.searchParams.get('startSearchDate')).toBe('2026-11-16');
  });

  it('keeps the two id spaces apart and reads each item as a 문의 row', () => {
    const { items } = drain(naverInquiries.collect(account, null, NOW), (u) =>
      u.pathname.endsWith('/qnas')
        ? json(200, qnaPage([qna(7, { answer: '네 됩니다', answered: true })], 1, 1))
        : json(200, springPage([inquiry(7, { category: '교환', answered: true, answerContentId: 900, answerContent: '가능합니다', answerRegistrationDateTime: '2026-11-23T09:50:00.000+09:00' })])),
    );
    const [q, i] = items.map(question);
    expect(q).toMatchObject({ partnerId: 'PNR005', channel: 'naver', inquiryId: 'qna:7', kind: 'product', productId: '20000101', orderId: null, question: '포장 되나요?', askedAt: Date.parse('2026-11-23T09:30:00+09:00') });
    // A question's one answer is always the add-on's to overwrite; Naver gives no time for it.
    expect(q!.answer).toEqual({ answerId: '7', text: '네 됩니다', at: null, by: 'najalran-store', editable: true });
    expect(i).toMatchObject({ inquiryId: 'inq:7', kind: 'order', orderId: '2026112310000001', productId: '20000101', title: '언제 와요', question: '오늘 출발하나요?' });
    expect(i!.answer).toEqual({ answerId: '900', text: '가능합니다', at: Date.parse('2026-11-23T09:50:00+09:00'), by: 'najalran-store', editable: true });
  });

  it('reads the inquiry list bare (the docs) or inside the {code, data} envelope', () => {
    const inEnvelope = drain(naverInquiries.collect(account, null, NOW), (u) => (u.pathname.endsWith('/qnas') ? json(200, qnaPage([], 1, 0)) : json(200, { code: 'SUCCESS', data: springPage([inquiry(3)]) })));
    expect(inEnvelope.items.map((x) => question(x).inquiryId)).toEqual(['inq:3']);
  });

  it('names the tab kind of each category: 상품 상품, 배송 배송, 반품/교환/환불 주문, else 기타', () => {
    expect(['상품', '배송', '반품', '교환', '환불', '기타', null].map(kindOfCategory)).toEqual(['product', 'shipping', 'order', 'order', 'order', 'other', 'other']);
  });
});

describe('answering', () => {
  it('answers a product question with PUT commentContent (204) and a customer inquiry with POST answerComment', () => {
    const q = naverInquiries.answer(account, { inquiryId: 'qna:7', title: '' }, '네 <b>됩니다</b> =1+1');
    expect(built(q)).toMatchObject({ method: 'put', url: 'https://api.commerce.naver.com/external/v1/contents/qnas/7' });
    expect(JSON.parse(String(built(q).payload))).toEqual({ commentContent: '네 <b>됩니다</b> =1+1' });
    expect(q.read(json(204, null))).toEqual({ answerId: '7' });
    const i = naverInquiries.answer(account, { inquiryId: 'inq:5', title: '' }, '가능합니다');
    expect(built(i)).toMatchObject({ method: 'post', url: 'https://api.commerce.naver.com/external/v1/pay-merchant/inquiries/5/answer' });
    expect(JSON.parse(String(built(i).payload))).toEqual({ answerComment: '가능합니다' });
    expect(i.read(json(200, { code: 'SUCCESS', message: '성공', data: { inquiryNo: 5, inquiryCommentNo: 901 } }))).toEqual({ answerId: '901' });
    expect(i.read(json(200, { code: 'SUCCESS', data: null }))).toEqual({ answerId: null });
  });

  it('takes "an answer exists already" (ERR-NC-101010) as done, to be read back, and any other refusal as a refusal', () => {
    const exists = json(400, { code: 'ERR-NC-101010', message: '이미 답변이 등록된 문의입니다.' });
    expect(decide('post', exists, FIRST_TRY, NOW).decision).toEqual({ action: 'accept' });
    expect(naverInquiries.answer(account, { inquiryId: 'inq:5', title: '' }, 'x').read(exists)).toEqual({ answerId: null });
    const gone = json(400, { code: 'ERR-NC-101004', message: '문의 번호 5에 해당하는 문의가 없습니다.' });
    expect(decide('post', gone, FIRST_TRY, NOW).decision).toEqual({ action: 'fail' });
    expect(errorFromResponse('inquiries.answer', 'najalran-store', gone)).toMatchObject({ kind: 'notFound', retryable: false, userMessage: '문의가 없거나 삭제되었습니다 (구매자가 삭제했을 수 있습니다)', channelMessage: '문의 번호 5에 해당하는 문의가 없습니다.' });
    expect(errorFromResponse('inquiries.answer', 'najalran-store', json(400, { code: 'ERR-NC-101005', message: 'x' })).userMessage).toBe('답변할 수 없는 문의입니다 (유효하지 않은 문의)');
    expect(errorFromResponse('qnas.answer', 'najalran-store', json(404, { code: 'NOT_FOUND', message: 'x' })).userMessage).toBe('상품 문의가 없거나 삭제되었습니다');
  });

  it('edits a product question by the same PUT and an inquiry by PUT …/answer/{answerContentId}', () => {
    const q = naverInquiries.update!(account, 'qna:7', '7', '수정');
    expect(built(q)).toMatchObject({ method: 'put', url: 'https://api.commerce.naver.com/external/v1/contents/qnas/7' });
    const i = naverInquiries.update!(account, 'inq:5', '901', '수정');
    expect(built(i)).toMatchObject({ method: 'put', url: 'https://api.commerce.naver.com/external/v1/pay-merchant/inquiries/5/answer/901' });
    expect(JSON.parse(String(built(i).payload))).toEqual({ answerComment: '수정' });
    expect(() => i.read(json(200, { code: 'SUCCESS', data: { inquiryNo: 5, inquiryCommentNo: 901 } }))).not.toThrow();
  });

  it('reads back only the answered questions of the spaces asked for, from when the oldest was asked', () => {
    const asked = NOW - 20 * DAY;
    const { urls, items, cursor } = drain(naverInquiries.readBack(account, ['inq:5'], NOW - 60_000, NOW, asked), () =>
      json(200, springPage([inquiry(5, { answered: true, answerContentId: 901, answerContent: 'a' }), inquiry(6, { answered: true, answerContentId: 902, answerContent: 'b' })])),
    );
    expect(urls.map((u) => u.pathname)).toEqual(['/external/v1/pay-user/inquiries']);
    expect(Object.fromEntries(urls[0]!.searchParams)).toMatchObject({ startSearchDate: '2026-11-03', endSearchDate: '2026-11-23', answered: 'true' });
    expect(items.map((x) => question(x).inquiryId)).toEqual(['inq:5']);
    expect(cursor).toBeNull();
    const both = drain(naverInquiries.readBack(account, ['qna:7', 'inq:5'], NOW - 60_000, NOW, asked), (u) => (u.pathname.endsWith('/qnas') ? json(200, qnaPage([], 1, 0)) : json(200, springPage([]))));
    expect(both.urls[0]!.searchParams.get('fromDate')).toBe('2026-11-03T09:59:00.000+09:00');
    expect(both.urls[0]!.searchParams.get('answered')).toBe('true');
  });

  it('refuses an id of neither space', () => {
    expect(() => naverInquiries.answer(account, { inquiryId: '6:3', title: '' }, 'x')).toThrow(/not a SmartStore inquiry id/);
  });
});
