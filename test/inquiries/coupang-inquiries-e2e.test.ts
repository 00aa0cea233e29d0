/**
 * Coupang customer inquiries answered from the sheet, end to end: the built bundle in the local
 * Apps Script runtime, the fake Wing API behind our relay. Buyers ask product inquiries; Coupang's
 * call centre passes inquiries on (one to answer, one handed over for a confirm, one left past
 * its 24 hours). Staff first tick an answer before the Wing login id is entered (the row says
 * what is missing), then enter it; answers go from the 문의 tab, one is given in Wing directly,
 * and Coupang takes the first answer posted but its reply is lost on the way back.
 */
import { paths } from '../../local/paths';
import { DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID, DEFAULT_WING_USER } from '../../local/fakes/coupang';
import { SYSTEM_NOTICE } from '../../local/fakes/coupang/inquiries';
import { MISSING_WING_ID } from '../../src/channels/coupang/inquiries';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import { tabRows } from '../e2e';

const START = '2026-11-23T09:00:00+09:00';
// Partners tab columns as test/channels/coupang-e2e.test.ts types them.
const coupangRow = ['PNR004', '나잘란 쿠팡', '자사몰', '쿠팡', DEFAULT_VENDOR_ID, 1, '', 100, '예치금', 0, 0, 0, '', '', '', '', '', false];
const keys = { vendorId: DEFAULT_VENDOR_ID, accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY };
const MUG = 3242596358;
const APRON = 3242596361;
// 3,000 characters with line breaks, markup and formula-like text: posted verbatim, shown as text.
const LONG = `<b>안내</b> & "따옴표" =SUM(A1)\n${'불편을 드려 죄송합니다. 양해 부탁드립니다.\n'.repeat(120)}`.slice(0, 3000);

// The fake numbers inquiries in arrival order.
const P1 = 'online:844000';
const P2 = 'online:844001';
const P3 = 'online:844002';
const C1 = 'cc:1007837444';
const C2 = 'cc:1007837445';
const C3 = 'cc:1007837446';

const wing = (at: string, action: string, input: unknown) => ({ at, type: 'channel', channel: 'coupang', action, args: [DEFAULT_VENDOR_ID, input] });
const answerRow = (at: string, inquiryId: string, set: Record<string, unknown>) => ({ at, type: 'editRow', sheet: '문의', where: { 파트너ID: 'PNR004', 문의번호: inquiryId }, set });

const events = [
  { at: '+0m', type: 'menu', function: 'setupWorkbook' },
  { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow] },
  // The keys without the Wing login id at first.
  { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', keys] },
  { at: '+2m', type: 'sidebar', function: 'installSync' },
  wing('+3m', 'askProductQuestion', { vendorItemId: MUG, content: '머그컵 식기세척기 사용 가능한가요?' }),
  wing('+3m', 'askProductQuestion', { vendorItemId: APRON, content: '앞치마 끈 길이 조절되나요?' }),
  wing('+3m', 'askProductQuestion', { vendorItemId: MUG, content: '<script>x</script> =HYPERLINK("y") 자세히 알려주세요' }),
  wing('+3m', 'addCallCenterInquiry', { content: '배송이 언제 되나요? 판매자 답변 부탁드립니다', vendorItemId: MUG, receiptCategory: '배송문의>배송일정>배송예정일문의' }),
  wing('+3m', 'addCallCenterInquiry', { content: '상품 교환 문의 (상담사 처리 완료)', vendorItemId: APRON, transfer: true }),
  // Passed on 23 h 50 min before the start: Coupang takes it over at 09:10.
  wing('+3m', 'addCallCenterInquiry', { content: '전화 상담 요청드립니다', inquiryAt: '2026-11-22 09:10:00' }),
  answerRow('+6m', P1, { 답변: '네, 식기세척기 사용 가능합니다.', 답변등록: true }),
  { at: '+8m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', { ...keys, wingId: DEFAULT_WING_USER }] },
  { at: '+9m', type: 'fault', channel: 'coupang', target: DEFAULT_VENDOR_ID, fault: { kind: 'timeout', afterHandling: true, method: 'POST', path: '/onlineInquiries/844000/replies', count: 1 } },
  wing('+12m', 'answerInWing', { kind: 'online', inquiryId: 844001, content: '네, 조절 가능합니다.', by: 'staff-kim' }),
  answerRow('+12m', P3, { 답변: LONG, 답변등록: true }),
  answerRow('+12m', C1, { 답변: '오늘 출고 예정입니다.\n내일 받아보실 수 있습니다.', 답변등록: true }),
  answerRow('+12m', C2, { 답변등록: true }),
  answerRow('+12m', C3, { 답변: '늦어서 죄송합니다.', 답변등록: true }),
];

