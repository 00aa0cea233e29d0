/**
 * The sandbox's pieces, driven step by step: the cases need to place events relative to the
 * sync trigger's ticks (a burst of orders between two ticks) and to look at the world in
 * between, which a scenario file fixed in advance cannot do. Installs the add-on and connects
 * the malls exactly as the demo scenario does (same events, same offsets).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RequestLogEntry } from '../fakes/cafe24';
import { paths } from '../paths';
import { Runtime, type ExecutionRecord } from '../runtime/runtime';
import type { Manifest } from '../runtime/services/registry';
import { scriptState } from '../runtime/services/script-app';
import { spreadsheetStore } from '../runtime/services/spreadsheet';
import { nextFire } from '../runtime/services/trigger-schedule';
import { createWorld } from '../runtime/world';
import { channelFactories, type ChannelFake } from '../sandbox/channels';
import { parseScenario, resolveTime, type ScenarioEvent } from '../sandbox/scenario';
import { authorize } from '../sandbox/run';
import { SheetHost } from '../sandbox/sheet-host';
import demo from '../sandbox/scenarios/demo.json';

export interface Bench {
  rt: Runtime;
  sheets: SheetHost;
  cafe24: ChannelFake;
  start: number;
  spreadsheetId: string;
  /** Problems with the bench's own events; a case with any is not reported. */
  eventErrors: string[];
}

export interface BootOptions {
  start?: string;
  account?: 'consumer' | 'workspace';
  /** The Cafe24 fake's seed. */
  seed: unknown;
  /** Tabs present before the add-on is installed (seeded as a person would have typed them). */
  sheets?: Array<{ name: string; values: unknown[][] }>;
}

export const DEMO_START = demo.start;

/** A world with the bound spreadsheet, the Cafe24 fake on the network, and the add-on installed. */
export async function boot(o: BootOptions): Promise<Bench> {
  const start = Date.parse(o.start ?? DEMO_START);
  const manifest = JSON.parse(fs.readFileSync(path.join(paths.build, 'appsscript.json'), 'utf8')) as Manifest;
  const world = createWorld();
  const sheets = new SheetHost(world, manifest.timeZone);
  const spreadsheetId = sheets.create('분양몰 운영', o.sheets ?? [], demo.user);
  const rt = new Runtime({ start, bundleDir: paths.build, manifest, account: o.account ?? 'consumer', deployment: 'bound', user: demo.user, containerId: spreadsheetId, world });
  sheets.bind(spreadsheetId);
  try {
    const cafe24 = channelFactories.cafe24!(o.seed, () => rt.now());
    for (const host of cafe24.hosts) await rt.network.serve(host, cafe24.listener);
    // As the sandbox installs it: the menu, 시트 설정/업그레이드, 자동 동기화 켜기.
    await rt.run('onOpen', [{ authMode: 'LIMITED', source: null, user: { email: demo.user } }], 'simple');
    const setup = await rt.run('setupWorkbook', [], 'menu');
    if (!setup.ok) throw new Error(`setupWorkbook failed: ${setup.errors.join('; ')}`);
    const install = await rt.run('installSync', [], 'menu');
    if (!install.ok) throw new Error(`installSync failed: ${install.errors.join('; ')}`);
    return { rt, sheets, cafe24, start, spreadsheetId, eventErrors: [] };
  } catch (e) {
    await rt.close();
    throw e;
  }
}

/**
 * The demo's setup events (its partner rows typed in, the Cafe24 app saved, three malls
 * connected), at the demo's own offsets. The demo's product and ratio edits are left out:
 * each case brings its own catalogue.
 */
export function demoConnectEvents(): ScenarioEvent[] {
  const events = (demo.events as Array<{ type: string; sheet?: string }>).filter(
    (e) => (e.type === 'edit' && e.sheet === '파트너') || e.type === 'sidebar' || e.type === 'authorize',
  );
  const parsed = parseScenario({ ...demo, events }).events.filter((e) => !(e.type === 'sidebar' && e.function !== 'saveCafe24App'));
  // Only the morning's: up to the last mall connected.
  const start = Date.parse(demo.start);
  const connected = Math.max(...parsed.filter((e) => e.type === 'authorize').map((e) => resolveTime(e.at, start)));
  return parsed.filter((e) => resolveTime(e.at, start) <= connected);
}

/** Schedules scenario events (offsets from the bench's start, or absolute times). */
export function schedule(b: Bench, events: readonly ScenarioEvent[]): void {
  for (const e of events) b.rt.at(resolveTime(e.at, b.start), () => play(b, e));
}

/** Schedules a host action at simulated time `at`, recording what goes wrong. */
export function at(b: Bench, when: number, what: string, run: () => unknown): void {
  b.rt.at(when, async () => {
    try {
      await run();
    } catch (err) {
      b.eventErrors.push(`${what} at ${new Date(when).toISOString()}: ${(err as Error).message}`);
    }
  });
}

