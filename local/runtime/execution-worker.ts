/**
 * One Apps Script execution thread. The host posts a `run`; this thread builds a fresh global
 * scope (as Apps Script does for every execution), runs the built bundle's files in it, calls
 * the entry function and reports back. Every service call blocks this thread while the host
 * serves it, so the script sees the same synchronous services Apps Script gives.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import * as vm from 'node:vm';
import { hideNewerBuiltinsSource } from './language-level';
import { compiledBundle, type CompiledFile } from './bundle-scripts';
import { errorOf } from './errors';
import { inThreadMethod } from './in-thread';
import { LeaseExhausted, leasedInstance, leaseEnv } from './lease';
import { LeaseCopies } from './lease-copies';
import type { Remote } from './remote';
import type { KernelEnv } from './kernel-env';
import { decode, encode, INSPECT, isDateLike, NOT_WIRED, wireCopy, wireResult, type ClassDescriptor, type Lease, type LeasedCall, type LogLine, type ReplyMessage, type RunMessage, type Tagged } from './wire';

interface WorkerInit {
  bundleDir: string;
  signal: SharedArrayBuffer;
  replies: MessagePort;
}

const init = workerData as WorkerInit;
const signal = new Int32Array(init.signal);
const port = parentPort!;

/**
 * Compiled once per thread, run in every execution's fresh context: a vm.Script is not tied to
 * a context, so only compiling (and V8's lazy compiles of the functions it reaches) is shared;
 * every execution still runs the bundle's top level in a new global scope, as Apps Script does.
 */
let bundle: readonly CompiledFile[] | null = null;
const helpers = {
  hideNewer: new vm.Script(hideNewerBuiltinsSource(), { filename: 'gas-runtime:language-level' }),
  simDate: new vm.Script(
    `(function (now) {
      const D = Date;
      function SimDate(...a) {
        if (!new.target) return new D(now()).toString();
        return Reflect.construct(D, a.length ? a : [now()], new.target);
      }
      SimDate.prototype = D.prototype;
      Object.defineProperty(D.prototype, 'constructor', { value: SimDate, writable: true, configurable: true });
      SimDate.now = () => now();
      SimDate.UTC = D.UTC;
      SimDate.parse = D.parse;
      return SimDate;
    })`,
    { filename: 'gas-runtime:clock' },
  ),
  enumFactory: new vm.Script(
    `(function (name, ordinal) {
      return Object.freeze({
        name: function () { return name; },
        toString: function () { return name; },
        toJSON: function () { return name; },
        ordinal: function () { return ordinal; },
        compareTo: function (other) { return ordinal - other.ordinal(); },
      });
    })`,
    { filename: 'gas-runtime:enum' },
  ),
  realm: new vm.Script('({ JSON: JSON, Error: Error, Object: Object, Array: Array })', { filename: 'gas-runtime:realm' }),
};

/**
 * Service classes' descriptors, kept by the thread for all its executions: the host sends each
 * once per thread (worker-pool.ts), not with every execution. They describe the runtime's
 * services, not the script, so no state of one execution reaches the next through them.
 */
const threadClasses = new Map<string, ClassDescriptor>();
/** Qualified enum name → members (from the descriptors and the data globals). */
const threadEnumMembers = new Map<string, string[]>();
/** The leased stores' copies, kept for all the thread's executions (lease-copies.ts). */
const leaseCopies = new LeaseCopies();

port.on('message', (msg: RunMessage) => {
  if (msg.t === 'run') void runExecution(msg);
});

/**
 * The next execution's scope, made while this thread would otherwise wait: a fresh context with
 * the bundle's top level already run. Apps Script also runs the top level before the function,
 * and nothing of the execution is known there except what every execution shares (the data
 * globals, the level of built-ins, the services' names); the services, the clock and the logs
 * are traps meanwhile, and a top level that touches one spoils the scope, which is then dropped
 * and made again when the run comes (so it sees the execution's own). Another thread can run an
 * execution meanwhile, so on two cores the top level costs the simulation little.
 */
let prewarmed: { key: string; scope: ExecutionScope } | null = null;
/** The service classes whose prototypes the thread's last execution made (made ahead for the next). */
let protosUsedLast: readonly string[] = [];
let runsStarted = 0;

function prewarmKey(msg: RunMessage): string {
  return `${msg.newerBuiltins}\u0000${Object.keys(msg.globals).join(',')}\u0000${JSON.stringify(msg.enums)}\u0000${msg.data}`;
}

