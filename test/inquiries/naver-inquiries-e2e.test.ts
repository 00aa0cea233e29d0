/**
 * SmartStore's customer inquiries answered from the sheet, end to end: the built bundle in the
 * local Apps Script runtime, the fake Commerce API behind the relay. Buyers ask product
 * questions (상품 문의) and customer inquiries (고객 문의); staff answer in the 문의 tab and tick
 * 답변등록. One question is answered in the seller centre directly, one is a day old (late), one
 * is deleted by the buyer before the answer goes, one is answered in the seller centre between
 * the add-on's read and its post (Naver refuses a second answer: ERR-NC-101010), and two answers
 * are edited after posting.
 */
import { DEFAULT_ACCOUNT_ID, DEFAULT_CLIENT_ID } from '../../local/fakes/naver';
import type { SandboxResult } from '../../local/sandbox/run';
import { naverKeys, naverLog, naverRow, NAVER_START, runNaver } from '../channels/marketplace-e2e';
import { tabRows } from '../e2e';

const T0 = Date.parse(NAVER_START);
const LONG = '양해 부탁드립니다. '.repeat(300).slice(0, 3000);
const MARKUP = '<b>굵게</b> 안내 =SUM(A1)\n<script>alert(1)</script> & 끝';
// The seed's paid product order (a mug).
const ITEM = '2026112310000011';

const channel = (at: string, action: string, input: Record<string, unknown>) => ({ at, type: 'channel', channel: 'naver', action, args: [DEFAULT_CLIENT_ID, input] });
const answerRow = (at: string, inquiryId: string, set: Record<string, unknown>) => ({ at, type: 'editRow', sheet: '문의', where: { 파트너ID: 'PNR005', 문의번호: inquiryId }, set });

// The fake numbers questions from 700000001 and inquiries from 500000001, in the order asked.
const events = [
  { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(false)] },
  { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', naverKeys] },
  { at: '+2m', type: 'sidebar', function: 'installSync' },
  channel('+3m', 'askProductQuestion', { originProductNo: 10000101, question: '선물 포장 되나요?' }),
  channel('+3m', 'askProductQuestion', { originProductNo: 10000101, question: '식기세척기 돼요?', askedAt: '2026-11-22T08:00:00+09:00' }),
  channel('+3m', 'askProductQuestion', { originProductNo: 10000101, question: '용량이 얼마예요?' }),
  channel('+3m', 'askInquiry', { category: '배송', title: '배송 언제 오나요', content: '오늘 출발하나요?', productOrderId: ITEM }),
  channel('+3m', 'askInquiry', { category: '상품', title: '자세히', content: '자세히 알려주세요' }),
  channel('+3m', 'askInquiry', { category: '교환', title: '교환 문의', content: '=HYPERLINK("x") 교환 되나요?' }),
  channel('+3m', 'askInquiry', { category: '기타', title: '취소할게요', content: '문의 취소' }),
  channel('+3m', 'askInquiry', { category: '환불', title: '환불 문의', content: '환불 언제 되나요?' }),
  channel('+3m', 'askInquiry', { category: '상품', title: '색상 문의', content: '다른 색도 있나요?' }),
  // Answered in the seller centre before the add-on's read (+10m)…
  channel('+5m', 'answerInSellerCenter', { questionId: 700000003, text: '350ml입니다.' }),
  channel('+5m', 'answerInSellerCenter', { inquiryNo: 500000005, text: '환불은 3일 내 처리됩니다.' }),
  // …and after it, just before staff post theirs; the buyer deletes another.
  channel('+11m', 'answerInSellerCenter', { inquiryNo: 500000006, text: '네, 파란색도 있습니다.' }),
  channel('+11m', 'deleteInquiry', { inquiryNo: 500000004 }),
  answerRow('+12m', 'qna:700000001', { 답변: '네, 선물 포장 가능합니다.', 답변등록: true }),
  answerRow('+12m', 'inq:500000001', { 답변: '오늘 출고 예정입니다.', 답변등록: true }),
  answerRow('+12m', 'inq:500000002', { 답변: LONG, 답변등록: true }),
  answerRow('+12m', 'inq:500000003', { 답변: MARKUP, 답변등록: true }),
  answerRow('+12m', 'inq:500000004', { 답변: '취소 도와드리겠습니다.', 답변등록: true }),
  answerRow('+12m', 'inq:500000006', { 답변: '파란색 있습니다.', 답변등록: true }),
  // Edits after posting.
  answerRow('+15m', 'qna:700000001', { 답변: '네, 선물 포장 무료입니다.' }),
  answerRow('+15m', 'inq:500000001', { 답변: '오늘 오후 출고됩니다. 양해 부탁드립니다.' }),
];

