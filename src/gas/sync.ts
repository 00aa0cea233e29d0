/**
 * The sync run (src/jobs/sync.ts) on this spreadsheet: its tabs, the document's cache and lock,
 * the channels through UrlFetchApp, the log tab.
 */
import { runSync as runSyncOn, type SyncPorts, type SyncReport } from '../jobs/sync';
import type { LockPort } from '../core/ports';
import type { Lang } from '../sheet/schema';
import { fetchesSoFar } from './adapters/http';
import { appendLog } from './adapters/log-tab';
import { documentCache, syncLock } from './adapters/stores';
import { sheetTables } from './adapters/tables';
import { channelRuntime, clock } from './channel-runtime';
import { claimsStep } from './claims-step';
import { markPartners, partnersOf } from './partners-tab';
import { settlementBooks, settlementStateStore } from './settlement-step';
import { writeOrderLines } from './write-order-lines';
import { archiveStep } from '../jobs/archive-orders';
import { archivePorts } from './order-archive';

export type { SyncReport };

/**
 * The document lock, held for a whole run and released after its writes are flushed. A trigger
 * run ends as soon as the sync returns, and Apps Script releases a lock when its script ends
 * (apps-script-platform.md §1.4): it is left to that, one round trip fewer each minute. "Sync
 * now" releases it at once (the sidebar's execution goes on answering).
 */
function documentLock(job: 'tick' | 'manual'): LockPort {
  return {
    withLock(timeoutMs, fn) {
      const lock = syncLock();
      if (!lock.tryLock(timeoutMs)) return null;
      if (job === 'tick') return fn();
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}

function syncPorts(job: 'tick' | 'manual', lang: Lang): SyncPorts {
  const ss = SpreadsheetApp.getActive();
  const cache = documentCache();
  return {
    lock: documentLock(job),
    cache,
    clock,
    tables: sheetTables(ss),
    partners: { read: () => partnersOf(ss), mark: (updates) => markPartners(ss, updates) },
    channels: (budgetMs) => channelRuntime(budgetMs, cache),
    writeLines: (lines, store) => writeOrderLines(ss, lines, lang, store),
    claims: (input) => claimsStep(ss, input),
    settlement: { books: settlementBooks(ss), state: settlementStateStore },
    archive: (tick) => archiveStep(archivePorts(ss, tick.store), tick),
    log: (entries) => appendLog(ss, lang, entries),
    fetchesSoFar,
    flush: () => SpreadsheetApp.flush(),
  };
}

export function runSync(job: 'tick' | 'manual', lang: Lang): SyncReport {
  return runSyncOn(syncPorts(job, lang), job, lang);
}
