/**
 * The fake's state per vendor: orders, shipment boxes (an order's items travel in boxes; split
 * shipping moves items to new boxes), cancel/return receipts, exchanges, seller products and
 * stock; and how each renders in Coupang's shapes (B2, B6, B7).
 */
import { DELIVERY_COMPANIES } from './codes';
import type { CoupangSeedT } from './seed';
import { loadInquiries, type InquiryStores } from './inquiries';

export const KST_MS = 9 * 3_600_000;

/** `yyyy-MM-ddTHH:mm:ss` in Seoul time, as Coupang prints times. */
export function kst(ms: number): string {
  return new Date(ms + KST_MS).toISOString().slice(0, 19);
}

/** A Seoul wall time `yyyy-MM-dd[THH:mm[:ss]]` → epoch ms; NaN when malformed. */
export function parseKst(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return NaN;
  const t = Date.parse(`${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}+09:00`);
  return Number.isFinite(t) && kst(t).startsWith(m[1]!) ? t : NaN;
}

export type BoxStatus = 'ACCEPT' | 'INSTRUCT' | 'DEPARTURE' | 'DELIVERING' | 'FINAL_DELIVERY' | 'NONE_TRACKING';

export interface Party {
  name: string;
  safeNumber?: string;
  email?: string;
  addr1?: string;
  addr2?: string;
  postCode?: string;
}

export interface BoxItem {
  vendorItemId: number;
  vendorItemName: string;
  productId: number;
  sellerProductId: number;
  sellerProductName: string;
  sellerProductItemName: string;
  externalVendorSkuCode: string;
  salesPrice: number;
  /** Units ordered (shippingCount + cancelCount). */
  count: number;
  cancelCount: number;
  holdCountForCancel: number;
  estimatedShippingDate: string;
  plannedShippingDate: string;
  invoiceNumberUploadDate: string;
}

export interface Box {
  shipmentBoxId: number;
  orderId: number;
  status: BoxStatus;
  items: BoxItem[];
  splitShipping: boolean;
  deliveryCompanyCode: string | null;
  invoiceNumber: string | null;
  /** Seed fields we do not model, echoed back. */
  extra: Record<string, unknown>;
}

export interface Order {
  orderId: number;
  orderedAt: number;
  /** null: not paid yet, so invisible to the API (ordersheets list paid orders only). */
  paidAt: number | null;
  orderer: Party;
  receiver: Party;
  shippingPrice: number;
  parcelPrintMessage: string;
}

export type ReceiptStatus = 'RELEASE_STOP_UNCHECKED' | 'RETURNS_UNCHECKED' | 'VENDOR_WAREHOUSE_CONFIRM' | 'REQUEST_COUPANG_CHECK' | 'RETURNS_COMPLETED';

export interface Receipt {
  receiptId: number;
  orderId: number;
  receiptType: 'RETURN' | 'CANCEL';
  receiptStatus: ReceiptStatus;
  createdAt: number;
  modifiedAt: number;
  cancelReasonCategory1: string;
  cancelReasonCategory2: string;
  faultByType: 'COUPANG' | 'VENDOR' | 'CUSTOMER' | 'WMS' | 'GENERAL';
  items: Array<{ vendorItemId: number; vendorItemName: string; shipmentBoxId: number; purchaseCount: number; cancelCount: number }>;
  returnDelivery: { deliveryCompanyCode: string; deliveryInvoiceNo: string } | null;
}

export type ExchangeStatus = 'RECEIPT' | 'PROGRESS' | 'SUCCESS' | 'REJECT' | 'CANCEL';

export interface Exchange {
  exchangeId: number;
  orderId: number;
  exchangeStatus: ExchangeStatus;
  createdAt: number;
  modifiedAt: number;
  reasonCode: string;
  reason: string;
  rejectCode: string | null;
  items: Array<{ vendorItemId: number; vendorItemName: string; shipmentBoxId: number; quantity: number }>;
}

export interface VendorItem {
  vendorItemId: number;
  itemName: string;
  externalVendorSku: string;
  salePrice: number;
  quantity: number;
}

export interface SellerProduct {
  sellerProductId: number;
  sellerProductName: string;
  productId: number;
  items: VendorItem[];
}

export interface Vendor {
  vendorId: string;
  accessKey: string;
  secretKey: string;
  registeredIps: string[] | null;
  products: SellerProduct[];
  orders: Map<number, Order>;
  boxes: Map<number, Box>;
  receipts: Map<number, Receipt>;
  exchanges: Map<number, Exchange>;
  /** Product and call-centre inquiries (inquiries.ts). */
  inquiries: InquiryStores;
  /** When accepted calls were made (the rolling second of the rate limit). */
  calls: number[];
}

export class Ids {
  constructor(
    public box = 500_000_000,
    public order = 23_000_000_000_000,
    public receipt = 370_000_000,
    public exchange = 90_000_000,
    public online = 844_000,
    public comment = 351_000,
    public callCenter = 1_007_837_444,
    public answer = 1_023_208_324,
  ) {}
}