function schedulePrewarm(template: RunMessage): void {
  const started = runsStarted;
  setImmediate(() => {
    if (runsStarted !== started) return;
    const scope = ExecutionScope.madeAhead(template);
    if (scope && runsStarted === started) prewarmed = { key: prewarmKey(template), scope };
  });
}

async function runExecution(msg: RunMessage): Promise<void> {
  // First: the host counts every lease it sends as taken, whatever becomes of this run.
  leaseCopies.take(msg.lease);
  runsStarted++;
  const ready = prewarmed?.key === prewarmKey(msg) ? prewarmed.scope : null;
  prewarmed = null;
  const exec = ready ?? new ExecutionScope(msg);
  try {
    const ctx = ready ? ready.attach(msg) : exec.context();
    exec.takeLease(msg.lease);
    if (msg.fn === INSPECT) {
      const names = Object.keys(ctx).filter((k) => typeof (ctx as Record<string, unknown>)[k] === 'function' && !exec.injected.has(k));
      port.postMessage({ t: 'done', execId: msg.execId, ok: true, result: JSON.stringify(names), logs: exec.flushLogs() });
      return;
    }
    const args = exec.decode(msg.args) as unknown[];
    const fn = (ctx as Record<string, unknown>)[msg.fn];
    if (typeof fn !== 'function') throw exec.exception(`Script function not found: ${msg.fn}`);
    let result = (fn as (...a: unknown[]) => unknown).apply(ctx, args);
    // Apps Script drains the microtask queue before the execution ends.
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') result = await result;
    await new Promise((r) => setImmediate(r));
    port.postMessage({ t: 'done', execId: msg.execId, ok: true, result: exec.encode(result), logs: exec.flushLogs(), ...exec.endLease() });
  } catch (e) {
    const err = e as { name?: string; message?: string; stack?: string };
    port.postMessage({
      t: 'done',
      execId: msg.execId,
      ok: false,
      error: { name: String(err?.name ?? 'Error'), message: String(err?.message ?? e), stack: err?.stack },
      logs: exec.flushLogs(),
      ...exec.endLease(),
    });
  }
  protosUsedLast = exec.protoNames();
  schedulePrewarm(msg);
}

class ExecutionScope {
  private now: number;
  /** The thread's (see `threadClasses`). */
  private readonly classes = threadClasses;
  private readonly protos = new Map<string, object>();
  private handles = new WeakMap<object, number>();
  private proxies = new Map<number, object>();
  private constantKeys = new WeakMap<object, Set<string>>();
  private logs: LogLine[] = [];
  /** Globals the runtime put there (not the bundle's). */
  readonly injected = new Set<string>();
  private ctx!: vm.Context;
  private ctxDate!: DateConstructor;
  private ctxJSON!: JSON;
  private ctxObject!: ObjectConstructor;
  private ctxArray!: ArrayConstructor;
  private makeEnum: ((name: string, ordinal: number) => object) | undefined;
  ctxError!: ErrorConstructor;

  private classOf = new WeakMap<object, string>();
  /** Proxy → its fixed answers (Remote._answers). */
  answers = new WeakMap<object, Record<string, unknown>>();
  /** Qualified enum name → members, and the enum objects made so far (one per member). */
  private readonly enumMembers = threadEnumMembers;
  private readonly enumValues = new Map<string, object>();
  /** Enum object → its name (what its toJSON, and so the wire, makes of it). */
  private readonly enumNames = new WeakMap<object, string>();

  /** Made ahead of its run (see `prewarmed`): reading the clock, a service or the log spoils it. */
  private ahead = false;
  private spoiled = false;

  constructor(private msg: RunMessage) {
    this.now = msg.now;
    for (const c of msg.classes) this.learn(c);
  }

  /** A scope for the next run like `template`, its top level run with traps for what is the run's own; null when spoiled. */
  static madeAhead(template: RunMessage): ExecutionScope | null {
    const scope = new ExecutionScope(template);
    scope.ahead = true;
    try {
      const ctx = scope.context();
      // A top-level function or class of a service's name replaced its trap: that run's services come first.
      for (const name of Object.keys(template.globals)) if (Object.getOwnPropertyDescriptor(ctx, name)?.get !== scope.trap) scope.spoiled = true;
      // The template's services, decoded now: the next run of the same kind gets the same ones.
      if (!scope.spoiled) scope.servicesAhead = { texts: template.globals, values: Object.fromEntries(Object.entries(template.globals).map(([n, h]) => [n, scope.decode(h)])) };
      // The prototypes of the service classes the last run used (a Sheet, a Range, a response):
      // the next run of the same kind uses the same, and each is a function per method.
      for (const cls of protosUsedLast) scope.proto(cls);
    } catch {
      scope.spoiled = true;
    }
    return scope.spoiled ? null : scope;
  }

