/**
 * The add-on's side of the relay: its settings from the script properties (checked, with a
 * Korean message), the signed request relayPort builds, and that request accepted by the relay
 * when the add-on's own code runs in the local Apps Script runtime (its Utilities for the HMAC,
 * SHA-256 and nonce, its UrlFetchApp for the call), so both ends share one canonical string.
 */
import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
// The product's bundle carries bcryptjs (Naver's token signature) only through the build's plugin.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bcryptForAppsScript = require('../../scripts/bcryptjs-for-apps-script.cjs');
import { nonceSequence, relayPort, relaySettingsFrom } from '../../src/channels/relay';
import { canonicalString, NONCE_PATTERN } from '../../src/channels/relay-wire';
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import { LOCAL_RELAY_HOST, LOCAL_RELAY_SECRET, LOCAL_RELAY_URL, serveRelay, type LocalRelay } from '../../local/relay';
import { Runtime } from '../../local/runtime/runtime';
import { setScriptPropertiesByHand } from '../../local/runtime/services/properties';
import { standIn } from './harness';

const SECRET = 'x'.repeat(40);

describe('the relay settings (script properties RELAY_URL, RELAY_SECRET)', () => {
  it('none set: no relay', () => {
    expect(relaySettingsFrom({})).toEqual({ kind: 'none' });
  });

  it('a Cloud Run URL and a long secret; a trailing slash is dropped', () => {
    expect(relaySettingsFrom({ RELAY_URL: 'https://marketplace-relay-123456789012.asia-northeast3.run.app/', RELAY_SECRET: SECRET })).toEqual({
      kind: 'ok',
      settings: { url: 'https://marketplace-relay-123456789012.asia-northeast3.run.app', secret: SECRET },
    });
  });

  it.each(['http://relay.example.com', 'relay.example.com', 'https://relay.example.com/?x=1', 'https://relay example.com', 'https://user:pw@relay.example.com', 'https://relay.example.com#a'])(
    'a malformed URL is refused in Korean, saying what a good one looks like: %s',
    (url) => {
      const r = relaySettingsFrom({ RELAY_URL: url, RELAY_SECRET: SECRET });
      expect(r.kind).toBe('invalid');
      expect(r.kind === 'invalid' && r.message).toMatch(/^RELAY_URL이 올바른 주소가 아닙니다\. https:\/\/로 시작하는 릴레이 주소만/);
    },
  );

  it('a short secret, or only one of the two, is refused in Korean', () => {
    expect(relaySettingsFrom({ RELAY_URL: 'https://r.example.com', RELAY_SECRET: 'short' })).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^RELAY_SECRET이 너무 짧습니다 \(32자 이상/) });
    expect(relaySettingsFrom({ RELAY_URL: 'https://r.example.com' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('RELAY_SECRET이 없습니다') });
    expect(relaySettingsFrom({ RELAY_SECRET: SECRET })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('RELAY_URL이 없습니다') });
  });
});

