/**
 * The fake's order flow: ordersheets by status and time frame with nextToken paging (B2),
 * acknowledgement (B3) before invoices (B4), split shipping giving new shipmentBoxIds, claims
 * (B6), stock (B7), and each control operation.
 */
import { DEFAULT_VENDOR_ID as V } from '../../local/fakes/coupang';
import { OPEN, SELLER, startCoupangFake, T0, type Harness } from '../../local/fakes/coupang/testing';

let h: Harness;
beforeEach(async () => (h = await startCoupangFake()));
afterEach(async () => h.close());

const MUG = 3242596358;
const APRON = 3242596361;
const APRON2 = 3242596362;
const sheets = (q: string) => h.send('GET', `${OPEN}/ordersheets?${q}`);
const ids = (r: { json: { data: Array<{ shipmentBoxId: number }> } }) => r.json.data.map((s) => s.shipmentBoxId);
const ack = (shipmentBoxIds: number[]) => h.send('PUT', `${OPEN}/ordersheets/acknowledgement`, { body: { vendorId: V, shipmentBoxIds } });
const invoices = (dtos: object[]) => h.send('POST', `${OPEN}/orders/invoices`, { body: { vendorId: V, orderSheetInvoiceApplyDtos: dtos } });
const dto = (shipmentBoxId: number, orderId: number, vendorItemId: number, invoiceNumber: string, more: object = {}) => ({
  shipmentBoxId,
  orderId,
  vendorItemId,
  deliveryCompanyCode: 'CJGLS',
  invoiceNumber,
  splitShipping: false,
  preSplitShipped: false,
  estimatedShippingDate: '',
  ...more,
});

test('day-mode ordersheets page with nextToken (maxPerPage), each page signed on its own', async () => {
  for (let i = 0; i < 4; i++) h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  const seen: number[] = [];
  let token = '';
  let pages = 0;
  do {
    const r = await sheets(`createdAtFrom=2026-11-22&createdAtTo=2026-11-23&status=ACCEPT&maxPerPage=2${token ? `&nextToken=${token}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.json.data.length).toBeLessThanOrEqual(2);
    seen.push(...ids(r));
    token = r.json.nextToken;
    pages++;
  } while (token !== '');
  expect(pages).toBe(3);
  expect(seen).toHaveLength(5);
  expect(new Set(seen).size).toBe(5);
});

test('time-frame mode: at most 24 h, from inclusive, to exclusive, everything in one answer', async () => {
  h.clock.now = T0 + 30 * 60_000; // 10:30
  const { shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  const frame = (from: string, to: string) => sheets(`createdAtFrom=${from}&createdAtTo=${to}&status=ACCEPT&searchType=timeFrame`);
  expect(ids(await frame('2026-11-23T10:30', '2026-11-23T10:31'))).toEqual([shipmentBoxId]);
  expect(ids(await frame('2026-11-23T10:00', '2026-11-23T10:30'))).toEqual([]);
  expect((await frame('2026-11-22T10:00', '2026-11-23T10:01')).status).toBe(400);
  expect((await sheets('createdAtFrom=2026-11-23&createdAtTo=2026-11-23')).status).toBe(400); // status is required
});

test('unpaid orders have no ordersheet until paid; paid ones arrive as ACCEPT', async () => {
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }], paid: false });
  const q = 'createdAtFrom=2026-11-23&createdAtTo=2026-11-23&status=ACCEPT';
  expect(ids(await sheets(q))).not.toContain(shipmentBoxId);
  expect((await h.send('GET', `${OPEN}/${orderId}/ordersheets`)).status).toBe(404);
  h.fake.payOrder(V, orderId);
  expect(ids(await sheets(q))).toContain(shipmentBoxId);
});

