/**
 * Coupang's ordersheets as order lines, one per ordered vendor item.
 *
 * The line key is `{orderId}-{vendorItemId}`: an order lists each vendor item once, and split
 * shipping moves whole items between shipment boxes (one invoice DTO per vendorItemId, B4), so
 * the pair never changes while the shipmentBoxId does (C-SPLIT). The box is kept in
 * `channelShipmentId`, read afresh each time.
 *
 * Status: the box's (B2) for fulfilment; an item cancelled in full is `cancelled`, one held for
 * a stop-shipment request `cancelRequested`; claims read from the return and exchange lists
 * override it (their raw status is `{receiptType}/{receiptStatus}` or `EXCHANGE/{status}`).
 * What an ordersheet shows of a cancel is said in the receipt's words (`CANCEL/RETURNS_COMPLETED`,
 * `CANCEL/RELEASE_STOP_UNCHECKED`): the status lists and the receipt lists read the same line in
 * turn, and two spellings of one state would rewrite its order row at every other read.
 * Unpaid orders have no ordersheet at Coupang, so none become lines.
 */
import type { Carrier, ClaimKind, OrderLine, OrderLineStatus } from '../../core/order';
import type { Krw } from '../../core/krw';
import type { CoupangAccount } from './account';
import { COUPANG_CARRIERS } from './carriers';
import type { ExchangeT, OrdersheetT, ReceiptT } from './schemas';

/** `yyyy-MM-ddTHH:mm:ss` (Seoul wall time, as Coupang prints it) → epoch ms, or null. */
export function kstTime(text: string | null | undefined): number | null {
  if (!text) return null;
  const t = Date.parse(`${text.replace(' ', 'T').slice(0, 19)}+09:00`);
  return Number.isFinite(t) ? t : null;
}

const BOX_STATUS: Readonly<Record<string, OrderLineStatus>> = {
  ACCEPT: 'paid',
  INSTRUCT: 'preparing',
  DEPARTURE: 'shipping',
  DELIVERING: 'shipping',
  NONE_TRACKING: 'shipping',
  FINAL_DELIVERY: 'delivered',
};

/** A cancel receipt's raw status once done, and while the parcel is held for it (출고중지요청). */
const CANCEL_DONE = 'CANCEL/RETURNS_COMPLETED';
const CANCEL_HELD = 'CANCEL/RELEASE_STOP_UNCHECKED';

export const itemIdOf = (orderId: number | string, vendorItemId: number | string) => `${orderId}-${vendorItemId}`;

/** `{orderId}-{vendorItemId}` → its parts, or null. */
export function splitItemId(itemId: string): { orderId: string; vendorItemId: number } | null {
  const m = /^(\d+)-(\d+)$/.exec(itemId);
  return m ? { orderId: m[1]!, vendorItemId: Number(m[2]) } : null;
}

/** A claim known for an item, from the return/cancel or exchange lists. */
export interface ItemClaim {
  readonly claim: ClaimKind;
  readonly code: string;
  readonly rawStatus: string;
  readonly status: OrderLineStatus | null;
  readonly reason: string;
  readonly requestedAt: number | null;
}

export function receiptClaim(r: ReceiptT): ItemClaim {
  const cancel = r.receiptType === 'CANCEL';
  const done = r.receiptStatus === 'RETURNS_COMPLETED';
  return {
    claim: cancel ? 'cancel' : 'return',
    code: String(r.receiptId),
    rawStatus: `${r.receiptType}/${r.receiptStatus}`,
    status: cancel ? (done ? 'cancelled' : 'cancelRequested') : done ? 'returned' : 'returnRequested',
    reason: r.cancelReasonCategory2,
    requestedAt: kstTime(r.createdAt),
  };
}

