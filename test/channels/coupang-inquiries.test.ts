/**
 * Coupang inquiries, request by request: what the channel sends (paths, windows, bodies with
 * line breaks escaped, the Wing id) and how it reads Coupang's answers (ids apart, answered
 * state from the buckets, TRANSFER, Coupang's 24-hour notice not taken for an answer).
 */
import { createHmac } from 'node:crypto';
import { coupangAccount } from '../../src/channels/coupang/account';
import { CC_PAGE, callCenterNext, coupangInquiries, MISSING_WING_ID, ONLINE_PAGE, parseInquiryId, TAKEN_OVER, windows, type CcItemT } from '../../src/channels/coupang/inquiries';
import type { CoupangSession } from '../../src/channels/coupang/transport';
import { ChannelError, type ChannelRequest, type ChannelSession, type InquiryPage, type PostedAnswer } from '../../src/channels/port';
import type { HttpRequest } from '../../src/core/http';
import type { SeoulDay } from '../../src/core/seoul-time';

const NOW = Date.parse('2026-11-23T10:00:00+09:00');
const account = coupangAccount('PNR004', 'A00012345');
const session = (wingId?: string) =>
  ({
    account,
    keys: { vendorId: 'A00012345', accessKey: 'ak', secretKey: 'sk', ...(wingId === undefined ? {} : { wingId }) },
    hmacSha256Hex: (k: string, m: string) => createHmac('sha256', k).update(m).digest('hex'),
    clock: { now: () => NOW },
    relay: null,
  }) satisfies CoupangSession as unknown as ChannelSession;
/** Built with the Wing id `najalran`, another, or (null) none stored. */
const built = <T>(r: ChannelRequest<T>, wingId: string | null = 'najalran'): HttpRequest => r.build(session(wingId ?? undefined));
const answer = (body: unknown) => ({ status: 200, headers: {}, body: JSON.stringify(body) });
const urlOf = (r: HttpRequest) => new URL(r.url);
const page = (content: unknown[], currentPage = 1, totalPages = 1) => ({ code: 200, message: 'OK', data: { content, pagination: { currentPage, totalPages, totalElements: content.length, countPerPage: 10 } } });

const agent = { answerId: 11, parentAnswerId: null, partnerTransferStatus: 'requestAnswer', partnerTransferCompleteReason: 'NONE', answerType: 'csAgent', needAnswer: true, receptionistName: '상담사', receptionist: 'cs', replyAt: '2026-11-23 09:00:00', content: '답변 부탁' };
const ccItem = (over: Partial<Record<string, unknown>> = {}) => ({
  inquiryId: 77,
  inquiryStatus: 'progress',
  csPartnerCounselingStatus: 'requestAnswer',
  vendorItemId: [3242596358],
  itemName: '머그컵',
  content: '언제 와요?',
  inquiryAt: '2026-11-23 09:00:00',
  answeredAt: null,
  orderId: 22000009546234,
  receiptCategory: '배송문의>배송일정',
  replies: [agent],
  ...over,
});

/** Follows a read chain with canned answers, one per request. */
function chain(first: { request: ChannelRequest<InquiryPage> }, answers: unknown[]): { requests: HttpRequest[]; pages: InquiryPage[] } {
  const requests: HttpRequest[] = [];
  const pages: InquiryPage[] = [];
  let read: { request: ChannelRequest<InquiryPage> } | null = first;
  for (const body of answers) {
    if (!read) throw new Error('the chain ended early');
    requests.push(built(read.request));
    const p: InquiryPage = read.request.read(answer(body));
    pages.push(p);
    read = p.next;
  }
  expect(read).toBeNull();
  return { requests, pages };
}

