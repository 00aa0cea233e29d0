import { defaultSeed } from '../../local/fakes/cafe24/default-seed';
import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, fakeRequests, runClean, tabRows as rowsOf } from '../e2e';

/**
 * Claims worked to the end, from the sheet: the built bundle in the local Apps Script runtime
 * against the fake Cafe24. Buyers ask to cancel, return and exchange; staff answer in the claims
 * tab (처리요청, 메모, 입고일시, 분류); the add-on answers the malls, reads the orders again, and
 * puts good units back on the shelf with the partner credited.
 *
 * The setup is the demo's morning (three partners connected, products, ratios) with more
 * delivered orders seeded: NJ-MUG (wholesale 7,000) bought from the reseller 보라색 (PNR002).
 */
const setup = demoMorning();

type Seed = typeof defaultSeed;
type SeedOrder = NonNullable<Seed['malls'][number]['orders']>[number];

/** A paid NJ-MUG order of the mall, delivered (N40) unless told otherwise. */
function mugOrder(mall: 'borasaeg' | 'najalran', orderId: string, quantity: number, item: Record<string, unknown> = {}): SeedOrder {
  const product = mall === 'borasaeg' ? { product_no: 102, product_code: 'P00000A2', variant_code: 'P00000A2000A', supplier_id: 'S000000A', price: 19500 } : { product_no: 13, product_code: 'P000000N', variant_code: 'P000000N000A', supplier_id: 'S0000000', price: 18000 };
  const date = `${orderId.slice(0, 4)}-${orderId.slice(4, 6)}-${orderId.slice(6, 8)}T10:00:00+09:00`;
  return {
    shop_no: 1,
    currency: 'KRW',
    order_id: orderId,
    market_id: 'self',
    member_id: null,
    billing_name: '구매자',
    payment_method: ['card'],
    paid: 'T',
    canceled: 'F',
    order_date: date,
    payment_date: date,
    payment_amount: `${product.price * quantity}.00`,
    order_place_id: 'cafe24',
    items: [
      {
        shop_no: 1,
        item_no: 1,
        order_item_code: `${orderId}-01`,
        product_no: product.product_no,
        product_code: product.product_code,
        variant_code: product.variant_code,
        custom_product_code: 'NJ-MUG',
        custom_variant_code: 'NJ-MUG',
        product_name: '수제 도자기 머그컵',
        option_value: '',
        product_price: `${product.price}.00`,
        option_price: '0.00',
        quantity,
        supplier_id: product.supplier_id,
        order_status: 'N40',
        shipping_code: `D-${orderId}-00`,
        tracking_no: `68${orderId.slice(-6)}0000`,
        shipping_company_code: '0006',
        shipping_company_name: 'CJ대한통운',
        ordered_date: date.replace('T', ' ').slice(0, 19),
        shipped_date: date.replace('T', ' ').slice(0, 19),
        delivered_date: null,
        ...item,
      } as never,
    ],
    receivers: [{ name: '구매자', phone: '', cellphone: '010-0000-0000', zipcode: '06236', address1: '서울특별시 강남구', address2: '1호', shipping_message: '', shipping_code: `D-${orderId}-00` }],
    buyer: { member_id: null, name: '구매자', email: '', phone: '', cellphone: '010-0000-0000' },
  } as SeedOrder;
}

const GOOD = '20261120-2000001';
const DEFECTIVE = '20261120-2000002';
const REPAIRABLE = '20261120-2000003';
const EXCHANGE = '20261120-2000004';
const REJECTED = '20261120-2000005';
const UNSORTED = '20261120-2000006';
/** A return asked two days before the scenario and never answered. */
const LATE = '20261119-1000001';
/** A return whose 24 hours run out at +107m, after the last edit of the tab. */
const TURNS_LATE = '20261119-1000002';
/** Packed with its label printed (N21, tracking number registered) when the buyer asks to cancel. */
const LABELLED = '20261121-2000007';
/** Seeded N10 orders: the own mall's (apron + 2 mugs) and the reseller's blanket. */
const OWN_UNSHIPPED = '20261120-0000001';
const RESELLER_UNSHIPPED = '20261122-0000002';

