import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { errorOf, GasException, gasMessages } from './errors';
import type { QuotaName, UiSink } from './env';
import { HandleTable, exposedMethods, scriptDataGlobals } from './handles';
import { Suspend, type AuthMode, type KernelEnv } from './kernel-env';
import { defaultLatency, SCRIPT_LOAD_MS_PER_KIB, scriptLoadMs, type LatencyModel } from './latency';
import { defaultNewerBuiltins, type NewerBuiltins } from './language-level';
import { Network } from './network';
import { QuotaBook, type AccountType } from './quotas';
import { Remote } from './remote';
import { releaseLocksOf } from './services/lock';
import { scriptState, type Deployment, type TriggerModel } from './services/script-app';
import { defaultClockTiming, nextFire, type ClockTiming } from './services/trigger-schedule';
import { builtinServices, dataGlobals, type Manifest, type ServiceFactory } from './services/registry';
import { wallTime } from './tz';
import { decode, encode, INSPECT, type CallMessage, type Lease, type LeasedCall, type LeaseEnv, type LogLine, type WorkerMessage } from './wire';
import { PooledWorker, WorkerPool } from './worker-pool';
import { createWorld, type World } from './world';
import { firstPostForm } from './form-submit';

/**
 * A local Apps Script: runs the built bundle's functions as executions, each in a fresh global
 * scope on a thread of its own, against the service fakes, on a simulated clock.
 *
 * The clock is a discrete-event scheduler. Scripts spend simulated time only in service calls
 * (each costs its modelled latency), in Utilities.sleep and in loading the script at each
 * execution's start (`scriptLoadMs`, latency.ts); between calls they run for free
 * (unless `cpuTimeFactor` charges real CPU time). Several executions may be under way at once
 * (a trigger firing while a sidebar action runs): the scheduler always lets the one that is
 * earliest in simulated time go next, so their calls interleave as they would on Google's
 * servers, deterministically. Time-driven triggers fire when due, user actions scheduled by the
 * sandbox happen at their time even in the middle of an execution, and every call is counted.
 */
export type ExecutionKind = 'simple' | 'install' | 'menu' | 'sidebar' | 'time' | 'edit' | 'callback' | 'manual';

export interface ExecutionRecord {
  id: number;
  function: string;
  kind: ExecutionKind;
  start: number;
  end: number;
  durationMs: number;
  roundTrips: Record<string, number>;
  errors: string[];
  logs: LogLine[];
  ok: boolean;
  /** The return value, with service objects replaced by the host objects they stand for. */
  result?: unknown;
  killed: boolean;
  triggerId?: string;
}

export interface RuntimeOptions {
  /** Simulated start time (epoch ms). */
  start: number;
  bundleDir: string;
  manifest: Manifest;
  account?: AccountType;
  deployment?: Deployment;
  /** The owner: installs the script, owns its triggers. */
  user?: string;
  scriptId?: string;
  /**
   * The spreadsheet the script is bound to (a file in `world`); for an add-on, the document
   * executions run in unless told otherwise (`run(…, { containerId })`).
   */
  containerId?: string | null;
  /**
   * What `Trigger.getTriggerSourceId()` answers for a clock trigger. The reference is silent:
   * `null` (the default: a clock has no source document) or `document` (the id of the document
   * it was created in, which an Editor add-on's trigger belongs to).
   */
  clockTriggerSourceId?: 'null' | 'document';
  world?: World;
  network?: Network;
  latency?: LatencyModel;
  /** Charge this multiple of real CPU time between calls to the simulated clock (0: none). */
  cpuTimeFactor?: number;
  /**
   * Simulated ms each KiB of the project's script files costs to load at the start of every
   * execution (default SCRIPT_LOAD_MS_PER_KIB, derived in latency.ts; 0: loading is free).
   */
  scriptLoadMsPerKiB?: number;
  /** Extra or replacement services by global name. */
  services?: Record<string, ServiceFactory>;
  /**
   * Where in their interval everyMinutes/everyHours triggers fire: a seeded random offset in
   * each interval by default (`{ mode: 'spread', seed: 1 }`), one per trigger (`phase`), or
   * every period on the millisecond from creation (`{ mode: 'exact' }`). trigger-schedule.ts.
   */
  clockTiming?: ClockTiming;
  /**
   * Built-ins newer than ES2020 (Object.hasOwn, Array.prototype.at, replaceAll…): hidden from
   * scripts by default, as Apps Script does not document them; `allow` keeps them. Default from
   * `GAS_NEWER_BUILTINS`. See language-level.ts.
   */
  newerBuiltins?: NewerBuiltins;
  /**
   * Let an execution that runs alone have its thread serve its PropertiesService, CacheService,
   * lock and getUuid calls itself until its first message to the host, which replays and checks
   * them (lease.ts). Nothing a script or a spec sees changes; only thread crossings are saved.
   * Default true; false serves every call on the host.
   */
  leases?: boolean;
}

