/**
 * The fake Wing API's CS calls (inquiries-api.md part C) as the reference documents them, and
 * each switch where it is silent (local/fakes/coupang/README.md).
 */
import * as http from 'node:http';
import { ceaHeader, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID as V, DEFAULT_WING_USER as WING } from '../../local/fakes/coupang';
import { BAD_REPLY_BY, CANNOT_ANSWER, CLOSED, RAW_NEWLINE, SYSTEM_NOTICE } from '../../local/fakes/coupang/inquiries';
import type { CoupangOptionsInput } from '../../local/fakes/coupang/options';
import { startCoupangFake, T0, type Harness } from '../../local/fakes/coupang/testing';

const API = '/v2/providers/openapi/apis/api';
const MUG = 3242596358;
const HOUR = 3_600_000;

let h: Harness;
const open: Harness[] = [];
async function start(options: CoupangOptionsInput = {}): Promise<Harness> {
  // The hand clock stands still: the per-second limit is another spec's.
  h = await startCoupangFake({ options: { rateLimitPerSecond: 1000, ...options } });
  open.push(h);
  return h;
}
afterAll(async () => {
  for (const x of open) await x.close();
});

const onlineList = (q: string) => h.send('GET', `${API}/v5/vendors/${V}/onlineInquiries?${q}`);
const ccList = (q: string) => h.send('GET', `${API}/v5/vendors/${V}/callCenterInquiries?${q}`);
const WEEK = 'inquiryStartAt=2026-11-17&inquiryEndAt=2026-11-23';
const replyOnline = (id: number, body: unknown) => h.send('POST', `${API}/v4/vendors/${V}/onlineInquiries/${id}/replies`, { body });
const replyCc = (id: number, body: unknown) => h.send('POST', `${API}/v4/vendors/${V}/callCenterInquiries/${id}/replies`, { body });
const confirm = (id: number) => h.send('POST', `${API}/v4/vendors/${V}/callCenterInquiries/${id}/confirms`, { body: { confirmBy: WING } });
const oneCc = (id: number) => h.send('GET', `${API}/v5/vendors/callCenterInquiries/${id}`);

