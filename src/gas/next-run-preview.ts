/**
 * The dry run: reads what the next sync reads (products, ratios, orders, the import tab, what
 * each mall was last sent) and says what it would send, without sending or writing anything.
 */
import { gatherRequests, type RefEntry, type RowEntry } from '../core/ship-sources';
import { normaliseTrackingNo, receiverKey, type ReceiverKey, type ShipLine, type ShipmentRequest } from '../core/shipping';
import { knownMissingStatus } from '../jobs/push-stock';
import { DEFAULT_PRODUCT_PACE, readPushState } from '../jobs/product-push';
import type { KeyValueStore } from '../core/ports';
import { previewNextRun, type NextRunPreview } from '../jobs/next-run-preview';
import { readCarrierRules } from '../sheet/carriers';
import { reservedFromRows, shipLineOf } from '../sheet/orders';
import type { PartnerRead } from '../sheet/partners';
import { productSkus, readProducts } from '../sheet/products';
import { readRatios } from '../sheet/ratios';
import { CARRIERS, ORDERS, PRODUCTS, STOCK_RATIOS, TRACKING_IMPORT } from '../sheet/tabs';
import { cellText, readTable, type Table } from '../sheet/table';
import { findTab, readGrid } from './adapters/tab';
import { isConnected } from '../jobs/accounts';
import { LAST_BATCH_KEY } from '../jobs/kept';

/** As the shipping step reads the orders tab: numbers typed on these rows are to be sent… */
const SENDS_TRACKING = new Set(['paid', 'preparing', 'cancelRequested']);
/** …and on these they are already on the mall. */
const REGISTERED = new Set(['standby', 'shipping', 'delivered']);

/** The products and orders tabs as read (null: no such tab, or no rows), for a caller that needs them too. */
export interface PreviewGrids {
  products: unknown[][] | null;
  orders: unknown[][] | null;
}

export function readPreviewGrids(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): PreviewGrids {
  const productsTab = findTab(ss, PRODUCTS);
  const ordersTab = findTab(ss, ORDERS);
  return { products: productsTab ? readGrid(productsTab) : null, orders: ordersTab && ordersTab.getLastRow() >= 2 ? readGrid(ordersTab) : null };
}

export function nextRunPreview(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  partnerReads: readonly PartnerRead[],
  store: KeyValueStore,
  now: number,
  grids: PreviewGrids = readPreviewGrids(ss),
): NextRunPreview {
  const partners = partnerReads.flatMap((r) => (r.ok ? [r.partner] : []));
  const connected = new Set(partners.filter((p) => isConnected(store, p)).map((p) => p.partnerId));
  const ratiosTab = findTab(ss, STOCK_RATIOS);
  const productReads = grids.products ? readProducts(grids.products) : [];
  const ratioReads = ratiosTab ? readRatios(readGrid(ratiosTab), { skus: productSkus(productReads), partners: new Map(partners.map((p) => [p.partnerId, p])) }) : [];
  const orders = grids.orders ? readTable(ORDERS, grids.orders) : null;
  const lastBatch = Number(store.get(LAST_BATCH_KEY) ?? NaN);
  const tracking = orders ? trackingOf(ss, orders) : { requests: [], used: new Map<string, ReceiverKey>() };
  const carriersTab = findTab(ss, CARRIERS);
  return previewNextRun({
    now,
    products: productReads.flatMap((r) => (r.ok ? [r.product] : [])),
    ratios: ratioReads.flatMap((r) => (r.ok ? [r.stockRatio] : [])),
    partners,
    connected,
    // Held back as the stock step counts it (a row with a shipping time has left).
    reserved: orders ? reservedFromRows(orders.rows) : new Map(),
    knownMissing: new Set(ratioReads.filter((r) => knownMissingStatus(cellText(r.row.get('status')))).map((r) => r.row.key)),
    pushState: readPushState((key) => store.get(key)).state,
    lastBatchAt: Number.isFinite(lastBatch) && lastBatch <= now ? lastBatch : null,
    pace: DEFAULT_PRODUCT_PACE,
    tracking: tracking.requests,
    trackingUsed: tracking.used,
    carriers: readCarrierRules(carriersTab ? readGrid(carriersTab) : null).rules,
  });
}

/** Numbers on order rows and unprocessed import rows, gathered as the shipping step gathers them. */
function trackingOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, orders: Table): { requests: ShipmentRequest[]; used: Map<string, ReceiverKey> } {
  const lines: ShipLine[] = [];
  const rows: RowEntry[] = [];
  const used = new Map<string, ReceiverKey>();
  for (const row of orders.rows) {
    const line = shipLineOf(row);
    if (!line) continue;
    lines.push(line);
    const trackingNo = cellText(row.get('trackingNo'));
    if (!trackingNo) continue;
    if (REGISTERED.has(line.status)) used.set(normaliseTrackingNo(trackingNo), receiverKey(line));
    else if (SENDS_TRACKING.has(line.status)) rows.push({ line, carrierName: cellText(row.get('carrier')), trackingNo });
  }
  const importTab = findTab(ss, TRACKING_IMPORT);
  const pasted: RefEntry[] = importTab
    ? readTable(TRACKING_IMPORT, readGrid(importTab))
        .rows.filter((r) => r.key !== '' && cellText(r.get('processedAt')) === '')
        .map((r) => ({ key: r.key, ref: cellText(r.get('ref')), carrierName: cellText(r.get('carrier')), trackingNo: cellText(r.get('trackingNo')) }))
    : [];
  return { requests: [...gatherRequests(rows, pasted, lines).requests], used };
}
