import type { HttpRequest, HttpResponse } from './http';

/**
 * What jobs need from the world, as small interfaces. Apps Script adapters implement them in
 * src/gas/adapters; tests implement them in memory. Nothing here knows it runs in Apps Script.
 */
export interface Clock {
  /** Epoch ms. */
  now(): number;
}

export interface Sleeper {
  /** Blocks (Utilities.sleep in Apps Script). */
  sleep(ms: number): void;
}

export interface HttpPort {
  /** Sends all at once; answers in order; a network failure answers status 0. */
  executeAll(requests: readonly HttpRequest[]): HttpResponse[];
}

/** Durable strings (script properties): tokens, cursors, settings. Never cells. */
export interface KeyValueStore {
  /** May answer from a copy read once per execution (one round trip for all keys). */
  get(key: string): string | null;
  /** Asks the store itself: for what another execution may have just changed (a refreshed token). */
  getLatest(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** Short-lived strings shared between executions (CacheService): rate-limit state. */
export interface CachePort {
  /** One round trip for all keys; missing keys are absent. */
  getAll(keys: readonly string[]): Record<string, string>;
  putAll(values: Readonly<Record<string, string>>, seconds: number): void;
  remove(key: string): void;
}

/** Mutual exclusion between executions; returns null when the lock could not be had in time. */
export interface LockPort {
  withLock<T>(timeoutMs: number, fn: () => T): T | null;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogPort {
  write(level: LogLevel, job: string, message: string): void;
}