/** Who runs an execution and in which document (defaults: the owner, the runtime's container). */
export interface RunOptions {
  user?: string;
  containerId?: string | null;
}

const LIMIT_MS: Record<ExecutionKind, number> = {
  simple: 30_000, // simple triggers: 30 s (apps-script-platform §1.2)
  install: 360_000,
  menu: 360_000,
  sidebar: 360_000,
  time: 360_000,
  edit: 360_000,
  callback: 360_000,
  manual: 360_000,
};

/** Arguments, or a function that builds them with the execution's services (event objects hold a Range). */
export type ExecutionArgs = unknown[] | ((env: KernelEnv, services: Record<string, Remote>) => unknown[]);

type Phase = 'start' | 'running' | 'call' | 'reply' | 'suspended' | 'done';

class Execution {
  readonly handles = new HandleTable();
  phase: Phase = 'start';
  /** Simulated time at which the execution's next step is due. */
  at: number;
  now: number;
  readonly deadline: number;
  worker: PooledWorker | null = null;
  call: CallMessage | null = null;
  reply: { ok: boolean; result?: string; error?: { name: string; message: string } } | null = null;
  suspended: Suspend | null = null;
  /** Simulated time added by the call being served (sleep, HTTP latency). */
  extra = 0;
  ranSince = 0;
  readonly record: ExecutionRecord;
  settle!: (r: ExecutionRecord) => void;
  readonly finished: Promise<ExecutionRecord>;
  wakeStep: (() => void) | null = null;
  /** Not an execution Apps Script would list (a simple trigger the script does not define). */
  unrecorded = false;
  /** The document it runs in (null: standalone). */
  containerId: string | null = null;
  /** Its facts as a lease gives them (the same for all its leases). */
  leaseEnv: LeaseEnv | null = null;

  constructor(
    readonly id: number,
    readonly fn: string,
    readonly args: ExecutionArgs,
    readonly kind: ExecutionKind,
    readonly user: string,
    start: number,
    readonly authMode: AuthMode,
    readonly uiAvailable: boolean,
    triggerId?: string,
  ) {
    this.at = start;
    this.now = start;
    this.deadline = start + LIMIT_MS[kind];
    this.record = { id, function: fn, kind, start, end: start, durationMs: 0, roundTrips: {}, errors: [], logs: [], ok: false, killed: false, triggerId };
    this.finished = new Promise((r) => (this.settle = r));
  }
}

interface TimedEvent {
  at: number;
  seq: number;
  run: () => void | Promise<void>;
}

export class Runtime {
  readonly world: World;
  readonly network: Network;
  readonly quotas: QuotaBook;
  readonly latency: LatencyModel;
  readonly user: string;
  readonly scriptId: string;
  readonly containerId: string | null;
  readonly executions: ExecutionRecord[] = [];
  readonly ui = new UiRecorder();
  /** A private copy of the bundle folder taken at start. */
  readonly bundleDir: string;
  /** Bytes of script (every .js file of the bundle) each execution loads. */
  readonly scriptBytes: number;
  /** Simulated ms each execution spends loading them before its first line runs. */
  readonly scriptLoadMs: number;
  private clock: number;
  private readonly pool: WorkerPool;
  private readonly newerBuiltins: NewerBuiltins;
  private readonly dataText: string;
  private readonly dataEnums: Record<string, string[]>;
  private readonly active = new Set<Execution>();
  private readonly events: TimedEvent[] = [];
  private seq = 0;
  private nextExecId = 1;
  private readonly services: Record<string, ServiceFactory>;
  private readonly callWatchers = new Set<(call: { execution: ExecutionRecord; name: string }) => void>();

