/**
 * Cafe24 fake — boards (inquiries-api.md §A): buyers ask on the product Q&A and 1:1 boards
 * (control operations), staff answer in the admin (a comment by default) or through the API (a
 * reply article moving the question to `C`); lists page and filter by date; scopes, envelopes
 * and errors as documented.
 */
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake, T0 } from '../../local/fakes/cafe24/testing';

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startFake();
  token = h.token('najalran');
});
afterEach(async () => {
  await h.close();
});

const DAY = 86_400_000;
const reply = (articleNo: number, content: string, extra: Record<string, unknown> = {}) => ({
  shop_no: 1,
  requests: [{ reply_article_no: articleNo, title: 'RE', content, writer: 'najalran', member_id: 'najalran', client_ip: '127.0.0.1', reply_status: 'C', ...extra }],
});

test('the boards list names the product Q&A (type 5) and the 1:1 board (type 7) with their numbers', async () => {
  const r = await h.api('najalran', 'GET', '/boards', { token });
  expect(r.status).toBe(200);
  expect(r.json.boards.map((b: any) => [b.board_no, b.board_type, b.board_name])).toEqual([
    [1, 1, '공지사항'],
    [4, 5, '상품 사용후기'],
    [6, 5, '상품 Q&A'],
    [9, 7, '1:1 맞춤상담'],
  ]);
});

test('a question asked on the product Q&A board is an article at N, with every documented field', async () => {
  const q = h.fake.askQuestion('najalran', { title: '사이즈', content: '<p>M 있나요?</p>', product_no: 13 });
  expect(q).toMatchObject({ board_no: 6, article_no: 1, reply_status: 'N', reply_depth: 0, product_no: 13, secret: 'T' });
  const r = await h.api('najalran', 'GET', '/boards/6/articles', { token });
  expect(r.json.articles).toHaveLength(1);
  for (const field of ['shop_no', 'article_no', 'parent_article_no', 'board_no', 'reply_sequence', 'reply_depth', 'product_no', 'order_id', 'title', 'content', 'writer', 'member_id', 'client_ip', 'created_date', 'reply_status', 'reply_user_id', 'display', 'secret', 'notice', 'fixed', 'deleted', 'reply', 'hit']) {
    expect(r.json.articles[0]).toHaveProperty(field);
  }
  expect(r.json.articles[0].created_date).toBe('2026-11-23T10:00:00+09:00');
});

test('a reply article (R1) is a child of the question, and its reply_status goes to the question', async () => {
  h.fake.askQuestion('najalran', { title: '사이즈', content: 'M 있나요?' });
  const r = await h.api('najalran', 'POST', '/boards/6/articles', { token, body: reply(1, '네 있습니다') });
  expect(r.status).toBe(201);
  expect(r.json.articles[0]).toMatchObject({ article_no: 2, parent_article_no: 1, reply_depth: 1, reply_status: null, member_id: 'najalran' });
  const list = (await h.api('najalran', 'GET', '/boards/6/articles?article_no=1', { token })).json.articles;
  expect(list).toEqual([expect.objectContaining({ article_no: 1, reply_status: 'C', reply_user_id: 'najalran' })]);
  // Sent again, it is a second child: nothing is overwritten.
  await h.api('najalran', 'POST', '/boards/6/articles', { token, body: reply(1, '네 있습니다') });
  expect((await h.api('najalran', 'GET', '/boards/6/articles?limit=100', { token })).json.articles.filter((a: any) => a.parent_article_no === 1)).toHaveLength(2);
});

test('an answer typed in the admin is a comment by the mall, and the question stays N (adminAnswerAs: comment)', async () => {
  h.fake.askQuestion('najalran', { board: 'personal', title: '배송', content: '언제 오나요?' });
  h.fake.answerInAdmin('najalran', { board_no: 9, article_no: 1, content: '내일 도착합니다' });
  const comments = (await h.api('najalran', 'GET', '/boards/9/comments?since_comment_no=0&limit=100', { token })).json.comments;
  expect(comments).toEqual([expect.objectContaining({ article_no: 1, comment_no: 1, member_id: 'najalran', content: '내일 도착합니다' })]);
  expect((await h.api('najalran', 'GET', '/boards/9/articles', { token })).json.articles[0].reply_status).toBe('N');
  expect((await h.api('najalran', 'GET', '/boards/9/comments?since_comment_no=1', { token })).json.comments).toEqual([]);
  expect((await h.api('najalran', 'GET', '/boards/9/articles/1/comments', { token })).json.comments).toHaveLength(1);
});