test('an invoice is refused until the box is acknowledged; acknowledgement answers per box', async () => {
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  const early = await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931')]);
  expect(early.json.data).toMatchObject({ responseCode: 99, responseList: [{ shipmentBoxId, succeed: false, resultCode: 'INVALID_STATUS' }] });

  const a = await ack([shipmentBoxId, 999]);
  expect(a.json).toMatchObject({ code: '200', data: { responseCode: 1 } });
  expect(a.json.data.responseList).toEqual([
    expect.objectContaining({ shipmentBoxId, succeed: true, resultCode: 'OK' }),
    expect.objectContaining({ shipmentBoxId: 999, succeed: false, resultCode: 'NOT_FOUND_SHIPMENT_BOX', retryRequired: true }),
  ]);
  // Only ACCEPT boxes: a second acknowledgement fails with the documented message.
  expect((await ack([shipmentBoxId])).json.data).toMatchObject({ responseCode: 99, responseList: [{ resultMessage: '배송상태를 변경할 수 없습니다. 주문내역을 확인해주세요.' }] });

  const sent = await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931')]);
  expect(sent.json.data).toMatchObject({ responseCode: 0, responseList: [{ shipmentBoxId, succeed: true, resultCode: 'OK' }] });
  const box = (await h.send('GET', `${OPEN}/ordersheets/${shipmentBoxId}`)).json.data;
  expect(box).toMatchObject({ status: 'DEPARTURE', invoiceNumber: '680405450931' });
  const again = await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931')]);
  expect(again.json.data.responseList[0]).toMatchObject({ resultCode: 'NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD', retryRequired: false });
});

test('the switch invoiceBeforeAck=accept takes an invoice on an ACCEPT box', async () => {
  await h.close();
  h = await startCoupangFake({ options: { invoiceBeforeAck: 'accept' } });
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  expect((await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931')])).json.data.responseCode).toBe(0);
});

test('bad numbers, unknown carriers and an invoice number of another order get their result codes', async () => {
  const a = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  const b = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  await ack([a.shipmentBoxId, b.shipmentBoxId]);
  const bad = await invoices([dto(a.shipmentBoxId, a.orderId, MUG, '12345'), dto(b.shipmentBoxId, b.orderId, MUG, '1234567890', { deliveryCompanyCode: 'LOTTE' })]);
  expect(bad.json.data.responseList.map((x: { resultCode: string }) => x.resultCode)).toEqual(['INVALID_INVOICE_NUMBER', 'UNDEFINED_ERROR_OCCUR']);
  expect((await invoices([dto(a.shipmentBoxId, a.orderId, MUG, '680405450931')])).json.data.responseCode).toBe(0);
  expect((await invoices([dto(b.shipmentBoxId, b.orderId, MUG, '680405450931')])).json.data.responseList[0].resultCode).toBe('DUPLICATE_INVOICE_NUMBER');
});

test('split shipping: the shipped item moves to a new shipmentBoxId, the rest stays with its planned date', async () => {
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }, { vendorItemId: APRON }] });
  await ack([shipmentBoxId]);
  const notSplit = await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931'), dto(shipmentBoxId, orderId, APRON, '', { estimatedShippingDate: '2026-11-26' })]);
  expect(notSplit.json.data.responseList[0].resultCode).toBe('IS_SEPARATE_MUST_BE_TRUE_WHEN_SEPARATE_DELIVERY');

  const split = await invoices([
    dto(shipmentBoxId, orderId, MUG, '680405450931', { splitShipping: true }),
    dto(shipmentBoxId, orderId, APRON, '', { splitShipping: true, estimatedShippingDate: '2026-11-26' }),
  ]);
  expect(split.json.data.responseList).toEqual([expect.objectContaining({ shipmentBoxId, resultCode: 'OK' })]);
  const boxes = (await h.send('GET', `${OPEN}/${orderId}/ordersheets`)).json.data as Array<{ shipmentBoxId: number; status: string; orderItems: Array<{ vendorItemId: number; plannedShippingDate: string }> }>;
  expect(boxes.map((b) => [b.shipmentBoxId === shipmentBoxId, b.status, b.orderItems.map((i) => i.vendorItemId)])).toEqual([
    [true, 'INSTRUCT', [APRON]],
    [false, 'DEPARTURE', [MUG]],
  ]);
  expect(boxes[0]!.orderItems[0]!.plannedShippingDate).toBe('2026-11-26');

  // The second parcel of the order ships from the box that stayed.
  expect((await invoices([dto(shipmentBoxId, orderId, APRON, '1547827315', { deliveryCompanyCode: 'HANJIN' })])).json.data.responseCode).toBe(0);
  const single = await h.send('GET', `${OPEN}/${orderId}/ordersheets`);
  expect(single.json.data.map((b: { status: string }) => b.status)).toEqual(['DEPARTURE', 'DEPARTURE']);
});

