/**
 * Cafe24 fake — whole objects: every object the fake answers carries every field of the
 * reference's examples, with the kind of value they show (test/fakes/cafe24-reference-objects.ts),
 * compared field by field and recursively. A product that starts reading a documented field
 * finds it in the fake, typed as Cafe24 types it.
 */
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';
import * as sc from '../../src/channels/cafe24/schemas';
import { REFERENCE_OBJECTS, shapeDifferences } from './cafe24-reference-objects';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startFake();
  token = h.token('najalran');
});
afterAll(async () => {
  await h.close();
});

const get = async (path: string, mall = 'najalran', t = token): Promise<any> => {
  const r = await h.api(mall, 'GET', path, { token: t });
  expect(r.status).toBe(200);
  return r.json;
};

type Name = keyof typeof REFERENCE_OBJECTS;

function differences(name: Name, actual: unknown, also: Name[] = []): string[] {
  const ref = REFERENCE_OBJECTS[name];
  const mayBeNull = [name, ...also].flatMap((n) => ('mayBeNull' in REFERENCE_OBJECTS[n] ? [...(REFERENCE_OBJECTS[n] as { mayBeNull: readonly string[] }).mayBeNull] : []));
  return shapeDifferences(ref.example, actual, mayBeNull);
}

describe('the comparison itself', () => {
  test('finds a missing field, a number where the reference has a string, a money amount without cents, a null', () => {
    const example = { a: '2', b: '29000.00', c: [{ d: 1 }], e: 'x', f: null };
    expect(shapeDifferences(example, { a: 2, b: '29000', c: [{}], e: null, f: 3 })).toEqual([
      'a: number 2, the reference shows string "2"',
      'b: string "29000", the reference shows money "29000.00"',
      'c[0].d: missing',
      'e: null, the reference shows string "x"',
    ]);
    expect(shapeDifferences(example, { a: '7', b: '1.00', c: [], e: null, f: 'y' }, ['e'])).toEqual([]);
  });
});

describe('orders', () => {
  test('an order shipped in transit, with its items, receivers and buyer embedded', async () => {
    const { order } = await get('/orders/20261118-0000003?embed=items,receivers,buyer');
    expect(differences('order', order, ['item', 'receiver', 'buyer'])).toEqual([]);
  });

  test('an unpaid guest order, and orders as the list answers them', async () => {
    const { orders } = await get('/orders?start_date=2026-11-01&end_date=2026-11-30&embed=items,receivers,buyer&limit=100');
    expect(orders.length).toBeGreaterThanOrEqual(3);
    for (const o of orders) expect([o.order_id, differences('order', o, ['item', 'receiver', 'buyer'])]).toEqual([o.order_id, []]);
  });

  test('items, receivers and buyer as their own resources', async () => {
    const { items } = await get('/orders/20261118-0000003/items');
    expect(differences('item', items[0])).toEqual([]);
    const { carriers } = await get('/carriers');
    const cj = carriers.find((c: any) => c.shipping_carrier_code === '0006');
    expect(items[0].shipping_company_id).toBe(String(cj.carrier_id));
    const { receivers } = await get('/orders/20261118-0000003/receivers');
    expect(differences('receiver', receivers[0])).toEqual([]);
    const { buyer } = await get('/orders/20261118-0000003/buyer');
    expect(differences('buyer', buyer)).toEqual([]);
  });

  test('amounts: goods, shipping and tax add up from the items, as strings with cents', async () => {
    const { order } = await get('/orders/20261120-0000001?embed=items');
    expect(order.actual_order_amount).toMatchObject({ order_price_amount: '65000.00', shipping_fee: '0.00', payment_amount: '65000.00', tax: '5909.00' });
    expect(order.shipping_fee_detail).toEqual([
      expect.objectContaining({ supplier_code: 'S0000000', shipping_fee: '0.00', items: ['20261120-0000001-01', '20261120-0000001-02'] }),
    ]);
  });

  test('unpaid orders', async () => {
    const { unpaidorders } = await get('/unpaidorders?start_date=2026-11-01&end_date=2026-11-30');
    expect(unpaidorders.length).toBeGreaterThan(0);
    for (const u of unpaidorders) expect(differences('unpaidorder', u)).toEqual([]);
  });
});

describe('products, variants, inventories', () => {
  test('a product with options, its variants and their inventories embedded', async () => {
    const { product } = await get('/products/11?embed=variants,inventories');
    expect(product.has_option).toBe('T');
    expect(differences('product', product, ['variant', 'inventory'])).toEqual([]);
  });

  test('every product of the list, variants on their own, an inventory', async () => {
    const { products } = await get('/products?embed=variants,inventories&limit=100');
    for (const p of products) expect([p.product_no, differences('product', p, ['variant', 'inventory'])]).toEqual([p.product_no, []]);
    const { variants } = await get('/products/11/variants?embed=inventories');
    for (const v of variants) expect(differences('variant', v, ['inventory'])).toEqual([]);
    const { inventory } = await get('/products/11/variants/P000000L000A/inventories');
    expect(differences('inventory', inventory)).toEqual([]);
  });
});