describe('relayPort.forward', () => {
  const deps = {
    clock: { now: () => 1_795_000_000_000 },
    hmacSha256Hex: (k: string, m: string) => createHmac('sha256', k).update(m, 'utf8').digest('hex'),
    sha256Hex: (t: string) => createHash('sha256').update(t, 'utf8').digest('hex'),
    nonce: () => 'c0ffee00-0000-4000-8000-000000000001',
  };
  const port = relayPort({ url: 'https://relay.example.com', secret: SECRET }, deps);

  it('re-addresses a GET to {RELAY_URL}/forward with the target in headers, the marketplace’s headers prefixed, no body', () => {
    const out = port.forward({ method: 'get', url: 'https://api.commerce.naver.com/external/v1/x?a=1&b=%EA%B0%80', headers: { Authorization: 'Bearer t' } });
    const signed = canonicalString({ method: 'GET', host: 'api.commerce.naver.com', path: '/external/v1/x?a=1&b=%EA%B0%80', timestamp: '1795000000000', nonce: 'c0ffee00-0000-4000-8000-000000000001', bodySha256: deps.sha256Hex('') });
    expect(out).toEqual({
      method: 'get',
      url: 'https://relay.example.com/forward',
      headers: {
        'x-relay-h-authorization': 'Bearer t',
        'x-relay-host': 'api.commerce.naver.com',
        'x-relay-path': '/external/v1/x?a=1&b=%EA%B0%80',
        'x-relay-timestamp': '1795000000000',
        'x-relay-nonce': 'c0ffee00-0000-4000-8000-000000000001',
        'x-relay-signature': deps.hmacSha256Hex(SECRET, signed),
      },
    });
  });

  it('gives every request of an execution its own nonce, from one UUID asked of Apps Script', () => {
    let asked = 0;
    const once = relayPort({ url: 'https://relay.example.com', secret: SECRET }, { ...deps, nonce: nonceSequence(() => (asked++, 'c0ffee00-0000-4000-8000-000000000002')) });
    const get = { method: 'get', url: 'https://api.commerce.naver.com/external/v1/x', headers: {} } as const;
    const nonces = [once.forward(get), once.forward(get), once.own('/news', '{}'), once.forward(get)].map((r) => r.headers['x-relay-nonce']!);
    expect(new Set(nonces).size).toBe(4);
    for (const n of nonces) expect(n).toMatch(NONCE_PATTERN);
    expect(asked).toBe(1);
  });

  it('signs an empty body with its known digest, asking for none', () => {
    let digests = 0;
    const counted = relayPort({ url: 'https://relay.example.com', secret: SECRET }, { ...deps, sha256Hex: (t: string) => (digests++, deps.sha256Hex(t)) });
    const get = counted.forward({ method: 'get', url: 'https://api.commerce.naver.com/external/v1/x', headers: {} });
    const signed = canonicalString({ method: 'GET', host: 'api.commerce.naver.com', path: '/external/v1/x', timestamp: '1795000000000', nonce: 'c0ffee00-0000-4000-8000-000000000001', bodySha256: deps.sha256Hex('') });
    expect(get.headers['x-relay-signature']).toBe(deps.hmacSha256Hex(SECRET, signed));
    expect(digests).toBe(0);
    counted.forward({ method: 'post', url: 'https://api.commerce.naver.com/external/v1/x', headers: {}, payload: '{}', contentType: 'application/json' });
    expect(digests).toBe(1);
  });

  it('keeps the method (PATCH too), the body and its content type as they are', () => {
    const body = '{"multiProductUpdateRequestVos":[{"originProductNo":1,"stockQuantity":7}],"memo":"재고"}';
    const req = { method: 'patch', url: 'https://api.commerce.naver.com/external/v1/products/origin-products/multi-update', headers: {}, payload: body, contentType: 'application/json' } as unknown as HttpRequest;
    const out = port.forward(req);
    expect([out.method, out.payload, out.contentType, out.headers['x-relay-path']]).toEqual(['patch', body, 'application/json', '/external/v1/products/origin-products/multi-update']);
  });
});

