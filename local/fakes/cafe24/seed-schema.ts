/**
 * The seed: Cafe24's own object shapes, so a sample body copied from Cafe24's documentation
 * loads unchanged. Each mall is written the way the API answers (`products`, `orders`,
 * `carriers`, `suppliers` arrays; a `links` block from a pasted list response is ignored), so a
 * documented response body can be spread into a mall: `{ "mall_id": "x", ...ordersListBody }`.
 *
 * Resource objects are loose: fields we do not model are kept and echoed back as given. The
 * fields we compute with are checked. Containers (seed, mall, app) are strict so a typo such as
 * `"product"` for `"products"` is an error rather than an empty mall.
 */
import { z } from 'zod';
import { OrderStatusSchema } from './order-status';
import { ScopeName } from './scopes';
import { parseCafe24Date } from './time';

const Flag = z.enum(['T', 'F']);
/** "11000.00" in Cafe24's answers; numbers are accepted too for hand-written seeds. */
export const MoneyInput = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "11000.00"'),
  z.number().finite(),
]);
const DateText = z.string().refine((s) => parseCafe24Date(s) !== null, {
  message: 'must be a Cafe24 date: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or ISO 8601 with +09:00',
});
const OptDate = DateText.nullable().optional();
const OptText = z.string().nullable().optional();

export const VariantCode = z.string().regex(/^[A-Z0-9]{12}$/, 'must be 12 characters of A-Z0-9 (e.g. P000000R000C)');
export const ProductCode = z.string().regex(/^[A-Z0-9]{8}$/, 'must be 8 characters of A-Z0-9 (e.g. P000000X)');
export const OrderId = z.string().regex(/^\d{8}-\d{7}$/, 'must look like 20170710-0000013');
export const OrderItemCode = z.string().regex(/^\d{8}-\d{7}-\d{2,}$/, 'must look like 20170710-0000013-01');

const InventoryFields = {
  use_inventory: Flag.optional(),
  important_inventory: z.enum(['A', 'B']).optional(),
  inventory_control_type: z.enum(['A', 'B']).optional(),
  display_soldout: Flag.optional(),
  quantity: z.number().int().optional(),
  safety_inventory: z.number().int().nullable().optional(),
  origin_code: OptText,
};

export const SeedInventory = z.looseObject(InventoryFields);

export const SeedVariant = z.looseObject({
  shop_no: z.number().int().optional(),
  variant_code: VariantCode,
  options: z.array(z.looseObject({ name: z.string(), value: z.string() })).nullable().optional(),
  custom_variant_code: z.string().max(40).nullable().optional(),
  display: Flag.optional(),
  selling: Flag.optional(),
  additional_amount: MoneyInput.nullable().optional(),
  ...InventoryFields,
  /** `embed=inventories` form: an object, or (seen in some copies) a one-element array. */
  inventories: z.union([SeedInventory, z.array(SeedInventory)]).nullable().optional(),
});

export const SeedProduct = z.looseObject({
  shop_no: z.number().int().optional(),
  product_no: z.number().int().positive(),
  product_code: ProductCode.optional(),
  custom_product_code: z.string().max(40).nullable().optional(),
  product_name: z.string().min(1).max(250),
  price: MoneyInput.optional(),
  price_excluding_tax: MoneyInput.optional(),
  retail_price: MoneyInput.optional(),
  supply_price: MoneyInput.optional(),
  display: Flag.optional(),
  selling: Flag.optional(),
  sold_out: Flag.optional(),
  supplier_code: z.string().optional(),
  created_date: OptDate,
  updated_date: OptDate,
  variants: z.array(SeedVariant).optional(),
});

export const SeedItem = z.looseObject({
  shop_no: z.number().int().optional(),
  order_item_code: OrderItemCode,
  item_no: z.number().int().positive().optional(),
  product_no: z.number().int().nullable().optional(),
  product_code: OptText,
  variant_code: OptText,
  custom_product_code: OptText,
  custom_variant_code: OptText,
  product_name: OptText,
  option_value: OptText,
  product_price: MoneyInput.nullable().optional(),
  option_price: MoneyInput.nullable().optional(),
  quantity: z.number().int().positive(),
  supplier_id: OptText,
  order_status: OrderStatusSchema.optional(),
  order_status_before_cs: OrderStatusSchema.nullable().optional(),
  shipping_code: OptText,
  tracking_no: OptText,
  shipping_company_code: OptText,
  shipping_company_name: OptText,
  claim_code: OptText,
  ordered_date: OptDate,
  shipped_date: OptDate,
  delivered_date: OptDate,
  purchaseconfirmation_date: OptDate,
  cancel_date: OptDate,
  cancel_request_date: OptDate,
  return_request_date: OptDate,
  return_confirmed_date: OptDate,
  refund_date: OptDate,
  exchange_request_date: OptDate,
  exchange_date: OptDate,
});

