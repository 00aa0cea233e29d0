/**
 * Cafe24 fake — no silently ignored parameters. Every documented parameter of the list
 * endpoints (reference §5, §7, §9, §10, and `fields`/`embed`/`shop_no` of §1) is either read,
 * with a behaviour spec below that fails if the fake ignores it (the filtered answer must be
 * the unfiltered one narrowed by the spec's rule, and the rule must leave something out), or
 * refused with 422 naming it as documented but not emulated. Parameters Cafe24 does not
 * document are ignored (`unknownQueryParams: 'ignore'`, default) or refused ('reject').
 */
import { adminRoutes } from '../../local/fakes/cafe24/api';
import type { FakeCore } from '../../local/fakes/cafe24/core';
import { defaultSeed } from '../../local/fakes/cafe24/default-seed';
import { resolveOptions } from '../../local/fakes/cafe24/index';
import { NOT_EMULATED } from '../../local/fakes/cafe24/query-spec';
import type { QuerySpec } from '../../local/fakes/cafe24/query-spec';
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';

// ---------------------------------------------------------------- the reference's lists

const ORDER_FILTERS = [
  'start_date', 'end_date', 'date_type', 'order_id', 'order_status', 'payment_status', 'refund_status',
  'member_type', 'member_id', 'member_email', 'group_no', 'buyer_name', 'buyer_email', 'buyer_phone', 'buyer_cellphone',
  'receiver_name', 'receiver_address', 'name_furigana', 'first_order', 'product_no', 'product_code', 'supplier_id',
  'order_place_id', 'market_order_no', 'market_seller_id', 'market_cancel_request', 'inflow_path',
  'payment_method', 'payment_gateway_name', 'discount_method', 'discount_code', 'carrier_id', 'wished_carrier_id',
  'labels', 'subscription', 'multiple_addresses',
];
const PRODUCT_FILTERS = [
  'product_no', 'display', 'selling', 'product_name', 'product_code', 'custom_product_code', 'custom_variant_code',
  'brand_code', 'manufacturer_code', 'supplier_code', 'trend_code', 'classification_code', 'category',
  'include_sub_category', 'category_unapplied', 'price_min', 'price_max', 'retail_price_min', 'retail_price_max',
  'supply_price_min', 'supply_price_max', 'created_start_date', 'created_end_date', 'updated_start_date',
  'updated_end_date', 'stock_quantity_min', 'stock_quantity_max', 'stock_safety_min', 'stock_safety_max',
  'use_inventory', 'product_bundle', 'option_type', 'market_sync', 'approve_status',
];

/** Documented parameters per list endpoint (`shop_no` is everywhere and checked separately). */
const DOCUMENTED: Record<string, string[]> = {
  'GET /orders': [...ORDER_FILTERS, 'limit', 'offset', 'embed', 'fields'],
  'GET /orders/count': ORDER_FILTERS,
  'GET /products': [...PRODUCT_FILTERS, 'since_product_no', 'sort', 'order', 'limit', 'offset', 'embed', 'fields'],
  'GET /products/count': PRODUCT_FILTERS,
  'GET /unpaidorders': ['start_date', 'end_date', 'payment_method', 'settle_type', 'limit', 'offset', 'order'],
  'GET /refunds': ['start_date', 'end_date', 'date_type', 'order_id', 'member_id', 'refund_status', 'limit', 'offset'],
  'GET /orders/:order_id/items': ['supplier_id'],
};

/** Documented `embed` values. */
const DOCUMENTED_EMBEDS: Record<string, string[]> = {
  'GET /orders': ['items', 'receivers', 'buyer', 'return', 'cancellation', 'exchange'],
  'GET /orders/:order_id': ['items', 'receivers', 'buyer', 'benefits', 'coupons', 'return', 'cancellation', 'exchange', 'refunds'],
  'GET /products': ['variants', 'inventories', 'options', 'discountprice', 'decorationimages', 'benefits', 'channeldiscountprices'],
};

const routes = adminRoutes({ opts: resolveOptions({ clock: () => 0, seed: defaultSeed }) } as unknown as FakeCore);
const specOf = (key: string): QuerySpec => {
  const r = routes.find((x) => `${x.method} ${x.pattern}` === key);
  if (!r?.query) throw new Error(`${key}: no query spec`);
  return r.query;
};

