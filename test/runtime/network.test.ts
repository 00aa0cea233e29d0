/**
 * The local world's network: a server it started itself is reached over an in-memory connection
 * (Node's HTTP client and server on both ends, no loopback socket), and answers exactly what it
 * would over TCP; it still listens on its loopback port; a server routed by port is reached over
 * TCP.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { Network, type HttpExchange, type HttpResult } from '../../local/runtime/network';

/** Echoes the request (raw header names, repeated values) and answers with repeated and mixed-case headers. */
const echo: http.RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/hang-up') return req.socket.destroy();
    const rawHeaders = req.rawHeaders.filter((_, i) => i % 2 === 0).map((name, i) => `${name}: ${req.rawHeaders[2 * i + 1]}`);
    res.writeHead(req.url === '/missing' ? 404 : 201, [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-Api-Call-Limit', '3/40'],
      ['x-sim-delay-ms', '250'],
    ]);
    res.end(JSON.stringify({ method: req.method, url: req.url, rawHeaders, body: Buffer.concat(chunks).toString('utf8'), from: req.socket.remoteAddress }));
  });
};

const exchange = (body: string): HttpExchange => ({
  url: 'https://mall1.shop.example/api/v2/admin/orders?limit=2&q=%EA%B0%80',
  method: 'PUT',
  headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', 'X-Cafe24-Api-Version': '2025-12-01' },
  body: Buffer.from(body, 'utf8'),
});

/** What a caller sees of an answer, the body parsed. */
const seen = (r: HttpResult | undefined) => r && { status: r.status, rawHeaders: r.rawHeaders.filter(([n]) => n.toLowerCase() !== 'date'), body: JSON.parse(r.body.toString('utf8')) as unknown, delayMs: r.delayMs };

describe('the local network', () => {
  const networks: Network[] = [];
  const network = () => {
    const n = new Network();
    networks.push(n);
    return n;
  };
  afterEach(async () => {
    await Promise.all(networks.splice(0).map((n) => n.close()));
  });

  it('reaches a server it serves in memory, answering what the same server answers over TCP: method, path, raw and repeated headers, bodies, status', async () => {
    const memory = network();
    const sockets: boolean[] = [];
    const port = await memory.serve('*.shop.example', (req, res) => {
      sockets.push(req.socket instanceof net.Socket);
      echo(req, res);
    });
    const tcp = network();
    tcp.route('*.shop.example', port);

    const body = JSON.stringify({ request: { name: '가방', price: 10_000 } });
    const inMemory = seen(await memory.send(exchange(body)));
    const overTcp = seen(await tcp.send(exchange(body)));
    expect(sockets).toEqual([false, true]);
    expect(inMemory).toEqual(overTcp);
    expect(inMemory).toEqual({
      status: 201,
      rawHeaders: [
        ['Content-Type', 'application/json; charset=utf-8'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['X-Api-Call-Limit', '3/40'],
        ['Connection', 'keep-alive'],
        ['Keep-Alive', 'timeout=60'],
        ['Transfer-Encoding', 'chunked'],
      ],
      body: {
        method: 'PUT',
        url: '/api/v2/admin/orders?limit=2&q=%EA%B0%80',
        rawHeaders: ['Authorization: Bearer t', 'Content-Type: application/json', 'X-Cafe24-Api-Version: 2025-12-01', 'host: mall1.shop.example', 'content-length: 43', 'Connection: keep-alive'],
        body,
        from: '127.0.0.1',
      },
      delayMs: 250,
    });
  });

  it('keeps an in-memory connection alive between requests, and opens a new one once the server closed the idle one', async () => {
    const n = network();
    const sockets = new Set<unknown>();
    await n.serve('a.example', function (this: http.Server, req, res) {
      this.keepAliveTimeout = 100;
      sockets.add(req.socket);
      echo(req, res);
    });
    const connections = () => sockets.size;
    const get = async () => (await n.send({ url: 'http://a.example/x', method: 'GET', headers: {}, body: Buffer.alloc(0) }))?.status;
    expect([await get(), await get(), connections()]).toEqual([201, 201, 1]);
    await new Promise((r) => setTimeout(r, 300));
    expect([await get(), connections()]).toEqual([201, 2]);
  });

  it('tells a server that hangs up as a failed request, and still reaches it afterwards', async () => {
    const n = network();
    await n.serve('a.example', echo);
    await expect(n.send({ url: 'http://a.example/hang-up', method: 'POST', headers: {}, body: Buffer.from('x') })).rejects.toThrow(/socket hang up/);
    expect((await n.send({ url: 'http://a.example/missing', method: 'GET', headers: {}, body: Buffer.alloc(0) }))?.status).toBe(404);
  });

  it('opens connections from a given address (the relay’s), which the server sees as the caller', async () => {
    const n = network();
    await n.serve('api.commerce.naver.com', echo);
    const connect = n.connector('api.commerce.naver.com');
    expect(n.connector('nobody.example')).toBeUndefined();
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request({ createConnection: () => connect!('127.0.0.2') as net.Socket, method: 'GET', path: '/v1', headers: { host: 'api.commerce.naver.com' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(answer)).toMatchObject({ url: '/v1', from: '127.0.0.2' });
  });

  it('leaves a served server listening on its loopback port (for tests and curl), and reaches a server routed by port over TCP', async () => {
    const n = network();
    const port = await n.serve('a.example', echo);
    const overLoopback = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/x', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
    expect(overLoopback).toBe(201);
    expect(n.connector('a.example')).toBeDefined();

    const byHand = http.createServer(echo);
    await new Promise<void>((r) => byHand.listen(0, '127.0.0.1', r));
    try {
      const routed = network();
      routed.route('b.example', (byHand.address() as net.AddressInfo).port);
      expect(routed.connector('b.example')).toBeUndefined();
      const r = await routed.send({ url: 'http://b.example/y', method: 'GET', headers: {}, body: Buffer.alloc(0) });
      expect(r?.status).toBe(201);
      await routed.close();
    } finally {
      byHand.closeAllConnections();
      await new Promise((r) => byHand.close(r));
    }
  });
});