export function vendorItem(v: Vendor, id: number): { product: SellerProduct; item: VendorItem } | null {
  for (const product of v.products) for (const item of product.items) if (item.vendorItemId === id) return { product, item };
  return null;
}

export function loadVendors(seed: CoupangSeedT, ids: Ids): Map<string, Vendor> {
  const out = new Map<string, Vendor>();
  for (const s of seed.vendors) {
    const v: Vendor = {
      vendorId: s.vendorId,
      accessKey: s.accessKey,
      secretKey: s.secretKey,
      registeredIps: s.registeredIps ?? null,
      products: s.sellerProducts.map((p) => ({
        sellerProductId: p.sellerProductId,
        sellerProductName: p.sellerProductName,
        productId: p.productId ?? p.sellerProductId,
        items: p.items.map((i) => ({ vendorItemId: i.vendorItemId, itemName: i.itemName, externalVendorSku: i.externalVendorSku ?? '', salePrice: i.salePrice, quantity: i.quantity })),
      })),
      orders: new Map(),
      boxes: new Map(),
      receipts: new Map(),
      exchanges: new Map(),
      inquiries: loadInquiries(s, ids),
      calls: [],
    };
    for (const o of s.ordersheets) {
      const { shipmentBoxId, orderId, orderedAt, paidAt, status, orderer, receiver, shippingPrice, parcelPrintMessage, deliveryCompanyCode, invoiceNumber, orderItems, ...extra } = o;
      if (!v.orders.has(orderId)) {
        v.orders.set(orderId, { orderId, orderedAt: parseKst(orderedAt), paidAt: paidAt ? parseKst(paidAt) : parseKst(orderedAt), orderer, receiver, shippingPrice, parcelPrintMessage });
      }
      v.boxes.set(shipmentBoxId, {
        shipmentBoxId,
        orderId,
        status,
        splitShipping: false,
        deliveryCompanyCode: deliveryCompanyCode ?? null,
        invoiceNumber: invoiceNumber ?? null,
        extra,
        items: orderItems.map((i) => {
          const known = vendorItem(v, i.vendorItemId);
          return {
            vendorItemId: i.vendorItemId,
            vendorItemName: i.vendorItemName ?? `${known?.product.sellerProductName ?? ''}, ${known?.item.itemName ?? ''}`,
            productId: i.productId ?? known?.product.productId ?? 0,
            sellerProductId: i.sellerProductId ?? known?.product.sellerProductId ?? 0,
            sellerProductName: i.sellerProductName ?? known?.product.sellerProductName ?? '',
            sellerProductItemName: i.sellerProductItemName ?? known?.item.itemName ?? '',
            externalVendorSkuCode: i.externalVendorSkuCode ?? known?.item.externalVendorSku ?? '',
            salesPrice: i.salesPrice,
            count: i.shippingCount + i.cancelCount,
            cancelCount: i.cancelCount,
            holdCountForCancel: i.holdCountForCancel,
            estimatedShippingDate: i.estimatedShippingDate ?? kst(parseKst(orderedAt) + 2 * 86_400_000).slice(0, 10),
            plannedShippingDate: '',
            invoiceNumberUploadDate: '',
          };
        }),
      });
      ids.box = Math.max(ids.box, shipmentBoxId + 1);
      ids.order = Math.max(ids.order, orderId + 1);
    }
    out.set(v.vendorId, v);
  }
  return out;
}

// ------------------------------------------------------------------ rendering (Coupang's shapes)

export function renderOrdersheet(v: Vendor, box: Box): Record<string, unknown> {
  const order = v.orders.get(box.orderId)!;
  return {
    shipmentBoxId: box.shipmentBoxId,
    orderId: box.orderId,
    orderedAt: kst(order.orderedAt),
    orderer: { ...order.orderer },
    paidAt: order.paidAt === null ? null : kst(order.paidAt),
    status: box.status,
    shippingPrice: order.shippingPrice,
    remotePrice: null,
    remoteArea: false,
    parcelPrintMessage: order.parcelPrintMessage,
    splitShipping: box.splitShipping,
    ableSplitShipping: box.items.length > 1,
    receiver: { ...order.receiver },
    orderItems: box.items.map((i) => ({
      vendorItemPackageId: 0,
      vendorItemPackageName: '',
      productId: i.productId,
      vendorItemId: i.vendorItemId,
      vendorItemName: i.vendorItemName,
      shippingCount: i.count - i.cancelCount,
      salesPrice: i.salesPrice,
      orderPrice: i.salesPrice * (i.count - i.cancelCount),
      discountPrice: null,
      externalVendorSkuCode: i.externalVendorSkuCode,
      sellerProductId: i.sellerProductId,
      sellerProductName: i.sellerProductName,
      sellerProductItemName: i.sellerProductItemName,
      firstSellerProductItemName: i.sellerProductItemName,
      cancelCount: i.cancelCount,
      holdCountForCancel: i.holdCountForCancel,
      estimatedShippingDate: i.estimatedShippingDate,
      plannedShippingDate: i.plannedShippingDate,
      invoiceNumberUploadDate: i.invoiceNumberUploadDate,
      canceled: i.cancelCount >= i.count,
    })),
    deliveryCompanyName: box.deliveryCompanyCode === null ? '' : (DELIVERY_COMPANIES[box.deliveryCompanyCode] ?? box.deliveryCompanyCode),
    invoiceNumber: box.invoiceNumber ?? '',
    overseaShippingInfoDto: { personalCustomsClearanceCode: '', ordererSsn: '', ordererPhoneNumber: '' },
    ...box.extra,
  };
}

