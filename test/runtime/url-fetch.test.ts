import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as http from 'node:http';
import { Runtime, type RuntimeOptions } from '../../local/runtime/runtime';

const T0 = Date.parse('2026-11-23T00:00:00Z');

function runtime(code: string, o: Partial<RuntimeOptions> = {}): Runtime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-fetch-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return new Runtime({ start: T0, bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' }, ...o });
}

/** A tiny API: echoes what it received, answers errors and delays on request. */
const api: http.RequestListener = (req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/fail') {
      res.writeHead(422, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ error: { code: 422, message: '잘못된 요청' } }));
    }
    if (url.pathname === '/slow') res.setHeader('x-sim-delay-ms', url.searchParams.get('ms') ?? '0');
    if (url.pathname === '/moved') {
      res.writeHead(302, { Location: '/echo?from=moved' });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Api-Call-Limit': '1/40' });
    res.end(JSON.stringify({ method: req.method, host: req.headers.host, path: req.url, type: req.headers['content-type'] ?? null, auth: req.headers.authorization ?? null, body }));
  });
};

describe('UrlFetchApp against loopback servers', () => {
  let rt: Runtime;
  afterEach(async () => rt && (await rt.close()));

  async function start(code: string, o: Partial<RuntimeOptions> = {}) {
    rt = runtime(code, o);
    await rt.network.serve('*.shop.example', api);
    return rt;
  }

  it('keeps the real URL and Host: the server sees the host the script asked for', async () => {
    await start(`function go() {
      var r = UrlFetchApp.fetch('https://mall1.shop.example/api/v2/admin/orders?limit=2', { headers: { Authorization: 'Bearer t' } });
      return [r.getResponseCode(), JSON.parse(r.getContentText()), r.getHeaders()['X-Api-Call-Limit']];
    }`);
    const r = await rt.run('go');
    expect(r.errors).toEqual([]);
    expect(r.result).toEqual([200, { method: 'GET', host: 'mall1.shop.example', path: '/api/v2/admin/orders?limit=2', type: null, auth: 'Bearer t', body: '' }, '1/40']);
    expect(r.roundTrips).toEqual({ 'UrlFetchApp.fetch': 1 });
    expect(rt.quotaUsed('urlfetch')).toBe(1);
  });

  it("reads a response as often as the script likes: each read a fresh copy, a charset still honoured, none of it a round trip", async () => {
    await start(`function go() {
      var rs = UrlFetchApp.fetchAll([{ url: 'https://a.shop.example/echo?q=%EA%B0%80' }, { url: 'https://a.shop.example/fail', muteHttpExceptions: true }]);
      var h = rs[0].getHeaders();
      h['X-Api-Call-Limit'] = 'changed by the script';
      var all = rs[0].getAllHeaders();
      all.extra = 1;
      return [rs[0].getResponseCode(), rs[1].getResponseCode(), rs[0].getHeaders()['X-Api-Call-Limit'], rs[0].getAllHeaders().extra,
        JSON.parse(rs[0].getContentText()).path, rs[1].getContentText('UTF-8') === rs[1].getContentText(), rs[0].getContentText('ISO-8859-1') === rs[0].getContentText(),
        rs[0].getHeaders() === rs[0].getHeaders(), rs[0].getHeaders() instanceof Object];
    }`);
    const r = await rt.run('go');
    expect(r.errors).toEqual([]);
    expect(r.result).toEqual([200, 422, '1/40', null, '/echo?q=%EA%B0%80', true, true, false, true]);
    expect(r.roundTrips).toEqual({ 'UrlFetchApp.fetchAll': 1 });
  });

  it('sends a POST without a content type as a form, and an object payload form-encoded (row 62)', async () => {
    await start(`function go() {
      var a = JSON.parse(UrlFetchApp.fetch('https://a.shop.example/echo', { method: 'post', payload: 'x=1' }).getContentText());
      var b = JSON.parse(UrlFetchApp.fetch('https://a.shop.example/echo', { method: 'post', payload: { q: '가 b' } }).getContentText());
      var c = JSON.parse(UrlFetchApp.fetch('https://a.shop.example/echo', { method: 'put', contentType: 'application/json', payload: '{"a":1}' }).getContentText());
      return [a.type, b.body, c.type, c.method];
    }`);
    expect((await rt.run('go')).result).toEqual(['application/x-www-form-urlencoded', 'q=%EA%B0%80%20b', 'application/json', 'PUT']);
  });

  it('describes a request the way getRequest does (row 62)', async () => {
    await start(`function go() { var a = UrlFetchApp.getRequest('https://a.shop.example/x'); var b = UrlFetchApp.getRequest('https://a.shop.example/x', { method: 'POST' }); return [a.method, a.headers, b.method, b.contentType]; }`);
    const r = await rt.run('go');
    expect(r.result).toEqual(['get', {}, 'post', 'application/x-www-form-urlencoded']);
    expect(r.roundTrips).toEqual({});
  });

  it('throws the Apps Script message for an HTTP error, naming only scheme and host (§1.4 row 19)', async () => {
    await start(`function go() { UrlFetchApp.fetch('https://m.shop.example/fail?secret=1'); }
                 function muted() { var r = UrlFetchApp.fetch('https://m.shop.example/fail', { muteHttpExceptions: true }); return r.getResponseCode(); }`);
    expect((await rt.run('go')).errors).toEqual([
      'Exception: Request failed for https://m.shop.example returned code 422. Truncated server response: {"error":{"code":422,"message":"잘못된 요청"}} (use muteHttpExceptions option to examine full response)',
    ]);
    expect((await rt.run('muted')).result).toBe(422);
  });

  it('answers fetchAll in request order and takes as long as the slowest request', async () => {
    await start(`function go() {
      var t = Date.now();
      var rs = UrlFetchApp.fetchAll([{ url: 'https://a.shop.example/slow?ms=2000' }, 'https://b.shop.example/echo']);
      return [rs.map(function (r) { return JSON.parse(r.getContentText()).host; }), Date.now() - t];
    }`);
    const r = await rt.run('go');
    expect(r.result).toEqual([['a.shop.example', 'b.shop.example'], 2000 + rt.latency.httpRoundTripMs]);
    expect(r.roundTrips).toEqual({ 'UrlFetchApp.fetchAll': 1 });
    expect(rt.quotaUsed('urlfetch')).toBe(2);
  });

  it('follows redirects unless told not to', async () => {
    await start(`function go() {
      var a = JSON.parse(UrlFetchApp.fetch('https://a.shop.example/moved').getContentText()).path;
      var b = UrlFetchApp.fetch('https://a.shop.example/moved', { followRedirects: false }).getResponseCode();
      return [a, b];
    }`);
    expect((await rt.run('go')).result).toEqual(['/echo?from=moved', 302]);
  });

  it('times out a request slower than a minute', async () => {
    await start(`function go() { UrlFetchApp.fetch('https://a.shop.example/slow?ms=61000'); }`);
    expect((await rt.run('go')).errors).toEqual(['Exception: Timeout: https://a.shop.example/slow?ms=61000']);
  });

  it('cannot reach a host nobody serves', async () => {
    await start(`function go() { UrlFetchApp.fetch('https://nowhere.example/x'); }`);
    expect((await rt.run('go')).errors).toEqual(['Exception: Address unavailable: https://nowhere.example/x']);
  });

  it('refuses a URL outside the manifest allow-list', async () => {
    await start(`function go() { UrlFetchApp.fetch('https://a.shop.example/other'); } function ok() { return UrlFetchApp.fetch('https://b.shop.example/echo').getResponseCode(); }`, {
      manifest: { timeZone: 'Asia/Seoul', urlFetchWhitelist: ['https://*.shop.example/echo'] },
    });
    expect((await rt.run('ok')).result).toBe(200);
    expect((await rt.run('go')).errors[0]).toMatch(/^Exception: .*https:\/\/a\.shop\.example.*urlFetchWhitelist/);
  });

  it('is not allowed in a simple trigger, nor without the external_request scope (§1.4 row 22)', async () => {
    const msg = 'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request';
    await start(`function onEdit() { UrlFetchApp.fetch('https://a.shop.example/echo'); } function go() { UrlFetchApp.fetch('https://a.shop.example/echo'); }`, {
      manifest: { timeZone: 'Asia/Seoul', oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    });
    rt.fireEdit({ sheetName: 'x', range: 'A1', user: rt.user });
    await rt.settle();
    expect(rt.executions[0]!.errors).toEqual([msg]);
    expect((await rt.run('go')).errors).toEqual([msg]);
  });

  it('stops at the consumer account\'s 20,000 fetches a day', async () => {
    await start(`function go() { for (var i = 0; i < 3; i++) UrlFetchApp.fetch('https://a.shop.example/echo'); }`);
    rt.quotas.add(rt.user, 'urlfetch', 19_998, rt.now());
    expect((await rt.run('go')).errors).toEqual(['Exception: Service invoked too many times for one day: urlfetch.']);
    expect(rt.quotaUsed('urlfetch')).toBe(20_000);
  });
});
