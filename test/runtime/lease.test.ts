/**
 * Leases (lease.ts): an execution running alone has its thread serve its PropertiesService,
 * CacheService, lock and getUuid calls itself, and the host replays them at its next message.
 * What a script, a spec or the sandbox sees must not change in any way: the same answers,
 * errors, round trips, simulated times, quotas and state, in the same order with other
 * executions and scheduled actions. Only the thread crossings are saved.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime, type ExecutionRecord } from '../../local/runtime/runtime';
import { scriptPropertiesOf, setScriptPropertiesByHand } from '../../local/runtime/services/properties';

const T0 = Date.parse('2026-11-23T00:00:00Z');

function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-lease-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return dir;
}

/** A quiet minute's calls, and the errors those services throw, each caught and reported. */
const QUIET_MINUTE = `
function attempt(f) { try { return f(); } catch (e) { return 'threw ' + e.message; } }
function minute() {
  var lock = LockService.getScriptLock();
  var props = PropertiesService.getScriptProperties();
  var cache = CacheService.getScriptCache();
  var seen = [];
  seen.push(lock.tryLock(0), lock.hasLock());
  seen.push(cache.getAll(['state', 'missing']));
  seen.push(props.getProperties(), props.getProperty('n'), props.getKeys().length);
  seen.push(Utilities.getUuid(), Utilities.getUuid());
  seen.push(new Date().getTime());
  props.setProperty('n', String(Number(props.getProperty('n') || 0) + 1)).setProperty('m', 'x');
  props.setProperties({ a: '1', b: '2' });
  props.deleteProperty('b');
  seen.push(attempt(function () { return props.setProperty('big', new Array(9300).join('x')); }));
  seen.push(attempt(function () { return cache.put('k'); }));
  seen.push(attempt(function () { return lock.tryLock('soon'); }));
  cache.putAll({ state: 'minute ' + props.getProperty('n') }, 60);
  cache.put('once', 'y');
  cache.remove('once');
  seen.push(cache.get('state'), cache.get('once'));
  lock.releaseLock();
  seen.push(lock.hasLock(), new Date().getTime());
  return seen;
}
function read(key, times) {
  var props = PropertiesService.getScriptProperties();
  var out = [];
  for (var i = 0; i < times; i++) out.push(props.getProperty(key) + ' @' + (new Date().getTime() - ${T0}));
  return out;
}
function look() {
  var props = PropertiesService.getScriptProperties();
  var cache = CacheService.getScriptCache();
  return [props.getKeys(), props.getProperties(), cache.getAll(['a', 'b', 'c', 'd', 'e'])];
}
function change(ops) {
  var props = PropertiesService.getScriptProperties();
  var cache = CacheService.getScriptCache();
  ops.forEach(function (o) {
    if (o[0] === 'set') props.setProperty(o[1], o[2]);
    if (o[0] === 'setAll') o.length > 2 ? props.setProperties(o[1], o[2]) : props.setProperties(o[1]);
    if (o[0] === 'del') props.deleteProperty(o[1]);
    if (o[0] === 'put') cache.put(o[1], o[2], o[3]);
    if (o[0] === 'rm') cache.remove(o[1]);
  });
  return look();
}
function takeLock() { return LockService.getScriptLock().tryLock(0); }
function holdLockWhileReading(times) {
  var lock = LockService.getScriptLock();
  var got = lock.tryLock(0);
  var props = PropertiesService.getScriptProperties();
  for (var i = 0; i < times; i++) props.getProperty('x');
  return got;
}
`;

interface Seen {
  records: Array<Pick<ExecutionRecord, 'function' | 'ok' | 'errors' | 'result' | 'roundTrips' | 'durationMs' | 'start'>>;
  properties: Record<string, string>;
  crossings: number;
  /** The runtime's clock when `act` is done (a call's answer is delivered at its end, leased or not). */
  clock: number;
}

/** Runs `act` on a fresh runtime, leases on or off; what anyone could see, and how many calls reached the host. */
async function observe(leases: boolean, act: (rt: Runtime) => Promise<void>): Promise<Seen> {
  const rt = new Runtime({ start: T0, bundleDir: bundle(QUIET_MINUTE), manifest: { timeZone: 'Asia/Seoul' }, scriptLoadMsPerKiB: 0, leases });
  let crossings = 0;
  const serve = (rt as unknown as { serve: (...a: unknown[]) => unknown }).serve;
  (rt as unknown as { serve: (...a: unknown[]) => unknown }).serve = function (this: Runtime, ...a: unknown[]) {
    crossings++;
    return serve.apply(this, a);
  };
  try {
    await act(rt);
    return {
      records: rt.executions.map(({ function: f, ok, errors, result, roundTrips, durationMs, start }) => ({ function: f, ok, errors, result, roundTrips, durationMs, start })),
      properties: scriptPropertiesOf(rt.world),
      crossings,
      clock: rt.now(),
    };
  } finally {
    await rt.close();
  }
}

async function bothWays(act: (rt: Runtime) => Promise<void>): Promise<{ leased: Seen; served: Seen }> {
  return { leased: await observe(true, act), served: await observe(false, act) };
}

