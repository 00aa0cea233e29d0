/**
 * A lease's keyed stores (Cache, Properties) sent as deltas: each thread keeps a copy of every
 * store it was leased, and each lease brings only what changed since (lease.ts).
 */
import type { Lease } from './wire';

/**
 * A keyed store's state as its object leases it (Cache, Properties): the live entries, compared
 * by identity with what the thread was last sent, and a few scalars beside them (`extra`).
 */
export class KeyedLeaseState {
  constructor(
    /** The store itself: one thread's copy per store, whichever handle or execution leases it. */
    readonly store: object,
    readonly entries: ReadonlyMap<string, unknown>,
    readonly extra?: unknown,
  ) {}
}

/** A store's entries as the thread keeps them between messages, and the scalars sent last. */
export interface KeyedLeaseCopy {
  readonly entries: ReadonlyMap<string, unknown>;
  readonly extra?: unknown;
}

/** On the wire: what changed of store `$store` since the thread's copy (`set`: new or changed, `del`: gone). */
interface KeyedLeaseDelta {
  $store: number;
  set: Array<[string, unknown]>;
  del: string[];
  extra?: unknown;
}

/**
 * The host's side of one thread's store copies: a lease carries, per keyed store, only the entries
 * changed since the last lease this thread was sent (a quiet minute's cache and properties are
 * some 14 KB, sent with every message otherwise). The thread keeps its copy for all its
 * executions and never changes it (its leased calls change a copy of the copy; the host's replay
 * changes the store, and the next lease brings that back). So what the host last sent is what the
 * thread has, as long as every lease sent is taken (`LeaseCopies.take` comes first on every message).
 */
export class LeaseSent {
  private readonly stores = new WeakMap<object, { id: number; sent: Map<string, unknown> }>();
  private nextId = 1;
  /** The costs and facts last sent: a lease with the same leaves them out (`sameAsLast`). */
  private lastCosts: Lease['costs'] | null = null;
  private lastEnv: Lease['env'] | null = null;

  /** The lease as this thread gets it: keyed states as deltas to its copies, costs and facts only when they differ from the last. */
  wire(lease: Lease): Lease {
    const objects = lease.objects.map((o) => (o.state instanceof KeyedLeaseState ? { ...o, state: this.delta(o.state) } : o));
    const sameCosts = this.lastCosts !== null && sameRecord(this.lastCosts, lease.costs);
    const sameEnv = this.lastEnv !== null && (this.lastEnv === lease.env || sameRecord(this.lastEnv, lease.env));
    this.lastCosts = lease.costs;
    this.lastEnv = lease.env;
    if (!sameCosts && !sameEnv) return { ...lease, objects };
    const wire: WireLease = { ...lease, objects, sameAsLast: { costs: sameCosts, env: sameEnv } };
    if (sameCosts) delete wire.costs;
    if (sameEnv) delete wire.env;
    return wire as Lease;
  }

  private delta(s: KeyedLeaseState): KeyedLeaseDelta {
    let mine = this.stores.get(s.store);
    if (!mine) {
      mine = { id: this.nextId++, sent: new Map() };
      this.stores.set(s.store, mine);
    }
    const { sent } = mine;
    // The copy must keep the store's order too (getKeys, getProperties, the cache's eviction
    // ties): it keeps in place the longest run of its keys that begins the store in the same
    // order, and every later entry is appended anew (deleted first if it has one), as the
    // thread applies a delta: `del`, then `set` in order.
    const sentKeys = [...sent.keys()];
    const set: Array<[string, unknown]> = [];
    const del: string[] = [];
    let j = 0;
    let inPlace = true;
    for (const [k, v] of s.entries) {
      if (inPlace && sent.has(k)) {
        let at = j;
        while (at < sentKeys.length && sentKeys[at] !== k) at++;
        if (at < sentKeys.length) {
          j = at + 1;
          if (sent.get(k) !== v) set.push([k, v]);
          continue;
        }
      }
      inPlace = false;
      if (sent.has(k)) del.push(k);
      set.push([k, v]);
    }
    for (const k of sentKeys) if (!s.entries.has(k)) del.push(k);
    for (const k of del) sent.delete(k);
    for (const [k, v] of set) sent.set(k, v);
    return { $store: mine.id, set, del, ...(s.extra === undefined ? {} : { extra: s.extra }) };
  }
}

/** A lease as it crosses: costs and facts left out when they are the last ones sent. */
type WireLease = Omit<Lease, 'costs' | 'env'> & { costs?: Lease['costs']; env?: Lease['env']; sameAsLast?: { costs: boolean; env: boolean } };

function sameRecord(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
}

/** The thread's side (LeaseSent): its copy of each store, brought up to date by every lease it is sent. */
export class LeaseCopies {
  private readonly stores = new Map<number, Map<string, unknown>>();
  private lastCosts: Lease['costs'] | undefined;
  private lastEnv: Lease['env'] | undefined;

  /** Applies a lease's deltas to the copies; the lease with each delta read as the copy it makes. Call first on every message. */
  take(lease: Lease | undefined): Lease | undefined {
    if (!lease) return lease;
    const w = lease as WireLease;
    if (w.sameAsLast?.costs) w.costs = this.lastCosts;
    if (w.sameAsLast?.env) w.env = this.lastEnv;
    delete w.sameAsLast;
    this.lastCosts = lease.costs;
    this.lastEnv = lease.env;
    for (const o of lease.objects) {
      const d = o.state as KeyedLeaseDelta | null;
      if (d === null || typeof d !== 'object' || typeof d.$store !== 'number') continue;
      let entries = this.stores.get(d.$store);
      if (!entries) {
        entries = new Map();
        this.stores.set(d.$store, entries);
      }
      for (const k of d.del) entries.delete(k);
      for (const [k, v] of d.set) entries.set(k, v);
      const copy: KeyedLeaseCopy = { entries, extra: d.extra };
      o.state = copy;
    }
    return lease;
  }
}
