/**
 * A synchronous HttpPort to the fake Coupang over real loopback sockets (coupang-fake-worker.ts):
 * what the gateway needs (UrlFetchApp blocks) with the fake's IP rule in force. The fake's clock
 * follows the caller's: every batch carries `clock.now()`.
 *
 * A request to `https://relay.test/forward` stands in for our relay (h1 writes the real one):
 * its body is the marketplace request, sent on from 127.0.0.2, the relay's address.
 */
import { buildSync } from 'esbuild';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import type { Clock, HttpPort } from '../../src/core/ports';
import type { RelayPort } from '../../src/channels/port';
import type { CoupangOptionsInput } from '../../local/fakes/coupang/options';

let bundled: string | null = null;
function workerCode(): string {
  if (bundled) return bundled;
  const out = buildSync({ entryPoints: [path.join(__dirname, 'coupang-fake-worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
  return (bundled = out.outputFiles[0]!.text);
}

export const RELAY_URL = 'https://relay.test/forward';

/** Wraps each marketplace request in a request to the stand-in relay (and counts them). */
export class TestRelay implements RelayPort {
  forwarded: HttpRequest[] = [];
  forward(request: HttpRequest): HttpRequest {
    this.forwarded.push(request);
    return { method: 'post', url: RELAY_URL, headers: { 'Content-Type': 'application/json' }, payload: JSON.stringify(request), contentType: 'application/json' };
  }
  own(): HttpRequest {
    throw new Error('a Coupang request never asks the relay for its own news');
  }
}

export interface Loopback {
  readonly http: HttpPort & { sent: HttpRequest[] };
  /** Runs a control operation of the fake (addOrder, requestCancel, state, …) and answers its result. */
  control<T = any>(op: string, ...args: unknown[]): T;
  close(): Promise<void>;
}

export async function startLoopback(clock: Clock, opts: { options?: CoupangOptionsInput; from?: string } = {}): Promise<Loopback> {
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerCode(), { eval: true, workerData: { options: opts.options, start: clock.now(), signal, port: port2 }, transferList: [port2] });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const from = opts.from ?? '127.0.0.1';
  const call = (message: object): any => {
    Atomics.store(flag, 0, 0);
    port1.postMessage(message);
    if (Atomics.wait(flag, 0, 0, 20_000) === 'timed-out') throw new Error('fake Coupang worker did not answer');
    // The worker posts, then raises the flag; its message may reach this port a moment later.
    let got = receiveMessageOnPort(port1);
    for (const until = Date.now() + 5_000; !got && Date.now() < until; got = receiveMessageOnPort(port1)) Atomics.wait(flag, 0, 1, 1);
    if (!got) throw new Error('fake Coupang worker raised its flag but sent no answer');
    const m = got.message as { ok: boolean; value?: unknown; error?: string };
    if (!m.ok) throw new Error(m.error);
    return m.value;
  };
  const sent: HttpRequest[] = [];
  const wire = (r: HttpRequest) => {
    if (r.url !== RELAY_URL) return { method: r.method, url: r.url, headers: { ...r.headers }, payload: r.payload, from };
    const inner = JSON.parse(r.payload!) as HttpRequest;
    return { method: inner.method, url: inner.url, headers: { ...inner.headers }, payload: inner.payload, from: '127.0.0.2' };
  };
  return {
    http: {
      sent,
      executeAll(requests: readonly HttpRequest[]): HttpResponse[] {
        sent.push(...requests);
        return call({ kind: 'batch', now: clock.now(), requests: requests.map(wire) }) as HttpResponse[];
      },
    },
    control: (op, ...args) => call({ kind: 'control', now: clock.now(), op, args }),
    close: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}