describe('reads', () => {
  it('covers the last 7 Seoul days in one window per list: NOANSWER, ANSWERED, TRANSFER, NONE, paging through', () => {
    const { requests, pages } = chain(coupangInquiries.collect(account, null, NOW), [page([], 1, 2), page([]), page([]), page([]), page([])]);
    const q = requests.map((r) => [urlOf(r).pathname, Object.fromEntries(urlOf(r).searchParams)]);
    expect(q[0]).toEqual(['/v2/providers/openapi/apis/api/v5/vendors/A00012345/onlineInquiries', { vendorId: 'A00012345', answeredType: 'NOANSWER', inquiryStartAt: '2026-11-17', inquiryEndAt: '2026-11-23', pageNum: '1', pageSize: String(ONLINE_PAGE) }]);
    expect(q[1]![1]).toMatchObject({ answeredType: 'NOANSWER', pageNum: '2' });
    expect(q[2]![1]).toMatchObject({ answeredType: 'ANSWERED', pageNum: '1' });
    expect(q[3]).toEqual(['/v2/providers/openapi/apis/api/v5/vendors/A00012345/callCenterInquiries', { vendorId: 'A00012345', partnerCounselingStatus: 'TRANSFER', inquiryStartAt: '2026-11-17', inquiryEndAt: '2026-11-23', pageNum: '1', pageSize: String(CC_PAGE) }]);
    expect(q[4]![1]).toMatchObject({ partnerCounselingStatus: 'NONE' });
    // The cursor comes with the last page only.
    expect(pages.map((p) => p.cursor)).toEqual([null, null, null, null, '2026-11-23']);
  });

  it('splits a longer look-back into windows of 7 calendar days (end − start = 6), newest first', () => {
    expect(windows('2026-10-27' as SeoulDay, '2026-11-23' as SeoulDay)).toEqual([
      { start: '2026-11-17', end: '2026-11-23' },
      { start: '2026-11-10', end: '2026-11-16' },
      { start: '2026-11-03', end: '2026-11-09' },
      { start: '2026-10-27', end: '2026-11-02' },
    ]);
    expect(windows('2026-11-20' as SeoulDay, '2026-11-23' as SeoulDay)).toEqual([{ start: '2026-11-20', end: '2026-11-23' }]);
  });

  it('takes the answered state from the bucket: a comment in NOANSWER is a follow-up, the last comment in ANSWERED the answer', () => {
    const item = { inquiryId: 844, productId: 2490, vendorItemId: 3100000204, content: '질문', inquiryAt: '2026-11-22 09:38:32', orderIds: null, commentDtoList: [{ inquiryCommentId: 351, inquiryId: 844, content: '답변\n두 줄', inquiryCommentAt: '2026-11-22 16:18:09' }] };
    const { pages } = chain(coupangInquiries.collect(account, null, NOW), [page([item]), page([item]), page([]), page([])]);
    const [noAnswer, answered] = [pages[0]!.items[0]!, pages[1]!.items[0]!];
    expect(noAnswer).toMatchObject({ kind: 'question', inquiry: { inquiryId: 'online:844', kind: 'product', productId: '3100000204', orderId: null, question: '질문', askedAt: Date.parse('2026-11-22T09:38:32+09:00'), answer: null } });
    expect(answered).toMatchObject({ inquiry: { answer: { answerId: '351', text: '답변\n두 줄', at: Date.parse('2026-11-22T16:18:09+09:00'), by: '쿠팡 윙', editable: false } } });
  });

  it('reads call-centre items: a TRANSFER by its list or its agent message, the seller\'s reply as the answer, vendorItemId as array or number', () => {
    const transfer = ccItem({ inquiryId: 78, replies: [{ ...agent, needAnswer: false }] });
    const replied = ccItem({ inquiryId: 79, vendorItemId: 3242596358, csPartnerCounselingStatus: 'answered', replies: [{ ...agent, partnerTransferStatus: 'answered' }, { ...agent, answerId: 12, parentAnswerId: 11, answerType: 'vendor', partnerTransferStatus: null, receptionist: 'najalran', replyAt: '2026-11-23 09:30:00', content: '오늘 출고' }] });
    const listedOnly = ccItem({ inquiryId: 80 });
    const { pages } = chain(coupangInquiries.collect(account, null, NOW), [page([]), page([]), page([listedOnly]), page([ccItem(), transfer, replied, listedOnly])]);
    const byId = Object.fromEntries(pages[3]!.items.map((x) => [x.kind === 'question' ? x.inquiry.inquiryId : '', x.kind === 'question' ? x.inquiry : null]));
    expect(byId['cc:77']).toMatchObject({ kind: 'shipping', productId: '3242596358', orderId: '22000009546234', title: '배송문의>배송일정', answer: null });
    expect(byId['cc:78']!.kind).toBe('transfer');
    expect(byId['cc:80']!.kind).toBe('transfer');
    expect(byId['cc:79']).toMatchObject({ productId: '3242596358', answer: { answerId: '12', text: '오늘 출고', by: 'najalran' } });
  });

  it("does not take Coupang's 24-hour notice for the seller's answer", () => {
    const flipped = ccItem({ csPartnerCounselingStatus: 'answered', replies: [{ ...agent, partnerTransferStatus: 'answered', partnerTransferCompleteReason: 'DISPUTE_PROCESS' }, { ...agent, answerId: 13, parentAnswerId: 11, partnerTransferStatus: null, needAnswer: false, content: '[쿠팡 시스템] CS문의가 24시간 내 답변되지 않아…' }] });
    const { pages } = chain(coupangInquiries.collect(account, null, NOW), [page([]), page([]), page([]), page([flipped])]);
    expect(pages[3]!.items[0]).toMatchObject({ inquiry: { inquiryId: 'cc:77', kind: 'shipping', answer: null } });
  });

  it('reads back call-centre inquiries one by one and product ones in the ANSWERED bucket over 4 weeks, only those asked for', () => {
    const item = (id: number) => ({ inquiryId: id, vendorItemId: 1, content: 'q', inquiryAt: '2026-11-01 10:00:00', orderIds: [], commentDtoList: [{ inquiryCommentId: 5, content: '네', inquiryCommentAt: '2026-11-23 10:00:00' }] });
    const read = coupangInquiries.readBack(account, ['cc:77', 'online:844'], NOW, NOW);
    const { requests, pages } = chain(read, [{ code: 200, data: ccItem() }, page([item(843), item(844)]), page([]), page([]), page([])]);
    expect(urlOf(requests[0]!).pathname).toBe('/v2/providers/openapi/apis/api/v5/vendors/callCenterInquiries/77');
    expect(requests.slice(1).map((r) => urlOf(r).searchParams.get('answeredType'))).toEqual(['ANSWERED', 'ANSWERED', 'ANSWERED', 'ANSWERED']);
    expect(urlOf(requests[4]!).searchParams.get('inquiryStartAt')).toBe('2026-10-27');
    expect(pages.flatMap((p) => p.items.map((x) => (x.kind === 'question' ? x.inquiry.inquiryId : '')))).toEqual(['cc:77', 'online:844']);
    // What the read-back finds is credited to the Wing id it was read with (the job checks the text).
    expect(pages[1]!.items[0]).toMatchObject({ inquiry: { answer: { by: 'najalran', text: '네' } } });
  });
});

