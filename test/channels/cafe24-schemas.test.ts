/**
 * Reading Cafe24 answers: every documented sample parses unchanged, unknown fields pass,
 * money becomes whole won, and a body that does not fit names the mall, the call and the field.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Cafe24Error } from '../../src/channels/cafe24/errors';
import {
  CarriersList,
  cafe24DateTime,
  ErrorBody,
  InventoryOne,
  OrdersList,
  parse,
  ProductsList,
  ShipmentsBulk,
  ShipmentsCreated,
  splitBulk,
  VariantsList,
} from '../../src/channels/cafe24/schemas';
import type { Cafe24Shipment } from '../../src/channels/cafe24/schemas';
import { parseKrw } from '../../src/core/krw';
import { fixtureText, kst, ok } from './cafe24-helpers';

function thrown(fn: () => unknown): Cafe24Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof Cafe24Error) return e;
    throw e;
  }
  throw new Error('expected a Cafe24Error');
}

describe('documented samples (test/fixtures/cafe24) parse unchanged', () => {
  const schemaFor: Record<string, Parameters<typeof parse>[2]> = {
    'doc-carriers-list.json': CarriersList,
    'doc-orders-list-first.json': OrdersList,
    'reference-orders-list.json': OrdersList,
    'reference-products-list.json': ProductsList,
  };

  test('every fixture has a schema', () => {
    expect(readdirSync(join(__dirname, '..', 'fixtures', 'cafe24')).sort()).toEqual(Object.keys(schemaFor).sort());
  });

  test.each(Object.keys(schemaFor))('%s', (name) => {
    expect(() => parse('orders.list', 'najalran', schemaFor[name]!, ok(fixtureText(name)))).not.toThrow();
  });

  test('the reference order: money in won, dates in epoch ms, text exactly as sent', () => {
    const { orders, links } = parse('orders.list', 'najalran', OrdersList, ok(fixtureText('reference-orders-list.json')));
    const order = orders[0]!;
    expect(order.order_date).toBe(kst('2018-07-04T11:21:35'));
    expect(order.paid).toBe('T');
    const item = order.items![0]!;
    expect(item).toMatchObject({
      order_item_code: '20170710-0000013-01',
      product_price: 30000,
      option_price: 0,
      custom_variant_code: 'C001',
      custom_product_code: '',
      ordered_date: kst('2017-07-10T15:55:51'),
      shipped_date: null,
      tracking_no: null,
    });
    expect(order.receivers![0]).toMatchObject({ zipcode: '07071', cellphone: '010-0000-0000', shipping_message: '' });
    expect(links![0]!.rel).toBe('next');
  });

  test('unknown fields pass through untouched (money we do not read stays a string)', () => {
    const { orders } = parse('orders.list', 'najalran', OrdersList, ok(fixtureText('doc-orders-list-first.json')));
    const order = orders[0] as Record<string, unknown>;
    expect(order.total_supply_price).toBe('27000');
    expect(order.exchange_rate).toBe('1.0000');
    expect((order.actual_order_amount as Record<string, string>).tax).toBe('80.00');
    expect(order.service_data).toEqual([
      { key: 'rental_period', value: '12', title: 'rental period' },
      { key: 'rental_amount', value: '10000', title: 'rental amount' },
    ]);
    const { products } = parse('products.list', 'najalran', ProductsList, ok(fixtureText('reference-products-list.json')));
    expect(products[0]).toMatchObject({ price: 1100, supply_price: '9000.00', price_excluding_tax: '1000.00', custom_product_code: '' });
  });

  test('carriers keep their codes as strings ("0006", not 6)', () => {
    const { carriers } = parse('carriers.list', 'najalran', CarriersList, ok(fixtureText('doc-carriers-list.json')));
    expect(carriers.map((c) => c.shipping_carrier_code)).toEqual(['0022', '0006']);
  });
});

describe('a body that does not fit', () => {
  const orderWithItems = (items: unknown[]) => ({
    orders: [0, 1, 2, 3].map((i) => ({ order_id: `O-${i}`, order_date: '2026-11-23T09:00:00+09:00', paid: 'T', items: i === 3 ? items : [] })),
  });
  const goodItem = { order_item_code: 'O-3-01', order_status: 'N10', quantity: 1, product_price: '29000.00' };

  test('a missing required field: the message names the mall, the call and the path', () => {
    const { order_item_code: _c, ...missing } = goodItem;
    const e = thrown(() => parse('orders.list', 'najalran', OrdersList, ok(orderWithItems([missing]))));
    expect(e.message).toBe('[najalran] orders.list: orders[3].items[0].order_item_code: required');
    expect(e).toMatchObject({ kind: 'response', status: 200, retryable: false, reconnect: false, mallId: 'najalran', call: 'orders.list' });
    expect(e.userMessage).toBe('카페24 응답을 해석하지 못했습니다: orders[3].items[0].order_item_code: required');
  });

  test('a wrong type and an unknown status code say what they got', () => {
    expect(thrown(() => parse('orders.list', 'najalran', OrdersList, ok(orderWithItems([{ ...goodItem, quantity: '1' }])))).message).toBe(
      '[najalran] orders.list: orders[3].items[0].quantity: expected number, got "1"',
    );
    expect(thrown(() => parse('orders.list', 'najalran', OrdersList, ok(orderWithItems([{ ...goodItem, order_status: 'X99' }])))).message).toBe(
      '[najalran] orders.list: orders[3].items[0].order_status: unexpected value "X99"',
    );
  });

  test('a fraction of a won is refused, naming the field', () => {
    const e = thrown(() => parse('orders.list', 'borasaeg', OrdersList, ok(orderWithItems([{ ...goodItem, product_price: '29000.50' }]))));
    expect(e.message).toBe(
      '[borasaeg] orders.list: orders[3].items[0].product_price: not a whole KRW amount: "29000.50" (원 단위 미만 금액은 처리할 수 없습니다)',
    );
  });

  test('a bad date is refused', () => {
    const body = { orders: [{ order_id: 'O', order_date: '2026-02-30T09:00:00+09:00', paid: 'T' }] };
    expect(thrown(() => parse('orders.list', 'najalran', OrdersList, ok(body))).message).toBe(
      '[najalran] orders.list: orders[0].order_date: not a date-time: "2026-02-30T09:00:00+09:00"',
    );
  });

  test('several problems: the first is named, the rest counted', () => {
    const e = thrown(() => parse('products.list', 'najalran', ProductsList, ok({ products: [{}] })));
    expect(e.message).toBe('[najalran] products.list: products[0].product_no: required (+2 more)');
  });

  test('a body cut short is not JSON, and may be retried', () => {
    const e = thrown(() => parse('inventories.get', 'najalran', InventoryOne, ok('{"inventory":{"variant_')));
    expect(e).toMatchObject({ kind: 'response', retryable: true });
    expect(e.message).toBe('[najalran] inventories.get: body is not JSON (23 characters)');
  });

  test('a non-2xx answer becomes the error for its status', () => {
    const e = thrown(() =>
      parse('orders.list', 'najalran', OrdersList, ok({ error: { code: 422, message: '[Limit] should be between 1 and 1000. (parameter.limit)' } }, {}, 422)),
    );
    expect(e).toMatchObject({ kind: 'invalid', status: 422, code: 422 });
    expect(e.message).toBe('[najalran] orders.list: 422 [Limit] should be between 1 and 1000. (parameter.limit)');
  });
});

describe('money', () => {
  test.each([
    ['29000.00', 29000],
    ['29000', 29000],
    ['0.00', 0],
    ['-1000.00', -1000],
    ['1100.0000', 1100],
  ])('%s → %d', (text, won) => {
    expect(parseKrw(text)).toBe(won);
  });

  test.each(['29000.50', '0.01', '1e3', ' 29000.00', '29,000', '', 'NaN', '99999999999999999.00'])('%j is refused', (text) => {
    expect(() => parseKrw(text)).toThrow(/KRW amount/);
  });

  test('variant surcharges may be negative', () => {
    const { variants } = parse('variants.list', 'najalran', VariantsList, ok({ variants: [{ variant_code: 'P000000L000A', additional_amount: '-500.00' }] }));
    expect(variants[0]!.additional_amount).toBe(-500);
  });
});

describe('error and bulk bodies', () => {
  test('the documented error shape, with or without more_info, numeric or string code', () => {
    expect(ErrorBody.safeParse({ error: { code: 401, message: 'access_token time expired. (invalid_token)' } }).success).toBe(true);
    expect(ErrorBody.safeParse({ error: { code: '422', message: 'x', more_info: {} } }).success).toBe(true);
    expect(ErrorBody.safeParse({ error: 'invalid_grant' }).success).toBe(false);
  });

  test('the documented shipment answer', () => {
    const body = {
      shipments: [
        {
          shop_no: 1,
          shipping_code: 'D-20180627-0000017-00',
          order_id: '20180627-0000017',
          status: 'shipping',
          tracking_no: '101080903',
          shipping_company_code: '0006',
          order_item_code: ['20180627-0000017-01'],
          carrier_id: 1,
        },
      ],
    };
    expect(parse('shipments.create', 'najalran', ShipmentsCreated, ok(body, {}, 201)).shipments[0]!.carrier_id).toBe(1);
  });

  test('207: objects that failed are told apart from those that succeeded', () => {
    const body = {
      shipments: [
        { shipping_code: 'D-A-00', order_id: 'A', status: 'shipping', tracking_no: '1', shipping_company_code: '0006' },
        { order_id: 'B', tracking_no: '2', error: { code: 422, message: 'The order item (B-01) has already been shipped (N30 배송중).' } },
      ],
    };
    const parsed = parse('shipments.createMany', 'najalran', ShipmentsBulk, ok(body, {}, 207));
    const { ok: done, failed } = splitBulk<Cafe24Shipment>(parsed.shipments);
    expect(done.map((s) => s.shipping_code)).toEqual(['D-A-00']);
    expect(failed).toEqual([body.shipments[1]]);
  });
});

describe('dates in each form Cafe24 prints', () => {
  const parseDate = (text: string) => cafe24DateTime.safeParse(text);
  test.each([
    ['2026-11-23T09:00:00+09:00', Date.parse('2026-11-23T00:00:00Z')],
    ['2026-11-23T00:00:00Z', Date.parse('2026-11-23T00:00:00Z')],
    ['2026-11-23 09:00:00', Date.parse('2026-11-23T00:00:00Z')],
    ['2021-03-01T14:00:00.000', Date.parse('2021-03-01T05:00:00Z')],
    ['2024-02-29 23:59:59', Date.parse('2024-02-29T14:59:59Z')],
  ])('%s', (text, epoch) => {
    expect(parseDate(text)).toEqual({ success: true, data: epoch });
  });

  test.each(['2023-02-29 10:00:00', '2026-11-23', '2026-11-23T24:00:00', '23/11/2026'])('%s is refused', (text) => {
    expect(parseDate(text).success).toBe(false);
  });
});
