import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime, type RuntimeOptions } from '../../local/runtime/runtime';

/** A bundle of plain Apps Script code, loaded exactly as build/Code.js is. */
function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-kernel-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return dir;
}

const T0 = Date.parse('2026-11-23T00:00:00Z'); // Monday 09:00 in Seoul
/** Triggers every period on the millisecond from creation: for specs about exact times. */
const EXACT: Partial<RuntimeOptions> = { clockTiming: { mode: 'exact' } };

function runtime(code: string, o: Partial<RuntimeOptions> = {}): Runtime {
  return new Runtime({ start: T0, bundleDir: bundle(code), manifest: { timeZone: 'Asia/Seoul' }, ...o });
}

describe('the local Apps Script kernel', () => {
  let rt: Runtime;
  afterEach(async () => rt && (await rt.close()));

  it('finds the functions a bundle defines at top level, and nothing it does not', async () => {
    rt = runtime('function onOpen() {}\nvar helper = 1;\nfunction doThing_() {}\nconst notGlobal = () => 1;');
    const names = await rt.globals();
    expect(names.sort()).toEqual(['doThing_', 'onOpen']);
  });

  it('gives each execution a fresh global scope', async () => {
    rt = runtime('var counter = 0; function bump() { counter += 1; return counter; }');
    expect((await rt.run('bump')).result).toBe(1);
    expect((await rt.run('bump')).result).toBe(1);
  });

  it('leaves nothing of an execution to the next one on the same thread: globals, built-ins it patched, its Date', async () => {
    rt = runtime(`var counter = 0; const list = []; let late;
      function bump() {
        counter += 1; list.push(counter); late = late === undefined ? 1 : late + 1;
        implicit = typeof implicit === 'undefined' ? 1 : implicit + 1;
        globalThis.viaGlobal = (globalThis.viaGlobal || 0) + 1;
        Array.prototype.extra = (Array.prototype.extra || 0) + 1;
        Date.prototype.mark = (Date.prototype.mark || 0) + 1;
        JSON.patched = (JSON.patched || 0) + 1;
        var before = typeof Date.now;
        Date.now = function () { return 0; };
        Utilities.sleep(1000);
        return [counter, list.length, late, implicit, viaGlobal, [].extra, new Date().mark, JSON.patched, before];
      }`);
    const first = await rt.run('bump');
    expect(first.result).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 'function']);
    // Enough runs for the pool's threads to be reused and to make scopes ahead (worker-pool.ts).
    for (let i = 0; i < 9; i++) expect((await rt.run('bump')).result).toEqual(first.result);
    expect(rt.executions.map((x) => x.start)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + i * 1000));
  });

  describe('a top level that reads what belongs to its execution, run after many executions', () => {
    // Each execution's top level sees its own clock, services and log even when the thread made
    // the scope before the execution was asked for (execution-worker.ts: prewarmed).
    const runs = async (fn: string, n = 8) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        await rt.advanceTo(T0 + i * 60_000);
        out.push(await rt.run(fn));
      }
      return out;
    };

    it('reads the clock at its own start', async () => {
      rt = runtime('var loadedAt = Date.now(); var loadedDate = new Date(); function when() { return [loadedAt, loadedDate.getTime()]; }');
      expect((await runs('when')).map((r) => r.result)).toEqual(Array.from({ length: 8 }, (_, i) => [T0 + i * 60_000, T0 + i * 60_000]));
    });

    it('calls its services and logs in its own execution', async () => {
      rt = runtime("var props = PropertiesService.getScriptProperties(); console.log('loaded'); function count() { var n = Number(props.getProperty('n') || 0) + 1; props.setProperty('n', String(n)); return n; }");
      const rs = await runs('count');
      expect(rs.map((r) => r.result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      for (const r of rs) expect(r.logs.map((l) => l.text)).toEqual(['loaded']);
    });

    it("keeps a top-level function of a service's name, as Apps Script runs the project after its services", async () => {
      rt = runtime('function UrlFetchApp() { return 1; } var Session = { mine: true }; function probe() { return [typeof UrlFetchApp, UrlFetchApp(), Session.mine]; }');
      expect((await runs('probe')).map((r) => r.result)).toEqual(Array(8).fill(['function', 1, true]));
    });

    it('sees its own services when runs in two documents take turns, though the scope came with the last run\'s decoded', async () => {
      rt = runtime("function make() { return [SpreadsheetApp.create('a').getId(), SpreadsheetApp.create('b').getId()]; } function active() { return SpreadsheetApp.getActive().getId(); }");
      const [a, b] = (await rt.run('make')).result as [string, string];
      const seen: unknown[] = [];
      for (let i = 0; i < 12; i++) seen.push((await rt.run('active', [], 'manual', { containerId: i % 3 === 2 ? b : a })).result);
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? b : a)));
    });

    it('checks typeof a service at the top level against its own execution', async () => {
      rt = runtime("var hasMail = typeof MailApp !== 'undefined' && typeof MailApp.getRemainingDailyQuota === 'function'; function probe() { return hasMail; }");
      expect((await runs('probe')).map((r) => r.result)).toEqual(Array(8).fill(true));
    });
  });

  it('reports a missing function the way Apps Script does', async () => {
    rt = runtime('function a() {}');
    const r = await rt.run('doGet');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['Exception: Script function not found: doGet']);
  });

  it('has no Node or browser globals that Apps Script lacks', async () => {
    rt = runtime(`function probe() {
      return [typeof setTimeout, typeof URL, typeof TextEncoder, typeof fetch, typeof process, typeof require, typeof Buffer];
    }`);
    expect((await rt.run('probe')).result).toEqual(Array(7).fill('undefined'));
  });

  it('reads the simulated clock through Date, which only moves with service calls and sleep', async () => {
    rt = runtime(`function clock() {
      var a = Date.now(); var b = new Date().getTime();
      Utilities.sleep(1500);
      return [a, b, Date.now(), new Date(0).getTime(), new Date() instanceof Date, typeof Date()];
    }`);
    const r = await rt.run('clock');
    expect(r.errors).toEqual([]);
    expect(r.result).toEqual([T0, T0, T0 + 1500, 0, true, 'string']);
  });

  it('speaks the script time zone in Date', async () => {
    rt = runtime('function h() { return new Date().getHours(); }');
    expect((await rt.run('h')).result).toBe(9);
  });

  it('fires a one-minute trigger every minute and counts its round trips (exact timing)', async () => {
    rt = runtime(`
      function install() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(1).create(); }
      function tick(e) { LockService.getScriptLock().tryLock(0); return e.minute; }`, EXACT);
    await rt.run('install');
    await rt.advanceTo(T0 + 3 * 60_000 + 1);
    await rt.settle();
    const ticks = rt.executions.filter((x) => x.function === 'tick');
    expect(ticks.map((x) => x.start)).toEqual([T0 + 60_000, T0 + 120_000, T0 + 180_000]);
    expect(ticks.map((x) => x.result)).toEqual([1, 2, 3]);
    expect(ticks[0]!.roundTrips).toEqual({ 'LockService.Lock.tryLock': 1 });
    expect(rt.executions[0]!.roundTrips).toEqual({ 'ScriptApp.ClockTriggerBuilder.create': 1 });
  });

  describe('where in its interval a periodic trigger fires (the reference: "slightly randomized")', () => {
    const code = `
      function everyMinute() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(1).create(); }
      function hourly() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
      function tick() {}`;
    const fires = async (install: string, until: number, o: Partial<RuntimeOptions> = {}) => {
      rt = runtime(code, o);
      await rt.run(install);
      await rt.advanceTo(until);
      await rt.settle();
      const starts = rt.executions.filter((x) => x.function === 'tick').map((x) => x.start - T0);
      await rt.close();
      return starts;
    };

    it('spread: fires once inside each minute, at a seeded offset that changes from minute to minute', async () => {
      const SPREAD: Partial<RuntimeOptions> = { clockTiming: { mode: 'spread', seed: 1 } };
      const starts = await fires('everyMinute', T0 + 30 * 60_000, SPREAD);
      // Minutes 1 to 29 (the minute it was created in is not one of them), one fire each.
      expect(starts.map((t) => Math.floor(t / 60_000))).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
      const offsets = starts.map((t) => t % 60_000);
      expect(offsets.every((o) => o > 0)).toBe(true);
      expect(new Set(offsets).size).toBe(offsets.length);
      // Spread over the minute, not bunched: some gaps well under a minute, some well over.
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
      expect(Math.min(...gaps)).toBeLessThan(40_000);
      expect(Math.max(...gaps)).toBeGreaterThan(80_000);
      // Deterministic: the same seed gives the same times, another seed others.
      expect(await fires('everyMinute', T0 + 30 * 60_000, SPREAD)).toEqual(starts);
      expect(await fires('everyMinute', T0 + 30 * 60_000, { clockTiming: { mode: 'spread', seed: 2 } })).not.toEqual(starts);
    });

    it('fires an hourly trigger once somewhere inside each hour, not on the hour', async () => {
      const starts = await fires('hourly', T0 + 6 * 3_600_000);
      expect(starts.map((t) => Math.floor(t / 3_600_000))).toEqual([1, 2, 3, 4, 5]);
      expect(starts.filter((t) => t % 60_000 === 0)).toEqual([]);
    });

    it('by default keeps one offset per trigger in every interval (phase), or fires on the period when told (exact)', async () => {
      const phase = await fires('everyMinute', T0 + 10 * 60_000, { clockTiming: { mode: 'phase', seed: 7 } });
      expect(new Set(phase.map((t) => t % 60_000)).size).toBe(1);
      const byDefault = await fires('everyMinute', T0 + 10 * 60_000);
      expect(new Set(byDefault.map((t) => t % 60_000)).size).toBe(1);
      expect(byDefault.every((t) => t % 60_000 > 0)).toBe(true);
      expect(phase).toHaveLength(9);
      expect(await fires('everyMinute', T0 + 3 * 60_000 + 1, EXACT)).toEqual([60_000, 120_000, 180_000]);
    });
  });

  it('refuses trigger intervals Apps Script does not offer', async () => {
    rt = runtime(`function bad() { ScriptApp.newTrigger('x').timeBased().everyMinutes(2).create(); }`);
    const r = await rt.run('bad');
    expect(r.errors[0]).toMatch(/^Exception: .*everyMinutes/);
  });

  it('holds an Editor add-on to hourly triggers', async () => {
    rt = runtime(`function fast() { ScriptApp.newTrigger('x').timeBased().everyMinutes(1).create(); }
                  function hourly() { ScriptApp.newTrigger('x').timeBased().everyHours(1).create(); }`, { deployment: 'addon' });
    expect((await rt.run('fast')).errors[0]).toMatch(/once per hour/);
    expect((await rt.run('hourly')).errors).toEqual([]);
  });

  it('stops at 20 triggers per user', async () => {
    rt = runtime(`function many() { for (var i = 0; i < 21; i++) ScriptApp.newTrigger('x' + i).timeBased().everyHours(1).create(); }`);
    const r = await rt.run('many');
    expect(r.errors).toEqual(['Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.']);
    expect(rt.triggers()).toHaveLength(20);
  });

  it('kills an execution at six simulated minutes, and its locks go with it', async () => {
    rt = runtime(`function long() { LockService.getScriptLock().waitLock(1000); while (true) Utilities.sleep(60000); }
                  function after() { return LockService.getScriptLock().tryLock(0); }`);
    const r = await rt.run('long');
    expect(r.killed).toBe(true);
    // Not an exception the script can catch: the executions panel shows the bare text.
    expect(r.errors).toEqual(['Exceeded maximum execution time']);
    expect(r.durationMs).toBe(360_000);
    expect((await rt.run('after')).result).toBe(true);
  });

  describe('LockService between overlapping executions', () => {
    const code = `
      function install() { ScriptApp.newTrigger('slow').timeBased().everyMinutes(1).create(); }
      function slow() {
        var lock = LockService.getScriptLock();
        if (!lock.tryLock(0)) return 'skipped';
        Utilities.sleep(90000);
        lock.releaseLock();
        return 'ran';
      }
      function waiter() { LockService.getScriptLock().waitLock(120000); return Date.now(); }
      function impatient() { LockService.getScriptLock().waitLock(1000); return 'never'; }`;

    it('lets a trigger that overlaps a running one find the lock taken', async () => {
      rt = runtime(code, EXACT);
      await rt.run('install');
      await rt.advanceTo(T0 + 3 * 60_000 + 1);
      await rt.settle();
      const runs = rt.executions
        .filter((x) => x.function === 'slow')
        .sort((a, b) => a.start - b.start)
        .slice(0, 3)
        .map((x) => [x.start - T0, x.result]);
      // 1:00 runs until 2:30; 2:00 finds it held; 3:00 runs.
      expect(runs).toEqual([[60_000, 'ran'], [120_000, 'skipped'], [180_000, 'ran']]);
    });

    it('makes waitLock wait in simulated time until the holder releases', async () => {
      rt = runtime(code, EXACT);
      await rt.run('install');
      await rt.advanceTo(T0 + 60_000 + 10_000); // slow is holding the lock
      const w = await rt.run('waiter');
      expect(w.result).toBeGreaterThanOrEqual(T0 + 150_000);
      expect(w.result).toBeLessThan(T0 + 151_000);
    });

    it('throws Apps Script\'s lock timeout when the holder keeps it too long', async () => {
      rt = runtime(code, EXACT);
      await rt.run('install');
      await rt.advanceTo(T0 + 60_000 + 10_000);
      const r = await rt.run('impatient');
      expect(r.errors).toEqual(['Exception: Lock timeout: another process was holding the lock for too long.']);
    });
  });
});
