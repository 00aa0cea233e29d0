/**
 * Pushing stock, the stock step of a sync: read the products and stock-ratio tabs and what collected orders
 * still reserve, push what changed to each connected mall, and show per row what was sent and
 * how it was computed. Rows with bad cells are marked and skipped; the rest go on.
 */
import type { ChannelAccount, Gateway } from '../channels/port';
import { stockKey, type MallSale } from '../core/stock';
import type { Partner } from '../core/partner';
import { knownMissingStatus, NOT_CARRIED, NOT_IN_MALL, pushStock } from './push-stock';
import { notInMallNotice } from './stock-notice';
import type { TablesPort } from './tables';
import { channelLabel } from '../channels/registry';
import { reservedFromRows } from '../sheet/orders';
import { layoutOf } from '../sheet/layout';
import { productSkus, readProducts } from '../sheet/products';
import { coverOfRows, coverToWrite, soldLinesOf } from '../sheet/stock-cover';
import { seoulDayOf } from '../core/seoul-time';
import { missingRatioRows, readRatios } from '../sheet/ratios';
import { ORDERS, PRODUCTS, STOCK_RATIOS } from '../sheet/tabs';
import { cellText, readTable, type KeyedUpdate, type TableRow } from '../sheet/table';

export interface StockStepReport {
  pushed: number;
  failed: number;
  /** Not in the mall yet (a first connection): the product push registers them; not a failure. */
  missing: number;
  /** Left for the next run (this run's slice of time spent, or the mall throttling). */
  pending: number;
  rowsAdded: number;
  messages: string[];
  /** The Seoul day whose stock cover figures the products tab now shows (for the next run's `coverDay`). */
  coverDay: string;
}