let r: SandboxResult;
beforeAll(async () => {
  r = await runNaver(events, { duration: '18m' });
  expect(r.eventErrors).toEqual([]);
  expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
}, 300_000);
// The runtime's servers and workers end with the file, or jest never exits.
afterAll(async () => r?.runtime.close());

const rows = () => tabRows(r, '문의');
const row = (id: string) => rows().find((x) => x['파트너ID'] === 'PNR005' && x['문의번호'] === id)!;
interface FakeState {
  qnas: Array<{ questionId: number; answer: string | null; answeredBy: string | null }>;
  inquiries: Array<{ inquiryNo: number; answerContentId: number | null; answerContent: string | null }>;
}
const store = () => (r.channels.get('naver')!.state() as unknown as Record<string, FakeState>)[DEFAULT_CLIENT_ID]!;
const qnaAt = (id: number) => store().qnas.find((q) => q.questionId === id)!;
const inquiryAt = (no: number) => store().inquiries.find((i) => i.inquiryNo === no)!;
const calls = (method: string, path: RegExp) => naverLog(r).filter((c) => c.method === method && path.test(c.path));

it('brings both kinds of question, one row each in their own id spaces, as text', () => {
  expect(rows().map((x) => x['문의번호']).sort()).toEqual(['inq:500000001', 'inq:500000002', 'inq:500000003', 'inq:500000004', 'inq:500000005', 'inq:500000006', 'qna:700000001', 'qna:700000002', 'qna:700000003']);
  expect(row('qna:700000001')).toMatchObject({ 채널: '스마트스토어', 유형: '상품', 상품번호: '20000101', 문의내용: '선물 포장 되나요?' });
  expect(row('inq:500000001')).toMatchObject({ 유형: '배송', 주문번호: '2026112310000001', 제목: '배송 언제 오나요' });
  expect(row('inq:500000003')).toMatchObject({ 유형: '주문', 문의내용: '=HYPERLINK("x") 교환 되나요?' });
  expect(row('inq:500000004')['유형']).toBe('기타');
  expect(row('inq:500000001')['문의일시']).toEqual(new Date(T0 + 3 * 60_000));
  // Every call went through the relay, the only address Naver takes.
  expect(naverLog(r).filter((c) => /contents\/qnas|inquiries/.test(c.path)).every((c) => c.remoteAddress === '127.0.0.2')).toBe(true);
});

it('posts a ticked answer once, reads it back and marks the row with who answered', () => {
  for (const [id, at] of [['qna:700000001', 'qnas/700000001$'], ['inq:500000001', 'inquiries/500000001/answer$']] as const) {
    const x = row(id);
    expect(String(x['처리결과'])).toMatch(/^✓ 11-23 10:1\d 답변 (등록|수정)/);
    expect(x['답변자']).toBe(DEFAULT_ACCOUNT_ID);
    expect(x['조치필요']).toBe('');
    expect(x['답변번호']).not.toBe('');
    expect(calls(id.startsWith('qna') ? 'PUT' : 'POST', new RegExp(at)).filter((c) => c.status < 300).length).toBeGreaterThan(0);
  }
  expect(calls('POST', /inquiries\/500000001\/answer$/)).toHaveLength(1);
  expect(row('inq:500000001')['답변번호']).toBe(String(inquiryAt(500000001).answerContentId));
});

