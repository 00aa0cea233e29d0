/**
 * Generated data for the bench: a catalogue that every demo mall carries, the sheet tabs that
 * go with it, a big orders tab, and orders for the fake. Everything is in the shapes the
 * product and the fake already use (Cafe24 seed objects, the tabs' Korean headers).
 */
import { defaultSeed, type AddOrderInput, type Cafe24SeedInput } from '../fakes/cafe24';
import { ORDERS, PRODUCTS, STOCK_RATIOS } from '../../src/sheet/tabs';
import type { TabSpec } from '../../src/sheet/schema';

type SeedMall = Cafe24SeedInput['malls'][number];
type SeedProduct = NonNullable<SeedMall['products']>[number];

/** The demo's three partners and their malls (the partner rows the demo types in). */
export const PARTNERS = [
  { partnerId: 'PNR001', mallId: 'najalran', ratio: 40 },
  { partnerId: 'PNR002', mallId: 'borasaeg', ratio: 30 },
  { partnerId: 'PNR003', mallId: 'undercoco', ratio: 30 },
] as const;

export const skuOf = (i: number) => `BN-${String(i + 1).padStart(4, '0')}`;

/** Cafe24's 8-character product code, counting in base 36 like the fake does. */
function productCode(mall: number, i: number): string {
  return `P${mall}${(i + 1).toString(36).toUpperCase().padStart(6, '0')}`;
}

/** The variant code of catalogue line `i` in partner `mall`'s shop (one variant per product). */
export const variantOf = (mall: number, i: number) => `${productCode(mall, i)}000A`;

function product(mall: number, i: number, mallStock: number): SeedProduct {
  const code = productCode(mall, i);
  return {
    shop_no: 1,
    product_no: 1000 + i,
    product_code: code,
    custom_product_code: skuOf(i),
    product_name: `벤치 상품 ${i + 1}`,
    price: '19000.00',
    supply_price: '9000.00',
    display: 'T',
    selling: 'T',
    created_date: '2026-09-01T10:00:00+09:00',
    variants: [
      {
        shop_no: 1,
        variant_code: `${code}000A`,
        options: null,
        custom_variant_code: skuOf(i),
        display: 'T',
        selling: 'T',
        additional_amount: '0.00',
        use_inventory: 'T',
        important_inventory: 'A',
        inventory_control_type: 'A',
        display_soldout: 'T',
        quantity: mallStock,
        safety_inventory: 0,
      },
    ],
  };
}

/**
 * The default seed's app and malls (ids, carriers, suppliers), with `skus` generated products
 * in each mall instead of the five demo goods, and no orders.
 */
export function catalogSeed(skus: number, mallStock: number): Cafe24SeedInput {
  return {
    apps: defaultSeed.apps,
    malls: defaultSeed.malls.map((m, mall) => ({
      ...m,
      orders: [],
      products: Array.from({ length: skus }, (_, i) => product(mall, i, mallStock)),
    })),
  };
}

export const headerOf = (tab: TabSpec) => tab.columns.map((c) => c.label.ko);

/** The products tab: `skus` lines on sale, `warehouseStock(i)` in the warehouse, no safety stock. */
export function productsTab(skus: number, warehouseStock: (i: number) => number): { name: string; values: unknown[][] } {
  const rows = Array.from({ length: skus }, (_, i) => [skuOf(i), `벤치 상품 ${i + 1}`, '', '', 9000, 19000, warehouseStock(i), 0, '판매중']);
  return { name: PRODUCTS.title.ko, values: [headerOf(PRODUCTS), ...rows] };
}

/** The stock-ratios tab: every (SKU, partner) pair sellable at the partner's ratio. */
export function ratiosTab(skus: number): { name: string; values: unknown[][] } {
  const rows: unknown[][] = [];
  for (let i = 0; i < skus; i++) for (const p of PARTNERS) rows.push([skuOf(i), p.partnerId, true, p.ratio]);
  return { name: STOCK_RATIOS.title.ko, values: [headerOf(STOCK_RATIOS), ...rows] };
}

/**
 * An orders tab already holding `n` lines, as the add-on writes them (key columns, Dates for
 * times, amounts as numbers), all from before the bench starts and all delivered (so they
 * reserve no stock and no mall lists them as paid today).
 */
export function ordersTab(n: number, skus: number): { name: string; values: unknown[][] } {
  const header = headerOf(ORDERS);
  const col = new Map(ORDERS.columns.map((c, i) => [c.key, i]));
  const base = Date.parse('2026-05-01T10:00:00+09:00');
  const rows: unknown[][] = new Array(n);
  for (let k = 0; k < n; k++) {
    const p = PARTNERS[k % 3]!;
    const at = new Date(base + k * 137_000);
    const day = `2026${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
    const orderId = `${day}-${String(1_000_000 + k).slice(-7)}`;
    const row: unknown[] = new Array(header.length).fill('');
    const put = (key: string, v: unknown) => (row[col.get(key)!] = v);
    put('partnerId', p.partnerId);
    put('orderId', orderId);
    put('itemId', `${orderId}-01`);
    put('orderedAt', at);
    put('paidAt', at);
    put('sku', skuOf(k % skus));
    put('productName', `벤치 상품 ${(k % skus) + 1}`);
    put('quantity', 1);
    put('amount', 19000);
    put('buyerName', '김하늘');
    put('receiverName', '김하늘');
    put('receiverPhone', '010-1234-5678');
    put('receiverAddress', '(06236) 서울특별시 강남구 테헤란로 152 101동 1001호');
    put('message', '문 앞에 놓아주세요');
    put('orderStatus', '배송완료 (N50)');
    put('carrier', 'CJ대한통운');
    put('trackingNo', String(684_512_000_000 + k));
    put('shippedAt', new Date(at.getTime() + 86_400_000));
    rows[k] = row;
  }
  return { name: ORDERS.title.ko, values: [header, ...rows] };
}

/** The `k`-th bench order: one paid (card) item of one unit, partners in turn, SKUs in turn. */
export function benchOrder(k: number, skus: number): { mallId: string; sku: number; order: AddOrderInput } {
  const mall = k % 3;
  const sku = Math.floor(k / 3) % skus;
  return {
    mallId: PARTNERS[mall]!.mallId,
    sku,
    order: {
      buyer: { name: '이서준', cellphone: '010-2345-6789' },
      receiver: { name: '이서준', cellphone: '010-2345-6789', zipcode: '13529', address1: '경기도 성남시 분당구 판교역로 235', address2: '3층' },
      items: [{ variant_code: variantOf(mall, sku), quantity: 1 }],
      payment_method: ['card'],
    },
  };
}