test('the splitKeepsBox switch keeps the box id with the first shipped group', async () => {
  await h.close();
  h = await startCoupangFake({ options: { splitKeepsBox: true } });
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }, { vendorItemId: APRON }] });
  await ack([shipmentBoxId]);
  await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931', { splitShipping: true }), dto(shipmentBoxId, orderId, APRON, '', { splitShipping: true, estimatedShippingDate: '2026-11-26' })]);
  const kept = (await h.send('GET', `${OPEN}/ordersheets/${shipmentBoxId}`)).json.data;
  expect(kept).toMatchObject({ status: 'DEPARTURE', orderItems: [{ vendorItemId: MUG }] });
});

test('a cancel before acknowledgement is done at once; after it, a stop-shipment request the seller answers', async () => {
  const before = h.fake.addOrder(V, { items: [{ vendorItemId: MUG, count: 2 }] });
  expect(h.fake.requestCancel(V, before.orderId).receiptStatus).toBe('RETURNS_COMPLETED');
  const box = (await h.send('GET', `${OPEN}/ordersheets/${before.shipmentBoxId}`)).json.data;
  expect(box.orderItems[0]).toMatchObject({ shippingCount: 0, cancelCount: 2, canceled: true });
  expect((await ack([before.shipmentBoxId])).json.data.responseCode).toBe(99);

  const after = h.fake.addOrder(V, { items: [{ vendorItemId: APRON }] });
  await ack([after.shipmentBoxId]);
  const { receiptId } = h.fake.requestCancel(V, after.orderId, { reason: '배송 지연' });
  const ru = await h.send('GET', `${OPEN}/returnRequests?createdAtFrom=2026-11-23&createdAtTo=2026-11-23&status=RU`);
  expect(ru.json.data).toEqual([expect.objectContaining({ receiptId, receiptType: 'CANCEL', receiptStatus: 'RELEASE_STOP_UNCHECKED', cancelCountSum: 1 })]);
  expect((await invoices([dto(after.shipmentBoxId, after.orderId, APRON, '680405450931')])).json.data.responseList[0].resultCode).toBe('ORDER_DELIVERY_CANCELED_HOLDING_FOR_CANCEL');
  const stop = await h.send('PUT', `${OPEN}/returnRequests/${receiptId}/stoppedShipment`, { body: { vendorId: V, receiptId, cancelCount: 1 } });
  expect(stop.json.data).toMatchObject({ resultCode: 'SUCCESS' });
  expect((await h.send('GET', `${OPEN}/returnRequests?orderId=${after.orderId}`)).json.data[0]).toMatchObject({ receiptStatus: 'RETURNS_COMPLETED' });
});

test('a return: listed as UC, goods confirmed, approved to CC', async () => {
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: MUG }] });
  expect(() => h.fake.requestReturn(V, orderId)).toThrow(/cancel it instead/);
  await ack([shipmentBoxId]);
  await invoices([dto(shipmentBoxId, orderId, MUG, '680405450931')]);
  expect(h.fake.advanceDelivery(V, orderId).moved).toEqual([shipmentBoxId]);
  const { receiptId } = h.fake.requestReturn(V, orderId);
  const uc = await h.send('GET', `${OPEN}/returnRequests?createdAtFrom=2026-11-23&createdAtTo=2026-11-23&status=UC`);
  expect(uc.json.data[0]).toMatchObject({ receiptId, receiptType: 'RETURN', receiptStatus: 'RETURNS_UNCHECKED', returnItems: [{ vendorItemId: MUG, shipmentBoxId }] });
  expect((await h.send('PUT', `${OPEN}/returnRequests/${receiptId}/receiveConfirmation`, { body: { vendorId: V, receiptId } })).status).toBe(200);
  expect((await h.send('PUT', `${OPEN}/returnRequests/${receiptId}/approval`, { body: { vendorId: V, receiptId, cancelCount: 2 } })).status).toBe(400);
  expect((await h.send('PATCH', `${OPEN}/returnRequests/${receiptId}/approval`, { body: { vendorId: V, receiptId, cancelCount: 1 } })).status).toBe(200);
  const cc = await h.send('GET', `${OPEN}/returnRequests?createdAtFrom=2026-11-23&createdAtTo=2026-11-23&status=CC`);
  expect(cc.json.data.map((r: { receiptId: number }) => r.receiptId)).toContain(receiptId);
});

