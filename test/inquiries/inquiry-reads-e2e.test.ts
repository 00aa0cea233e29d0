import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, fakeRequests, runClean, tabRows } from '../e2e';

/**
 * What reading the malls' inquiries costs, end to end on the built bundle against the fake
 * Cafe24: every 10 minutes one list call per question board of each mall (product Q&A and 1:1),
 * and a board's comments (where an answer typed in the Cafe24 admin lands) only while that board
 * holds a question still open. Three malls connected as in the demo; one buyer asks on
 * borasaeg's 1:1 board at +21m, the mall answers it in its admin (a comment) at +33m.
 */
const T0 = Date.parse(demo.start);
const MIN = 60_000;

let r: SandboxResult;
beforeAll(async () => {
  r = await runClean({
    name: 'inquiry-reads',
    duration: '58m',
    events: [
      ...demoMorning(),
      { at: '+21m', type: 'channel', channel: 'cafe24', action: 'askQuestion', args: ['borasaeg', { board: 'personal', title: '배송 문의', content: '언제 받을 수 있나요?' }] },
      { at: '+33m', type: 'channel', channel: 'cafe24', action: 'answerInAdmin', args: ['borasaeg', { board_no: 9, article_no: 1, content: '내일 도착합니다.' }] },
    ],
  });
}, 300_000);
afterAll(async () => r?.runtime.close());

/** The board requests of the 10 minutes starting at +`from`m, as "mall board kind". */
const boardCalls = (from: number) =>
  fakeRequests(r)
    .filter((q) => q.at >= T0 + from * MIN && q.at < T0 + (from + 10) * MIN)
    .flatMap((q) => {
      const m = /\/boards\/(\d+)\/(articles|comments)$/.exec(q.path);
      return m && q.method === 'GET' ? [`${q.mall} ${m[1]} ${m[2]}`] : [];
    })
    .sort();

const articlesOnly = ['borasaeg 6 articles', 'borasaeg 9 articles', 'najalran 6 articles', 'najalran 9 articles', 'undercoco 6 articles', 'undercoco 9 articles'];

it('brings the question, and marks it answered from the comment the mall wrote in its admin', () => {
  const row = tabRows(r, '문의').find((x) => x['파트너ID'] === 'PNR002' && x['문의번호'] === '9:1')!;
  expect(row['등록된 답변']).toBe('내일 도착합니다.');
  expect(String(row['처리결과'])).toContain('카페24에서 답변됨');
});

it('reads each question board once per collect and no comments while no question is open', () => {
  expect(boardCalls(20)).toEqual(articlesOnly);
});

it("reads a board's comments only while it holds an open question, and stops once it is answered", () => {
  // +30m: the question is new and open; +40m: still open, its answer comes as a comment.
  expect(boardCalls(30)).toEqual([...articlesOnly, 'borasaeg 9 comments'].sort());
  expect(boardCalls(40)).toEqual([...articlesOnly, 'borasaeg 9 comments'].sort());
  // +50m: answered; the question is listed again (its day's window) but not reopened.
  expect(boardCalls(50)).toEqual(articlesOnly);
});
