/**
 * The settlement tabs as the settlement step reads and writes them: the data of a run (orders,
 * return credits, prices, the ledger), the 정산 and 원장 rows, the chart of the weeks, the partners'
 * balances and hold reasons. Rows are found by key; only cells that change are written.
 */
import type { LedgerEntry } from '../core/ledger';
import type { Partner } from '../core/partner';
import { seoulStamp } from '../core/seoul-time';
import { keysText, weeklyChartRows, type SettlementResult, type StatementRow } from '../jobs/settlement-run';
import type { OrdersReach, RunData } from '../jobs/settlement';
import { ordersWithArchive } from './order-archive';
import type { StatementFigures } from '../jobs/reseller-view';
import { ledgerCells, readLedger, staffFingerprint, type LedgerRead } from '../sheet/ledger';
import { readOrderFacts, readReturnCredits, readWholesalePrices } from '../sheet/settlement-data';
import { CLAIMS, LEDGER, ORDERS, PARTNERS, PRODUCTS, SETTLEMENT_CHART, SETTLEMENTS } from '../sheet/tabs';
import { cellText, readTable, rowCells, sameCell, type KeyedUpdate } from '../sheet/table';
import { appendRows, findTab, readGrid, writeByKey, writeRowCells } from './adapters/tab';
import { sheetTables } from './adapters/tables';
import type { TabSpec } from '../sheet/schema';
import { markPartners } from './partners-tab';
import { forgetPartnersSnapshot } from './edit-marks';
import { guardLedger, keepPosted } from './ledger-guard';

const CHART_TITLE = '주간 도매금액·출고수량 (파트너별)';

// ---------------------------------------------------------------------------------------------
// the data of a run

/** A tab's grid ([] before setup made it): the same read as the use cases' TablesPort. */
export function gridOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabSpec): unknown[][] {
  return sheetTables(ss).grid(tab) ?? [];
}

export function loadData(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, partners: readonly Partner[], now: number, ordersGrid?: readonly (readonly unknown[])[], reach?: OrdersReach): RunData {
  const prices = readWholesalePrices(gridOf(ss, PRODUCTS));
  // Archived rows only when the run reaches back to them (src/gas/order-archive.ts).
  const orders = ordersWithArchive((ordersGrid ?? gridOf(ss, ORDERS)) as unknown[][], reach);
  const facts = readOrderFacts(orders.grid, prices);
  const returns = readReturnCredits(gridOf(ss, CLAIMS));
  const ledgerSheet = findTab(ss, LEDGER);
  // Every read of the ledger is guarded first: a deleted or pasted-over posted row is back
  // before any balance, hold or reseller sheet is made of it.
  const guarded = ledgerSheet ? guardLedger(ledgerSheet, now) : null;
  const ledger = readLedger(guarded?.grid ?? [], partners, now);
  return { partners, facts, returns, ledger, guard: [...(guarded?.messages ?? []), ...orders.problems.map((message) => ({ level: 'warn' as const, message }))] };
}

/** The items cell of a ledger row: the order items behind the figure. */
export function itemsText(e: LedgerEntry): string {
  if (!e.items || e.items.length === 0) return '';
  return keysText('품목', e.items, `주문 탭에서 파트너ID ${e.partnerId}, 기간 ${e.reference}로 필터`);
}

/**
 * Staff's new ledger rows get their id, time and reference (or the reason they cannot be
 * recorded), and the entries the run made are appended. The tab is read again just before
 * writing and staff rows are found by their cells, so a sort meanwhile changes nothing.
 * Returns the staff entries recorded.
 */