export function pushStockStep(
  tables: TablesPort,
  partners: readonly Partner[],
  conns: ReadonlyMap<string, ChannelAccount>,
  gateway: Gateway,
  now: Date,
  /** The orders tab as this run left it, when it has just been read; else it is read here. */
  ordersGrid?: readonly (readonly unknown[])[],
  /** Staff edited the master or ratios: look again for SKUs a mall did not have. */
  edited = false,
  /** Order lines this run added to the orders tab: sold by their malls since the last push. */
  sales: readonly MallSale[] = [],
  /** The day the cover figures were last brought up to date (kept between runs by the sync). */
  coverDay = '',
): StockStepReport {
  const today = seoulDayOf(now.getTime());
  const channelOfPartner = new Map(partners.map((p) => [p.partnerId, p.channel]));
  const report: StockStepReport = { pushed: 0, failed: 0, missing: 0, pending: 0, rowsAdded: 0, messages: [], coverDay: today };
  const productGrid = tables.grid(PRODUCTS);
  let ratioGrid = productGrid && tables.grid(STOCK_RATIOS);
  if (!productGrid || !ratioGrid) return report;
  const productReads = readProducts(productGrid);
  const productColumns = layoutOf(PRODUCTS, productGrid[0] ?? []).index;
  const products = productReads.flatMap((r) => (r.ok ? [r.product] : []));
  const known = { skus: productSkus(productReads), partners: new Map(partners.map((p) => [p.partnerId, p])) };
  let ratioReads = readRatios(ratioGrid, known);
  // Every (SKU, partner) pair gets a row for staff to fill in: not sellable until they say so.
  const missing = missingRatioRows(products, partners, ratioReads);
  if (missing.length > 0) {
    tables.appendRows(STOCK_RATIOS, ratioGrid[0] ?? [], missing.map((r) => ({ sku: r.sku, partnerId: r.partnerId, sellable: r.sellable })));
    report.rowsAdded = missing.length;
    ratioGrid = tables.grid(STOCK_RATIOS) ?? [];
    ratioReads = readRatios(ratioGrid, known);
  }
  const ratios = ratioReads.flatMap((r) => (r.ok ? [r.stockRatio] : []));
  const knownMissing = new Set(ratioReads.filter((r) => knownMissingStatus(cellText(r.row.get('status')))).map((r) => r.row.key));
  const orderRows = ordersOf(tables, ordersGrid);
  const reserved = reservedFromRows(orderRows);
  const pushed = pushStock({ products, ratios, reserved, conns, oversellGuard: true, knownMissing, lookAgain: edited, sales }, gateway);

  // Product rows: bad cells and ratio warnings, written only where the status changes.
  const warningsBySku = new Map<string, string[]>();
  for (const w of pushed.warnings) warningsBySku.set(w.sku, [...(warningsBySku.get(w.sku) ?? []), w.message]);
  // …and their stock cover (src/sheet/stock-cover.ts), in the same write: no extra round trip.
  const cover = new Map(coverOfRows(productReads.flatMap((r) => (r.ok ? [{ row: r.row, product: r.product }] : [])), reserved, soldLinesOf(orderRows), now.getTime()).map((c) => [c.row, c.cells]));
  const productUpdates: KeyedUpdate[] = [];
  for (const r of productReads) {
    if (!r.row.key) continue;
    const status = r.ok ? (warningsBySku.get(r.row.key) ?? []).join('; ') : r.problems.join('; ');
    const values: Record<string, unknown> = {};
    if (cellText(r.row.get('status')) !== status) values.status = status;
    const figures = cover.get(r.row);
    if (figures) Object.assign(values, coverToWrite(r.row.get, figures, { refreshAll: coverDay !== today, rowWritten: 'status' in values, has: (k) => productColumns.has(k) }));
    if (Object.keys(values).length > 0) productUpdates.push({ key: r.row.key, values });
  }
  tables.writeByKey(PRODUCTS, productUpdates);

  // Ratio rows: what was sent, when, how it was computed, the mall's answer.
  const resultOf = new Map(pushed.results.map((x) => [stockKey(x.sku, x.partnerId), x]));
  const targetOf = new Map(pushed.targets.map((t) => [stockKey(t.sku, t.partnerId), t]));
  const ratioUpdates: KeyedUpdate[] = [];
  for (const r of ratioReads) {
    if (!r.row.key) continue;
    if (!r.ok) {
      const status = r.problems.join('; ');
      if (cellText(r.row.get('status')) !== status) ratioUpdates.push({ key: r.row.key, values: { status } });
      continue;
    }
    const result = resultOf.get(r.row.key);
    const target = targetOf.get(r.row.key);
    const values: Record<string, unknown> = {};
    // 전송재고 is what the mall holds by our count: a sale since the push comes off it, so the
    // next run still knows the mall is short when nothing could be sent now (or none was needed).
    const held = pushed.inMall.get(r.row.key);
    if (held !== undefined && held !== r.stockRatio.pushedStock) values.pushedStock = held;
    if (result) {
      if (result.pushed) {
        values.pushedStock = result.target.quantity;
        values.pushedAt = now;
        report.pushed++;
      } else if (result.deferred) {
        report.pending++;
      } else if (cellText(r.row.get('status')) !== result.status) {
        // A failure is news once; the row keeps saying it until it is fixed. A SKU the mall does
        // not have yet is no failure: the product push registers it (see stock-notice.ts).
        if (result.status === NOT_IN_MALL) report.missing++;
        else if (result.status !== NOT_CARRIED) report.failed++;
      }
      values.status = result.status;
      if (result.productNo) values.channelProductNo = result.productNo;
      if (result.variantCode) values.channelVariantCode = result.variantCode;
    } else if (!conns.has(r.stockRatio.partnerId) && r.stockRatio.sellable) {
      values.status = `${channelLabel(channelOfPartner.get(r.stockRatio.partnerId))} 연결 후 전송됩니다`;
    }
    // Otherwise the status cell is left as it is: the product push writes there too.
    if (target && cellText(r.row.get('computation')) !== target.computation) values.computation = target.computation;
    if (values.status !== undefined && cellText(r.row.get('status')) === values.status && Object.keys(values).length === 1) continue;
    if (Object.keys(values).length > 0) ratioUpdates.push({ key: r.row.key, values });
  }
  tables.writeByKey(STOCK_RATIOS, ratioUpdates);
  if (report.pushed + report.failed + report.pending > 0) {
    report.messages.push(
      `재고 ${report.pushed}건 전송${report.failed ? `, ${report.failed}건 실패` : ''}${report.pending ? `, 남은 ${report.pending}건은 다음 실행에서 이어서 보냅니다` : ''}`,
    );
  }
  if (report.missing > 0) report.messages.push(notInMallNotice(report.missing));
  return report;
}

/** The orders tab's rows: as this run left them when it has just read them, else read here. */
function ordersOf(tables: TablesPort, grid?: readonly (readonly unknown[])[]): readonly TableRow[] {
  const rows = grid ?? (tables.hasRows(ORDERS) ? tables.grid(ORDERS) : null);
  return rows ? readTable(ORDERS, rows).rows : [];
}


