/** Products, variants and inventories (reference §5, §6). Scope group: product. */
import {
  createProduct,
  getProduct,
  getVariant,
  InventoryPatch,
  ProductCreate,
  ProductUpdate,
  updateInventory,
  updateProduct,
  updateVariant,
  VariantBulkItem,
  VariantPatch,
} from '../catalog';
import { bulk, bulkAnswer, parseWith, runEach, single } from '../envelope';
import { ApiError, paramError } from '../errors';
import { toCents } from '../money';
import type { MallState, Product } from '../model';
import type { ResolvedOptions } from '../options';
import { CAPS, dateParam, embedSet, enumListParam, enumParam, flagParam, intListParam, intParam, listParam, numberParam, paging, pickFields } from '../paging';
import type { QuerySpec } from '../query-spec';
import { renderInventory, renderProduct, renderVariant } from '../render';
import type { Route, RouteContext } from '../router';
import { intPathParam } from '../router';

/** Filters of GET /products and /products/count (reference §5 "List filters"). */
function filterProducts(mall: MallState, q: URLSearchParams): Product[] {
  const productNos = intListParam(q, 'product_no');
  const display = flagParam(q, 'display');
  const selling = flagParam(q, 'selling');
  const name = q.get('product_name')?.toLowerCase();
  const code = q.get('product_code');
  const custom = q.get('custom_product_code');
  const customVariant = q.get('custom_variant_code');
  const suppliers = listParam(q, 'supplier_code');
  const priceMin = numberParam(q, 'price_min');
  const priceMax = numberParam(q, 'price_max');
  const useInventory = flagParam(q, 'use_inventory');
  const stockMin = intParam(q, 'stock_quantity_min');
  const stockMax = intParam(q, 'stock_quantity_max');
  const pair = (a: string, b: string): [number, number] | undefined => {
    const s = dateParam(q, a, 'start');
    const e = dateParam(q, b, 'end');
    if ((s === undefined) !== (e === undefined)) throw paramError(s === undefined ? a : b, `must be used together with ${s === undefined ? b : a}.`);
    return s === undefined || e === undefined ? undefined : [s, e];
  };
  const created = pair('created_start_date', 'created_end_date');
  const updated = pair('updated_start_date', 'updated_end_date');
  const range = (name: string): [number | undefined, number | undefined] => [numberParam(q, `${name}_min`), numberParam(q, `${name}_max`)];
  const inRange = (v: number, [min, max]: [number | undefined, number | undefined]): boolean => (min === undefined || v >= min) && (max === undefined || v <= max);
  const retail = range('retail_price');
  const supply = range('supply_price');
  const safetyMin = intParam(q, 'stock_safety_min');
  const safetyMax = intParam(q, 'stock_safety_max');
  // Codes, bundle and option type are matched against the rendered product, so a filter and the
  // object it answers never disagree.
  const codes = (['brand_code', 'manufacturer_code', 'trend_code', 'classification_code'] as const)
    .map((name) => [name, listParam(q, name)] as const)
    .filter((c): c is readonly [typeof c[0], string[]] => c[1] !== undefined);
  const bundle = flagParam(q, 'product_bundle');
  const optionTypes = enumListParam(q, 'option_type', ['C', 'S', 'E', 'F'] as const);

  return [...mall.products.values()].filter((p) => {
    const variants = p.variantCodes.map((c) => mall.variants.get(c)!).filter(Boolean);
    if (productNos && !productNos.includes(p.product_no)) return false;
    if (display && p.display !== display) return false;
    if (selling && p.selling !== selling) return false;
    if (name && !p.product_name.toLowerCase().includes(name)) return false;
    if (code && !p.product_code.includes(code)) return false;
    if (custom && !p.custom_product_code.includes(custom)) return false;
    if (customVariant && !variants.some((v) => v.custom_variant_code.includes(customVariant))) return false;
    if (suppliers && !suppliers.includes(p.supplier_code)) return false;
    const price = toCents(p.price) / 100;
    if (priceMin !== undefined && price < priceMin) return false;
    if (priceMax !== undefined && price > priceMax) return false;
    if (useInventory && !variants.some((v) => v.use_inventory === useInventory)) return false;
    if (stockMin !== undefined && !variants.some((v) => v.quantity >= stockMin)) return false;
    if (stockMax !== undefined && !variants.some((v) => v.quantity <= stockMax)) return false;
    if (created && (p.created < created[0] || p.created > created[1])) return false;
    if (updated && (p.updated < updated[0] || p.updated > updated[1])) return false;
    if (!inRange(toCents(p.retail_price) / 100, retail) || !inRange(toCents(p.supply_price) / 100, supply)) return false;
    if (safetyMin !== undefined && !variants.some((v) => v.safety_inventory >= safetyMin)) return false;
    if (safetyMax !== undefined && !variants.some((v) => v.safety_inventory <= safetyMax)) return false;
    if (codes.length > 0 || bundle || optionTypes) {
      const r = renderProduct(mall, p, new Set());
      if (codes.some(([name, list]) => !list.includes(String(r[name])))) return false;
      if (bundle && r.product_bundle !== bundle) return false;
      if (optionTypes && !optionTypes.includes(r.option_type as 'C')) return false;
    }
    return true;
  });
}