describe('answers', () => {
  it('posts a product answer with line breaks as JSON escapes, under the Wing id', () => {
    const req = coupangInquiries.answer(account, { inquiryId: 'online:844', title: '' }, '첫 줄\r\n<b>둘째</b> =A1');
    const r = built(req);
    expect([r.method, urlOf(r).pathname]).toEqual(['post', '/v2/providers/openapi/apis/api/v4/vendors/A00012345/onlineInquiries/844/replies']);
    expect(r.payload).toBe('{"content":"첫 줄\\n<b>둘째</b> =A1","vendorId":"A00012345","replyBy":"najalran"}');
    expect(r.payload).not.toMatch(/\n/);
    expect(req.read(answer({ code: '200', message: 'OK' }))).toEqual({ answerId: null });
    expect(() => req.read(answer({ code: 400, message: 'nope' }))).toThrow(ChannelError);
  });

  it('builds nothing without a Wing login id, and says what to enter', () => {
    const req = coupangInquiries.answer(account, { inquiryId: 'online:844', title: '' }, '네');
    const said = (r: ChannelRequest<PostedAnswer>, wingId: string | null) => {
      try {
        built(r, wingId);
        return null;
      } catch (e) {
        return (e as ChannelError).userMessage;
      }
    };
    expect(said(req, null)).toBe(MISSING_WING_ID);
    expect(said(coupangInquiries.answer(account, { inquiryId: 'cc:77', title: '' }, '네'), '')).toBe(MISSING_WING_ID);
  });

  it('reads a call-centre inquiry first, then replies to the agent message still asking', () => {
    const req = coupangInquiries.answer(account, { inquiryId: 'cc:77', title: '' }, '오늘 출고');
    expect(urlOf(built(req)).pathname).toBe('/v2/providers/openapi/apis/api/v5/vendors/callCenterInquiries/77');
    const older = { ...agent, answerId: 9, partnerTransferStatus: 'answered' };
    const then = (req.read(answer({ code: 200, data: ccItem({ replies: [older, agent] }) })) as PostedAnswer).then!;
    const r = built(then);
    expect(urlOf(r).pathname).toBe('/v2/providers/openapi/apis/api/v4/vendors/A00012345/callCenterInquiries/77/replies');
    expect(JSON.parse(r.payload!)).toEqual({ vendorId: 'A00012345', inquiryId: '77', content: '오늘 출고', replyBy: 'najalran', parentAnswerId: '11' });
  });

  it('confirms a TRANSFER with no text, and refuses in Korean what Coupang would refuse', () => {
    const transfer = ccItem({ replies: [{ ...agent, needAnswer: false }] }) as unknown as CcItemT;
    const confirm = built(callCenterNext(account, '77', { ...transfer, replies: transfer.replies.map((x) => ({ ...x })) }, ''));
    expect([urlOf(confirm).pathname, JSON.parse(confirm.payload!)]).toEqual(['/v2/providers/openapi/apis/api/v4/vendors/A00012345/callCenterInquiries/77/confirms', { confirmBy: 'najalran' }]);
    const said = (item: unknown, text: string) => {
      try {
        callCenterNext(account, '77', item as CcItemT, text);
        return null;
      } catch (e) {
        return (e as ChannelError).userMessage;
      }
    };
    const flipped = ccItem({ csPartnerCounselingStatus: 'answered', replies: [{ ...agent, partnerTransferStatus: 'answered' }, { ...agent, answerId: 13, partnerTransferStatus: null, needAnswer: false, content: '[쿠팡 시스템] …' }] });
    expect(said(flipped, '죄송합니다')).toBe(TAKEN_OVER);
    expect(said(ccItem({ replies: [agent, { ...agent, answerId: 12, answerType: 'vendor', partnerTransferStatus: null }] }), '또')).toContain('이미 답변된 문의');
    expect(said(ccItem(), '')).toContain('이관 문의가 아니라');
    expect(said(ccItem({ inquiryStatus: 'complete', replies: [{ ...agent, needAnswer: false, partnerTransferStatus: 'answered', partnerTransferCompleteReason: 'DISPUTE_PROCESS' }] }), '')).toContain('24시간이 지나');
    expect(said(ccItem({ inquiryStatus: 'complete', replies: [{ ...agent, needAnswer: false, partnerTransferStatus: 'answered', partnerTransferCompleteReason: 'DISPUTE_PROCESS_COMPLETE' }] }), '')).toBe('이미 이관 확인된 문의입니다');
  });

  it('keeps the two kinds of id apart', () => {
    expect(parseInquiryId('online:844')).toEqual({ list: 'online', id: '844' });
    expect(parseInquiryId('cc:844')).toEqual({ list: 'cc', id: '844' });
    expect(() => parseInquiryId('844')).toThrow();
  });
});
