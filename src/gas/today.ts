/**
 * 오늘 할 일 in the sheet: counts read from the orders, claims and products tabs, and a click that
 * opens the tab showing only the rows behind a count.
 *
 * The rows are shown with the tab's basic filter (Range.createFilter and value criteria), which
 * SpreadsheetApp supports. A filter view would leave the basic filter alone and be per person, but
 * SpreadsheetApp cannot make one (only the Sheets API advanced service can, with another scope)
 * nor switch the person's window into one: so the basic filter, replaced each time, and the
 * message says how to see every row again.
 */
import { isRunningOut, todayItems, type TodayClaimRow, type TodayInquiryRow, type TodayItem, type TodayKind, type TodayOrderRow, type TodayStock, TODAY_KINDS } from '../core/today';
import { channelLabel, supportedChannels } from '../channels/registry';
import type { ChannelId } from '../core/order';
import { timeOf } from '../sheet/inquiries';
import { receiverKey } from '../core/shipping';
import { reservedFromRows, shipLineOf, statusFromCell } from '../sheet/orders';
import { readProducts } from '../sheet/products';
import { CHANNELS, CLAIMS, INQUIRIES, ORDERS, PRODUCTS } from '../sheet/tabs';
import { cellText, readTable, type Table } from '../sheet/table';
import { hiddenValues, todayFilter } from '../sheet/today-filters';
import type { TabSpec } from '../sheet/schema';
import { findTab, readGrid } from './adapters/tab';

type Grid = readonly (readonly unknown[])[];

/** The grids the sidebar has already read (the dry run reads orders and products too). */
export interface TodayGrids {
  orders: Grid | null;
  products: Grid | null;
}

export function readToday(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: number, grids: TodayGrids): TodayItem[] {
  const orders = grids.orders ? readTable(ORDERS, grids.orders) : null;
  const claimsTab = findTab(ss, CLAIMS);
  const claims = claimsTab && claimsTab.getLastRow() >= 2 ? readTable(CLAIMS, readGrid(claimsTab)) : null;
  const inquiriesTab = findTab(ss, INQUIRIES);
  const inquiries = inquiriesTab && inquiriesTab.getLastRow() >= 2 ? readTable(INQUIRIES, readGrid(inquiriesTab)) : null;
  return todayItems(orderRows(orders), claimRows(claims), stockOf(grids.products, orders), now, inquiryRows(inquiries), (c) => channelLabel(c));
}

/** The row's channel from its cell (the channel's label in either language). */
function channelFromCell(text: string): ChannelId | null {
  for (const [id, l] of Object.entries(CHANNELS)) if (text === l.ko || text === l.en || text === id) return id as ChannelId;
  return supportedChannels().find((c) => c.label === text)?.id ?? null;
}

function inquiryRows(table: Table | null): TodayInquiryRow[] {
  return (table?.rows ?? []).flatMap((row) => {
    if (row.key === '') return [];
    const answeredAt = timeOf(row.get('answeredAt'));
    return [{ channel: channelFromCell(cellText(row.get('channel'))), todo: cellText(row.get('todo')), askedAt: timeOf(row.get('askedAt')), answeredAt, answered: answeredAt !== null || cellText(row.get('answerId')) !== '' }];
  });
}

function orderRows(orders: Table | null): TodayOrderRow[] {
  return (orders?.rows ?? []).flatMap((row) => {
    if (row.key === '') return [];
    const line = shipLineOf(row);
    return [
      {
        partnerId: cellText(row.get('partnerId')),
        orderId: cellText(row.get('orderId')),
        status: statusFromCell(row.get('orderStatus')),
        todo: cellText(row.get('todo')),
        quantity: Number(row.get('quantity')),
        receiver: line ? receiverKey(line) : row.key,
      },
    ];
  });
}