describe('every documented parameter is read or refused, none ignored', () => {
  test('every GET route says what it does with its query parameters', () => {
    expect(routes.filter((r) => r.method === 'GET' && !r.query).map((r) => r.pattern)).toEqual([]);
  });

  test.each(Object.keys(DOCUMENTED))('%s', (key) => {
    const spec = specOf(key);
    const handled = [...spec.read, ...(spec.notEmulated ?? [])];
    expect(DOCUMENTED[key]!.filter((p) => !handled.includes(p))).toEqual([]);
    expect(spec.read.filter((p) => spec.notEmulated?.includes(p))).toEqual([]);
  });

  test.each(Object.keys(DOCUMENTED_EMBEDS))('%s embed values', (key) => {
    const embeds = specOf(key).embeds!;
    const handled = [...embeds.read, ...(embeds.notEmulated ?? [])];
    expect(DOCUMENTED_EMBEDS[key]!.filter((p) => !handled.includes(p))).toEqual([]);
  });
});

// ---------------------------------------------------------------- a mall to filter

const MALL = 'filtermall';
const item = (order: string, n: number, more: Record<string, unknown>) => ({
  order_item_code: `${order}-0${n}`, item_no: n, quantity: 1, product_price: '10000.00', option_price: '0.00', ...more,
});
const ORDERS = [
  {
    order_id: '20261101-0000001', order_date: '2026-11-01T10:00:00+09:00', payment_date: '2026-11-01T10:00:00+09:00', paid: 'T',
    payment_method: ['card'], payment_amount: '10000.00', member_id: 'kim', first_order: 'T', market_order_no: 'M-1',
    market_seller_id: 'seller1', wished_carrier_id: 1, subscription: 'T', multiple_addresses: 'F', order_place_id: 'cafe24',
    buyer: { member_id: 'kim', name: '김하늘', email: 'kim@example.com', phone: '02-111-1111', cellphone: '010-1111-1111' },
    receivers: [{ name: '김하늘', address1: '서울특별시 강남구 테헤란로 1', address2: '101호' }],
    items: [item('20261101-0000001', 1, {
      product_no: 1, product_code: 'P0000001', variant_code: 'P0000001000A', supplier_id: 'S0000000', order_status: 'N30',
      shipping_code: 'D-20261101-0000001-00', tracking_no: '600000000001', shipping_company_code: '0006', shipped_date: '2026-11-02 09:00:00',
    })],
  },
  {
    order_id: '20261102-0000001', order_date: '2026-11-02T10:00:00+09:00', paid: 'F', payment_method: ['cash'], payment_amount: '10000.00',
    member_id: null, first_order: 'F', multiple_addresses: 'T', order_place_id: 'mobile',
    buyer: { member_id: null, name: '박지민', email: 'park@example.com', phone: '02-222-2222', cellphone: '010-2222-2222' },
    receivers: [{ name: '박지민', address1: '부산광역시 해운대구 센텀로 2', address2: '' }],
    items: [item('20261102-0000001', 1, { product_no: 2, product_code: 'P0000002', variant_code: 'P0000002000A', supplier_id: 'S000000A', order_status: 'N00' })],
  },
  {
    order_id: '20261103-0000001', order_date: '2026-11-03T10:00:00+09:00', payment_date: '2026-11-03T11:00:00+09:00', paid: 'T',
    payment_method: ['icash'], payment_amount: '10000.00', member_id: 'lee', market_order_no: 'M-3',
    buyer: { member_id: 'lee', name: '이서준', email: 'lee@example.com', phone: '02-333-3333', cellphone: '010-3333-3333' },
    receivers: [{ name: '이서준', address1: '서울특별시 마포구 월드컵로 3', address2: '3층' }],
    items: [item('20261103-0000001', 1, { product_no: 1, product_code: 'P0000001', variant_code: 'P0000001000B', supplier_id: 'S0000000', order_status: 'N10', market_cancel_request: 'T' })],
  },
  {
    order_id: '20261104-0000001', order_date: '2026-11-04T10:00:00+09:00', payment_date: '2026-11-04T10:00:00+09:00', paid: 'T',
    payment_method: ['card'], payment_amount: '10000.00', member_id: 'kim',
    buyer: { member_id: 'kim', name: '김하늘', email: 'kim@example.com', phone: '02-111-1111', cellphone: '010-1111-1111' },
    receivers: [{ name: '김하늘', address1: '서울특별시 강남구 테헤란로 1', address2: '101호' }],
    items: [item('20261104-0000001', 1, { product_no: 3, product_code: 'P0000003', variant_code: 'P0000003000A', supplier_id: 'S0000000', order_status: 'N10' })],
  },
  {
    order_id: '20261105-0000001', order_date: '2026-11-05T10:00:00+09:00', paid: 'F', payment_method: ['icash'], payment_amount: '10000.00',
    member_id: null, buyer: { member_id: null, name: '최유나', email: '', phone: '', cellphone: '010-5555-5555' },
    receivers: [{ name: '최유나', address1: '대전광역시 유성구 4', address2: '' }],
    items: [item('20261105-0000001', 1, { product_no: 2, product_code: 'P0000002', variant_code: 'P0000002000A', supplier_id: 'S000000A', order_status: 'N00' })],
  },
];
const variant = (code: string, more: Record<string, unknown>) => ({ variant_code: code, display: 'T', selling: 'T', ...more });
const PRODUCTS = [
  {
    product_no: 1, product_code: 'P0000001', custom_product_code: 'NJ-APRON', product_name: '린넨 앞치마', price: '29000.00', retail_price: '35000.00',
    supply_price: '12000.00', display: 'T', selling: 'T', supplier_code: 'S0000000', brand_code: 'B000000A',
    created_date: '2026-10-01T09:00:00+09:00', updated_date: '2026-10-05T09:00:00+09:00',
    variants: [
      variant('P0000001000A', { options: [{ name: '색상', value: '베이지' }], custom_variant_code: 'NJ-APRON-1', use_inventory: 'T', quantity: 5, safety_inventory: 1 }),
      variant('P0000001000B', { options: [{ name: '색상', value: '네이비' }], custom_variant_code: 'NJ-APRON-2', use_inventory: 'T', quantity: 0, safety_inventory: 3 }),
    ],
  },
  {
    product_no: 2, product_code: 'P0000002', custom_product_code: 'NJ-MUG', product_name: '도자기 머그컵', price: '18000.00', retail_price: '0.00',
    supply_price: '8000.00', display: 'T', selling: 'F', supplier_code: 'S000000A', manufacturer_code: 'M000000A', trend_code: 'T000000A',
    classification_code: 'C000000B', product_bundle: 'T', created_date: '2026-11-10T09:00:00+09:00', updated_date: '2026-11-12T09:00:00+09:00',
    variants: [variant('P0000002000A', { custom_variant_code: 'NJ-MUG', use_inventory: 'F', quantity: 20, safety_inventory: 0 })],
  },
  {
    product_no: 3, product_code: 'P0000003', custom_product_code: 'NJ-BLANKET', product_name: '니트 담요', price: '49000.00', retail_price: '59000.00',
    supply_price: '21000.00', display: 'F', selling: 'F', supplier_code: 'S0000000',
    created_date: '2026-11-15T09:00:00+09:00', updated_date: '2026-11-20T09:00:00+09:00',
    variants: [variant('P0000003000A', { custom_variant_code: 'NJ-BLANKET', use_inventory: 'T', quantity: 2, safety_inventory: 5 })],
  },
];