let r: SandboxResult;
beforeAll(async () => {
  r = await runScenario(parseScenario({ name: 'coupang-inquiries', start: START, duration: '25m', channels: { coupang: 'default' }, events }), { bundleDir: paths.build });
}, 300_000);
// The runtime's servers and workers end with the file, or jest never exits.
afterAll(async () => r?.runtime.close());

interface WingCall {
  method: string;
  path: string;
  status: number;
  remoteAddress: string;
  requestBody?: Record<string, unknown>;
}
interface WingState {
  onlineInquiries: Array<{ inquiryId: number; answered: boolean; commentDtoList: Array<{ content: string }> }>;
  callCenterInquiries: Array<{ inquiryId: number; inquiryStatus: string; csPartnerCounselingStatus: string; replies: Array<{ answerType: string; content: string; parentAnswerId: number | null; receptionist: string; partnerTransferCompleteReason: string | null }> }>;
}
const rows = () => tabRows(r, '문의');
const row = (id: string) => rows().find((x) => x['파트너ID'] === 'PNR004' && x['문의번호'] === id)!;
const log = () => r.channels.get('coupang')!.requestLog() as WingCall[];
const state = () => (r.channels.get('coupang')!.state() as { vendors: WingState[] }).vendors[0]!;
const online = (id: number) => state().onlineInquiries.find((i) => i.inquiryId === id)!;
const cc = (id: number) => state().callCenterInquiries.find((i) => i.inquiryId === id)!;
const posts = (what: string) => log().filter((e) => e.method === 'POST' && e.path.includes(what));

it('runs clean, every call through the relay', () => {
  expect(r.eventErrors).toEqual([]);
  expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
  expect(log().every((e) => e.remoteAddress === '127.0.0.2')).toBe(true);
});

it('brings both kinds of inquiry, one row each, their ids apart, questions as text', () => {
  expect(rows().map((x) => x['문의번호']).sort()).toEqual([C1, C2, C3, P1, P2, P3].sort());
  expect(row(P1)).toMatchObject({ 채널: '쿠팡', 유형: '상품', 상품번호: String(MUG), 문의내용: '머그컵 식기세척기 사용 가능한가요?' });
  expect(row(P3)['문의내용']).toBe('<script>x</script> =HYPERLINK("y") 자세히 알려주세요');
  expect(row(C1)).toMatchObject({ 유형: '배송', 제목: '배송문의>배송일정>배송예정일문의' });
  expect(row(C2)['유형']).toBe('이관');
});

it('sends nothing while no Wing login id was given, and the tick goes once it is', () => {
  // The first tick (09:06) went nowhere: no reply call before the id was saved at 09:08.
  const t8 = Date.parse('2026-11-23T09:08:00+09:00');
  expect(posts('/replies').filter((e) => (e as unknown as { at: number }).at < t8)).toEqual([]);
  const saved = r.calls.filter((c) => c.function === 'saveChannelKeys');
  expect(saved.every((c) => (c.record.result as { ok: boolean }).ok)).toBe(true);
});

it('posts a ticked product answer once under the Wing id, though its reply was lost: read back, then marked', () => {
  expect(posts('/onlineInquiries/844000/replies')).toHaveLength(1);
  expect(posts('/onlineInquiries/844000/replies')[0]!.status).toBe(504);
  expect(online(844000).commentDtoList).toHaveLength(1);
  expect(posts('/onlineInquiries/844000/replies')[0]!.requestBody).toEqual({ content: '네, 식기세척기 사용 가능합니다.', vendorId: DEFAULT_VENDOR_ID, replyBy: DEFAULT_WING_USER });
  expect(online(844000).answered).toBe(true);
  const x = row(P1);
  expect(String(x['처리결과'])).toMatch(/^✓ 11-23 09:\d\d 답변 등록 확인/);
  expect(x['등록된 답변']).toBe('네, 식기세척기 사용 가능합니다.');
  expect(x['답변자']).toBe(DEFAULT_WING_USER);
  expect(x['조치필요']).toBe('');
});

it('marks an inquiry answered in Wing directly as answered, and posts nothing for it', () => {
  expect(posts('/onlineInquiries/844001/')).toEqual([]);
  const x = row(P2);
  expect(x['등록된 답변']).toBe('네, 조절 가능합니다.');
  expect(String(x['처리결과'])).toContain('쿠팡에서 답변됨');
  expect(x['조치필요']).toBe('');
});