  /**
   * The services of the run the scope was made like, decoded ahead (madeAhead): a run that brings
   * the same ones (the same handles, classes and answers, as every minute's sync does) takes them
   * as they are, off its critical path.
   */
  private servicesAhead: { texts: Record<string, string>; values: Record<string, unknown> } | null = null;

  /** Gives a scope made ahead its run: the run's time, classes and services. */
  attach(msg: RunMessage): vm.Context {
    this.msg = msg;
    this.now = msg.now;
    this.ahead = false;
    const ahead = this.servicesAhead;
    this.servicesAhead = null;
    const same = ahead !== null && msg.classes.length === 0 && sameTexts(ahead.texts, msg.globals);
    // Other services: nothing decoded ahead may stand for this run's handles.
    if (ahead && !same) this.forgetObjects();
    for (const c of msg.classes) {
      this.learn(c);
      this.protos.delete(c.name);
    }
    for (const [name, h] of Object.entries(msg.globals)) {
      Object.defineProperty(this.ctx, name, { value: same ? ahead.values[name] : this.decode(h), writable: true, enumerable: true, configurable: true });
    }
    return this.ctx;
  }

  private forgetObjects(): void {
    this.handles = new WeakMap();
    this.proxies = new Map();
    this.constantKeys = new WeakMap();
    this.classOf = new WeakMap();
    this.answers = new WeakMap();
  }

  /** Stands for a service while the scope is made ahead. */
  private readonly trap = () => {
    this.spoiled = true;
    return undefined;
  };

  private clockNow(): number {
    if (this.ahead) this.spoiled = true;
    return this.now;
  }

  private learn(c: ClassDescriptor): void {
    this.classes.set(c.name, c);
    for (const [q, members] of Object.entries(c.enums ?? {})) this.enumMembers.set(q, members);
  }

  /**
   * An Apps Script enum value: an object with name(), toString() and ordinal() (its place in
   * the typings' declaration) and compareTo(); one object per member, so === works. JSON (and
   * so a service call) carries its name.
   */
  private enumValue(q: string, member: string): object {
    const key = `${q}.${member}`;
    let v = this.enumValues.get(key);
    if (v) return v;
    const members = this.enumMembers.get(q) ?? [];
    this.makeEnum ??= helpers.enumFactory.runInContext(this.ctx) as (name: string, ordinal: number) => object;
    v = this.makeEnum(member, members.indexOf(member));
    this.enumValues.set(key, v);
    this.enumNames.set(v, member);
    return v;
  }

  private enumObject(q: string): object {
    const o = new this.ctxObject() as Record<string, unknown>;
    for (const m of this.enumMembers.get(q) ?? []) o[m] = this.enumValue(q, m);
    return Object.freeze(o);
  }

  /** A service's enum result: strings (or arrays of them) become enum objects. */
  private toEnum(q: string, v: unknown): unknown {
    if (typeof v === 'string' && (this.enumMembers.get(q) ?? []).includes(v)) return this.enumValue(q, v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = this.toEnum(q, v[i]);
    }
    return v;
  }