/**
 * Order of the list. Not documented without `sort`; we use product_no ascending, the order
 * `since_product_no` paging implies. `order` defaults to asc.
 */
function sortProducts(list: Product[], q: URLSearchParams): Product[] {
  const sort = enumParam(q, 'sort', ['created_date', 'updated_date', 'product_name'] as const);
  const dir = enumParam(q, 'order', ['asc', 'desc'] as const) === 'desc' ? -1 : 1;
  const key = (p: Product): number | string =>
    sort === 'created_date' ? p.created : sort === 'updated_date' ? p.updated : sort === 'product_name' ? p.product_name : p.product_no;
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.product_no - b.product_no) * dir;
  });
}

/** The filters of GET /products and /products/count (reference §5 "List filters"). */
const PRODUCT_FILTERS: QuerySpec = {
  read: [
    'product_no', 'display', 'selling', 'product_name', 'product_code', 'custom_product_code', 'custom_variant_code',
    'brand_code', 'manufacturer_code', 'supplier_code', 'trend_code', 'classification_code',
    'price_min', 'price_max', 'retail_price_min', 'retail_price_max', 'supply_price_min', 'supply_price_max',
    'created_start_date', 'created_end_date', 'updated_start_date', 'updated_end_date',
    'stock_quantity_min', 'stock_quantity_max', 'stock_safety_min', 'stock_safety_max', 'use_inventory',
    'product_bundle', 'option_type',
  ],
  // Categories, market sync and approval are not modelled by the fake.
  notEmulated: ['category', 'include_sub_category', 'category_unapplied', 'market_sync', 'approve_status'],
};

/** `embed` of products: variants (with their inventories); the other documented ones are not modelled. */
const PRODUCT_EMBEDS = { read: ['variants', 'inventories'], notEmulated: ['options', 'discountprice', 'decorationimages', 'benefits', 'channeldiscountprices'] };

export const PRODUCT_QUERY = {
  list: {
    read: [...PRODUCT_FILTERS.read, 'since_product_no', 'sort', 'order', 'limit', 'offset', 'embed', 'fields'],
    notEmulated: PRODUCT_FILTERS.notEmulated,
    embeds: PRODUCT_EMBEDS,
  },
  count: PRODUCT_FILTERS,
  one: { read: ['embed', 'fields'], embeds: PRODUCT_EMBEDS },
  variants: { read: ['embed'], embeds: { read: ['inventories'] } },
  none: { read: [] },
} as const satisfies Record<string, QuerySpec>;

function productNoOf(ctx: RouteContext): number {
  const no = intPathParam(ctx.params, 'product_no');
  if (no < 0) throw new ApiError(404, `No product found. (${ctx.params.product_no})`);
  return no;
}

