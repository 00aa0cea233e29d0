/**
 * Cafe24 request builders: every call's method, URL, headers and body as the reference gives
 * them. Reads carry shop_no; writes wrap their object in `request` (or `requests` for bulk).
 */
import {
  acceptCancellation,
  acceptExchange,
  acceptReturn,
  changeOrdersStatus,
  changeOrderStatus,
  completeExchange,
  completeRefund,
  completeReturn,
  createProduct,
  createShipment,
  createShipments,
  getCancellation,
  getExchange,
  getInventory,
  getOrder,
  getProduct,
  getRefund,
  getReturn,
  listCarriers,
  listOrderItems,
  listOrders,
  listProducts,
  listRefunds,
  listShipments,
  listSuppliers,
  listVariants,
  rejectClaimRequests,
  setInventoryQuantity,
  updateProduct,
  updateShipment,
  updateShipments,
  updateVariant,
  updateVariants,
} from '../../src/channels/cafe24/requests';
import type { DayWindow, NewShipment } from '../../src/channels/cafe24/requests';
import type { SeoulDay } from '../../src/core/seoul-time';
import { ADMIN, AUTH_HEADERS, bodyOf, resellerSession, session } from './cafe24-helpers';

const nov: DayWindow = { startDate: '2026-11-01' as SeoulDay, endDate: '2026-11-23' as SeoulDay };

describe('every request', () => {
  test('reads: GET with Bearer token, JSON content type, pinned version, shop_no', () => {
    expect(listCarriers(session)).toEqual({ method: 'get', url: `${ADMIN}/carriers?shop_no=1`, headers: AUTH_HEADERS });
  });

  test('writes: JSON body in the single-object envelope, content type as header and UrlFetchApp option', () => {
    const r = setInventoryQuantity(session, 24, 'P00000GR000A', 3);
    expect(r).toEqual({
      method: 'put',
      url: `${ADMIN}/products/24/variants/P00000GR000A/inventories`,
      headers: AUTH_HEADERS,
      payload: '{"shop_no":1,"request":{"quantity":3}}',
      contentType: 'application/json',
    });
  });

  test('ids from data are percent-encoded in paths', () => {
    expect(getCancellation(session, 'C2026/1').url).toBe(`${ADMIN}/cancellation/C2026%2F1?shop_no=1`);
  });
});

describe('products', () => {
  test('list by offset with filters; the connection supplier code filters a reseller mall', () => {
    expect(listProducts(session, { kind: 'offset', offset: 100, limit: 100 }, { display: 'T', embedVariants: true }).url).toBe(
      `${ADMIN}/products?shop_no=1&display=T&embed=variants&limit=100&offset=100`,
    );
    expect(listProducts(resellerSession, { kind: 'offset', offset: 0, limit: 50 }).url).toBe(
      'https://borasaeg.cafe24api.com/api/v2/admin/products?shop_no=1&supplier_code=S000000A&limit=50&offset=0',
    );
    expect(listProducts(resellerSession, { kind: 'offset', offset: 0, limit: 50 }, { supplierCode: null }).url).not.toContain('supplier_code');
  });

  test('list by since_product_no (past the 5,000 offset cap), never with offset or product_no', () => {
    expect(listProducts(session, { kind: 'since', sinceProductNo: 5123, limit: 100 }, { customProductCode: 'NJ-' }).url).toBe(
      `${ADMIN}/products?shop_no=1&custom_product_code=NJ-&since_product_no=5123&limit=100`,
    );
    expect(() => listProducts(session, { kind: 'since', sinceProductNo: 0, limit: 100 }, { productNos: [1, 2] })).toThrow('since_product_no');
  });

  test('limit and offset outside the caps are refused before a call is spent', () => {
    expect(() => listProducts(session, { kind: 'offset', offset: 0, limit: 101 })).toThrow('limit must be 1-100');
    expect(() => listProducts(session, { kind: 'offset', offset: 5001, limit: 100 })).toThrow('offset must be 0-5000');
  });

  test('get, with variants embedded', () => {
    expect(getProduct(session, 24, { embedVariants: true }).url).toBe(`${ADMIN}/products/24?shop_no=1&embed=variants`);
  });

  test('create: prices as Cafe24 decimal strings, flags T/F, options one per axis', () => {
    const r = createProduct(
      resellerSession,
      { productName: '린넨 앞치마', price: 29000, supplyPrice: 12000, customProductCode: 'NJ-APRON', display: true, selling: false },
      [{ name: '색상', values: ['베이지', '차콜'] }],
    );
    expect(r.method).toBe('post');
    expect(r.url).toBe('https://borasaeg.cafe24api.com/api/v2/admin/products');
    expect(bodyOf(r.payload)).toEqual({
      shop_no: 1,
      request: {
        product_name: '린넨 앞치마',
        price: '29000.00',
        supply_price: '12000.00',
        custom_product_code: 'NJ-APRON',
        display: 'T',
        selling: 'F',
        supplier_code: 'S000000A',
        options: [{ name: '색상', value: ['베이지', '차콜'] }],
      },
    });
  });

  test('update sends only what changes; a fraction of a won is refused', () => {
    const r = updateProduct(session, 11, { price: 31000 });
    expect(r.method).toBe('put');
    expect(r.url).toBe(`${ADMIN}/products/11`);
    expect(bodyOf(r.payload)).toEqual({ shop_no: 1, request: { price: '31000.00' } });
    expect(() => updateProduct(session, 11, { price: 31000.5 })).toThrow('price must be whole won');
  });
});

