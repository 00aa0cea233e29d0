/**
 * Settlement figures (DOMAIN "Settlement"): weekly per partner over the Seoul Monday–Sunday week,
 * due the next Thursday, with the incentive; monthly shipping fee. Integer KRW throughout.
 */
import {
  monthlyShippingFee,
  monthOf,
  percentOf,
  percentToBasisPoints,
  SettlementError,
  termsOf,
  weekFromLabel,
  weeklyStatement,
  weekOf,
  type OrderedItem,
  type PartnerTerms,
  type ReturnCredit,
  type ShippedItem,
} from '../../src/core/settlement';

/** Seoul wall time → epoch ms (KST = UTC+9, no DST). */
const kst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h - 9, mi, s, ms);

const terms = (partnerId: string, incentiveRatePercent = 5, shippingFeePerUnit = 2_500): PartnerTerms => ({ partnerId, incentiveRatePercent, shippingFeePerUnit });

let seq = 0;
const ship = (partnerId: string, quantity: number, shippedAt: number, wholesaleUnitPrice = 20_000, sku = 'SKU-A'): ShippedItem => ({
  partnerId,
  itemKey: `${partnerId}:item-${++seq}`,
  sku,
  quantity,
  wholesaleUnitPrice,
  shippedAt,
});
const order = (partnerId: string, amount: number, orderedAt: number): OrderedItem => ({ partnerId, itemKey: `${partnerId}:order-${++seq}`, amount, orderedAt });
const ret = (partnerId: string, itemKey: string, quantity: number, creditedAt: number, wholesaleUnitPrice = 20_000): ReturnCredit => ({ partnerId, itemKey, quantity, wholesaleUnitPrice, creditedAt });

describe('the Seoul week: Monday 00:00 to Sunday 24:00 KST, due the next Thursday', () => {
  test('a week in November 2026', () => {
    const w = weekOf(kst(2026, 11, 18, 12));
    expect(w).toEqual({
      kind: 'week',
      start: Date.UTC(2026, 10, 15, 15), // Monday 2026-11-16 00:00 KST
      end: Date.UTC(2026, 10, 22, 15), // Monday 2026-11-23 00:00 KST
      firstDay: '2026-11-16',
      lastDay: '2026-11-22',
      label: '2026-W47',
      range: '2026-11-16~2026-11-22',
      dueDate: '2026-11-26', // Thursday
    });
  });

  test('Sunday 23:59:59 KST (14:59:59 UTC) is still that week; Monday 00:00:00 KST (15:00:00 UTC Sunday) is the next', () => {
    const sundayLast = Date.parse('2026-11-22T14:59:59Z');
    const sundayLastMs = Date.parse('2026-11-22T14:59:59.999Z');
    const mondayFirst = Date.parse('2026-11-22T15:00:00Z');
    expect(weekOf(sundayLast).label).toBe('2026-W47');
    expect(weekOf(sundayLastMs).label).toBe('2026-W47');
    expect(weekOf(mondayFirst).label).toBe('2026-W48');
    expect(weekOf(mondayFirst).start).toBe(mondayFirst);
    // and the Monday that opens W47, seen in UTC on Sunday 15:00
    expect(weekOf(Date.parse('2026-11-15T15:00:00Z')).label).toBe('2026-W47');
    expect(weekOf(Date.parse('2026-11-15T14:59:59Z')).label).toBe('2026-W46');
  });

  test('the week is the Seoul week, not the UTC one: Monday 08:59 KST is Sunday in UTC', () => {
    expect(weekOf(kst(2026, 11, 23, 8, 59)).label).toBe('2026-W48');
  });

  test.each([
    [kst(2026, 1, 1), '2026-W01', '2025-12-29', '2026-01-08'],
    [kst(2021, 1, 3, 23, 59, 59), '2020-W53', '2020-12-28', '2021-01-07'],
    [kst(2024, 12, 31), '2025-W01', '2024-12-30', '2025-01-09'],
    [kst(2026, 12, 31), '2026-W53', '2026-12-28', '2027-01-07'],
    [kst(2027, 1, 3), '2026-W53', '2026-12-28', '2027-01-07'],
  ])('ISO week numbering across years (%#): %s', (at, label, firstDay, dueDate) => {
    const w = weekOf(at);
    expect([w.label, w.firstDay, w.dueDate]).toEqual([label, firstDay, dueDate]);
    expect(weekFromLabel(label)).toEqual(w);
  });

  test('labels that name no week are refused', () => {
    expect(weekFromLabel('2025-W53')).toBeNull(); // 2025 has 52 weeks
    expect(weekFromLabel('2026-W00')).toBeNull();
    expect(weekFromLabel('2026-47')).toBeNull();
    expect(weekFromLabel('2026-W47')?.range).toBe('2026-11-16~2026-11-22');
  });

  test('every week is 7 days and the next starts where it ends', () => {
    let at = kst(2025, 12, 1);
    for (let i = 0; i < 60; i++) {
      const w = weekOf(at);
      expect(w.end - w.start).toBe(7 * 86_400_000);
      expect(weekOf(w.end).start).toBe(w.end);
      at = w.end;
    }
  });

  test('not an instant', () => {
    expect(() => weekOf(NaN)).toThrow();
    expect(() => monthOf(Infinity)).toThrow();
  });
});