  constructor(private readonly opts: RuntimeOptions) {
    this.clock = opts.start;
    this.world = opts.world ?? createWorld();
    this.network = opts.network ?? new Network();
    this.quotas = new QuotaBook(opts.account ?? 'consumer');
    this.latency = opts.latency ?? defaultLatency;
    this.user = opts.user ?? 'owner@example.com';
    this.scriptId = opts.scriptId ?? '1LocalScriptId0000000000000000000000000000000';
    this.containerId = opts.containerId ?? null;
    // The deployed project is fixed for the life of the runtime, as a pushed Apps Script project is:
    // a rebuild of build/ meanwhile must not change what runs.
    this.bundleDir = snapshotBundle(opts.bundleDir);
    this.scriptBytes = scriptBytesOf(this.bundleDir);
    this.scriptLoadMs = scriptLoadMs(this.scriptBytes, opts.scriptLoadMsPerKiB ?? SCRIPT_LOAD_MS_PER_KIB);
    this.pool = new WorkerPool(this.bundleDir);
    this.newerBuiltins = opts.newerBuiltins ?? defaultNewerBuiltins();
    const globals = scriptDataGlobals(dataGlobals);
    this.dataText = JSON.stringify(globals.data);
    this.dataEnums = globals.enums;
    this.services = { ...builtinServices, ...(opts.services ?? {}) };
    scriptState(this.world).deployment = opts.deployment ?? 'bound';
    scriptState(this.world).clockTriggerSourceId = opts.clockTriggerSourceId ?? 'null';
    scriptState(this.world).timing = opts.clockTiming ?? defaultClockTiming();
    // Apps Script's Date speaks the script's time zone.
    process.env.TZ = opts.manifest.timeZone;
  }

  /** Simulated now. */
  now(): number {
    return this.clock;
  }

  get manifest(): Manifest {
    return this.opts.manifest;
  }

  /** Runs `fn` as an execution starting now and returns its record once it has ended. */
  async run(fn: string, args: unknown[] = [], kind: ExecutionKind = 'manual', where: RunOptions = {}): Promise<ExecutionRecord> {
    const exec = this.startExecution(fn, args, kind, where.user ?? this.user, undefined, where.containerId);
    await this.pump(Infinity, () => exec.phase === 'done');
    return exec.finished;
  }

  /** Advances the clock to `t`, firing due triggers and scheduled actions on the way. */
  async advanceTo(t: number): Promise<void> {
    await this.pump(t);
    this.clock = Math.max(this.clock, t);
  }

  /** Runs everything under way to its end without firing anything that is not yet due. */
  async settle(): Promise<void> {
    const busy = [...this.active];
    await this.pump(Infinity, () => busy.every((e) => e.phase === 'done'));
  }

  /** Schedules a host-side action (a user's edit, a channel event) at simulated time `at`. */
  at(at: number, run: () => void | Promise<void>): void {
    this.events.push({ at: Math.max(at, this.clock), seq: this.seq++, run });
  }

  /** Starts an execution at the current time (used for triggers and user-driven calls). */
  startExecution(fn: string, args: ExecutionArgs, kind: ExecutionKind, user: string, triggerId?: string, containerId: string | null = this.containerId): Execution {
    const authMode: AuthMode = kind === 'simple' ? 'LIMITED' : 'FULL';
    // getUi() works where a person has the sheet open; not in time-driven or installable triggers.
    const uiAvailable = kind !== 'time' && kind !== 'edit' && kind !== 'callback';
    const exec = new Execution(this.nextExecId++, fn, args, kind, user, this.clock, authMode, uiAvailable, triggerId);
    exec.containerId = containerId;
    this.active.add(exec);
    return exec;
  }

  /** Finds the functions the bundle defines at top level (what Apps Script can call). */
  async globals(): Promise<string[]> {
    const r = await this.run(INSPECT);
    return (r.result as string[]) ?? [];
  }

  /**
   * Fires the simple onEdit and the installable edit triggers of a person's edit, already
   * applied. The event object carries `range` and `source` as service objects, as Apps Script's does.
   */
  fireEdit(edit: { spreadsheetId?: string; sheetName: string; range: string; value?: string; oldValue?: string; user: string }): void {
    // The edited document is where both triggers run (an add-on is installed in many).
    const doc = edit.spreadsheetId ?? this.containerId;
    const args = (authMode: AuthMode, triggerUid?: string): ExecutionArgs => (_env, roots) => {
      const app = roots.SpreadsheetApp as unknown as { getActive(): { getSheetByName(n: string): { getRange(a1: string): unknown } | null } | null };
      const source = app.getActive();
      const event: Record<string, unknown> = { authMode, source, range: source?.getSheetByName(edit.sheetName)?.getRange(edit.range) ?? null, user: { email: edit.user } };
      if (edit.value !== undefined) event.value = edit.value;
      if (edit.oldValue !== undefined) event.oldValue = edit.oldValue;
      if (triggerUid) event.triggerUid = triggerUid;
      return [event];
    };
    this.startExecution('onEdit', args('LIMITED'), 'simple', edit.user, undefined, doc);
    for (const t of this.triggers().filter((x) => x.eventType === 'ON_EDIT' && x.sourceId === doc)) {
      this.startExecution(t.handler, args('FULL', t.id), 'edit', t.owner, t.id, doc);
    }
  }