let h: Harness;
let token: string;
beforeAll(async () => {
  const app = defaultSeed.apps[0]!;
  const carriers = defaultSeed.malls[0]!.carriers;
  const suppliers = [
    { supplier_code: 'S000000A', supplier_name: '나잘란 제조', status: 'A', trading_type: 'C' },
    { supplier_code: 'S000000B', supplier_name: '바른 공방', status: 'P', trading_type: 'D' },
  ];
  h = await startFake({
    seed: { apps: [app], malls: [{ mall_id: MALL, products: PRODUCTS, orders: ORDERS, carriers, suppliers }] } as never,
    // Hundreds of calls at one simulated instant: the bucket is not what this spec is about.
    limits: { bucketCapacity: 100_000, usageLimit: false },
  });
  token = h.token(MALL);
  // Two refunds: one waiting (F, no refund date), one done (T).
  const cancel = async (order: string, pg: 'T' | 'F') =>
    expect((await h.api(MALL, 'POST', `/orders/${order}/cancellation`, {
      token,
      body: { request: { status: 'canceled', payment_gateway_cancel: pg, items: [{ order_item_code: `${order}-01`, quantity: 1 }] } },
    })).status).toBe(201);
  await cancel('20261103-0000001', 'F');
  h.clock.advance(86_400_000);
  token = h.token(MALL);
  await cancel('20261104-0000001', 'T');
});
afterAll(async () => {
  await h.close();
});

