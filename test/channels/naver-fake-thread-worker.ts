/**
 * The worker side of naver-fake-thread.ts: the fake Naver server on loopback in its own thread
 * (its event loop keeps answering while the spec's thread blocks in a synchronous fetchAll), the
 * requests sent to it over real sockets from the address asked for, and control calls.
 */
import * as http from 'node:http';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createNaverFake } from '../../local/fakes/naver';

interface Data {
  readonly options: Record<string, unknown>;
  readonly seed: unknown;
  readonly clock: SharedArrayBuffer;
  readonly signal: SharedArrayBuffer;
  readonly port: MessagePort;
}

const data = workerData as Data;
const clock = new BigInt64Array(data.clock);
const signal = new Int32Array(data.signal);
const fake = createNaverFake({ ...data.options, seed: data.seed, clock: () => Number(Atomics.load(clock, 0)) });

interface Req {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

function send(port: number, r: Req, from: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const u = new URL(r.url);
  const body = r.payload ?? '';
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: r.method.toUpperCase(), path: u.pathname + u.search, localAddress: from, headers: { ...r.headers, host: u.host, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    // What UrlFetchApp reports as no answer: status 0.
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: String(e.message) }));
    req.end(body);
  });
}

void (async () => {
  const server = await fake.listen(0);
  const reply = (value: unknown) => {
    data.port.postMessage(value);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  data.port.on('message', (m: { kind: 'fetch'; requests: Req[]; from: string } | { kind: 'control'; op: string; args: unknown[] } | { kind: 'close' }) => {
    if (m.kind === 'fetch') {
      void Promise.all(m.requests.map((r) => send(server.port, r, m.from))).then((responses) => reply({ ok: true, value: responses }));
    } else if (m.kind === 'control') {
      try {
        const c = fake.controls as unknown as Record<string, (...a: unknown[]) => unknown>;
        const value = m.op === 'log' ? fake.core.log.all() : c[m.op]!.apply(fake.controls, m.args);
        reply({ ok: true, value: JSON.parse(JSON.stringify(value ?? null)) });
      } catch (e) {
        reply({ ok: false, error: (e as Error).message });
      }
    } else {
      void server.close().then(() => reply({ ok: true, value: null }));
    }
  });
  parentPort!.postMessage({ ready: true });
})();
