/**
 * How values cross between the script (a vm context in a worker thread) and the host.
 * JSON text, with a few tagged objects for what JSON cannot say. The script side parses it
 * with the context's own JSON so arrays, objects and Dates belong to the script's realm
 * (`instanceof Date` and zod's date checks work there).
 */
export type Tagged =
  | { $d: number } // a Date, as epoch ms
  | { $h: number; $c: string; $a?: Record<string, unknown> } // a handle to a host object of the named class (with its fixed answers: Remote._answers)
  | { $u: 1 } // undefined (top level only; in arrays JSON makes it null)
  | { $n: 'NaN' | 'Infinity' | '-Infinity' };

/** A function name the execution thread answers itself, with the bundle's global functions. */
export const INSPECT = '__inspectGlobals__';

export const UNDEFINED_TEXT = '{"$u":1}';

export function isDateLike(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Serialises a value; `handleOf` returns a tag for objects that are handles, else undefined. */
export function encode(value: unknown, handleOf: (v: object) => Tagged | undefined): string {
  if (value === undefined) return UNDEFINED_TEXT;
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw !== null && typeof raw === 'object') {
      if (isDateLike(raw)) return { $d: raw.getTime() };
      const h = handleOf(raw);
      if (h) return h;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      return { $n: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' };
    }
    return v;
  });
}

export interface Reviving {
  date(ms: number): unknown;
  handle(id: number, cls: string, answers?: Record<string, unknown>): unknown;
  parse: (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => unknown;
}

/** Parses wire text; the reviver runs only when a tag may be present (large grids stay fast). */
export function decode(text: string, r: Reviving): unknown {
  if (text === UNDEFINED_TEXT) return undefined;
  if (!text.includes('"$')) return r.parse(text);
  return revive(r.parse(text), r);
}

/**
 * What JSON.parse's reviver would make of `v` with the wire's tags, walked here instead: a
 * reviver is called from the engine for every value of the text (a response's headers and body
 * included), and the walk skips the leaves (a fetchAll's responses: 30 → 13 µs). The same post-order, and
 * the same effects: a tagged object becomes its value, and undefined removes the key (a hole in a
 * list), as the reviver's would.
 */
function revive(v: unknown, r: Reviving): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === null || typeof x !== 'object') continue;
      const y = revive(x, r);
      if (y === undefined) delete v[i];
      else if (y !== x) v[i] = y;
    }
    return v;
  }
  const t = v as Record<string, unknown>;
  for (const k of Object.keys(t)) {
    const x = t[k];
    if (x === null || typeof x !== 'object') continue;
    const y = revive(x, r);
    // JSON.parse made every key an own data property ("__proto__" too), so this sets that property.
    if (y === undefined) delete t[k];
    else if (y !== x) t[k] = y;
  }
  if (typeof t.$d === 'number') return r.date(t.$d);
  if (typeof t.$h === 'number' && typeof t.$c === 'string') return r.handle(t.$h, t.$c, t.$a as Record<string, unknown> | undefined);
  if (t.$u === 1) return undefined;
  if (typeof t.$n === 'string') return Number(t.$n);
  return v;
}

/*
 * The wire's round trip without the wire, for the values a pure in-thread method (a hash, an
 * encoding) takes and gives: the same values encode and decode would make, for a fraction of
 * the cost; anything else is left to the wire.
 */

/** wireResult's answer when only the wire can say what a value becomes. */
export const NOT_WIRED = Symbol('only the wire can say');

/** A number as the wire brings it: JSON has no -0 (NaN and the infinities are tagged, so kept). */
const wireNumber = (n: number): number => (n === 0 ? 0 : n);

/**
 * What encode and then plainArgs make of an argument list, when every argument is text, a
 * number, a boolean, null, undefined (null in a list), one of `enumNames`' enum values (its
 * name) or a plain array of numbers; undefined for anything else.
 */
export function wireCopy(args: readonly unknown[], enumNames: WeakMap<object, string>): unknown[] | undefined {
  const out: unknown[] = [];
  for (const v of args) {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        out.push(v);
        continue;
      case 'number':
        out.push(wireNumber(v));
        continue;
      case 'undefined':
        out.push(null);
        continue;
      case 'object': {
        if (v === null) {
          out.push(null);
          continue;
        }
        const name = enumNames.get(v);
        if (name !== undefined) {
          out.push(name);
          continue;
        }
        const bytes = numbersOf(v, Array);
        if (bytes === undefined) return undefined;
        out.push(bytes);
        continue;
      }
      default:
        return undefined;
    }
  }
  return out;
}