describe('variants and inventories', () => {
  test('list, with inventories', () => {
    expect(listVariants(session, 11, { embedInventories: true }).url).toBe(`${ADMIN}/products/11/variants?shop_no=1&embed=inventories`);
  });

  test('update one', () => {
    const r = updateVariant(session, 11, 'P000000L000A', { customVariantCode: 'NJ-APRON-1', selling: true, additionalAmount: -1000 });
    expect(r.url).toBe(`${ADMIN}/products/11/variants/P000000L000A`);
    expect(bodyOf(r.payload)).toEqual({ shop_no: 1, request: { custom_variant_code: 'NJ-APRON-1', selling: 'T', additional_amount: '-1000.00' } });
  });

  test('update many: requests[] chunked at 100 per call', () => {
    const patches = Array.from({ length: 250 }, (_, i) => ({ variantCode: `P000000L${String(i).padStart(4, '0')}`, selling: false }));
    const calls = updateVariants(session, 11, patches);
    expect(calls.map((c) => (bodyOf(c.payload) as { requests: unknown[] }).requests.length)).toEqual([100, 100, 50]);
    expect(calls[0]!.url).toBe(`${ADMIN}/products/11/variants`);
    expect((bodyOf(calls[2]!.payload) as { requests: unknown[] }).requests[49]).toEqual({ variant_code: 'P000000L0249', selling: 'F' });
  });

  test('inventory: read, and set an absolute quantity (never negative, never a fraction)', () => {
    expect(getInventory(session, 11, 'P000000L000A').url).toBe(`${ADMIN}/products/11/variants/P000000L000A/inventories?shop_no=1`);
    expect(bodyOf(setInventoryQuantity(session, 11, 'P000000L000A', 0).payload)).toEqual({ shop_no: 1, request: { quantity: 0 } });
    expect(() => setInventoryQuantity(session, 11, 'P000000L000A', -1)).toThrow('≥ 0');
    expect(() => setInventoryQuantity(session, 11, 'P000000L000A', 1.5)).toThrow('whole number');
  });
});

describe('orders', () => {
  test('list: a window of Seoul days, date_type, items+receivers+buyer embedded; no payment_status (documented with one value only)', () => {
    const r = listOrders(session, { page: { window: nov, offset: 0, limit: 500 }, dateType: 'pay_date' });
    expect(r).toEqual({
      method: 'get',
      url:
        `${ADMIN}/orders?shop_no=1&start_date=2026-11-01&end_date=2026-11-23&date_type=pay_date` +
        '&embed=items%2Creceivers%2Cbuyer&limit=500&offset=0',
      headers: AUTH_HEADERS,
    });
  });

  test('list: order_status filter (comma list) and the reseller supplier filter', () => {
    const r = listOrders(resellerSession, {
      page: { window: nov, offset: 1000, limit: 1000 },
      dateType: 'cancel_request_date',
      orderStatus: ['C00', 'R00', 'E00'],
    });
    expect(r.url).toBe(
      'https://borasaeg.cafe24api.com/api/v2/admin/orders?shop_no=1&start_date=2026-11-01&end_date=2026-11-23' +
        '&date_type=cancel_request_date&order_status=C00%2CR00%2CE00&supplier_id=S000000A' +
        '&embed=items%2Creceivers%2Cbuyer&limit=1000&offset=1000',
    );
  });

  test('list: limit 1-1000 and offset up to 15,000', () => {
    expect(() => listOrders(session, { page: { window: nov, offset: 0, limit: 1001 }, dateType: 'order_date' })).toThrow('limit must be 1-1000');
    expect(() => listOrders(session, { page: { window: nov, offset: 15001, limit: 10 }, dateType: 'order_date' })).toThrow(
      'offset must be 0-15000',
    );
    expect(() => listOrders(session, { page: { window: nov, offset: 15000, limit: 1000 }, dateType: 'order_date' })).not.toThrow();
  });

  test('one order, and its items (a reseller sees its supplier items)', () => {
    expect(getOrder(session, '20261120-0000001').url).toBe(`${ADMIN}/orders/20261120-0000001?shop_no=1&embed=items%2Creceivers%2Cbuyer`);
    expect(listOrderItems(resellerSession, '20261122-0000002').url).toBe(
      'https://borasaeg.cafe24api.com/api/v2/admin/orders/20261122-0000002/items?shop_no=1&supplier_id=S000000A',
    );
  });

  test('status change (발주확인 = prepare → N20), single and bulk', () => {
    const one = changeOrderStatus(session, { orderId: '20261120-0000001', processStatus: 'prepare', orderItemCodes: ['20261120-0000001-01'] });
    expect(one.method).toBe('put');
    expect(one.url).toBe(`${ADMIN}/orders/20261120-0000001`);
    expect(bodyOf(one.payload)).toEqual({ shop_no: 1, request: { process_status: 'prepare', order_item_code: ['20261120-0000001-01'] } });
    const bulk = changeOrdersStatus(session, [{ orderId: 'A', processStatus: 'hold' }]);
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.url).toBe(`${ADMIN}/orders`);
    expect(bodyOf(bulk[0]!.payload)).toEqual({ shop_no: 1, requests: [{ order_id: 'A', process_status: 'hold' }] });
  });
});

