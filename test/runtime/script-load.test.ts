/**
 * Every execution loads the project's script before its first line (latency.ts): its size costs
 * simulated time, so trigger minutes and the 6-minute limit include it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCRIPT_LOAD_MS_PER_KIB } from '../../local/runtime/latency';
import { Runtime, type RuntimeOptions } from '../../local/runtime/runtime';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const KiB = 1024;

/** A project of `files`, each padded with a comment to the size asked (what is parsed, not what runs). */
function project(files: Record<string, { code: string; bytes?: number }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-load-'));
  for (const [name, f] of Object.entries(files)) {
    const pad = f.bytes === undefined ? '' : `\n//${'x'.repeat(f.bytes - f.code.length - 3)}`;
    fs.writeFileSync(path.join(dir, name), f.code + pad);
  }
  return dir;
}

const FIRST_LINE = 'function firstLine() { return Date.now(); }';

describe('loading the script at each execution', () => {
  const started: Runtime[] = [];
  const runtime = (dir: string, o: Partial<RuntimeOptions> = {}) => {
    const rt = new Runtime({ start: T0, bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' }, ...o });
    started.push(rt);
    return rt;
  };
  afterEach(async () => {
    for (const rt of started.splice(0)) await rt.close();
  });

  it(`costs ${SCRIPT_LOAD_MS_PER_KIB} ms per KiB by default, before the function's first line, and the execution's duration includes it`, async () => {
    const r = runtime(project({ 'Code.js': { code: FIRST_LINE, bytes: 400 * KiB } }));
    expect(SCRIPT_LOAD_MS_PER_KIB).toBe(0.25);
    expect(r.scriptLoadMs).toBe(100);
    const x = await r.run('firstLine');
    expect(x.result).toBe(T0 + 100);
    expect(x.durationMs).toBe(100);
    // The next execution loads again: nothing is kept between executions.
    const y = await r.run('firstLine');
    expect(y.result).toBe(y.start + 100);
  });

  it('counts every script file of the project, and no HTML file (a sidebar page is read only when served)', async () => {
    const r = runtime(project({ 'Code.js': { code: FIRST_LINE, bytes: 200 * KiB }, 'More.js': { code: 'var more = 1;', bytes: 200 * KiB }, 'Sidebar.html': { code: '<p>', bytes: 400 * KiB } }));
    expect(r.scriptBytes).toBe(400 * KiB);
    expect((await r.run('firstLine')).result).toBe(T0 + 100);
  });

  it('is charged to the trigger runtime quota with the run it starts', async () => {
    const r = runtime(project({ 'Code.js': { code: `function install() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(1).create(); }\nfunction tick() {}`, bytes: 800 * KiB } }), {
      clockTiming: { mode: 'exact' },
    });
    await r.run('install');
    // Exact timing: every minute from the trigger's creation, itself after install's own load.
    await r.advanceTo(T0 + 3 * 60_000 + 1_000);
    await r.settle();
    const ticks = r.executions.filter((x) => x.function === 'tick');
    expect(ticks.map((x) => x.durationMs)).toEqual([200, 200, 200]);
    expect(r.quotaUsed('triggerRuntime')).toBe(600);
  });

  it('takes another figure as a runtime option; 0 makes loading free', async () => {
    const dir = project({ 'Code.js': { code: FIRST_LINE, bytes: 400 * KiB } });
    expect((await runtime(dir, { scriptLoadMsPerKiB: 1 }).run('firstLine')).result).toBe(T0 + 400);
    expect((await runtime(dir, { scriptLoadMsPerKiB: 0 }).run('firstLine')).result).toBe(T0);
  });
});
