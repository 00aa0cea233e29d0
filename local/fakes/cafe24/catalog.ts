/**
 * Products, variants and stock of one mall: creation, updates, absolute stock sets, and the
 * stock held by orders. Throws ApiError with the status Cafe24 would answer.
 */
import { z } from 'zod';
import { nextProductCode, variantCode } from './codes';
import { ApiError, MSG } from './errors';
import { money } from './money';
import type { Flag, Json, MallState, Product, Variant } from './model';
import { MoneyInput } from './seed-schema';
import { priceExcludingTax, variantFromInput, without } from './seed-load';

const Flag = z.enum(['T', 'F']);

export const InventoryPatch = z.looseObject({
  use_inventory: Flag.optional(),
  important_inventory: z.enum(['A', 'B']).optional(),
  inventory_control_type: z.enum(['A', 'B']).optional(),
  display_soldout: Flag.optional(),
  quantity: z.number().int().optional(),
  safety_inventory: z.number().int().nonnegative().optional(),
  origin_code: z.string().nullable().optional(),
});

export const VariantPatch = InventoryPatch.extend({
  custom_variant_code: z.string().max(40).optional(),
  display: Flag.optional(),
  selling: Flag.optional(),
  display_order: z.number().int().min(1).max(300).optional(),
  additional_amount: MoneyInput.optional(),
});

export const VariantBulkItem = VariantPatch.extend({ variant_code: z.string().min(1) });

const ProductFields = {
  product_name: z.string().min(1).max(250),
  price: MoneyInput,
  supply_price: MoneyInput,
  price_excluding_tax: MoneyInput.optional(),
  retail_price: MoneyInput.optional(),
  custom_product_code: z.string().max(40).optional(),
  display: Flag.optional(),
  selling: Flag.optional(),
  supplier_code: z.string().regex(/^S[A-Z0-9]{7}$/).optional(),
};

/** POST /products. Options (`options: [{name, value: [..]}]`) create one variant per
 * combination, codes 000A, 000B, … in order. */
export const ProductCreate = z.looseObject({
  ...ProductFields,
  options: z
    .array(z.looseObject({ name: z.string().min(1), value: z.array(z.string().min(1)).min(1) }))
    .max(3)
    .optional(),
});

export const ProductUpdate = z.looseObject({
  product_name: ProductFields.product_name.optional(),
  price: MoneyInput.optional(),
  supply_price: MoneyInput.optional(),
  price_excluding_tax: MoneyInput.optional(),
  retail_price: MoneyInput.optional(),
  custom_product_code: ProductFields.custom_product_code,
  display: Flag.optional(),
  selling: Flag.optional(),
  supplier_code: ProductFields.supplier_code,
});

export function getProduct(mall: MallState, productNo: number): Product {
  const p = mall.products.get(productNo);
  if (!p) throw new ApiError(404, MSG.notFound('product', productNo));
  return p;
}

export function getVariant(mall: MallState, productNo: number, code: string): Variant {
  getProduct(mall, productNo);
  const v = mall.variants.get(code);
  if (!v || v.product_no !== productNo) throw new ApiError(404, MSG.notFound('variant', code));
  return v;
}

function combinations(options: Array<{ name: string; value: string[] }>): Array<Array<{ name: string; value: string }>> {
  let out: Array<Array<{ name: string; value: string }>> = [[]];
  for (const o of options) out = out.flatMap((combo) => o.value.map((value) => [...combo, { name: o.name, value }]));
  return out;
}

export function createProduct(mall: MallState, req: z.output<typeof ProductCreate>, now: number, variantStock: 'untracked' | 'tracked' = 'untracked'): Product {
  if (req.supplier_code && !mall.suppliers.some((s) => s.supplier_code === req.supplier_code)) {
    throw new ApiError(422, `[Supplier_code] The supplier does not exist. (parameter.supplier_code)`);
  }
  mall.seq.productNo += 1;
  const code = nextProductCode(mall);
  const price = money(req.price);
  const product: Product = {
    product_no: mall.seq.productNo,
    product_code: code,
    custom_product_code: req.custom_product_code ?? '',
    product_name: req.product_name,
    price,
    price_excluding_tax: req.price_excluding_tax !== undefined ? money(req.price_excluding_tax) : priceExcludingTax(price),
    retail_price: money(req.retail_price ?? 0),
    supply_price: money(req.supply_price),
    display: req.display ?? 'F',
    selling: req.selling ?? 'F',
    supplier_code: req.supplier_code ?? 'S0000000',
    created: now,
    updated: now,
    variantCodes: [],
    extra: without(req, [...Object.keys(ProductFields), 'options', 'shop_no']),
  };
  const combos = req.options && req.options.length > 0 ? combinations(req.options) : [null];
  combos.forEach((combo, i) => {
    const tracked = variantStock === 'tracked' ? { use_inventory: 'T' as const, display_soldout: 'T' as const } : {};
    const v = variantFromInput(product.product_no, { variant_code: variantCode(code, i), options: combo, ...tracked });
    mall.variants.set(v.variant_code, v);
    product.variantCodes.push(v.variant_code);
  });
  if (req.options) product.extra.has_option = 'T';
  mall.products.set(product.product_no, product);
  return product;
}