function claimRows(claims: Table | null): TodayClaimRow[] {
  return (claims?.rows ?? []).map((row) => {
    const v = row.get('answerBy');
    const at = v instanceof Date ? v.getTime() : typeof v === 'string' && v.trim() ? Date.parse(v) : NaN;
    return { todo: cellText(row.get('todo')), answerBy: Number.isFinite(at) ? at : null };
  });
}

/** Available per SKU on sale, as the stock step computes it: warehouse − safety − reserved. */
function stockOf(products: Grid | null, orders: Table | null): TodayStock[] {
  if (!products) return [];
  const reserved = reservedFromRows(orders?.rows ?? []);
  return readProducts(products).flatMap((r) =>
    r.ok && r.product.status === 'selling'
      ? [{ sku: r.product.sku, available: r.product.warehouseStock - r.product.safetyStock - (reserved.get(r.product.sku) ?? 0), reorderPoint: reorderPointOf(r.row.get('reorderPoint')) }]
      : [],
  );
}

export interface OpenTodayResult {
  ok: boolean;
  message: string;
  /** Rows the tab now shows. */
  shown: number;
}

/** Shows the tab of an item with only its rows (the tab's filter, replaced) and makes it the active tab. */
export function openToday(kind: string): OpenTodayResult {
  if (!(TODAY_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `알 수 없는 항목입니다: ${kind}`, shown: 0 };
  const ss = SpreadsheetApp.getActive();
  const k = kind as TodayKind;
  const skus = new Set<string>();
  if (k === 'lowStock') {
    const productsTab = findTab(ss, PRODUCTS);
    const ordersTab = findTab(ss, ORDERS);
    const orders = ordersTab && ordersTab.getLastRow() >= 2 ? readTable(ORDERS, readGrid(ordersTab)) : null;
    for (const s of stockOf(productsTab ? readGrid(productsTab) : null, orders)) if (isRunningOut(s)) skus.add(s.sku);
  }
  const filter = todayFilter(k, skus);
  const sheet = findTab(ss, filter.tab);
  if (!sheet) return { ok: false, message: `${filter.tab.title.ko} 탭이 없습니다. 시트 설정을 먼저 실행하세요`, shown: 0 };
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  sheet.getFilter()?.remove();
  sheet.activate();
  if (lastRow < 2) return { ok: true, message: `${filter.tab.title.ko} 탭에 아직 행이 없습니다`, shown: 0 };
  const header = sheet.getRange(1, 1, 1, lastCol).getValues()[0]!.map((h) => cellText(h));
  const range = sheet.getRange(1, 1, lastRow, lastCol);
  const f = range.createFilter();
  let shownRows: boolean[] = new Array<boolean>(lastRow - 1).fill(true);
  for (const test of filter.tests) {
    const col = columnOf(filter.tab, header, test.column);
    if (col === null) continue;
    const texts = sheet.getRange(2, col, lastRow - 1, 1).getDisplayValues().map((r) => String(r[0] ?? ''));
    const hidden = hiddenValues(texts, test);
    if (hidden.length > 0) f.setColumnFilterCriteria(col, SpreadsheetApp.newFilterCriteria().setHiddenValues(hidden).build());
    shownRows = shownRows.map((s, i) => s && test.show(texts[i]!));
  }
  const shown = shownRows.filter(Boolean).length;
  return { ok: true, message: `${filter.tab.title.ko} 탭: ${filter.what} ${shown}행만 보입니다 (데이터 > 필터 삭제로 모두 보기)`, shown };
}

/** 1-based column of a key, by the header's label in either language. */
function columnOf(tab: TabSpec, header: readonly string[], key: string): number | null {
  const spec = tab.columns.find((c) => c.key === key);
  if (!spec) return null;
  const i = header.findIndex((h) => h === spec.label.ko || h === spec.label.en);
  return i < 0 ? null : i + 1;
}

/** The reorder point the stock cover wrote; null while the cell is blank (not figured yet). */
function reorderPointOf(cell: unknown): number | null {
  const text = cellText(cell).replace(/,/g, '');
  return text === '' || !Number.isFinite(Number(text)) ? null : Number(text);
}
