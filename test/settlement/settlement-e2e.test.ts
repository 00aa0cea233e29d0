import { paths } from '../../local/paths';
import { defaultSeed } from '../../local/fakes/cafe24';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { cafe24Only } from '../e2e';
import { snapshotWorkbooks, spreadsheetStore } from '../../local/runtime/services/spreadsheet';

/**
 * Settlement end to end: the built bundle in the local Apps Script runtime against the fake
 * Cafe24, on orders that reproduce the primary spec's settlement table (DOMAIN.md):
 *
 *   partner | 7-day orders | shipped Mon–Sun | wholesale  | incentive 5% | shipped in month | shipping fee
 *   PNR001  | 50,000,000   | 1,000           | 20,000,000 | 1,000,000    | 3,000            | 7,500,000
 *   PNR002  | 40,000,000   |   800           | 16,000,000 |   800,000    | 2,000            | 5,000,000
 *   PNR003  | 80,000,000   | 1,600           | 32,000,000 | 1,600,000    | 5,000            | 12,500,000
 *
 * One SKU (NJ-MUG) at a wholesale price of 20,000 and a sale price of 50,000, a few orders of many
 * units. The week is 2027-W04 (Mon 2027-01-25 – Sun 01-31) and the month January 2027. The
 * scenario starts on Sunday 31 January at 21:00 KST: the add-on is installed, collects the last 7
 * days (orders the fake already shows shipped), and one more PNR001 order is shipped through the
 * orders tab's tracking-number path that evening. On Monday at 06:00 the weekly settlement runs by
 * itself; January is settled from the sidebar (the first sync only reads 7 days back, so the month
 * is not settled by itself), and W04 once more by hand: nothing doubles.
 *
 * Then staff record payments in the ledger tab: the deposit partner PNR002 and the credit partner
 * PNR003 (limit 5,000,000) first one won short (held), then exactly at the boundary (ships).
 */
const START = '2027-01-31T21:00:00+09:00';
const T0 = Date.parse(START);
const at = (hhmm: string) => {
  // Monday 1 February 2027, Seoul time
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `+${Math.round((Date.parse(`2027-02-01T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+09:00`) - T0) / 60_000)}m`;
};

const MALLS = { PNR001: 'najalran', PNR002: 'borasaeg', PNR003: 'undercoco' } as const;
const MUG = {
  najalran: { no: 13, code: 'P000000N', variant: 'P000000N000A' },
  borasaeg: { no: 102, code: 'P00000A2', variant: 'P00000A2000A' },
  undercoco: { no: 8, code: 'P0000008', variant: 'P0000008000A' },
} as const;

interface Buyer {
  name: string;
  cellphone: string;
}
const buyers: Buyer[] = [];
let buyerSeq = 0;
const nextBuyer = (): Buyer => {
  buyerSeq += 1;
  const b = { name: `정산구매${buyerSeq}`, cellphone: `010-7${String(buyerSeq).padStart(3, '0')}-${String(4000 + buyerSeq)}` };
  buyers.push(b);
  return b;
};

/** An order the fake already shows shipped (in transit), paid at `paid` and shipped at `shipped` (Seoul). */
function shippedOrder(mall: keyof typeof MUG, orderId: string, quantity: number, paid: string, shipped: string, tracking: string) {
  const p = MUG[mall];
  const b = nextBuyer();
  const shippingCode = `D-${orderId}-00`;
  return {
    shop_no: 1,
    currency: 'KRW',
    order_id: orderId,
    market_id: 'self',
    member_id: null,
    billing_name: b.name,
    payment_method: ['card'],
    paid: 'T',
    canceled: 'F',
    order_date: `${paid}+09:00`,
    payment_date: `${paid}+09:00`,
    payment_amount: `${50_000 * quantity}.00`,
    order_place_id: 'cafe24',
    actual_order_amount: { order_price_amount: `${50_000 * quantity}.00`, shipping_fee: '0.00', payment_amount: `${50_000 * quantity}.00` },
    items: [
      {
        shop_no: 1,
        item_no: 1,
        order_item_code: `${orderId}-01`,
        product_no: p.no,
        product_code: p.code,
        variant_code: p.variant,
        custom_product_code: 'NJ-MUG',
        custom_variant_code: 'NJ-MUG',
        product_name: '수제 도자기 머그컵',
        option_value: '',
        product_price: '50000.00',
        option_price: '0.00',
        quantity,
        supplier_id: mall === 'najalran' ? 'S0000000' : 'S000000A',
        order_status: 'N30',
        shipping_code: shippingCode,
        tracking_no: tracking,
        shipping_company_code: '0006',
        shipping_company_name: 'CJ대한통운',
        ordered_date: paid.replace('T', ' '),
        shipped_date: shipped,
        delivered_date: null,
      },
    ],
    receivers: [
      {
        name: b.name,
        phone: '',
        cellphone: b.cellphone,
        zipcode: '06236',
        address1: `${b.name}시 정산로 1`,
        address2: '101호',
        shipping_message: '문 앞',
        shipping_code: shippingCode,
      },
    ],
    buyer: { member_id: null, name: b.name, email: '', phone: '', cellphone: b.cellphone },
  };
}