function sameValues(target: Json, patch: Json): boolean {
  return Object.entries(patch).every(([k, v]) => JSON.stringify(target[k]) === JSON.stringify(v));
}

export function updateProduct(
  mall: MallState,
  productNo: number,
  req: z.output<typeof ProductUpdate>,
  now: number,
  conflictOnIdentical: boolean,
): Product {
  const p = getProduct(mall, productNo);
  const next: Partial<Product> = {};
  if (req.product_name !== undefined) next.product_name = req.product_name;
  if (req.price !== undefined) next.price = money(req.price);
  if (req.supply_price !== undefined) next.supply_price = money(req.supply_price);
  if (req.retail_price !== undefined) next.retail_price = money(req.retail_price);
  if (req.price_excluding_tax !== undefined) next.price_excluding_tax = money(req.price_excluding_tax);
  else if (req.price !== undefined) next.price_excluding_tax = priceExcludingTax(money(req.price));
  if (req.custom_product_code !== undefined) next.custom_product_code = req.custom_product_code;
  if (req.display !== undefined) next.display = req.display;
  if (req.selling !== undefined) next.selling = req.selling;
  if (req.supplier_code !== undefined) next.supplier_code = req.supplier_code;
  const extra = without(req, [...Object.keys(ProductFields), 'shop_no']);
  if (conflictOnIdentical && sameValues(p as unknown as Json, next as Json) && sameValues(p.extra, extra)) {
    throw new ApiError(409, 'There is no change in the content to update.');
  }
  Object.assign(p, next);
  Object.assign(p.extra, extra);
  p.updated = now;
  return p;
}

export function updateVariant(mall: MallState, productNo: number, code: string, req: z.output<typeof VariantPatch>, now: number): Variant {
  const v = getVariant(mall, productNo, code);
  const { additional_amount, display_order, ...rest } = req;
  applyInventory(v, rest);
  if (rest.custom_variant_code !== undefined) v.custom_variant_code = rest.custom_variant_code;
  if (rest.display !== undefined) v.display = rest.display;
  if (rest.selling !== undefined) v.selling = rest.selling;
  if (additional_amount !== undefined) v.additional_amount = money(additional_amount);
  if (display_order !== undefined) v.extra.display_order = display_order;
  getProduct(mall, productNo).updated = now;
  return v;
}

function applyInventory(v: Variant, req: z.output<typeof InventoryPatch>): void {
  if (req.use_inventory !== undefined) v.use_inventory = req.use_inventory;
  if (req.important_inventory !== undefined) v.important_inventory = req.important_inventory;
  if (req.inventory_control_type !== undefined) v.inventory_control_type = req.inventory_control_type;
  if (req.display_soldout !== undefined) v.display_soldout = req.display_soldout;
  // Open question 7: `quantity` is the stock figure itself (absolute set, no delta).
  if (req.quantity !== undefined) v.quantity = req.quantity;
  if (req.safety_inventory !== undefined) v.safety_inventory = req.safety_inventory;
  if (req.origin_code !== undefined) v.origin_code = req.origin_code;
}

export function updateInventory(mall: MallState, productNo: number, code: string, req: z.output<typeof InventoryPatch>): Variant {
  const v = getVariant(mall, productNo, code);
  applyInventory(v, req);
  return v;
}

/** Stock a new order line may take: refuses what `display_soldout=T` would block. */
export function assertOrderable(v: Variant, quantity: number): void {
  if (v.selling === 'F' || v.display === 'F') throw new ApiError(422, `The variant (${v.variant_code}) is not on sale.`);
  if (v.use_inventory === 'T' && v.display_soldout === 'T' && v.quantity < quantity) {
    throw new ApiError(422, `The variant (${v.variant_code}) is sold out (stock ${v.quantity}, ordered ${quantity}).`);
  }
}

/** Takes units out of stock when the variant tracks stock; returns the units held. */
export function holdStock(v: Variant | undefined, quantity: number): number {
  if (!v || v.use_inventory !== 'T') return 0;
  v.quantity -= quantity;
  return quantity;
}

export function releaseStock(v: Variant | undefined, quantity: number): void {
  if (v && quantity > 0) v.quantity += quantity;
}

export function flagOf(value: boolean): Flag {
  return value ? 'T' : 'F';
}