describe('shipments', () => {
  const parcel: NewShipment = {
    orderId: '20180627-0000017',
    trackingNo: '101080903',
    carrierCode: '0006',
    status: 'shipping',
    orderItemCodes: ['20180627-0000017-01'],
  };

  test('list per order', () => {
    expect(listShipments(session, '20180627-0000017').url).toBe(`${ADMIN}/orders/20180627-0000017/shipments?shop_no=1`);
  });

  test('create one: the documented body', () => {
    const r = createShipment(session, parcel);
    expect(r.method).toBe('post');
    expect(r.url).toBe(`${ADMIN}/orders/20180627-0000017/shipments`);
    expect(r.payload).toBe(
      '{"shop_no":1,"request":{"tracking_no":"101080903","shipping_company_code":"0006","status":"shipping","order_item_code":["20180627-0000017-01"]}}',
    );
  });

  test('create many: POST /shipments with order_id in each object, 100 per call', () => {
    const list = Array.from({ length: 101 }, (_, i) => ({ ...parcel, orderId: `20261123-${String(i).padStart(7, '0')}`, orderItemCodes: undefined }));
    const calls = createShipments(session, list);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe(`${ADMIN}/shipments`);
    const first = bodyOf(calls[0]!.payload) as { shop_no: number; requests: unknown[] };
    expect(first.requests).toHaveLength(100);
    expect(first.requests[0]).toEqual({ order_id: '20261123-0000000', tracking_no: '101080903', shipping_company_code: '0006', status: 'shipping' });
    expect((bodyOf(calls[1]!.payload) as { requests: unknown[] }).requests).toHaveLength(1);
  });

  test('tracking numbers are 1-40 characters', () => {
    expect(() => createShipment(session, { ...parcel, trackingNo: '' })).toThrow('tracking_no must be 1-40');
    expect(() => createShipment(session, { ...parcel, trackingNo: '1'.repeat(41) })).toThrow('tracking_no must be 1-40');
  });

  test('update either the status or the tracking number with its carrier, one call each', () => {
    const status = updateShipment(session, { orderId: 'O', shippingCode: 'D-O-00', kind: 'status', status: 'shipped' });
    expect(status.url).toBe(`${ADMIN}/orders/O/shipments/D-O-00`);
    expect(bodyOf(status.payload)).toEqual({ shop_no: 1, request: { status: 'shipped' } });
    const tracking = updateShipment(session, { orderId: 'O', shippingCode: 'D-O-00', kind: 'tracking', trackingNo: '684512339870', carrierCode: '0012' });
    expect(bodyOf(tracking.payload)).toEqual({ shop_no: 1, request: { tracking_no: '684512339870', shipping_company_code: '0012' } });
    const bulk = updateShipments(session, [{ orderId: 'O', shippingCode: 'D-O-00', kind: 'status', status: 'shipped' }]);
    expect(bulk[0]!.method).toBe('put');
    expect(bulk[0]!.url).toBe(`${ADMIN}/shipments`);
    expect(bodyOf(bulk[0]!.payload)).toEqual({ shop_no: 1, requests: [{ order_id: 'O', shipping_code: 'D-O-00', status: 'shipped' }] });
  });
});

