/**
 * Naver's shipping as the port asks for it. Couriers: Naver has no endpoint listing a store's
 * couriers (any code of its list may be used), so `carriers` answers the documented list
 * (carriers.ts) itself, without a request. A parcel's carrier is the rule's Naver code (the
 * cross-walk of reference D1). Parcels go 30 product orders a dispatch call at most; each answer
 * says per product order whether it went; "already" answers (104442 on a product order already
 * on its way, 104121 for a tracking number used before) are `already`, for the job to check
 * against the order.
 */
import { chunk } from '../../core/chunk';
import type { CarrierRule } from '../../core/carriers';
import type { Carrier } from '../../core/order';
import type { ChannelRequest, Gateway, Parcel, ParcelAnswer, ShippingCapability } from '../port';
import { NAVER_CARRIERS } from './carriers';
import { dispatchProductOrders } from './requests';
import { ProcessAnswer, readJson } from './schemas';
import { naverRequest } from './transport';

export const DISPATCH_IDS = 30;

export function naverCarrierFor(rule: CarrierRule, registered: readonly Carrier[]): Carrier | null {
  const code = rule.channelCodes.naver;
  return code === undefined ? null : (registered.find((c) => c.code === code) ?? null);
}

type Item = { parcel: number; productOrderId: string };
type ItemAnswer = { ok: true } | { ok: false; code: string; message: string };

const ALREADY = /이미|already/i;

/**
 * "Already": the product order is on its way (104442 saying so), or the tracking number is used
 * (104121: bundle shipping where Naver refuses a number twice). The job reads the order and
 * decides by what it shows.
 */
const isAlready = (code: string, message: string) => code === '104121' || (code === '104442' && ALREADY.test(message));

function send(parcels: readonly Parcel[], gateway: Gateway): ParcelAnswer[] {
  const byAccount = new Map<string, Item[]>();
  parcels.forEach((p, i) => {
    const list = byAccount.get(p.account.partnerId) ?? [];
    for (const id of p.itemIds) list.push({ parcel: i, productOrderId: id });
    byAccount.set(p.account.partnerId, list);
  });
  const calls: Array<{ items: Item[]; request: ChannelRequest<Map<string, ItemAnswer>> }> = [];
  for (const items of byAccount.values()) {
    for (const part of chunk(items, DISPATCH_IDS)) {
      const account = parcels[part[0]!.parcel]!.account;
      calls.push({
        items: part,
        request: naverRequest(
          account,
          'productOrders.dispatch',
          (s) => dispatchProductOrders(s, part.map((it) => ({ productOrderId: it.productOrderId, deliveryCompanyCode: parcels[it.parcel]!.carrier.code, trackingNumber: parcels[it.parcel]!.trackingNo, dispatchDate: s.now() }))),
          (r) => {
            const data = readJson('productOrders.dispatch', account.accountId, ProcessAnswer, r).data;
            const out = new Map<string, ItemAnswer>();
            for (const id of data.successProductOrderIds) out.set(id, { ok: true });
            for (const f of data.failProductOrderInfos) out.set(f.productOrderId, { ok: false, code: String(f.code ?? ''), message: f.message ?? '' });
            return out;
          },
        ),
      });
    }
  }
  const outcomes = calls.length === 0 ? [] : gateway.run(calls.map((c) => c.request));
  const perParcel: ParcelAnswer[][] = parcels.map(() => []);
  calls.forEach((c, n) => {
    const o = outcomes[n]!;
    for (const it of c.items) {
      let answer: ParcelAnswer;
      if (!o.ok) {
        const unknown = !o.deferred && (o.error.status === 0 || o.error.status >= 500);
        answer = o.deferred || o.error.retryable ? { ok: false, retry: true, unknown, already: false, text: o.error.userMessage } : { ok: false, retry: false, unknown: false, already: false, text: o.error.channelMessage ?? o.error.userMessage };
      } else {
        const a = o.value.get(it.productOrderId);
        if (a === undefined) answer = { ok: false, retry: true, unknown: true, already: false, text: '네이버 응답에 이 상품주문이 없습니다' };
        else if (a.ok) answer = { ok: true, text: '네이버: 발송처리(배송중)' };
        else answer = { ok: false, retry: false, unknown: false, already: isAlready(a.code, a.message), text: `${a.message} (${a.code})` };
      }
      perParcel[it.parcel]!.push(answer);
    }
  });
  // A parcel went when all its product orders went; else the first that did not says why.
  return perParcel.map((list) => list.find((a) => !a.ok) ?? list[0] ?? { ok: false, retry: true, unknown: false, already: false, text: '보낼 상품주문이 없습니다' });
}

export const naverShipping: ShippingCapability = {
  carriers: () => NAVER_CARRIERS,
  carrierFor: naverCarrierFor,
  send,
  inTransitCode: 'DELIVERING',
};