export function exchangeClaim(x: ExchangeT): ItemClaim {
  const status: OrderLineStatus | null = x.exchangeStatus === 'SUCCESS' ? 'exchanged' : x.exchangeStatus === 'RECEIPT' || x.exchangeStatus === 'PROGRESS' ? 'exchangeRequested' : null;
  return { claim: 'exchange', code: String(x.exchangeId), rawStatus: `EXCHANGE/${x.exchangeStatus}`, status, reason: x.reasonCodeText, requestedAt: kstTime(x.createdAt) };
}

function carrierOf(sheet: OrdersheetT): Carrier | null {
  const name = sheet.deliveryCompanyName;
  if (!name) return null;
  const known = COUPANG_CARRIERS.find((c) => c.name === name || c.code === name);
  return known ?? { code: name, name };
}

/** Lines of ordersheets; `claims` maps an item id to the claim that overrides its status. */
export function orderLines(account: CoupangAccount, sheets: readonly OrdersheetT[], claims: ReadonlyMap<string, ItemClaim> = new Map()): OrderLine[] {
  const lines: OrderLine[] = [];
  for (const sheet of sheets) {
    for (const item of sheet.orderItems) {
      const cancelled = item.shippingCount === 0 && item.cancelCount > 0;
      const held = item.holdCountForCancel > 0;
      const own: { status: OrderLineStatus; raw: string; claim: ClaimKind | null } = cancelled
        ? { status: 'cancelled', raw: CANCEL_DONE, claim: 'cancel' }
        : held
          ? { status: 'cancelRequested', raw: CANCEL_HELD, claim: 'cancel' }
          : { status: BOX_STATUS[sheet.status] ?? 'paid', raw: sheet.status, claim: null };
      const quantity = item.shippingCount > 0 ? item.shippingCount : item.cancelCount;
      const trackingNo = sheet.invoiceNumber || null;
      lines.push({
        channel: 'coupang',
        partnerId: account.partnerId,
        orderId: String(sheet.orderId),
        itemId: itemIdOf(sheet.orderId, item.vendorItemId),
        orderedAt: kstTime(sheet.orderedAt) ?? 0,
        paidAt: kstTime(sheet.paidAt),
        sku: item.externalVendorSkuCode || null,
        productName: item.sellerProductName || item.vendorItemName,
        optionText: item.sellerProductItemName,
        quantity,
        unitPrice: item.salesPrice as Krw,
        amount: (item.salesPrice * quantity) as Krw,
        buyerName: sheet.orderer.name,
        receiverName: sheet.receiver.name,
        receiverPhone: sheet.receiver.safeNumber,
        receiverZip: sheet.receiver.postCode ?? '',
        receiverAddress1: sheet.receiver.addr1 ?? '',
        receiverAddress2: sheet.receiver.addr2 ?? '',
        message: sheet.parcelPrintMessage,
        status: own.status,
        claim: own.claim,
        claimCode: null,
        claimReason: '',
        claimRequestedAt: null,
        replacement: false,
        rawStatus: own.raw,
        carrier: trackingNo ? carrierOf(sheet) : null,
        trackingNo,
        shippedAt: kstTime(item.invoiceNumberUploadDate),
        channelProductId: item.sellerProductId ? String(item.sellerProductId) : null,
        channelVariantId: String(item.vendorItemId),
        channelShipmentId: String(sheet.shipmentBoxId),
      });
    }
  }
  return withClaims(lines, claims);
}

/**
 * Lines with the claims known for their items: an open or finished claim sets the status and the
 * claim's code; a rejected or withdrawn one (no status of its own) leaves the box's status and
 * says so in the raw status.
 */
export function withClaims(lines: readonly OrderLine[], claims: ReadonlyMap<string, ItemClaim>): OrderLine[] {
  return lines.map((l) => {
    const c = claims.get(l.itemId);
    if (!c) return l;
    const own = c.status !== null;
    return {
      ...l,
      status: c.status ?? l.status,
      claim: own ? c.claim : l.claim,
      claimCode: own ? c.code : l.claimCode,
      claimReason: c.reason,
      claimRequestedAt: c.requestedAt,
      rawStatus: c.rawStatus,
    };
  });
}