describe('claims and refunds', () => {
  const items = [{ orderItemCode: '20261120-0000001-01', quantity: 1 }];

  test('reads by claim code', () => {
    expect(getReturn(session, 'C20261123-0000001').url).toBe(`${ADMIN}/return/C20261123-0000001?shop_no=1`);
    expect(getExchange(session, 'C20261123-0000002').url).toBe(`${ADMIN}/exchange/C20261123-0000002?shop_no=1`);
    expect(getRefund(session, 'C20261123-0000003').url).toBe(`${ADMIN}/refunds/C20261123-0000003?shop_no=1`);
  });

  test('accept a cancellation: status canceled, items, the PG and stock decisions spelled out', () => {
    const r = acceptCancellation(session, { orderId: '20261120-0000001', items, refundAtGateway: false, recoverInventory: true, reason: '품절' });
    expect(r.method).toBe('post');
    expect(r.url).toBe(`${ADMIN}/orders/20261120-0000001/cancellation`);
    expect(bodyOf(r.payload)).toEqual({
      shop_no: 1,
      request: {
        status: 'canceled',
        items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }],
        payment_gateway_cancel: 'F',
        recover_inventory: 'T',
        reason: '품절',
      },
    });
  });

  test('accept and complete a return', () => {
    const accept = acceptReturn(session, { orderId: 'O', items });
    expect(accept.url).toBe(`${ADMIN}/orders/O/return`);
    expect(bodyOf(accept.payload)).toEqual({ shop_no: 1, request: { status: 'accepted', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }] } });
    const done = completeReturn(session, { orderId: 'O', claimCode: 'C1', refundAtGateway: true, recoverInventory: false });
    expect(done.method).toBe('put');
    expect(done.url).toBe(`${ADMIN}/orders/O/return/C1`);
    expect(bodyOf(done.payload)).toEqual({ shop_no: 1, request: { status: 'returned', payment_gateway_cancel: 'T', recover_inventory: 'F' } });
  });

  test('accept an exchange (another option of the same product) and complete it', () => {
    const accept = acceptExchange(session, { orderId: 'O', items, exchangeVariantCode: 'P000000L000B' });
    expect(accept.url).toBe(`${ADMIN}/orders/O/exchange`);
    expect(bodyOf(accept.payload)).toEqual({
      shop_no: 1,
      request: { status: 'accepted', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }], same_product: 'T', exchange_variant_code: 'P000000L000B' },
    });
    const done = completeExchange(session, { orderId: 'O', claimCode: 'C2' });
    expect(done.url).toBe(`${ADMIN}/orders/O/exchange/C2`);
    expect(bodyOf(done.payload)).toEqual({ shop_no: 1, request: { status: 'exchanged' } });
  });

  test('claims need items with a positive quantity', () => {
    expect(() => acceptReturn(session, { orderId: 'O', items: [] })).toThrow('at least one item');
    expect(() => acceptReturn(session, { orderId: 'O', items: [{ orderItemCode: 'x', quantity: 0 }] })).toThrow('≥ 1');
  });

  test('reject buyer requests: PUT /{kind}requests with undone=T', () => {
    for (const kind of ['cancellation', 'return', 'exchange'] as const) {
      const [r, ...more] = rejectClaimRequests(session, kind, [{ orderId: 'O', orderItemCodes: ['O-01'], reason: '이미 발송되었습니다', showToBuyer: true }]);
      expect(more).toEqual([]);
      expect(r!.method).toBe('put');
      expect(r!.url).toBe(`${ADMIN}/${kind}requests`);
      expect(bodyOf(r!.payload)).toEqual({
        shop_no: 1,
        requests: [{ order_id: 'O', order_item_code: ['O-01'], undone: 'T', reject_reason: '이미 발송되었습니다', display_reject_reason: 'T' }],
      });
    }
  });

  test('refunds: list by window (limit ≤ 500), complete one', () => {
    expect(listRefunds(session, { window: nov, dateType: 'refund_date', limit: 500, offset: 0 }).url).toBe(
      `${ADMIN}/refunds?shop_no=1&start_date=2026-11-01&end_date=2026-11-23&date_type=refund_date&limit=500&offset=0`,
    );
    expect(() => listRefunds(session, { window: nov, dateType: 'refund_date', limit: 501, offset: 0 })).toThrow('limit must be 1-500');
    const r = completeRefund(session, { orderId: 'O', refundCode: 'C3', refundAtGateway: false });
    expect(r.url).toBe(`${ADMIN}/orders/O/refunds/C3`);
    expect(bodyOf(r.payload)).toEqual({ shop_no: 1, request: { status: 'complete', payment_gateway_cancel: 'F' } });
  });
});

test('suppliers: limit ≤ 100, offset ≤ 8000', () => {
  expect(listSuppliers(session, { limit: 100, offset: 8000 }).url).toBe(`${ADMIN}/suppliers?shop_no=1&limit=100&offset=8000`);
  expect(() => listSuppliers(session, { limit: 100, offset: 8001 })).toThrow('offset must be 0-8000');
});