async function get(path: string): Promise<any> {
  const r = await h.api(MALL, 'GET', path, { token });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  return r.json;
}

// ---------------------------------------------------------------- behaviour of each read parameter

type Obj = Record<string, any>;
/** A filter: the answer is the base answer narrowed by `keep`, and `keep` leaves something out. */
interface FilterCase {
  query: string;
  keep: (o: Obj) => boolean;
}
/** Anything else (paging, sorting, shaping): a check of the answer against the base answer. */
interface CheckCase {
  query: string;
  check: (answer: Obj[], base: Obj[]) => void;
}
type Case = FilterCase | CheckCase;

const ids = (list: Obj[], key: string): unknown[] => list.map((o) => o[key]);
const day = (o: Obj, field: string, d: string): boolean => typeof o[field] === 'string' && o[field].startsWith(d);
const itemsOf = (o: Obj): Obj[] => o.items ?? [];

const ORDER_BASE = 'start_date=2026-11-01&end_date=2026-11-30&embed=items,receivers,buyer&limit=100';
const ORDER_CASES: Record<string, Case> = {
  start_date: { query: 'start_date=2026-11-02&end_date=2026-11-03', keep: (o) => day(o, 'order_date', '2026-11-02') || day(o, 'order_date', '2026-11-03') },
  end_date: { query: 'start_date=2026-11-01&end_date=2026-11-01', keep: (o) => day(o, 'order_date', '2026-11-01') },
  date_type: { query: 'date_type=pay_date&start_date=2026-11-03&end_date=2026-11-04', keep: (o) => day(o, 'payment_date', '2026-11-03') || day(o, 'payment_date', '2026-11-04') },
  order_id: { query: 'order_id=20261101-0000001,20261105-0000001', keep: (o) => ['20261101-0000001', '20261105-0000001'].includes(o.order_id) },
  order_status: { query: 'order_status=N00,N30', keep: (o) => itemsOf(o).some((i) => ['N00', 'N30'].includes(i.order_status)) },
  payment_status: { query: 'payment_status=F', keep: (o) => o.paid === 'F' },
  refund_status: { query: 'refund_status=T', keep: (o) => o.order_id === '20261104-0000001' },
  member_type: { query: 'member_type=3', keep: (o) => o.member_id === null },
  member_id: { query: 'member_id=kim', keep: (o) => o.member_id === 'kim' },
  member_email: { query: 'member_email=lee@example.com', keep: (o) => o.member_email === 'lee@example.com' },
  buyer_name: { query: 'buyer_name=김하늘', keep: (o) => o.buyer?.name === '김하늘' },
  buyer_email: { query: 'buyer_email=park@', keep: (o) => String(o.buyer?.email).includes('park@') },
  buyer_phone: { query: 'buyer_phone=02-333', keep: (o) => String(o.buyer?.phone).includes('02-333') },
  buyer_cellphone: { query: 'buyer_cellphone=010-5555', keep: (o) => String(o.buyer?.cellphone).includes('010-5555') },
  receiver_name: { query: 'receiver_name=이서준', keep: (o) => o.receivers.some((r: Obj) => r.name === '이서준') },
  receiver_address: { query: 'receiver_address=강남구', keep: (o) => o.receivers.some((r: Obj) => String(r.address1).includes('강남구')) },
  first_order: { query: 'first_order=T', keep: (o) => o.first_order === 'T' },
  product_no: { query: 'product_no=2,3', keep: (o) => itemsOf(o).some((i) => [2, 3].includes(i.product_no)) },
  product_code: { query: 'product_code=P0000001', keep: (o) => itemsOf(o).some((i) => i.product_code === 'P0000001') },
  supplier_id: { query: 'supplier_id=S000000A', keep: (o) => itemsOf(o).some((i) => i.supplier_id === 'S000000A') },
  order_place_id: { query: 'order_place_id=mobile', keep: (o) => o.order_place_id === 'mobile' },
  market_order_no: { query: 'market_order_no=M-1,M-3', keep: (o) => ['M-1', 'M-3'].includes(o.market_order_no) },
  market_seller_id: { query: 'market_seller_id=seller1', keep: (o) => o.market_seller_id === 'seller1' },
  market_cancel_request: { query: 'market_cancel_request=T', keep: (o) => itemsOf(o).some((i) => i.market_cancel_request === 'T') },
  payment_method: { query: 'payment_method=icash,cash', keep: (o) => o.payment_method.some((m: string) => ['icash', 'cash'].includes(m)) },
  carrier_id: { query: 'carrier_id=1', keep: (o) => o.order_id === '20261101-0000001' },
  wished_carrier_id: { query: 'wished_carrier_id=1', keep: (o) => o.wished_carrier_id === 1 },
  subscription: { query: 'subscription=T', keep: (o) => o.subscription === 'T' },
  multiple_addresses: { query: 'multiple_addresses=T', keep: (o) => o.multiple_addresses === 'T' },
  limit: { query: 'limit=2', check: (a, base) => expect(ids(a, 'order_id')).toEqual(ids(base, 'order_id').slice(0, 2)) },
  offset: { query: 'limit=2&offset=2', check: (a, base) => expect(ids(a, 'order_id')).toEqual(ids(base, 'order_id').slice(2, 4)) },
  embed: { query: 'embed=items', check: (a) => expect(a.every((o) => Array.isArray(o.items) && o.receivers === undefined)).toBe(true) },
  fields: { query: 'fields=order_id,paid', check: (a, base) => expect(a).toEqual(base.map((o) => ({ order_id: o.order_id, paid: o.paid }))) },
};

