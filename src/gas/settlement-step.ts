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
import type { LedgerEntry } from '../core/ledger';
import type { Partner } from '../core/partner';
import type { SeoulMonth, SeoulWeek } from '../core/seoul-week';
import type { CachePort } from '../jobs/ports';
import { holdsOf, keysText, periodFromLabel, settlePeriods, weeklyChartRows, type HoldView, type Period, type SettlementResult, type StatementRow } from '../jobs/settlement-run';
import type { StatementFigures } from '../jobs/reseller-view';
import { ledgerCells, readLedger, staffFingerprint, type LedgerRead } from '../sheet/ledger';
import { readOrderFacts, readReturnCredits, readWholesalePrices, type OrderFacts } from '../sheet/settlement-data';
import type { ReturnCredit } from '../core/settlement';
import type { Lang } from '../sheet/schema';
import { CLAIMS, LEDGER, ORDERS, PARTNERS, PRODUCTS, SETTLEMENT_CHART, SETTLEMENTS } from '../sheet/tabs';
import { cellText, readTable, rowCells } from '../sheet/table';
import { appendLog, type LogEntry } from './adapters/log-tab';
import { scriptCache } from './adapters/stores';
import { appendRows, findTab, readGrid, writeByKey, type KeyedUpdate } from './adapters/tab';
import { markPartners, partnersOf } from './cafe24';
import { refreshResellers } from './reseller-sheets';
import { SHIP_DIRTY_KEY } from './shipping-step';
import { forgetPartnersSnapshot } from './sync';

/** The record, in document properties and (mirrored) in the script cache. */
export const SETTLEMENT_STATE_KEY = 'settlement.state';
/** Set by onEdit of the ledger or partners tab: the next run records staff's rows and works out holds. */
export const SETTLEMENT_DIRTY_KEY = 'settlement.dirty';
/** What the sync reads with its one cache read. */
export const SETTLEMENT_CACHE_KEYS = [SETTLEMENT_STATE_KEY, SETTLEMENT_DIRTY_KEY] as const;
const CHART_TITLE = '주간 도매금액·출고수량 (파트너별)';
/** Heavy work starts only this early in a sync run; later, it waits for the next run. */
const START_BY_MS = 2.5 * 60_000;

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
}

type Msg = { level: 'info' | 'warn' | 'error'; message: string };

/**
 * onEdit: of the ledger or partners tab ('ledger': rows to record, holds to work out again), or of
 * the products tab ('prices': matters only while a period waits for a missing price).
 */
export function markSettlementDirty(why: 'ledger' | 'prices' = 'ledger'): void {
  CacheService.getScriptCache().put(SETTLEMENT_DIRTY_KEY, why === 'prices' ? 'prices' : '1', 21_600);
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

// ---------------------------------------------------------------------------------------------
// the data of a run

interface RunData {
  readonly partners: readonly Partner[];
  readonly facts: OrderFacts;
  readonly returns: ReturnCredit[];
  readonly ledger: LedgerRead;
  readonly ledgerSheet: GoogleAppsScript.Spreadsheet.Sheet | null;
}

function gridOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: Parameters<typeof findTab>[1]): unknown[][] {
  const sheet = findTab(ss, tab);
  return sheet ? readGrid(sheet) : [];
}

function loadData(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, partners: readonly Partner[], now: number, ordersGrid?: readonly (readonly unknown[])[]): RunData {
  const prices = readWholesalePrices(gridOf(ss, PRODUCTS));
  const facts = readOrderFacts(ordersGrid ?? gridOf(ss, ORDERS), prices);
  const returns = readReturnCredits(gridOf(ss, CLAIMS));
  const ledgerSheet = findTab(ss, LEDGER);
  const ledger = readLedger(ledgerSheet ? readGrid(ledgerSheet) : [], partners, now);
  return { partners, facts, returns, ledger, ledgerSheet };
}

