/**
 * Sending tracking numbers, the shipping step of a sync (and of a scan): numbers typed on order
 * rows or pasted into the import tab go to the channels by one path (ship-orders.ts); each order
 * row and import row then says what happened. Runs only when staff entered something (the
 * orders or import tab was edited, a scan came in) or an earlier try is to be repeated.
 */
import type { ChannelAccount, Gateway } from '../channels/port';
import type { OrderLine } from '../core/order';
import { seoulStamp } from '../core/seoul-time';
import { gatherRequests, type RefEntry, type RowEntry, type SourcedRequest } from '../core/ship-sources';
import { normaliseTrackingNo, receiverKey, type ReceiverKey, type ShipLine } from '../core/shipping';
import { shipOrders, type SettlementHolds, type ShipOutcome } from './ship-orders';
import type { CachePort } from '../core/ports';
import { readCarrierRules } from '../sheet/carriers';
import { ORDER_TODO, shipLineOf } from '../sheet/orders';
import { CARRIERS, ORDERS, TRACKING_IMPORT } from '../sheet/tabs';
import { cellText, readTable, type KeyedUpdate } from '../sheet/table';
import type { TablesPort } from './tables';

export interface ShippingStepReport {
  /** Lines read again or sent, for the orders tab (the sync writes them like collected ones). */
  readonly lines: readonly OrderLine[];
  readonly sent: number;
  readonly held: number;
  readonly refused: number;
  /** Some numbers could not be sent now and are tried again next run. */
  readonly retry: boolean;
  /** Import rows name orders not in the orders tab (yet): looked at again when new orders come. */
  readonly waiting: boolean;
  readonly messages: string[];
  /** Per import row key: what its row now says (for a scan's answer). */
  readonly importStatus: ReadonlyMap<string, ImportStatus>;
}

export interface ImportStatus {
  readonly ok: boolean;
  readonly text: string;
  /** The order is not collected yet: sent when it is. */
  readonly waiting?: boolean;
  /** Why its partner is held (settlement): nothing of it was sent. */
  readonly held?: string;
}

const STATUSES_TO_SEND = new Set(['paid', 'preparing', 'cancelRequested']);
const REGISTERED = new Set(['standby', 'shipping', 'delivered']);

