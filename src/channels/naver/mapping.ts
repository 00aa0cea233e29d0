/**
 * Naver's product-order details → the sheet's order lines: one line per product order, key
 * partner | productOrderId; unpaid ones left out (never paid: no payment date, or a status before
 * payment). Strings as Naver sent them.
 */
import type { OrderLine } from '../../core/order';
import type { NaverAccount } from './connection';
import type { ProductOrderDetailT } from './schemas';
import { carrierName } from './carriers';
import { lineStateOf, rawStatusOf } from './status';

const present = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);
const text = (v: string | null | undefined): string => v ?? '';
const time = (v: string | null | undefined): number | null => {
  const ms = v ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : null;
};

export function orderLinesOf(account: NaverAccount, details: readonly ProductOrderDetailT[]): OrderLine[] {
  const lines: OrderLine[] = [];
  for (const d of details) {
    const po = d.productOrder;
    const state = lineStateOf(po);
    const paidAt = time(d.order.paymentDate);
    if (state === null || paidAt === null) continue;
    const claimSub = state.claim === 'cancel' ? d.cancel : state.claim === 'return' ? d.return : state.claim === 'exchange' ? d.exchange : null;
    const unitPrice = po.unitPrice + (po.optionPrice ?? 0);
    const address = po.shippingAddress;
    const carrierCode = present(d.delivery?.deliveryCompany);
    lines.push({
      channel: 'naver',
      partnerId: account.partnerId,
      orderId: d.order.orderId,
      itemId: po.productOrderId,
      orderedAt: time(d.order.orderDate) ?? paidAt,
      paidAt,
      sku: present(po.optionManageCode) ?? present(po.sellerProductCode),
      productName: text(po.productName),
      optionText: text(po.productOption),
      quantity: po.quantity,
      unitPrice,
      amount: unitPrice * po.quantity,
      buyerName: text(d.order.ordererName),
      receiverName: text(address?.name),
      receiverPhone: present(address?.tel1) ?? text(address?.tel2),
      receiverZip: text(address?.zipCode),
      receiverAddress1: text(address?.baseAddress),
      receiverAddress2: text(address?.detailAddress),
      message: text(po.shippingMemo),
      status: state.status,
      claim: state.claim,
      claimCode: state.claim === null ? null : (present(claimSub?.claimId) ?? po.productOrderId),
      claimReason: text(claimSub?.cancelReason ?? claimSub?.returnReason ?? claimSub?.exchangeReason),
      claimRequestedAt: state.claim === null ? null : time(claimSub?.claimRequestDate),
      replacement: false,
      rawStatus: rawStatusOf(po),
      carrier: carrierCode === null ? null : { code: carrierCode, name: carrierName(carrierCode) },
      trackingNo: present(d.delivery?.trackingNumber),
      shippedAt: time(d.delivery?.sendDate),
      channelProductId: present(po.originalProductId),
      channelVariantId: present(po.optionCode),
      channelShipmentId: null,
    });
  }
  return lines;
}