const hhmm = (ms: number): string => {
  const d = new Date(ms + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

/** The items cell of a ledger row: the order items behind the figure. */
function itemsText(e: LedgerEntry): string {
  if (!e.items || e.items.length === 0) return '';
  return keysText('품목', e.items, `주문 탭에서 파트너ID ${e.partnerId}, 기간 ${e.reference}로 필터`);
}

/**
 * Staff's new ledger rows get their id, time and reference (or the reason they cannot be
 * recorded), and the entries the run made are appended. The tab is read again just before
 * writing and staff rows are found by their cells, so a sort meanwhile changes nothing.
 * Returns the staff entries recorded.
 */
function writeLedger(sheet: GoogleAppsScript.Spreadsheet.Sheet | null, read: LedgerRead, appended: readonly LedgerEntry[], now: number): { recorded: LedgerEntry[]; wrote: boolean } {
  const staff = read.staff.filter((s) => s.entry !== null || s.problems.length > 0);
  if (!sheet || (staff.length === 0 && appended.length === 0)) return { recorded: [], wrote: false };
  const grid = readGrid(sheet);
  const table = readTable(LEDGER, grid);
  const layout = table.layout;
  const recorded: LedgerEntry[] = [];
  let wrote = false;
  const free = table.rows.filter((r) => cellText(r.get('entryId')) === '');
  for (const s of staff) {
    const i = free.findIndex((r) => staffFingerprint(r.get) === s.fingerprint);
    if (i < 0) continue;
    const row = free.splice(i, 1)[0]!;
    const cells: Record<string, unknown> = s.entry
      ? { entryId: s.entry.id, at: new Date(s.entry.at), reference: s.entry.reference, status: `✓ ${hhmm(now)} 원장 기록` }
      : { status: `✗ ${s.problems.join('; ')}` };
    if (!s.entry && cellText(row.get('status')) === cells.status) continue;
    writeRowCells(sheet, layout.index, row.rowNumber, cells);
    wrote = true;
    if (s.entry) recorded.push(s.entry);
  }
  if (appended.length > 0) {
    const width = Math.max(grid[0]?.length ?? 0, 1);
    appendRows(
      sheet,
      appended.map((e) => rowCells(layout.index, width, ledgerCells(e, itemsText(e)))),
      grid.length,
    );
    wrote = true;
  }
  return { recorded, wrote };
}

function writeRowCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, index: ReadonlyMap<string, number>, row: number, values: Record<string, unknown>): void {
  const cells = Object.entries(values)
    .map(([k, v]) => ({ c: index.get(k), v }))
    .filter((x): x is { c: number; v: unknown } => x.c !== undefined)
    .sort((a, b) => a.c - b.c);
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1]!.c === cells[j]!.c + 1) j++;
    sheet.getRange(row, cells[i]!.c + 1, 1, j - i + 1).setValues([cells.slice(i, j + 1).map((x) => x.v)]);
    i = j + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// the settlement tab

function statusOf(r: StatementRow, previous: string, now: number): string {
  const warn = r.warning ? ` ⚠ ${r.warning}` : '';
  if (r.problem) return `✗ ${r.problem}`;
  if (r.ownMall) return `✓ 자사몰: 참고용 (원장 없음)${warn}`;
  if (r.appended.length > 0) {
    const fix = r.appended.some((e) => e.type === 'adjustment');
    return `✓ ${hhmm(now)} ${fix ? '재계산 차액' : '정산'} 원장 반영 (${r.appended.length}건)${warn}`;
  }
  if (previous.startsWith('✓')) return previous;
  return `✓ 정산 완료${warn}`;
}

const sameCell = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return cellText(a) === cellText(b) || (typeof a === 'number' && Number(cellText(b).replace(/,/g, '')) === a);
};

