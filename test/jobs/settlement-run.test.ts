/**
 * The settlement run over the tabs' facts: the spec's table, traces to order items, posting once,
 * corrections instead of rewrites, the own mall unbilled, unpriced items refused; the holds of
 * deposit and credit partners at their boundaries; the chart's rows.
 */
import type { LedgerEntry } from '../../src/core/ledger';
import type { Partner } from '../../src/core/partner';
import { monthOf, weekFromLabel, type OrderedItem, type ReturnCredit, type ShippedItem } from '../../src/core/settlement';
import { holdsOf, keysText, periodFromLabel, settlePeriods, weeklyChartRows, type SettlementInputs } from '../../src/jobs/settlement-run';

const kst = (y: number, mo: number, d: number, h = 0): number => Date.UTC(y, mo - 1, d, h - 9);
const W04 = weekFromLabel('2027-W04')!;
const JAN = monthOf(kst(2027, 1, 15));
const NOW = kst(2027, 2, 1, 6);

const partner = (partnerId: string, o: Partial<Partner> = {}): Partner => ({
  partnerId,
  name: partnerId,
  role: 'reseller',
  channel: 'cafe24',
  accountId: partnerId.toLowerCase(),
  shopNo: 1,
  supplierCode: null,
  confirmAtOnce: false,
  defaultRatio: 100,
  settlementMode: 'deposit',
  creditLimit: 0,
  incentiveRate: 5,
  shippingFeePerUnit: 2_500,
  statementEmails: [],
  ...o,
});
const PARTNERS = [partner('PNR001', { role: 'own' }), partner('PNR002'), partner('PNR003', { settlementMode: 'credit', creditLimit: 5_000_000 })];

let n = 0;
const ship = (partnerId: string, quantity: number, at: number, price = 20_000): ShippedItem => ({ partnerId, itemKey: `${partnerId}|I${++n}-01`, sku: 'MUG', quantity, wholesaleUnitPrice: price, shippedAt: at });
const order = (partnerId: string, amount: number, at: number): OrderedItem => ({ partnerId, itemKey: `${partnerId}|I${++n}-01`, amount, orderedAt: at });

/** The spec's table: W04 shipped 1,000 / 800 / 1,600, January 3,000 / 2,000 / 5,000, 7-day orders 50M / 40M / 80M. */
const shipped = [
  ship('PNR001', 1_000, kst(2027, 1, 27)),
  ship('PNR001', 2_000, kst(2027, 1, 10)),
  ship('PNR002', 300, kst(2027, 1, 25, 18)),
  ship('PNR002', 500, kst(2027, 1, 31, 23)),
  ship('PNR002', 1_200, kst(2027, 1, 24, 23)),
  ship('PNR003', 1_600, kst(2027, 1, 28)),
  ship('PNR003', 3_400, kst(2027, 1, 5)),
  // the next week and month: not in these periods
  ship('PNR002', 7, kst(2027, 2, 1, 0)),
];
const ordered = [order('PNR001', 50_000_000, kst(2027, 1, 26)), order('PNR002', 40_000_000, kst(2027, 1, 25)), order('PNR003', 80_000_000, kst(2027, 1, 29)), order('PNR003', 1, kst(2027, 2, 1))];

const inputs = (o: Partial<SettlementInputs> = {}): SettlementInputs => ({
  partners: PARTNERS,
  shipped,
  ordered,
  returns: [],
  unpriced: [],
  ledger: [],
  coveredFrom: kst(2027, 1, 1),
  existingRows: new Set(),
  ...o,
});