describe('the Seoul month', () => {
  test('the last millisecond of November KST is November; 00:00 on December 1st KST is December', () => {
    expect(monthOf(Date.parse('2026-11-30T14:59:59.999Z')).label).toBe('2026-11');
    expect(monthOf(Date.parse('2026-11-30T15:00:00Z')).label).toBe('2026-12');
    expect(monthOf(kst(2026, 11, 1))).toEqual({
      kind: 'month',
      start: kst(2026, 11, 1),
      end: kst(2026, 12, 1),
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      label: '2026-11',
    });
  });

  test('December ends at the new year; February in a leap year has 29 days', () => {
    expect(monthOf(kst(2026, 12, 15)).end).toBe(kst(2027, 1, 1));
    expect(monthOf(kst(2028, 2, 10)).lastDay).toBe('2028-02-29');
    expect(monthOf(kst(2027, 2, 10)).lastDay).toBe('2027-02-28');
  });
});

describe('percentages in integer won, rounded down', () => {
  test('exact cases', () => {
    expect(percentOf(20_000_000, 5)).toBe(1_000_000);
    expect(percentOf(16_000_000, 5)).toBe(800_000);
    expect(percentOf(32_000_000, 5)).toBe(1_600_000);
    expect(percentOf(1_000, 100)).toBe(1_000);
    expect(percentOf(1_000, 0)).toBe(0);
  });

  test('non-exact cases are floored', () => {
    expect(percentOf(19_999, 5)).toBe(999); // 999.95
    expect(percentOf(1_001, 2.5)).toBe(25); // 25.025
    expect(percentOf(19, 5)).toBe(0); // 0.95
    expect(percentOf(3, 33.33)).toBe(0); // 0.9999
    expect(percentOf(10_000, 0.01)).toBe(1);
  });

  test('no float drift at 0.07 or 0.29 percent (0.07 × 100 = 7.000000000000001 in floats)', () => {
    expect(percentToBasisPoints(0.07)).toBe(7);
    expect(percentToBasisPoints(0.29)).toBe(29);
    expect(percentOf(1_000_000, 0.07)).toBe(700);
  });

  test('exact up to the largest safe amount', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(percentOf(max, 5)).toBe(Number((BigInt(max) * 5n) / 100n));
    expect(percentOf(max, 100)).toBe(max);
    expect(percentOf(max - 1, 12.34)).toBe(Number((BigInt(max - 1) * 1234n) / 10000n));
  });

  test('rates that are not 0–100% with at most two decimals are refused', () => {
    for (const bad of [-1, 100.01, 5.005, NaN]) expect(() => percentToBasisPoints(bad)).toThrow(SettlementError);
  });
});