it('sends a 3,000-character answer with line breaks and markup verbatim (escaped in JSON), shown as text', () => {
  expect(LONG).toHaveLength(3000);
  const sent = posts('/onlineInquiries/844002/replies');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.status).toBe(200);
  expect(sent[0]!.requestBody!.content).toBe(LONG);
  expect(online(844002).commentDtoList.at(-1)!.content).toBe(LONG);
  expect(row(P3)['등록된 답변']).toBe(LONG);
});

it('answers a call-centre inquiry to the agent message that asked, once, and marks it with its writer', () => {
  const sent = posts('/callCenterInquiries/1007837444/replies');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.requestBody).toMatchObject({ vendorId: DEFAULT_VENDOR_ID, inquiryId: '1007837444', replyBy: DEFAULT_WING_USER, content: '오늘 출고 예정입니다.\n내일 받아보실 수 있습니다.' });
  const agent = cc(1007837444).replies.find((x) => x.answerType === 'csAgent')!;
  expect(cc(1007837444).replies.find((x) => x.answerType === 'vendor')!.parentAnswerId).toBe((agent as unknown as { answerId: number }).answerId);
  expect(cc(1007837444).csPartnerCounselingStatus).toBe('answered');
  expect(row(C1)).toMatchObject({ 답변자: DEFAULT_WING_USER, 조치필요: '' });
  expect(String(row(C1)['처리결과'])).toMatch(/^✓ .* 답변 등록/);
});

it('shows a TRANSFER as needing a confirm, and the tick confirms it with no text', () => {
  const sent = posts('/callCenterInquiries/1007837445/confirms');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.requestBody).toEqual({ confirmBy: DEFAULT_WING_USER });
  expect(posts('/callCenterInquiries/1007837445/replies')).toEqual([]);
  expect(cc(1007837445).inquiryStatus).toBe('complete');
  expect(String(row(C2)['처리결과'])).toMatch(/^✓ .* 이관 확인/);
  expect(row(C2)['조치필요']).toBe('');
  expect(row(C2)['답변일시']).not.toBe('');
});

it('leaves an inquiry Coupang took over after 24 hours late, and the refused answer says why', () => {
  expect(cc(1007837446).replies.some((x) => x.content === SYSTEM_NOTICE)).toBe(true);
  // Refused before sending: the inquiry was read first.
  expect(posts('/callCenterInquiries/1007837446/')).toEqual([]);
  const x = row(C3);
  expect(x['조치필요']).toBe('1 답변기한 초과');
  expect(String(x['처리결과'])).toContain('24시간 안에 답변되지 않아 쿠팡 상담사가 넘겨받은 문의입니다');
  expect(x['등록된 답변']).toBe('');
});

describe('before any answer', () => {
  let early: SandboxResult;
  beforeAll(async () => {
    const upTo = events.filter((e) => parseInt(e.at.slice(1), 10) <= 6 && !(e.type === 'channel' && (e as { action?: string }).action === 'addCallCenterInquiry' && JSON.stringify(e).includes('inquiryAt')));
    early = await runScenario(
      parseScenario({ name: 'coupang-inquiries-early', start: START, duration: '9m', channels: { coupang: 'default' }, events: [...upTo, wing('+4m', 'buyerFollowUp', { inquiryId: 844001, content: '답변 기다립니다' })] }),
      { bundleDir: paths.build },
    );
  }, 300_000);
  afterAll(async () => early?.runtime.close());
  const earlyRow = (id: string) => tabRows(early, '문의').find((x) => x['문의번호'] === id)!;

  it('says in the row what to enter when the Wing login id was never given', () => {
    expect(early.eventErrors).toEqual([]);
    expect(String(earlyRow(P1)['처리결과'])).toBe(`✗ ${MISSING_WING_ID}`);
    expect((early.channels.get('coupang')!.requestLog() as WingCall[]).filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('shows a TRANSFER as a confirm to do, and a question as an answer to do', () => {
    expect(earlyRow(C2)['조치필요']).toBe('2 이관 확인 필요 (11-24 09:03까지)');
    expect(earlyRow(C1)['조치필요']).toBe('2 답변 필요 (11-24 09:03까지)');
  });

  it("takes a buyer's follow-up comment for no answer (the bucket says unanswered)", () => {
    expect(earlyRow(P2)).toMatchObject({ 조치필요: '2 답변 필요 (11-24 09:03까지)', '등록된 답변': '', 답변자: '' });
  });
});