const PRODUCT_BASE = 'embed=variants&limit=100';
const variantsOf = (p: Obj): Obj[] => p.variants ?? [];
const PRODUCT_CASES: Record<string, Case> = {
  product_no: { query: 'product_no=1,3', keep: (p) => [1, 3].includes(p.product_no) },
  display: { query: 'display=F', keep: (p) => p.display === 'F' },
  selling: { query: 'selling=T', keep: (p) => p.selling === 'T' },
  product_name: { query: 'product_name=머그', keep: (p) => p.product_name.includes('머그') },
  product_code: { query: 'product_code=P0000002', keep: (p) => p.product_code.includes('P0000002') },
  custom_product_code: { query: 'custom_product_code=APRON', keep: (p) => p.custom_product_code.includes('APRON') },
  custom_variant_code: { query: 'custom_variant_code=NJ-APRON-2', keep: (p) => variantsOf(p).some((v) => v.custom_variant_code.includes('NJ-APRON-2')) },
  brand_code: { query: 'brand_code=B000000A', keep: (p) => p.brand_code === 'B000000A' },
  manufacturer_code: { query: 'manufacturer_code=M000000A', keep: (p) => p.manufacturer_code === 'M000000A' },
  supplier_code: { query: 'supplier_code=S000000A', keep: (p) => p.supplier_code === 'S000000A' },
  trend_code: { query: 'trend_code=T0000000', keep: (p) => p.trend_code === 'T0000000' },
  classification_code: { query: 'classification_code=C000000B', keep: (p) => p.classification_code === 'C000000B' },
  price_min: { query: 'price_min=20000', keep: (p) => Number(p.price) >= 20000 },
  price_max: { query: 'price_max=30000', keep: (p) => Number(p.price) <= 30000 },
  retail_price_min: { query: 'retail_price_min=1', keep: (p) => Number(p.retail_price) >= 1 },
  retail_price_max: { query: 'retail_price_max=40000', keep: (p) => Number(p.retail_price) <= 40000 },
  supply_price_min: { query: 'supply_price_min=10000', keep: (p) => Number(p.supply_price) >= 10000 },
  supply_price_max: { query: 'supply_price_max=12000', keep: (p) => Number(p.supply_price) <= 12000 },
  created_start_date: { query: 'created_start_date=2026-11-01&created_end_date=2026-11-30', keep: (p) => day(p, 'created_date', '2026-11') },
  created_end_date: { query: 'created_start_date=2026-10-01&created_end_date=2026-11-10', keep: (p) => p.created_date < '2026-11-11' },
  updated_start_date: { query: 'updated_start_date=2026-11-15&updated_end_date=2026-11-30', keep: (p) => p.updated_date >= '2026-11-15' },
  updated_end_date: { query: 'updated_start_date=2026-10-01&updated_end_date=2026-10-31', keep: (p) => day(p, 'updated_date', '2026-10') },
  stock_quantity_min: { query: 'stock_quantity_min=10', keep: (p) => variantsOf(p).some((v) => v.quantity >= 10) },
  stock_quantity_max: { query: 'stock_quantity_max=0', keep: (p) => variantsOf(p).some((v) => v.quantity <= 0) },
  stock_safety_min: { query: 'stock_safety_min=4', keep: (p) => variantsOf(p).some((v) => v.safety_inventory >= 4) },
  stock_safety_max: { query: 'stock_safety_max=0', keep: (p) => variantsOf(p).some((v) => v.safety_inventory <= 0) },
  use_inventory: { query: 'use_inventory=F', keep: (p) => variantsOf(p).some((v) => v.use_inventory === 'F') },
  product_bundle: { query: 'product_bundle=T', keep: (p) => p.product_bundle === 'T' },
  option_type: { query: 'option_type=C', keep: (p) => p.option_type === 'C' },
  since_product_no: { query: 'since_product_no=1', keep: (p) => p.product_no > 1 },
  sort: { query: 'sort=created_date', check: (a) => expect(ids(a, 'product_no')).toEqual([1, 2, 3]) },
  order: { query: 'sort=product_name&order=desc', check: (a) => expect(ids(a, 'product_name')).toEqual(['린넨 앞치마', '도자기 머그컵', '니트 담요']) },
  limit: { query: 'limit=1', check: (a, base) => expect(ids(a, 'product_no')).toEqual(ids(base, 'product_no').slice(0, 1)) },
  offset: { query: 'offset=1', check: (a, base) => expect(ids(a, 'product_no')).toEqual(ids(base, 'product_no').slice(1)) },
  embed: { query: 'embed=variants,inventories', check: (a) => expect(a.every((p) => p.variants.every((v: Obj) => v.inventories.variant_code === v.variant_code))).toBe(true) },
  fields: { query: 'fields=product_no,price', check: (a, base) => expect(a).toEqual(base.map((p) => ({ product_no: p.product_no, price: p.price }))) },
};