/** What encode and then the script's decode make of a result: text, a number, a boolean, null, undefined or a plain array of numbers. */
export function wireResult(v: unknown, ctxArray: ArrayConstructor): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return v;
    case 'number':
      return wireNumber(v);
    case 'object':
      return v === null ? null : (numbersOf(v, ctxArray) ?? NOT_WIRED);
    default:
      return NOT_WIRED;
  }
}

/** A plain array of numbers (no holes, no toJSON of its own) copied into `into`'s realm; undefined for anything else. */
function numbersOf(v: object, into: ArrayConstructor): number[] | undefined {
  if (!Array.isArray(v) || (v as { toJSON?: unknown }).toJSON !== undefined) return undefined;
  const a = v as unknown[];
  const out = new into() as number[];
  for (let i = 0; i < a.length; i++) {
    const n = a[i];
    if (typeof n !== 'number') return undefined;
    out.push(wireNumber(n));
  }
  return out;
}

/** Messages between host and worker. */
export interface ClassDescriptor {
  name: string;
  methods: string[];
  /** Enum constants appear as `{ $enum: qualified name }`; their members are in `enums`. */
  constants: Record<string, unknown>;
  /** Documented methods the fake does not emulate: they throw `Not available in the local runtime: …`. */
  unavailable?: string[];
  /** Method → qualified enum name: its string result (or arrays of them) becomes enum objects. */
  enumReturns?: Record<string, string>;
  /** Qualified enum name → members in declaration order (their ordinal). */
  enums?: Record<string, string[]>;
  /** Pure local methods the script's thread runs itself (Remote.inThread). */
  inThread?: string[];
  /** Methods after which the object's fixed answers are dropped (Remote.answersStaleAfter). */
  staleAfter?: string[];
  /** Methods the thread serves itself under a lease (Remote.leased, lease.ts). */
  leased?: string[];
}

export interface RunMessage {
  t: 'run';
  execId: number;
  fn: string;
  /** Encoded argument list. */
  args: string;
  /** Global name → encoded handle of each service root. */
  globals: Record<string, string>;
  /** Plain-data globals (MimeType and the like), encoded; enums among them as `{ $enum }`. */
  data: string;
  /** Members of the enums in `data`. */
  enums: Record<string, string[]>;
  classes: ClassDescriptor[];
  now: number;
  /** Built-ins newer than Apps Script's level: hidden (the default) or kept (language-level.ts). */
  newerBuiltins: 'hide' | 'allow';
  /** The thread may serve some calls itself until its next message (lease.ts); absent: none. */
  lease?: Lease;
}

/**
 * What a leased execution's thread gets (lease.ts): until when it may serve calls itself, what
 * each costs, the quota it may use, the execution's facts the services read, and the state of
 * the objects it may serve, by handle.
 */
export interface Lease {
  /** Each leased call must start before this simulated time (the next other step, or the deadline). */
  until: number;
  /** Service.Class.method → simulated ms (the host's latency model; 0 for local methods). */
  costs: Record<string, number>;
  /** Quota units the thread may use before it must ask the host. */
  quota: Record<string, number>;
  env: LeaseEnv;
  objects: Array<{ handle: number; cls: string; state: unknown }>;
}

export interface LeaseEnv {
  execId: number;
  authMode: 'NONE' | 'LIMITED' | 'FULL';
  effectiveUserEmail: string;
  activeUserEmail: string;
  containerId: string | null;
  scriptTimeZone: string;
  userLocale: string;
  scriptId: string;
  uiAvailable: boolean;
}

/** A call the thread served under its lease, for the host to replay (in order) and check. */
export interface LeasedCall {
  handle: number;
  method: string;
  /** Encoded arguments. */
  args: string;
  /** Simulated time the call started. */
  at: number;
  /** Encoded answer, or the error it threw. */
  result?: string;
  error?: { name: string; message: string };
}

export interface CallMessage {
  t: 'call';
  execId: number;
  handle: number;
  method: string;
  args: string;
  /** The target's own properties set by the script, encoded; absent when none. */
  props?: string;
  logs: LogLine[];
  /** Calls served under the lease since the run began, to replay before this one. */
  leased?: LeasedCall[];
}

export interface DoneMessage {
  t: 'done';
  execId: number;
  ok: boolean;
  /** Encoded return value when ok. */
  result?: string;
  error?: { name: string; message: string; stack?: string };
  logs: LogLine[];
  /** Calls served under the lease, to replay before the end. */
  leased?: LeasedCall[];
}

export type WorkerMessage = CallMessage | DoneMessage;

export interface ReplyMessage {
  now: number;
  ok: boolean;
  result?: string;
  error?: { name: string; message: string };
  classes?: ClassDescriptor[];
  /** A new lease from here to the thread's next message (lease.ts). */
  lease?: Lease;
}

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}