export function sendTrackingNumbers(
  tables: TablesPort,
  conns: ReadonlyMap<string, ChannelAccount>,
  gateway: Gateway,
  cache: CachePort,
  now: number,
  /** Partners whose parcels must wait (settlement holds), with the reason shown on their rows: required on every path. */
  holds: SettlementHolds,
  opts: {
    /** The orders tab as this run left it, when it has just been read. */
    readonly ordersGrid?: readonly (readonly unknown[])[];
    /** A scan: only this import row goes out; numbers typed elsewhere wait for the sync. */
    readonly onlyImport?: string;
  } = {},
): ShippingStepReport {
  const { ordersGrid, onlyImport } = opts;
  const report = { lines: [] as OrderLine[], sent: 0, held: 0, refused: 0, retry: false, waiting: false, messages: [] as string[], importStatus: new Map<string, ImportStatus>() };
  const grid = ordersGrid ?? tables.grid(ORDERS);
  if (!grid) return report;
  const orders = readTable(ORDERS, grid);
  const importGrid = tables.grid(TRACKING_IMPORT);
  const imports = importGrid ? readTable(TRACKING_IMPORT, importGrid) : null;
  const carriersGrid = tables.grid(CARRIERS);
  const carriers = readCarrierRules(carriersGrid);
  if (carriersGrid) markCarrierRows(tables, carriersGrid, carriers.problems);

  // Every order row as shipping sees it; numbers already on the malls, with their receivers.
  const lines: ShipLine[] = [];
  const rowByKey = new Map<string, (typeof orders.rows)[number]>();
  const usedElsewhere = new Map<string, ReceiverKey>();
  const entries: RowEntry[] = [];
  for (const row of orders.rows) {
    const line = shipLineOf(row);
    if (!line) continue;
    lines.push(line);
    rowByKey.set(row.key, row);
    const carrierName = cellText(row.get('carrier'));
    const trackingNo = cellText(row.get('trackingNo'));
    if (!trackingNo) continue;
    // On a parcel that left (returned and refunded items keep their shipping time and number).
    const left = REGISTERED.has(line.status) || cellText(row.get('shippedAt')) !== '';
    if (left) usedElsewhere.set(normaliseTrackingNo(trackingNo), receiverKey(line));
    else if (STATUSES_TO_SEND.has(line.status) && onlyImport === undefined) entries.push({ line, carrierName, trackingNo });
  }
  const pasted: RefEntry[] = (imports?.rows ?? [])
    .filter((r) => r.key !== '' && cellText(r.get('processedAt')) === '' && (onlyImport === undefined || r.key === onlyImport))
    .map((r) => ({ key: r.key, ref: cellText(r.get('ref')), carrierName: cellText(r.get('carrier')), trackingNo: cellText(r.get('trackingNo')) }));
  const sourced = gatherRequests(entries, pasted, lines);
  report.waiting = sourced.unresolved.some((u) => u.notFound);
  if (sourced.requests.length === 0 && sourced.unresolved.length === 0) return report;

  const result = sourced.requests.length > 0 ? shipOrders(sourced.requests, usedElsewhere, carriers.rules, conns, { gateway, cache, now, holds }) : { outcomes: [], lines: [] };
  report.lines = [...result.lines];

  // Order rows: what happened to each item's number.
  const rowUpdates: KeyedUpdate[] = [];
  const byImport = new Map<string, Array<{ request: SourcedRequest; outcome: ShipOutcome }>>();
  sourced.requests.forEach((request, i) => {
    const outcome = result.outcomes[i]!;
    const key = `${request.line.partnerId}|${request.line.itemId}`;
    if (request.origin.kind === 'import') byImport.set(request.origin.key, [...(byImport.get(request.origin.key) ?? []), { request, outcome }]);
    const cells = orderCells(outcome, now);
    if (outcome.kind === 'sent') report.sent++;
    else if (outcome.kind === 'held') report.held++;
    else if (outcome.kind === 'refused') report.refused++;
    else report.retry ||= outcome.retry;
    const row = rowByKey.get(key);
    if (row && (cellText(row.get('status')) !== cells.status || cellText(row.get('todo')) !== cells.todo)) rowUpdates.push({ key, values: cells });
  });
  tables.writeByKey(ORDERS, rowUpdates);

  // Import rows: done when every item it names is sent; otherwise the reason, and it is tried again.
  if (imports) {
    const importUpdates: KeyedUpdate[] = [];
    for (const u of sourced.unresolved) {
      report.importStatus.set(u.key, { ok: false, text: u.reason, waiting: u.notFound });
      importUpdates.push({ key: u.key, values: { status: `✗ ${u.reason}` } });
    }
    for (const [key, list] of byImport) {
      const done = list.every((x) => x.outcome.kind === 'sent');
      const problems = list.filter((x) => x.outcome.kind !== 'sent').map((x) => `${x.request.line.itemId}: ${reasonOf(x.outcome)}`);
      const orderIds = [...new Set(list.map((x) => x.request.line.orderId))].join(', ');
      const text = done ? `✓ ${list.length}개 품목 출고 (주문 ${orderIds})` : `✗ ${problems.join('; ')}`;
      const hold = list.find((x) => x.outcome.kind === 'held' && x.outcome.cause === 'settlement')?.outcome;
      report.importStatus.set(key, { ok: done, text, ...(hold?.kind === 'held' ? { held: hold.reason } : {}) });
      importUpdates.push({ key, values: done ? { status: text, processedAt: new Date(now) } : { status: text } });
    }
    tables.writeByKey(TRACKING_IMPORT, importUpdates.filter((u) => cellText(imports.rows.find((r) => r.key === u.key)?.get('status')) !== u.values.status));
  }
  if (report.sent + report.held + report.refused > 0) {
    report.messages.push(`송장 ${report.sent}건 출고 전송${report.held ? `, ${report.held}건 보류` : ''}${report.refused ? `, ${report.refused}건 확인 필요` : ''}`);
  }
  return report;
}

/** A carriers-tab row that cannot be used says why; a fixed one is cleared. Only changed cells are written. */
function markCarrierRows(tables: TablesPort, grid: readonly (readonly unknown[])[], problems: ReadonlyMap<string, string>): void {
  const updates: KeyedUpdate[] = [];
  for (const row of readTable(CARRIERS, grid).rows) {
    if (!row.key) continue;
    const problem = problems.get(row.key);
    const status = problem === undefined ? '' : `✗ ${problem}`;
    if (cellText(row.get('status')) !== status) updates.push({ key: row.key, values: { status } });
  }
  tables.writeByKey(CARRIERS, updates);
}

function reasonOf(o: ShipOutcome): string {
  return o.kind === 'sent' ? o.answer : o.reason;
}

function orderCells(o: ShipOutcome, now: number): { status: string; todo: string } {
  switch (o.kind) {
    case 'sent':
      return { status: `✓ ${seoulStamp(now)} 출고 전송 (${o.answer})`, todo: '' };
    case 'held':
      return { status: `⏸ ${o.reason}`, todo: o.cause === 'settlement' ? ORDER_TODO.settlementHold : ORDER_TODO.cancelRequested };
    case 'refused':
      return { status: `✗ ${o.reason}`, todo: ORDER_TODO.refused };
    case 'failed':
      return { status: `… ${o.reason}`, todo: ORDER_TODO.toShip };
  }
}