/** A raw body, as a client that does not escape would send it. */
function sendRaw(path: string, raw: string): Promise<{ status: number; json: any }> {
  const authorization = ceaHeader(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 'POST', path, '', h.clock.now);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: h.port, localAddress: '127.0.0.2', method: 'POST', path, headers: { Authorization: authorization, 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

describe('product inquiries', () => {
  beforeAll(async () => {
    await start();
    h.fake.askProductQuestion(V, { vendorItemId: MUG, content: '세척기 되나요?' });
    h.fake.askProductQuestion(V, { vendorItemId: MUG, content: '일주일 전 질문', inquiryAt: '2026-11-16 10:00:00' });
  });

  it('lists by answeredType in its exact case, in the documented page shape, times without offset', async () => {
    const a = await onlineList(`answeredType=NOANSWER&${WEEK}`);
    expect(a.status).toBe(200);
    expect(a.json.data.content[0]).toMatchObject({ inquiryId: 844000, vendorItemId: MUG, content: '세척기 되나요?', inquiryAt: '2026-11-23 10:00:00', commentDtoList: [] });
    expect(a.json.data.pagination).toEqual({ currentPage: 1, totalPages: 1, totalElements: 1, countPerPage: 10 });
    expect((await onlineList(`answeredType=noAnswer&${WEEK}`)).json).toEqual({ code: 400, message: "answeredType can't be null" });
    expect((await onlineList(`answeredType=ANSWERED&${WEEK}`)).json.data.content).toEqual([]);
  });

  it('takes end − start ≤ 7 days (both days whole), refuses more, and caps pageSize at 50', async () => {
    const eight = await onlineList('answeredType=ALL&inquiryStartAt=2026-11-16&inquiryEndAt=2026-11-23');
    expect(eight.status).toBe(200);
    expect(eight.json.data.content.map((i: { inquiryId: number }) => i.inquiryId)).toEqual([844000, 844001]);
    expect((await onlineList('answeredType=ALL&inquiryStartAt=2026-11-15&inquiryEndAt=2026-11-23')).status).toBe(400);
    expect((await onlineList(`answeredType=ALL&${WEEK}&pageSize=51`)).status).toBe(400);
    expect((await onlineList(`answeredType=ALL&${WEEK}&pageSize=50`)).status).toBe(200);
  });

  it('answers under a Wing login id only, with the documented refusals', async () => {
    expect((await replyOnline(844000, { content: '네', vendorId: V, replyBy: V })).json).toEqual({ code: 400, message: BAD_REPLY_BY });
    const raw = await sendRaw(`${API}/v4/vendors/${V}/onlineInquiries/844000/replies`, `{"content":"첫 줄\n둘째 줄","vendorId":"${V}","replyBy":"${WING}"}`);
    expect(raw).toEqual({ status: 400, json: { code: 400, message: RAW_NEWLINE } });
    const ok = await replyOnline(844000, { content: '첫 줄\n둘째 줄', vendorId: V, replyBy: WING });
    expect(ok.json).toEqual({ code: '200', message: 'OK' });
    const answered = await onlineList(`answeredType=ANSWERED&${WEEK}`);
    expect(answered.json.data.content[0].commentDtoList).toEqual([{ inquiryCommentId: 351000, inquiryId: 844000, content: '첫 줄\n둘째 줄', inquiryCommentAt: '2026-11-23 10:00:00' }]);
    // A second reply: refused (the likelier reading).
    expect((await replyOnline(844000, { content: '또', vendorId: V, replyBy: WING })).status).toBe(400);
  });

  it('keeps a buyer follow-up out of the ANSWERED bucket though it reads like an answer', async () => {
    h.fake.buyerFollowUp(V, { inquiryId: 844001, content: '답변 주세요' });
    const still = await onlineList('answeredType=NOANSWER&inquiryStartAt=2026-11-16&inquiryEndAt=2026-11-23');
    expect(still.json.data.content.find((i: { inquiryId: number }) => i.inquiryId === 844001).commentDtoList).toHaveLength(1);
  });
});

describe('call-centre inquiries', () => {
  let ask: number;
  let transfer: number;
  beforeAll(async () => {
    await start();
    ask = h.fake.addCallCenterInquiry(V, { content: '배송 언제?', vendorItemId: MUG }).inquiryId;
    transfer = h.fake.addCallCenterInquiry(V, { content: '교환 처리됨', transfer: true }).inquiryId;
  });

  it('lists by partnerCounselingStatus, 30 a page at most, vendorItemId an array as the sample prints it', async () => {
    const no = await ccList(`partnerCounselingStatus=NO_ANSWER&${WEEK}`);
    expect(no.json.data.content.map((i: { inquiryId: number }) => i.inquiryId)).toEqual([ask]);
    expect(no.json.data.content[0]).toMatchObject({ inquiryStatus: 'progress', csPartnerCounselingStatus: 'requestAnswer', vendorItemId: [MUG], buyerEmail: '' });
    expect((await ccList(`partnerCounselingStatus=TRANSFER&${WEEK}`)).json.data.content.map((i: { inquiryId: number }) => i.inquiryId)).toEqual([transfer]);
    expect((await ccList(`partnerCounselingStatus=NONE&${WEEK}`)).json.data.content).toHaveLength(2);
    expect((await ccList(`partnerCounselingStatus=none&${WEEK}`)).status).toBe(400);
    expect((await ccList(`partnerCounselingStatus=NONE&${WEEK}&pageSize=31`)).status).toBe(400);
  });

  it('answers once, to the agent message that asked (parentAnswerId), then refuses as documented', async () => {
    const agent = (await oneCc(ask)).json.data.replies[0];
    expect((await replyCc(ask, { vendorId: V, inquiryId: String(ask), content: '오늘 출고', replyBy: WING, parentAnswerId: '1' })).status).toBe(400);
    const ok = await replyCc(ask, { vendorId: V, inquiryId: String(ask), content: '오늘 출고', replyBy: WING, parentAnswerId: String(agent.answerId) });
    expect(ok.json).toEqual({ code: '200', message: 'OK' });
    const now = (await oneCc(ask)).json.data;
    expect(now.csPartnerCounselingStatus).toBe('answered');
    expect(now.replies[1]).toMatchObject({ answerType: 'vendor', parentAnswerId: agent.answerId, receptionist: WING, content: '오늘 출고' });
    expect((await replyCc(ask, { vendorId: V, inquiryId: String(ask), content: '다시', replyBy: WING, parentAnswerId: String(agent.answerId) })).json).toEqual({ code: 400, message: CANNOT_ANSWER });
  });

  it('confirms a TRANSFER once; a repeat gets -522', async () => {
    expect((await confirm(transfer)).json).toEqual({ code: '200', message: 'OK' });
    expect((await oneCc(transfer)).json.data).toMatchObject({ inquiryStatus: 'complete', csPartnerCounselingStatus: 'answered' });
    expect((await confirm(transfer)).json).toEqual({ code: 400, message: CLOSED });
    expect((await confirm(ask)).json).toEqual({ code: 400, message: CLOSED });
  });

  it('after 24 h unanswered posts Coupang\'s notice and turns answered; the API refuses, Wing still answers', async () => {
    const late = h.fake.addCallCenterInquiry(V, { content: '늦은 문의' }).inquiryId;
    const lateTransfer = h.fake.addCallCenterInquiry(V, { content: '늦은 이관', transfer: true }).inquiryId;
    h.clock.now = T0 + 24 * HOUR + 60_000;
    const flipped = (await oneCc(late)).json.data;
    expect(flipped.csPartnerCounselingStatus).toBe('answered');
    expect(flipped.replies.at(-1)).toMatchObject({ answerType: 'csAgent', content: SYSTEM_NOTICE });
    expect((await replyCc(late, { vendorId: V, inquiryId: String(late), content: '죄송합니다', replyBy: WING, parentAnswerId: String(flipped.replies[0].answerId) })).json).toEqual({ code: 400, message: CANNOT_ANSWER });
    expect((await confirm(lateTransfer)).json).toEqual({ code: 400, message: CLOSED });
    h.fake.answerInWing(V, { kind: 'callCenter', inquiryId: late, content: '윙에서 답변' });
    expect((await oneCc(late)).json.data.replies.at(-1)).toMatchObject({ answerType: 'vendor', content: '윙에서 답변' });
    h.clock.now = T0;
  });

  it("answers only the key's own vendor's inquiry on the single GET", async () => {
    expect((await oneCc(1)).status).toBe(404);
  });
});

describe('the switches where the reference is silent', () => {
  it('calendarDays: 7 calendar days at most', async () => {
    await start({ inquiryWindow: 'calendarDays' });
    expect((await onlineList(`answeredType=ALL&${WEEK}`)).status).toBe(200);
    expect((await onlineList('answeredType=ALL&inquiryStartAt=2026-11-16&inquiryEndAt=2026-11-23')).status).toBe(400);
  });

  it('secondOnlineReply append, ccVendorItemId number, parentAnswerId optional, answerMaxChars', async () => {
    await start({ secondOnlineReply: 'append', ccVendorItemId: 'number', parentAnswerId: 'optional', answerMaxChars: 10 });
    const q = h.fake.askProductQuestion(V, { vendorItemId: MUG, content: '?' }).inquiryId;
    expect((await replyOnline(q, { content: '하나', vendorId: V, replyBy: WING })).status).toBe(200);
    expect((await replyOnline(q, { content: '둘', vendorId: V, replyBy: WING })).status).toBe(200);
    expect((await replyOnline(q, { content: '열한 글자를 넘는 답변', vendorId: V, replyBy: WING })).status).toBe(400);
    const c = h.fake.addCallCenterInquiry(V, { content: '?', vendorItemId: MUG }).inquiryId;
    expect((await oneCc(c)).json.data.vendorItemId).toBe(MUG);
    expect((await replyCc(c, { vendorId: V, inquiryId: String(c), content: '답', replyBy: WING })).status).toBe(200);
  });
});

describe('a seed in the API’s own shapes', () => {
  it('loads product and call-centre inquiries as the lists print them, and numbers new ones after them', async () => {
    h = await startCoupangFake({
      options: { rateLimitPerSecond: 1000 },
      seed: {
        vendors: [
          {
            vendorId: V,
            accessKey: DEFAULT_ACCESS_KEY,
            secretKey: DEFAULT_SECRET_KEY,
            wingUsers: [WING],
            sellerProducts: [{ sellerProductId: 1, sellerProductName: '머그컵', items: [{ vendorItemId: MUG, itemName: '단품', salePrice: 18000 }] }],
            onlineInquiries: [{ inquiryId: 900, vendorItemId: MUG, content: '답변된 질문', inquiryAt: '2026-11-22 09:38:32', orderIds: null, commentDtoList: [{ inquiryCommentId: 400, content: '네', inquiryCommentAt: '2026-11-22 16:18:09' }] }],
            callCenterInquiries: [
              {
                inquiryId: 2000,
                inquiryStatus: 'progress',
                csPartnerCounselingStatus: 'requestAnswer',
                vendorItemId: [MUG],
                content: '전화 주세요',
                inquiryAt: '2026-11-23 08:00:00',
                receiptCategory: '기타문의>기타>전상담사통화요청',
                replies: [{ answerId: 3000, partnerTransferStatus: 'requestAnswer', answerType: 'csAgent', needAnswer: true, replyAt: '2026-11-23 08:00:00', content: '답변 부탁드립니다' }],
              },
            ],
          },
        ],
      },
    });
    open.push(h);
    expect((await onlineList(`answeredType=ANSWERED&${WEEK}`)).json.data.content[0]).toMatchObject({ inquiryId: 900, commentDtoList: [{ inquiryCommentId: 400, inquiryCommentAt: '2026-11-22 16:18:09' }] });
    expect((await ccList(`partnerCounselingStatus=NO_ANSWER&${WEEK}`)).json.data.content[0]).toMatchObject({ inquiryId: 2000, vendorItemId: [MUG], replies: [{ answerId: 3000 }] });
    expect(h.fake.askProductQuestion(V, { vendorItemId: MUG, content: '?' }).inquiryId).toBe(844000);
    expect(h.fake.addCallCenterInquiry(V, { content: '?' })).toEqual({ inquiryId: 1007837444, answerId: 1023208324 });
  });
});
