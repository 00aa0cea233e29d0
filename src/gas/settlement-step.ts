/**
 * Settlement on the sheet: the weekly statements and monthly shipping fees in the 정산 tab, the
 * partner ledger (원장) with staff's payments and adjustments, balances and the shipping holds of
 * deposit and credit partners (seed 002), and a chart of the weeks.
 *
 * When it runs:
 * - by itself, from the sync (`settlementSession(kept).tick(…)`): a due-check on the time and a
 *   small record kept with the sync's one cache read and write, so a minute with nothing due
 *   costs no call at all. Due: the last week from Monday 06:00 KST, the last month from the 1st
 *   06:00 KST, the reseller sheets once a day from 06:00 and after every settlement run (in the
 *   next run, to spread the work); staff's edits of the ledger or partners tab make it record
 *   new ledger rows and work out the holds again.
 * - on demand for any past period: `runSettlement('2027-W04')` / `runSettlement('2027-01')`.
 *
 * The record (`SettlementState`) lives in document properties, mirrored in the script cache:
 * what was settled last, from when the orders tab is complete, each held partner's reason (the
 * shipping step reads them every run at no cost), the balances shown on the partners tab.
 */
import { afterRun, dueWork, FIRST_COLLECTION_LOOKBACK_MS, firstSchedule, type SettlementSchedule } from '../core/settlement-schedule';
import type { Partner } from '../core/partner';
import type { SeoulMonth, SeoulWeek } from '../core/seoul-week';
import type { CachePort } from '../core/ports';
import { settlementHolds, type SettlementHolds } from '../jobs/ship-orders';
import { holdsOf, periodFromLabel, settlePeriods, type Period, type SettlementResult } from '../jobs/settlement-run';
import type { Lang } from '../sheet/schema';
import { SETTLEMENTS } from '../sheet/tabs';
import { readTable } from '../sheet/table';
import { appendLog, type LogEntry } from './adapters/log-tab';
import { documentCache, syncLock } from './adapters/stores';
import { partnersOf } from './partners-tab';
import { notOwnerText, refreshResellers } from './reseller-sheets';
import { KEEP_S, SETTLEMENT_DIRTY_KEY, SETTLEMENT_STATE_KEY, SHIP_DIRTY_KEY, shipDirtyMark } from '../jobs/kept';
import { drawSettlementChart, gridOf, holdsRecord, loadData, statementsOf, writeBalances, writeHoldStatuses, writeLedger, writeSettlementTab, type Msg, type RunOutcome } from './settlement-tabs';


/** Heavy work starts only this early in a sync run; later, it waits for the next run. */
const START_BY_MS = 2.5 * 60_000;
/** No reseller sheet is started later than this in an execution (6 minutes at most). */
const RESELLERS_BY_MS = 4.5 * 60_000;

export interface SettlementState extends SettlementSchedule {
  /** Held partners and why (Korean). */
  readonly holds: Readonly<Record<string, string>>;
  /** Balances as last written to the partners tab. */
  readonly balances: Readonly<Record<string, number>>;
  /** The reseller sheets wait for a refresh (after a settlement run or a payment). */
  readonly pendingRefresh: boolean;
  /**
   * Periods whose statements could not be made (a SKU without a wholesale price): run again by
   * themselves after the next edit of the products, ledger or partners tab.
   */
  readonly retry: readonly string[];
  /**
   * The resellers whose sheets the last completed refresh covered. A reseller row added since
   * gets its sheet with the next run, not at the next 06:00.
   */
  readonly sheetsFor: readonly string[];
}

/** The partners that have a reseller sheet, in a stable order. */
function resellerIds(partners: readonly Partner[]): string[] {
  return partners.filter((p) => p.role === 'reseller').map((p) => p.partnerId).sort();
}

/** What a finished refresh leaves in the state: deferred work stays pending, newcomers are covered. */
function afterRefresh(partners: readonly Partner[], r: { deferred: boolean }, before: readonly string[]): Pick<SettlementState, 'pendingRefresh' | 'sheetsFor'> {
  return { pendingRefresh: r.deferred, sheetsFor: r.deferred ? before : resellerIds(partners) };
}

