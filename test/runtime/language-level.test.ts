/**
 * The runtime offers only what Apps Script's V8 offers (reference apps-script-platform §5): the
 * bundle's syntax is held to ES2020 (private and static class fields do not parse in Apps
 * Script), and built-ins newer than ES2020 are hidden unless switched on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paths } from '../../local/paths';
import { NEWER_BUILTINS } from '../../local/runtime/language-level';
import { Runtime, type RuntimeOptions } from '../../local/runtime/runtime';
import { syntaxAboveLevel } from '../../local/runtime/syntax-level';

function runtime(code: string, o: Partial<RuntimeOptions> = {}): Runtime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-level-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return new Runtime({ start: Date.UTC(2026, 10, 23), bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' }, ...o });
}

const PROBE = `function probe() {
  return [typeof Object.hasOwn, typeof [].at, typeof ''.replaceAll, typeof structuredClone, typeof [].findLast,
    typeof [].toSorted, typeof ''.isWellFormed, typeof Promise.any, typeof WeakRef, typeof new Uint8Array(1).at,
    typeof [].flat, typeof ''.matchAll, typeof Promise.allSettled, typeof globalThis, typeof BigInt, typeof Object.fromEntries];
}`;

describe('the syntax level Apps Script accepts (build check)', () => {
  it('finds private and static class fields, which Apps Script V8 does not parse', () => {
    const found = syntaxAboveLevel('class A {\n  #secret = 1;\n  static count = 0;\n  get() { return this.#secret; }\n}');
    expect(found.map((p) => [p.line, p.message.split(' (')[0]])).toEqual([
      [2, 'class field'],
      [2, 'private name #x'],
      [3, 'class field'],
      [4, 'private name #x'],
    ]);
  });

  it('finds other syntax newer than ES2020: static blocks, logical assignment, numeric separators', () => {
    const found = syntaxAboveLevel('class B { static { x = 1; } }\nlet a; a ??= 1; a ||= 2;\nconst n = 1_000;');
    expect(found.map((p) => p.message)).toEqual(['class static block (ES2022)', 'logical assignment (ES2021)', 'logical assignment (ES2021)', 'numeric separator (ES2021)']);
  });

  it('accepts ES2020: optional chaining, ?? , classes with methods, async functions, BigInt literals', () => {
    expect(syntaxAboveLevel('class C { constructor() { this.x = 1; } m() { return this.x?.y ?? 2n; } }\nasync function f() { await 1; }')).toEqual([]);
  });

  it('build/Code.js is at that level', () => {
    const code = fs.readFileSync(path.join(paths.build, 'Code.js'), 'utf8');
    expect(syntaxAboveLevel(code)).toEqual([]);
  });
});

describe('built-ins newer than ES2020 in the execution context', () => {
  let rt: Runtime;
  afterEach(async () => rt && (await rt.close()));

  it('are hidden by default; ES2019/ES2020 built-ins stay', async () => {
    rt = runtime(PROBE);
    const r = await rt.run('probe');
    expect(r.errors).toEqual([]);
    expect(r.result).toEqual([...Array(10).fill('undefined'), 'function', 'function', 'function', 'object', 'function', 'function']);
  });

  it('are there with newerBuiltins: allow (structuredClone, a Web API, never is)', async () => {
    rt = runtime(PROBE, { newerBuiltins: 'allow' });
    const r = await rt.run('probe');
    expect(r.result).toEqual(['function', 'function', 'function', 'undefined', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'object', 'function', 'function']);
  });

  it('a script calling one fails as in an engine without it', async () => {
    rt = runtime('function f() { return [1, 2, 3].at(-1); }');
    const r = await rt.run('f');
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/TypeError: .*at is not a function/);
  });

  it('the list names only what is newer than ES2020', () => {
    expect(NEWER_BUILTINS).not.toContain('Array.prototype.flat');
    expect(NEWER_BUILTINS).toEqual(expect.arrayContaining(['Object.hasOwn', 'Array.prototype.at', 'String.prototype.replaceAll', 'structuredClone', 'Array.prototype.findLast']));
  });
});