export function renderReceipt(r: Receipt): Record<string, unknown> {
  return {
    receiptId: r.receiptId,
    orderId: r.orderId,
    paymentId: r.orderId + 1,
    receiptType: r.receiptType,
    receiptStatus: r.receiptStatus,
    createdAt: kst(r.createdAt),
    modifiedAt: kst(r.modifiedAt),
    requesterName: '',
    cancelReasonCategory1: r.cancelReasonCategory1,
    cancelReasonCategory2: r.cancelReasonCategory2,
    cancelReason: r.cancelReasonCategory2,
    cancelCountSum: r.items.reduce((s, i) => s + i.cancelCount, 0),
    returnDeliveryId: r.receiptId,
    returnDeliveryType: '연동택배',
    releaseStopStatus: r.receiptStatus === 'RELEASE_STOP_UNCHECKED' ? '미처리' : r.receiptType === 'CANCEL' ? '처리(이미출고)' : '',
    faultByType: r.faultByType,
    preRefund: false,
    completeConfirmType: r.receiptStatus === 'RETURNS_COMPLETED' ? 'VENDOR_CONFIRM' : 'UNDEFINED',
    completeConfirmDate: r.receiptStatus === 'RETURNS_COMPLETED' ? kst(r.modifiedAt) : '',
    returnItems: r.items.map((i) => ({ vendorItemPackageId: 0, vendorItemPackageName: '', vendorItemId: i.vendorItemId, vendorItemName: i.vendorItemName, purchaseCount: i.purchaseCount, cancelCount: i.cancelCount, shipmentBoxId: i.shipmentBoxId, sellerProductId: 0, sellerProductName: '', releaseStatus: 'N', cancelCompleteUser: '' })),
    returnDeliveryDtos: r.returnDelivery ? [{ deliveryCompanyCode: r.returnDelivery.deliveryCompanyCode, deliveryInvoiceNo: r.returnDelivery.deliveryInvoiceNo }] : [],
  };
}

export function renderExchange(v: Vendor, x: Exchange): Record<string, unknown> {
  const order = v.orders.get(x.orderId);
  return {
    exchangeId: x.exchangeId,
    orderId: x.orderId,
    vendorId: v.vendorId,
    orderDeliveryStatusCode: 'FINAL_DELIVERY',
    exchangeStatus: x.exchangeStatus,
    referType: 'VENDOR',
    faultType: 'CUSTOMER',
    exchangeAmount: 0,
    reasonCode: x.reasonCode,
    reasonCodeText: x.reason,
    reasonEtcDetail: x.reason,
    cancelReason: x.rejectCode ?? '',
    createdAt: kst(x.createdAt),
    modifiedAt: kst(x.modifiedAt),
    exchangeItemDtoV1s: x.items.map((i) => ({ exchangeItemId: x.exchangeId * 10 + 1, orderItemId: i.vendorItemId, orderItemUnitPrice: 0, orderItemName: i.vendorItemName, orderPackageId: 0, orderPackageName: '', targetItemId: i.vendorItemId, targetItemUnitPrice: 0, targetItemName: i.vendorItemName, targetPackageId: 0, targetPackageName: '', quantity: i.quantity, orderItemDeliveryComplete: true, orderItemReturnComplete: x.exchangeStatus === 'SUCCESS', targetItemDeliveryComplete: x.exchangeStatus === 'SUCCESS', createdAt: kst(x.createdAt), modifiedAt: kst(x.modifiedAt), originalShipmentBoxId: i.shipmentBoxId })),
    exchangeAddressDtoV1: order ? { returnCustomerName: order.receiver.name, returnAddress: order.receiver.addr1 ?? '', deliveryCustomerName: order.receiver.name, deliveryAddress: order.receiver.addr1 ?? '' } : null,
    deliveryInvoiceGroupDtos: [],
    successable: x.exchangeStatus === 'PROGRESS',
    rejectable: x.exchangeStatus === 'RECEIPT' || x.exchangeStatus === 'PROGRESS',
  };
}