  context(): vm.Context {
    const globals: Record<string, unknown> = {};
    // Services must exist before the bundle's top level runs, so the empty context first gives
    // us the realm's constructors to build them with.
    const ctx = vm.createContext(globals);
    this.ctx = ctx;
    const realm = helpers.realm.runInContext(ctx) as { JSON: JSON; Error: ErrorConstructor; Object: ObjectConstructor; Array: ArrayConstructor };
    this.ctxJSON = realm.JSON;
    this.ctxError = realm.Error;
    this.ctxObject = realm.Object;
    this.ctxArray = realm.Array;
    if (this.msg.newerBuiltins !== 'allow') helpers.hideNewer.runInContext(ctx);
    this.ctxDate = this.installClock(ctx);
    this.installConsole(ctx);
    for (const [q, members] of Object.entries(this.msg.enums ?? {})) this.enumMembers.set(q, members);
    const data = this.decode(this.msg.data) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) {
      if (v !== null && typeof v === 'object') {
        for (const [m, e] of Object.entries(v as Record<string, unknown>)) {
          const q = e !== null && typeof e === 'object' ? (e as { $enum?: unknown }).$enum : undefined;
          if (typeof q === 'string') (v as Record<string, unknown>)[m] = this.enumObject(q);
        }
      }
      globals[k] = v;
    }
    for (const [name, h] of Object.entries(this.msg.globals)) {
      if (this.ahead) Object.defineProperty(globals, name, { get: this.trap, set: this.trap, enumerable: true, configurable: true });
      else globals[name] = this.decode(h);
    }
    for (const k of Object.keys(globals)) this.injected.add(k);
    bundle ??= compiledBundle(init.bundleDir);
    for (const f of bundle) f.script.runInContext(ctx);
    return ctx;
  }

  /** `Date` reads the simulated clock: the host's time as of the last service call. */
  private installClock(ctx: vm.Context): DateConstructor {
    const makeSimDate = helpers.simDate.runInContext(ctx) as (now: () => number) => DateConstructor;
    const SimDate = makeSimDate(() => this.clockNow());
    (ctx as Record<string, unknown>).Date = SimDate;
    return SimDate;
  }

  private installConsole(ctx: vm.Context): void {
    const g = ctx as Record<string, unknown>;
    const line = (level: LogLine['level']) => (...a: unknown[]) => {
      if (this.ahead) this.spoiled = true;
      this.logs.push({ level, text: a.map((x) => (typeof x === 'string' ? x : safeJson(x))).join(' ') });
    };
    g.console = { log: line('log'), info: line('info'), warn: line('warn'), error: line('error'), debug: line('log') };
    let logText = '';
    const logger = {
      log: (fmt: unknown, ...rest: unknown[]) => {
        let text = typeof fmt === 'string' ? fmt : safeJson(fmt);
        for (const r of rest) text = text.replace(/%s|%d/, typeof r === 'string' ? r : safeJson(r));
        logText += text + '\n';
        if (this.ahead) this.spoiled = true;
        this.logs.push({ level: 'info', text });
        return logger;
      },
      getLog: () => {
        if (this.ahead) this.spoiled = true;
        return logText;
      },
      clear: () => {
        logText = '';
      },
    };
    g.Logger = logger;
  }

  flushLogs(): LogLine[] {
    const l = this.logs;
    this.logs = [];
    return l;
  }

  exception(message: string, name = 'Exception'): Error {
    const e = new this.ctxError(message);
    e.name = name;
    return e;
  }

  decode(text: string): unknown {
    return decode(text, {
      parse: (t, r) => this.ctxJSON.parse(t, r as never),
      date: (ms) => new this.ctxDate(ms),
      handle: (id, cls, answers) => this.proxy(id, cls, answers),
    });
  }

  encode(value: unknown): string {
    return encode(value, (o): Tagged | undefined => {
      const id = this.handles.get(o);
      return id === undefined ? undefined : { $h: id, $c: '' };
    });
  }

  /** What the script assigned on a service object beyond its constants (template variables). */
  private ownProps(target: object): string | undefined {
    const constants = this.constantKeys.get(target);
    const keys = Object.keys(target).filter((k) => !constants?.has(k));
    if (keys.length === 0) return undefined;
    const o: Record<string, unknown> = {};
    for (const k of keys) o[k] = (target as Record<string, unknown>)[k];
    return this.encode(o);
  }

  private proxy(id: number, cls: string, answers?: Record<string, unknown>): object {
    const existing = this.proxies.get(id);
    if (existing) return existing;
    const obj = Object.create(this.proto(cls)) as Record<string, unknown>;
    const desc = this.classes.get(cls);
    if (desc) {
      for (const [k, v] of Object.entries(desc.constants)) {
        const q = v !== null && typeof v === 'object' ? (v as { $enum?: unknown }).$enum : undefined;
        if (typeof q !== 'string') obj[k] = this.decode(JSON.stringify(v));
        // An enum (SpreadsheetApp has dozens, hundreds of members) is made when first read: a
        // data property from then on, as in Apps Script; most executions read few of them.
        else
          Object.defineProperty(obj, k, {
            get: () => {
              const e = this.enumObject(q);
              Object.defineProperty(obj, k, { value: e, writable: true, enumerable: true, configurable: true });
              return e;
            },
            set: (e: unknown) => Object.defineProperty(obj, k, { value: e, writable: true, enumerable: true, configurable: true }),
            enumerable: true,
            configurable: true,
          });
      }
    }
    this.constantKeys.set(obj, new Set(Object.keys(desc?.constants ?? {})));
    this.classOf.set(obj, cls);
    if (answers) this.answers.set(obj, answers);
    this.handles.set(obj, id);
    this.proxies.set(id, obj);
    return obj;
  }

  protoNames(): string[] {
    return [...this.protos.keys()];
  }

  private proto(cls: string): object {
    let p = this.protos.get(cls);
    if (p) return p;
    p = new this.ctxObject() as Record<string, unknown>;
    const desc = this.classes.get(cls);
    const scope = this;
    const short = cls.split('.').pop() ?? cls;
    const inThread = new Set(desc?.inThread ?? []);
    const stale = new Set(desc?.staleAfter ?? []);
    const leased = new Set(desc?.leased ?? []);
    for (const m of desc?.methods ?? []) {
      (p as Record<string, unknown>)[m] = function (this: object, ...args: unknown[]) {
        if (args.length === 0) {
          const a = scope.answered(this, m);
          if (a !== NOT_ANSWERED) return a;
        }
        if (inThread.has(m)) return scope.runInThread(this, cls, m, args);
        if (leased.has(m)) {
          const r = scope.runLeased(this, cls, m, args);
          if (r !== NOT_LEASED) return r;
        }
        if (stale.has(m)) scope.answers.delete(this);
        return scope.call(this, m, args);
      };
    }
    for (const m of desc?.unavailable ?? []) {
      // A documented method the fake does not emulate: a clear error, never "is not a function".
      (p as Record<string, unknown>)[m] = function () {
        throw new scope.ctxError(`Not available in the local runtime: ${short}.${m}`);
      };
    }
    if (!desc?.methods.includes('toString')) (p as Record<string, unknown>).toString = () => short;
    this.protos.set(cls, p);
    return p;
  }

  /** A fixed answer the host sent with the object (Remote._answers): a service object as is, data as a fresh copy. */
  answered(target: object, method: string): unknown {
    const a = this.answers.get(target);
    if (!a || !Object.prototype.hasOwnProperty.call(a, method)) return NOT_ANSWERED;
    const v = a[method];
    if (v !== null && typeof v === 'object' && this.handles.has(v)) return v;
    const copy = v !== null && typeof v === 'object' ? this.ctxJSON.parse(JSON.stringify(v)) : v;
    const q = this.classes.get(this.classOf.get(target) ?? '')?.enumReturns?.[method];
    return q === undefined ? copy : this.toEnum(q, copy);
  }

  /**
   * A pure local method (Remote.inThread) run here with the host's own code: the arguments and
   * the result cross the same wire encoding as a call's, and an error is thrown as the host's
   * would be. A service object among the arguments goes to the host, which knows what it is.
   */
  runInThread(target: object, cls: string, method: string, args: unknown[]): unknown {
    const fn = inThreadMethod(cls, method);
    // Text, numbers, byte arrays and enum values (a hash's arguments) are copied as the wire
    // would bring them, without the wire; anything else crosses it as a call's arguments do.
    if (!fn) return this.call(target, method, args);
    let hostArgs = wireCopy(args, this.enumNames);
    if (hostArgs === undefined) {
      const text = this.encode(args);
      if (text.includes('"$h"')) return this.call(target, method, args);
      hostArgs = plainArgs(text);
    }
    if (this.handles.get(target) === undefined) throw this.exception(`Invalid receiver for ${method}`);
    let result: unknown;
    try {
      result = fn(...hostArgs);
    } catch (e) {
      const err = errorOf(e);
      throw this.exception(err.message, err.name);
    }
    const fast = wireResult(result, this.ctxArray);
    const out = fast !== NOT_WIRED ? fast : this.decode(encode(result, () => undefined));
    const q = this.classes.get(cls)?.enumReturns?.[method];
    return q === undefined ? out : this.toEnum(q, out);
  }

  /** The lease (lease.ts) from the run's start or the last reply to the next message to the host. */
  private lease: { readonly terms: Lease; readonly objects: Map<number, { cls: string; state: unknown; copy?: Remote }>; readonly quota: Record<string, number>; env?: KernelEnv } | null = null;
  private leasedCalls: LeasedCall[] = [];
  /** The simulated time of the leased call being served (the copies' clock). */
  private leaseClock = 0;

  takeLease(terms: Lease | undefined): void {
    if (!terms) return;
    // The copies and their env are made at the lease's first call: most replies' leases see none.
    this.lease = { terms, objects: new Map(terms.objects.map((o) => [o.handle, { cls: o.cls, state: o.state }])), quota: { ...terms.quota } };
  }

  /** Ends the lease: the calls served under it travel with the message being sent, for the host to replay. */
  endLease(): { leased?: LeasedCall[] } {
    this.lease = null;
    if (this.leasedCalls.length === 0) return {};
    const leased = this.leasedCalls;
    this.leasedCalls = [];
    return { leased };
  }

  /**
   * Serves a call under the lease with the host's own code on the thread's copy, when the call
   * starts before the lease's end; NOT_LEASED sends it to the host (which ends the lease).
   */
  runLeased(target: object, cls: string, method: string, args: unknown[]): unknown {
    const lease = this.lease;
    const handle = this.handles.get(target);
    const o = handle === undefined ? undefined : lease?.objects.get(handle);
    if (!lease || !o || handle === undefined || !(this.now < lease.terms.until) || this.ownProps(target) !== undefined) return NOT_LEASED;
    const text = this.encode(args);
    if (text.includes('"$h"')) return NOT_LEASED;
    const copy = (o.copy ??= leasedInstance(cls, o.state, (lease.env ??= leaseEnv(lease.terms.env, () => this.leaseClock, lease.quota))));
    if (!copy) return NOT_LEASED;
    const at = this.now;
    this.leaseClock = at;
    let call: LeasedCall;
    try {
      const argsHere = plainArgs(text);
      const r = (copy as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.apply(copy, argsHere);
      // A method returning its object (setProperty) answers the script's own handle, as the host's does.
      call = { handle, method, args: text, at, result: encode(r, (v) => (v === copy ? { $h: handle, $c: cls } : undefined)) };
    } catch (e) {
      // Its quota is the host's to refuse: the host serves it, with the lease over (nothing was changed before the charge).
      if (e instanceof LeaseExhausted) return NOT_LEASED;
      call = { handle, method, args: text, at, error: errorOf(e) };
    }
    this.leasedCalls.push(call);
    this.now = at + (lease.terms.costs[`${cls}.${method}`] ?? 0);
    if (call.error) throw this.exception(call.error.message, call.error.name);
    const result = this.decode(call.result ?? '{"$u":1}');
    const q = this.classes.get(cls)?.enumReturns?.[method];
    return q === undefined ? result : this.toEnum(q, result);
  }

  /** A synchronous service call: post it, block until the host answers. */
  private call(target: object, method: string, args: unknown[]): unknown {
    const handle = this.handles.get(target);
    if (handle === undefined) throw this.exception(`Invalid receiver for ${method}`);
    // The host bumps the signal after each reply; wait on the value seen before asking, so a
    // late bump from the previous reply costs at most one extra pass, never a spin.
    let seen = Atomics.load(signal, 0);
    port.postMessage({ t: 'call', execId: this.msg.execId, handle, method, args: this.encode(args), props: this.ownProps(target), logs: this.flushLogs(), ...this.endLease() });
    let reply: { message: ReplyMessage } | undefined;
    for (;;) {
      Atomics.wait(signal, 0, seen, 1000);
      reply = receiveMessageOnPort(init.replies) as { message: ReplyMessage } | undefined;
      if (reply) break;
      seen = Atomics.load(signal, 0);
    }
    const r = reply.message;
    leaseCopies.take(r.lease);
    this.now = r.now;
    for (const c of r.classes ?? []) this.learn(c);
    this.takeLease(r.lease);
    if (!r.ok) throw this.exception(r.error?.message ?? 'Unknown error', r.error?.name ?? 'Exception');
    const result = this.decode(r.result ?? '{"$u":1}');
    const q = this.classes.get(this.classOf.get(target) ?? '')?.enumReturns?.[method];
    return q === undefined ? result : this.toEnum(q, result);
  }
}

const NOT_ANSWERED = Symbol('not answered');

/** Arguments as host code takes them (this thread's realm, no service objects among them). */
function plainArgs(text: string): unknown[] {
  return decode(text, { parse: JSON.parse, date: (ms) => new Date(ms), handle: () => null }) as unknown[];
}

function sameTexts(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
const NOT_LEASED = Symbol('not leased');

function safeJson(x: unknown): string {
  if (isDateLike(x)) return x.toString();
  // An enum value logs as its name (ROWS), as Apps Script's Logger shows it.
  if (x !== null && typeof x === 'object' && typeof (x as { ordinal?: unknown }).ordinal === 'function') return String(x);
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