/** Rows by key: only cells that differ are written; new rows are appended in one write. */
function writeSettlementTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, result: SettlementResult, now: number): { wrote: boolean; statuses: Map<string, string> } {
  const statuses = new Map<string, string>();
  const sheet = findTab(ss, SETTLEMENTS);
  if (!sheet || result.rows.length === 0) return { wrote: false, statuses };
  const grid = readGrid(sheet);
  const table = readTable(SETTLEMENTS, grid);
  const byKey = new Map(table.rows.map((r) => [r.key, r]));
  const updates: KeyedUpdate[] = [];
  const appends: unknown[][] = [];
  const width = Math.max(grid[0]?.length ?? 0, 1);
  for (const r of result.rows) {
    const existing = byKey.get(r.key);
    const status = statusOf(r, cellText(existing?.get('status')), now);
    statuses.set(r.key, status);
    const values: Record<string, unknown> = { ...r.values, status, trace: r.trace };
    if (!existing) {
      appends.push(rowCells(table.layout.index, width, values));
      continue;
    }
    const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => !sameCell(v, existing.get(k))));
    if (Object.keys(changed).length > 0) updates.push({ key: r.key, values: changed });
  }
  writeByKey(sheet, SETTLEMENTS, updates);
  appendRows(sheet, appends, grid.length);
  return { wrote: updates.length + appends.length > 0, statuses };
}

/** The statements as the settlement tab now holds them (for the chart and the reseller sheets). */
function statementsOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StatementFigures[] {
  const table = readTable(SETTLEMENTS, gridOf(ss, SETTLEMENTS));
  return table.rows
    .filter((r) => r.key)
    .map((r) => ({
      partnerId: cellText(r.get('partnerId')),
      period: cellText(r.get('period')),
      periodStart: r.get('periodStart') ?? '',
      periodEnd: r.get('periodEnd') ?? '',
      orderAmount7d: r.get('orderAmount7d') ?? '',
      unitsShipped: r.get('unitsShipped') ?? '',
      wholesaleAmount: r.get('wholesaleAmount') ?? '',
      returnCredit: r.get('returnCredit') ?? '',
      amountDue: r.get('amountDue') ?? '',
      incentive: r.get('incentive') ?? '',
      monthUnitsShipped: r.get('monthUnitsShipped') ?? '',
      shippingFee: r.get('shippingFee') ?? '',
      dueDate: r.get('dueDate') ?? '',
      trace: r.get('trace') ?? '',
      posted: cellText(r.get('status')).startsWith('✓'),
    }));
}

/**
 * The chart of weekly wholesale value (columns) and units (lines, right axis) per partner, on the
 * settlement tab. Its data is the 정산차트 tab: one block of weeks per partner (the settlement tab
 * has one row per partner and period; a chart needs each partner's weeks apart), each block one
 * series over the first block's weeks.
 */
function drawSettlementChart(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, statements: readonly StatementFigures[], partnerIds: readonly string[]): void {
  const settleTab = findTab(ss, SETTLEMENTS);
  if (!settleTab || partnerIds.length === 0) return;
  const figures = statements
    .filter((s) => /-W\d{2}$/.test(s.period) && typeof s.wholesaleAmount === 'number')
    .map((s) => ({ partnerId: s.partnerId, period: s.period, units: Number(s.unitsShipped) || 0, wholesale: Number(s.wholesaleAmount) || 0 }));
  const { weeks, rows } = weeklyChartRows(figures, partnerIds);
  if (weeks.length === 0) return;
  // Setup makes the tab; a sheet not set up again since this version gets it here.
  const data = findTab(ss, SETTLEMENT_CHART) ?? ss.insertSheet(SETTLEMENT_CHART.title.ko);
  const header = ['주차', '파트너ID', '도매금액', '출고수량'];
  const grid = [header, ...rows];
  const last = data.getLastRow();
  if (last > grid.length) data.getRange(grid.length + 1, 1, last - grid.length, header.length).clearContent();
  if (data.getMaxColumns() < header.length) data.insertColumnsAfter(data.getMaxColumns(), header.length - data.getMaxColumns());
  if (data.getMaxRows() < grid.length) data.insertRowsAfter(data.getMaxRows(), grid.length - data.getMaxRows());
  data.getRange(1, 1, grid.length, header.length).setValues(grid);
  const n = partnerIds.length;
  const w = weeks.length;
  const block = (i: number, col: number) => data.getRange(2 + i * w, col, w, 1);
  const series: Record<string, unknown> = {};
  partnerIds.forEach((p, i) => {
    series[String(i)] = { labelInLegend: `${p} 도매금액` };
    series[String(n + i)] = { type: 'line', targetAxisIndex: 1, labelInLegend: `${p} 출고수량` };
  });
  const existing = settleTab.getCharts().find((c) => c.getOptions().get('title') === CHART_TITLE);
  let builder = (existing ? existing.modify().clearRanges() : settleTab.newChart()).setChartType(Charts.ChartType.COMBO).addRange(block(0, 1));
  for (let i = 0; i < n; i++) builder = builder.addRange(block(i, 3));
  for (let i = 0; i < n; i++) builder = builder.addRange(block(i, 4));
  builder = builder
    .setNumHeaders(0)
    .setOption('title', CHART_TITLE)
    .setOption('seriesType', 'bars')
    .setOption('series', series)
    .setOption('vAxes', { 0: { title: '도매금액(원)' }, 1: { title: '출고수량(개)' } })
    .setPosition(2, Math.max(1, settleTab.getLastColumn()) + 2, 0, 0);
  if (existing) settleTab.updateChart(builder.build());
  else settleTab.insertChart(builder.build());
}