test('an exchange: received, confirmed, rejected as documented', async () => {
  const { orderId, shipmentBoxId } = h.fake.addOrder(V, { items: [{ vendorItemId: APRON }] });
  await ack([shipmentBoxId]);
  await invoices([dto(shipmentBoxId, orderId, APRON, '680405450931')]);
  h.fake.advanceDelivery(V, orderId, 'DELIVERING');
  const { exchangeId } = h.fake.requestExchange(V, orderId, { reason: '색상 교환' });
  const list = await h.send('GET', `${OPEN}/exchangeRequests?createdAtFrom=2026-11-20T00:00:00&createdAtTo=2026-11-23T23:59:59`);
  expect(list.json.data).toEqual([expect.objectContaining({ exchangeId, orderId, exchangeStatus: 'RECEIPT' })]);
  expect((await h.send('GET', `${OPEN}/exchangeRequests?createdAtFrom=2026-11-01T00:00:00&createdAtTo=2026-11-23T23:59:59`)).status).toBe(400);
  await h.send('PUT', `${OPEN}/exchangeRequests/${exchangeId}/receiveConfirmation`, { body: { vendorId: V, exchangeId } });
  const rejected = await h.send('PUT', `${OPEN}/exchangeRequests/${exchangeId}/rejection`, { body: { vendorId: V, exchangeId, exchangeRejectCode: 'SOLDOUT' } });
  expect(rejected.json.data.resultCode).toBe('SUCCESS');
  expect(h.fake.state().vendors[0]!.exchanges[0]).toMatchObject({ exchangeStatus: 'REJECT' });
});

test('stock per vendorItemId: set in the path, read back; catalog pages carry externalVendorSku', async () => {
  const set = await h.send('PUT', `${SELLER}/vendor-items/${APRON2}/quantities/7`);
  expect(set.json).toEqual({ code: 'SUCCESS', message: '재고 변경을 완료했습니다.' });
  expect((await h.send('GET', `${SELLER}/vendor-items/${APRON2}/inventories`)).json.data).toMatchObject({ amountInStock: 7 });
  expect((await h.send('PUT', `${SELLER}/vendor-items/1/quantities/7`)).status).toBe(400);
  const first = await h.send('GET', `${SELLER}/seller-products?vendorId=${V}&maxPerPage=3`);
  expect(first.json.data).toHaveLength(3);
  expect(first.json.nextToken).not.toBe('');
  const detail = await h.send('GET', `${SELLER}/seller-products/${first.json.data[1].sellerProductId}`);
  expect(detail.json.data.items.map((i: { externalVendorSku: string }) => i.externalVendorSku)).toEqual(['NJ-APRON-1', 'NJ-APRON-2']);
  h.fake.setStock(V, MUG, 3);
  expect(() => h.fake.addOrder(V, { items: [{ vendorItemId: MUG, count: 4 }] })).toThrow(/only 3 in stock/);
});

test('the control surface over HTTP: an order, a time advance, the state and the log', async () => {
  const post = (op: string, body: object) => fetch(`http://127.0.0.1:${h.port}/_fake/${op}`, { method: 'POST', body: JSON.stringify(body) });
  const placed = (await (await post('addOrder', { vendorId: V, order: { items: [{ vendorItemId: MUG }] } })).json()) as { orderId: number };
  expect(placed.orderId).toBeGreaterThan(0);
  expect((await post('addOrder', { vendorId: V, order: { items: [] } })).status).toBe(400);
  expect(((await (await post('advanceTime', { ms: 60_000 })).json()) as { now: number }).now).toBe(T0 + 60_000);
  h.fake.changeAddress(V, placed.orderId, { addr1: '부산광역시 해운대구 1' });
  const state = (await (await fetch(`http://127.0.0.1:${h.port}/_fake/state`)).json()) as { vendors: Array<{ ordersheets: Array<{ orderId: number; receiver: { addr1: string } }> }> };
  expect(state.vendors[0]!.ordersheets.find((s) => s.orderId === placed.orderId)!.receiver.addr1).toBe('부산광역시 해운대구 1');
  await sheets('createdAtFrom=2026-11-23&createdAtTo=2026-11-23&status=ACCEPT');
  const log = (await (await fetch(`http://127.0.0.1:${h.port}/_fake/log`)).json()) as { log: Array<{ path: string; vendorId: string }> };
  expect(log.log.at(-1)).toMatchObject({ path: `${OPEN}/ordersheets`, vendorId: V });
});