// The week 2027-W04 and the rest of January (Sunday 24 January is week W03).
const seeded = {
  najalran: [
    shippedOrder('najalran', '20270124-1000001', 2_000, '2027-01-24T22:00:00', '2027-01-24 23:00:00', '680000100001'),
    shippedOrder('najalran', '20270126-1000001', 500, '2027-01-26T10:00:00', '2027-01-27 17:00:00', '680000100002'),
    shippedOrder('najalran', '20270128-1000001', 400, '2027-01-28T10:00:00', '2027-01-29 17:00:00', '680000100003'),
  ],
  borasaeg: [
    shippedOrder('borasaeg', '20270124-2000001', 1_200, '2027-01-24T22:00:00', '2027-01-24 23:00:00', '680000200001'),
    shippedOrder('borasaeg', '20270125-2000001', 300, '2027-01-25T09:00:00', '2027-01-25 18:00:00', '680000200002'),
    shippedOrder('borasaeg', '20270130-2000001', 500, '2027-01-30T09:00:00', '2027-01-31 12:00:00', '680000200003'),
  ],
  undercoco: [
    shippedOrder('undercoco', '20270124-3000001', 3_400, '2027-01-24T22:30:00', '2027-01-24 23:30:00', '680000300001'),
    shippedOrder('undercoco', '20270127-3000001', 1_000, '2027-01-27T11:00:00', '2027-01-28 16:00:00', '680000300002'),
    shippedOrder('undercoco', '20270131-3000001', 600, '2027-01-31T08:00:00', '2027-01-31 20:00:00', '680000300003'),
  ],
};

const seed = JSON.parse(JSON.stringify(defaultSeed)) as { malls: Array<{ mall_id: string; orders: unknown[] }> };
for (const m of seed.malls) m.orders = [...m.orders, ...seeded[m.mall_id as keyof typeof seeded]];

const setup = cafe24Only(demo.events as Array<{ type: string; at: string; sheet?: string }>).filter(
  (e) => ['sidebar', 'authorize'].includes(e.type) || (e.type === 'edit' && e.sheet === '파트너'),
);

const liveOrder = (time: string, mall: keyof typeof MUG, orderId: string, quantity: number) => {
  const b = nextBuyer();
  return {
    at: time,
    type: 'channel',
    channel: 'cafe24',
    action: 'addOrder',
    args: [mall, { order_id: orderId, buyer: { name: b.name, cellphone: b.cellphone }, receiver: { name: b.name, cellphone: b.cellphone, address1: `${b.name}시 1번길` }, items: [{ product_no: MUG[mall].no, quantity, product_price: 50_000 }] }],
  };
};
const typeTracking = (time: string, itemId: string, trackingNo: string) => ({ at: time, type: 'editRow', sheet: '주문', where: { 품목주문번호: itemId }, set: { 택배사: 'CJ대한통운', 송장번호: trackingNo } });
/** Staff record a payment on the ledger tab's row `row`: partner, 입금, amount, bank reference. */
const payment = (time: string, row: number, partnerId: string, amount: number, reference: string) => ({
  at: time,
  type: 'edit',
  sheet: '원장',
  range: `C${row}`,
  values: [[partnerId, '입금', amount, reference]],
});

/** Staff record a manual adjustment (signed: − owed by the partner) with its reason, no reference. */
const adjustment = (time: string, row: number, partnerId: string, amount: number, reason: string) => ({
  at: time,
  type: 'edit',
  sheet: '원장',
  range: `C${row}`,
  values: [[partnerId, '수동 조정', amount, '', reason]],
});