  /**
   * A person opens a link in their browser (an authorize URL from the sidebar) and agrees to
   * what the page asks. Redirects are followed; one that lands on this script's /usercallback
   * runs the state token's callback function, as Apps Script does. Returns the last page.
   */
  async openInBrowser(url: string): Promise<{ url: string; status: number; body: string }> {
    let current = url;
    for (let hop = 0; hop < 10; hop++) {
      const callback = this.callbackQuery(current);
      if (callback) {
        const r = await this.userCallback(callback);
        return { url: current, status: r.ok ? 200 : 500, body: r.html };
      }
      const res = await this.network.send({ url: current, method: 'GET', headers: { 'User-Agent': 'Mozilla/5.0 (local sandbox browser)' }, body: Buffer.alloc(0) });
      if (!res) return { url: current, status: 0, body: `This site can't be reached: ${current}` };
      let location = res.rawHeaders.find(([k]) => k.toLowerCase() === 'location')?.[1];
      // A consent page: the person presses its first button (agree).
      const form = res.status === 200 && location === undefined ? firstPostForm(res.body.toString('utf8'), current) : null;
      if (form) {
        const posted = await this.network.send({
          url: form.url,
          method: 'POST',
          headers: { 'User-Agent': 'Mozilla/5.0 (local sandbox browser)', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: Buffer.from(form.body),
        });
        if (!posted) return { url: form.url, status: 0, body: `This site can't be reached: ${form.url}` };
        location = posted.rawHeaders.find(([k]) => k.toLowerCase() === 'location')?.[1];
        if (posted.status < 300 || posted.status >= 400 || !location) return { url: form.url, status: posted.status, body: posted.body.toString('utf8') };
        current = new URL(location, form.url).toString();
        continue;
      }
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).toString();
        continue;
      }
      return { url: current, status: res.status, body: res.body.toString('utf8') };
    }
    return { url: current, status: 0, body: 'Too many redirects' };
  }

  /** Runs the callback of the state token in `query.state` (what /usercallback does). */
  async userCallback(query: Record<string, string>): Promise<ExecutionRecord & { html: string; title: string }> {
    const tokens = scriptState(this.world).stateTokens;
    const token = tokens.get(query.state ?? '');
    if (!token || token.expiresAt < this.clock) {
      // Not in the reference: Apps Script answers an unknown or expired token with an error page.
      const html = 'The state token is invalid or has expired. Please try again.';
      const now = this.clock;
      return { id: 0, function: '(usercallback)', kind: 'callback', start: now, end: now, durationMs: 0, roundTrips: {}, errors: [html], logs: [], ok: false, killed: false, html, title: '' };
    }
    const parameter = { ...query, ...token.args };
    const parameters = Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]]));
    // Not in the reference: the callback runs in the document whose execution made the token.
    const r = await this.run(token.method, [{ parameter, parameters, queryString: '', contentLength: -1, contextPath: '' }], 'callback', { containerId: token.containerId });
    const out = r.result as { _html?: () => { content: string; title: string } } | string | undefined;
    const view = typeof out === 'object' && typeof out?._html === 'function' ? out._html() : null;
    const html = typeof out === 'string' ? out : (view?.content ?? '');
    // Apps Script serves the output inside its own page, titled with setTitle.
    return { ...r, html, title: view?.title ?? '' };
  }

  private callbackQuery(url: string): Record<string, string> | null {
    const u = new URL(url);
    if (u.host !== 'script.google.com' || u.pathname !== `/macros/d/${this.scriptId}/usercallback`) return null;
    return Object.fromEntries(u.searchParams.entries());
  }

  triggers(): TriggerModel[] {
    return scriptState(this.world).triggers;
  }

  /**
   * Host-side: `watch` runs just before each round trip is served, at its simulated time. A spec
   * puts a person's action between two calls of a run with it (a number typed between a read
   * and the write after it), which is a moment a real person can hit. Returns the unsubscribe.
   */
  beforeCall(watch: (call: { execution: ExecutionRecord; name: string }) => void): () => void {
    this.callWatchers.add(watch);
    return () => this.callWatchers.delete(watch);
  }

  /** Uses of a daily quota so far for the owner. */
  quotaUsed(name: QuotaName): number {
    return this.quotas.used(this.user, name, this.clock);
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.network.close();
    fs.rmSync(this.bundleDir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- the scheduler

  /**
   * Runs due steps in simulated-time order. May nest: a scenario event that waits for an
   * execution (a person waiting for the OAuth callback page) pumps from inside the outer pump;
   * the outer step is the event itself, already taken off the agenda, so nothing runs twice.
   */
  private async pump(limit: number, stop?: () => boolean): Promise<void> {
    while (!stop?.()) {
      const next = this.nextStep();
      if (!next || next.at > limit) break;
      this.clock = Math.max(this.clock, next.at);
      await next.run();
    }
  }

  private nextStep(): { at: number; run: () => void | Promise<void> } | null {
    let best: { at: number; rank: number; tie: number; run: () => void | Promise<void> } | null = null;
    const offer = (at: number, rank: number, tie: number, run: () => void | Promise<void>) => {
      if (!best || at < best.at || (at === best.at && (rank < best.rank || (rank === best.rank && tie < best.tie)))) best = { at, rank, tie, run };
    };
    for (const e of this.events) offer(e.at, 0, e.seq, () => this.fireEvent(e));
    for (const t of this.triggers()) {
      if (t.eventType === 'CLOCK' && t.nextAt !== null) offer(t.nextAt, 1, 0, () => this.fireClock(t));
    }
    for (const x of this.active) {
      if (x.phase !== 'running' && x.phase !== 'done') offer(x.at, 2, x.id, () => this.step(x));
    }
    return best;
  }

  private async fireEvent(e: TimedEvent): Promise<void> {
    this.events.splice(this.events.indexOf(e), 1);
    await e.run();
  }

  private fireClock(t: TriggerModel): void {
    const at = t.nextAt as number;
    t.nextAt = t.schedule ? nextFire(t.schedule, at) : null;
    // A clock trigger runs in the document it was created in (an add-on's belongs to one).
    this.startExecution(t.handler, [clockEvent(t, at)], 'time', t.owner, t.id, t.documentId);
  }

  private async step(x: Execution): Promise<void> {
    switch (x.phase) {
      case 'start':
        return this.begin(x);
      case 'call':
        return this.serve(x);
      case 'suspended':
        return this.resume(x);
      case 'reply':
        return this.deliver(x);
      default:
        return;
    }
  }

  private async begin(x: Execution): Promise<void> {
    if ((x.kind === 'time' || x.kind === 'edit') && this.quotas.remaining(x.user, 'triggerRuntime', this.clock) <= 0) {
      x.record.errors.push(gasMessages.triggerRuntimeQuota);
      return this.finish(x, x.now);
    }
    const env = this.envFor(x);
    const globals: Record<string, string> = {};
    const roots: Record<string, Remote> = {};
    for (const [name, make] of Object.entries(this.services)) {
      const root = make(env, this.world, { network: this.network, latency: this.latency, manifest: this.opts.manifest, bundleDir: this.bundleDir, account: this.quotas.account });
      roots[name] = root;
      globals[name] = encode(root, (o) => x.handles.tag(o));
    }
    const args = encode(typeof x.args === 'function' ? x.args(env, roots) : x.args, (o) => x.handles.tag(o));
    // Apps Script parses the project and runs its top level before the function (latency.ts).
    x.now += this.scriptLoadMs;
    const lease = this.leaseFor(x);
    const worker = this.pool.acquire();
    x.worker = worker;
    x.phase = 'running';
    const next = this.nextMessage(x);
    worker.start(
      { t: 'run', execId: x.id, fn: x.fn, args, globals, data: this.dataText, enums: this.dataEnums, classes: x.handles.takeNewClasses(), now: x.now, newerBuiltins: this.newerBuiltins, ...(lease ? { lease } : {}) },
      (m) => this.onMessage(x, m),
      (e) => this.onCrash(x, e),
    );
    x.ranSince = performance.now();
    await next;
  }

  /** Resolves when the execution's thread next asks for something or ends. */
  private nextMessage(x: Execution): Promise<void> {
    return new Promise((r) => (x.wakeStep = r));
  }

  /**
   * A lease for `x` (lease.ts), at its start or with a reply, when it runs alone with nothing else due before `until`, no spec
   * watches calls one by one and real CPU time is not charged; undefined otherwise.
   */
  private leaseFor(x: Execution): Lease | undefined {
    if (this.opts.leases === false || (this.opts.cpuTimeFactor ?? 0) > 0 || this.callWatchers.size > 0 || this.active.size !== 1) return undefined;
    let until = x.deadline;
    for (const e of this.events) until = Math.min(until, e.at);
    for (const t of this.triggers()) if (t.eventType === 'CLOCK' && t.nextAt !== null) until = Math.min(until, t.nextAt);
    if (!(x.now < until)) return undefined;
    const objects: Lease['objects'] = [];
    const costs: Record<string, number> = {};
    for (const [handle, o] of x.handles.leasable()) {
      if (o.leased.size === 0) continue;
      const state = o._leaseState();
      if (state === undefined) continue;
      objects.push({ handle, cls: o.gasName, state });
      Object.assign(costs, this.leaseCosts(o));
    }
    if (objects.length === 0) return undefined;
    const quota: Record<string, number> = {};
    for (const name of ['properties', 'propertyWrites'] as const) quota[name] = this.quotas.remaining(x.user, name, this.clock);
    return { until, costs, quota, objects, env: (x.leaseEnv ??= this.leaseEnvOf(x)) };
  }

  private leaseEnvOf(x: Execution): LeaseEnv {
    const env = this.envFor(x);
    return {
      execId: x.id,
      authMode: x.authMode,
      effectiveUserEmail: env.effectiveUserEmail,
      activeUserEmail: env.activeUserEmail,
      containerId: env.containerId,
      scriptTimeZone: env.scriptTimeZone,
      userLocale: env.userLocale,
      scriptId: env.scriptId,
      uiAvailable: env.uiAvailable,
    };
  }

  /** What each of a class's leased methods costs (fixed per runtime: the latency model's, 0 when local). */
  private leaseCosts(o: Remote): Record<string, number> {
    let costs = this.leaseCostsByClass.get(o.gasName);
    if (!costs) {
      costs = {};
      for (const m of o.leased) costs[`${o.gasName}.${m}`] = o.localMethods.has(m) ? 0 : this.latency.cost({ name: `${o.gasName}.${m}` });
      this.leaseCostsByClass.set(o.gasName, costs);
    }
    return costs;
  }
  private readonly leaseCostsByClass = new Map<string, Record<string, number>>();

  /**
   * Replays the calls the thread served under its lease, in order and each at its simulated
   * time, on the host's objects: they are counted, charged and applied exactly as served calls
   * are. Nothing else ran meanwhile (the lease's terms), so each must answer what the thread's
   * copy answered; a difference is the runtime's bug, reported as the execution's error.
   */
  private replayLeased(x: Execution, calls: readonly LeasedCall[]): void {
    for (const c of calls) {
      const target = x.handles.get(c.handle);
      const name = `${target?.gasName}.${c.method}`;
      if (!target || !target.leased.has(c.method)) {
        x.record.errors.push(`Internal: a leased call the host cannot replay: ${name}`);
        continue;
      }
      this.clock = Math.max(this.clock, c.at);
      const { local } = this.countCall(x, target, c.method);
      x.extra = 0;
      let answer: { result?: string; error?: { name: string; message: string } };
      try {
        const args = this.decodeHost(x, c.args) as unknown[];
        const result = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[c.method]!.apply(target, args);
        if (result instanceof Promise || result instanceof Suspend) throw new Error(`${name} cannot wait under a lease`);
        answer = { result: encode(result, (o) => x.handles.tag(o)) };
      } catch (e) {
        answer = { error: errorOf(e) };
      }
      if (answer.result !== c.result || answer.error?.message !== c.error?.message) {
        x.record.errors.push(`Internal: ${name} answered ${answer.result ?? answer.error?.message} on the host but ${c.result ?? c.error?.message} under the lease`);
      }
      x.now = c.at + (local ? x.extra : this.latency.cost({ name }) + x.extra);
    }
  }

  private onMessage(x: Execution, m: WorkerMessage): void {
    if (m.leased) this.replayLeased(x, m.leased);
    x.record.logs.push(...m.logs);
    const cpu = (performance.now() - x.ranSince) * (this.opts.cpuTimeFactor ?? 0);
    x.now += cpu;
    if (m.t === 'call') {
      x.call = m;
      x.phase = 'call';
      x.at = x.now;
    } else {
      if (m.ok) {
        x.record.ok = true;
        x.record.result = this.decodeHost(x, m.result ?? '{"$u":1}');
      } else if (!(m.error?.message === `Script function not found: ${x.fn}` && x.kind === 'simple')) {
        // A missing simple trigger (no onEdit in the bundle) is not an error in Apps Script.
        x.record.errors.push(`${m.error?.name === 'Exception' ? 'Exception: ' : `${m.error?.name}: `}${m.error?.message}`);
      } else {
        // Nothing ran: Apps Script starts no execution for a simple trigger the script lacks.
        x.record.ok = true;
        x.unrecorded = true;
      }
      this.finish(x, x.now);
    }
    const w = x.wakeStep;
    x.wakeStep = null;
    w?.();
  }

  private onCrash(x: Execution, e: Error): void {
    if (x.phase === 'done') return;
    x.record.errors.push(`Internal: ${e.message}`);
    this.finish(x, x.now);
    const w = x.wakeStep;
    x.wakeStep = null;
    w?.();
  }

  /** Counts a call as a round trip unless it is local (Remote.localMethods). */
  private countCall(x: Execution, target: Remote, method: string): { name: string; local: boolean } {
    const name = `${target.gasName}.${method}`;
    const local = target.localMethods.has(method);
    if (!local) x.record.roundTrips[name] = (x.record.roundTrips[name] ?? 0) + 1;
    return { name, local };
  }

  /** Serves the pending call at the execution's time. */
  private async serve(x: Execution): Promise<void> {
    const call = x.call as CallMessage;
    x.call = null;
    // Taken: no other pump may serve this step while it awaits the network.
    x.phase = 'running';
    if (this.clock > x.deadline) return this.kill(x, x.deadline);
    const target = x.handles.get(call.handle);
    if (!target || !exposedMethods(target).includes(call.method)) {
      return this.answer(x, { ok: false, error: { name: 'TypeError', message: `${call.method} is not a function` } }, 0);
    }
    const { name, local } = this.countCall(x, target, call.method);
    if (!local) for (const watch of this.callWatchers) watch({ execution: x.record, name });
    x.extra = 0;
    let cells = 0;
    try {
      const args = this.decodeHost(x, call.args) as unknown[];
      // Properties a script set on a service object (HtmlTemplate variables) travel with the call.
      const assign = (target as unknown as { _assign?: (v: Record<string, unknown>) => void })._assign;
      if (call.props && assign) assign.call(target, this.decodeHost(x, call.props) as Record<string, unknown>);
      cells = gridSize(args[0]);
      let result = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[call.method]!.apply(target, args);
      if (result instanceof Promise) result = await result;
      if (result instanceof Suspend) return this.park(x, result);
      cells = Math.max(cells, gridSize(result));
      const cost = local ? x.extra : this.latency.cost({ name, cells }) + x.extra;
      return this.answer(x, { ok: true, result: encode(result, (o) => x.handles.tag(o)) }, cost);
    } catch (e) {
      const cost = local ? x.extra : this.latency.cost({ name, cells }) + x.extra;
      return this.answer(x, { ok: false, error: errorOf(e) }, cost);
    }
  }

  private park(x: Execution, s: Suspend): void {
    x.phase = 'suspended';
    x.suspended = s;
    x.at = Math.max(s.wakeAt, this.clock);
  }

  private async resume(x: Execution): Promise<void> {
    const s = x.suspended as Suspend;
    x.suspended = null;
    x.phase = 'running';
    try {
      const result = s.retry();
      if (result instanceof Suspend) return this.park(x, result);
      this.answer(x, { ok: true, result: encode(result, (o) => x.handles.tag(o)) }, this.latency.cost({ name: 'LockService.Lock.waitLock' }));
    } catch (e) {
      this.answer(x, { ok: false, error: errorOf(e) }, this.latency.cost({ name: 'LockService.Lock.waitLock' }));
    }
  }

  private answer(x: Execution, reply: NonNullable<Execution['reply']>, cost: number): void {
    const done = this.clock + cost;
    if (done > x.deadline) {
      // The backend did the work; the script is stopped before it hears back.
      this.kill(x, x.deadline);
      return;
    }
    x.now = done;
    x.at = done;
    x.reply = reply;
    x.phase = 'reply';
  }

  private async deliver(x: Execution): Promise<void> {
    const r = x.reply!;
    x.reply = null;
    x.phase = 'running';
    const next = this.nextMessage(x);
    // A lease again from here, as at the start: the host's state as it is now, and the same terms.
    const lease = this.leaseFor(x);
    x.worker!.reply({ ...r, now: x.now, classes: x.handles.takeNewClasses(), ...(lease ? { lease } : {}) });
    x.ranSince = performance.now();
    await next;
  }

  private kill(x: Execution, at: number): void {
    x.record.killed = true;
    x.record.errors.push(gasMessages.executionTime);
    const w = x.worker;
    x.worker = null;
    this.finish(x, at);
    if (w) void this.pool.kill(w);
  }

  private finish(x: Execution, at: number): void {
    if (x.phase === 'done') return;
    x.phase = 'done';
    x.now = at;
    this.active.delete(x);
    if (x.worker) {
      x.worker.release();
      x.worker = null;
    }
    // Locks are released when the script ends (apps-script-platform §1.4).
    releaseLocksOf(this.world, x.id, (key) => this.wake(key));
    const r = x.record;
    r.end = at;
    r.durationMs = at - r.start;
    if (x.kind === 'time' || x.kind === 'edit') this.quotas.add(x.user, 'triggerRuntime', r.durationMs, at);
    if (x.fn !== INSPECT && !x.unrecorded) this.executions.push(r);
    x.settle(r);
  }

  private wake(key: string): void {
    for (const x of this.active) {
      if (x.phase === 'suspended' && x.suspended?.key === key) x.at = Math.min(x.at, this.clock);
    }
  }

  private decodeHost(x: Execution, text: string): unknown {
    return decode(text, {
      parse: JSON.parse,
      date: (ms) => new Date(ms),
      handle: (id) => x.handles.get(id) ?? null,
    });
  }

  private envFor(x: Execution): KernelEnv {
    const rt = this;
    const scopes = this.opts.manifest.oauthScopes;
    return {
      execId: x.id,
      authMode: x.authMode,
      scriptTimeZone: this.opts.manifest.timeZone,
      userLocale: 'ko',
      effectiveUserEmail: x.user,
      // Apps Script hides the active user from time-driven triggers of consumer accounts.
      activeUserEmail: x.kind === 'time' ? '' : x.user,
      containerId: x.containerId,
      uiAvailable: x.uiAvailable,
      scriptId: this.scriptId,
      ui: this.ui,
      now: () => rt.clock,
      useQuota: (name, n = 1) => rt.quotas.use(x.user, name, n, rt.clock),
      sleep: (ms) => {
        x.extra += Math.max(0, ms);
      },
      log: (level, text) => x.record.logs.push({ level, text }),
      hasScope: (scope) => !scopes || scopes.includes(scope),
      wake: (key) => rt.wake(key),
    };
  }
}

function snapshotBundle(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-project-'));
  for (const f of fs.readdirSync(dir)) {
    const from = path.join(dir, f);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(copy, f));
  }
  return copy;
}

