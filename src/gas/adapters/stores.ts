import type { CachePort, KeyValueStore, LockPort } from '../../jobs/ports';

/** Script properties: shared by every user of the sheet and by the trigger's owner. */
export function scriptProperties(): KeyValueStore {
  const p = PropertiesService.getScriptProperties();
  return {
    get: (key) => p.getProperty(key),
    set: (key, value) => {
      p.setProperty(key, value);
    },
    delete: (key) => {
      p.deleteProperty(key);
    },
  };
}

export function scriptCache(): CachePort {
  const c = CacheService.getScriptCache();
  return {
    get: (key) => c.get(key),
    put: (key, value, seconds) => c.put(key, value, Math.max(1, Math.min(21_600, Math.round(seconds)))),
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