describe("the spec's worked example (DOMAIN 'Settlement')", () => {
  const week = weekOf(kst(2026, 11, 16));
  const november = monthOf(kst(2026, 11, 1));
  const partners = [terms('PNR001'), terms('PNR002'), terms('PNR003')];

  // Each partner's week: units split over several rows and days, all at 20,000 wholesale.
  const shipped: ShippedItem[] = [];
  const ordered: OrderedItem[] = [];
  const spread = (partnerId: string, units: number, from: number, days: number) => {
    for (let i = 0; i < days; i++) shipped.push(ship(partnerId, units / days, from + i * 86_400_000 + 10 * 3_600_000));
  };
  // week 2026-W47 (Nov 16–22): 1,000 / 800 / 1,600 units
  spread('PNR001', 1_000, kst(2026, 11, 16), 5);
  spread('PNR002', 800, kst(2026, 11, 16), 4);
  spread('PNR003', 1_600, kst(2026, 11, 16), 4);
  // the rest of November, other weeks: 2,000 / 1,200 / 3,400 more
  spread('PNR001', 2_000, kst(2026, 11, 2), 4);
  spread('PNR002', 1_200, kst(2026, 11, 24), 4);
  spread('PNR003', 3_400, kst(2026, 11, 9), 2);
  // outside November: never counted
  shipped.push(ship('PNR001', 999, kst(2026, 10, 31, 23, 59, 59)), ship('PNR002', 999, kst(2026, 12, 1)));
  // orders of the week: 50M / 40M / 80M, and some outside it
  for (const [p, total] of [['PNR001', 50_000_000], ['PNR002', 40_000_000], ['PNR003', 80_000_000]] as const) {
    ordered.push(order(p, total / 2, kst(2026, 11, 16, 0, 0, 0)), order(p, total / 2, kst(2026, 11, 22, 23, 59, 59)));
    ordered.push(order(p, 123_456, kst(2026, 11, 23)), order(p, 654_321, kst(2026, 11, 15, 23, 59, 59)));
  }

  const table = partners.map((p) => {
    const s = weeklyStatement(p, week, shipped, [], ordered);
    const m = monthlyShippingFee(p, november, shipped);
    return [p.partnerId, s.orderAmount7d, s.units, s.wholesale, s.amountDue, s.incentive, m.units, m.fee];
  });

  test('reproduces the table exactly', () => {
    expect(table).toEqual([
      ['PNR001', 50_000_000, 1_000, 20_000_000, 20_000_000, 1_000_000, 3_000, 7_500_000],
      ['PNR002', 40_000_000, 800, 16_000_000, 16_000_000, 800_000, 2_000, 5_000_000],
      ['PNR003', 80_000_000, 1_600, 32_000_000, 32_000_000, 1_600_000, 5_000, 12_500_000],
    ]);
  });

  test('paid the next Thursday', () => {
    expect(weeklyStatement(partners[0]!, week, shipped, [], ordered).dueDate).toBe('2026-11-26');
  });

  test('every figure names its rows', () => {
    const s = weeklyStatement(terms('PNR002'), week, shipped, [], ordered);
    const weekRows = shipped.filter((r) => r.partnerId === 'PNR002' && r.shippedAt >= week.start && r.shippedAt < week.end);
    expect(s.trace.shipped).toEqual(weekRows.map((r) => r.itemKey).sort());
    expect(weekRows.reduce((n, r) => n + r.quantity, 0)).toBe(s.units);
    expect(s.trace.ordered).toHaveLength(2);
    expect(s.items).toEqual([...s.trace.shipped, ...s.trace.ordered].sort());
    const m = monthlyShippingFee(terms('PNR002'), november, shipped);
    expect(m.items).toHaveLength(8);
    expect(m.items).toEqual(expect.arrayContaining([...s.trace.shipped]));
  });

  test('re-running gives the same figures, whatever the row order', () => {
    const again = weeklyStatement(terms('PNR003'), week, [...shipped].reverse(), [], [...ordered].reverse());
    expect(again).toEqual(weeklyStatement(terms('PNR003'), week, shipped, [], ordered));
    expect(monthlyShippingFee(terms('PNR003'), november, [...shipped].reverse())).toEqual(monthlyShippingFee(terms('PNR003'), november, shipped));
  });

  test('the same rows given twice (a sheet read twice) count once', () => {
    const s = weeklyStatement(terms('PNR001'), week, [...shipped, ...shipped], [], [...ordered, ...ordered]);
    expect([s.units, s.wholesale, s.incentive, s.orderAmount7d]).toEqual([1_000, 20_000_000, 1_000_000, 50_000_000]);
    expect(monthlyShippingFee(terms('PNR001'), november, [...shipped, ...shipped]).fee).toBe(7_500_000);
  });

  test('terms from the partner row', () => {
    expect(termsOf({ partnerId: 'PNR002', incentiveRate: 5, shippingFeePerUnit: 2_500 })).toEqual(terms('PNR002'));
  });
});