function seed(): Seed {
  const s = JSON.parse(JSON.stringify(defaultSeed)) as Seed;
  const mall = (id: string) => s.malls.find((m) => m.mall_id === id)!;
  mall('borasaeg').orders!.push(
    mugOrder('borasaeg', GOOD, 2),
    ...[DEFECTIVE, REPAIRABLE, EXCHANGE, REJECTED, UNSORTED].map((id) => mugOrder('borasaeg', id, 1)),
    mugOrder('borasaeg', LABELLED, 1, { order_status: 'N21', shipped_date: null }),
  );
  mall('najalran').orders!.push(
    mugOrder('najalran', LATE, 1, {
      order_status: 'R00',
      order_status_before_cs: 'N40',
      claim_code: 'C20261121-0000001',
      claim_type: 'R',
      claim_reason: '사이즈가 생각과 달라요',
      return_request_date: '2026-11-21 10:00:00',
    }),
    mugOrder('najalran', TURNS_LATE, 1, {
      order_status: 'R00',
      order_status_before_cs: 'N40',
      claim_code: 'C20261122-0000001',
      claim_type: 'R',
      claim_reason: '파손',
      return_request_date: '2026-11-22 10:47:00',
    }),
  );
  return s;
}

const at = (m: number) => `+${m}m`;
const request = (m: number, action: string, mall: string, orderId: string, body: Record<string, unknown> = {}) => ({ at: at(m), type: 'channel', channel: 'cafe24', action, args: [mall, orderId, body] });
const claimRow = (m: number, orderId: string, set: Record<string, string | number>) => ({ at: at(m), type: 'editRow', sheet: '클레임', where: { 주문번호: orderId }, set });
const received = '2026-11-23 09:30';

type MallState = { orders: Array<{ order_id: string; items: Array<{ order_item_code: string; order_status: string; variant_code: string }> }> };

const claimOf = (r: SandboxResult, orderId: string) => rowsOf(r, '클레임').find((x) => x['주문번호'] === orderId)!;
const orderRow = (r: SandboxResult, itemId: string) => rowsOf(r, '주문').find((x) => x['품목주문번호'] === itemId)!;
const mallItem = (r: SandboxResult, mall: string, itemId: string) =>
  (r.channels.get('cafe24')!.state() as { malls: Record<string, MallState> }).malls[mall]!.orders.flatMap((o) => o.items).find((i) => i.order_item_code === itemId)!;
const calls = (r: SandboxResult, method: string, path: RegExp) => fakeRequests(r).filter((e) => e.method === method && path.test(e.path));
const mugStock = (r: SandboxResult) => rowsOf(r, '상품').find((x) => x.SKU === 'NJ-MUG')!['물류재고'];