const events = [
  ...setup,
  // One SKU: wholesale 20,000 (the table's 20,000,000 / 1,000), plenty of stock.
  { at: '+10m', type: 'edit', sheet: '상품', range: 'A2', values: [['NJ-MUG', '수제 도자기 머그컵', '', '8801234500011', 20_000, 50_000, 100_000, 0, '판매중']] },
  { at: '+11m', type: 'edit', sheet: '연동재고율', range: 'A2', values: [['NJ-MUG', 'PNR001', 'TRUE', 40], ['NJ-MUG', 'PNR002', 'TRUE', 30], ['NJ-MUG', 'PNR003', 'TRUE', 30]] },
  { at: '+11m', type: 'channel', channel: 'cafe24', action: 'setStock', args: ['najalran', MUG.najalran.variant, 10_000] },
  // Sunday evening: 100 more units for PNR001, shipped from the orders tab (tracking-number path).
  liveOrder('+13m', 'najalran', '20270131-1000009', 100),
  typeTracking('+20m', '20270131-1000009-01', '680000109999'),
  // Monday, after the automatic weekly run at 06:00: January from the sidebar, and W04 again.
  { at: at('06:05'), type: 'sidebar', function: 'runSettlement', args: ['2027-01'] },
  { at: at('06:07'), type: 'sidebar', function: 'runSettlement', args: ['2027-W04'] },
  // Ledger after W04 and January: 4 weekly rows (settlement + incentive for PNR002 and PNR003)
  // and 2 shipping-fee rows; staff type into the rows below.
  // PNR002 (deposit) owes 16,000,000 − 800,000 + 5,000,000 = 20,200,000: pays one won short.
  payment(at('06:10'), 8, 'PNR002', 20_199_999, 'BANK-0001'),
  // PNR003 (credit, limit 5,000,000) owes 32,000,000 − 1,600,000 + 12,500,000 = 42,900,000:
  // pays so that it is one won over the limit (−5,000,001).
  payment(at('06:10'), 9, 'PNR003', 37_899_999, 'BANK-0002'),
  liveOrder(at('06:11'), 'borasaeg', '20270201-2000001', 1),
  liveOrder(at('06:11'), 'undercoco', '20270201-3000001', 1),
  typeTracking(at('06:14'), '20270201-2000001-01', '680000200101'),
  typeTracking(at('06:14'), '20270201-3000001-01', '680000300101'),
  // The last won: PNR002 exactly 0, PNR003 exactly at its limit.
  payment(at('06:20'), 10, 'PNR002', 1, 'BANK-0003'),
  payment(at('06:20'), 11, 'PNR003', 1, 'BANK-0004'),
  // Then a manual adjustment of −1 (with its reason, no reference typed) puts each one won over
  // its floor again: the next parcels wait.
  adjustment(at('06:23'), 12, 'PNR002', -1, '파손 보상 차감'),
  adjustment(at('06:23'), 13, 'PNR003', -1, '파손 보상 차감'),
  liveOrder(at('06:24'), 'borasaeg', '20270201-2000002', 1),
  liveOrder(at('06:24'), 'undercoco', '20270201-3000002', 1),
  typeTracking(at('06:27'), '20270201-2000002-01', '680000200102'),
  typeTracking(at('06:27'), '20270201-3000002-01', '680000300102'),
  // Someone changes a recorded payment: it is put back (a correction is a new row).
  { at: at('06:30'), type: 'editRow', sheet: '원장', where: { 전표키: 'PNR002:payment:BANK-0001' }, set: { 금액: 20_200_000 } },
  // Staff refresh the reseller sheets from the sidebar: nothing new to mail.
  { at: at('06:32'), type: 'sidebar', function: 'refreshResellerSheets', args: [] },
];

function rowsOf(values: unknown[][]): Array<Record<string, unknown>> {
  const [header, ...rows] = values;
  return rows.filter((r) => r.some((c) => c !== '')).map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i]])));
}
const tab = (r: SandboxResult, name: string) => rowsOf(r.sheets.snapshot().find((s) => s.name === name)!.values as unknown[][]);