test('adminAnswerAs: replyArticle makes the admin answer a child article and the question C', async () => {
  await h.close();
  h = await startFake({ strict: { adminAnswerAs: 'replyArticle' } });
  token = h.token('najalran');
  h.fake.askQuestion('najalran', { title: '재고', content: '재입고 되나요?' });
  h.fake.answerInAdmin('najalran', { board_no: 6, article_no: 1, content: '다음 주 입고됩니다' });
  const list = (await h.api('najalran', 'GET', '/boards/6/articles', { token })).json.articles;
  expect(list.map((a: any) => [a.article_no, a.parent_article_no, a.reply_status])).toEqual([
    [2, 1, null],
    [1, null, 'C'],
  ]);
});

test('the date window (both or neither, under a year) filters on each article\'s own date; limit 1–100, offset ≤ 8000', async () => {
  h.fake.askQuestion('najalran', { title: '하나', content: '1' });
  h.clock.advance(2 * DAY);
  h.fake.askQuestion('najalran', { title: '둘', content: '2' });
  token = h.token('najalran');
  const on = (q: string) => h.api('najalran', 'GET', `/boards/6/articles?${q}`, { token });
  expect((await on('start_date=2026-11-25&end_date=2026-11-25')).json.articles.map((a: any) => a.title)).toEqual(['둘']);
  expect((await on('start_date=2026-11-23&end_date=2026-11-25')).json.articles.map((a: any) => a.title)).toEqual(['둘', '하나']);
  expect((await on('start_date=2026-11-23')).status).toBe(422);
  expect((await on('start_date=2025-11-23&end_date=2026-11-25')).status).toBe(422);
  expect((await on('limit=101')).status).toBe(422);
  expect((await on('offset=8001')).status).toBe(422);
  const first = await on('limit=1');
  expect(first.json.articles).toHaveLength(1);
  expect(first.json.links).toEqual([{ rel: 'next', href: 'https://najalran.cafe24api.com/api/v2/boards/6/articles?limit=1&offset=1' }]);
  expect((await on('limit=1&offset=1')).json.articles.map((a: any) => a.title)).toEqual(['하나']);
  // Documented filters the fake does not emulate are refused, never ignored.
  expect((await on('search=subject&keyword=x')).json.error.message).toContain('not emulated');
  expect(T0).toBeLessThan(h.clock.now);
});

test('the documented envelope errors: a flat body 400, a lone request 422 "An invalid request is entered."', async () => {
  h.fake.askQuestion('najalran', { title: 'q', content: 'q' });
  const flat = await h.api('najalran', 'POST', '/boards/6/articles', { token, body: { reply_article_no: 1, content: 'x' } });
  expect(flat.status).toBe(400);
  const lone = await h.api('najalran', 'POST', '/boards/6/articles', { token, body: { shop_no: 1, request: { board_no: 6, content: 'x' } } });
  expect(lone.status).toBe(422);
  expect(lone.json.error.message).toBe('An invalid request is entered.');
  const missing = await h.api('najalran', 'POST', '/boards/6/articles', { token, body: { shop_no: 1, requests: [{ reply_article_no: 1, content: 'x', writer: 'w', title: 't' }] } });
  expect(missing.status).toBe(422);
  expect(missing.json.error.message).toContain('client_ip');
});

test('an article PUT changes the content but not reply_status; a deleted question refuses a reply with 404', async () => {
  h.fake.askQuestion('najalran', { title: 'q', content: 'q' });
  await h.api('najalran', 'POST', '/boards/6/articles', { token, body: reply(1, '첫 답변') });
  const put = await h.api('najalran', 'PUT', '/boards/6/articles/2', { token, body: { shop_no: 1, request: { content: '고친 답변' } } });
  expect(put.status).toBe(200);
  expect(put.json.article.content).toBe('고친 답변');
  expect((await h.api('najalran', 'PUT', '/boards/6/articles/1', { token, body: { shop_no: 1, request: { reply_status: 'N' } } })).status).toBe(422);
  h.fake.askQuestion('najalran', { title: 'q2', content: 'q2' });
  h.fake.deleteArticle('najalran', { board_no: 6, article_no: 3 });
  const refused = await h.api('najalran', 'POST', '/boards/6/articles', { token, body: reply(3, '늦은 답변') });
  expect(refused.status).toBe(404);
  expect(refused.json.error.message).toBe('No article found. (3)');
  expect((await h.api('najalran', 'GET', '/boards/6/articles?article_no=3', { token })).json.articles).toEqual([]);
});

test('boards need mall.read_community to read and mall.write_community to write', async () => {
  const readOnly = h.token('najalran', ['mall.read_community']);
  expect((await h.api('najalran', 'GET', '/boards', { token: h.token('najalran', ['mall.read_order']) })).status).toBe(403);
  h.fake.askQuestion('najalran', { title: 'q', content: 'q' });
  const w = await h.api('najalran', 'POST', '/boards/6/articles', { token: readOnly, body: reply(1, 'x') });
  expect(w.status).toBe(403);
  expect(w.json.error.message).toContain('mall.write_community');
});