function parseState(text: string | null | undefined): SettlementState | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<SettlementState>;
    if (typeof s.coveredFrom !== 'number') return null;
    return {
      firstRun: typeof s.firstRun === 'number' ? s.firstRun : s.coveredFrom + FIRST_COLLECTION_LOOKBACK_MS,
      coveredFrom: s.coveredFrom,
      week: s.week ?? null,
      month: s.month ?? null,
      refreshedDay: s.refreshedDay ?? null,
      holds: s.holds ?? {},
      balances: s.balances ?? {},
      pendingRefresh: s.pendingRefresh ?? false,
      retry: s.retry ?? [],
      // A state stored before this field knew its resellers' sheets through the daily refresh.
      sheetsFor: s.sheetsFor ?? [],
    };
  } catch {
    return null;
  }
}

function loadStateFromProperties(): SettlementState | null {
  return parseState(PropertiesService.getDocumentProperties().getProperty(SETTLEMENT_STATE_KEY));
}

function saveState(s: SettlementState): string {
  const text = JSON.stringify(s);
  PropertiesService.getDocumentProperties().setProperty(SETTLEMENT_STATE_KEY, text);
  return text;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Records staff's ledger rows, settles the periods (none: only the ledger and holds), writes the
 * tabs and the chart, and works out every reseller's hold.
 */
function runOnSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  partners: readonly Partner[],
  periods: readonly Period[],
  coveredFrom: number | null,
  now: number,
  ordersGrid?: readonly (readonly unknown[])[],
): RunOutcome {
  const messages: Msg[] = [];
  const data = loadData(ss, partners, now, ordersGrid);
  const staffEntries = data.ledger.staff.flatMap((s) => (s.entry ? [s.entry] : []));
  const posted = [...data.ledger.posted.map((p) => p.entry), ...staffEntries];
  messages.push(...data.guard);
  for (const u of data.ledger.unreadable) messages.push({ level: 'warn', message: u.problem });
  let result: SettlementResult | null = null;
  let statuses = new Map<string, string>();
  let wrote = false;
  if (periods.length > 0) {
    const settlementGrid = gridOf(ss, SETTLEMENTS);
    const existingRows = new Set(readTable(SETTLEMENTS, settlementGrid).rows.map((r) => r.key));
    result = settlePeriods(
      periods,
      { partners, shipped: data.facts.shipped, ordered: data.facts.ordered, returns: data.returns, unpriced: data.facts.unpriced, ledger: posted, coveredFrom, existingRows },
      now,
    );
  }
  const appended = result?.appended ?? [];
  const led = writeLedger(data.ledgerSheet, data.ledger, appended, now);
  wrote ||= led.wrote;
  if (led.recorded.length > 0) messages.push({ level: 'info', message: `원장 입력 ${led.recorded.length}건 기록: ${led.recorded.map((e) => `${e.partnerId} ${e.amount}`).join(', ')}` });
  for (const s of data.ledger.staff) if (!s.entry && s.problems.length > 0) messages.push({ level: 'warn', message: `원장 ${s.row.rowNumber}행: ${s.problems.join('; ')}` });
  if (result) {
    const tab = writeSettlementTab(ss, result, now);
    statuses = tab.statuses;
    wrote ||= tab.wrote;
    drawSettlementChart(ss, statementsOf(ss), partners.map((p) => p.partnerId));
    wrote = true;
    const problems = result.rows.filter((r) => r.problem);
    const labels = [...new Set(result.rows.map((r) => r.period))].join(', ') || periods.map((p) => p.label).join(', ');
    messages.push({
      level: problems.length > 0 ? 'warn' : 'info',
      message: `정산 ${labels}: ${result.rows.length}행, 원장 ${appended.length}건 추가${problems.length > 0 ? `, 확인 필요 ${problems.map((r) => r.partnerId).join(', ')}` : ''}`,
    });
  }
  const ledger = [...data.ledger.posted.map((p) => p.entry), ...led.recorded, ...appended];
  const holds = holdsOf(partners, ledger, data.facts.shipped, coveredFrom, now);
  return { result, statuses, recorded: led.recorded, holds, data, ledger, wrote, messages };
}

