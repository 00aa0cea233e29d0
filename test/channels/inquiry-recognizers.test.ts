/**
 * The recognizers that read a quiet inquiry collect's answers and cursors without building their
 * schemas (zod-helpers.ts `Recognizer`) answer exactly as the schema would, over the common inputs
 * and many damaged ones made from them (test/recognizer-check.ts).
 */
import { holdsToSchema, inputs, type Json } from '../recognizer-check';
import type { Schema } from '../../src/core/zod-helpers';
import { ArticlesList, CommentsList, CursorSchema as Cafe24Cursor } from '../../src/channels/cafe24/inquiries';
import { CursorSchema as NaverCursor, InquiryList, QnaList } from '../../src/channels/naver/inquiries';
import { CcPage, OnlinePage } from '../../src/channels/coupang/inquiries';

function holds(schema: Schema, common: Json[]): void {
  const counts = holdsToSchema(schema, inputs(common));
  expect(Math.min(counts.recognized, counts.refused)).toBeGreaterThan(5);
}

test("Cafe24's boards: a page without articles or comments read by hand is what the schema reads", () => {
  holds(ArticlesList, [{ articles: [], links: [] }, { articles: [] }, { links: [{ rel: 'next', href: 'x' }], articles: [] }]);
  holds(CommentsList, [{ comments: [] }, { x: null, comments: [] }]);
});

test("Cafe24's inquiry cursor as written is read by hand as the schema reads it", () => {
  holds(Cafe24Cursor, [
    { day: '2026-11-23', boards: [{ no: 6, personal: false }, { no: 9, personal: true }], comments: { '6': 12 }, open: { '6': { '31': 1763859600000 } }, top: { '6': 31, '9': 7 } },
    { day: '2026-11-23', boards: [], comments: {}, open: 'many', top: {} },
    { top: { '9': 1 }, open: {}, comments: { '9': 0, '6': 3 }, boards: [{ personal: true, no: 9 }], day: '2026-11-22' },
    { day: '2026-11-23', boards: [{ no: 6, personal: false }], comments: {} },
  ]);
});

test("Naver's Q&As and inquiries: an empty page read by hand is what the schema reads, bare or in the envelope", () => {
  holds(QnaList, [{ contents: [], page: 1, size: 100, totalElements: 0, totalPages: 0, first: true, last: true }, { last: true, contents: [] }, { contents: [] }]);
  const page = { content: [], totalPages: 0, totalElements: 0, number: 0, first: true, last: true, empty: true };
  holds(InquiryList, [page, { last: false, content: [] }, { code: 'SUCCESS', message: '성공', data: page, timestamp: 't', traceId: 'x' }, { data: { content: [] } }, { content: [], data: page }]);
  holds(NaverCursor, [{ qna: null, inq: 1763859600000 }, { qna: 1763859600000, inq: null }, { inq: null, qna: null, old: 1 }]);
});

test("Coupang's online and call-centre inquiries: an empty page read by hand is what the schema reads", () => {
  const page = { code: 200, message: 'OK', data: { content: [], pagination: { currentPage: 1, totalPages: 0, totalElements: 0, countPerPage: 50 } } };
  for (const schema of [OnlinePage, CcPage]) holds(schema, [page, { data: { pagination: null, content: [] } }, { data: { content: [], more: 1 }, code: 200 }]);
});
