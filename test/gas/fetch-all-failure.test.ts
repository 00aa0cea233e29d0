import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as http from 'node:http';
import { buildSync } from 'esbuild';
import { Runtime } from '../../local/runtime/runtime';

/**
 * The HTTP adapter (src/gas/adapters/http.ts) in the local Apps Script runtime: when
 * UrlFetchApp.fetchAll throws for the whole batch (one request's host unreachable), a request
 * that may have been carried out already is never sent a second time.
 */
const T0 = Date.parse('2026-11-23T00:00:00Z');

function bundle(): string {
  const out = buildSync({ entryPoints: [path.join(__dirname, '../../src/gas/adapters/http.ts')], bundle: true, write: false, format: 'iife', globalName: 'http', target: 'es2020' });
  return `${out.outputFiles[0]!.text}
function go(requests) { return http.executeAll(requests); }`;
}

describe('a batch that fetchAll could not finish', () => {
  let rt: Runtime;
  const seen: string[] = [];
  afterEach(async () => rt && (await rt.close()));

  beforeEach(async () => {
    seen.length = 0;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-http-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), bundle());
    rt = new Runtime({ start: T0, bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' } });
    const api: http.RequestListener = (req, res) => {
      seen.push(`${req.method} ${req.headers.host}${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    };
    await rt.network.serve('*.mall.example', api);
  });

  it('answers status 0 (outcome unknown) for a POST of that batch and sends it once; GETs and PUTs are sent again', async () => {
    const r = await rt.run('go', [
      [
        { method: 'post', url: 'https://b.mall.example/shipments', headers: {}, payload: '{}', contentType: 'application/json' },
        { method: 'put', url: 'https://b.mall.example/products/7/inventory', headers: {}, payload: '{}', contentType: 'application/json' },
        { method: 'get', url: 'https://a.mall.example/orders', headers: {} },
        // Nobody answers for this host: Apps Script throws for the whole batch.
        { method: 'get', url: 'https://gone.nowhere.example/orders', headers: {} },
      ],
    ]);
    expect(r.errors).toEqual([]);
    const answers = r.result as Array<{ status: number; body: string }>;
    expect(answers.map((a) => a.status)).toEqual([0, 200, 200, 0]);
    expect(answers[0]!.body).toMatch(/not sent again|다시 보내지/);
    // The mall got the shipment once (with the batch); the reads and the PUT twice.
    expect(seen.filter((s) => s.startsWith('POST'))).toEqual(['POST b.mall.example/shipments']);
    expect(seen.filter((s) => s.startsWith('PUT'))).toHaveLength(2);
    expect(seen.filter((s) => s === 'GET a.mall.example/orders')).toHaveLength(2);
  });
});