export function writeLedger(sheet: GoogleAppsScript.Spreadsheet.Sheet | null, read: LedgerRead, appended: readonly LedgerEntry[], now: number): { recorded: LedgerEntry[]; wrote: boolean } {
  const staff = read.staff.filter((s) => s.entry !== null || s.problems.length > 0);
  if (!sheet || (staff.length === 0 && appended.length === 0)) return { recorded: [], wrote: false };
  const grid = readGrid(sheet);
  const table = readTable(LEDGER, grid);
  const layout = table.layout;
  const recorded: LedgerEntry[] = [];
  let wrote = false;
  const free = table.rows.filter((r) => cellText(r.get('entryId')) === '');
  const writes: Array<{ row: number; cells: Record<string, unknown> }> = [];
  for (const s of staff) {
    const i = free.findIndex((r) => staffFingerprint(r.get) === s.fingerprint);
    if (i < 0) continue;
    const row = free.splice(i, 1)[0]!;
    const cells: Record<string, unknown> = s.entry
      ? { entryId: s.entry.id, at: new Date(s.entry.at), reference: s.entry.reference, status: `✓ ${seoulStamp(now)} 원장 기록` }
      : { status: `✗ ${s.problems.join('; ')}` };
    if (!s.entry && cellText(row.get('status')) === cells.status) continue;
    writes.push({ row: row.rowNumber, cells });
    if (s.entry) recorded.push(s.entry);
  }
  // Kept before they reach the tab: a run stopped in between is completed by the ledger guard.
  const numbers = keepPosted([...recorded, ...appended]);
  for (const w of writes) {
    const id = w.cells.entryId;
    if (typeof id === 'string' && numbers.has(id) && layout.index.has('voucherNo')) w.cells.voucherNo = numbers.get(id);
  }
  for (const w of writes) {
    writeRowCells(sheet, layout.index, w.row, w.cells);
    wrote = true;
  }
  if (appended.length > 0) {
    const width = Math.max(grid[0]?.length ?? 0, 1);
    appendRows(
      sheet,
      appended.map((e) => rowCells(layout.index, width, ledgerCells(e, itemsText(e), '', numbers.get(e.id) ?? ''))),
      grid.length,
    );
    wrote = true;
  }
  return { recorded, wrote };
}

// ---------------------------------------------------------------------------------------------
// the settlement tab

export function statusOf(r: StatementRow, previous: string, now: number): string {
  const warn = r.warning ? ` ⚠ ${r.warning}` : '';
  if (r.problem) return `✗ ${r.problem}`;
  if (r.ownMall) return `✓ 자사몰: 참고용 (원장 없음)${warn}`;
  if (r.appended.length > 0) {
    const fix = r.appended.some((e) => e.type === 'adjustment');
    return `✓ ${seoulStamp(now)} ${fix ? '재계산 차액' : '정산'} 원장 반영 (${r.appended.length}건)${warn}`;
  }
  if (previous.startsWith('✓')) return previous;
  return `✓ 정산 완료${warn}`;
}

/** Rows by key: only cells that differ are written; new rows are appended in one write. */
export function writeSettlementTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, result: SettlementResult, now: number): { wrote: boolean; statuses: Map<string, string> } {
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
export function statementsOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StatementFigures[] {
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
export function drawSettlementChart(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, statements: readonly StatementFigures[], partnerIds: readonly string[]): void {
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

/** Writes balances that changed to the partners tab. */
export function writeBalances(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): boolean {
  const sheet = findTab(ss, PARTNERS);
  const changed = Object.entries(after).filter(([id, b]) => before[id] !== b);
  if (!sheet || changed.length === 0) return false;
  writeByKey(sheet, PARTNERS, changed.map(([key, balance]) => ({ key, values: { balance } })));
  return true;
}

// ---------------------------------------------------------------------------------------------
// one run over the sheet

/** Partner rows say why they are held (or no longer); the sync reads the partners tab again. */
export function writeHoldStatuses(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): void {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  const updates = [...ids].filter((id) => before[id] !== after[id]).map((id) => ({ partnerId: id, status: after[id] ?? '' }));
  if (updates.length === 0) return;
  markPartners(ss, updates);
  forgetPartnersSnapshot();
}