/** What gas-local loads into each execution: every .js file of the folder. */
function scriptBytesOf(dir: string): number {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

function gridSize(v: unknown): number {
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0])) return 0;
  return v.length * (v[0] as unknown[]).length;
}

/** The event object of a time-driven trigger; its fields are in UTC (Apps Script's own choice). */
function clockEvent(t: TriggerModel, at: number): Record<string, unknown> {
  const w = wallTime(at, 'UTC');
  const d = new Date(at);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL',
    triggerUid: t.id,
    year: w.year,
    month: w.month,
    'day-of-month': w.day,
    'day-of-week': w.weekday === 0 ? 7 : w.weekday,
    'week-of-year': Math.ceil(((at - jan1) / 86_400_000 + new Date(jan1).getUTCDay() + 1) / 7),
    hour: w.hour,
    minute: w.minute,
    second: w.second,
    timezone: 'UTC',
  };
}

/** What the user would see: toasts, menus, the open sidebar, dialogs, alerts. */
export class UiRecorder implements UiSink {
  readonly toasts: Array<{ spreadsheetId: string; message: string; title: string; timeoutSeconds: number }> = [];
  menus = new Map<string, ReadonlyArray<{ caption: string; functionName: string } | null>>();
  sidebar: { title: string; content: string; width: number } | null = null;
  dialogs: Array<{ title: string; content: string; width: number; height: number }> = [];
  alerts: Array<{ title: string; prompt: string }> = [];

  toast(spreadsheetId: string, message: string, title: string, timeoutSeconds: number): void {
    this.toasts.push({ spreadsheetId, message, title, timeoutSeconds });
  }
  addMenu(name: string, items: ReadonlyArray<{ caption: string; functionName: string } | null>): void {
    this.menus.set(name, items);
  }
  showSidebar(html: { title: string; content: string; width: number }): void {
    this.sidebar = html;
  }
  showModalDialog(html: { title: string; content: string; width: number; height: number }): void {
    this.dialogs.push(html);
  }
  alert(title: string, prompt: string): void {
    this.alerts.push({ title, prompt });
  }
}

export { Remote };