describe('the add-on’s relayed calls in the local Apps Script runtime', () => {
  let dir: string;
  let rt: Runtime;
  let upstream: Awaited<ReturnType<typeof standIn>>;
  let relay: LocalRelay;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-addon-'));
    const out = await build({ entryPoints: [path.join(__dirname, 'fixtures/addon-entry.ts')], bundle: true, format: 'iife', globalName: 'T', target: 'es2020', platform: 'neutral', mainFields: ['module', 'main'], write: false, logLevel: 'error', plugins: [bcryptForAppsScript] });
    const code = `${out.outputFiles[0]!.text}\nfunction viaRelay() { return T.viaRelay.apply(this, arguments); }\nfunction direct() { return T.direct.apply(this, arguments); }\n`;
    fs.writeFileSync(path.join(dir, 'Code.js'), code);
  });

  beforeEach(async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../appsscript.json'), 'utf8'));
    rt = new Runtime({ start: Date.parse('2026-11-23T09:00:00+09:00'), bundleDir: dir, manifest });
    upstream = await standIn((s, res) => {
      // A slow marketplace, as a fake says it: the runtime charges this simulated latency.
      if (s.url.includes('slow')) res.setHeader('x-sim-delay-ms', '45000');
      res.writeHead(s.url.includes('busy') ? 429 : 200, { 'Content-Type': 'application/json', 'Retry-After': '1' });
      res.end(JSON.stringify({ from: s.remoteAddress, method: s.method }));
    });
    // The marketplace host routes to the stand-in, as the sandbox routes it to a fake.
    rt.network.route('api.commerce.naver.com', upstream.port);
    relay = await serveRelay(rt.network, { now: () => rt.now() });
  });
  afterEach(async () => {
    await rt.close();
    await upstream.close();
  });

  const requests: HttpRequest[] = [
    { method: 'get', url: 'https://api.commerce.naver.com/external/v1/pay-order/seller/product-orders/last-changed-statuses?lastChangedFrom=2026-11-23T00%3A00%3A00.000%2B09%3A00&busy=1', headers: { Authorization: 'Bearer t' } },
    { method: 'post', url: 'https://api.commerce.naver.com/external/v1/pay-order/seller/product-orders/query', headers: { Authorization: 'Bearer t' }, payload: '{"productOrderIds":["1","2"],"note":"배송 전 연락 바랍니다 010-1234-5678"}', contentType: 'application/json' },
    { method: 'put', url: 'https://api.commerce.naver.com/external/v1/x', headers: {}, payload: '{"a":"ü"}', contentType: 'application/json' },
  ];

  it('is accepted by the relay and reaches the marketplace from the relay’s address, byte-exact; the answer comes back verbatim', async () => {
    setScriptPropertiesByHand(rt.world, { RELAY_URL: LOCAL_RELAY_URL, RELAY_SECRET: LOCAL_RELAY_SECRET });
    const r = await rt.run('viaRelay', [requests]);
    expect(r.errors).toEqual([]);
    const result = r.result as { answers: HttpResponse[]; refusals: unknown[]; resent: HttpResponse[]; resentRefusal: { kind: string; cure: string } };
    expect(result.answers.map((a) => [a.status, JSON.parse(a.body)])).toEqual([
      [429, { from: '127.0.0.2', method: 'GET' }],
      [200, { from: '127.0.0.2', method: 'POST' }],
      [200, { from: '127.0.0.2', method: 'PUT' }],
    ]);
    expect(result.answers[0]!.headers['retry-after']).toBe('1');
    expect(result.refusals).toEqual([null, null, null]);
    expect(upstream.seen.map((s) => [s.method, `https://${s.headers.host}${s.url}`, s.body.toString('utf8'), s.headers.authorization ?? null])).toEqual(
      requests.map((q) => [q.method.toUpperCase(), q.url, q.payload ?? '', q.headers.Authorization ?? null]),
    );
    // The same built request sent again is a replay: refused, and a rebuild cures it.
    expect(result.resent[0]!.status).toBe(409);
    expect(result.resentRefusal).toMatchObject({ kind: 'replay', cure: 'rebuild' });
    expect(upstream.seen).toHaveLength(3);
    expect(relay.lines).toHaveLength(4);
    // The relay was reached through the manifest's allow-list, as its real URL will be.
    expect(r.roundTrips).toEqual({ 'PropertiesService.Properties.getProperties': 1, 'UrlFetchApp.fetchAll': 2 });
  });

  it('a direct call reaches the marketplace from the runtime’s own address', async () => {
    const r = await rt.run('direct', [requests.slice(0, 1)]);
    expect(JSON.parse((r.result as HttpResponse[])[0]!.body)).toEqual({ from: '127.0.0.1', method: 'GET' });
  });

  it('a different secret in the script properties is refused as a bad signature, said in Korean', async () => {
    setScriptPropertiesByHand(rt.world, { RELAY_URL: LOCAL_RELAY_URL, RELAY_SECRET: 'a-different-secret-0123456789abcdef-xyz' });
    const r = await rt.run('viaRelay', [requests.slice(1, 2)]);
    const result = r.result as { answers: HttpResponse[]; refusals: Array<{ kind: string; cure: string; userMessage: string }> };
    expect(result.answers[0]!.status).toBe(401);
    expect(result.refusals[0]).toEqual({ kind: 'signature', cure: 'never', userMessage: expect.stringContaining('RELAY_SECRET이 릴레이의 비밀값과 같은지') });
    expect(upstream.seen).toEqual([]);
  });

  it('a marketplace slower than the relay’s 30 s gets the relay’s 504 upstream-timeout after 30 s, and the rest of the batch its answers', async () => {
    setScriptPropertiesByHand(rt.world, { RELAY_URL: LOCAL_RELAY_URL, RELAY_SECRET: LOCAL_RELAY_SECRET });
    const slow: HttpRequest = { method: 'get', url: 'https://api.commerce.naver.com/external/v1/slow', headers: {} };
    const r = await rt.run('viaRelay', [[slow, requests[2]!]]);
    expect(r.errors).toEqual([]);
    const result = r.result as { answers: HttpResponse[]; refusals: Array<{ kind: string; cure: string } | null> };
    expect(result.answers.map((a) => a.status)).toEqual([504, 200]);
    expect(result.refusals).toEqual([expect.objectContaining({ kind: 'upstream-timeout', cure: 'network' }), null]);
    // 30 s of simulated time for the relay to give up, not the 45 s the marketplace would take.
    expect(r.durationMs).toBeGreaterThanOrEqual(30_000);
    expect(r.durationMs).toBeLessThan(45_000);
    expect(relay.lines[0]).toMatch(/ GET api\.commerce\.naver\.com \/external\/v1\/slow 504 \d+ms relay-error=upstream-timeout$/);
  });

  it('a malformed RELAY_URL leaves the relay off and says what to fix', async () => {
    setScriptPropertiesByHand(rt.world, { RELAY_URL: 'relay.example.com', RELAY_SECRET: LOCAL_RELAY_SECRET });
    const r = await rt.run('viaRelay', [requests.slice(0, 1)]);
    expect(r.result).toMatchObject({ status: { configured: false, problem: expect.stringMatching(/^RELAY_URL이 올바른 주소가 아닙니다/) }, answers: null });
    expect(LOCAL_RELAY_HOST).toMatch(/\.run\.app$/);
  });
});