describe('settlePeriods: the spec table', () => {
  const result = settlePeriods([W04, JAN], inputs(), NOW);
  const row = (p: string, period: string) => result.rows.find((r) => r.partnerId === p && r.period === period)!;

  test.each([
    ['PNR001', 50_000_000, 1_000, 20_000_000, 1_000_000, 3_000, 7_500_000],
    ['PNR002', 40_000_000, 800, 16_000_000, 800_000, 2_000, 5_000_000],
    ['PNR003', 80_000_000, 1_600, 32_000_000, 1_600_000, 5_000, 12_500_000],
  ])('%s', (p, orders7d, units, wholesale, incentive, monthUnits, fee) => {
    expect(row(p, '2027-W04').values).toMatchObject({ orderAmount7d: orders7d, unitsShipped: units, wholesaleAmount: wholesale, returnCredit: 0, amountDue: wholesale, incentive, dueDate: new Date(kst(2027, 2, 4)) });
    expect(row(p, '2027-01').values).toMatchObject({ monthUnitsShipped: monthUnits, shippingFee: fee, unitsShipped: '' });
  });

  test('the ledger gets the resellers\' figures, signed from their balance; the own mall none', () => {
    expect(result.appended.map((e) => [e.id, e.amount])).toEqual([
      ['PNR002:2027-W04:settlement', -16_000_000],
      ['PNR002:2027-W04:incentive', 800_000],
      ['PNR003:2027-W04:settlement', -32_000_000],
      ['PNR003:2027-W04:incentive', 1_600_000],
      ['PNR002:2027-01:shippingFee', -5_000_000],
      ['PNR003:2027-01:shippingFee', -12_500_000],
    ]);
    expect(row('PNR001', '2027-W04')).toMatchObject({ ownMall: true, appended: [] });
  });

  test('each figure names its items', () => {
    expect(row('PNR002', '2027-W04').trace).toMatch(/^출고 2품목: I\d+-01, I\d+-01 \/ 7일 주문 1품목 \(주문 탭에서 파트너ID PNR002, 주문일시 2027-01-25~2027-01-31, 취소 제외\)$/);
    expect(row('PNR003', '2027-01').trace).toMatch(/^월 출고 2품목: .* × 개당 2,500원$/);
    expect(result.appended[0]!.items).toEqual(row('PNR002', '2027-W04').appended[0]!.items);
  });

  test('running again on the same rows appends nothing', () => {
    const again = settlePeriods([W04, JAN], inputs({ ledger: result.appended, existingRows: new Set(result.rows.map((r) => r.key)) }), NOW + 3_600_000);
    expect(again.appended).toEqual([]);
    expect(again.rows.map((r) => r.values)).toEqual(result.rows.map((r) => r.values));
  });

  test('a changed figure is a correction, not a rewrite; a figure gone is corrected to 0', () => {
    const late = ship('PNR002', 1, kst(2027, 1, 30));
    const changed = settlePeriods([W04], inputs({ shipped: [...shipped, late], ledger: result.appended }), NOW + 1);
    expect(changed.appended.map((e) => [e.id, e.type, e.amount])).toEqual([
      ['PNR002:2027-W04:settlement:correction:1', 'adjustment', -20_000],
      ['PNR002:2027-W04:incentive:correction:1', 'adjustment', 1_000],
    ]);
    const gone = settlePeriods([W04], inputs({ shipped: shipped.filter((s) => s.partnerId !== 'PNR003'), ledger: result.appended, existingRows: new Set(['PNR003|2027-W04']) }), NOW + 1);
    expect(gone.appended.filter((e) => e.partnerId === 'PNR003').map((e) => [e.id, e.amount])).toEqual([
      ['PNR003:2027-W04:settlement:correction:1', 32_000_000],
      ['PNR003:2027-W04:incentive:correction:1', -1_600_000],
    ]);
  });

  test('returns credited in the week reduce the amount due; the incentive is of the shipped value', () => {
    const returns: ReturnCredit[] = [{ partnerId: 'PNR002', itemKey: 'PNR002|I3-01', quantity: 2, wholesaleUnitPrice: 20_000, creditedAt: kst(2027, 1, 29) }];
    const r = settlePeriods([W04], inputs({ returns }), NOW).rows.find((x) => x.partnerId === 'PNR002')!;
    expect(r.values).toMatchObject({ wholesaleAmount: 16_000_000, returnCredit: 40_000, amountDue: 15_960_000, incentive: 800_000 });
    expect(r.appended.find((e) => e.type === 'returnCredit')!.amount).toBe(40_000);
    expect(r.trace).toMatch(/반품 공제 1품목: I3-01/);
  });

  test('an item whose SKU has no wholesale price stops that statement, and says which', () => {
    const r = settlePeriods([W04], inputs({ unpriced: [{ partnerId: 'PNR002', itemKey: 'PNR002|X-01', sku: 'NEW', shippedAt: kst(2027, 1, 26) }] }), NOW);
    const bad = r.rows.find((x) => x.partnerId === 'PNR002')!;
    expect(bad.problem).toMatch(/SKU NEW \(X-01\)/);
    expect(bad.values).toMatchObject({ unitsShipped: '', wholesaleAmount: '', amountDue: '', period: '2027-W04' });
    expect(bad.appended).toEqual([]);
    expect(r.appended.every((e) => e.partnerId !== 'PNR002')).toBe(true);
  });

  test('a partner with nothing in the period gets no row, unless it had one', () => {
    const W06 = weekFromLabel('2027-W06')!;
    expect(settlePeriods([W06], inputs(), kst(2027, 2, 15)).rows).toEqual([]);
    expect(settlePeriods([W06], inputs({ existingRows: new Set(['PNR002|2027-W06']) }), kst(2027, 2, 15)).rows.map((r) => [r.key, r.values.unitsShipped])).toEqual([['PNR002|2027-W06', 0]]);
  });

  test('a period that began before the orders tab was complete is settled with a warning', () => {
    const r = settlePeriods([JAN], inputs({ coveredFrom: kst(2027, 1, 24) }), NOW);
    expect(r.rows[0]!.warning).toBe('주문 수집 시작(2027-01-24) 이전의 출고·주문은 시트에 없을 수 있습니다');
    expect(settlePeriods([W04], inputs({ coveredFrom: kst(2027, 1, 24) }), NOW).rows[0]!.warning).toBeNull();
  });
});