const UNPAID_BASE = 'start_date=2026-11-01&end_date=2026-11-30';
const UNPAID_CASES: Record<string, Case> = {
  start_date: { query: 'start_date=2026-11-05&end_date=2026-11-30', keep: (u) => day(u, 'order_date', '2026-11-05') },
  end_date: { query: 'start_date=2026-11-01&end_date=2026-11-02', keep: (u) => day(u, 'order_date', '2026-11-02') },
  payment_method: { query: 'payment_method=icash', keep: (u) => u.payment_method === 'icash' },
  settle_type: { query: 'settle_type=E', keep: (u) => u.settle_type === 'E' },
  order: { query: 'order=asc', check: (a, base) => expect(ids(a, 'order_id')).toEqual([...ids(base, 'order_id')].reverse()) },
  limit: { query: 'limit=1', check: (a, base) => expect(ids(a, 'order_id')).toEqual(ids(base, 'order_id').slice(0, 1)) },
  offset: { query: 'offset=1', check: (a, base) => expect(ids(a, 'order_id')).toEqual(ids(base, 'order_id').slice(1)) },
};

const REFUND_BASE = 'start_date=2026-11-01&end_date=2026-11-30';
const REFUND_CASES: Record<string, Case> = {
  start_date: { query: 'start_date=2026-11-24&end_date=2026-11-30', keep: (r) => r.accepted_refund_date >= '2026-11-24' },
  end_date: { query: 'start_date=2026-11-01&end_date=2026-11-23', keep: (r) => r.accepted_refund_date < '2026-11-24' },
  date_type: { query: 'date_type=refund_date', keep: (r) => r.refund_date !== null },
  order_id: { query: 'order_id=20261103-0000001', keep: (r) => r.order_id === '20261103-0000001' },
  member_id: { query: 'member_id=kim', keep: (r) => r.order_id === '20261104-0000001' },
  refund_status: { query: 'refund_status=F', keep: (r) => r.refund_status === 'F' },
  limit: { query: 'limit=1', check: (a, base) => expect(ids(a, 'refund_code')).toEqual(ids(base, 'refund_code').slice(0, 1)) },
  offset: { query: 'offset=1', check: (a, base) => expect(ids(a, 'refund_code')).toEqual(ids(base, 'refund_code').slice(1)) },
};