// ---------------------------------------------------------------------------------------------
// holds

function holdsRecord(views: readonly HoldView[]): { holds: Record<string, string>; balances: Record<string, number> } {
  const holds: Record<string, string> = {};
  const balances: Record<string, number> = {};
  for (const v of views) {
    if (v.held) holds[v.partnerId] = v.reason;
    balances[v.partnerId] = v.balance;
  }
  return { holds, balances };
}

/** Writes balances that changed to the partners tab. */
function writeBalances(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): boolean {
  const sheet = findTab(ss, PARTNERS);
  const changed = Object.entries(after).filter(([id, b]) => before[id] !== b);
  if (!sheet || changed.length === 0) return false;
  writeByKey(sheet, PARTNERS, changed.map(([key, balance]) => ({ key, values: { balance } })));
  return true;
}

// ---------------------------------------------------------------------------------------------
// one run over the sheet

export interface RunOutcome {
  readonly result: SettlementResult | null;
  readonly statuses: ReadonlyMap<string, string>;
  readonly recorded: readonly LedgerEntry[];
  readonly holds: readonly HoldView[];
  readonly data: RunData;
  readonly ledger: readonly LedgerEntry[];
  readonly wrote: boolean;
  readonly messages: Msg[];
}

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
  get holds(): ReadonlyMap<string, string> {
    return new Map(Object.entries(this.current().holds));
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
    const nothing = !due.week && !due.month && !due.refresh && !state.pendingRefresh && !dirty;
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
        keep[SHIP_DIRTY_KEY] = '1';
        messages.push({ level: 'info', message: `출고 보류 해제: ${released.join(', ')} (보류된 송장은 다음 실행에 전송됩니다)` });
      }
      for (const id of Object.keys(h.holds).filter((x) => !(x in state.holds))) messages.push({ level: 'warn', message: `${id}: ${h.holds[id]}` });
      state = {
        ...afterRun(state, { week: due.week, month: due.month }),
        holds: h.holds,
        balances: h.balances,
        pendingRefresh: state.pendingRefresh || periods.length > 0 || run.recorded.length > 0,
        retry: retryAfter(state.retry, periods, run),
      };
    } else {
      // The daily refresh, or the one a settlement run or a payment asked for.
      const data = loadData(ss, ctx.partners, ctx.now, ctx.ordersGrid);
      const ledger = data.ledger.posted.map((p) => p.entry);
      const holds = holdsOf(ctx.partners, ledger, data.facts.shipped, state.coveredFrom, ctx.now);
      const r = refreshResellers(ss, ctx.partners, { facts: data.facts, ledger, holds, statements: statementsOf(ss) }, ctx.now);
      messages.push(...r.messages);
      const h = holdsRecord(holds);
      wrote = writeBalances(ss, state.balances, h.balances) || wrote;
      if (Object.keys(state.holds).some((id) => !(id in h.holds))) keep[SHIP_DIRTY_KEY] = '1';
      state = { ...state, ...afterRun(state, { refreshedDay: due.refresh ? due.today : state.refreshedDay }), holds: h.holds, balances: h.balances, pendingRefresh: false };
    }
    keep[SETTLEMENT_STATE_KEY] = sameJson(before, state) && !this.unsaved ? JSON.stringify(state) : saveState(state);
    this.unsaved = false;
    this.state = state;
    return { keep, wroteSheet: wrote, messages };
  }
}

