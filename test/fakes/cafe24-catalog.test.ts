/**
 * Cafe24 fake — seeds and the catalogue (reference §5, §6, §11): documented sample bodies load
 * as seed unchanged, a bad seed names the JSON path, products page and filter, variants and
 * inventories update with the single and bulk envelopes and their caps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCafe24Fake } from '../../local/fakes/cafe24/index';
import { defaultSeed } from '../../local/fakes/cafe24/default-seed';
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake, T0 } from '../../local/fakes/cafe24/testing';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'cafe24', name), 'utf8')) as Record<string, unknown>;
const APP = defaultSeed.apps[0]!;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('seed', () => {
  test("documented response bodies spread into a mall load unchanged and are answered back", async () => {
    const products = fixture('reference-products-list.json');
    const orders = fixture('reference-orders-list.json');
    const carriers = fixture('doc-carriers-list.json');
    h = await startFake({ seed: { apps: [APP], malls: [{ mall_id: 'yourmall', ...products, ...orders, ...carriers }] } });
    const token = h.token('yourmall');

    const p = await h.api('yourmall', 'GET', '/products/24', { token });
    expect(p.json.product).toMatchObject((products.products as object[])[0]!);

    const o = await h.api('yourmall', 'GET', '/orders/20170710-0000013?embed=items,receivers', { token });
    const sample = (orders.orders as Array<Record<string, any>>)[0]!;
    expect(o.json.order).toMatchObject({ ...sample, items: [expect.objectContaining(sample.items[0])] });

    const c = await h.api('yourmall', 'GET', '/carriers', { token });
    expect(c.json).toEqual(carriers);
  });

  test('a full order object from the Admin API documentation loads unchanged', async () => {
    const doc = fixture('doc-orders-list-first.json');
    h = await startFake({ seed: { apps: [APP], malls: [{ mall_id: 'yourmall', ...doc }] } });
    const r = await h.api('yourmall', 'GET', '/orders/20170710-0000013', { token: h.token('yourmall') });
    expect(r.json.order).toEqual((doc.orders as object[])[0]);
  });

  test('a bad seed is refused with the JSON path of each problem', () => {
    const bad = {
      apps: [APP],
      malls: [{ mall_id: 'm1', products: [{ product_no: 1, product_name: '머그', price: 'free' }], orders: [{ order_id: '2026-1', order_date: 'x' }] }],
    };
    expect(() => createCafe24Fake({ clock: () => T0, seed: bad })).toThrow(/\$\.malls\[0\]\.products\[0\]\.price/);
    expect(() => createCafe24Fake({ clock: () => T0, seed: bad })).toThrow(/\$\.malls\[0\]\.orders\[0\]\.order_id/);
    expect(() => createCafe24Fake({ clock: () => T0, seed: { apps: [APP], malls: [{ mall_id: 'm1', product: [] }] } })).toThrow(/\$\.malls\[0\]/);
  });

  test('duplicate identifiers are refused', () => {
    const seed = { apps: [APP], malls: [{ mall_id: 'm1', products: [{ product_no: 1, product_name: 'a' }, { product_no: 1, product_name: 'b' }] }] };
    expect(() => createCafe24Fake({ clock: () => T0, seed })).toThrow(/\$\.malls\[0\]\.products\[1\]\.product_no: duplicate product_no 1/);
  });
});

describe('products', () => {
  let token: string;
  beforeEach(async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ product_no: i + 1, product_name: `상품 ${i + 1}`, price: '1000.00', supply_price: '500.00' }));
    h = await startFake({ seed: { apps: [APP], malls: [{ mall_id: 'bigmall', products: many }, ...defaultSeed.malls] } });
    token = h.token('bigmall');
  });

  test('paging: limit 1..100, offset up to 5000; several pages cover the catalogue', async () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 100) {
      const r = await h.api('bigmall', 'GET', `/products?limit=100&offset=${offset}`, { token });
      seen.push(...r.json.products.map((p: { product_no: number }) => p.product_no));
      if (r.json.products.length < 100) break;
    }
    expect(seen).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    const big = await h.api('bigmall', 'GET', '/products?limit=101', { token });
    expect(big.status).toBe(422);
    expect(big.json.error.message).toBe('[Limit] should be between 1 and 100. (parameter.limit)');
    expect((await h.api('bigmall', 'GET', '/products?offset=5001', { token })).status).toBe(422);
  });

  test('since_product_no pages by product number and cannot be combined with offset', async () => {
    const r = await h.api('bigmall', 'GET', '/products?since_product_no=120&limit=5', { token });
    expect(r.json.products.map((p: { product_no: number }) => p.product_no)).toEqual([121, 122, 123, 124, 125]);
    expect((await h.api('bigmall', 'GET', '/products?since_product_no=120&offset=10', { token })).status).toBe(422);
  });

  test('count and filters (product_name contains, custom_product_code, comma lists)', async () => {
    const t = h.token('najalran');
    expect((await h.api('najalran', 'GET', '/products/count', { token: t })).json).toEqual({ count: 5 });
    const byName = await h.api('najalran', 'GET', `/products?product_name=${encodeURIComponent('앞치마')}`, { token: t });
    expect(byName.json.products.map((p: { product_no: number }) => p.product_no)).toEqual([11]);
    const bySku = await h.api('najalran', 'GET', '/products/count?custom_product_code=NJ-B', { token: t });
    expect(bySku.json.count).toBe(2);
    const byNo = await h.api('najalran', 'GET', '/products?product_no=12,14&fields=product_no,price', { token: t });
    expect(byNo.json.products).toEqual([
      { product_no: 12, price: '15000.00' },
      { product_no: 14, price: '32000.00' },
    ]);
  });

  test('embed=variants,inventories inlines the variants with stock', async () => {
    const t = h.token('najalran');
    const r = await h.api('najalran', 'GET', '/products/15?embed=variants,inventories', { token: t });
    // Seeded stock is taken as the current figure (seeded orders are assumed already deducted).
    expect(r.json.product.variants.map((v: { variant_code: string; quantity: number }) => [v.variant_code, v.quantity])).toEqual([
      ['P000000P000A', 15],
      ['P000000P000B', 15],
      ['P000000P000C', 0],
    ]);
    expect(r.json.product.variants[0].inventories).toMatchObject({ variant_code: 'P000000P000A', quantity: 15, use_inventory: 'T' });
  });

  test('create: product_name, supply_price and price are required; options make one variant per combination', async () => {
    const t = h.token('najalran');
    const missing = await h.api('najalran', 'POST', '/products', { token: t, body: { shop_no: 1, request: { product_name: '면 티셔츠' } } });
    expect(missing.status).toBe(422);
    const r = await h.api('najalran', 'POST', '/products', {
      token: t,
      body: {
        shop_no: 1,
        request: {
          product_name: '면 티셔츠',
          price: '19000.00',
          supply_price: '8000.00',
          custom_product_code: 'NJ-TEE',
          options: [
            { name: '색상', value: ['화이트', '블랙'] },
            { name: '사이즈', value: ['M', 'L'] },
          ],
        },
      },
    });
    expect(r.status).toBe(201);
    expect(r.json.product).toMatchObject({ product_no: 16, product_code: 'P000000Q', product_name: '면 티셔츠', price: '19000.00', display: 'F' });
    expect(r.json.product.variants.map((v: { variant_code: string }) => v.variant_code)).toEqual([
      'P000000Q000A',
      'P000000Q000B',
      'P000000Q000C',
      'P000000Q000D',
    ]);
    expect(r.json.product.variants[3].options).toEqual([
      { name: '색상', value: '블랙' },
      { name: '사이즈', value: 'L' },
    ]);
  });

  test('update uses the single envelope {"request": {...}}; a bulk envelope there is 422', async () => {
    const t = h.token('najalran');
    h.clock.advance(60_000);
    const r = await h.api('najalran', 'PUT', '/products/13', { token: t, body: { shop_no: 1, request: { price: '19000.00', selling: 'F' } } });
    expect(r.status).toBe(200);
    expect(r.json.product).toMatchObject({ price: '19000.00', selling: 'F', sold_out: 'F', updated_date: '2026-11-23T10:01:00+09:00' });
    const bulkThere = await h.api('najalran', 'PUT', '/products/13', { token: t, body: { shop_no: 1, requests: [{ price: '1.00' }] } });
    expect(bulkThere.status).toBe(422);
  });
});

describe('variants and inventories', () => {
  let token: string;
  beforeEach(async () => {
    h = await startFake();
    token = h.token('najalran');
  });

  test('PUT inventories sets the quantity as an absolute figure and answers the full inventory', async () => {
    const r = await h.api('najalran', 'PUT', '/products/11/variants/P000000L000A/inventories', {
      token,
      body: { shop_no: 1, request: { quantity: 3, safety_inventory: 8 } },
    });
    expect(r.json).toEqual({
      inventory: {
        shop_no: 1,
        variant_code: 'P000000L000A',
        use_inventory: 'T',
        important_inventory: 'A',
        inventory_control_type: 'A',
        display_soldout: 'T',
        quantity: 3,
        safety_inventory: 8,
        origin_code: null,
      },
    });
    const again = await h.api('najalran', 'PUT', '/products/11/variants/P000000L000A/inventories', { token, body: { request: { quantity: 3 } } });
    expect(again.json.inventory.quantity).toBe(3);
  });

  test('a variant of another product is 404', async () => {
    const r = await h.api('najalran', 'GET', '/products/12/variants/P000000L000A/inventories', { token });
    expect(r.status).toBe(404);
  });

  test('bulk variant update takes up to 100 objects; 101 is 422', async () => {
    const ok = await h.api('najalran', 'PUT', '/products/15/variants', {
      token,
      body: { shop_no: 1, requests: [{ variant_code: 'P000000P000A', quantity: 7 }, { variant_code: 'P000000P000C', quantity: 4, display: 'T' }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.variants.map((v: { quantity: number }) => v.quantity)).toEqual([7, 4]);
    const tooMany = Array.from({ length: 101 }, () => ({ variant_code: 'P000000P000A', quantity: 1 }));
    const r = await h.api('najalran', 'PUT', '/products/15/variants', { token, body: { shop_no: 1, requests: tooMany } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toContain('up to 100');
  });

  test('a bulk update with some bad objects answers 207 with each result in place', async () => {
    const r = await h.api('najalran', 'PUT', '/products/15/variants', {
      token,
      body: { requests: [{ variant_code: 'P000000P000A', quantity: 9 }, { variant_code: 'P000000ZZZZZ', quantity: 1 }] },
    });
    expect(r.status).toBe(207);
    expect(r.json.variants[0].quantity).toBe(9);
    expect(r.json.variants[1]).toEqual({ variant_code: 'P000000ZZZZZ', error: { code: 404, message: 'No variant found. (P000000ZZZZZ)' } });
  });

  test('stock limits orders only when the variant manages it: a new product sells anything until use_inventory=T with display_soldout=T (reference §6)', async () => {
    const created = await h.api('najalran', 'POST', '/products', {
      token,
      body: { shop_no: 1, request: { product_name: '새 머그', price: '9000.00', supply_price: '4000.00', custom_product_code: 'NJ-NEW', display: 'T', selling: 'T' } },
    });
    const no = created.json.product.product_no as number;
    const code = created.json.product.variants[0].variant_code as string;
    // Off (a new product's default here): quantity 0, and an order of 5 is taken; stock is not touched.
    expect(created.json.product.variants[0]).toMatchObject({ use_inventory: 'F', quantity: 0 });
    expect(() => h.fake.addOrder('najalran', { buyer: { name: '가' }, items: [{ variant_code: code, quantity: 5 }] })).not.toThrow();
    const on = await h.api('najalran', 'PUT', `/products/${no}/variants/${code}`, { token, body: { shop_no: 1, request: { use_inventory: 'T', display_soldout: 'T' } } });
    expect(on.json.variant).toMatchObject({ use_inventory: 'T', display_soldout: 'T' });
    await h.api('najalran', 'PUT', `/products/${no}/variants/${code}/inventories`, { token, body: { shop_no: 1, request: { quantity: 2 } } });
    // On: what the mall was given is what it sells; beyond it, the order is refused.
    expect(() => h.fake.addOrder('najalran', { buyer: { name: '나' }, items: [{ variant_code: code, quantity: 3 }] })).toThrow(/sold out/);
    h.fake.addOrder('najalran', { buyer: { name: '다' }, items: [{ variant_code: code, quantity: 2 }] });
    const p = await h.api('najalran', 'GET', `/products/${no}?embed=variants`, { token });
    expect(p.json.product).toMatchObject({ sold_out: 'T', variants: [expect.objectContaining({ quantity: 0 })] });
    // Tracked without the sold-out display, the mall keeps selling and the stock goes negative.
    await h.api('najalran', 'PUT', `/products/${no}/variants/${code}`, { token, body: { shop_no: 1, request: { display_soldout: 'F' } } });
    h.fake.addOrder('najalran', { buyer: { name: '라' }, items: [{ variant_code: code, quantity: 1 }] });
    expect((await h.api('najalran', 'GET', `/products/${no}/variants/${code}/inventories`, { token })).json.inventory.quantity).toBe(-1);
  });

  test("where the reference is silent, a new product's variants may start tracked (newVariantStock: 'tracked'): sold out until stock is given", async () => {
    await h.close();
    h = await startFake({ strict: { newVariantStock: 'tracked' } });
    const t = h.token('najalran');
    const created = await h.api('najalran', 'POST', '/products', { token: t, body: { request: { product_name: '새 컵', price: '9000.00', supply_price: '4000.00', display: 'T', selling: 'T' } } });
    expect(created.json.product.variants[0]).toMatchObject({ use_inventory: 'T', display_soldout: 'T', quantity: 0 });
    expect(() => h.fake.addOrder('najalran', { buyer: { name: '가' }, items: [{ variant_code: created.json.product.variants[0].variant_code }] })).toThrow(/sold out/);
  });

  test('setStock (control) is what the warehouse reports; stock at 0 with display_soldout shows sold out', async () => {
    h.fake.setStock('najalran', 'P000000N000A', 0);
    const r = await h.api('najalran', 'GET', '/products/13', { token });
    expect(r.json.product.sold_out).toBe('T');
    expect(() => h.fake.setStock('najalran', 'NOPE', 1)).toThrow(/no variant NOPE/);
  });
});