const SUPPLIER_CASES: Record<string, Case> = {
  supplier_code: { query: 'supplier_code=S000000A,S000000B', keep: (s) => s.supplier_code !== 'S0000000' },
  supplier_name: { query: 'supplier_name=공방', keep: (s) => s.supplier_name.includes('공방') },
  limit: { query: 'limit=1', check: (a, base) => expect(ids(a, 'supplier_code')).toEqual(ids(base, 'supplier_code').slice(0, 1)) },
  offset: { query: 'offset=1', check: (a, base) => expect(ids(a, 'supplier_code')).toEqual(ids(base, 'supplier_code').slice(1)) },
};

/** Merges two query strings, the second one's values winning. */
function merged(base: string, extra: string): string {
  const q = new URLSearchParams(base);
  for (const [k, v] of new URLSearchParams(extra)) q.set(k, v);
  return q.toString();
}

const ENDPOINTS: Array<{ key: string; path: string; list: string; base: string; cases: Record<string, Case> }> = [
  { key: 'GET /orders', path: '/orders', list: 'orders', base: ORDER_BASE, cases: ORDER_CASES },
  { key: 'GET /products', path: '/products', list: 'products', base: PRODUCT_BASE, cases: PRODUCT_CASES },
  { key: 'GET /unpaidorders', path: '/unpaidorders', list: 'unpaidorders', base: UNPAID_BASE, cases: UNPAID_CASES },
  { key: 'GET /refunds', path: '/refunds', list: 'refunds', base: REFUND_BASE, cases: REFUND_CASES },
  { key: 'GET /suppliers', path: '/suppliers', list: 'suppliers', base: '', cases: SUPPLIER_CASES },
];

describe.each(ENDPOINTS)('$key: each parameter it reads does what the reference says', ({ key, path, list, base, cases }) => {
  test('every parameter read has a case below', () => {
    expect(specOf(key).read.filter((p) => !(p in cases))).toEqual([]);
  });

  test.each(Object.entries(cases))('%s', async (_name, c) => {
    const all: Obj[] = (await get(`${path}?${base}`))[list];
    const answer: Obj[] = (await get(`${path}?${merged(base, c.query)}`))[list];
    if ('keep' in c) {
      const expected = all.filter(c.keep);
      // The rule must leave something out, or ignoring the parameter would pass.
      expect(expected.length).toBeLessThan(all.length);
      expect(answer).toEqual(expected);
    } else {
      c.check(answer, all);
    }
  });
});

describe('the counts take the same filters as their lists', () => {
  test.each(Object.entries(ORDER_CASES).filter(([, c]) => 'keep' in c))('orders/count %s', async (_n, c) => {
    const listed = (await get(`/orders?${merged(ORDER_BASE, c.query)}`)).orders.length;
    const q = new URLSearchParams(merged(ORDER_BASE, c.query));
    for (const k of ['embed', 'limit']) q.delete(k);
    expect((await get(`/orders/count?${q.toString()}`)).count).toBe(listed);
  });

  test.each(Object.entries(PRODUCT_CASES).filter(([n, c]) => 'keep' in c && n !== 'since_product_no'))('products/count %s', async (_n, c) => {
    const listed = (await get(`/products?${merged(PRODUCT_BASE, c.query)}`)).products.length;
    expect((await get(`/products/count?${c.query}`)).count).toBe(listed);
  });

  test('since_product_no is a paging parameter of the list only', () => {
    expect(specOf('GET /products/count').read).not.toContain('since_product_no');
  });
});