function freshState(now: number): SettlementState {
  return { ...firstSchedule(now), holds: {}, balances: {}, pendingRefresh: false, retry: [] };
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
  readonly message: string;
  /** The period's rows as written. */
  readonly rows: ReadonlyArray<{ partnerId: string; units: number | string; wholesale: number | string; amountDue: number | string; incentive: number | string; shippingFee: number | string; status: string }>;
  readonly ledgerEntriesAdded: number;
  readonly held: readonly string[];
}

function withScriptLock<T>(fn: () => T): T {
  const lock = LockService.getScriptLock();
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
  scriptCache().putAll({ [SETTLEMENT_STATE_KEY]: text }, 3600);
}

/** Partner rows say why they are held (or no longer); the sync reads the partners tab again. */
function writeHoldStatuses(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): void {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  const updates = [...ids].filter((id) => before[id] !== after[id]).map((id) => ({ partnerId: id, status: after[id] ?? '' }));
  if (updates.length === 0) return;
  markPartners(ss, updates);
  forgetPartnersSnapshot();
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
    const refreshed = refreshResellers(ss, partners, { facts: run.data.facts, ledger: run.ledger, holds: run.holds, statements: statementsOf(ss) }, now);
    storeState({ ...state, holds: h.holds, balances: h.balances, pendingRefresh: false, retry: retryAfter(state.retry, [period], run) });
    if (released) scriptCache().putAll({ [SHIP_DIRTY_KEY]: '1' }, 21_600);
    const messages = [...run.messages, ...refreshed.messages];
    appendLog(ss, lang, messages.map((m) => ({ job: 'settlement', startedAt: new Date(now), durationMs: Date.now() - now, level: m.level, message: m.message }) satisfies LogEntry));
    const rows = (run.result?.rows ?? []).map((r) => ({
      partnerId: r.partnerId,
      units: (r.kind === 'week' ? r.values.unitsShipped : r.values.monthUnitsShipped) as number | string,
      wholesale: r.values.wholesaleAmount as number | string,
      amountDue: r.values.amountDue as number | string,
      incentive: r.values.incentive as number | string,
      shippingFee: r.values.shippingFee as number | string,
      status: run.statuses.get(r.key) ?? '',
    }));
    const added = run.result?.appended.length ?? 0;
    const text = `${period.label} 정산: ${rows.length}개 파트너, 원장 ${added}건 추가${added === 0 ? ' (변동 없음)' : ''}`;
    ss.toast(text, '정산', 5);
    return { period: period.label, message: text, rows, ledgerEntriesAdded: added, held: Object.keys(h.holds) };
  });
}

/** Refreshes every reseller's sheet now (staff, from the sidebar or the menu). */
export function refreshResellerSheetsNow(lang: Lang): { message: string; sheets: Array<{ partnerId: string; url: string }> } {
  const now = Date.now();
  return withScriptLock(() => {
    const ss = SpreadsheetApp.getActive();
    const partners = partnersOf(ss).flatMap((r) => (r.ok ? [r.partner] : []));
    const state = currentState(now);
    const data = loadData(ss, partners, now);
    const ledger = data.ledger.posted.map((p) => p.entry);
    const holds = holdsOf(partners, ledger, data.facts.shipped, state.coveredFrom, now);
    const r = refreshResellers(ss, partners, { facts: data.facts, ledger, holds, statements: statementsOf(ss) }, now);
    appendLog(ss, lang, r.messages.map((m) => ({ job: 'reseller', startedAt: new Date(now), durationMs: Date.now() - now, level: m.level, message: m.message })));
    const text = `정산 시트 ${r.sheets.length}개 갱신`;
    return { message: text, sheets: r.sheets };
  });
}