describe('an execution that runs alone, under a lease', () => {
  it("serves a quiet minute's lock, cache, property and uuid calls without one thread crossing", async () => {
    const { leased, served } = await bothWays(async (rt) => {
      for (let i = 0; i < 3; i++) await rt.run('minute');
    });
    expect(served.crossings).toBeGreaterThan(60);
    expect(leased.crossings).toBe(0);
  });

  it('answers, throws, counts, charges and keeps exactly what the host does', async () => {
    const { leased, served } = await bothWays(async (rt) => {
      setScriptPropertiesByHand(rt.world, { n: '41', relay: 'https://relay.example' });
      for (let i = 0; i < 3; i++) await rt.run('minute');
    });
    expect(served.records[2]!.errors).toEqual([]);
    const answers = served.records[2]!.result as unknown[];
    expect(answers).toEqual(expect.arrayContaining(['threw Argument too large: value', expect.stringMatching(/^threw The parameters \(String\) don't match/)]));
    expect(served.records[2]!.roundTrips['PropertiesService.Properties.setProperty']).toBe(3);
    expect(leased.records).toEqual(served.records);
    expect(leased.properties).toEqual(served.properties);
    expect(leased.properties.n).toBe('44');
    expect(leased.clock).toBe(served.clock);
  });

  it('is refused its quota exactly where the host refuses it', async () => {
    const { leased, served } = await bothWays(async (rt) => {
      const limit = rt.quotas.remaining(rt.user, 'properties', rt.now());
      rt.quotas.use(rt.user, 'properties', limit - 5, rt.now());
      await rt.run('minute');
      await rt.run('minute');
    });
    expect(served.records.some((r) => r.errors.some((e) => /Service invoked too many times/.test(e)) || JSON.stringify(r.result).includes('too many'))).toBe(true);
    expect(leased.records).toEqual(served.records);
    expect(leased.properties).toEqual(served.properties);
  });

  it('sees an action due in the middle of its run between the same two calls as the host would show it', async () => {
    // Each read costs 30 simulated ms: a change by hand at any moment lands between the same reads.
    for (const offset of [0, 1, 29, 30, 31, 59, 61, 95, 119, 120, 400]) {
      const { leased, served } = await bothWays(async (rt) => {
        setScriptPropertiesByHand(rt.world, { k: 'before' });
        rt.at(T0 + offset, () => setScriptPropertiesByHand(rt.world, { k: 'after' }));
        await rt.run('read', ['k', 5]);
      });
      expect([offset, leased.records]).toEqual([offset, served.records]);
    }
  });

  it('leaves another execution started during its run to find the lock taken, at the same moments', async () => {
    for (const offset of [0, 10, 14, 15, 16, 40, 200]) {
      const { leased, served } = await bothWays(async (rt) => {
        rt.at(T0 + offset, () => void rt.startExecution('takeLock', [], 'manual', rt.user));
        await rt.run('holdLockWhileReading', [4]);
        await rt.settle();
      });
      expect([offset, leased.records]).toEqual([offset, served.records]);
    }
  });

  it("finds the stores as the host has them, on either thread, whatever changed them since that thread's last lease", async () => {
    const steps: Array<unknown[] | number | Record<string, string>> = [
      [['set', 'a', '1'], ['set', 'b', '2'], ['put', 'a', 'x', 600], ['put', 'b', 'y', 1]],
      { b: '2*', c: '3' },
      [['put', 'a', 'x*', 600], ['del', 'a'], ['set', 'a', '1*']],
      2_000,
      [['setAll', { c: '3*', d: '4' }, true], ['put', 'c', 'z', 600], ['rm', 'a']],
      [['put', 'b', 'y*', 1], ['put', 'd', 'w', 600], ['put', 'c', 'z*', 600]],
      { e: '5', a: '1**' },
      1_500,
      [['del', 'c'], ['setAll', { a: '1***' }], ['put', 'e', 'v', 600]],
    ];
    const { leased, served } = await bothWays(async (rt) => {
      // Each run at a time of its own: a run started "now" would start where the last call began under a lease, where it ended served.
      let at = T0;
      const run = async (fn: string, args: unknown[] = []) => {
        await rt.advanceTo((at += 10_000));
        await rt.run(fn, args);
      };
      for (const step of steps) {
        if (typeof step === 'number') at += step;
        else if (Array.isArray(step)) await run('change', [step]);
        else setScriptPropertiesByHand(rt.world, step);
        // Two looks: the pool's two threads take turns once it keeps a spare.
        await run('look');
        await run('look');
      }
    });
    expect(leased.records.flatMap((r) => r.errors)).toEqual([]);
    expect(leased.records).toEqual(served.records);
    expect(leased.properties).toEqual(served.properties);
    expect(leased.crossings).toBe(0);
  });

  it('is not granted while a spec watches calls one by one', async () => {
    const names: string[] = [];
    const seen = await observe(true, async (rt) => {
      rt.beforeCall(({ name }) => names.push(name));
      await rt.run('read', ['k', 3]);
    });
    expect(names).toEqual(Array(3).fill('PropertiesService.Properties.getProperty'));
    expect(seen.crossings).toBe(3);
  });
});
