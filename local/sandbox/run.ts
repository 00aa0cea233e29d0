import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LatencyModel } from '../runtime/latency';
import { Runtime, type ExecutionRecord } from '../runtime/runtime';
import type { Manifest } from '../runtime/services/registry';
import { createWorld } from '../runtime/world';
import { setScriptPropertiesByHand } from '../runtime/services/properties';
import { deliverWebhook, serveRelay, type LocalRelay } from '../relay';
import { channelFactories, type ChannelFake } from './channels';
import { resolveTime, parseOffset, ScenarioError, type Scenario, type ScenarioEvent } from './scenario';
import { renderOutputs, type OutputFile, type ScenarioCall } from './outputs';
import { SheetHost, type EditEvent } from './sheet-host';

export { metricsOf, writeOutputs, renderOutputs, type OutputFile } from './outputs';

/**
 * Runs the built add-on on a scenario: installs it as a user would, lets time pass, fires the
 * triggers when due, plays the scenario's events at their times (also in the middle of a
 * running execution), and keeps what a user would look at.
 */
export interface SandboxResult {
  runtime: Runtime;
  sheets: SheetHost;
  channels: Map<string, ChannelFake>;
  /** Our marketplace relay, when the scenario runs one (its log lines are kept). */
  relay: LocalRelay | null;
  /** Problems with the scenario's own events (a bad cell reference, an unknown action). */
  eventErrors: Array<{ index: number | null; at: string; event: string; message: string }>;
  /** The scenario's sidebar, menu and authorize calls, each with its answer once it has ended. */
  calls: ScenarioCall[];
  /** The output files as a `checkpoint` event found them. */
  checkpoints: Array<{ name: string; at: number; files: OutputFile[] }>;
  end: number;
}

export interface SandboxOptions {
  bundleDir: string;
  /** Called as simulated time passes, for progress output. */
  onProgress?: (now: number, end: number) => void;
  /** What each round trip costs (default: the runtime's own figures); specs slow one call down. */
  latency?: LatencyModel;
}

export async function runScenario(s: Scenario, opts: SandboxOptions): Promise<SandboxResult> {
  const result = await openSandbox(s, opts);
  const { runtime: rt, end } = result;
  const start = Date.parse(s.start);
  s.events.forEach((e, i) => {
    const at = resolveTime(e.at, start);
    rt.at(at, () => play(e, result, i));
  });
  const step = 3_600_000;
  for (let t = Math.min(end, rt.now() + step); ; t = Math.min(end, t + step)) {
    await rt.advanceTo(t);
    opts.onProgress?.(t, end);
    if (t >= end) break;
  }
  await rt.settle();
  return result;
}

/**
 * The scenario's world, ready to run: the spreadsheet, the runtime on the built bundle, the
 * channel fakes on the simulated network, and the add-on installed when the scenario says so.
 * Its events are not scheduled (runScenario plays them; the local preview picks its own).
 */
export async function openSandbox(s: Scenario, opts: Pick<SandboxOptions, 'bundleDir' | 'latency'>): Promise<SandboxResult> {
  const start = Date.parse(s.start);
  const end = start + (parseOffset(s.duration.startsWith('+') ? s.duration : `+${s.duration}`) ?? 0);
  const manifest = JSON.parse(fs.readFileSync(path.join(opts.bundleDir, 'appsscript.json'), 'utf8')) as Manifest;
  const world = createWorld();
  const sheets = new SheetHost(world, manifest.timeZone);
  const containerId = sheets.create(s.spreadsheet.name, s.spreadsheet.sheets, s.user);
  const rt = new Runtime({
    start,
    bundleDir: opts.bundleDir,
    manifest,
    account: s.account,
    deployment: s.deployment,
    clockTiming: s.triggerTiming,
    user: s.user,
    containerId,
    world,
    ...(opts.latency ? { latency: opts.latency } : {}),
  });
  sheets.bind(containerId);
  const channels = new Map<string, ChannelFake>();
  for (const [name, seed] of Object.entries(s.channels)) {
    const make = channelFactories[name];
    if (!make) throw new Error(`channels.${name}: no fake for this channel (known: ${Object.keys(channelFactories).join(', ') || 'none'})`);
    let fake: ChannelFake;
    try {
      fake = make(seed, () => rt.now());
    } catch (e) {
      await rt.close();
      // A bad seed is the scenario's mistake: say where, as for the rest of the file.
      throw new ScenarioError([`channels.${name}: ${(e as Error).message}`]);
    }
    for (const host of fake.hosts) await rt.network.serve(host, fake.listener);
    channels.set(name, fake);
  }
  // The relay reaches the fakes through the network's routes, so it starts after them; the
  // project's owner has set its address and secret in the script properties.
  const hooks = [...channels.values()].flatMap((c) => (c.webhooks ? [c.webhooks] : []));
  const relay = s.relay ? await serveRelay(rt.network, { now: () => rt.now(), ...(hooks[0] ? { webhookKey: hooks[0].apiKey } : {}) }) : null;
  if (relay) setScriptPropertiesByHand(world, { RELAY_URL: relay.url, RELAY_SECRET: relay.secret });
  // A channel's webhook reaches the relay when it is due in simulated time (none without a relay:
  // the app's webhook URL points at it).
  for (const h of hooks) h.onDelivery((d) => relay && rt.at(d.at, async () => void (await deliverWebhook(rt.network, d))));
  const result: SandboxResult = { runtime: rt, sheets, channels, relay, eventErrors: [], calls: [], checkpoints: [], end };

  if (s.install) {
    await rt.run('onOpen', [{ authMode: 'LIMITED', source: null, user: { email: s.user } }], 'simple');
    await rt.run('setupWorkbook', [], 'menu');
    await rt.run('installSync', [], 'menu');
  }
  return result;
}

