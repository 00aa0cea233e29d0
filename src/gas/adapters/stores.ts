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

/** The script cache; keys already read in this execution are answered from memory. */
export function scriptCache(): CachePort {
  const c = CacheService.getScriptCache();
  const seen = new Map<string, string | null>();
  return {
    getAll: (keys) => {
      const missing = keys.filter((k) => !seen.has(k));
      if (missing.length) {
        const got = c.getAll(missing);
        for (const k of missing) seen.set(k, got[k] ?? null);
      }
      const out: Record<string, string> = {};
      for (const k of keys) {
        const v = seen.get(k);
        if (v !== null && v !== undefined) out[k] = v;
      }
      return out;
    },
    putAll: (values, seconds) => {
      if (Object.keys(values).length === 0) return;
      c.putAll({ ...values }, Math.max(1, Math.min(21_600, Math.round(seconds))));
      for (const [k, v] of Object.entries(values)) seen.set(k, v);
    },
    remove: (key) => {
      c.remove(key);
      seen.set(key, null);
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
