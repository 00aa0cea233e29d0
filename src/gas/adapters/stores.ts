import { isCursorKey, KEEP_S } from '../../jobs/kept';
import { supportedChannels } from '../../channels/registry';
import type { CachePort, KeyValueStore, LockPort } from '../../core/ports';

/**
 * Where the add-on keeps what lasts between runs. As an Editor add-on one script serves every
 * spreadsheet of every customer, so nothing lives in script properties, the script cache or the
 * script lock (shared by all of them):
 * - the Cafe24 connection (the app's client secret, each mall's tokens, the order cursors that
 *   go with them) lives in the connection owner's **user properties**, which no other account can
 *   read (any editor of a bound script can read its script and document properties), under keys
 *   that carry the spreadsheet id: one person's user properties are shared by all their documents;
 * - everything else (product links, settings) in the **document properties**;
 * - what is kept between runs in the **document cache**; runs are one at a time per document
 *   (the **document lock**); token refreshes under the owner's **user lock**, the scope of the
 *   store they rewrite.
 */

/** One Properties store, read whole on first use (one round trip for every key); writes go through at once. */
function propertiesStore(p: GoogleAppsScript.Properties.Properties, prefix = ''): KeyValueStore {
  let copy: Record<string, string> | null = null;
  const all = () => (copy ??= p.getProperties());
  return {
    get: (key) => all()[prefix + key] ?? null,
    getLatest: (key) => {
      const v = p.getProperty(prefix + key);
      if (copy) {
        if (v === null) delete copy[prefix + key];
        else copy[prefix + key] = v;
      }
      return v;
    },
    set: (key, value) => {
      p.setProperty(prefix + key, value);
      if (copy) copy[prefix + key] = value;
    },
    delete: (key) => {
      p.deleteProperty(prefix + key);
      if (copy) delete copy[prefix + key];
    },
  };
}

/** The keys of one spreadsheet's connection in a person's user properties. */
export const connectionPrefix = (spreadsheetId: string) => `doc.${spreadsheetId}.`;

/** The running user's own copy of this spreadsheet's Cafe24 connection (empty for anyone but its owner). */
export function connectionSecrets(spreadsheetId: string): KeyValueStore {
  return propertiesStore(PropertiesService.getUserProperties(), connectionPrefix(spreadsheetId));
}

/** This document's properties, readable by its editors: nothing secret. */
export function documentProperties(): KeyValueStore {
  return propertiesStore(PropertiesService.getDocumentProperties());
}

/** A key of a channel connection (its app, its tokens) or an order cursor: kept with the owner. */
function isConnectionKey(key: string): boolean {
  return isCursorKey(key) || supportedChannels().some((c) => c.isConnectionKey(key));
}

/**
 * The add-on's store for this spreadsheet: connection keys (isConnectionKey) go to the running
 * user's user properties, the rest to the document properties. Each side is read only when one
 * of its keys is asked for, so an idle minute reads one store.
 */
export function addonStore(spreadsheetId: string = SpreadsheetApp.getActive().getId()): KeyValueStore {
  let secrets: KeyValueStore | null = null;
  let doc: KeyValueStore | null = null;
  const side = (key: string) => (isConnectionKey(key) ? (secrets ??= connectionSecrets(spreadsheetId)) : (doc ??= documentProperties()));
  return {
    get: (key) => side(key).get(key),
    getLatest: (key) => side(key).getLatest(key),
    set: (key, value) => side(key).set(key, value),
    delete: (key) => side(key).delete(key),
  };
}


/** The document cache as Apps Script gives it; every execution of this add-on runs in its spreadsheet. */
export function documentCacheService(): GoogleAppsScript.Cache.Cache {
  const c = CacheService.getDocumentCache();
  if (!c) throw new Error('이 실행에는 스프레드시트가 없습니다 (문서 캐시를 쓸 수 없음)');
  return c;
}

/** The document cache; keys already read in this execution are answered from memory. */
export function documentCache(): CachePort {
  const c = documentCacheService();
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
      c.putAll({ ...values }, Math.max(1, Math.min(KEEP_S, Math.round(seconds))));
      for (const [k, v] of Object.entries(values)) seen.set(k, v);
    },
    remove: (key) => {
      c.remove(key);
      seen.set(key, null);
    },
  };
}


/**
 * The lock every run that writes the sheet or calls the malls takes (sync, scan, settlement):
 * one run at a time per document. An add-on's customers never wait for each other.
 */
export function syncLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock();
}

/**
 * Guards token refreshes: a refresh token dies on use, so two executions must never refresh the
 * same mall at once. The tokens are the owner's user properties, so the owner's user lock.
 * (Not the sync's own lock: releasing this one inside a run must not release that one.)
 */
export function tokenLock(): LockPort {
  return {
    withLock<T>(timeoutMs: number, fn: () => T): T | null {
      const lock = LockService.getUserLock();
      if (!lock.tryLock(timeoutMs)) return null;
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}

