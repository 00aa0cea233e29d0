import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, runClean, tabRows } from '../e2e';

/**
 * Customer inquiries answered from the sheet, end to end: the built bundle in the local Apps
 * Script runtime against the fake Cafe24. Buyers ask on the malls' product Q&A and 1:1 boards;
 * staff answer in the 문의 tab (typed, or a template) and tick 답변등록; one question is
 * answered in the mall's admin directly, one is left late, one is deleted by the buyer before
 * the answer goes, and the first answer posted meets a timeout after the mall took it.
 */
const T0 = Date.parse(demo.start);
const LONG = '양해 부탁드립니다. '.repeat(300).slice(0, 3000);
const MARKUP = '<b>굵게</b> 안내 =SUM(A1)\n<script>alert(1)</script> & 끝';

const ask = (at: string, mall: string, input: Record<string, unknown>) => ({ at, type: 'channel', channel: 'cafe24', action: 'askQuestion', args: [mall, input] });
const answerRow = (at: string, partnerId: string, inquiryId: string, set: Record<string, unknown>) => ({ at, type: 'editRow', sheet: '문의', where: { 파트너ID: partnerId, 문의번호: inquiryId }, set });

const events = [
  ...demoMorning(),
  // najalran's product Q&A (board 6): articles 1–6 in this order; borasaeg's 1:1 board (9): article 1.
  ask('+12m', 'najalran', { title: '재입고 문의', content: '언제 재입고 되나요?', asked_at: '2026-11-22T08:00:00+09:00' }),
  ask('+12m', 'najalran', { title: '사이즈 문의', content: '<p>M 사이즈 있나요?</p>', product_no: 13 }),
  ask('+12m', 'najalran', { title: '긴 답변', content: '자세히 알려주세요' }),
  ask('+12m', 'najalran', { title: '표시 문의', content: '=HYPERLINK("x") 이거 뭐예요?' }),
  ask('+12m', 'najalran', { title: '지운 질문', content: '취소할게요' }),
  ask('+12m', 'najalran', { title: '관리자 답변', content: '포장 가능한가요?' }),
  ask('+12m', 'borasaeg', { board: 'personal', title: '배송 문의', content: '언제 받을 수 있나요?', order_id: '20261123-0000009' }),
  { at: '+22m', type: 'channel', channel: 'cafe24', action: 'answerInAdmin', args: ['najalran', { board_no: 6, article_no: 6, content: '네, 선물 포장 가능합니다.' }] },
  { at: '+22m', type: 'channel', channel: 'cafe24', action: 'deleteArticle', args: ['najalran', { board_no: 6, article_no: 5 }] },
  // The mall takes the first answer posted, but its reply comes after UrlFetch's 60 s: the add-on sees no answer.
  { at: '+23m', type: 'fault', channel: 'cafe24', target: 'najalran', fault: { kind: 'slow', delayMs: 61_000, method: 'POST', path: '/admin/boards/6/articles', count: 1 } },
  answerRow('+24m', 'PNR001', '6:2', { 답변: '네, M 사이즈 있습니다.', 답변등록: true }),
  answerRow('+24m', 'PNR001', '6:3', { 답변: LONG, 답변등록: true }),
  answerRow('+24m', 'PNR001', '6:4', { 답변: MARKUP, 답변등록: true }),
  answerRow('+24m', 'PNR001', '6:5', { 답변: '취소 도와드리겠습니다.', 답변등록: true }),
  answerRow('+24m', 'PNR002', '9:1', { 답변템플릿: '배송 지연', 답변등록: true }),
];

let r: SandboxResult;
beforeAll(async () => {
  r = await runClean({ name: 'inquiries', duration: '40m', events });
}, 300_000);
// The runtime's servers and workers end with the file, or jest never exits.
afterAll(async () => r?.runtime.close());

const rows = () => tabRows(r, '문의');
const row = (partnerId: string, id: string) => rows().find((x) => x['파트너ID'] === partnerId && x['문의번호'] === id)!;
const articles = (mall: string) => (r.channels.get('cafe24')!.state() as { malls: Record<string, { boards: { articles: Array<Record<string, unknown>> } }> }).malls[mall]!.boards.articles;
const childrenOf = (mall: string, parent: number) => articles(mall).filter((a) => a.parent_article_no === parent);

