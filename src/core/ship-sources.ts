/**
 * Where tracking numbers come from, turned into one kind of request (pure). Staff type a carrier
 * and number on an order row, paste a carrier's export (order or item id + number) into the
 * import tab, or scan an order barcode and a parcel label; all three become `ShipmentRequest`s
 * for `planShipments`, so each way ends in the same path.
 */
import type { ShipLine, ShipmentRequest } from './shipping';
import { shipVerdict } from './shipping';

/** What an order or item id written by staff (or scanned) refers to. */
export type RefMatch =
  | { readonly ok: true; readonly lines: readonly ShipLine[] }
  /** `notFound` may yet resolve: the order may not have been collected when its parcel was scanned. */
  | { readonly ok: false; readonly why: 'blank' | 'notFound' | 'ambiguous' | 'nothingToShip'; readonly reason: string };

/**
 * The lines a reference names: an item id (품목주문번호) or an order id (주문번호), optionally
 * prefixed "PNR001:" when two malls have the same number (a channel numbers orders per account, so
 * "20261123-0000012" may exist in two). An order id names the items of the order that may still
 * ship or are held; already shipped or cancelled items of a partly shipped order are left out.
 */
export function resolveRef(raw: string, lines: readonly ShipLine[]): RefMatch {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return { ok: false, why: 'blank', reason: '주문번호가 비어 있습니다' };
  const colon = text.indexOf(':');
  const partnerId = colon > 0 ? text.slice(0, colon).trim() : null;
  const ref = (colon > 0 ? text.slice(colon + 1) : text).trim();
  const scope = partnerId === null ? lines : lines.filter((l) => l.partnerId === partnerId);
  const byItem = scope.filter((l) => l.itemId === ref);
  const matched = byItem.length > 0 ? byItem : scope.filter((l) => l.orderId === ref);
  if (matched.length === 0) {
    return { ok: false, why: 'notFound', reason: `주문 탭에 ${partnerId ? `${partnerId}의 ` : ''}주문번호/품목주문번호 "${ref}"가 없습니다` };
  }
  const partners = [...new Set(matched.map((l) => l.partnerId))];
  if (partners.length > 1) {
    return { ok: false, why: 'ambiguous', reason: `"${ref}"는 여러 파트너(${partners.join(', ')})에 있습니다. "${partners[0]}:${ref}"처럼 파트너ID를 앞에 붙이세요` };
  }
  if (byItem.length > 0) return { ok: true, lines: byItem };
  const open = matched.filter((l) => shipVerdict(l.status).verdict !== 'refuse');
  if (open.length === 0) return { ok: false, why: 'nothingToShip', reason: `주문 ${ref}: ${shipVerdict(matched[0]!.status).reason}` };
  return { ok: true, lines: open };
}

/** A tracking number as staff typed it next to an order row. */
export interface RowEntry {
  readonly line: ShipLine;
  readonly carrierName: string;
  readonly trackingNo: string;
}

/** A row of the import tab (or a scan): a reference, a carrier and a number. */
export interface RefEntry {
  /** The row's key, to write the outcome back. */
  readonly key: string;
  readonly ref: string;
  readonly carrierName: string;
  readonly trackingNo: string;
}

export type Origin = { readonly kind: 'row'; readonly key: string } | { readonly kind: 'import'; readonly key: string };

export interface SourcedRequest extends ShipmentRequest {
  readonly origin: Origin;
}

export interface Sourced {
  readonly requests: readonly SourcedRequest[];
  /** Import entries that name nothing shippable, with why. */
  readonly unresolved: ReadonlyArray<{ readonly key: string; readonly reason: string; readonly notFound: boolean }>;
}

const itemKey = (l: Pick<ShipLine, 'partnerId' | 'itemId'>) => `${l.partnerId}|${l.itemId}`;

/**
 * One request per item: rows first, then import entries. An item named both on its row and in
 * the import tab is one request, the import's: a carrier's export or a scanned label is what is
 * really on the parcel, and the row shows the number sent once it is sent.
 */
export function gatherRequests(rows: readonly RowEntry[], imports: readonly RefEntry[], lines: readonly ShipLine[], defaultCarrier = ''): Sourced {
  const requests: SourcedRequest[] = [];
  const unresolved: Array<{ key: string; reason: string; notFound: boolean }> = [];
  const rowIndex = new Map<string, number>();
  for (const r of rows) {
    rowIndex.set(itemKey(r.line), requests.length);
    requests.push({ line: r.line, carrierName: r.carrierName, trackingNo: r.trackingNo, origin: { kind: 'row', key: itemKey(r.line) } });
  }
  for (const entry of imports) {
    const match = resolveRef(entry.ref, lines);
    if (!match.ok) {
      unresolved.push({ key: entry.key, reason: match.reason, notFound: match.why === 'notFound' });
      continue;
    }
    const carrierName = entry.carrierName.trim() === '' ? defaultCarrier : entry.carrierName;
    for (const line of match.lines) {
      const at = rowIndex.get(itemKey(line));
      const request: SourcedRequest = { line, carrierName, trackingNo: entry.trackingNo, origin: { kind: 'import', key: entry.key } };
      if (at !== undefined) {
        requests[at] = request;
        rowIndex.delete(itemKey(line));
      } else {
        requests.push(request);
      }
    }
  }
  return { requests, unresolved };
}
