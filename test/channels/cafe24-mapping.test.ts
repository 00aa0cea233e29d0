/**
 * Cafe24 → the sheet's core types: one OrderLine per paid order item, carriers, and the
 * product/variant ids of the stock-ratio tab. Channel strings arrive exactly as sent.
 */
import { carriersOf, findCarrier, orderLines, variantRefs } from '../../src/channels/cafe24/mapping';
import { CAFE24_ORDER_STATUSES, lineStateOf, NEVER_PAID_STATUSES } from '../../src/channels/cafe24/order-status';
import { CarriersList, OrdersList, parse, ProductsList } from '../../src/channels/cafe24/schemas';
import type { Cafe24Order } from '../../src/channels/cafe24/schemas';
import type { OrderLine } from '../../src/core/order';
import { borasaeg, fixtureText, kst, najalran, ok } from './cafe24-helpers';

const documented = (): Record<string, any> => JSON.parse(fixtureText('reference-orders-list.json'));
const read = (body: unknown): Cafe24Order[] => parse('orders.list', 'najalran', OrdersList, ok(body)).orders;

test('the documented order becomes one line per item', () => {
  const { lines, skipped } = orderLines(najalran, read(documented()));
  expect(skipped).toEqual([]);
  expect(lines).toEqual<OrderLine[]>([
    {
      channel: 'cafe24',
      partnerId: 'PNR001',
      orderId: '20170710-0000013',
      itemId: '20170710-0000013-01',
      orderedAt: kst('2018-07-04T11:21:35'),
      paidAt: kst('2018-07-04T11:21:35'),
      sku: 'C001',
      productName: 'iPhone X',
      optionText: '',
      quantity: 1,
      unitPrice: 30000,
      amount: 30000,
      buyerName: 'Test',
      receiverName: '홍길동',
      receiverPhone: '010-0000-0000',
      receiverZip: '07071',
      receiverAddress1: '서울…',
      receiverAddress2: '…',
      message: '',
      status: 'paid',
      claim: null,
      claimCode: null,
      claimReason: '',
      claimRequestedAt: null,
      replacement: false,
      rawStatus: 'N10',
      carrier: null,
      trackingNo: null,
      shippedAt: null,
      channelProductId: '14',
      channelVariantId: 'P000000N000A',
      channelShipmentId: null,
    },
  ]);
});

describe('a richer order', () => {
  function order(): Record<string, any> {
    const body = documented();
    const o = body.orders[0];
    const first = o.items[0];
    o.multiple_addresses = 'T';
    o.buyer = { name: ' 김하늘 ', cellphone: '010-1234-5678' };
    o.items = [
      { ...first, order_item_code: '20170710-0000013-01', quantity: 2, option_value: '색상=베이지', product_price: '29000.00', option_price: '2000.00',
        custom_variant_code: '', custom_product_code: 'NJ-APRON', shipping_code: 'D-20170710-0000013-01' },
      { ...first, order_item_code: '20170710-0000013-02', order_status: 'N30', custom_variant_code: null, custom_product_code: null,
        shipping_code: 'D-20170710-0000013-00', tracking_no: '684512339870', shipping_company_code: '0006',
        shipping_company_name: 'CJ대한통운', shipped_date: '2026-11-19 18:02:40' },
    ];
    o.receivers = [
      { ...o.receivers[0], name: '홍길동', cellphone: '', phone: '02-000-0000', shipping_message: '=HYPERLINK("http://x")' },
      { name: '성춘향', cellphone: '010-9999-0000', zipcode: '01234', address1: '전북 남원시', address2: '광한루', shipping_message: '  문 앞에 ',
        shipping_code: 'D-20170710-0000013-01' },
    ];
    return body;
  }

  test('amount is (product price + option price) × quantity, in whole won', () => {
    const [line] = orderLines(najalran, read(order())).lines;
    expect(line).toMatchObject({ unitPrice: 31000, amount: 62000, quantity: 2, optionText: '색상=베이지' });
  });

  test('the SKU is the variant’s custom code, else the product’s; none when both are empty', () => {
    const [a, b] = orderLines(najalran, read(order())).lines;
    expect(a!.sku).toBe('NJ-APRON');
    expect(b!.sku).toBeNull();
  });

  test('each item goes to the receiver of its shipping code; phone falls back to the landline', () => {
    const [a, b] = orderLines(najalran, read(order())).lines;
    expect(a).toMatchObject({ receiverName: '성춘향', receiverPhone: '010-9999-0000', receiverZip: '01234', message: '  문 앞에 ' });
    expect(b).toMatchObject({ receiverName: '홍길동', receiverPhone: '02-000-0000' });
  });

  test('text is kept verbatim: a message starting with "=" and names with spaces', () => {
    const [, b] = orderLines(najalran, read(order())).lines;
    expect(b!.message).toBe('=HYPERLINK("http://x")');
    expect(b!.buyerName).toBe(' 김하늘 ');
  });

  test('a shipped item carries its carrier, tracking number and ship time', () => {
    const [, b] = orderLines(najalran, read(order())).lines;
    expect(b).toMatchObject({
      status: 'shipping',
      rawStatus: 'N30',
      carrier: { code: '0006', name: 'CJ대한통운' },
      trackingNo: '684512339870',
      shippedAt: kst('2026-11-19T18:02:40'),
      channelShipmentId: 'D-20170710-0000013-00',
    });
  });
});

