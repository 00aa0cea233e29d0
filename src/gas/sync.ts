/**
 * One sync run: what the time-driven trigger does each minute and "sync now" does on demand.
 * Runs under the script lock; reads the partners, collects orders from every connected mall,
 * writes them by key, then moves each mall's cursor. One mall's trouble is shown on its row
 * and in the log; the others go on.
 */
import type { Cafe24Connection } from '../channels/cafe24';
import { collectOrders, commitCursors } from '../jobs/cafe24/collect-orders';
import { message } from '../i18n/messages';
import type { Lang } from '../sheet/schema';
import { appendLog, type LogEntry } from './adapters/log-tab';
import { upsertOrders } from './adapters/orders-tab';
import { cafe24Runtime, connectionOf, isConnected, markPartners, partnersOf } from './cafe24';

/** Leave a minute of the six for writing and for Apps Script itself. */
const BUDGET_MS = 4.5 * 60_000;

export interface SyncReport {
  ran: boolean;
  message: string;
  ordersAdded: number;
  ordersUpdated: number;
  errors: string[];
}

export function runSync(job: 'tick' | 'manual', lang: Lang): SyncReport {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(job === 'tick' ? 0 : 10_000)) {
    return { ran: false, message: message(lang, 'syncSkippedLocked'), ordersAdded: 0, ordersUpdated: 0, errors: [] };
  }
  const started = new Date();
  try {
    const ss = SpreadsheetApp.getActive();
    const rt = cafe24Runtime(BUDGET_MS);
    const reads = partnersOf(ss);
    const conns: Cafe24Connection[] = [];
    const marks: Array<{ partnerId: string; connection?: string; status?: string }> = [];
    const log: LogEntry[] = [];
    for (const r of reads) {
      if (!r.ok) {
        if (r.row.key) marks.push({ partnerId: r.row.key, status: r.problems.join('; ') });
        continue;
      }
      if (r.partner.channel !== 'cafe24' || !isConnected(rt.store, r.partner.partnerId)) continue;
      try {
        conns.push(connectionOf(r.partner));
      } catch (e) {
        marks.push({ partnerId: r.partner.partnerId, status: (e as Error).message });
      }
    }
    if (conns.length === 0) {
      rt.store.set('sync.lastRunAt', started.toISOString());
      markChanged(ss, reads, marks);
      return { ran: true, message: message(lang, 'syncIdle'), ordersAdded: 0, ordersUpdated: 0, errors: [] };
    }
    const result = collectOrders(conns, { gateway: rt.gateway, store: rt.store, clock: { now: () => Date.now() } });
    const written = upsertOrders(ss, result.lines, lang);
    // Only now that the lines are in the sheet may the cursors move.
    commitCursors(rt.store, result.cursors);
    const errors: string[] = [];
    const statusNow = new Map(reads.map((r) => [r.row.key, String(r.row.get('status') ?? '')]));
    for (const e of result.errors) {
      errors.push(e.error.message);
      marks.push({ partnerId: e.partnerId, ...(e.error.reconnect ? { connection: '재연결 필요' } : {}), status: e.error.userMessage });
      // The log gets a line when a partner's trouble starts or changes, not every minute it lasts.
      if (statusNow.get(e.partnerId) === e.error.userMessage) continue;
      log.push({ job: 'orders', startedAt: started, durationMs: Date.now() - started.getTime(), level: e.deferred ? 'warn' : 'error', message: `${e.partnerId}: ${e.error.userMessage} — ${e.error.message}` });
    }
    for (const id of result.completed) marks.push({ partnerId: id, connection: '연결됨', status: '' });
    markChanged(ss, reads, marks);
    if (written.added + written.updated > 0) {
      log.push({
        job: 'orders',
        startedAt: started,
        durationMs: Date.now() - started.getTime(),
        rowsChanged: written.added + written.updated,
        level: 'info',
        message: `주문 ${written.added}건 추가, ${written.updated}건 갱신 (${rt.gateway.requests}회 호출, ${rt.gateway.rounds}회 묶음)`,
      });
    }
    appendLog(ss, lang, log);
    rt.store.set('sync.lastRunAt', started.toISOString());
    return { ran: true, message: `주문 ${written.added}건 추가, ${written.updated}건 갱신`, ordersAdded: written.added, ordersUpdated: written.updated, errors };
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

/** Writes partner cells only where they would change: an idle minute writes nothing. */
function markChanged(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  reads: ReturnType<typeof partnersOf>,
  marks: Array<{ partnerId: string; connection?: string; status?: string }>,
): void {
  const rowOf = new Map(reads.map((r) => [r.row.key, r.row]));
  const changed = marks.filter((m) => {
    const row = rowOf.get(m.partnerId);
    if (!row) return false;
    return (m.connection !== undefined && String(row.get('connection') ?? '') !== m.connection) || (m.status !== undefined && String(row.get('status') ?? '') !== m.status);
  });
  markPartners(ss, changed);
}
