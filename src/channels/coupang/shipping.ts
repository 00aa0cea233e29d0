/**
 * Coupang's shipping as the port asks for it. Coupang takes an invoice only on a box that has
 * been acknowledged (B3/B4: INSTRUCT), one record per shipment box, one DTO per vendor item. So a
 * send is up to three rounds, all accounts together:
 * 1. each parcel's order is read whole (its boxes may have split; the box ids are read afresh,
 *    never trusted from the sheet), so cancelled or stop-requested items are refused unsent and
 *    an item whose box already carries an invoice is answered `already`;
 * 2. boxes still ACCEPT are acknowledged first. A parcel exists only once the warehouse has
 *    inspected and packed it, so 발주확인 is certainly due; refusing would leave goods on the road
 *    that Coupang does not know of, and the fresh read of round 1 has just shown the buyer has not
 *    cancelled. (A box the acknowledgement refuses is answered with Coupang's words.)
 * 3. invoices go up per box: a parcel with all of the box's open items ships the box; parcels
 *    with some of them ship split (`splitShipping`), each with its own number, and items not in
 *    any parcel stay with their planned date (their estimated shipping date).
 */
import { chunk } from '../../core/chunk';
import type { CarrierRule } from '../../core/carriers';
import type { Carrier } from '../../core/order';
import type { ChannelRequest, Gateway, Outcome, Parcel, ParcelAnswer, ShippingCapability } from '../port';
import type { CoupangAccount } from './account';
import { COUPANG_CARRIERS } from './carriers';
import { ACK_CAP, boxAnswerText } from './confirm';
import { splitItemId } from './mapping';
import { paths } from './paths';
import { BoxResults, OrdersheetsOfOrder, parse, type BoxResultT, type OrdersheetT } from './schemas';
import { coupangRequest, wing } from './transport';

/** Boxes per invoice call (undocumented; the acknowledgement's 50). */
export const INVOICE_BOX_CAP = 50;
const SENT: ParcelAnswer = { ok: true, text: '쿠팡: 송장 등록 (배송지시)' };
const refused = (text: string, retry = false): ParcelAnswer => ({ ok: false, retry, unknown: false, already: false, text });
const already = (text: string): ParcelAnswer => ({ ok: false, retry: false, unknown: false, already: true, text });
/** Results worth trying again unchanged later (B4's table says retry for more, but those need a change). */
const RETRY_LATER = new Set(['UNDEFINED_ERROR_OCCUR', 'PERMISSION_DENIED']);

function run<T>(gateway: Gateway, requests: readonly ChannelRequest<T>[]): Outcome<T>[] {
  return requests.length === 0 ? [] : gateway.run(requests);
}

const fromOutcome = (o: Extract<Outcome<unknown>, { ok: false }>, write: boolean): ParcelAnswer => ({
  ok: false,
  retry: o.deferred || o.error.retryable,
  // A write that got no answer or a server error may have been carried out.
  unknown: write && !o.deferred && (o.error.status === 0 || o.error.status >= 500),
  already: false,
  text: o.error.userMessage,
});

interface BoxPlan {
  readonly account: CoupangAccount;
  readonly sheet: OrdersheetT;
  /** Parcel index → its vendor items in this box. */
  readonly parcels: Map<number, number[]>;
}

