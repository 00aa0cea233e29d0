/**
 * One builder per Naver call the add-on makes (paths relative to
 * https://api.commerce.naver.com/external, reference A3 and A6). Each returns the request for the
 * real host, signed, through the relay when one is set (transport.ts `signed`).
 */
import type { HttpRequest } from '../../core/http';
import { queryString } from '../../core/http';
import { NAVER_API } from './connection';
import { signed, type NaverSession } from './transport';

const PO = `${NAVER_API}/v1/pay-order/seller/product-orders`;
const JSON_TYPE = 'application/json';

/** Seoul wall time with milliseconds and +09:00, as Naver takes dates (the `+` is sent as %2B). */
export function kstIso(ms: number): string {
  return `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
}

const post = (s: NaverSession, url: string, body: unknown, method: 'post' | 'put' | 'patch' = 'post'): HttpRequest =>
  signed(s, { method, url, headers: { 'Content-Type': JSON_TYPE }, payload: JSON.stringify(body), contentType: JSON_TYPE });

export const LIMIT_COUNT = 300;

export function lastChangedStatuses(s: NaverSession, q: { from: number; to: number; moreFrom?: string; moreSequence?: string }): HttpRequest {
  const params = { lastChangedFrom: q.moreFrom ?? kstIso(q.from), lastChangedTo: kstIso(q.to), limitCount: LIMIT_COUNT, moreSequence: q.moreSequence };
  return signed(s, { method: 'get', url: `${PO}/last-changed-statuses${queryString(params)}` });
}

export const queryProductOrders = (s: NaverSession, productOrderIds: readonly string[]) => post(s, `${PO}/query`, { productOrderIds, quantityClaimCompatibility: true });

export const confirmProductOrders = (s: NaverSession, productOrderIds: readonly string[]) => post(s, `${PO}/confirm`, { productOrderIds });

export interface Dispatch {
  readonly productOrderId: string;
  readonly deliveryCompanyCode: string;
  readonly trackingNumber: string;
  readonly dispatchDate: number;
}

export const dispatchProductOrders = (s: NaverSession, items: readonly Dispatch[]) =>
  post(s, `${PO}/dispatch`, {
    dispatchProductOrders: items.map((d) => ({ productOrderId: d.productOrderId, deliveryMethod: 'DELIVERY', deliveryCompanyCode: d.deliveryCompanyCode, trackingNumber: d.trackingNumber, dispatchDate: kstIso(d.dispatchDate) })),
  });

export type ClaimPath = 'cancel/approve' | 'return/approve' | 'return/reject' | 'exchange/collect/approve' | 'exchange/reject';

export const claimCall = (s: NaverSession, productOrderId: string, path: ClaimPath, body: object) => post(s, `${PO}/${encodeURIComponent(productOrderId)}/claim/${path}`, body);

export const searchProducts = (s: NaverSession, page: number, size: number) => post(s, `${NAVER_API}/v1/products/search`, { page, size });

export const getOriginProduct = (s: NaverSession, originProductNo: string) => signed(s, { method: 'get', url: `${NAVER_API}/v2/products/origin-products/${encodeURIComponent(originProductNo)}` });

export const setProductStock = (s: NaverSession, originProductNo: number, stockQuantity: number) =>
  post(s, `${NAVER_API}/v1/products/origin-products/multi-update`, { multiProductUpdateRequestVos: [{ originProductNo, multiUpdateTypes: ['STOCK'], stockQuantity }] }, 'patch');

export const setOptionStock = (s: NaverSession, originProductNo: string, optionId: number, stockQuantity: number) =>
  post(s, `${NAVER_API}/v1/products/origin-products/${encodeURIComponent(originProductNo)}/option-stock`, { optionInfo: { optionCombinations: [{ id: optionId, stockQuantity }], useStockManagement: true } }, 'put');