describe('claims worked from the sheet', () => {
  let r: SandboxResult;
  /** NJ-MUG's warehouse stock after the re-run edit at +105m, and at the end. */
  beforeAll(async () => {
    const events = [
      ...setup,
      // Buyers: a cancel of unshipped goods in each kind of mall, returns, an exchange. They reach
      // the claims tab with the claim dates read on the backstop (one type each 10 minutes, all
      // within the hour: test/sync/claims-backstop-e2e.test.ts); staff answer after that.
      request(15, 'requestCancel', 'najalran', OWN_UNSHIPPED, { items: [`${OWN_UNSHIPPED}-02`], reason: '단순 변심' }),
      request(15, 'requestCancel', 'borasaeg', RESELLER_UNSHIPPED, { reason: '주문 실수' }),
      ...[GOOD, DEFECTIVE, REPAIRABLE, REJECTED, UNSORTED].map((id) => request(15, 'requestReturn', 'borasaeg', id, { reason: '마음이 바뀜' })),
      request(15, 'requestExchange', 'borasaeg', EXCHANGE, { reason: '색이 달라요' }),
      request(15, 'requestCancel', 'borasaeg', LABELLED, { reason: '단순 변심' }),
      // The reseller's operator cancels it in the Cafe24 admin; the parcel comes back anyway.
      { at: at(22), type: 'channel', channel: 'cafe24', action: 'adminCancel', args: ['borasaeg', LABELLED] },
      // Staff answer: accept the returns and the exchange, reject one (the memo first: it is the reason).
      ...[GOOD, DEFECTIVE, REPAIRABLE, UNSORTED, EXCHANGE].map((id) => claimRow(85, id, { 처리요청: '승인' })),
      claimRow(85, REJECTED, { '메모(거부 사유)': '사용 흔적이 있어 반품이 어렵습니다', 처리요청: '거부' }),
      // The goods arrive and are sorted; one row is confirmed without a classification.
      claimRow(90, GOOD, { 입고일시: received, 분류: '정품', 처리요청: '입고확인' }),
      claimRow(90, DEFECTIVE, { 입고일시: received, 분류: '불량', 처리요청: '입고확인' }),
      claimRow(90, REPAIRABLE, { 입고일시: received, 분류: '수선', 처리요청: '입고확인' }),
      claimRow(90, UNSORTED, { 입고일시: received, 처리요청: '입고확인' }),
      claimRow(90, LABELLED, { 입고일시: received, 분류: '정품', 처리요청: '입고확인' }),
      // Someone tries to ship the replacement before the exchanged goods are back: the row takes
      // no number yet (the orders tab puts it back).
      { at: at(92), type: 'editRow', sheet: '주문', where: { 품목주문번호: `${EXCHANGE}-02` }, set: { 택배사: 'CJ대한통운', 송장번호: '681111111111' } },
      claimRow(95, EXCHANGE, { 입고일시: received, 분류: '정품', 처리요청: '입고확인' }),
      { at: at(100), type: 'editRow', sheet: '주문', where: { 품목주문번호: `${EXCHANGE}-02` }, set: { 택배사: 'CJ대한통운', 송장번호: '682222222222' } },
      // An edit of finished rows makes the step look at the tab again: nothing may happen twice.
      claimRow(105, GOOD, { '메모(거부 사유)': '확인함' }),
      claimRow(105, EXCHANGE, { '메모(거부 사유)': '확인함' }),
      { at: '+109m30s', type: 'sort', sheet: '클레임', column: '조치필요', ascending: true },
    ];
    r = await runClean({ name: 'claims', duration: '115m', channels: { cafe24: seed() }, events });
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('accepts a cancel of unshipped goods by itself, refunding at the gateway only in the own mall', () => {
    const own = claimOf(r, OWN_UNSHIPPED);
    expect(own).toMatchObject({ 유형: '취소', 품목주문번호: `${OWN_UNSHIPPED}-02`, 수량: 2, 조치필요: '' });
    expect(own['클레임상태']).toBe('취소완료 (C40)');
    expect(String(own['처리결과'])).toMatch(/^카페24: 취소 승인됨 \(canceled · C40\)$/);
    expect(own['완료일시']).toBeInstanceOf(Date);
    // The reseller refunds its own customer: cancelled, refund left to the reseller.
    expect(claimOf(r, RESELLER_UNSHIPPED)['클레임상태']).toBe('취소완료 (C41)');
    expect(mallItem(r, 'najalran', `${OWN_UNSHIPPED}-02`).order_status).toBe('C40');
    expect(mallItem(r, 'borasaeg', `${RESELLER_UNSHIPPED}-01`).order_status).toBe('C41');
    // The apron of the same order was not asked about.
    expect(mallItem(r, 'najalran', `${OWN_UNSHIPPED}-01`).order_status).toBe('N10');
    expect(String(orderRow(r, `${OWN_UNSHIPPED}-02`)['주문상태'])).toBe('환불완료 (C40)');
  });

  it('releases the cancelled units in the same run: the malls are sent more NJ-MUG at once', () => {
    const cancel = calls(r, 'POST', new RegExp(`/orders/${OWN_UNSHIPPED}/cancellation$`));
    expect(cancel).toHaveLength(1);
    const run = r.runtime.executions.find((x) => x.function === 'onSyncTick' && x.start <= cancel[0]!.at && cancel[0]!.at <= x.end)!;
    const mugPuts = calls(r, 'PUT', /\/products\/13\/variants\/P000000N000A\/inventories$/).filter((e) => e.at >= run.start && e.at <= run.end);
    expect(mugPuts.length).toBe(1);
    expect(mugPuts[0]!.at).toBeGreaterThan(cancel[0]!.at);
  });

  it('accepts a return on 승인 and completes it on 입고확인; only 정품 units go back to stock, every unit is credited', () => {
    const good = claimOf(r, GOOD);
    expect(good['클레임상태']).toBe('반품완료 (R41)');
    expect(good['파트너 차감액']).toBe(14_000);
    expect(good['완료일시']).toBeInstanceOf(Date);
    expect(String(good['처리결과'])).toMatch(/^카페24: 반품 완료됨 \(returned · R41\) · 파트너 차감 14,000원 · 재입고 2개$/);
    for (const id of [DEFECTIVE, REPAIRABLE]) {
      const row = claimOf(r, id);
      expect(row['클레임상태']).toBe('반품완료 (R41)');
      expect(row['파트너 차감액']).toBe(7_000);
      expect(String(row['처리결과'])).toMatch(/재입고 없음/);
    }
    // Accepted first (R10), then completed: two calls per return, no more.
    expect(calls(r, 'POST', new RegExp(`/orders/${GOOD}/return$`))).toHaveLength(1);
    expect(calls(r, 'PUT', new RegExp(`/orders/${GOOD}/return/`))).toHaveLength(1);
  });

  it('puts good units on the shelf exactly once, however often the tab is looked at again', () => {
    // 120 at setup, + 2 (정품 return) + 1 (정품 exchange) + 1 (정품, cancelled after labelling)
    // − 1 (the replacement shipped).
    expect(mugStock(r)).toBe(123);
    expect(claimOf(r, GOOD)['파트너 차감액']).toBe(14_000);
    expect(calls(r, 'PUT', new RegExp(`/orders/${EXCHANGE}/exchange/`))).toHaveLength(1);
  });

  it('ships an exchange\'s replacement only once 입고확인 has completed the exchange', () => {
    const exchange = claimOf(r, EXCHANGE);
    expect(exchange['클레임상태']).toBe('교환완료 (E40)');
    expect(exchange['파트너 차감액']).toBe('');
    expect(String(exchange['처리결과'])).toMatch(/^카페24: 교환 완료됨 \(exchanged · E40\) · 재입고 1개$/);
    const completed = calls(r, 'PUT', new RegExp(`/orders/${EXCHANGE}/exchange/`))[0]!;
    // The only parcel of this mall in the scenario: the number typed at +92m went nowhere, the
    // one typed at +100m shipped.
    const shipped = calls(r, 'POST', /\/shipments$/).filter((e) => e.mall === 'borasaeg');
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.at).toBeGreaterThan(completed.at);
    expect(mallItem(r, 'borasaeg', `${EXCHANGE}-02`).order_status).toBe('N30');
    expect(orderRow(r, `${EXCHANGE}-02`)['송장번호']).toBe('682222222222');
  });

  it('touches no sheet in an idle minute, with claims still open (one late, one waiting for goods)', () => {
    const T0 = Date.parse(demo.start);
    // After the sort at +109m30s and the next run that reads the malls (it reads the tab staff sorted).
    const idle = r.runtime.executions.filter((x) => x.function === 'onSyncTick' && x.start > T0 + 111 * 60_000);
    expect(idle.length).toBeGreaterThanOrEqual(3);
    for (const x of idle) expect(Object.keys(x.roundTrips).filter((k) => k.startsWith('SpreadsheetApp'))).toEqual([]);
  });

  it('works a cancel of goods already labelled as a return, finishing only the sheet side when the mall has cancelled', () => {
    const row = claimOf(r, LABELLED);
    expect(row['유형']).toBe('반품');
    // The reason is the mall's latest word (the operator's cancel replaced the buyer's).
    expect(row['사유']).toBe('[출고 후 취소요청 → 반품으로 처리] 관리자 취소');
    expect(row['클레임상태']).toBe('취소완료 (C40)');
    expect(row['파트너 차감액']).toBe(7_000);
    expect(row['완료일시']).toBeInstanceOf(Date);
    expect(row['처리결과']).toBe('입고 처리 (카페24는 이미 완료 · C40) · 파트너 차감 7,000원 · 재입고 1개');
    // Never accepted by itself (the parcel was on its way), and no call once the mall had done it.
    expect(calls(r, 'POST', new RegExp(`/orders/${LABELLED}/`))).toEqual([]);
    expect(calls(r, 'PUT', new RegExp(`/orders/${LABELLED}/`))).toEqual([]);
  });

  it('rejects a request with the memo as the reason the buyer reads', () => {
    const row = claimOf(r, REJECTED);
    expect(row['클레임상태']).toBe('반품거부 (R11)');
    expect(String(row['처리결과'])).toMatch(/^카페24: 요청 거부됨/);
    expect(row['조치필요']).toBe('');
    expect(mallItem(r, 'borasaeg', `${REJECTED}-01`).order_status).toBe('R11');
  });

  it('refuses 입고확인 without a classification and says why in the row', () => {
    const row = claimOf(r, UNSORTED);
    expect(String(row['처리결과'])).toMatch(/입고확인 불가: 분류\(정품\/불량\/수선\)를 선택하세요/);
    expect(row['클레임상태']).toBe('반품처리중 (R10)');
    expect(row['완료일시']).toBe('');
    expect(row['조치필요']).toBe('3 입고 확인 필요');
    expect(calls(r, 'PUT', new RegExp(`/orders/${UNSORTED}/return/`))).toEqual([]);
  });

  it('ranks late answers first in the to-do column, with their answer-by time in red', () => {
    const sheet = r.sheets.snapshot().find((s) => s.name === '클레임')!;
    const rows = rowsOf(r, '클레임');
    // Sorted by 조치필요 at +109m30s: the late claims on top, finished rows (blank) last.
    expect(rows.slice(0, 2).map((x) => x['주문번호']).sort()).toEqual([LATE, TURNS_LATE]);
    for (const x of rows.slice(0, 2)) expect(x).toMatchObject({ 조치필요: '1 답변기한 초과', 유형: '반품', 클레임상태: '반품요청 (R00)' });
    expect(rows.find((x) => x['주문번호'] === LATE)!['답변기한']).toEqual(new Date(Date.parse('2026-11-22T10:00:00+09:00')));
    const todos = rows.map((x) => String(x['조치필요']));
    const firstBlank = todos.indexOf('');
    expect(todos.slice(0, firstBlank)).toEqual([...todos.slice(0, firstBlank)].sort());
    expect(todos.slice(firstBlank).every((t) => t === '')).toBe(true);
    const column = String.fromCharCode(65 + sheet.values[0]!.indexOf('답변기한'));
    const red = sheet.sheet.styles.filter((s) => s.fontColor === '#d93025').map((s) => s.cell);
    expect(red.sort()).toEqual([`${column}2`, `${column}3`]);
  });

  it('turns a claim late in the minute its 24 hours run out, with no edit to prompt it', () => {
    const T0 = Date.parse(demo.start);
    // The last edit of the tab was at +105m; the deadline passed at +107m.
    const run = r.runtime.executions.find((x) => x.function === 'onSyncTick' && x.start > T0 + 107 * 60_000 && x.start < T0 + 108 * 60_000)!;
    expect(run.roundTrips['SpreadsheetApp.RangeList.setFontColor']).toBe(1);
    const before = r.runtime.executions.filter((x) => x.function === 'onSyncTick' && x.start > T0 + 106 * 60_000 && x.start < T0 + 107 * 60_000);
    for (const x of before) expect(Object.keys(x.roundTrips).filter((k) => k.startsWith('SpreadsheetApp'))).toEqual([]);
  });
});
