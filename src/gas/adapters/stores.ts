import type { CachePort, KeyValueStore, LockPort } from '../../jobs/ports';

/**
 * Script properties: shared by every user of the sheet and by the trigger's owner. Read all at
 * once on first use (one round trip instead of one per key); writes go through at once.
 */
export function scriptProperties(): KeyValueStore {
  const p = PropertiesService.getScriptProperties();
  let copy: Record<string, string> | null = null;
  const all = () => (copy ??= p.getProperties());
  return {
    get: (key) => all()[key] ?? null,
    getLatest: (key) => {
      const v = p.getProperty(key);
      if (copy) {
        if (v === null) delete copy[key];
        else copy[key] = v;
      }
      return v;
    },
    set: (key, value) => {
      p.setProperty(key, value);
      if (copy) copy[key] = value;
    },
    delete: (key) => {
      p.deleteProperty(key);
      if (copy) delete copy[key];
    },
  };
}

export function scriptCache(): CachePort {
  const c = CacheService.getScriptCache();
  return {
    getAll: (keys) => (keys.length ? c.getAll(keys.slice()) : {}),
    putAll: (values, seconds) => {
      if (Object.keys(values).length) c.putAll({ ...values }, Math.max(1, Math.min(21_600, Math.round(seconds))));
    },
  };
}

/**
 * The document lock guards token refreshes: a refresh token dies on use, so two executions
 * must never refresh the same mall at once. (The script lock is the sync's own.)
 */
export function documentLock(): LockPort {
  return {
    withLock<T>(timeoutMs: number, fn: () => T): T | null {
      const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
      if (!lock.tryLock(timeoutMs)) return null;
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}