describe('settlement: the spec table, the ledger, deposit and credit holds, reseller sheets', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runScenario(
      parseScenario({ ...demo, name: 'settlement', start: START, duration: '9h35m', channels: { cafe24: seed }, events }),
      { bundleDir: paths.build },
    );
  }, 240_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('runs clean', () => {
    expect(r.eventErrors).toEqual([]);
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
  });

  const settlementRow = (partnerId: string, period: string) => tab(r, '정산').find((x) => x['파트너ID'] === partnerId && x['정산기간'] === period)!;

  it.each([
    ['PNR001', 50_000_000, 1_000, 20_000_000, 1_000_000, 3_000, 7_500_000],
    ['PNR002', 40_000_000, 800, 16_000_000, 800_000, 2_000, 5_000_000],
    ['PNR003', 80_000_000, 1_600, 32_000_000, 1_600_000, 5_000, 12_500_000],
  ])('%s: the week and the month give exactly the table', (partnerId, orders7d, units, wholesale, incentive, monthUnits, fee) => {
    const week = settlementRow(partnerId, '2027-W04');
    expect([week['7일 주문금액'], week['출고수량'], week['도매금액'], week['반품차감'], week['정산금액'], week['영업장려금']]).toEqual([orders7d, units, wholesale, 0, wholesale, incentive]);
    // due the next Thursday
    expect((week['지급일'] as Date).toISOString()).toBe('2027-02-03T15:00:00.000Z');
    expect(String(week['처리결과'])).toMatch(/^✓/);
    const month = settlementRow(partnerId, '2027-01');
    expect([month['월 출고수량'], month['배송비']]).toEqual([monthUnits, fee]);
  });

  it('says what each figure is made of: the order items, or a count with a filter hint', () => {
    const w = String(settlementRow('PNR001', '2027-W04')['근거']);
    expect(w).toMatch(/^출고 3품목: /);
    for (const item of ['20270126-1000001-01', '20270128-1000001-01', '20270131-1000009-01']) expect(w).toContain(item);
    expect(w).not.toContain('20270124-1000001-01');
    expect(w).toMatch(/7일 주문 3품목 \(주문 탭에서 파트너ID PNR001, 주문일시 2027-01-25~2027-01-31/);
    expect(String(settlementRow('PNR003', '2027-01')['근거'])).toMatch(/^월 출고 3품목: .*20270124-3000001-01.* × 개당 2,500원$/);
    // the month started before the add-on's first read of orders: the row says so
    expect(String(settlementRow('PNR002', '2027-01')['처리결과'])).toMatch(/⚠ 주문 수집 시작\(2027-01-24\) 이전/);
  });

  it('ran the week by itself on Monday morning, and one settlement row per partner and period only', () => {
    const weekly = r.runtime.executions.filter((x) => x.function === 'onSyncTick' && (x.roundTrips['SpreadsheetApp.Sheet.insertChart'] ?? 0) > 0);
    expect(weekly.length).toBeGreaterThanOrEqual(1);
    const first = new Date(weekly[0]!.start + 9 * 3_600_000).toISOString();
    expect(first.slice(0, 16)).toMatch(/^2027-02-01T06:0[01]/);
    const keys = tab(r, '정산').map((x) => `${x['파트너ID']}|${x['정산기간']}`);
    expect(keys.sort()).toEqual(['PNR001|2027-01', 'PNR001|2027-W04', 'PNR002|2027-01', 'PNR002|2027-W04', 'PNR003|2027-01', 'PNR003|2027-W04']);
  });

  it('posts each figure to the ledger once; running W04 again adds nothing', () => {
    const again = r.runtime.executions.find((x) => x.function === 'runSettlement' && JSON.stringify(x.result).includes('2027-W04'))!;
    expect(again.result).toMatchObject({ period: '2027-W04', ledgerEntriesAdded: 0 });
    const ledger = tab(r, '원장');
    const generated = ledger.filter((x) => !/:(payment|adjustment):/.test(String(x['전표키']))).map((x) => [x['전표키'], x['금액']]);
    expect(generated).toEqual([
      ['PNR002:2027-W04:settlement', -16_000_000],
      ['PNR002:2027-W04:incentive', 800_000],
      ['PNR003:2027-W04:settlement', -32_000_000],
      ['PNR003:2027-W04:incentive', 1_600_000],
      ['PNR002:2027-01:shippingFee', -5_000_000],
      ['PNR003:2027-01:shippingFee', -12_500_000],
    ]);
    // the own mall is not billed
    expect(ledger.some((x) => x['파트너ID'] === 'PNR001')).toBe(false);
    // the items behind an entry
    expect(String(ledger.find((x) => x['전표키'] === 'PNR002:2027-W04:settlement')!['품목 근거'])).toBe('품목 2품목: 20270125-2000001-01, 20270130-2000001-01');
  });

  it('gives staff payments and adjustments an id and a time, and never rewrites them', () => {
    const payments = tab(r, '원장').filter((x) => /:(payment|adjustment):/.test(String(x['전표키'])));
    expect(payments.map((x) => [x['전표키'], x['금액'], x['구분'], x['사유']])).toEqual([
      ['PNR002:payment:BANK-0001', 20_199_999, '입금', ''],
      ['PNR003:payment:BANK-0002', 37_899_999, '입금', ''],
      ['PNR002:payment:BANK-0003', 1, '입금', ''],
      ['PNR003:payment:BANK-0004', 1, '입금', ''],
      ['PNR002:adjustment:20270201-1', -1, '수동 조정', '파손 보상 차감'],
      ['PNR003:adjustment:20270201-2', -1, '수동 조정', '파손 보상 차감'],
    ]);
    for (const p of payments) {
      expect(p['일시']).toBeInstanceOf(Date);
      // the one changed at 06:30 says it was put back, and from what
      expect(String(p['처리결과'])).toMatch(p['전표키'] === 'PNR002:payment:BANK-0001' ? /^↺ .* 되돌림: 금액 20,200,000원 → 20,199,999원$/ : /^✓ .* 원장 기록$/);
    }
    // the edit of 06:30 was put back, and the person told why
    expect(r.runtime.ui.toasts.map((t) => t.message)).toContain('기록된 원장 행은 바꿀 수 없습니다. 정정은 새 행에 구분 "수동 조정"과 사유로 입력하세요');
  });

  const shipmentsOf = (mall: string, orderId: string) =>
    (r.channels.get('cafe24')!.state() as { malls: Record<string, { shipments: Array<{ order_id: string }> }> }).malls[mall]!.shipments.filter((s) => s.order_id === orderId);
  const orderRow = (itemId: string) => tab(r, '주문').find((x) => x['품목주문번호'] === itemId)!;
  const kst = (hhmm: string) => Date.parse(`2027-02-01T${hhmm}:00+09:00`);

  it.each([
    ['PNR002', 'borasaeg', '20270201-2000001', /예치금/],
    ['PNR003', 'undercoco', '20270201-3000001', /신용 한도/],
  ])('%s: one won short of its floor holds the parcel; paying that won sends it', (_partner, mall, orderId) => {
    // typed at 06:14 while one won short; sent only once the payment of 06:20 was recorded
    const row = orderRow(`${orderId}-01`);
    expect(row['주문상태']).toBe('배송중 (N30)');
    expect((row['출고일시'] as Date).getTime()).toBeGreaterThanOrEqual(kst('06:20'));
    expect(shipmentsOf(mall, orderId)).toHaveLength(1);
    // while held, the shipping step said so in the log
    const held = tab(r, '로그').filter((x) => x['작업'] === '송장 전송' && /보류/.test(String(x['내용'])));
    expect(held.length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['PNR002', 'borasaeg', '20270201-2000002', '예치금 부족으로 출고 보류: 잔액 -1원, 1원 입금 후 출고됩니다', -1],
    ['PNR003', 'undercoco', '20270201-3000002', '신용 한도 초과로 출고 보류: 잔액 -5,000,001원, 한도 5,000,000원, 1원 입금 후 출고됩니다', -5_000_001],
  ])('%s: one won over its floor again, the next parcel waits, flagged with why; the partner row says so', (partnerId, mall, orderId, reason, balance) => {
    const row = orderRow(`${orderId}-01`);
    expect(row['처리결과']).toBe(`⏸ ${reason}`);
    expect(row['조치필요']).toBe('1 출고 보류: 정산 미납');
    expect(row['주문상태']).toBe('결제완료 (N10)');
    expect(shipmentsOf(mall, orderId)).toEqual([]);
    const partner = tab(r, '파트너').find((x) => x['파트너ID'] === partnerId)!;
    expect(partner['처리결과']).toBe(reason);
    expect(partner['정산잔액']).toBe(balance);
  });

  it('the own mall is never held', () => {
    expect(tab(r, '파트너').find((x) => x['파트너ID'] === 'PNR001')!['처리결과']).toBe('');
  });

  describe("each reseller's own sheet", () => {
    const books = () => {
      const store = spreadsheetStore(r.runtime.world);
      const bound = r.sheets.snapshot();
      return snapshotWorkbooks(r.runtime.world)
        .filter((b) => b.sheets.length !== bound.length || b.sheets[0]!.name !== bound[0]!.name)
        .map((b) => ({ ...b, model: store.list().find((m) => m.name === b.name)! }));
    };
    const bookOf = (name: string) => books().find((b) => b.name.startsWith(name))!;
    const everyCell = (b: ReturnType<typeof bookOf>) => b.sheets.flatMap((s) => (s.values as unknown[][]).flat().map((v) => (v instanceof Date ? v.toISOString() : String(v))));

    it('exists for each reseller only, shared view-only with its statement address', () => {
      expect(books().map((b) => b.name).sort()).toEqual(['보라색 정산 시트', '언더코코 정산 시트']);
      const files = [...r.runtime.world.files.values()];
      expect([...files.find((f) => f.name === '보라색 정산 시트')!.viewers]).toEqual(['settle@borasaeg.example']);
      expect([...files.find((f) => f.name === '언더코코 정산 시트')!.viewers]).toEqual(['finance@undercoco.example']);
      expect(files.find((f) => f.name === '보라색 정산 시트')!.editors.size).toBe(0);
    });

    it.each([
      ['보라색', 'PNR002', ['PNR001', 'PNR003', '나잘란', '언더코코', 'najalran', 'undercoco']],
      ['언더코코', 'PNR003', ['PNR001', 'PNR002', '나잘란', '보라색', 'najalran', 'borasaeg']],
    ])('%s: every cell is checked: no other partner, no buyer or receiver name or phone', (name, own, others) => {
      const cells = everyCell(bookOf(name));
      expect(cells.length).toBeGreaterThan(50);
      const people = [...buyers.flatMap((b) => [b.name, b.cellphone, b.cellphone.replace(/-/g, '')]), '김하늘', '이서준', '최유나', '정민호', '010-1234-5678'];
      for (const cell of cells) {
        for (const o of others) expect(cell).not.toContain(o);
        for (const p of people) expect(cell).not.toContain(p);
      }
      // and it does hold its own statements, ledger and shipments
      expect(cells).toContain('2027-W04');
      expect(cells.join('\n')).toContain(own);
    });

    it('holds its statements, ledger with the balance, shipped items with tracking, and a chart of its weeks', () => {
      const b = bookOf('보라색');
      const sheet = (n: string) => rowsOf(b.sheets.find((s) => s.name === n)!.values as unknown[][]);
      expect(b.sheets.map((s) => s.name)).toEqual(['요약', '주간 정산', '월 배송비', '원장', '출고 내역']);
      const w = sheet('주간 정산').find((x) => x['정산기간'] === '2027-W04')!;
      expect([w['출고수량'], w['도매금액'], w['정산금액'], w['영업장려금'], w['7일 주문금액']]).toEqual([800, 16_000_000, 16_000_000, 800_000, 40_000_000]);
      expect(sheet('월 배송비').find((x) => x['정산기간'] === '2027-01')!['배송비']).toBe(5_000_000);
      const ledger = sheet('원장');
      expect(ledger.at(-1)).toMatchObject({ 구분: '현재 잔액', 금액: -1 });
      expect(ledger.filter((x) => x['구분'] === '입금').map((x) => x['금액'])).toEqual([20_199_999, 1]);
      expect(ledger.find((x) => x['구분'] === '수동 조정')).toMatchObject({ 금액: -1, 잔액: -1, 사유: '파손 보상 차감' });
      const summary = Object.fromEntries(sheet('요약').map((x) => [x['항목'], x['내용']]));
      expect(summary['현재 잔액']).toBe(-1);
      expect(summary['미정산 출고 (다음 정산에 차감)']).toBe(20_000);
      expect(String(summary['출고 상태'])).toMatch(/^예치금 부족으로 출고 보류/);
      const shipped = sheet('출고 내역');
      expect(shipped.find((x) => x['품목주문번호'] === '20270125-2000001-01')).toMatchObject({ 주문번호: '20270125-2000001', 상품명: '수제 도자기 머그컵', 수량: 300, 도매금액: 6_000_000, 송장번호: '680000200002' });
      expect(Object.keys(shipped[0]!)).toEqual(['출고일시', '주문번호', '품목주문번호', '상품명', '옵션', 'SKU', '수량', '도매단가', '도매금액', '택배사', '송장번호']);
      const charts = b.model.sheets.find((s) => s.name === '주간 정산')!.charts;
      expect(charts).toHaveLength(1);
      expect(charts[0]!.type).toBe('COMBO');
    });

    it('e-mails each reseller when a statement is ready (once), never the own mall', () => {
      const refresh = r.runtime.executions.find((x) => x.function === 'refreshResellerSheets')!;
      expect(refresh.result).toMatchObject({ message: '정산 시트 2개 갱신' });
      const mail = r.runtime.world.mail;
      expect(mail.map((m) => m.to).sort()).toEqual(['finance@undercoco.example', 'finance@undercoco.example', 'settle@borasaeg.example', 'settle@borasaeg.example']);
      const bora = mail.filter((m) => m.to === 'settle@borasaeg.example');
      expect(bora[0]!.subject).toContain('2027-W04');
      expect(bora[0]!.body).toContain('정산금액 16,000,000원');
      expect(bora[1]!.subject).toContain('2027-01');
      for (const m of mail) expect(`${m.subject}\n${m.body}`).not.toMatch(/PNR001|나잘란/);
    });
  });

  it("draws the weeks per partner on the manufacturer's settlement tab", () => {
    const bound = spreadsheetStore(r.runtime.world).list().find((m) => m.sheets.some((s) => s.name === '정산'))!;
    const charts = bound.sheets.find((s) => s.name === '정산')!.charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]!.type).toBe('COMBO');
    // the weeks, then each partner's wholesale values, then each partner's units
    expect(charts[0]!.ranges.map((x) => `${x.sheet.name}!${x.area.col}:${x.area.row}+${x.area.numRows}`)).toEqual([
      '정산차트!1:2+1',
      '정산차트!3:2+1',
      '정산차트!3:3+1',
      '정산차트!3:4+1',
      '정산차트!4:2+1',
      '정산차트!4:3+1',
      '정산차트!4:4+1',
    ]);
    expect(tab(r, '정산차트')).toEqual([
      { 주차: '2027-W04', 파트너ID: 'PNR001', 도매금액: 20_000_000, 출고수량: 1_000 },
      { 주차: '2027-W04', 파트너ID: 'PNR002', 도매금액: 16_000_000, 출고수량: 800 },
      { 주차: '2027-W04', 파트너ID: 'PNR003', 도매금액: 32_000_000, 출고수량: 1_600 },
    ]);
    expect(charts[0]!.options.get('series')).toMatchObject({ 0: { labelInLegend: 'PNR001 도매금액' }, 3: { type: 'line', targetAxisIndex: 1, labelInLegend: 'PNR001 출고수량' } });
  });
});

