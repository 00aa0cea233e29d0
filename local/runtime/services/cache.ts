/**
 * CacheService (apps-script-platform.md §1.3): string values with an expiry on the simulated
 * clock, in three scopes (script, per user, per container document). Getting a cache is local;
 * get/put/remove and their batch forms are one round trip each.
 *
 * - keys up to 250 characters, values up to 100 KB (UTF-8 bytes);
 * - expiration 1..21600 s, 600 s when omitted; values outside are clamped (the docs give the
 *   range but not what happens outside it, and a clamp keeps scripts running as they would);
 * - at most 1,000 items: past that, the 900 farthest from expiry are kept;
 * - an entry is gone once its expiry time is reached (fidelity §1.2 row 61).
 * Void methods return undefined; row 61's claim that put returns null is marked suspect there.
 */
import type { ExecutionEnv } from '../env';
import { GasException } from '../errors';
import { localMethods, Remote } from '../remote';
import { serviceState, type World } from '../world';
import { KeyedLeaseState, type KeyedLeaseCopy } from '../lease-copies';
import { signatureError } from './utilities/args';

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_MAX_ITEMS = 1000;
export const CACHE_KEEP_ITEMS = 900;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;

/**
 * "Argument too large: value" is the text Apps Script is reported to throw for an oversized
 * cache value; the same form is used for a key over 250 characters (not in the reference).
 */
export const cacheMessages = {
  keyTooLarge: 'Argument too large: key',
  valueTooLarge: 'Argument too large: value',
} as const;

interface Entry {
  value: string;
  expiresAt: number;
  /** Write order, to break ties when evicting (later writes are kept). */
  seq: number;
}

interface CacheStore {
  entries: Map<string, Entry>;
  seq: number;
}

interface CacheModel {
  script: CacheStore;
  user: Map<string, CacheStore>;
  document: Map<string, CacheStore>;
}

const newStore = (): CacheStore => ({ entries: new Map(), seq: 0 });

function model(world: World): CacheModel {
  return serviceState(world, 'cache', () => ({ script: newStore(), user: new Map(), document: new Map() }));
}

function storeIn(map: Map<string, CacheStore>, key: string): CacheStore {
  let s = map.get(key);
  if (!s) {
    s = newStore();
    map.set(key, s);
  }
  return s;
}

