/**
 * A lease's keyed stores travel as deltas (lease-copies.ts): each thread keeps a copy of every
 * store it was leased, and a lease brings only what changed since the last one it was sent. The
 * copy must then be the store itself, entries and order (getKeys, getProperties and the cache's
 * eviction read the order), whatever happened to the store in between.
 */
import { KeyedLeaseState, LeaseCopies, LeaseSent, type KeyedLeaseCopy } from '../../local/runtime/lease-copies';
import type { Lease } from '../../local/runtime/wire';

function lease(...stores: Array<{ store: object; entries: Map<string, unknown>; extra?: unknown }>): Lease {
  return {
    until: 1,
    costs: {},
    quota: {},
    env: {} as Lease['env'],
    objects: [{ handle: 1, cls: 'LockService.Lock', state: { key: 'script', holder: null } }, ...stores.map((s, i) => ({ handle: i + 2, cls: 'X', state: new KeyedLeaseState(s.store, s.entries, s.extra) }))],
  };
}

/** One thread: what the host sends crosses as postMessage clones it, and the thread takes it. */
function thread() {
  const sent = new LeaseSent();
  const copies = new LeaseCopies();
  let lastWire: Lease | undefined;
  let lastTaken: Lease | undefined;
  return {
    send(l: Lease): KeyedLeaseCopy[] {
      lastWire = structuredClone(sent.wire(l));
      lastTaken = copies.take(structuredClone(lastWire))!;
      return lastTaken.objects.slice(1).map((o) => o.state as KeyedLeaseCopy);
    },
    get wire(): Lease {
      return lastWire!;
    },
    get taken(): Lease {
      return lastTaken!;
    },
  };
}

describe("a thread's copy of a leased store", () => {
  it('is the store, entries and order, after every kind of change, and a lease carries only what changed', () => {
    const t = thread();
    const store = new Map<string, unknown>([
      ['a', '1'],
      ['b', { value: 'x', expiresAt: 5 }],
      ['c', '3'],
    ]);
    const changes: Array<[string, () => void]> = [
      ['nothing', () => {}],
      ['a value changed in place', () => store.set('a', '1*')],
      ['an entry replaced by a new object', () => store.set('b', { value: 'x', expiresAt: 9 })],
      ['a key added', () => store.set('d', '4')],
      ['a key deleted', () => store.delete('c')],
      ['a key moved to the end (a cache write)', () => (store.delete('a'), store.set('a', '1**'))],
      ['a key moved to the end, same value', () => {
        const v = store.get('b');
        store.delete('b');
        store.set('b', v);
      }],
      ['the first key deleted and two added', () => (store.delete('d'), store.set('e', '5'), store.set('f', '6'))],
      ['rebuilt in another order (a properties write)', () => {
        const all = [...store].reverse();
        store.clear();
        for (const [k, v] of all) store.set(k, v);
      }],
      ['emptied', () => store.clear()],
      ['refilled', () => (store.set('z', '26'), store.set('a', '1'))],
    ];
    for (const [what, change] of changes) {
      change();
      const [copy] = t.send(lease({ store, entries: store }));
      expect([what, [...copy!.entries]]).toEqual([what, [...store]]);
    }
    // Nothing changed: nothing but the store's number crosses.
    t.send(lease({ store, entries: store }));
    expect(t.wire.objects[1]!.state).toEqual({ $store: 1, set: [], del: [] });
    // One value changed: that entry alone.
    store.set('z', '27');
    t.send(lease({ store, entries: store }));
    expect(t.wire.objects[1]!.state).toEqual({ $store: 1, set: [['z', '27']], del: [] });
  });

  it('is kept per store, with its scalars, whichever handle or lease brings it', () => {
    const t = thread();
    const s1 = new Map<string, unknown>([['k', 'one']]);
    const s2 = new Map<string, unknown>([['k', 'two']]);
    let [c1, c2] = t.send(lease({ store: s1, entries: s1, extra: 7 }, { store: s2, entries: s2 }));
    expect([[...c1!.entries], c1!.extra, [...c2!.entries], c2!.extra]).toEqual([[['k', 'one']], 7, [['k', 'two']], undefined]);
    s1.set('k', 'one*');
    s2.delete('k');
    // The other order, and only the second store this time.
    [c2] = t.send(lease({ store: s2, entries: s2 }));
    expect([...c2!.entries]).toEqual([]);
    [c1] = t.send(lease({ store: s1, entries: s1, extra: 8 }));
    expect([[...c1!.entries], c1!.extra]).toEqual([[['k', 'one*']], 8]);
  });

  it('is a thread’s own: another thread is sent the whole store', () => {
    const store = new Map<string, unknown>([['k', 'v']]);
    thread().send(lease({ store, entries: store }));
    const other = thread();
    const [copy] = other.send(lease({ store, entries: store }));
    expect([...copy!.entries]).toEqual([['k', 'v']]);
  });

  it("comes with the lease's costs and the execution's facts, which cross only when they differ from the last ones sent", () => {
    const t = thread();
    const store = new Map<string, unknown>();
    const env = (execId: number) => ({ execId, authMode: 'FULL', effectiveUserEmail: 'o@x', activeUserEmail: '', containerId: 'doc', scriptTimeZone: 'Asia/Seoul', userLocale: 'ko', scriptId: 's', uiAvailable: false }) as Lease['env'];
    const send = (costs: Record<string, number>, e: Lease['env']) => {
      t.send({ ...lease({ store, entries: store }), costs, env: e, until: 9 });
      return { wire: t.wire as unknown as Record<string, unknown>, taken: t.taken };
    };
    const costs = { 'CacheService.Cache.get': 3, 'PropertiesService.Properties.getProperty': 30 };
    let { wire, taken } = send(costs, env(1));
    expect([wire.costs, wire.env]).toEqual([costs, env(1)]);
    // The same again (a new object each time, as the host makes them): neither crosses, both are there.
    ({ wire, taken } = send({ ...costs }, env(1)));
    expect([wire.costs, wire.env]).toEqual([undefined, undefined]);
    expect([taken.costs, taken.env, taken.until]).toEqual([costs, env(1), 9]);
    // The next execution's facts, one cost changed: each crosses when it differs.
    ({ wire, taken } = send(costs, env(2)));
    expect([wire.costs, wire.env]).toEqual([undefined, env(2)]);
    expect([taken.costs, taken.env]).toEqual([costs, env(2)]);
    const dearer = { ...costs, 'CacheService.Cache.get': 4 };
    ({ wire, taken } = send(dearer, env(2)));
    expect([wire.costs, wire.env]).toEqual([dearer, undefined]);
    expect([taken.costs, taken.env]).toEqual([dearer, env(2)]);
    expect(Object.keys(taken)).not.toContain('sameAsLast');
  });
});
