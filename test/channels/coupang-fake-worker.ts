/**
 * The fake Coupang in a worker thread, so a synchronous HttpPort (UrlFetchApp blocks) can reach
 * it over real loopback sockets while the test's thread waits: each batch is sent with
 * node:http from the address the caller names (127.0.0.1 as the runtime's UrlFetchApp, or
 * 127.0.0.2 as the relay), and the answers come back through a MessagePort.
 */
import * as http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { createCoupangFake } from '../../local/fakes/coupang';

interface Wire {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  from: string;
}

const data = workerData as { options?: object; seed?: object; start: number; signal: SharedArrayBuffer; port: MessagePort };
let now = data.start;
const fake = createCoupangFake({ clock: () => now, ...(data.options ? { options: data.options } : {}), ...(data.seed ? { seed: data.seed as never } : {}) });
const signal = new Int32Array(data.signal);

function answer(message: unknown): void {
  data.port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** One keep-alive agent per source address: fresh sockets bound to an address can collide with ones in TIME_WAIT. */
const agents = new Map<string, http.Agent>();
const agentFor = (from: string) => agents.get(from) ?? agents.set(from, new http.Agent({ keepAlive: true, localAddress: from } as http.AgentOptions)).get(from)!;

function one(port: number, w: Wire): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const u = new URL(w.url);
  return new Promise((resolve) => {
    const body = w.payload === undefined ? undefined : Buffer.from(w.payload, 'utf8');
    const req = http.request(
      { host: '127.0.0.1', port, agent: agentFor(w.from), method: w.method.toUpperCase(), path: u.pathname + u.search, headers: { ...w.headers, host: u.host, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: `connection failed: ${e.message}` }));
    if (body) req.write(body);
    req.end();
  });
}

void fake.listen(0, '127.0.0.1').then(({ port }) => {
  data.port.on('message', (m: { kind: 'batch'; now: number; requests: Wire[] } | { kind: 'control'; now: number; op: string; args: unknown[] }) => {
    now = m.now;
    if (m.kind === 'batch') {
      void Promise.all(m.requests.map((w) => one(port, w))).then((responses) => answer({ ok: true, value: responses }));
      return;
    }
    try {
      const fn = (fake as unknown as Record<string, (...a: unknown[]) => unknown>)[m.op]!;
      answer({ ok: true, value: JSON.parse(JSON.stringify(fn(...m.args) ?? null)) });
    } catch (e) {
      answer({ ok: false, error: (e as Error).message });
    }
  });
  parentPort!.postMessage('ready');
});