function send(parcels: readonly Parcel[], gateway: Gateway): ParcelAnswer[] {
  const answers: Array<ParcelAnswer | undefined> = new Array(parcels.length);
  const fail = (i: number, a: ParcelAnswer) => (answers[i] ??= a);

  // 1. Read each parcel's order.
  const orderKey = (p: Parcel) => `${p.account.partnerId}|${p.orderId}`;
  const orders = [...new Map(parcels.map((p) => [orderKey(p), p] as const)).values()];
  const read = run(
    gateway,
    orders.map((p) => {
      const a = p.account as CoupangAccount;
      return coupangRequest(a, 'ordersheets.ofOrder', (s) => wing(s, 'get', paths.ordersheetsOfOrder(a.vendorId, p.orderId)), (r) => parse('ordersheets.ofOrder', a.vendorId, OrdersheetsOfOrder, r).data);
    }),
  );
  const sheetsOf = new Map<string, OrdersheetT[] | Extract<Outcome<unknown>, { ok: false }>>();
  orders.forEach((p, n) => {
    const o = read[n]!;
    sheetsOf.set(orderKey(p), o.ok ? o.value : o);
  });

  const plans = new Map<string, BoxPlan>();
  parcels.forEach((p, i) => {
    const sheets = sheetsOf.get(orderKey(p))!;
    if (!Array.isArray(sheets)) return fail(i, fromOutcome(sheets, false));
    if (p.itemIds.length === 0) return fail(i, refused('발송할 품목이 없습니다'));
    const ids = p.itemIds.map(splitItemId);
    if (ids.some((x) => x === null || x.orderId !== p.orderId)) return fail(i, refused(`쿠팡 주문 품목 번호가 아닙니다: ${p.itemIds.join(', ')}`));
    const mine: Array<{ sheet: OrdersheetT; vendorItemId: number }> = [];
    for (const id of ids) {
      const sheet = sheets.find((s) => s.orderItems.some((it) => it.vendorItemId === id!.vendorItemId && it.shippingCount > 0)) ?? sheets.find((s) => s.orderItems.some((it) => it.vendorItemId === id!.vendorItemId));
      const item = sheet?.orderItems.find((it) => it.vendorItemId === id!.vendorItemId);
      if (!sheet || !item) return fail(i, refused(`쿠팡 주문 ${p.orderId}에 이 상품(${id!.vendorItemId})이 없습니다`));
      if (item.shippingCount === 0) return fail(i, refused('쿠팡: 취소된 상품입니다. 발송하지 마세요'));
      if (item.holdCountForCancel > 0) return fail(i, refused('쿠팡: 구매자가 출고중지를 요청했습니다. 클레임을 먼저 처리하세요'));
      if (sheet.status !== 'ACCEPT' && sheet.status !== 'INSTRUCT') {
        const same = sheet.invoiceNumber === p.trackingNo;
        return fail(i, already(same ? `쿠팡: 이미 송장이 등록되어 있습니다 (${sheet.invoiceNumber})` : `쿠팡: 다른 송장이 이미 등록되어 있습니다 (${sheet.invoiceNumber || sheet.status})`));
      }
      mine.push({ sheet, vendorItemId: id!.vendorItemId });
    }
    for (const { sheet, vendorItemId } of mine) {
      const key = `${p.account.partnerId}|${sheet.shipmentBoxId}`;
      const plan = plans.get(key) ?? { account: p.account as CoupangAccount, sheet, parcels: new Map<number, number[]>() };
      plan.parcels.set(i, [...(plan.parcels.get(i) ?? []), vendorItemId]);
      plans.set(key, plan);
    }
  });
  // A parcel already answered (refused) leaves every box it touched; a box left with none is not sent.
  const live = () =>
    [...plans.values()].filter((plan) => {
      for (const i of [...plan.parcels.keys()]) if (answers[i] !== undefined) plan.parcels.delete(i);
      return plan.parcels.size > 0;
    });

  // 2. Acknowledge boxes still ACCEPT.
  const toAck = live().filter((plan) => plan.sheet.status === 'ACCEPT');
  const ackCalls = byAccount(toAck).flatMap((list) => chunk(list, ACK_CAP));
  const acked = run(
    gateway,
    ackCalls.map((part) => {
      const a = part[0]!.account;
      return coupangRequest(
        a,
        'ordersheets.acknowledge',
        (s) => wing(s, 'put', paths.acknowledgement(a.vendorId), '', { vendorId: a.vendorId, shipmentBoxIds: part.map((x) => x.sheet.shipmentBoxId) }),
        (r) => parse('ordersheets.acknowledge', a.vendorId, BoxResults, r).data.responseList,
      );
    }),
  );
  ackCalls.forEach((part, n) => {
    const o = acked[n]!;
    for (const plan of part) {
      const res = o.ok ? o.value.find((x) => x.shipmentBoxId === plan.sheet.shipmentBoxId) : undefined;
      const answer = !o.ok ? fromOutcome(o, false) : !res ? refused('쿠팡이 발주확인에 답하지 않았습니다', true) : res.succeed ? null : refused(`발주확인 실패: ${boxAnswerText(res)}`);
      if (answer) for (const i of plan.parcels.keys()) fail(i, answer);
    }
  });

  // 3. Upload invoices, one record per box.
  const ready = live();
  const calls = byAccount(ready).flatMap((list) => chunk(list, INVOICE_BOX_CAP));
  const uploaded = run(
    gateway,
    calls.map((part) => {
      const a = part[0]!.account;
      return coupangRequest(
        a,
        'orders.invoices',
        (s) => wing(s, 'post', paths.invoices(a.vendorId), '', { vendorId: a.vendorId, orderSheetInvoiceApplyDtos: part.flatMap((plan) => dtosOf(plan, parcels)) }),
        (r) => parse('orders.invoices', a.vendorId, BoxResults, r).data.responseList,
      );
    }),
  );
  calls.forEach((part, n) => {
    const o = uploaded[n]!;
    for (const plan of part) {
      const res: BoxResultT | undefined = o.ok ? o.value.find((x) => x.shipmentBoxId === plan.sheet.shipmentBoxId) : undefined;
      for (const i of plan.parcels.keys()) {
        if (!o.ok) fail(i, fromOutcome(o, true));
        else if (!res) fail(i, { ok: false, retry: true, unknown: true, already: false, text: '쿠팡이 이 배송번호에 답하지 않았습니다: 주문을 다시 읽어 확인합니다' });
        else if (res.resultCode === 'NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD') fail(i, already(boxAnswerText(res)));
        else if (!res.succeed) fail(i, refused(boxAnswerText(res), RETRY_LATER.has(res.resultCode)));
      }
    }
  });
  return parcels.map((_, i) => answers[i] ?? SENT);
}

