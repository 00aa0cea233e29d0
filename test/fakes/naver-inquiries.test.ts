/**
 * The fake SmartStore's inquiry calls as inquiries-api.md §B documents them, over HTTP: the
 * product-Q&A list and its 204 overwrite, the customer-inquiry list's strict checks (4001–4007)
 * and Spring page, the first answer (a second one ERR-NC-101010, a deleted inquiry 101004) and
 * the edit, the rate buckets; and the switches where the reference is silent.
 */
import { DEFAULT_CLIENT_ID as APP } from '../../local/fakes/naver';
import type { NaverOptionsInput } from '../../local/fakes/naver/options';
import { startNaverFake, type NaverHarness } from '../../local/fakes/naver/testing';

let h: NaverHarness;
let token: string;
async function start(options: Partial<NaverOptionsInput> = {}) {
  h = await startNaverFake({ ratePerSecond: 50, ...options });
  token = h.token();
}
afterEach(async () => h?.close());

const QNA_WINDOW = { fromDate: '2026-11-16T10:00:00.000+09:00', toDate: '2026-11-23T10:00:00.000+09:00' };
const DAYS = { startSearchDate: '2026-11-16', endSearchDate: '2026-11-23' };
const ask = (question = '포장 되나요?', askedAt?: string) => h.fake.controls.askProductQuestion(APP, { originProductNo: 10000101, question, ...(askedAt ? { askedAt } : {}) }).questionId;
const inquire = (extra: Record<string, unknown> = {}) => h.fake.controls.askInquiry(APP, { category: '배송', title: '언제 와요', content: '오늘 출발하나요?', ...extra }).inquiryNo;

describe('product Q&A', () => {
  beforeEach(() => start());

  it('lists questions asked in fromDate–toDate with the contents + page shape; both dates are required', async () => {
    const id = ask();
    const r = await h.call('GET', '/v1/contents/qnas', { token, query: QNA_WINDOW });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ page: 1, size: 100, totalElements: 1, totalPages: 1, first: true, last: true });
    expect(r.json.contents).toEqual([{ createDate: '2026-11-23T10:00:00.000+09:00', question: '포장 되나요?', answer: null, answered: false, productId: 20000101, productName: '수제 도자기 머그컵', maskedWriterId: 'buy***', questionId: id }]);
    const missing = await h.call('GET', '/v1/contents/qnas', { token, query: { fromDate: QNA_WINDOW.fromDate } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ code: 'BAD_REQUEST', invalidInputs: [{ name: 'toDate' }] });
    expect((await h.call('GET', '/v1/contents/qnas', { token, query: { ...QNA_WINDOW, size: 101 } })).status).toBe(400);
  });

  it('answers with PUT commentContent: 204 and no body, again overwrites; an unknown question is 404', async () => {
    const id = ask();
    const first = await h.call('PUT', `/v1/contents/qnas/${id}`, { token, body: { commentContent: '네' } });
    expect(first).toMatchObject({ status: 204, text: '' });
    await h.call('PUT', `/v1/contents/qnas/${id}`, { token, body: { commentContent: '네, 무료입니다' } });
    const listed = await h.call('GET', '/v1/contents/qnas', { token, query: { ...QNA_WINDOW, answered: 'true' } });
    expect(listed.json.contents).toMatchObject([{ questionId: id, answer: '네, 무료입니다', answered: true }]);
    expect((await h.call('GET', '/v1/contents/qnas', { token, query: { ...QNA_WINDOW, answered: 'false' } })).json.contents).toEqual([]);
    expect(await h.call('PUT', '/v1/contents/qnas/1', { token, body: { commentContent: '네' } })).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } });
    expect(await h.call('PUT', `/v1/contents/qnas/${id}`, { token, body: { answerComment: '네' } })).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST' } });
  });

  it('keeps its own id counter, apart from the customer inquiries', () => {
    const q = ask();
    const i = inquire();
    expect(q).not.toBe(i);
    expect(ask()).toBe(q + 1);
    expect(inquire()).toBe(i + 1);
  });
});

