/**
 * Settlement in Apps Script: src/jobs/settlement.ts on the spreadsheet (its tabs, chart and
 * reseller sheets), the record in document properties, and the server functions staff call.
 */
import type { LogEntry } from './adapters/log-tab';
import { appendLog } from './adapters/log-tab';
import { documentCache, syncLock } from './adapters/stores';
import { KEEP_S, SETTLEMENT_STATE_KEY, SHIP_DIRTY_KEY, shipDirtyMark } from '../jobs/kept';
import { afterRefresh, freshState, holdsRecord, parseState, retryAfter, RESELLERS_BY_MS, runOnBooks, SettlementSession, type SettlementBooks, type SettlementState, type SettlementStateStore } from '../jobs/settlement';
import { holdsOf, periodFromLabel } from '../jobs/settlement-run';
import type { Lang } from '../sheet/schema';
import { SETTLEMENTS } from '../sheet/tabs';
import { readTable } from '../sheet/table';
import { clock } from './channel-runtime';
import { partnersOf } from './partners-tab';
import { notOwnerText, refreshResellers } from './reseller-sheets';
import { drawSettlementChart, gridOf, loadData, statementsOf, writeBalances, writeHoldStatuses, writeLedger, writeSettlementTab } from './settlement-tabs';
import { findTab } from './adapters/tab';
import { LEDGER } from '../sheet/tabs';

/** The record in the document's properties. */
export const settlementStateStore: SettlementStateStore = {
  load: () => PropertiesService.getDocumentProperties().getProperty(SETTLEMENT_STATE_KEY),
  save: (text) => PropertiesService.getDocumentProperties().setProperty(SETTLEMENT_STATE_KEY, text),
};

