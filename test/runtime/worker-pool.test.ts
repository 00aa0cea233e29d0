/**
 * The threads that run executions (worker-pool.ts): a quiet stretch runs on two threads, one
 * running while the other makes its next scope ahead, however many an overlap needed before;
 * and a thread is told what a service class looks like once, not with every execution.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessagePort, Worker, type Transferable } from 'node:worker_threads';
import { Runtime } from '../../local/runtime/runtime';
import { WorkerPool, type PooledWorker } from '../../local/runtime/worker-pool';

const T0 = Date.parse('2026-11-23T00:00:00Z');

function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-pool-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return dir;
}

describe('the pool of execution threads', () => {
  let pool: WorkerPool | undefined;
  let rt: Runtime | undefined;
  afterEach(async () => {
    jest.restoreAllMocks();
    await pool?.close();
    await rt?.close();
    pool = rt = undefined;
  });

  it('after five executions overlapped, runs the ones that follow one at a time on two threads and retires the rest', async () => {
    pool = new WorkerPool(bundle('function main() {}'));
    // Taken threads are busy until released (start() marks them so; nothing is run here).
    const take = () => Object.assign(pool!.acquire(), { busy: true });
    const burst = Array.from({ length: 5 }, take);
    for (const w of burst) w.release();
    const used = new Set<PooledWorker>();
    for (let i = 0; i < 400; i++) {
      const w = take();
      if (i >= 300) used.add(w);
      w.release();
    }
    expect(used.size).toBe(2);
    // Threads no execution took for a while are ended, not kept idle for the life of the runtime.
    const retired = burst.filter((w) => !used.has(w));
    expect(retired.length).toBeGreaterThanOrEqual(3);
    for (const w of retired) expect(w.dead).toBe(true);
  });

  it('keeps the spare thread an overlap made, rather than making one at every overlap', async () => {
    pool = new WorkerPool(bundle('function main() {}'));
    const threads = new Set<PooledWorker>();
    const take = () => {
      const w = Object.assign(pool!.acquire(), { busy: true });
      for (const x of (pool as unknown as { workers: PooledWorker[] }).workers) threads.add(x);
      return w;
    };
    // A long quiet stretch, then an edit during every tenth sync run.
    for (let i = 0; i < 300; i++) take().release();
    const before = threads.size;
    for (let i = 0; i < 40; i++) {
      const sync = take();
      if (i % 10 === 0) take().release();
      sync.release();
      for (let k = 0; k < 9; k++) take().release();
    }
    expect(threads.size - before).toBeLessThanOrEqual(1);
  });

  it("sends a service class's description to a thread once, however many executions it runs", async () => {
    const sent = new Map<object, Map<string, number>>();
    const count = (thread: object, msg: unknown) => {
      const classes = (msg as { classes?: Array<{ name: string }> } | undefined)?.classes ?? [];
      const byName = sent.get(thread) ?? new Map<string, number>();
      for (const c of classes) byName.set(c.name, (byName.get(c.name) ?? 0) + 1);
      sent.set(thread, byName);
    };
    const toWorker = Worker.prototype.postMessage;
    jest.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, msg: unknown, list?: readonly Transferable[]) {
      count(this, msg);
      return toWorker.call(this, msg, list);
    });
    // Replies go through each thread's own port: counted per port.
    const toPort = MessagePort.prototype.postMessage;
    jest.spyOn(MessagePort.prototype, 'postMessage').mockImplementation(function (this: MessagePort, msg: unknown, list?: readonly Transferable[]) {
      count(this, msg);
      return toPort.call(this, msg, list);
    });
    rt = new Runtime({
      start: T0,
      bundleDir: bundle(`function main() {
        var p = PropertiesService.getScriptProperties();
        p.setProperty('n', String(Number(p.getProperty('n') || 0) + 1));
        return CacheService.getScriptCache().get('x') + Utilities.getUuid().length;
      }`),
      manifest: { timeZone: 'Asia/Seoul' },
    });
    for (let i = 0; i < 8; i++) expect((await rt.run('main')).errors).toEqual([]);
    const names = new Set([...sent.values()].flatMap((m) => [...m.keys()]));
    expect([...names]).toEqual(expect.arrayContaining(['PropertiesService', 'PropertiesService.Properties', 'CacheService.Cache', 'Utilities']));
    for (const [, byName] of sent) for (const [name, n] of byName) expect([name, n]).toEqual([name, 1]);
  });
});