describe('installed on a Monday morning, before the prices are in', () => {
  // W04 ended before the add-on's first run: it is not settled by itself (history), but the first
  // read of orders went back 7 whole days, to Monday 2027-01-25, so staff may settle it from the
  // sidebar. They do before typing the products tab: the statements wait and say why, and are
  // made by themselves once the prices are in.
  let r: SandboxResult;
  beforeAll(async () => {
    const monday = '2027-02-01T09:00:00+09:00';
    r = await runScenario(
      parseScenario({
        ...demo,
        name: 'settlement before prices',
        start: monday,
        duration: '30m',
        channels: { cafe24: seed },
        events: [
          ...setup,
          { at: '+12m', type: 'sidebar', function: 'runSettlement', args: ['2027-W04'] },
          { at: '+15m', type: 'edit', sheet: '상품', range: 'A2', values: [['NJ-MUG', '수제 도자기 머그컵', '', '8801234500011', 20_000, 50_000, 100_000, 0, '판매중']] },
        ],
      }),
      { bundleDir: paths.build },
    );
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('first says which SKU lacks a price and posts nothing; then settles once the price is in', () => {
    expect(r.eventErrors).toEqual([]);
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    // nothing ran by itself before staff asked
    expect(r.runtime.executions.filter((x) => x.function === 'onSyncTick' && x.start < r.runtime.executions.find((y) => y.function === 'runSettlement')!.start && (x.roundTrips['SpreadsheetApp.Sheet.insertChart'] ?? 0) > 0)).toEqual([]);
    const asked = r.runtime.executions.find((x) => x.function === 'runSettlement')!.result as { rows: Array<{ partnerId: string; status: string }>; ledgerEntriesAdded: number };
    expect(asked.ledgerEntriesAdded).toBe(0);
    expect(asked.rows.map((x) => x.status)).toEqual(Array(3).fill(expect.stringMatching(/^✗ 도매가를 알 수 없는 출고 품목이 있어 정산하지 않았습니다: SKU NJ-MUG/)));
    const log = tab(r, '로그').filter((x) => x['작업'] === '정산' && /^정산 2027-W04/.test(String(x['내용']))).map((x) => String(x['내용']));
    expect(log).toEqual(['정산 2027-W04: 3행, 원장 0건 추가, 확인 필요 PNR001, PNR002, PNR003', '정산 2027-W04: 3행, 원장 4건 추가']);
    const row = tab(r, '정산').find((x) => x['파트너ID'] === 'PNR002' && x['정산기간'] === '2027-W04')!;
    expect([row['출고수량'], row['도매금액'], row['영업장려금'], row['7일 주문금액']]).toEqual([800, 16_000_000, 800_000, 40_000_000]);
    expect(String(row['처리결과'])).toMatch(/^✓ .* 정산 원장 반영 \(2건\)$/);
    expect(tab(r, '정산').find((x) => x['파트너ID'] === 'PNR001')!['출고수량']).toBe(900);
    expect(tab(r, '원장').map((x) => x['전표키'])).toEqual(['PNR002:2027-W04:settlement', 'PNR002:2027-W04:incentive', 'PNR003:2027-W04:settlement', 'PNR003:2027-W04:incentive']);
    // January began before the first read: not settled by itself
    expect(tab(r, '정산').some((x) => x['정산기간'] === '2027-01')).toBe(false);
  });
});

describe('a return completed during the week is credited against it', () => {
  // 보라색 (PNR002, deposit) shipped 10 mugs on Tuesday of W04; the buyer sends them back on
  // Sunday; staff accept, receive and classify them 정품 that evening. Monday's automatic run
  // credits the wholesale value of the returned goods in the same week's statement.
  const order = shippedOrder('borasaeg', '20270126-2000009', 10, '2027-01-26T10:00:00', '2027-01-26 17:00:00', '680000209999');
  const returnSeed = JSON.parse(JSON.stringify(defaultSeed)) as { malls: Array<{ mall_id: string; orders: unknown[] }> };
  for (const m of returnSeed.malls) if (m.mall_id === 'borasaeg') m.orders = [...m.orders, order];
  const claim = (time: string, set: Record<string, string>) => ({ at: time, type: 'editRow', sheet: '클레임', where: { 주문번호: '20270126-2000009' }, set });
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runScenario(
      parseScenario({
        ...demo,
        name: 'settlement with a return',
        start: '2027-01-31T18:00:00+09:00',
        duration: '12h15m',
        channels: { cafe24: returnSeed },
        events: [
          ...setup,
          { at: '+10m', type: 'edit', sheet: '상품', range: 'A2', values: [['NJ-MUG', '수제 도자기 머그컵', '', '8801234500011', 20_000, 50_000, 1_000, 0, '판매중']] },
          { at: '+20m', type: 'channel', channel: 'cafe24', action: 'requestReturn', args: ['borasaeg', '20270126-2000009', { reason: '포장이 파손되어 왔어요' }] },
          claim('+40m', { 처리요청: '승인' }),
          claim('+3h', { 입고일시: '2027-01-31 21:00', 분류: '정품', 처리요청: '입고확인' }),
        ],
      }),
      { bundleDir: paths.build },
    );
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('nets the credit off the week, posts it to the ledger, and the units are back on the shelf', () => {
    expect(r.eventErrors).toEqual([]);
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    const returned = tab(r, '클레임').find((x) => x['주문번호'] === '20270126-2000009')!;
    expect(returned['파트너 차감액']).toBe(200_000);
    const row = tab(r, '정산').find((x) => x['파트너ID'] === 'PNR002' && x['정산기간'] === '2027-W04')!;
    // Shipped 10 × 20,000; returned 10 × 20,000; the incentive is on the shipped value (a choice).
    expect([row['출고수량'], row['도매금액'], row['반품차감'], row['정산금액'], row['영업장려금']]).toEqual([10, 200_000, 200_000, 0, 10_000]);
    const ledger = tab(r, '원장').filter((x) => x['파트너ID'] === 'PNR002').map((x) => [x['전표키'], x['금액']]);
    expect(ledger).toEqual(expect.arrayContaining([['PNR002:2027-W04:returnCredit', expect.any(Number)]]));
    expect(tab(r, '상품').find((x) => x.SKU === 'NJ-MUG')!['물류재고']).toBe(1_010);
  });
});
