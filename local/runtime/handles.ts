import { Remote } from './remote';
import { gasTypings, surfaceInfo } from './typings';
import type { ClassDescriptor, Tagged } from './wire';

/** The host objects one execution holds, by the numeric handles its proxies carry. */
export class HandleTable {
  private readonly byId = new Map<number, Remote>();
  private readonly ids = new Map<Remote, number>();
  private next = 1;
  /** Classes whose descriptor the script side has already received. */
  private readonly known = new Set<string>();
  private fresh: ClassDescriptor[] = [];

  tag(o: object): Tagged | undefined {
    if (!(o instanceof Remote)) return undefined;
    let id = this.ids.get(o);
    let answers: Record<string, unknown> | undefined;
    if (id === undefined) {
      id = this.next++;
      this.ids.set(o, id);
      this.byId.set(id, o);
      if (o.leased.size > 0) this.leasables.push([id, o]);
      answers = localAnswers(o);
    }
    if (!this.known.has(o.gasName)) {
      this.known.add(o.gasName);
      this.fresh.push(describe(o));
    }
    return answers ? { $h: id, $c: o.gasName, $a: answers } : { $h: id, $c: o.gasName };
  }

  get(id: number): Remote | undefined {
    return this.byId.get(id);
  }

  /** The objects handed out so far that a lease may cover (Remote.leased), by handle. */
  leasable(): ReadonlyArray<readonly [number, Remote]> {
    return this.leasables;
  }
  private readonly leasables: Array<readonly [number, Remote]> = [];

  /** Descriptors of classes first seen since the last call; they travel with the next message. */
  takeNewClasses(): ClassDescriptor[] {
    const f = this.fresh;
    this.fresh = [];
    return f;
  }
}

/** The object's fixed answers, kept to its local methods: a counted call always reaches the host. */
function localAnswers(o: Remote): Record<string, unknown> | undefined {
  const all = o._answers();
  if (!all) return undefined;
  const out: Record<string, unknown> = {};
  for (const [m, v] of Object.entries(all)) if (o.localMethods.has(m)) out[m] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

const cache = new Map<Function, string[]>();

/** The script-visible methods: public prototype methods up to (not including) Remote. */
export function exposedMethods(o: Remote): string[] {
  const ctor = o.constructor;
  let methods = cache.get(ctor);
  if (methods) return methods;
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(o); p && p !== Remote.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) {
      if (n === 'constructor' || n.startsWith('_')) continue;
      const d = Object.getOwnPropertyDescriptor(p, n);
      if (d && typeof d.value === 'function') names.add(n);
    }
  }
  methods = [...names].sort();
  cache.set(ctor, methods);
  return methods;
}

const described = new Map<string, ClassDescriptor>();

/**
 * What the script thread needs to build a class's proxies: the methods served, the documented
 * ones that are not (they throw a clear error), and which results and constants are enums.
 */
export function describe(o: Remote): ClassDescriptor {
  const cached = described.get(o.gasName);
  // Same descriptor object while the constants are the same values (a service object made per
  // execution has its own constants object): a thread is sent each descriptor once (worker-pool.ts).
  if (cached && sameValues(o.constants, CONSTANTS_SEEN.get(o.gasName))) return cached;
  const methods = exposedMethods(o);
  const info = surfaceInfo(o.gasName, methods);
  const { enums } = gasTypings();
  const usedEnums: Record<string, string[]> = {};
  const constants: Record<string, unknown> = { ...o.constants };
  for (const [k, q] of Object.entries(info.enumConstants)) {
    const v = constants[k];
    if (v === null || typeof v !== 'object') continue;
    const members = [...(enums.get(q) ?? [])];
    for (const m of Object.keys(v)) if (!members.includes(m)) members.push(m);
    usedEnums[q] = members;
    constants[k] = { $enum: q };
  }
  for (const q of Object.values(info.enumReturns)) usedEnums[q] = usedEnums[q] ?? [...(enums.get(q) ?? [])];
  const d: ClassDescriptor = { name: o.gasName, methods, constants, unavailable: info.unavailable, enumReturns: info.enumReturns, enums: usedEnums };
  if (o.inThread.size > 0) d.inThread = [...o.inThread].filter((m) => o.localMethods.has(m));
  if (o.answersStaleAfter.size > 0) d.staleAfter = [...o.answersStaleAfter];
  if (o.leased.size > 0) d.leased = [...o.leased];
  described.set(o.gasName, d);
  CONSTANTS_SEEN.set(o.gasName, o.constants);
  return d;
}

/** The constants a cached descriptor was built from. */
const CONSTANTS_SEEN = new Map<string, Readonly<Record<string, unknown>>>();

function sameValues(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>> | undefined): boolean {
  if (a === b) return true;
  if (!b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * Plain-data globals as the script thread gets them: an enum among them (Charts.ChartType) is
 * sent as `{ $enum }` with its members, to become enum objects there as a service's are.
 */
export function scriptDataGlobals(data: Record<string, unknown>): { data: Record<string, unknown>; enums: Record<string, string[]> } {
  const { enums } = gasTypings();
  const out: Record<string, unknown> = {};
  const used: Record<string, string[]> = {};
  for (const [g, v] of Object.entries(data)) {
    if (v === null || typeof v !== 'object') {
      out[g] = v;
      continue;
    }
    const members: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
      const q = `${g}.${k}`;
      const declared = enums.get(q);
      if (declared && e !== null && typeof e === 'object') {
        const all = [...declared];
        for (const m of Object.keys(e)) if (!all.includes(m)) all.push(m);
        used[q] = all;
        members[k] = { $enum: q };
      } else members[k] = e;
    }
    out[g] = members;
  }
  return { data: out, enums: used };
}