// ---------------------------------------------------------------------------------------------
// the sync's side

export interface TickContext {
  readonly now: number;
  /** When the sync run started (heavy work starts only early in a run). */
  readonly startedAt: number;
  readonly partners: readonly Partner[];
  readonly ordersGrid?: readonly (readonly unknown[])[];
  readonly cache: CachePort;
  readonly lang: Lang;
}

export interface TickResult {
  /** Cache entries to keep with the sync's one write. */
  readonly keep: Record<string, string>;
  readonly wroteSheet: boolean;
  readonly messages: Msg[];
}

export class SettlementSession {
  private state: SettlementState | null;
  /** The record was made up here (no property yet): the first tick saves it. */
  private unsaved = false;

  constructor(private readonly kept: Readonly<Record<string, string>>) {
    this.state = parseState(kept[SETTLEMENT_STATE_KEY]);
  }

  /** The held partners for the shipping step: from the sync's cache read; properties only if the cache lost it. */
  get holds(): SettlementHolds {
    return settlementHolds(this.current().holds);
  }

  /** What a partner row's 처리결과 says when its connection is fine: why it is held, or nothing. */
  statusOf(partnerId: string): string {
    return this.current().holds[partnerId] ?? '';
  }

  private current(): SettlementState {
    if (!this.state) {
      const stored = loadStateFromProperties();
      this.unsaved = stored === null;
      this.state = stored ?? freshState(Date.now());
    }
    return this.state;
  }

  /** The due-check and whatever is due. Nothing due: no call at all. */
  tick(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, ctx: TickContext): TickResult {
    let state = this.current();
    const keep: Record<string, string> = {};
    const messages: Msg[] = [];
    const due = dueWork(state, ctx.now);
    const flag = this.kept[SETTLEMENT_DIRTY_KEY];
    // A price edit while no period waits for a price changes nothing here (stock edits are many).
    const dirty = Boolean(flag) && !(flag === 'prices' && state.retry.length === 0);
    if (flag && !dirty) ctx.cache.remove(SETTLEMENT_DIRTY_KEY);
    const newcomers = resellerIds(ctx.partners).some((id) => !state.sheetsFor.includes(id));
    const nothing = !due.week && !due.month && !due.refresh && !state.pendingRefresh && !newcomers && !dirty;
    const late = ctx.now - ctx.startedAt > START_BY_MS;
    if (nothing || late) {
      keep[SETTLEMENT_STATE_KEY] = this.unsaved ? saveState(state) : JSON.stringify(state);
      this.unsaved = false;
      return { keep, wroteSheet: false, messages };
    }
    if (dirty) ctx.cache.remove(SETTLEMENT_DIRTY_KEY);
    const before = state;
    let wrote = false;
    if (due.week || due.month || dirty) {
      const periods: Period[] = [due.week, due.month].filter((p): p is SeoulWeek | SeoulMonth => p !== null);
      // Periods that failed for a missing price are tried again once someone edited something.
      const retried = dirty ? state.retry.flatMap((l) => (periods.some((p) => p.label === l) ? [] : [periodFromLabel(l)].filter((p): p is Period => p !== null))) : [];
      periods.push(...retried);
      const run = runOnSheet(ss, ctx.partners, periods, state.coveredFrom, ctx.now, ctx.ordersGrid);
      messages.push(...run.messages);
      wrote ||= run.wrote;
      const h = holdsRecord(run.holds);
      wrote = writeBalances(ss, state.balances, h.balances) || wrote;
      const released = Object.keys(state.holds).filter((id) => !(id in h.holds));
      if (released.length > 0) {
        keep[SHIP_DIRTY_KEY] = shipDirtyMark(ctx.now);
        messages.push({ level: 'info', message: `출고 보류 해제: ${released.join(', ')} (보류된 송장은 다음 실행에 전송됩니다)` });
      }
      for (const id of Object.keys(h.holds).filter((x) => !(x in state.holds))) messages.push({ level: 'warn', message: `${id}: ${h.holds[id]}` });
      state = {
        ...afterRun(state, { week: due.week, month: due.month }),
        holds: h.holds,
        balances: h.balances,
        pendingRefresh: state.pendingRefresh || newcomers || periods.length > 0 || run.recorded.length > 0,
        retry: retryAfter(state.retry, periods, run),
        sheetsFor: state.sheetsFor,
      };
    } else {
      // The daily refresh, or the one a settlement run or a payment asked for.
      const data = loadData(ss, ctx.partners, ctx.now, ctx.ordersGrid);
      const ledger = data.ledger.posted.map((p) => p.entry);
      const holds = holdsOf(ctx.partners, ledger, data.facts.shipped, state.coveredFrom, ctx.now);
      const r = refreshResellers(ss, ctx.partners, { facts: data.facts, ledger, holds, statements: statementsOf(ss), until: ctx.startedAt + RESELLERS_BY_MS }, ctx.now);
      messages.push(...data.guard, ...r.messages);
      const h = holdsRecord(holds);
      wrote = writeBalances(ss, state.balances, h.balances) || wrote;
      if (Object.keys(state.holds).some((id) => !(id in h.holds))) keep[SHIP_DIRTY_KEY] = shipDirtyMark(ctx.now);
      state = { ...state, ...afterRun(state, { refreshedDay: due.refresh ? due.today : state.refreshedDay }), holds: h.holds, balances: h.balances, ...afterRefresh(ctx.partners, r, state.sheetsFor) };
    }
    keep[SETTLEMENT_STATE_KEY] = sameJson(before, state) && !this.unsaved ? JSON.stringify(state) : saveState(state);
    this.unsaved = false;
    this.state = state;
    return { keep, wroteSheet: wrote, messages };
  }
}

