/**
 * PropertiesService: three string key-value stores kept in the world (script-wide, per user,
 * per container document). Getting a store is local; every read or write on a store is a
 * backend round trip and charges the daily "properties" quota, writes also the "graphite
 * property writes" quota (fidelity §1.4 row 15).
 *
 * Limits (apps-script-platform.md §1.2): 9 KB per value and 500 KB per store, counted in UTF-8
 * bytes of keys plus values, as measured by tanaikech (keys count toward the total).
 */
import type { ExecutionEnv } from '../env';
import { GasException, gasMessages } from '../errors';
import { localMethods, Remote } from '../remote';
import { serviceState, type World } from '../world';
import { KeyedLeaseState, type KeyedLeaseCopy } from '../lease-copies';
import { signatureError } from './utilities/args';

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

/**
 * Believed to be Apps Script's text for a value over 9 KB (the same wording CacheService uses
 * for its size limit); the reference has no first-hand quote.
 */
export const VALUE_TOO_LARGE = 'Argument too large: value';

type Store = Map<string, string>;

interface PropertiesModel {
  script: Store;
  user: Map<string, Store>;
  document: Map<string, Store>;
}

function model(world: World): PropertiesModel {
  return serviceState(world, 'properties', () => ({ script: new Map(), user: new Map(), document: new Map() }));
}

function storeIn(map: Map<string, Store>, key: string): Store {
  let s = map.get(key);
  if (!s) {
    s = new Map();
    map.set(key, s);
  }
  return s;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function storeSize(entries: Iterable<[string, string]>): number {
  let n = 0;
  for (const [k, v] of entries) n += bytes(k) + bytes(v);
  return n;
}

export class Properties extends Remote implements GoogleAppsScript.Properties.Properties {
  readonly gasName = 'PropertiesService.Properties';
  override readonly leased = localMethods('getProperty', 'getProperties', 'getKeys', 'setProperty', 'setProperties', 'deleteProperty', 'deleteAllProperties');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly store: Store,
  ) {
    super();
  }

  override _leaseState(): KeyedLeaseState {
    return new KeyedLeaseState(this.store, this.store);
  }

  /** The thread's copy of a leased store: its own map, so the thread's copy of the store stays as sent. */
  static _fromLease(env: ExecutionEnv, state: KeyedLeaseCopy): Properties {
    return new Properties(env, new Map(state.entries as ReadonlyMap<string, string>));
  }

  /** null, not undefined, for a missing key (fidelity §1.2 row 60). */
  getProperty(key: string): string | null {
    if (typeof key !== 'string') throw signatureError('PropertiesService.Properties.getProperty', [key]);
    this.#read();
    return this.store.get(key) ?? null;
  }

  getProperties(): Record<string, string> {
    this.#read();
    return Object.fromEntries(this.store);
  }

  getKeys(): string[] {
    this.#read();
    return [...this.store.keys()];
  }

  /**
   * Values are stored as strings. A missing key or value fails overload resolution; Apps
   * Script's exact behaviour for null is not in the reference.
   */
  setProperty(key: string, value: string): Properties {
    if (typeof key !== 'string' || value === null || value === undefined || arguments.length !== 2) {
      throw signatureError('PropertiesService.Properties.setProperty', [...arguments]);
    }
    this.#write(new Map(this.store).set(key, String(value)), [[key, String(value)]]);
    return this;
  }

  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): Properties {
    const ok = properties !== null && typeof properties === 'object' && !Array.isArray(properties) && (deleteAllOthers === undefined || typeof deleteAllOthers === 'boolean');
    if (!ok) throw signatureError('PropertiesService.Properties.setProperties', [...arguments]);
    const incoming = Object.entries(properties).map(([k, v]) => [k, String(v)] as [string, string]);
    const next: Store = deleteAllOthers ? new Map() : new Map(this.store);
    for (const [k, v] of incoming) next.set(k, v);
    this.#write(next, incoming);
    return this;
  }

  deleteProperty(key: string): Properties {
    if (typeof key !== 'string') throw signatureError('PropertiesService.Properties.deleteProperty', [key]);
    this.#charge(true);
    this.store.delete(key);
    return this;
  }

  deleteAllProperties(): Properties {
    this.#charge(true);
    this.store.clear();
    return this;
  }

  #read(): void {
    this.#charge(false);
  }

  #charge(write: boolean): void {
    this.env.useQuota('properties');
    if (write) this.env.useQuota('propertyWrites');
  }

  /** Checks the limits on the would-be store, then commits it whole (nothing partial on error). */
  #write(next: Store, changed: ReadonlyArray<[string, string]>): void {
    this.#charge(true);
    for (const [k, v] of changed) {
      if (k === '') throw new GasException('Invalid argument: key');
      if (bytes(v) > PROPERTY_VALUE_LIMIT) throw new GasException(VALUE_TOO_LARGE);
    }
    if (storeSize(next) > PROPERTY_STORE_LIMIT) throw new GasException(gasMessages.propertyStorage);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }
}

export class PropertiesService extends Remote implements GoogleAppsScript.Properties.PropertiesService {
  readonly gasName = 'PropertiesService';
  // Getting a store only names it; the reads and writes on it are the round trips.
  override readonly localMethods = localMethods('getScriptProperties', 'getUserProperties', 'getDocumentProperties');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
  ) {
    super();
  }

  getScriptProperties(): Properties {
    return new Properties(this.env, model(this.world).script);
  }

  override _answers(): Record<string, unknown> {
    return { getScriptProperties: this.getScriptProperties(), getUserProperties: this.getUserProperties(), getDocumentProperties: this.getDocumentProperties() };
  }

  /** The effective user's store: a trigger sees its owner's properties. */
  getUserProperties(): Properties {
    return new Properties(this.env, storeIn(model(this.world).user, this.env.effectiveUserEmail));
  }

  /** null in a standalone script (no container document). */
  getDocumentProperties(): Properties {
    const id = this.env.containerId;
    return (id === null ? null : new Properties(this.env, storeIn(model(this.world).document, id))) as Properties;
  }
}

export function createPropertiesService(env: ExecutionEnv, world: World): PropertiesService {
  return new PropertiesService(env, world);
}

/**
 * What a person types in the Apps Script editor's Project Settings → Script properties: set from
 * outside any execution, so it costs no round trip and no quota (the sandbox sets the relay's).
 */
export function setScriptPropertiesByHand(world: World, values: Readonly<Record<string, string>>): void {
  const store = model(world).script;
  for (const [k, v] of Object.entries(values)) store.set(k, v);
}

/** The script properties as the Project Settings page lists them (host-side, no execution). */
export function scriptPropertiesOf(world: World): Record<string, string> {
  return Object.fromEntries(model(world).script);
}