describe('the other GET endpoints', () => {
  test("an order's items by supplier_id", async () => {
    const all = (await get('/orders/20261102-0000001/items')).items;
    expect(all).toHaveLength(1);
    expect((await get('/orders/20261102-0000001/items?supplier_id=S0000000')).items).toEqual([]);
    expect((await get('/orders/20261102-0000001/items?supplier_id=S000000A')).items).toEqual(all);
  });

  test('one order and one product: embed and fields', async () => {
    const o = (await get('/orders/20261101-0000001?embed=buyer&fields=order_id,buyer')).order;
    expect(o).toEqual({ order_id: '20261101-0000001', buyer: expect.objectContaining({ name: '김하늘' }) });
    const p = (await get('/products/1?embed=variants&fields=product_no,variants')).product;
    expect(Object.keys(p)).toEqual(['product_no', 'variants']);
    const v = (await get('/products/1/variants?embed=inventories')).variants;
    expect(v[0].inventories.quantity).toBe(5);
    expect((await get('/products/1/variants')).variants[0].inventories).toBeUndefined();
  });

  test('shop_no: 1 is the only shop; another is refused', async () => {
    expect((await get('/orders?shop_no=1&order_id=20261101-0000001')).orders).toHaveLength(1);
    const r = await h.api(MALL, 'GET', '/products?shop_no=2', { token });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toBe('[Shop_no] The shop does not exist. (parameter.shop_no)');
  });
});

// ---------------------------------------------------------------- refused and unknown

const REFUSED: Array<[string, string]> = [];
for (const r of routes) {
  if (r.method !== 'GET' || !r.query) continue;
  const path = r.pattern.replace(':order_id', '20261101-0000001').replace(':product_no', '1');
  for (const p of r.query.notEmulated ?? []) REFUSED.push([`${path}?${p}=x`, p]);
  for (const e of r.query.embeds?.notEmulated ?? []) REFUSED.push([`${path}?embed=${e}`, 'embed']);
}

describe('documented but not emulated: refused, naming the parameter', () => {
  test('there are such parameters, and none of them is read as well', () => {
    expect(REFUSED.length).toBeGreaterThan(10);
  });

  test.each(REFUSED)('%s', async (url, name) => {
    const r = await h.api(MALL, 'GET', url, { token });
    expect(r.status).toBe(422);
    const label = name.charAt(0).toUpperCase() + name.slice(1);
    expect(r.json.error.message).toContain(`[${label}]`);
    expect(r.json.error.message).toContain(NOT_EMULATED);
    expect(r.json.error.message).toContain(`(parameter.${name})`);
  });
});

describe('parameters Cafe24 does not document', () => {
  test("ignored by default (unknownQueryParams 'ignore')", async () => {
    const fake = await startFake({ strict: { unknownQueryParams: 'ignore' } });
    try {
      const t = fake.token('najalran');
      const plain = await fake.api('najalran', 'GET', '/orders?start_date=2026-11-01&end_date=2026-11-30&embed=items', { token: t });
      // `refunds` is an embed of one order only (reference §7): not honoured on the list either.
      const odd = await fake.api('najalran', 'GET', '/orders?start_date=2026-11-01&end_date=2026-11-30&order_stauts=N40&embed=items,item,refunds', { token: t });
      expect(odd.status).toBe(200);
      expect(odd.json).toEqual(plain.json);
    } finally {
      await fake.close();
    }
  });

  test("refused naming it with unknownQueryParams 'reject'", async () => {
    const fake = await startFake({ strict: { unknownQueryParams: 'reject' } });
    try {
      const t = fake.token('najalran');
      const r = await fake.api('najalran', 'GET', '/orders?start_date=2026-11-01&end_date=2026-11-30&order_stauts=N40', { token: t });
      expect(r.status).toBe(422);
      expect(r.json.error.message).toBe('[Order_stauts] is not a parameter of this API. (parameter.order_stauts)');
      const e = await fake.api('najalran', 'GET', '/orders?embed=item', { token: t });
      expect(e.json.error.message).toBe('[Embed] has an invalid value (item). (parameter.embed)');
    } finally {
      await fake.close();
    }
  });
});
