/**
 * The Cafe24 inquiry read's cursor across collects, driven with canned board answers: which
 * requests a collect makes depends on what the last one saw. A board's comments are read only
 * while it holds an open question; a question answered by a comment (still `reply_status=N`)
 * is not reopened when its day's window lists it again; a cursor written before the open
 * questions were kept is read afresh (boards, a week back).
 */
import type { HttpResponse } from '../../src/core/http';
import type { ChannelSession, InquiryRead } from '../../src/channels/port';
import { cafe24Inquiries } from '../../src/channels/cafe24/inquiries';
import type { Cafe24Connection } from '../../src/channels/cafe24/connection';

const conn = { channel: 'cafe24', partnerId: 'PNR002', accountId: 'borasaeg', mallId: 'borasaeg', shopNo: 1, apiVersion: '2025-12-01' } as unknown as Cafe24Connection;
const session = { connection: conn, accessToken: 'token' } as unknown as ChannelSession;
const NOW = Date.parse('2026-11-23T10:30:00+09:00');

const question = { article_no: 1, parent_article_no: null, board_no: 9, reply_depth: 0, title: '배송 문의', content: '언제 오나요?', member_id: 'buyer1', created_date: '2026-11-23T10:21:00+09:00', reply_status: 'N' };
const answer = { comment_no: 5, article_no: 1, content: '내일 도착합니다.', writer: '보라색', member_id: 'borasaeg', created_date: '2026-11-23T10:33:00+09:00' };

/** Runs a collect to its end against `answers` (by path), returning the paths asked and the cursor left. */
function collect(cursor: string | null, now: number, answers: Record<string, unknown>): { asked: string[]; cursor: string | null } {
  const asked: string[] = [];
  let read: InquiryRead | null = cafe24Inquiries.collect(conn, cursor, now);
  let last: string | null = null;
  while (read) {
    const req = read.request.build(session);
    const path = new URL(req.url).pathname.replace('/api/v2/admin', '');
    asked.push(path);
    const body = answers[path];
    if (body === undefined) throw new Error(`no canned answer for ${path}`);
    const response: HttpResponse = { status: 200, headers: {}, body: JSON.stringify(body) };
    const r = read.request.read(response);
    if (r.cursor !== null) last = r.cursor;
    read = r.next;
  }
  return { asked, cursor: last };
}

const boards = { boards: [{ board_no: 6, board_type: 5, board_name: '상품 Q&A' }, { board_no: 9, board_type: 7, board_name: '1:1 맞춤상담' }] };

it('reads comments only of a board with an open question, and not again once a comment answered it', () => {
  const first = collect(null, NOW, { '/boards': boards, '/boards/6/articles': { articles: [] }, '/boards/9/articles': { articles: [question] }, '/boards/9/comments': { comments: [] } });
  expect(first.asked).toEqual(['/boards', '/boards/6/articles', '/boards/9/articles', '/boards/9/comments']);
  // Ten minutes on: the mall answered in its admin (a comment); the question is still N.
  const second = collect(first.cursor, NOW + 10 * 60_000, { '/boards/6/articles': { articles: [] }, '/boards/9/articles': { articles: [question] }, '/boards/9/comments': { comments: [answer] } });
  expect(second.asked).toEqual(['/boards/6/articles', '/boards/9/articles', '/boards/9/comments']);
  // Listed again, still N, but answered: no comments read.
  const third = collect(second.cursor, NOW + 20 * 60_000, { '/boards/6/articles': { articles: [] }, '/boards/9/articles': { articles: [question] } });
  expect(third.asked).toEqual(['/boards/6/articles', '/boards/9/articles']);
});

it('reads a cursor from before the open questions were kept afresh: the boards, a week back, every comment', () => {
  const old = JSON.stringify({ day: '2026-11-23', boards: [{ no: 9, personal: true }], comments: { '9': 4 } });
  const urls: string[] = [];
  let read: InquiryRead | null = cafe24Inquiries.collect(conn, old, NOW);
  const answers: Record<string, unknown> = { '/boards': boards, '/boards/6/articles': { articles: [] }, '/boards/9/articles': { articles: [question] }, '/boards/9/comments': { comments: [answer] } };
  while (read) {
    const url: URL = new URL(read.request.build(session).url);
    urls.push(`${url.pathname.replace('/api/v2/admin', '')} ${url.searchParams.get('start_date') ?? ''}${url.searchParams.get('since_comment_no') ?? ''}`.trim());
    read = read.request.read({ status: 200, headers: {}, body: JSON.stringify(answers[url.pathname.replace('/api/v2/admin', '')]) }).next;
  }
  // A week back and the day before (2026-11-23 − 7 − 1); comments from the first.
  expect(urls).toEqual(['/boards', '/boards/6/articles 2026-11-15', '/boards/9/articles 2026-11-15', '/boards/9/comments 0']);
});
