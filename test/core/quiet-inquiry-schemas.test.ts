/**
 * Every 10 minutes the sync reads each account's customer questions: on a quiet sheet every list
 * is empty and each cursor is as the last collect wrote it. Apps Script builds every zod schema
 * a run reads anew each execution (the first one pays zod's cold start), so such a read goes
 * through every page of every channel without building any schema; an answer that is not the
 * common empty one is still the schema's to decide. Counted as fetch-minute-schemas.test.ts
 * counts them.
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { repoRoot } from '../../local/paths';
import { zodCountingContext } from '../zod-counting';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bcryptForAppsScript = require('../../scripts/bcryptjs-for-apps-script.cjs');

const src = (file: string) => JSON.stringify(path.join(repoRoot(), 'src', file));

/** 2026-11-23 10:00 in Seoul. */
const NOW = Date.UTC(2026, 10, 23, 1, 0);

async function scope(): Promise<{ run: (code: string) => unknown; schemasBuilt: () => number }> {
  // collect(…) page by page: each page's read gets the body `answer(call, url)` gives, until the
  // collect's last page; what it returns is the cursor and the items seen.
  const entry = `
    import { cafe24Inquiries } from ${src('channels/cafe24/inquiries.ts')};
    import { naverInquiries } from ${src('channels/naver/inquiries.ts')};
    import { coupangInquiries } from ${src('channels/coupang/inquiries.ts')};
    const channels = { cafe24: cafe24Inquiries, naver: naverInquiries, coupang: coupangInquiries };
    const accounts = {
      cafe24: { partnerId: 'p1', channel: 'cafe24', mallId: 'najalran' },
      naver: { partnerId: 'p2', channel: 'naver', accountId: 'store1' },
      coupang: { partnerId: 'p3', channel: 'coupang', vendorId: 'A0001' },
    };
    globalThis.collect = (channel, cursor, now, answer) => {
      let read = channels[channel].collect(accounts[channel], cursor, now);
      const calls = [];
      for (;;) {
        calls.push(read.request.call);
        const page = read.request.read({ status: 200, headers: {}, body: JSON.stringify(answer(read.request.call)) });
        if (!page.next) return { cursor: page.cursor, items: page.items.length, calls };
        read = page.next;
      }
    };`;
  const { outputFiles } = await build({ stdin: { contents: entry, resolveDir: repoRoot(), loader: 'ts' }, bundle: true, format: 'iife', platform: 'neutral', mainFields: ['module', 'main'], plugins: [bcryptForAppsScript], write: false, logLevel: 'silent' });
  const { context, schemasBuilt } = zodCountingContext();
  vm.runInContext(outputFiles[0]!.text, context);
  return { run: (code) => vm.runInContext(code, context), schemasBuilt };
}

/** The empty answers as the channels send them (the fakes of local/fakes write them so). */
const QUIET = `(call) => ({
  'articles.list': { articles: [], links: [] },
  'comments.list': { comments: [] },
  'qnas.list': { contents: [], page: 1, size: 100, totalElements: 0, totalPages: 0, sort: { sorted: true, fields: [{ name: 'createDate', direction: 'asc' }] }, first: true, last: true },
  'inquiries.list': { content: [], totalPages: 0, totalElements: 0, number: 0, size: 200, numberOfElements: 0, first: true, last: true, empty: true, sort: { sorted: true, unsorted: false, empty: false } },
  'onlineInquiries.list': { code: 200, message: 'OK', data: { content: [], pagination: { currentPage: 1, totalPages: 0, totalElements: 0, countPerPage: 50 } } },
  'callCenterInquiries.list': { code: 200, message: 'OK', data: { content: [], pagination: { currentPage: 1, totalPages: 0, totalElements: 0, countPerPage: 30 } } },
})[call]`;

/** Cursors as the last collect of the same Seoul day wrote them (a question still open on board 6, so its comments are read too). */
const CURSORS = {
  cafe24: JSON.stringify({ day: '2026-11-23', boards: [{ no: 6, personal: false }, { no: 9, personal: true }], comments: { '6': 12 }, open: { '6': { '31': NOW - 3_600_000 } }, top: { '6': 31, '9': 7 } }),
  naver: JSON.stringify({ qna: null, inq: NOW - 86_400_000 }),
  coupang: '2026-11-23',
};

test("a quiet inquiry read builds no schema: every channel's empty lists and its cursor as written", async () => {
  const s = await scope();
  const read = (channel: keyof typeof CURSORS) => s.run(`collect(${JSON.stringify(channel)}, ${JSON.stringify(CURSORS[channel])}, ${NOW}, ${QUIET})`);
  expect(read('cafe24')).toEqual({ cursor: CURSORS.cafe24, items: 0, calls: ['articles.list', 'articles.list', 'comments.list'] });
  expect(read('naver')).toEqual({ cursor: JSON.stringify({ qna: null, inq: null }), items: 0, calls: ['qnas.list', 'inquiries.list'] });
  expect(read('coupang')).toEqual({ cursor: CURSORS.coupang, items: 0, calls: ['onlineInquiries.list', 'onlineInquiries.list', 'callCenterInquiries.list', 'callCenterInquiries.list'] });
  expect(s.schemasBuilt()).toBe(0);
});

test('what is not the common case is still checked by the schema', async () => {
  const s = await scope();
  const answer = (body: string) => `(call) => ${body}`;
  expect(() => s.run(`collect('cafe24', ${JSON.stringify(CURSORS.cafe24)}, ${NOW}, ${answer(`({ articles: [{ article_no: 'x' }] })`)})`)).toThrow(/article/);
  expect(() => s.run(`collect('naver', null, ${NOW}, ${answer(`({ contents: [], totalPages: 1.5 })`)})`)).toThrow(/totalPages/);
  expect(() => s.run(`collect('coupang', null, ${NOW}, ${answer(`({ data: { content: [], pagination: { currentPage: '1' } } })`)})`)).toThrow(/currentPage|pagination/);
  expect(s.schemasBuilt()).toBeGreaterThan(0);
});
