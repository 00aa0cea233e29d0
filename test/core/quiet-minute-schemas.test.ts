/**
 * Apps Script builds every zod schema a run reads anew each execution, and nearly every execution
 * is the minute's sync on a quiet sheet: what that minute reads of its own kept state builds few
 * schemas, and a step that is not due builds none. Counted as test/build-top-level.test.ts counts
 * them (zod defines `_zod` on every schema it builds).
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { repoRoot } from '../../local/paths';
import { zodCountingContext } from '../zod-counting';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bcryptForAppsScript = require('../../scripts/bcryptjs-for-apps-script.cjs');

/** The modules bundled alike in a fresh global scope whose Object.defineProperty counts `_zod`. */
async function scope(entry: string): Promise<{ run: (code: string) => unknown; schemasBuilt: () => number }> {
  // bcryptjs (the jobs import the channels) as the product's build bundles it.
  const { outputFiles } = await build({ stdin: { contents: entry, resolveDir: repoRoot(), loader: 'ts' }, bundle: true, format: 'iife', platform: 'neutral', mainFields: ['module', 'main'], plugins: [bcryptForAppsScript], write: false, logLevel: 'silent' });
  const { context, schemasBuilt } = zodCountingContext();
  vm.runInContext(outputFiles[0]!.text, context);
  return { run: (code) => vm.runInContext(code, context), schemasBuilt };
}

const src = (file: string) => JSON.stringify(path.join(repoRoot(), 'src', file));

test("the order cadence's kept state, as a run wrote it, is read without building a schema; any other is the schema's (one per kind of leaf: 20)", async () => {
  const s = await scope(`
    import { parseCadence } from ${src('jobs/order-cadence.ts')};
    globalThis.read = (text) => parseCadence(text);`);
  const kept = { after: { boot: 'b1', seq: 3 }, listening: false, heard: { ownshop: 1 }, pending: { PNR001: ['orders'] }, backstop: { PNR001: 5 }, read: { PNR001: 6 }, moved: {}, settings: { at: 7, relay: true, backstopMin: 10, account: 'consumer', inquiryMin: null }, stride: 2 };
  expect(s.run(`read(${JSON.stringify(JSON.stringify(kept))})`)).toEqual(kept);
  expect(s.schemasBuilt()).toBe(0);
  // Still a check: a damaged record reads as none (every mall read once), not as what it says.
  expect(s.run(`read(${JSON.stringify(JSON.stringify({ ...kept, read: { PNR001: 'soon' } }))}).read`)).toEqual({});
  expect(s.schemasBuilt()).toBeLessThanOrEqual(20);
});

test("outside the night's hours the archive step builds no schema: its kept record is passed on unread", async () => {
  const s = await scope(`
    import { archiveStep } from ${src('jobs/archive-orders.ts')};
    globalThis.tick = (now, kept) => archiveStep({ clock: { now: () => now } }, { kept, startedAt: now, partners: [], store: null });`);
  // 14:00 in Seoul.
  const noon = Date.UTC(2026, 11, 3, 5, 0, 0);
  const kept = JSON.stringify({ doneDay: '2026-12-03' });
  expect(s.run(`tick(${noon}, { 'archive.state': ${JSON.stringify(kept)} })`)).toEqual({ keep: { 'archive.state': kept }, wroteSheet: false, messages: [] });
  expect(s.schemasBuilt()).toBe(0);
});