export class Cache extends Remote implements GoogleAppsScript.Cache.Cache {
  readonly gasName = 'CacheService.Cache';
  override readonly leased = localMethods('get', 'getAll', 'put', 'putAll', 'remove', 'removeAll');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly store: CacheStore,
  ) {
    super();
  }

  /** Its entries (each replaced, never changed, by a write) and its write count (lease.ts). */
  override _leaseState(): KeyedLeaseState {
    return new KeyedLeaseState(this.store, this.store.entries, this.store.seq);
  }

  /** The thread's copy of a leased cache: its own map, so the thread's copy of the store stays as sent. */
  static _fromLease(env: ExecutionEnv, state: KeyedLeaseCopy): Cache {
    return new Cache(env, { entries: new Map(state.entries as ReadonlyMap<string, Entry>), seq: state.extra as number });
  }

  get(key: string): string | null {
    if (typeof key !== 'string' || arguments.length !== 1) throw signatureError('CacheService.Cache.get', [...arguments]);
    return this.#live(key)?.value ?? null;
  }

  /** Only the keys found are in the result. */
  getAll(keys: string[]): Record<string, string> {
    if (!Array.isArray(keys)) throw signatureError('CacheService.Cache.getAll', [...arguments]);
    const out: Record<string, string> = {};
    for (const k of keys) {
      const e = this.#live(String(k));
      if (e) out[String(k)] = e.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    const n = arguments.length;
    const ok = typeof key === 'string' && value !== null && value !== undefined && (n === 2 || (n === 3 && typeof expirationInSeconds === 'number'));
    if (!ok) throw signatureError('CacheService.Cache.put', [...arguments]);
    const entry: [string, string] = [key, String(value)];
    check(entry);
    this.#commit([entry], expirationInSeconds);
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    const n = arguments.length;
    const ok = values !== null && typeof values === 'object' && !Array.isArray(values) && (n === 1 || (n === 2 && typeof expirationInSeconds === 'number'));
    if (!ok) throw signatureError('CacheService.Cache.putAll', [...arguments]);
    const entries = Object.entries(values).map(([k, v]) => [k, String(v)] as [string, string]);
    entries.forEach(check);
    this.#commit(entries, expirationInSeconds);
  }

  remove(key: string): void {
    if (typeof key !== 'string') throw signatureError('CacheService.Cache.remove', [...arguments]);
    this.store.entries.delete(key);
  }

  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw signatureError('CacheService.Cache.removeAll', [...arguments]);
    for (const k of keys) this.store.entries.delete(String(k));
  }

  /** Host-only: the number of live entries (for tests of the eviction rule). */
  _size(): number {
    this.#purgeExpired();
    return this.store.entries.size;
  }

  #live(key: string): Entry | undefined {
    const e = this.store.entries.get(key);
    if (e && e.expiresAt <= this.env.now()) {
      this.store.entries.delete(key);
      return undefined;
    }
    return e;
  }

  #commit(entries: ReadonlyArray<[string, string]>, seconds: number | undefined): void {
    const expiresAt = this.env.now() + clampSeconds(seconds) * 1000;
    for (const [k, v] of entries) {
      this.store.entries.delete(k);
      this.store.entries.set(k, { value: v, expiresAt, seq: ++this.store.seq });
    }
    this.#evict();
  }

  #purgeExpired(): void {
    const now = this.env.now();
    for (const [k, e] of this.store.entries) if (e.expiresAt <= now) this.store.entries.delete(k);
  }

  /** Over 1,000 items, keep the 900 farthest from expiry. */
  #evict(): void {
    this.#purgeExpired();
    if (this.store.entries.size <= CACHE_MAX_ITEMS) return;
    const keep = [...this.store.entries]
      .sort(([, a], [, b]) => b.expiresAt - a.expiresAt || b.seq - a.seq)
      .slice(0, CACHE_KEEP_ITEMS);
    const kept = new Set(keep.map(([k]) => k));
    for (const k of [...this.store.entries.keys()]) if (!kept.has(k)) this.store.entries.delete(k);
  }
}

function check([key, value]: [string, string]): void {
  if (key.length > CACHE_KEY_LIMIT) throw new GasException(cacheMessages.keyTooLarge);
  if (Buffer.byteLength(value, 'utf8') > CACHE_VALUE_LIMIT) throw new GasException(cacheMessages.valueTooLarge);
}

/** Whole seconds (Java int), clamped to 1..21600; 600 when omitted. */
function clampSeconds(seconds: number | undefined): number {
  if (seconds === undefined) return CACHE_DEFAULT_SECONDS;
  return Math.min(Math.max(Math.trunc(seconds), 1), CACHE_MAX_SECONDS);
}

export class CacheService extends Remote implements GoogleAppsScript.Cache.CacheService {
  readonly gasName = 'CacheService';
  override readonly localMethods = localMethods('getScriptCache', 'getUserCache', 'getDocumentCache');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
  ) {
    super();
  }

  getScriptCache(): Cache {
    return new Cache(this.env, model(this.world).script);
  }

  override _answers(): Record<string, unknown> {
    return { getScriptCache: this.getScriptCache(), getUserCache: this.getUserCache(), getDocumentCache: this.getDocumentCache() };
  }

  /** Private to the effective user. */
  getUserCache(): Cache {
    return new Cache(this.env, storeIn(model(this.world).user, this.env.effectiveUserEmail));
  }

  /** null outside a container-bound script. */
  getDocumentCache(): Cache | null {
    const id = this.env.containerId;
    return id === null ? null : new Cache(this.env, storeIn(model(this.world).document, id));
  }
}

export function createCacheService(env: ExecutionEnv, world: World): CacheService {
  return new CacheService(env, world);
}

/**
 * Host-only: every script-cache entry vanishes at once. CacheService promises nothing ("may be
 * evicted any time"); tests use this to show that what a script keeps there only saves work.
 */
export function forgetScriptCache(world: World): void {
  model(world).script.entries.clear();
}