function byAccount(plans: readonly BoxPlan[]): BoxPlan[][] {
  const m = new Map<string, BoxPlan[]>();
  for (const p of plans) m.set(p.account.partnerId, [...(m.get(p.account.partnerId) ?? []), p]);
  return [...m.values()];
}

/** The box's DTOs: one per vendor item; split when the parcels do not carry all its open items together. */
function dtosOf(plan: BoxPlan, parcels: readonly Parcel[]): object[] {
  const open = plan.sheet.orderItems.filter((it) => it.shippingCount > 0);
  const entries = [...plan.parcels].flatMap(([i, ids]) => ids.map((vendorItemId) => ({ parcel: parcels[i]!, vendorItemId })));
  const numbers = new Set(entries.map((e) => e.parcel.trackingNo));
  const covered = new Set(entries.map((e) => e.vendorItemId));
  const split = numbers.size > 1 || open.some((it) => !covered.has(it.vendorItemId));
  const base = { shipmentBoxId: plan.sheet.shipmentBoxId, orderId: plan.sheet.orderId, splitShipping: split, preSplitShipped: false };
  const shipped = entries.map((e) => ({ ...base, vendorItemId: e.vendorItemId, deliveryCompanyCode: e.parcel.carrier.code, invoiceNumber: e.parcel.trackingNo, estimatedShippingDate: '' }));
  const staying = split
    ? open
        .filter((it) => !covered.has(it.vendorItemId))
        .map((it) => ({ ...base, vendorItemId: it.vendorItemId, deliveryCompanyCode: entries[0]!.parcel.carrier.code, invoiceNumber: '', estimatedShippingDate: it.plannedShippingDate || it.estimatedShippingDate }))
    : [];
  return [...shipped, ...staying];
}

/** The rule's Coupang code (D1), or a carrier whose name the rule knows. */
export function coupangCarrierFor(rule: CarrierRule, registered: readonly Carrier[]): Carrier | null {
  const code = rule.channelCodes.coupang;
  return (code !== undefined ? registered.find((c) => c.code === code) : undefined) ?? registered.find((c) => c.name === rule.nameKo) ?? null;
}

export const coupangShipping: ShippingCapability = {
  carriers: () => COUPANG_CARRIERS,
  carrierFor: coupangCarrierFor,
  send,
  inTransitCode: 'DEPARTURE',
};