describe('unpaid orders never become lines', () => {
  test('an unpaid order (paid F, item N00) is skipped, and said so', () => {
    const body = documented();
    Object.assign(body.orders[0], { paid: 'F', payment_date: null });
    body.orders[0].items[0].order_status = 'N00';
    expect(orderLines(najalran, read(body))).toEqual({
      lines: [],
      skipped: [{ orderId: '20170710-0000013', itemId: '20170710-0000013-01', reason: 'unpaid' }],
    });
  });

  test('second guard: an item in the normal flow of an order not fully paid (M) is skipped', () => {
    const body = documented();
    body.orders[0].paid = 'M';
    expect(orderLines(najalran, read(body)).skipped.map((s) => s.reason)).toEqual(['unpaid']);
  });

  test.each(['N00', 'N02', 'C47', 'C48', 'C49'])('%s (never paid) is skipped even on a paid order', (code) => {
    const body = documented();
    body.orders[0].items[0].order_status = code;
    expect(orderLines(najalran, read(body)).lines).toEqual([]);
  });

  test('a paid item in a claim stays a line whatever the order-level flag says', () => {
    const body = documented();
    body.orders[0].paid = 'F';
    body.orders[0].items[0].order_status = 'C41';
    expect(orderLines(najalran, read(body)).lines[0]).toMatchObject({ status: 'cancelled', claim: 'cancel' });
  });
});

describe('claims on a line', () => {
  test('a return request carries its claim code, the buyer\'s reason and when it was asked', () => {
    const body = documented();
    Object.assign(body.orders[0].items[0], {
      order_status: 'R00',
      claim_code: 'C20180705-0000001',
      claim_type: 'R',
      claim_reason: '사이즈가 맞지 않아요',
      return_request_date: '2018-07-05T09:00:00+09:00',
    });
    expect(orderLines(najalran, read(body)).lines[0]).toMatchObject({
      status: 'returnRequested',
      claim: 'return',
      claimCode: 'C20180705-0000001',
      claimReason: '사이즈가 맞지 않아요',
      claimRequestedAt: kst('2018-07-05T09:00:00'),
      replacement: false,
    });
  });

  test('a claim code left on an item back in the normal flow is not a claim', () => {
    const body = documented();
    Object.assign(body.orders[0].items[0], { order_status: 'C11', order_status_before_cs: 'N20', claim_code: 'C20180705-0000002', claim_type: 'C' });
    expect(orderLines(najalran, read(body)).lines[0]).toMatchObject({ status: 'preparing', claim: null, claimCode: null, claimRequestedAt: null });
  });

  test('the replacement item of an exchange is marked as such', () => {
    const body = documented();
    Object.assign(body.orders[0].items[0], { order_status: 'N01', status_code: 'N2', claim_code: 'C20180705-0000003', claim_type: 'E' });
    expect(orderLines(najalran, read(body)).lines[0]).toMatchObject({ status: 'exchangeRequested', replacement: true });
  });
});

test('in a reseller mall, items of other suppliers are skipped', () => {
  const body = documented();
  const item = body.orders[0].items[0];
  body.orders[0].items = [
    { ...item, supplier_id: 'S000000A' },
    { ...item, order_item_code: '20170710-0000013-02', supplier_id: 'S0000000' },
  ];
  const { lines, skipped } = orderLines(borasaeg, read(body));
  expect(lines.map((l) => l.itemId)).toEqual(['20170710-0000013-01']);
  expect(skipped).toEqual([{ orderId: '20170710-0000013', itemId: '20170710-0000013-02', reason: 'otherSupplier' }]);
  expect(lines[0]!.partnerId).toBe('PNR002');
});

test('an order read without its items is a programming error', () => {
  const { orders } = parse('orders.list', 'najalran', OrdersList, ok(fixtureText('doc-orders-list-first.json')));
  expect(() => orderLines(najalran, orders)).toThrow('[najalran] order 20170710-0000013 came without items: request it with embed=items');
});