describe('the weekly statement', () => {
  const week = weekOf(kst(2026, 11, 16));

  test('Sunday 23:59:59 KST belongs to the week; Monday 00:00:00 KST to the next (UTC 14:59:59 / 15:00:00)', () => {
    const last = ship('PNR002', 3, Date.parse('2026-11-22T14:59:59Z'));
    const next = ship('PNR002', 7, Date.parse('2026-11-22T15:00:00Z'));
    const first = ship('PNR002', 1, Date.parse('2026-11-15T15:00:00Z')); // Monday 00:00 KST opening the week
    const before = ship('PNR002', 100, Date.parse('2026-11-15T14:59:59Z'));
    const s = weeklyStatement(terms('PNR002'), week, [last, next, first, before], [], []);
    expect(s.units).toBe(4);
    expect(s.trace.shipped).toEqual([last.itemKey, first.itemKey].sort());
    const w48 = weeklyStatement(terms('PNR002'), weekOf(next.shippedAt), [last, next, first, before], [], []);
    expect(w48.units).toBe(7);
    expect(w48.period).toBe('2026-W48');
  });

  test('returns credited in the week are taken off the amount due; the incentive stays on the shipped wholesale', () => {
    const a = ship('PNR002', 10, kst(2026, 11, 17), 20_000);
    const earlier = ship('PNR002', 5, kst(2026, 11, 3), 18_000);
    const returns = [
      ret('PNR002', earlier.itemKey, 2, kst(2026, 11, 18), 18_000), // credited this week, shipped earlier
      ret('PNR002', a.itemKey, 1, kst(2026, 11, 22, 23, 59, 59), 20_000), // Sunday 23:59:59: this week
      ret('PNR002', a.itemKey, 1, kst(2026, 11, 23), 20_000), // Monday 00:00: next week
      ret('PNR003', 'PNR003:x', 1, kst(2026, 11, 18), 20_000), // another partner
    ];
    const s = weeklyStatement(terms('PNR002'), week, [a, earlier], returns, []);
    expect(s.wholesale).toBe(200_000);
    expect(s.returnCredit).toBe(56_000);
    expect(s.amountDue).toBe(144_000);
    expect(s.incentive).toBe(10_000);
    expect(s.trace.returned).toEqual([earlier.itemKey, a.itemKey].sort());
    expect(weeklyStatement(terms('PNR002'), weekOf(kst(2026, 11, 23)), [a], returns, []).returnCredit).toBe(20_000);
  });

  test('partial returns of one item in separate credits both count; an identical credit given twice counts once', () => {
    const a = ship('PNR002', 10, kst(2026, 11, 17), 1_000);
    const r1 = ret('PNR002', a.itemKey, 1, kst(2026, 11, 18), 1_000);
    const r2 = ret('PNR002', a.itemKey, 2, kst(2026, 11, 19), 1_000);
    const s = weeklyStatement(terms('PNR002'), week, [a], [r1, r2, r1], []);
    expect(s.returnCredit).toBe(3_000);
    expect(s.trace.returned).toEqual([a.itemKey]);
  });

  test('a week of returns only: the amount due is negative (owed to the partner), no incentive', () => {
    const s = weeklyStatement(terms('PNR002'), week, [], [ret('PNR002', 'k', 2, kst(2026, 11, 20), 15_000)], []);
    expect([s.units, s.wholesale, s.returnCredit, s.amountDue, s.incentive]).toEqual([0, 0, 30_000, -30_000, 0]);
  });

  test('an empty week is all zeros', () => {
    const s = weeklyStatement(terms('PNR002'), week, [], [], []);
    expect([s.units, s.wholesale, s.returnCredit, s.amountDue, s.incentive, s.orderAmount7d, s.items]).toEqual([0, 0, 0, 0, 0, 0, []]);
  });

  test('the incentive rate is per partner and floored', () => {
    const rows = [ship('PNR002', 1, kst(2026, 11, 17), 19_999)];
    expect(weeklyStatement(terms('PNR002', 5), week, rows, [], []).incentive).toBe(999);
    expect(weeklyStatement(terms('PNR002', 3), week, rows, [], []).incentive).toBe(599);
    expect(weeklyStatement(terms('PNR002', 0), week, rows, [], []).incentive).toBe(0);
  });

  test('one shipped item key with two different contents is refused', () => {
    const a = ship('PNR002', 1, kst(2026, 11, 17));
    expect(() => weeklyStatement(terms('PNR002'), week, [a, { ...a, quantity: 2 }], [], [])).toThrow(SettlementError);
  });

  test.each([0, -1, 1.5, NaN])('a quantity of %s is refused', (quantity) => {
    expect(() => weeklyStatement(terms('PNR002'), week, [{ ...ship('PNR002', 1, kst(2026, 11, 17)), quantity }], [], [])).toThrow();
  });

  test('a negative or fractional price is refused', () => {
    expect(() => weeklyStatement(terms('PNR002'), week, [ship('PNR002', 1, kst(2026, 11, 17), -1)], [], [])).toThrow();
    expect(() => weeklyStatement(terms('PNR002'), week, [ship('PNR002', 1, kst(2026, 11, 17), 0.5)], [], [])).toThrow();
  });

  test('a wholesale total past the safe integer range is refused rather than rounded', () => {
    const big = ship('PNR002', 1_000_000, kst(2026, 11, 17), 10_000_000_000);
    expect(() => weeklyStatement(terms('PNR002'), week, [big], [], [])).toThrow();
  });
});

describe('the monthly shipping fee', () => {
  const november = monthOf(kst(2026, 11, 1));

  test('units shipped in the Seoul month × the per-partner fee; returns do not reduce it', () => {
    const rows = [
      ship('PNR002', 3, kst(2026, 11, 1, 0, 0, 0)),
      ship('PNR002', 4, kst(2026, 11, 30, 23, 59, 59)),
      ship('PNR002', 100, kst(2026, 12, 1)),
      ship('PNR002', 100, kst(2026, 10, 31, 23, 59, 59)),
      ship('PNR001', 100, kst(2026, 11, 15)),
    ];
    const f = monthlyShippingFee(terms('PNR002', 5, 2_500), november, rows);
    expect([f.units, f.feePerUnit, f.fee, f.period]).toEqual([7, 2_500, 17_500, '2026-11']);
    expect(f.items).toEqual([rows[0]!.itemKey, rows[1]!.itemKey].sort());
    expect(monthlyShippingFee(terms('PNR002', 5, 3_000), november, rows).fee).toBe(21_000);
  });

  test('a negative fee is refused', () => {
    expect(() => monthlyShippingFee(terms('PNR002', 5, -1), november, [])).toThrow();
  });
});