it('sends a 3,000-character answer whole, and markup or a formula verbatim (stored as text)', () => {
  expect(inquiryAt(500000002).answerContent).toBe(LONG);
  expect(row('inq:500000002')['등록된 답변']).toBe(LONG);
  expect(inquiryAt(500000003).answerContent).toBe(MARKUP);
  expect(row('inq:500000003')['등록된 답변']).toBe(MARKUP);
});

it('marks questions answered in the seller centre as answered, without posting', () => {
  expect(row('qna:700000003')).toMatchObject({ 조치필요: '', '등록된 답변': '350ml입니다.' });
  expect(row('inq:500000005')).toMatchObject({ 조치필요: '', '등록된 답변': '환불은 3일 내 처리됩니다.' });
  for (const id of ['qna:700000003', 'inq:500000005']) expect(String(row(id)['처리결과'])).toContain('스마트스토어에서 답변됨');
  expect(calls('PUT', /qnas\/700000003$/)).toHaveLength(0);
  expect(calls('POST', /inquiries\/500000005\/answer$/)).toHaveLength(0);
  expect(qnaAt(700000003).answeredBy).toBe('sellerCenter');
});

it('reads back, never posts twice, an inquiry Naver says is answered already (ERR-NC-101010)', () => {
  const posts = calls('POST', /inquiries\/500000006\/answer$/);
  expect(posts.map((c) => c.code ?? null)).toEqual(['ERR-NC-101010']);
  const x = row('inq:500000006');
  expect(String(x['처리결과'])).toMatch(/^✓ .*답변 (등록|수정)/);
  expect(x['답변번호']).toBe(String(inquiryAt(500000006).answerContentId));
  expect(x['조치필요']).toBe('');
});

it("says in the row why Naver refused an answer (the buyer deleted the inquiry)", () => {
  expect(String(row('inq:500000004')['처리결과'])).toMatch(/^✗ 스마트스토어가 답변을 거부했습니다: 문의가 없거나 삭제되었습니다/);
  expect(calls('POST', /inquiries\/500000004\/answer$/).map((c) => c.code)).toEqual(['ERR-NC-101004']);
});

it('shows a question past its 24 hours late: 조치필요 1, its answer-by in red', () => {
  expect(row('qna:700000002')['조치필요']).toBe('1 답변기한 초과');
  const sheet = r.sheets.snapshot().find((s) => s.name === '문의')!;
  const column = String.fromCharCode(65 + sheet.values[0]!.indexOf('답변기한'));
  const line = rows().findIndex((y) => y['문의번호'] === 'qna:700000002') + 2;
  expect(sheet.sheet.styles.filter((s) => s.fontColor === '#d93025').map((s) => s.cell)).toEqual([`${column}${line}`]);
});

it('updates an answer edited after posting: the question by PUT again, the inquiry by its answer id', () => {
  expect(qnaAt(700000001).answer).toBe('네, 선물 포장 무료입니다.');
  expect(inquiryAt(500000001).answerContent).toBe('오늘 오후 출고됩니다. 양해 부탁드립니다.');
  const id = inquiryAt(500000001).answerContentId;
  expect(calls('PUT', new RegExp(`inquiries/500000001/answer/${id}$`)).filter((c) => c.status === 200)).toHaveLength(1);
  expect(calls('PUT', /qnas\/700000001$/).filter((c) => c.status === 204)).toHaveLength(2);
  for (const q of ['qna:700000001', 'inq:500000001']) {
    expect(String(row(q)['처리결과'])).toMatch(/답변 수정/);
    expect(row(q)['등록된 답변']).toBe(row(q)['답변']);
  }
});
