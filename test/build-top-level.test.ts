/**
 * Apps Script runs the whole bundle's top level at the start of every execution (every minute's
 * trigger), so the top level builds no zod schema: each is built on first use (builtOnUse,
 * src/core/zod-helpers.ts). Counted, not timed: zod's $constructor installs `_zod` on every
 * schema it builds with Object.defineProperty (node_modules/zod/v4/core/core.js, `init`), so a
 * context whose Object.defineProperty counts the "_zod" definitions counts the schemas built.
 */
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { paths, repoRoot } from '../local/paths';
import { zodCountingContext as countingContext } from './zod-counting';

describe('build/Code.js top level', () => {
  it('builds no zod schema: every schema of the product is built on first use', () => {
    const code = fs.readFileSync(path.join(paths.build, 'Code.js'), 'utf8');
    const { context, schemasBuilt } = countingContext();
    vm.runInContext(code, context, { filename: 'Code.js' });
    expect(schemasBuilt()).toBe(0);
  });

  it('(the count sees schemas: a channel module bundled alike and parsed once has built dozens)', () => {
    const entry = `
      import { OrdersList } from ${JSON.stringify(path.join(repoRoot(), 'src/channels/cafe24/schemas.ts'))};
      globalThis.parseOrders = (v) => OrdersList.safeParse(v).success;`;
    const { outputFiles } = buildSync({ stdin: { contents: entry, resolveDir: repoRoot(), loader: 'ts' }, bundle: true, format: 'iife', platform: 'neutral', mainFields: ['module', 'main'], write: false, logLevel: 'silent' });
    const { context, schemasBuilt } = countingContext();
    vm.runInContext(outputFiles[0]!.text, context);
    expect(vm.runInContext(`parseOrders({ orders: [{ order_id: 'A1', order_date: '2026-11-23T10:00:00+09:00', paid: 'T' }] })`, context)).toBe(true);
    expect(schemasBuilt()).toBeGreaterThan(20);
  });
});