export const SeedOrder = z
  .looseObject({
    shop_no: z.number().int().optional(),
    order_id: OrderId,
    order_date: DateText,
    payment_date: OptDate,
    cancel_date: OptDate,
    paid: z.enum(['T', 'F', 'M']).optional(),
    canceled: z.enum(['T', 'F', 'M']).optional(),
    payment_method: z.array(z.string()).nullable().optional(),
    payment_amount: MoneyInput.nullable().optional(),
    shipping_status: z.enum(['F', 'M', 'T', 'W', 'X']).optional(),
    member_id: OptText,
    billing_name: OptText,
    currency: z.string().optional(),
    items: z.array(SeedItem).optional(),
    receivers: z.array(z.looseObject({ name: OptText, shipping_code: OptText })).optional(),
    buyer: z.looseObject({ name: OptText, member_id: OptText }).nullable().optional(),
  })
  .superRefine((order, ctx) => {
    order.items?.forEach((item, i) => {
      if (!item.order_item_code.startsWith(`${order.order_id}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'order_item_code'],
          message: `must start with the order_id (${order.order_id}-)`,
        });
      }
    });
  });

export const SeedCarrier = z.looseObject({
  shop_no: z.number().int().optional(),
  carrier_id: z.number().int().positive(),
  shipping_carrier_code: z.string().min(1),
  shipping_carrier: z.string().min(1),
  track_shipment_url: OptText,
  default_shipping_carrier: Flag.optional(),
  shipping_type: z.string().optional(),
});

export const SeedSupplier = z.looseObject({
  shop_no: z.number().int().optional(),
  supplier_code: z.string().regex(/^S[A-Z0-9]{7}$/, 'must look like S0000000'),
  supplier_name: z.string().min(1),
});

export const ApiVersion = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD API version');

/** An app registered in the developer centre. Not a Cafe24 API object (no endpoint returns
 * secrets), so the shape is ours: what the developer centre's settings page holds. */
export const SeedApp = z.strictObject({
  name: z.string().optional(),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  /** Exact URIs, or patterns with `{NAME}` placeholders for one path segment. */
  redirect_uris: z.array(z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')).min(1),
  /** Scopes enabled for the app; an authorize request may ask for any subset. */
  scopes: z.array(ScopeName).min(1),
  /** The version set on the app (Apps > 개발정보 > 버전관리), used when a call sends none. */
  version: ApiVersion.optional(),
});

export const SeedMall = z.strictObject({
  mall_id: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, 'must be a lowercase Cafe24 mall id'),
  /** The operator who consents; Cafe24's main operator id equals the mall id. */
  user_id: z.string().min(1).optional(),
  shop_name: z.string().optional(),
  /** Free-form label for our side (e.g. "PNR001"); not a Cafe24 field. */
  partner_code: z.string().optional(),
  products: z.array(SeedProduct).optional(),
  orders: z.array(SeedOrder).optional(),
  carriers: z.array(SeedCarrier).optional(),
  suppliers: z.array(SeedSupplier).optional(),
  /** From a pasted list response; ignored. */
  links: z.unknown().optional(),
});

function duplicates<T>(values: T[]): Array<{ index: number; value: T }> {
  const seen = new Set<T>();
  const out: Array<{ index: number; value: T }> = [];
  values.forEach((value, index) => {
    if (seen.has(value)) out.push({ index, value });
    seen.add(value);
  });
  return out;
}

export const Cafe24Seed = z
  .strictObject({
    apps: z.array(SeedApp).min(1),
    malls: z.array(SeedMall).min(1),
  })
  .superRefine((seed, ctx) => {
    const dup = (path: PropertyKey[], what: string, value: unknown): void => {
      ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} ${JSON.stringify(value)}` });
    };
    for (const d of duplicates(seed.apps.map((a) => a.client_id))) dup(['apps', d.index, 'client_id'], 'client_id', d.value);
    for (const d of duplicates(seed.malls.map((m) => m.mall_id))) dup(['malls', d.index, 'mall_id'], 'mall_id', d.value);
    seed.malls.forEach((mall, mi) => {
      const products = mall.products ?? [];
      for (const d of duplicates(products.map((p) => p.product_no))) dup(['malls', mi, 'products', d.index, 'product_no'], 'product_no', d.value);
      for (const d of duplicates(products.map((p) => p.product_code).filter((c) => c !== undefined))) {
        ctx.addIssue({ code: 'custom', path: ['malls', mi, 'products'], message: `duplicate product_code ${JSON.stringify(d.value)}` });
      }
      const variantCodes: Array<{ code: string; path: PropertyKey[] }> = [];
      products.forEach((p, pi) =>
        (p.variants ?? []).forEach((v, vi) => variantCodes.push({ code: v.variant_code, path: ['malls', mi, 'products', pi, 'variants', vi, 'variant_code'] })),
      );
      for (const d of duplicates(variantCodes.map((v) => v.code))) dup(variantCodes[d.index]!.path, 'variant_code', d.value);
      const orders = mall.orders ?? [];
      for (const d of duplicates(orders.map((o) => o.order_id))) dup(['malls', mi, 'orders', d.index, 'order_id'], 'order_id', d.value);
      orders.forEach((o, oi) => {
        for (const d of duplicates((o.items ?? []).map((it) => it.order_item_code))) {
          dup(['malls', mi, 'orders', oi, 'items', d.index, 'order_item_code'], 'order_item_code', d.value);
        }
      });
      for (const d of duplicates((mall.carriers ?? []).map((c) => c.carrier_id))) dup(['malls', mi, 'carriers', d.index, 'carrier_id'], 'carrier_id', d.value);
      for (const d of duplicates((mall.suppliers ?? []).map((s) => s.supplier_code))) dup(['malls', mi, 'suppliers', d.index, 'supplier_code'], 'supplier_code', d.value);
    });
  });

export type Cafe24SeedInput = z.input<typeof Cafe24Seed>;
export type Cafe24SeedData = z.output<typeof Cafe24Seed>;
export type SeedMallData = z.output<typeof SeedMall>;
export type SeedProductData = z.output<typeof SeedProduct>;
export type SeedVariantData = z.output<typeof SeedVariant>;
export type SeedOrderData = z.output<typeof SeedOrder>;
export type SeedItemData = z.output<typeof SeedItem>;
