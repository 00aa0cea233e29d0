/**
 * The seed, in Coupang's own shapes: per vendor its keys (as Wing issues them), its seller
 * products as the product API prints them (`items[]` with `vendorItemId`, `externalVendorSku`),
 * stock per vendor item, and ordersheets as the ordersheet API prints them (B2), so a documented
 * answer can be pasted in.
 */
import { z } from 'zod';
import { CcInquirySeed, OnlineInquirySeed } from './inquiries';

const OrderItem = z.looseObject({
  vendorItemId: z.number().int().positive(),
  vendorItemName: z.string().optional(),
  productId: z.number().int().optional(),
  sellerProductId: z.number().int().optional(),
  sellerProductName: z.string().optional(),
  sellerProductItemName: z.string().optional(),
  shippingCount: z.number().int().nonnegative(),
  salesPrice: z.number().int().nonnegative(),
  externalVendorSkuCode: z.string().optional(),
  cancelCount: z.number().int().nonnegative().default(0),
  holdCountForCancel: z.number().int().nonnegative().default(0),
  estimatedShippingDate: z.string().optional(),
});

const Party = z.looseObject({ name: z.string(), safeNumber: z.string().optional(), email: z.string().optional(), addr1: z.string().optional(), addr2: z.string().optional(), postCode: z.string().optional() });

export const OrdersheetSeed = z.looseObject({
  shipmentBoxId: z.number().int().positive(),
  orderId: z.number().int().positive(),
  /** KST, `yyyy-MM-ddTHH:mm:ss` as Coupang prints it. */
  orderedAt: z.string(),
  paidAt: z.string().nullable().optional(),
  status: z.enum(['ACCEPT', 'INSTRUCT', 'DEPARTURE', 'DELIVERING', 'FINAL_DELIVERY', 'NONE_TRACKING']),
  orderer: Party,
  receiver: Party,
  shippingPrice: z.number().int().nonnegative().default(0),
  parcelPrintMessage: z.string().default(''),
  deliveryCompanyCode: z.string().optional(),
  invoiceNumber: z.string().optional(),
  orderItems: z.array(OrderItem).min(1),
});

const VendorItemSeed = z.looseObject({
  vendorItemId: z.number().int().positive(),
  itemName: z.string(),
  externalVendorSku: z.string().optional(),
  salePrice: z.number().int().nonnegative(),
  /** Stock (the inventory API's `amountInStock`). */
  quantity: z.number().int().nonnegative().default(0),
});

const SellerProductSeed = z.looseObject({
  sellerProductId: z.number().int().positive(),
  sellerProductName: z.string(),
  productId: z.number().int().positive().optional(),
  items: z.array(VendorItemSeed).min(1),
});

export const VendorSeed = z.strictObject({
  vendorId: z.string().regex(/^A\d{8}$/),
  accessKey: z.string().min(1),
  secretKey: z.string().min(1),
  /** Overrides the fake's `registeredIps` for this vendor. */
  registeredIps: z.array(z.string()).optional(),
  sellerProducts: z.array(SellerProductSeed).default([]),
  ordersheets: z.array(OrdersheetSeed).default([]),
  /** Wing login ids of the vendor's staff: what an answer's `replyBy` (a confirm's `confirmBy`) must be. */
  wingUsers: z.array(z.string().min(1)).default([]),
  /** Product inquiries as the onlineInquiries list prints them (times KST without offset). */
  onlineInquiries: z.array(OnlineInquirySeed).default([]),
  /** Call-centre inquiries as the callCenterInquiries list prints them. */
  callCenterInquiries: z.array(CcInquirySeed).default([]),
});

export const CoupangSeed = z.strictObject({ vendors: z.array(VendorSeed).min(1) });
export type CoupangSeedT = z.output<typeof CoupangSeed>;
export type CoupangSeedInput = z.input<typeof CoupangSeed>;

export const DEFAULT_VENDOR_ID = 'A00012345';
export const DEFAULT_ACCESS_KEY = 'a1b2c3d4-0000-4000-8000-coupangfake01';
export const DEFAULT_SECRET_KEY = 'fake-coupang-secret-key-0001';
/** The Wing login id of the default vendor's CS staff (replyBy). */
export const DEFAULT_WING_USER = 'najalran';

/** One vendor (the manufacturer's own Coupang account) selling the same five goods as the malls. */
export const defaultSeed: CoupangSeedInput = {
  vendors: [
    {
      vendorId: DEFAULT_VENDOR_ID,
      accessKey: DEFAULT_ACCESS_KEY,
      secretKey: DEFAULT_SECRET_KEY,
      wingUsers: [DEFAULT_WING_USER],
      sellerProducts: [
        { sellerProductId: 80240831, sellerProductName: '나잘란 머그컵', productId: 31846051, items: [{ vendorItemId: 3242596358, itemName: '머그컵 단품', externalVendorSku: 'NJ-MUG', salePrice: 18000, quantity: 40 }] },
        {
          sellerProductId: 80240832,
          sellerProductName: '나잘란 앞치마',
          productId: 31846052,
          items: [
            { vendorItemId: 3242596361, itemName: '앞치마 베이지', externalVendorSku: 'NJ-APRON-1', salePrice: 29000, quantity: 25 },
            { vendorItemId: 3242596362, itemName: '앞치마 네이비', externalVendorSku: 'NJ-APRON-2', salePrice: 29000, quantity: 12 },
          ],
        },
        { sellerProductId: 80240833, sellerProductName: '나잘란 담요', productId: 31846053, items: [{ vendorItemId: 3242596371, itemName: '담요 네이비', externalVendorSku: 'NJ-BLANKET-3', salePrice: 45000, quantity: 8 }] },
        { sellerProductId: 80240834, sellerProductName: '나잘란 도마', productId: 31846054, items: [{ vendorItemId: 3242596381, itemName: '도마 대', externalVendorSku: 'NJ-BOARD-L', salePrice: 41000, quantity: 10 }] },
      ],
      ordersheets: [
        {
          shipmentBoxId: 448531493,
          orderId: 22000009546234,
          orderedAt: '2026-11-22T20:10:16',
          paidAt: '2026-11-22T20:10:40',
          status: 'ACCEPT',
          orderer: { name: '신*희', email: 'eu*****@na', safeNumber: '0503-**-5464' },
          receiver: { name: '신*희', safeNumber: '0503-**-5464', addr1: '서울특별시 마포구 월드컵북로 1', addr2: '101동 202호', postCode: '03900' },
          shippingPrice: 2500,
          parcelPrintMessage: '문 앞',
          orderItems: [
            { vendorItemId: 3242596358, vendorItemName: '나잘란 머그컵, 머그컵 단품', productId: 31846051, sellerProductId: 80240831, sellerProductName: '나잘란 머그컵', sellerProductItemName: '머그컵 단품', shippingCount: 2, salesPrice: 18000, externalVendorSkuCode: 'NJ-MUG', estimatedShippingDate: '2026-11-24' },
            { vendorItemId: 3242596361, vendorItemName: '나잘란 앞치마, 앞치마 베이지', productId: 31846052, sellerProductId: 80240832, sellerProductName: '나잘란 앞치마', sellerProductItemName: '앞치마 베이지', shippingCount: 1, salesPrice: 29000, externalVendorSkuCode: 'NJ-APRON-1', estimatedShippingDate: '2026-11-24' },
          ],
        },
      ],
    },
  ],
};