describe('order_status → the sheet’s status', () => {
  test.each([
    ['N10', 'paid', null],
    ['N20', 'preparing', null],
    ['N22', 'preparing', null],
    ['N21', 'standby', null],
    ['N30', 'shipping', null],
    ['N40', 'delivered', null],
    ['N50', 'delivered', null],
    ['N01', 'exchangeRequested', 'exchange'],
    ['C00', 'cancelRequested', 'cancel'],
    ['C34', 'cancelRequested', 'cancel'],
    ['C41', 'cancelled', 'cancel'],
    ['C40', 'refunded', 'cancel'],
    ['R00', 'returnRequested', 'return'],
    ['R31', 'returnRequested', 'return'],
    ['R41', 'returned', 'return'],
    ['R40', 'refunded', 'return'],
    ['E00', 'exchangeRequested', 'exchange'],
    ['E40', 'exchanged', 'exchange'],
  ] as const)('%s → %s', (code, status, claim) => {
    expect(lineStateOf(code)).toEqual({ status, claim });
  });

  test('every documented code is mapped; the never-paid ones to nothing', () => {
    for (const code of CAFE24_ORDER_STATUSES) expect(lineStateOf(code) === null).toBe(NEVER_PAID_STATUSES.includes(code));
    expect(NEVER_PAID_STATUSES).toEqual(['N00', 'N02', 'C47', 'C48', 'C49']);
  });

  test('a rejected request resumes where the item was before the claim', () => {
    expect(lineStateOf('C11', 'N20')).toEqual({ status: 'preparing', claim: null });
    expect(lineStateOf('R11', 'N40')).toEqual({ status: 'delivered', claim: null });
    expect(lineStateOf('C11')).toEqual({ status: 'paid', claim: null });
    expect(lineStateOf('E11', 'garbage')).toEqual({ status: 'delivered', claim: null });
  });
});

describe('carriers', () => {
  test('the documented list maps to code and name', () => {
    const { carriers } = parse('carriers.list', 'najalran', CarriersList, ok(fixtureText('doc-carriers-list.json')));
    expect(carriersOf(carriers)).toEqual([
      { code: '0022', name: 'FASTBOX', carrierId: 3, isDefault: false },
      { code: '0006', name: 'FASTBOX', carrierId: 4, isDefault: false },
    ]);
  });

  test('the three day-one carriers are found by the names the sheet uses, or by code', () => {
    const mall = [
      { code: '0006', name: 'CJ대한통운' },
      { code: '0012', name: '우체국택배' },
      { code: '0079', name: '롯데택배' },
    ];
    expect(findCarrier(mall, '우체국택배')?.code).toBe('0012');
    expect(findCarrier(mall, 'CJ 대한통운')?.code).toBe('0006');
    expect(findCarrier(mall, '0079')?.name).toBe('롯데택배');
    expect(findCarrier(mall, '한진택배')).toBeNull();
  });
});

describe('products and variants → stock-ratio ids', () => {
  test('a product without embedded variants has no variant refs', () => {
    const { products } = parse('products.list', 'najalran', ProductsList, ok(fixtureText('reference-products-list.json')));
    expect(variantRefs(najalran, products[0]!)).toEqual([]);
  });

  test('embedded variants: product_no, variant_code, custom codes, option text, stock', () => {
    const body = {
      products: [
        {
          product_no: 101, product_code: 'P00000A1', product_name: '린넨 앞치마', custom_product_code: 'NJ-APRON', price: '31000.00',
          variants: [
            { variant_code: 'P00000A1000A', custom_variant_code: 'NJ-APRON-1', options: [{ name: '색상', value: '베이지' }], quantity: 40, use_inventory: 'T' },
            { variant_code: 'P00000A1000B', custom_variant_code: '', options: [{ name: '색상', value: '차콜' }],
              inventories: { variant_code: 'P00000A1000B', quantity: 25, use_inventory: 'F' } },
          ],
        },
      ],
    };
    const { products } = parse('products.list', 'borasaeg', ProductsList, ok(body));
    expect(variantRefs(borasaeg, products[0]!)).toEqual([
      { partnerId: 'PNR002', productNo: 101, productCode: 'P00000A1', productName: '린넨 앞치마', variantCode: 'P00000A1000A',
        customProductCode: 'NJ-APRON', customVariantCode: 'NJ-APRON-1', sku: 'NJ-APRON-1', optionText: '색상=베이지', quantity: 40, useInventory: true },
      { partnerId: 'PNR002', productNo: 101, productCode: 'P00000A1', productName: '린넨 앞치마', variantCode: 'P00000A1000B',
        customProductCode: 'NJ-APRON', customVariantCode: null, sku: 'NJ-APRON', optionText: '색상=차콜', quantity: 25, useInventory: false },
    ]);
  });
});