describe('customer inquiries', () => {
  beforeEach(() => start());

  it('lists by registration day as a Spring page (size 10 by default); an inquiry about a product order carries it', async () => {
    const no = inquire({ productOrderId: '2026112310000011' });
    const r = await h.call('GET', '/v1/pay-user/inquiries', { token, query: DAYS });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ totalPages: 1, totalElements: 1, number: 0, size: 10, numberOfElements: 1, first: true, last: true, empty: false, pageable: { pageNumber: 0, pageSize: 10, offset: 0 } });
    expect(r.json.content[0]).toMatchObject({ inquiryNo: no, category: '배송', title: '언제 와요', inquiryContent: '오늘 출발하나요?', inquiryRegistrationDateTime: '2026-11-23T10:00:00.000+09:00', answered: false, answerContentId: null, orderId: '2026112310000001', productOrderIdList: '2026112310000011', productNo: '20000101' });
    expect(r.json.content[0]).not.toHaveProperty('customerId');
    const before = await h.call('GET', '/v1/pay-user/inquiries', { token, query: { startSearchDate: '2026-11-01', endSearchDate: '2026-11-22' } });
    expect(before.json.content).toEqual([]);
  });

  it.each([
    [{ fromDate: '2026-11-16', toDate: '2026-11-23' }, '4001'],
    [{ ...DAYS, startSearchDate: '2026/11/16' }, '4001'],
    [{ startSearchDate: '2026-11-23', endSearchDate: '2026-11-16' }, '4002'],
    [{ startSearchDate: '2025-11-01', endSearchDate: '2026-11-23' }, '4003'],
    [{ ...DAYS, page: 0 }, '4004'],
    [{ ...DAYS, page: 1_000_001 }, '4005'],
    [{ ...DAYS, size: 9 }, '4006'],
    [{ ...DAYS, size: 201 }, '4007'],
  ])('refuses %j with code %s', async (query, code) => {
    const r = await h.call('GET', '/v1/pay-user/inquiries', { token, query: query as Record<string, string | number> });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe(code);
    if (code === '4001') expect(r.json.invalidInputs.length).toBeGreaterThan(0);
  });

  it('takes the first answer (POST answerComment), refuses a second with ERR-NC-101010, edits by answerContentId', async () => {
    const no = inquire();
    const posted = await h.call('POST', `/v1/pay-merchant/inquiries/${no}/answer`, { token, body: { answerComment: '오늘 출고합니다' } });
    expect(posted.status).toBe(200);
    expect(posted.json).toMatchObject({ code: 'SUCCESS', data: { inquiryNo: no, inquiryCommentNo: expect.any(Number) } });
    expect(posted.json.traceId).toEqual(expect.any(String));
    const answerId = posted.json.data.inquiryCommentNo;
    const again = await h.call('POST', `/v1/pay-merchant/inquiries/${no}/answer`, { token, body: { answerComment: '또' } });
    expect(again).toMatchObject({ status: 400, json: { code: 'ERR-NC-101010' } });
    const edit = await h.call('PUT', `/v1/pay-merchant/inquiries/${no}/answer/${answerId}`, { token, body: { answerComment: '오후에 출고합니다' } });
    expect(edit.json).toMatchObject({ data: { inquiryNo: no, inquiryCommentNo: answerId } });
    const listed = (await h.call('GET', '/v1/pay-user/inquiries', { token, query: { ...DAYS, answered: 'true' } })).json.content;
    expect(listed).toMatchObject([{ inquiryNo: no, answered: true, answerContentId: answerId, answerContent: '오후에 출고합니다', answerRegistrationDateTime: '2026-11-23T10:00:00.000+09:00' }]);
    expect((await h.call('PUT', `/v1/pay-merchant/inquiries/${no}/answer/1`, { token, body: { answerComment: 'x' } })).json.code).toBe('ERR-NC-101001');
  });

  it('a deleted or unknown inquiry is ERR-NC-101004 and leaves the list; the seller centre answers beside the API', async () => {
    const gone = inquire();
    const answered = inquire();
    h.fake.controls.deleteInquiry(APP, { inquiryNo: gone });
    h.fake.controls.answerInSellerCenter(APP, { inquiryNo: answered, text: '판매자센터 답변' });
    const r = await h.call('POST', `/v1/pay-merchant/inquiries/${gone}/answer`, { token, body: { answerComment: 'x' } });
    expect(r).toMatchObject({ status: 400, json: { code: 'ERR-NC-101004', message: `문의 번호 ${gone}에 해당하는 문의가 없습니다.` } });
    expect((await h.call('POST', `/v1/pay-merchant/inquiries/${answered}/answer`, { token, body: { answerComment: 'x' } })).json.code).toBe('ERR-NC-101010');
    const listed = (await h.call('GET', '/v1/pay-user/inquiries', { token, query: DAYS })).json.content;
    expect(listed.map((x: { inquiryNo: number }) => x.inquiryNo)).toEqual([answered]);
    expect(listed[0]).toMatchObject({ answered: true, answerContent: '판매자센터 답변' });
  });

  it('counts calls in its own bucket with the GNCP-GW-RateLimit-* headers, and answers 429 GW.RATE_LIMIT over it', async () => {
    await h.close();
    await start({ ratePerApi: { inquiries: 1 } });
    const first = await h.call('GET', '/v1/pay-user/inquiries', { token, query: DAYS });
    expect(first.headers['gncp-gw-ratelimit-replenish-rate']).toBe('1');
    expect(first.headers['gncp-gw-ratelimit-burst-capacity']).toBe('2');
    await h.call('GET', '/v1/pay-user/inquiries', { token, query: DAYS });
    expect(await h.call('GET', '/v1/pay-user/inquiries', { token, query: DAYS })).toMatchObject({ status: 429, json: { code: 'GW.RATE_LIMIT' } });
    // Another API's bucket is untouched.
    expect((await h.call('GET', '/v1/contents/qnas', { token, query: QNA_WINDOW })).status).toBe(200);
    expect(h.fake.core.log.all().filter((e) => e.path === '/v1/pay-user/inquiries').map((e) => e.status)).toEqual([200, 200, 429]);
  });
});

