/**
 * The shape of src as rules a change cannot quietly break: dependencies point inward (gas →
 * jobs → channels and core; channels → core; core → nothing of ours), no module imports itself
 * through others, and the channel-neutral layers name no channel's own words: a new channel is
 * a folder under src/channels and a line in its registry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const files = sources(SRC);
const rel = (file: string) => path.relative(SRC, file).replace(/\\/g, '/');

/** Every relative import of a file (type-only ones too: a cycle of types still ties modules together). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    const resolved = fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
    out.push(rel(resolved));
  }
  return out;
}

const graph = new Map(files.map((f) => [rel(f), importsOf(f)]));
const layer = (module: string) => module.split('/')[0]!;

describe('src dependencies', () => {
  test('every relative import resolves to a file', () => {
    const missing = [...graph].flatMap(([from, tos]) => tos.filter((to) => !graph.has(to)).map((to) => `${from} → ${to}`));
    expect(missing).toEqual([]);
  });

  test.each([
    ['core', ['core']],
    ['channels', ['channels', 'core']],
    ['sheet', ['sheet', 'core', 'i18n']],
    ['jobs', ['jobs', 'channels', 'core', 'sheet', 'i18n']],
  ])('%s imports only from %j', (from, allowed) => {
    const wrong = [...graph].filter(([m]) => layer(m) === from).flatMap(([m, tos]) => tos.filter((to) => !allowed.includes(layer(to))).map((to) => `${m} → ${to}`));
    expect(wrong).toEqual([]);
  });

  test('no module imports itself through others', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (m: string, trail: string[]) => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(m)), m].join(' → '));
        return;
      }
      state.set(m, 'open');
      for (const to of graph.get(m) ?? []) walk(to, [...trail, m]);
      state.set(m, 'done');
    };
    for (const m of graph.keys()) walk(m, []);
    expect(cycles).toEqual([]);
  });
});

describe('the channel-neutral layers', () => {
  /**
   * Where a channel's id is data, not code: the ChannelId union, tables keyed by channel (carrier
   * codes), and the owner key documents made before there was more than one channel still hold.
   */
  const CHANNEL_ID_AS_DATA = [/'cafe24'(?= \|)/g, /\bcafe24: '/g, /\bcafe24Code\b/g, /codes\.cafe24\b/g, /'cafe24\.owner'/g];

  test('src/jobs and src/core name no channel: no Cafe24 type, call, code or import', () => {
    const named = files
      .filter((f) => ['jobs', 'core'].includes(layer(rel(f))))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${rel(f)}:${i + 1}`, line: CHANNEL_ID_AS_DATA.reduce((l, re) => l.replace(re, ''), line) }))
          .filter(({ line }) => /cafe24/i.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(named).toEqual([]);
  });

  test('src/jobs and src/core import no channel folder: channels are reached through the registry', () => {
    const reaching = [...graph].filter(([m]) => ['jobs', 'core'].includes(layer(m))).flatMap(([m, tos]) => tos.filter((to) => /^channels\/[^/]+\//.test(to)).map((to) => `${m} → ${to}`));
    expect(reaching).toEqual([]);
  });
});

describe('what the bundle carries', () => {
  /** Every package import of a file (`from 'zod'`, `from 'zod/mini'`, …). */
  const packagesOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^'.][^']*)'/g)].map((m) => m[1]!);

  test('the product reaches zod only through core/zod.ts, and that is zod/mini: classic zod would add about 400 KiB to every execution', () => {
    const zods = files.flatMap((f) => packagesOf(f).filter((p) => p === 'zod' || p.startsWith('zod/')).map((p) => `${rel(f)} → ${p}`));
    expect([...new Set(zods)]).toEqual(['core/zod.ts → zod/mini']);
  });
});