describe('periodFromLabel: what runSettlement accepts', () => {
  test('an ISO week or a month, Asia/Seoul; anything else is refused', () => {
    expect(periodFromLabel('2027-W04')).toEqual(W04);
    expect(periodFromLabel(' 2027-01 ')).toEqual(JAN);
    expect(periodFromLabel('2026-W53')).toMatchObject({ kind: 'week', firstDay: '2026-12-28', lastDay: '2027-01-03' });
    for (const bad of ['2027-W54', '2027-13', '2027-1', '2027/01', 'W04', '']) expect(periodFromLabel(bad)).toBeNull();
  });
});

describe('keysText', () => {
  test('lists item ids; past 1,000 characters a count and where to filter', () => {
    expect(keysText('출고', ['P|A-01', 'P|B-01'], 'hint')).toBe('출고 2품목: A-01, B-01');
    expect(keysText('출고', [], 'hint')).toBe('출고 0품목');
    const many = Array.from({ length: 1_234 }, (_, i) => `P|20270125-${String(i).padStart(7, '0')}-01`);
    expect(keysText('출고', many, '주문 탭에서 파트너ID P로 필터')).toBe('출고 1,234품목 (주문 탭에서 파트너ID P로 필터)');
  });
});

describe('holds: deposit and credit partners at their boundaries', () => {
  const entry = (partnerId: string, id: string, amount: number, at = kst(2027, 2, 1)): LedgerEntry => ({ id, at, partnerId, type: 'payment', amount, reference: id });
  const hold = (ledger: LedgerEntry[], p = PARTNERS) => holdsOf(p, ledger, [], null, NOW);

  test.each([
    ['deposit at exactly 0 ships', 'PNR002', [0], false],
    ['deposit one won below 0 holds', 'PNR002', [-1], true],
    ['deposit above 0 ships', 'PNR002', [1], false],
    ['credit exactly at its limit ships', 'PNR003', [-5_000_000], false],
    ['credit one won over its limit holds', 'PNR003', [-5_000_001], true],
  ])('%s', (_what, partnerId, amounts, held) => {
    const ledger = amounts.map((a, i) => entry(partnerId, `${partnerId}:x:${i}`, a));
    const v = hold(ledger).find((h) => h.partnerId === partnerId)!;
    expect(v.held).toBe(held);
    expect(v.balance).toBe(amounts.reduce((s, a) => s + a, 0));
  });

  test('the reason says what to pay; the own mall is never held', () => {
    const views = hold([entry('PNR002', 'a', -16_000_000), entry('PNR003', 'b', -42_900_000), entry('PNR001', 'c', -99)]);
    expect(views.map((v) => v.partnerId)).toEqual(['PNR002', 'PNR003']);
    expect(views[0]!.reason).toBe('예치금 부족으로 출고 보류: 잔액 -16,000,000원, 16,000,000원 입금 후 출고됩니다');
    expect(views[1]!.reason).toBe('신용 한도 초과로 출고 보류: 잔액 -42,900,000원, 한도 5,000,000원, 37,900,000원 입금 후 출고됩니다');
  });

  test('a mode changed to credit releases; an entry dated later does not count yet; an id twice counts once', () => {
    const ledger = [entry('PNR002', 'a', -1_000)];
    expect(hold(ledger)[0]!.held).toBe(true);
    expect(hold(ledger, [partner('PNR002', { settlementMode: 'credit', creditLimit: 1_000 })])[0]!.held).toBe(false);
    expect(hold([...ledger, entry('PNR002', 'later', 5_000, NOW + 1)])[0]!.balance).toBe(-1_000);
    expect(hold([entry('PNR002', 'a', 1_000), entry('PNR002', 'a', 1_000)])[0]!.balance).toBe(1_000);
  });

  test('what has shipped but is not settled yet is worked out, shown, and not held on', () => {
    const settledWeek: LedgerEntry = { id: 'PNR002:2027-W04:settlement', at: W04.end, partnerId: 'PNR002', type: 'settlement', amount: -16_000_000, reference: '2027-W04' };
    const paid = entry('PNR002', 'p', 16_000_000);
    const v = holdsOf(PARTNERS, [settledWeek, paid], shipped, kst(2027, 1, 18), NOW).find((h) => h.partnerId === 'PNR002')!;
    // W04 is settled; W03's 1,200 units predate nothing (covered from 01-18); W05's 7 units are not
    expect(v.unsettled).toBe((1_200 + 7) * 20_000);
    expect(v.held).toBe(false);
    // a week that began before the tab was complete is not counted
    expect(holdsOf(PARTNERS, [settledWeek, paid], shipped, kst(2027, 1, 24), NOW).find((h) => h.partnerId === 'PNR002')!.unsettled).toBe(7 * 20_000);
  });
});

describe('weeklyChartRows', () => {
  test('one block of weeks per partner, the same weeks in each, 0 where none', () => {
    const figures = [
      { partnerId: 'PNR002', period: '2027-W04', units: 800, wholesale: 16_000_000 },
      { partnerId: 'PNR001', period: '2027-W03', units: 5, wholesale: 100_000 },
      { partnerId: 'PNR001', period: '2027-01', units: 3_000, wholesale: 0 },
    ];
    expect(weeklyChartRows(figures, ['PNR001', 'PNR002'])).toEqual({
      weeks: ['2027-W03', '2027-W04'],
      rows: [
        ['2027-W03', 'PNR001', 100_000, 5],
        ['2027-W04', 'PNR001', 0, 0],
        ['2027-W03', 'PNR002', 0, 0],
        ['2027-W04', 'PNR002', 16_000_000, 800],
      ],
    });
    expect(weeklyChartRows(figures, ['PNR001'], 1).weeks).toEqual(['2027-W04']);
  });
});