/**
 * A person clicks a sidebar's connect button: `fn` answers `{ authorizeUrl }`, the person opens
 * it and consents; the provider's redirect comes back to the script's /usercallback.
 */
export async function authorize(rt: Runtime, fn: string, args: unknown[], onAnswer?: (r: ExecutionRecord) => void): Promise<void> {
  const r = await rt.run(fn, args, 'sidebar');
  onAnswer?.(r);
  const url = (r.result as { authorizeUrl?: unknown } | undefined)?.authorizeUrl;
  if (typeof url !== 'string') throw new Error(`${fn} answered no authorizeUrl${r.errors.length ? `: ${r.errors.join('; ')}` : ''}`);
  const page = await rt.openInBrowser(url);
  if (page.status !== 200) throw new Error(`authorization ended at ${page.url} with ${page.status}: ${page.body.slice(0, 200)}`);
}

/**
 * Plays one scenario event now (`index`: its place in the scenario's events, for the outputs); a
 * failure is kept in `eventErrors`, as a person's mistake would be.
 */
export async function play(e: ScenarioEvent, r: SandboxResult, index: number | null = null): Promise<void> {
  const rt = r.runtime;
  try {
    switch (e.type) {
      case 'edit':
        return afterEdit(rt, r.sheets.edit(e.sheet, e.range, e.values));
      case 'editRow':
        for (const edit of r.sheets.editRow(e.sheet, e.where, e.set)) afterEdit(rt, edit);
        return;
      case 'sort':
        r.sheets.sort(e.sheet, e.column, e.ascending);
        return;
      case 'insertRows':
        r.sheets.insertRows(e.sheet, e.before, e.count);
        return;
      case 'deleteRows':
        r.sheets.deleteRows(e.sheet, e.row, e.count);
        return;
      case 'moveColumn':
        r.sheets.moveColumn(e.sheet, e.from, e.to);
        return;
      case 'open':
        rt.startExecution('onOpen', [{ authMode: 'LIMITED' }], 'simple', rt.user);
        return;
      case 'sidebar':
      case 'menu': {
        const x = rt.startExecution(e.function, e.args, e.type, rt.user);
        r.calls.push({ event: index, type: e.type, function: e.function, args: e.args, record: x.record, done: () => x.phase === 'done' });
        return;
      }
      case 'authorize':
        return authorize(rt, e.function, e.args, (record) =>
          r.calls.push({ event: index, type: 'authorize', function: e.function, args: e.args, record, done: () => true }),
        );
      case 'checkpoint':
        r.checkpoints.push({ name: e.name, at: rt.now(), files: renderOutputs(r) });
        return;
      case 'channel': {
        const fake = r.channels.get(e.channel);
        if (!fake) throw new Error(`no channel "${e.channel}" in this scenario`);
        await fake.control(e.action, e.args);
        return;
      }
      case 'fault': {
        const fake = r.channels.get(e.channel);
        if (!fake) throw new Error(`no channel "${e.channel}" in this scenario`);
        await fake.fault(e.target, e.fault);
        return;
      }
      case 'note':
        return;
    }
  } catch (err) {
    r.eventErrors.push({ index, at: new Date(rt.now()).toISOString(), event: JSON.stringify(e), message: (err as Error).message });
  }
}

/** A person's edit fires the simple onEdit and any installable edit triggers. */
function afterEdit(rt: Runtime, edit: EditEvent): void {
  rt.fireEdit(edit);
}
