/**
 * The fake Naver Commerce API on loopback (under the spec matrix's reading, NAVER_FAKE_STRICT,
 * and then the spec's own switches), behind a synchronous HttpPort: what the gateway needs
 * to run against it from a spec (UrlFetchApp blocks). The fake lives in a worker thread with
 * its own event loop; the spec's thread posts requests and blocks until the worker has sent them
 * over real sockets, from the address the spec chooses (127.0.0.1, the local runtime's
 * UrlFetchApp; 127.0.0.2, the relay). Time is shared: the worker's fake reads the spec's clock.
 */
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import type { Clock, HttpPort, Sleeper } from '../../src/core/ports';
import { defaultSeed } from '../../local/fakes/naver';
import { optionsFromEnv, type NaverOptionsInput } from '../../local/fakes/naver/options';

let bundled: string | null = null;
function workerFile(): string {
  if (bundled) return bundled;
  const out = path.join(os.tmpdir(), `naver-fake-thread-${process.pid}.cjs`);
  buildSync({ entryPoints: [path.join(__dirname, 'naver-fake-thread-worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error' });
  return (bundled = out);
}

/** A clock whose time the fake in the worker reads; it moves when slept or advanced. */
export class SharedClock implements Clock, Sleeper {
  readonly buffer = new SharedArrayBuffer(8);
  private readonly cell = new BigInt64Array(this.buffer);
  readonly sleeps: number[] = [];
  constructor(start: number) {
    Atomics.store(this.cell, 0, BigInt(start));
  }
  now(): number {
    return Number(Atomics.load(this.cell, 0));
  }
  advance(ms: number): void {
    Atomics.store(this.cell, 0, BigInt(this.now() + ms));
  }
  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.advance(ms);
  }
}

export interface FakeThread {
  /** UrlFetchApp's fetchAll, from `from` (default 127.0.0.1). */
  http(from?: string): HttpPort & { readonly sent: HttpRequest[] };
  /** A control operation of the fake (placeOrder, pay, requestCancel, injectFault, state, log …), run in its thread. */
  control<T = any>(op: string, ...args: unknown[]): T;
  close(): Promise<void>;
}

export async function startFakeThread(clock: SharedClock, options: Partial<NaverOptionsInput> = {}, seed: unknown = defaultSeed): Promise<FakeThread> {
  const signalBuffer = new SharedArrayBuffer(4);
  const signal = new Int32Array(signalBuffer);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerFile(), { workerData: { options: { ...optionsFromEnv(), ...options }, seed, clock: clock.buffer, signal: signalBuffer, port: port2 }, transferList: [port2 as unknown as MessagePort] });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const ask = (message: unknown): unknown => {
    Atomics.store(signal, 0, 0);
    port1.postMessage(message);
    if (Atomics.wait(signal, 0, 0, 30_000) === 'timed-out') throw new Error('the fake Naver thread did not answer in 30 s');
    // The thread posts, then raises the flag; its message may reach this port a moment later.
    let got = receiveMessageOnPort(port1);
    for (const until = Date.now() + 5_000; !got && Date.now() < until; got = receiveMessageOnPort(port1)) Atomics.wait(signal, 0, 1, 1);
    if (!got) throw new Error('the fake Naver thread raised its flag but sent no answer');
    const answer = got.message as { ok: boolean; value?: unknown; error?: string };
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };
  return {
    http(from = '127.0.0.1') {
      const sent: HttpRequest[] = [];
      return {
        sent,
        executeAll(requests: readonly HttpRequest[]): HttpResponse[] {
          sent.push(...requests);
          return ask({ kind: 'fetch', from, requests: requests.map((r) => ({ method: r.method, url: r.url, headers: { ...r.headers }, ...(r.payload === undefined ? {} : { payload: r.payload }) })) }) as HttpResponse[];
        },
      };
    },
    control: (op, ...args) => ask({ kind: 'control', op, args }) as never,
    async close() {
      ask({ kind: 'close' });
      port1.close();
      await worker.terminate();
    },
  };
}

export function removeWorkerFile(): void {
  if (bundled) fs.rmSync(bundled, { force: true });
  bundled = null;
}