it('brings every question from both malls, one row each, as text', () => {
  expect(rows().map((x) => `${x['파트너ID']}|${x['문의번호']}`).sort()).toEqual(['PNR001|6:1', 'PNR001|6:2', 'PNR001|6:3', 'PNR001|6:4', 'PNR001|6:5', 'PNR001|6:6', 'PNR002|9:1']);
  expect(row('PNR001', '6:2')).toMatchObject({ 채널: '카페24', 유형: '상품', 상품번호: '13', 문의내용: 'M 사이즈 있나요?' });
  expect(row('PNR001', '6:4')['문의내용']).toBe('=HYPERLINK("x") 이거 뭐예요?');
  expect(row('PNR002', '9:1')).toMatchObject({ 유형: '배송', 주문번호: '20261123-0000009' });
});

it('posts a ticked answer once, reads it back, and marks the row, though the mall answered after the timeout', () => {
  for (const [id, text] of [['6:2', '네, M 사이즈 있습니다.'], ['6:3', LONG], ['6:4', MARKUP]] as const) {
    const x = row('PNR001', id);
    expect(String(x['처리결과'])).toMatch(/^✓ 11-23 09:2\d 답변 등록/);
    expect(x['등록된 답변']).toBe(text);
    expect(x['조치필요']).toBe('');
    expect(childrenOf('najalran', Number(id.slice(2)))).toHaveLength(1);
  }
  // The post that timed out was read back before anything was sent again.
  expect(rows().filter((x) => String(x['처리결과']).includes('답변 등록 확인')).length).toBeGreaterThan(0);
});

it('sends a 3,000-character answer whole, and markup as text (escaped at the board, shown as typed)', () => {
  expect(String(row('PNR001', '6:3')['등록된 답변'])).toHaveLength(3000);
  expect(childrenOf('najalran', 4)[0]!.content).toBe('&lt;b&gt;굵게&lt;/b&gt; 안내 =SUM(A1)<br>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 끝');
});

it('fills a picked template into the answer and posts it in the seeds\' tone', () => {
  const x = row('PNR002', '9:1');
  expect(String(x['답변'])).toContain('택배사 사정에 따라 지연될 수 있는 점 양해 부탁드립니다.');
  expect(x['등록된 답변']).toBe(x['답변']);
  expect(childrenOf('borasaeg', 1)).toHaveLength(1);
});

it('marks a question answered in the mall\'s admin as answered, without posting', () => {
  const x = row('PNR001', '6:6');
  expect(x).toMatchObject({ 조치필요: '', '등록된 답변': '네, 선물 포장 가능합니다.' });
  expect(x['답변일시']).toEqual(new Date(T0 + 22 * 60_000));
  expect(String(x['처리결과'])).toContain('카페24에서 답변됨');
  expect(childrenOf('najalran', 6)).toHaveLength(0);
});

it('says in the row why the mall refused an answer (the buyer deleted the question)', () => {
  expect(String(row('PNR001', '6:5')['처리결과'])).toMatch(/^✗ 카페24가 답변을 거부했습니다: .*No article found/);
});

it('shows a question past its 24 hours late: 조치필요 1, its answer-by in red', () => {
  const x = row('PNR001', '6:1');
  expect(x['조치필요']).toBe('1 답변기한 초과');
  const sheet = r.sheets.snapshot().find((s) => s.name === '문의')!;
  const column = String.fromCharCode(65 + sheet.values[0]!.indexOf('답변기한'));
  const line = rows().findIndex((y) => y['문의번호'] === '6:1') + 2;
  expect(sheet.sheet.styles.filter((s) => s.fontColor === '#d93025').map((s) => s.cell)).toEqual([`${column}${line}`]);
});

it('has the 답변템플릿 tab seeded and the template column a dropdown over its names', () => {
  expect(tabRows(r, '답변템플릿').map((x) => x['템플릿명'])).toEqual(['배송 지연', '재고 확인', '교환/반품 안내', '확인 후 답변']);
  for (const x of tabRows(r, '답변템플릿')) expect(String(x['내용'])).toContain('양해 부탁드립니다');
  const sheet = r.sheets.snapshot().find((s) => s.name === '문의')!;
  const column = String.fromCharCode(65 + sheet.values[0]!.indexOf('답변템플릿'));
  const rule = sheet.sheet.validations.find((v) => v.ranges.some((a) => a.startsWith(`${column}2`)))!;
  expect(rule).toMatchObject({ criteria: 'VALUE_IN_RANGE', values: [expect.stringMatching(/^'?답변템플릿'?!A2:A/), true] });
});
