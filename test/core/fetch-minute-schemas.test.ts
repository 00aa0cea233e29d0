/**
 * Every other minute the sync reads its channels: on a quiet sheet each answer is an empty list,
 * and the relay's settings are as they were saved. Apps Script builds every zod schema a run
 * reads anew each execution (the first one pays zod's cold start), so such a minute reads them
 * all without building any schema; an answer that is not the common empty one is still the
 * schema's to decide. Counted as test/core/quiet-minute-schemas.test.ts counts them.
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { repoRoot } from '../../local/paths';
import { zodCountingContext } from '../zod-counting';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bcryptForAppsScript = require('../../scripts/bcryptjs-for-apps-script.cjs');

const src = (file: string) => JSON.stringify(path.join(repoRoot(), 'src', file));

async function scope(): Promise<{ run: (code: string) => unknown; schemasBuilt: () => number }> {
  const entry = `
    import { parse as cafe24 } from ${src('channels/cafe24/schemas.ts')};
    import { OrdersList } from ${src('channels/cafe24/schemas.ts')};
    import { readJson as naver, LastChanged } from ${src('channels/naver/schemas.ts')};
    import { parse as coupang, OrdersheetList } from ${src('channels/coupang/schemas.ts')};
    import { relaySettingsFrom } from ${src('channels/relay.ts')};
    const ok = (body) => ({ status: 200, headers: {}, body: JSON.stringify(body) });
    globalThis.read = {
      cafe24: (body) => cafe24('orders.list', 'najalran', OrdersList, ok(body)),
      naver: (body) => naver('productOrders.lastChanged', 'store1', LastChanged, ok(body)),
      coupang: (body) => coupang('ordersheets.list', 'A0001', OrdersheetList, ok(body)),
      relay: (props) => relaySettingsFrom(props),
    };`;
  const { outputFiles } = await build({ stdin: { contents: entry, resolveDir: repoRoot(), loader: 'ts' }, bundle: true, format: 'iife', platform: 'neutral', mainFields: ['module', 'main'], plugins: [bcryptForAppsScript], write: false, logLevel: 'silent' });
  const { context, schemasBuilt } = zodCountingContext();
  vm.runInContext(outputFiles[0]!.text, context);
  return { run: (code) => vm.runInContext(code, context), schemasBuilt };
}

const SECRET = 'f'.repeat(64);

test("a quiet fetch minute's empty answers and the relay's saved settings are read without building a schema", async () => {
  const s = await scope();
  const call = (code: string) => JSON.parse(JSON.stringify(s.run(code))) as unknown;
  expect(call(`read.relay({ RELAY_URL: ' https://marketplace-relay-123456789012.asia-northeast3.run.app/ ', RELAY_SECRET: ${JSON.stringify(SECRET)} })`)).toEqual({
    kind: 'ok',
    settings: { url: 'https://marketplace-relay-123456789012.asia-northeast3.run.app', secret: SECRET },
  });
  expect(call(`read.cafe24({ orders: [] })`)).toEqual({ orders: [] });
  expect(call(`read.naver({ timestamp: '2026-11-23T09:00:00.000+09:00', traceId: 't1', data: { count: 0, lastChangeStatuses: [] } })`)).toEqual({
    timestamp: '2026-11-23T09:00:00.000+09:00',
    traceId: 't1',
    data: { count: 0, lastChangeStatuses: [] },
  });
  expect(call(`read.coupang({ code: 200, message: 'OK', data: [], nextToken: '' })`)).toEqual({ code: 200, message: 'OK', data: [], nextToken: '' });
  expect(s.schemasBuilt()).toBe(0);
});

test('what is not the common case is still checked by the schema', async () => {
  const s = await scope();
  expect(s.run(`read.relay({ RELAY_URL: 'http://relay.example', RELAY_SECRET: ${JSON.stringify(SECRET)} }).kind`)).toBe('invalid');
  expect(() => s.run(`read.cafe24({ orders: [{ order_id: '' }] })`)).toThrow(/orders\[0\]/);
  expect(() => s.run(`read.naver({ data: { lastChangeStatuses: [], count: 1.5 } })`)).toThrow(/count/);
  expect(() => s.run(`read.coupang({ data: [], nextToken: 7 })`)).toThrow(/nextToken/);
  expect(s.schemasBuilt()).toBeGreaterThan(0);
});