describe('switches where the reference is silent', () => {
  it('answerField: answerContent is refused by default, taken with "either"', async () => {
    await start();
    const no = inquire();
    expect((await h.call('POST', `/v1/pay-merchant/inquiries/${no}/answer`, { token, body: { answerContent: 'x' } })).json.code).toBe('ERR-NC-101001');
    await h.close();
    await start({ answerField: 'either' });
    const n2 = inquire();
    expect((await h.call('POST', `/v1/pay-merchant/inquiries/${n2}/answer`, { token, body: { answerContent: 'x' } })).status).toBe(200);
  });

  it('postAnswerData null, inquiryListEnvelope, qnaMaxSpanDays, answerMaxLength, qnaOverwriteSellerAnswer reject', async () => {
    await start({ postAnswerData: 'null', inquiryListEnvelope: true, qnaMaxSpanDays: 3, answerMaxLength: 10, qnaOverwriteSellerAnswer: 'reject' });
    const no = inquire();
    expect((await h.call('POST', `/v1/pay-merchant/inquiries/${no}/answer`, { token, body: { answerComment: '01234567890' } })).json.code).toBe('ERR-NC-101001');
    expect((await h.call('POST', `/v1/pay-merchant/inquiries/${no}/answer`, { token, body: { answerComment: '짧은 답' } })).json).toMatchObject({ code: 'SUCCESS', data: null });
    expect((await h.call('GET', '/v1/pay-user/inquiries', { token, query: DAYS })).json).toMatchObject({ code: 'SUCCESS', data: { content: [{ inquiryNo: no }] } });
    expect((await h.call('GET', '/v1/contents/qnas', { token, query: QNA_WINDOW })).json).toMatchObject({ code: 'BAD_REQUEST', invalidInputs: [{ name: 'toDate' }] });
    const id = ask();
    h.fake.controls.answerInSellerCenter(APP, { questionId: id, text: '판매자센터' });
    expect((await h.call('PUT', `/v1/contents/qnas/${id}`, { token, body: { commentContent: '덮어쓰기' } })).status).toBe(400);
  });
});