export function productRoutes(opts: ResolvedOptions): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/products',
      scope: 'product',
      query: PRODUCT_QUERY.list,
      handler: (ctx) => {
        const q = ctx.query;
        const since = intParam(q, 'since_product_no');
        if (since !== undefined) {
          for (const bad of ['product_no', 'sort', 'order', 'offset']) {
            if (q.has(bad)) throw paramError('since_product_no', `cannot be used with ${bad}.`);
          }
        }
        const page = paging(q, CAPS.products);
        let list = sortProducts(filterProducts(ctx.mall, q), q);
        if (since !== undefined) list = list.filter((p) => p.product_no > since);
        const embed = embedSet(q);
        const fields = listParam(q, 'fields');
        const products = list
          .slice(page.offset, page.offset + page.limit)
          .map((p) => pickFields(renderProduct(ctx.mall, p, embed), fields));
        return { status: 200, body: { products } };
      },
    },
    {
      method: 'GET',
      pattern: '/products/count',
      scope: 'product',
      query: PRODUCT_QUERY.count,
      handler: (ctx) => ({ status: 200, body: { count: filterProducts(ctx.mall, ctx.query).length } }),
    },
    {
      method: 'POST',
      pattern: '/products',
      scope: 'product',
      handler: (ctx) => {
        const req = single(ctx.body, ProductCreate);
        const p = createProduct(ctx.mall, req, ctx.now, opts.strict.newVariantStock);
        return { status: 201, body: { product: renderProduct(ctx.mall, p, new Set(['variants'])) } };
      },
    },
    {
      method: 'GET',
      pattern: '/products/:product_no',
      scope: 'product',
      query: PRODUCT_QUERY.one,
      handler: (ctx) => {
        const p = getProduct(ctx.mall, productNoOf(ctx));
        const product = pickFields(renderProduct(ctx.mall, p, embedSet(ctx.query)), listParam(ctx.query, 'fields'));
        return { status: 200, body: { product } };
      },
    },
    {
      method: 'PUT',
      pattern: '/products/:product_no',
      scope: 'product',
      handler: (ctx) => {
        const req = single(ctx.body, ProductUpdate);
        const p = updateProduct(ctx.mall, productNoOf(ctx), req, ctx.now, opts.strict.conflictOnIdenticalUpdate);
        return { status: 200, body: { product: renderProduct(ctx.mall, p, new Set()) } };
      },
    },
    {
      method: 'GET',
      pattern: '/products/:product_no/variants',
      scope: 'product',
      query: PRODUCT_QUERY.variants,
      handler: (ctx) => {
        const p = getProduct(ctx.mall, productNoOf(ctx));
        const inv = embedSet(ctx.query).has('inventories');
        const variants = p.variantCodes.map((c) => renderVariant(ctx.mall.variants.get(c)!, inv));
        return { status: 200, body: { variants } };
      },
    },
    {
      method: 'PUT',
      pattern: '/products/:product_no/variants',
      scope: 'product',
      handler: (ctx) => {
        const productNo = productNoOf(ctx);
        getProduct(ctx.mall, productNo);
        const list = bulk(ctx.body, 100, opts.strict.bulkLoneRequest);
        const outcomes = runEach(list, ['variant_code'], (raw) => {
          const req = parseWith(VariantBulkItem, raw, '');
          const { variant_code, ...patch } = req;
          return renderVariant(updateVariant(ctx.mall, productNo, variant_code, patch, ctx.now), true);
        });
        return bulkAnswer('variants', outcomes, 200);
      },
    },
    {
      method: 'GET',
      pattern: '/products/:product_no/variants/:variant_code',
      scope: 'product',
      query: PRODUCT_QUERY.variants,
      handler: (ctx) => {
        const v = getVariant(ctx.mall, productNoOf(ctx), ctx.params.variant_code!);
        return { status: 200, body: { variant: renderVariant(v, embedSet(ctx.query).has('inventories')) } };
      },
    },
    {
      method: 'PUT',
      pattern: '/products/:product_no/variants/:variant_code',
      scope: 'product',
      handler: (ctx) => {
        const req = single(ctx.body, VariantPatch);
        const v = updateVariant(ctx.mall, productNoOf(ctx), ctx.params.variant_code!, req, ctx.now);
        return { status: 200, body: { variant: renderVariant(v, true) } };
      },
    },
    {
      method: 'GET',
      pattern: '/products/:product_no/variants/:variant_code/inventories',
      scope: 'product',
      query: PRODUCT_QUERY.none,
      handler: (ctx) => {
        const v = getVariant(ctx.mall, productNoOf(ctx), ctx.params.variant_code!);
        return { status: 200, body: { inventory: renderInventory(v) } };
      },
    },
    {
      method: 'PUT',
      pattern: '/products/:product_no/variants/:variant_code/inventories',
      scope: 'product',
      handler: (ctx) => {
        const req = single(ctx.body, InventoryPatch);
        const v = updateInventory(ctx.mall, productNoOf(ctx), ctx.params.variant_code!, req);
        return { status: 200, body: { inventory: renderInventory(v) } };
      },
    },
  ];
}
