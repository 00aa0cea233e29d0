import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { paths } from '../paths';
import { LeaseSent } from './lease-copies';
import type { ClassDescriptor, ReplyMessage, RunMessage, WorkerMessage } from './wire';

/**
 * Threads that run executions. A worker is reused for later executions (each gets a fresh
 * global scope), and replaced when the kernel kills one at the time limit.
 */
export class PooledWorker {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private readonly signal: Int32Array;
  private listener: ((m: WorkerMessage) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  busy = false;
  dead = false;
  /** Executions run on this thread so far. */
  runs = 0;
  /** When it last started one (the pool's count), to take the longest idle thread first. */
  lastStart = 0;
  /** The pool's count when the thread was made: a spare is not retired before it had its chance. */
  bornAt = 0;
  /** Descriptors this thread has (it keeps them for all its executions). */
  private readonly sentClasses = new Map<string, ClassDescriptor>();
  /** The leased stores' copies this thread has: a lease carries only what changed of them. */
  private readonly leases = new LeaseSent();

  constructor(bundleDir: string) {
    const sab = new SharedArrayBuffer(4);
    this.signal = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    this.worker = new Worker(path.join(paths.out, 'execution-worker.js'), {
      workerData: { bundleDir, signal: sab, replies: port2 },
      transferList: [port2],
      env: process.env,
      stdout: false,
      stderr: false,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.on('message', (m: WorkerMessage) => this.listener?.(m));
    this.worker.on('error', (e) => this.failure?.(e));
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.failure?.(new Error(`execution thread exited with code ${code}`));
    });
  }

  /** Starts an execution; `onMessage` receives its calls and its end. */
  start(run: RunMessage, onMessage: (m: WorkerMessage) => void, onFailure: (e: Error) => void): void {
    this.busy = true;
    this.runs++;
    this.listener = onMessage;
    this.failure = onFailure;
    this.worker.postMessage({ ...run, classes: this.unsent(run.classes), ...(run.lease ? { lease: this.leases.wire(run.lease) } : {}) });
  }

  /** Answers the blocked script thread. */
  reply(r: ReplyMessage): void {
    this.replies.postMessage({ ...r, ...(r.classes ? { classes: this.unsent(r.classes) } : {}), ...(r.lease ? { lease: this.leases.wire(r.lease) } : {}) });
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }

  /** Of an execution's new classes, those whose descriptor this thread does not have yet. */
  private unsent(classes: readonly ClassDescriptor[]): ClassDescriptor[] {
    const out: ClassDescriptor[] = [];
    for (const c of classes) {
      if (this.sentClasses.get(c.name) === c) continue;
      this.sentClasses.set(c.name, c);
      out.push(c);
    }
    return out;
  }

  release(): void {
    this.busy = false;
    this.listener = null;
    this.failure = null;
  }

  async kill(): Promise<void> {
    this.listener = null;
    this.failure = null;
    this.dead = true;
    await this.worker.terminate();
  }

  /** Lets the process exit while the worker idles. */
  unref(): void {
    this.worker.unref();
    this.replies.unref();
  }
}

/**
 * The young generation a thread may grow to (a worker's default here is 48 MB). On Node 20 a vm
 * context no longer used still survives young collections until a full one (a loop making
 * contexts frees almost nothing in its young collections), so each young collection copies every
 * execution's scope made since the last one, dead or not. A larger young generation collects less
 * often, and more of those scopes die in a full collection first: a quiet 3-day run spent 4.6 s of
 * CPU in GC instead of 8.0 s. The price is memory: the space is taken only as it fills, so a long
 * run's peak grows (README, Bench).
 */
const YOUNG_GENERATION_MB = 384;

/**
 * A thread is retired after this many executions, to bound whatever V8 keeps of the vm contexts
 * a thread has made. A new thread compiles the bundle again and warms up from cold, which cost a
 * quiet simulated day about a seventh of its CPU when threads were retired every 150 runs; a day
 * on threads never retired peaked at the same memory (1,545 executions: 557 MB against 554 MB).
 */
const RUNS_PER_THREAD = 2_000;

/**
 * Once this many executions have run, the pool keeps a second thread: the one that just ended
 * makes its next scope ahead (execution-worker.ts) while the other runs the next execution. Few
 * executions (most specs) do not pay for a second thread.
 */
const SPARE_AFTER = 4;

/**
 * Overlapping executions (an edit while the sync runs) need more threads for a while. Kept in the
 * rotation afterwards, each of them would run a fifth of the executions, every isolate compiling,
 * collecting and warming up the same bundle: the pool takes the longer idle of the two threads
 * used last, and retires a thread that no execution took for this many starts.
 */
const RETIRE_UNUSED_FOR = 200;

export class WorkerPool {
  private readonly workers: PooledWorker[] = [];
  private started = 0;
  constructor(private readonly bundleDir: string) {}

  acquire(): PooledWorker {
    for (const x of this.workers) {
      if (x.busy || x.dead) continue;
      if (x.runs >= RUNS_PER_THREAD || Math.max(x.lastStart, x.bornAt) < this.started - RETIRE_UNUSED_FOR) void this.kill(x);
    }
    // Of the two idle threads used last, the one idle longer: the likelier to have its next scope ready.
    const idle = this.workers.filter((x) => !x.busy && !x.dead).sort((a, b) => b.lastStart - a.lastStart);
    let w = idle.length >= 2 ? idle[1]! : idle[0];
    if (!w) {
      w = new PooledWorker(this.bundleDir);
      this.workers.push(w);
    }
    w.lastStart = ++this.started;
    if (this.started >= SPARE_AFTER && idle.length <= 1) this.workers.push(Object.assign(new PooledWorker(this.bundleDir), { bornAt: this.started }));
    return w;
  }

  async kill(w: PooledWorker): Promise<void> {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    await w.kill();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.kill()));
    this.workers.length = 0;
  }
}