/** The spreadsheet's side of settlement. */
export function settlementBooks(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SettlementBooks {
  return {
    load: (partners, now, ordersGrid, reach) => loadData(ss, partners, now, ordersGrid, reach),
    settledRowKeys: () => new Set(readTable(SETTLEMENTS, gridOf(ss, SETTLEMENTS)).rows.map((r) => r.key)),
    writeLedger: (read, appended, now) => writeLedger(findTab(ss, LEDGER), read, appended, now),
    writeStatements: (result, now) => writeSettlementTab(ss, result, now),
    statements: () => statementsOf(ss),
    drawChart: (statements, partnerIds) => drawSettlementChart(ss, statements, partnerIds),
    writeBalances: (before, after) => writeBalances(ss, before, after),
    writeHoldStatuses: (before, after) => writeHoldStatuses(ss, before, after),
    refreshResellers: (partners, input, now) => refreshResellers(ss, partners, input, now),
  };
}

/** The sync's handle on settlement: the holds for shipping, the partners' status, the due-check. */
export function settlementSession(kept: Readonly<Record<string, string>>): SettlementSession {
  return new SettlementSession(kept, settlementStateStore, clock);
}

// ---------------------------------------------------------------------------------------------
// on demand (server functions)

export interface SettlementRunReport {
  readonly period: string;
  /** A weekly statement has no shipping fee (monthly), a monthly one no amount due or incentive (weekly). */
  readonly kind: 'week' | 'month';
  readonly message: string;
  /** The period's rows as written. */
  readonly rows: ReadonlyArray<{ partnerId: string; partnerName: string; units: number | string; wholesale: number | string; amountDue: number | string; incentive: number | string; shippingFee: number | string; status: string }>;
  readonly ledgerEntriesAdded: number;
  readonly held: readonly string[];
}

function withScriptLock<T>(fn: () => T): T {
  const lock = syncLock();
  if (!lock.tryLock(30_000)) throw new Error('동기화가 실행 중입니다. 잠시 후 다시 시도하세요');
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

function currentState(now: number): SettlementState {
  return parseState(settlementStateStore.load()) ?? freshState(now);
}

/** Keeps the record and tells the next sync run (cache) at once. */
function storeState(s: SettlementState): void {
  const text = JSON.stringify(s);
  settlementStateStore.save(text);
  documentCache().putAll({ [SETTLEMENT_STATE_KEY]: text }, 3600);
}

/**
 * Settles one past period now (staff, from the sidebar): the same figures as the automatic run,
 * nothing doubled; then the holds and the reseller sheets.
 */
export function runSettlementNow(label: string, lang: Lang): SettlementRunReport {
  const period = periodFromLabel(label);
  if (!period) throw new Error(`정산 기간 형식이 올바르지 않습니다: "${label}" (예: 2027-W04 또는 2027-01)`);
  const now = Date.now();
  if (period.end > now) throw new Error(`${period.label}은(는) 아직 끝나지 않은 기간입니다 (${period.firstDay}~${period.lastDay})`);
  return withScriptLock(() => {
    const ss = SpreadsheetApp.getActive();
    const partners = partnersOf(ss).flatMap((r) => (r.ok ? [r.partner] : []));
    const books = settlementBooks(ss);
    const state = currentState(now);
    // Every year's archived rows: the reseller sheets made after it show every shipped item.
    const run = runOnBooks(books, partners, [period], state.coveredFrom, now, undefined, 'all');
    const h = holdsRecord(run.holds);
    books.writeBalances(state.balances, h.balances);
    books.writeHoldStatuses(state.holds, h.holds);
    const released = Object.keys(state.holds).some((id) => !(id in h.holds));
    const refreshed = books.refreshResellers(partners, { facts: run.data.facts, ledger: run.ledger, holds: run.holds, statements: books.statements(), until: now + RESELLERS_BY_MS }, now);
    storeState({ ...state, holds: h.holds, balances: h.balances, ...afterRefresh(partners, refreshed, state.sheetsFor), retry: retryAfter(state.retry, [period], run) });
    if (released) documentCache().putAll({ [SHIP_DIRTY_KEY]: shipDirtyMark(now) }, KEEP_S);
    const messages = [...run.messages, ...refreshed.messages];
    appendLog(ss, lang, messages.map((m) => ({ job: 'settlement', startedAt: new Date(now), durationMs: Date.now() - now, level: m.level, message: m.message }) satisfies LogEntry));
    const rows = (run.result?.rows ?? []).map((r) => ({
      partnerId: r.partnerId,
      partnerName: partners.find((p) => p.partnerId === r.partnerId)?.name ?? '',
      units: (r.kind === 'week' ? r.values.unitsShipped : r.values.monthUnitsShipped) as number | string,
      wholesale: r.values.wholesaleAmount as number | string,
      amountDue: r.values.amountDue as number | string,
      incentive: r.values.incentive as number | string,
      shippingFee: r.values.shippingFee as number | string,
      status: run.statuses.get(r.key) ?? '',
    }));
    const added = run.result?.appended.length ?? 0;
    const text = `${period.label} 정산: ${rows.length}개 파트너, 원장 ${added}건 추가${added === 0 ? ' (변동 없음)' : ''}`;
    // The toast's title already says 정산.
    ss.toast(text.replace(/ 정산:/, ':'), '정산', 5);
    return { period: period.label, kind: period.kind, message: text, rows, ledgerEntriesAdded: added, held: Object.keys(h.holds) };
  });
}

/** Refreshes every reseller's sheet now (staff, from the sidebar or the menu). */
export function refreshResellerSheetsNow(lang: Lang): { message: string; ok: boolean; sheets: Array<{ partnerId: string; url: string }> } {
  const now = Date.now();
  return withScriptLock(() => {
    const ss = SpreadsheetApp.getActive();
    const partners = partnersOf(ss).flatMap((r) => (r.ok ? [r.partner] : []));
    const books = settlementBooks(ss);
    const state = currentState(now);
    const data = books.load(partners, now, undefined, 'all');
    const ledger = data.ledger.posted.map((p) => p.entry);
    const holds = holdsOf(partners, ledger, data.facts.shipped, state.coveredFrom, now);
    const r = books.refreshResellers(partners, { facts: data.facts, ledger, holds, statements: books.statements(), until: now + RESELLERS_BY_MS }, now);
    appendLog(ss, lang, [...data.guard, ...r.messages].map((m) => ({ job: 'reseller', startedAt: new Date(now), durationMs: Date.now() - now, level: m.level, message: m.message })));
    // Someone else's sheets: the sidebar says whose, in place of a count.
    const text = r.notOwner.length > 0 ? notOwnerText(r.notOwner, Session.getEffectiveUser().getEmail()) : `정산 시트 ${r.sheets.length}개 갱신`;
    return { message: text, ok: r.notOwner.length === 0, sheets: r.sheets };
  });
}