function freshState(now: number): SettlementState {
  return { ...firstSchedule(now), holds: {}, balances: {}, pendingRefresh: false, retry: [], sheetsFor: [] };
}

/** The periods to try again: those of this run with a problem row, and earlier ones not run now. */
function retryAfter(before: readonly string[], periods: readonly Period[], run: RunOutcome): string[] {
  const ran = new Set(periods.map((p) => p.label));
  const failed = (run.result?.rows ?? []).filter((r) => r.problem).map((r) => r.period);
  return [...new Set([...before.filter((l) => !ran.has(l)), ...failed])];
}

/** The sync's handle on settlement: the holds for shipping, the partners' status, the due-check. */
export function settlementSession(kept: Readonly<Record<string, string>>): SettlementSession {
  return new SettlementSession(kept);
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
  return loadStateFromProperties() ?? freshState(now);
}

/** Keeps the record and tells the next sync run (cache) at once. */
function storeState(s: SettlementState): void {
  const text = saveState(s);
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
    const state = currentState(now);
    const run = runOnSheet(ss, partners, [period], state.coveredFrom, now);
    const h = holdsRecord(run.holds);
    writeBalances(ss, state.balances, h.balances);
    writeHoldStatuses(ss, state.holds, h.holds);
    const released = Object.keys(state.holds).some((id) => !(id in h.holds));
    const refreshed = refreshResellers(ss, partners, { facts: run.data.facts, ledger: run.ledger, holds: run.holds, statements: statementsOf(ss), until: now + RESELLERS_BY_MS }, now);
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
    const state = currentState(now);
    const data = loadData(ss, partners, now);
    const ledger = data.ledger.posted.map((p) => p.entry);
    const holds = holdsOf(partners, ledger, data.facts.shipped, state.coveredFrom, now);
    const r = refreshResellers(ss, partners, { facts: data.facts, ledger, holds, statements: statementsOf(ss), until: now + RESELLERS_BY_MS }, now);
    appendLog(ss, lang, [...data.guard, ...r.messages].map((m) => ({ job: 'reseller', startedAt: new Date(now), durationMs: Date.now() - now, level: m.level, message: m.message })));
    // Someone else's sheets: the sidebar says whose, in place of a count.
    const text = r.notOwner.length > 0 ? notOwnerText(r.notOwner, Session.getEffectiveUser().getEmail()) : `정산 시트 ${r.sheets.length}개 갱신`;
    return { message: text, ok: r.notOwner.length === 0, sheets: r.sheets };
  });
}