describe('shipments, claims, refunds', () => {
  test('a seeded shipment and a new one', async () => {
    const seeded = await get('/orders/20261118-0000003/shipments');
    expect(differences('shipment', seeded.shipments[0])).toEqual([]);
    const created = await h.api('najalran', 'POST', '/orders/20261120-0000001/shipments', {
      token,
      body: { shop_no: 1, request: { tracking_no: '600000000001', shipping_company_code: '0006', status: 'standby', order_item_code: ['20261120-0000001-01'] } },
    });
    expect(created.status).toBe(201);
    expect(differences('shipment', created.json.shipments[0])).toEqual([]);
  });

  test('a cancellation with its refund, a return, an exchange', async () => {
    const c = await h.api('najalran', 'POST', '/orders/20261120-0000001/cancellation', {
      token,
      body: { shop_no: 1, request: { status: 'canceled', items: [{ order_item_code: '20261120-0000001-02', quantity: 1 }] } },
    });
    expect(c.status).toBe(201);
    expect(differences('cancellation', c.json.cancellation)).toEqual([]);
    expect(differences('cancellation', (await get(`/cancellation/${c.json.cancellation.claim_code}`)).cancellation)).toEqual([]);
    const { refunds } = await get('/refunds?start_date=2026-11-01&end_date=2026-11-30');
    expect(refunds.length).toBeGreaterThan(0);
    for (const r of refunds) expect(differences('refund', r)).toEqual([]);

    h.fake.markDelivered('najalran', '20261118-0000003');
    const r = await h.api('najalran', 'POST', '/orders/20261118-0000003/return', {
      token,
      body: { shop_no: 1, request: { status: 'accepted', items: [{ order_item_code: '20261118-0000003-01', quantity: 1 }] } },
    });
    expect(r.status).toBe(201);
    expect(differences('return', r.json.return)).toEqual([]);
    expect(differences('return', (await get(`/return/${r.json.return.claim_code}`)).return)).toEqual([]);

    const e = await h.api('najalran', 'POST', '/orders/20261118-0000003/exchange', {
      token,
      body: { shop_no: 1, request: { status: 'accepted', items: [{ order_item_code: '20261118-0000003-01', quantity: 1 }] } },
    });
    expect(e.status).toBe(201);
    expect(differences('exchange', e.json.exchange)).toEqual([]);
    expect(differences('exchange', (await get(`/exchange/${e.json.exchange.claim_code}`)).exchange)).toEqual([]);
  });
});

describe('carriers, suppliers, tokens', () => {
  test('every carrier and supplier of every mall of the default seed', async () => {
    for (const mall of ['najalran', 'borasaeg', 'undercoco']) {
      const t = h.token(mall);
      const { carriers } = await get('/carriers', mall, t);
      for (const c of carriers) expect(differences('carrier', c)).toEqual([]);
      const { suppliers } = await get('/suppliers', mall, t);
      for (const s of suppliers) expect(differences('supplier', s)).toEqual([]);
    }
  });

  test('a token answer', () => {
    expect(differences('token', h.fake.issueToken('najalran'))).toEqual([]);
  });
});

describe("the add-on's schemas read the whole objects", () => {
  test('orders, items, products, variants, inventories, shipments, claims, refunds, carriers', async () => {
    const read = async (call: Parameters<typeof sc.parse>[0], schema: Parameters<typeof sc.parse>[2], path: string) => {
      const r = await h.api('najalran', 'GET', path, { token });
      expect(r.status).toBe(200);
      return sc.parse(call, 'najalran', schema, { status: r.status, headers: {}, body: r.text });
    };
    const listed = (await read('orders.list', sc.OrdersList, '/orders?start_date=2026-11-01&end_date=2026-11-30&embed=items,receivers,buyer&limit=100')) as { orders: unknown[] };
    expect(listed.orders.length).toBeGreaterThan(0);
    await read('orders.get', sc.OrderOne, '/orders/20261118-0000003?embed=items,receivers,buyer');
    await read('orderItems.list', sc.OrderItemsList, '/orders/20261118-0000003/items');
    await read('products.list', sc.ProductsList, '/products?embed=variants&limit=100');
    await read('variants.list', sc.VariantsList, '/products/11/variants?embed=inventories');
    await read('inventories.get', sc.InventoryOne, '/products/11/variants/P000000L000A/inventories');
    await read('shipments.list', sc.ShipmentsList, '/orders/20261118-0000003/shipments');
    await read('refunds.list', sc.RefundsList, '/refunds?start_date=2026-11-01&end_date=2026-11-30');
    await read('carriers.list', sc.CarriersList, '/carriers');
  });
});