async function play(b: Bench, e: ScenarioEvent): Promise<void> {
  const rt = b.rt;
  try {
    switch (e.type) {
      case 'edit':
        rt.fireEdit(b.sheets.edit(e.sheet, e.range, e.values));
        return;
      case 'sidebar':
      case 'menu':
        rt.startExecution(e.function, e.args, e.type, rt.user);
        return;
      case 'authorize':
        return authorize(rt, e.function, e.args);
      case 'channel':
        await b.cafe24.control(e.action, e.args);
        return;
      default:
        throw new Error(`the bench does not play ${e.type} events`);
    }
  } catch (err) {
    b.eventErrors.push(`${e.type} at ${new Date(rt.now()).toISOString()}: ${(err as Error).message}`);
  }
}

/** Lets simulated time pass to `t` (triggers fire, events play), then lets what runs finish. */
export async function runTo(b: Bench, t: number): Promise<void> {
  await b.rt.advanceTo(t);
  await b.rt.settle();
}

/** When the sync trigger fires next. */
export function nextTick(b: Bench): number {
  const t = b.rt.triggers().find((x) => x.handler === 'onSyncTick' && x.eventType === 'CLOCK');
  if (!t || t.nextAt === null) throw new Error('no sync trigger installed');
  return t.nextAt;
}

/**
 * The next two fires of the sync trigger that are at least `gapMs` apart, letting the ticks
 * before them run. The runtime fires the trigger at a random offset inside each minute (as
 * Apps Script does), so two fires are anywhere from a moment to almost two minutes apart; a
 * case that puts events between two ticks asks for a gap wide enough for them.
 */
export async function tickPair(b: Bench, gapMs: number): Promise<{ t0: number; t1: number }> {
  for (let i = 0; i < 100; i++) {
    const t = b.rt.triggers().find((x) => x.handler === 'onSyncTick' && x.eventType === 'CLOCK');
    if (!t || t.nextAt === null || !t.schedule) throw new Error('no sync trigger installed');
    const t0 = t.nextAt;
    const t1 = nextFire(t.schedule, t0);
    if (t1 !== null && t1 - t0 >= gapMs) return { t0, t1 };
    await runTo(b, t0 + 1);
  }
  throw new Error(`no two sync fires ${gapMs} ms apart in 100 tries`);
}

/** The runtime's trigger timing, for the cases' reports. */
export function timingOf(b: Bench): string {
  const t = scriptState(b.rt.world).timing;
  return t.mode === 'exact' ? 'exact (every minute from creation)' : `${t.mode}, seed ${t.seed} (a fire at a random offset inside each minute)`;
}

export function ticks(b: Bench, from = -Infinity, to = Infinity): ExecutionRecord[] {
  return b.rt.executions.filter((x) => x.function === 'onSyncTick' && x.start >= from && x.start < to).sort((a, c) => a.start - c.start);
}

/** Rows in use in a tab (host-side look, no round trip). */
export function lastRowOf(b: Bench, tab: string): number {
  const sheet = spreadsheetStore(b.rt.world).get(b.spreadsheetId)?.sheets.find((s) => s.name === tab);
  return sheet ? sheet.lastRow() : 0;
}

/** A tab's values (host-side, no round trip). */
export function valuesOf(b: Bench, tab: string): unknown[][] {
  return b.sheets.snapshot().find((s) => s.name === tab)?.values ?? [];
}

/** What the Cafe24 fake was asked, oldest first (its log keeps the last 10,000 requests). */
export function requests(b: Bench): RequestLogEntry[] {
  return b.cafe24.requestLog() as RequestLogEntry[];
}

/** What a request to Cafe24 is, for counting: order searches, catalog pages, product and stock writes. */
export function requestKind(e: Pick<RequestLogEntry, 'method' | 'path' | 'query'>): string {
  if (e.path.includes('/oauth/')) return 'oauth';
  if (e.path.endsWith('/orders')) {
    if (e.query.order_id) return 'orders read again by id';
    return e.query.date_type === 'pay_date' || !e.query.date_type ? 'orders by pay_date' : 'orders by a claim date';
  }
  if (e.path.endsWith('/inventories')) return 'inventory updates';
  if (e.path.endsWith('/products')) return e.method === 'GET' ? 'catalog pages' : 'product creates';
  if (/\/products\/\d+$/.test(e.path)) return e.method === 'GET' ? 'product reads' : 'product updates';
  return `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, '/N')}`;
}

/** Requests by kind, most first. */
export function requestKinds(log: readonly RequestLogEntry[]): string {
  const kinds = new Map<string, number>();
  for (const e of log) kinds.set(requestKind(e), (kinds.get(requestKind(e)) ?? 0) + 1);
  return [...kinds]
    .sort((a, c) => c[1] - a[1])
    .map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`)
    .join(', ');
}

export function assertClean(b: Bench, what: string): void {
  if (b.eventErrors.length > 0) throw new Error(`${what}: the bench's own events failed:\n  ${b.eventErrors.slice(0, 5).join('\n  ')}`);
}
