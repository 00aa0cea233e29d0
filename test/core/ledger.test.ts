/**
 * The partner ledger: append-only, idempotent posting keyed by (partner, period, type), balances
 * derived from it, and the shipping hold for deposit and credit partners at its boundaries.
 */
import {
  adjustmentEntry,
  balanceOf,
  corrections,
  formatWon,
  LedgerError,
  ledgerId,
  monthlyEntries,
  paymentEntry,
  post,
  postingConflicts,
  shippingHold,
  weeklyEntries,
  type LedgerEntry,
} from '../../src/core/ledger';
import { monthlyShippingFee, monthOf, weeklyStatement, weekOf, type PartnerTerms, type ReturnCredit, type ShippedItem } from '../../src/core/settlement';

const kst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h - 9, mi, s);
const PNR002: PartnerTerms = { partnerId: 'PNR002', incentiveRatePercent: 5, shippingFeePerUnit: 2_500 };
const week = weekOf(kst(2026, 11, 16));
const november = monthOf(kst(2026, 11, 1));

const shipped: ShippedItem[] = Array.from({ length: 8 }, (_, i) => ({
  partnerId: 'PNR002',
  itemKey: `PNR002:o${i}:1`,
  sku: 'SKU-A',
  quantity: 100,
  wholesaleUnitPrice: 20_000,
  shippedAt: kst(2026, 11, 16 + (i % 7), 18),
}));
const returns: ReturnCredit[] = [{ partnerId: 'PNR002', itemKey: 'PNR002:o0:1', quantity: 2, wholesaleUnitPrice: 20_000, creditedAt: kst(2026, 11, 20) }];

const statement = weeklyStatement(PNR002, week, shipped, returns, []);
const fee = monthlyShippingFee(PNR002, november, shipped);

describe('entries from the settlement', () => {
  test('the week: shipped wholesale owed (−), returns credited (+), incentive (+), keyed by partner, period and type', () => {
    const entries = weeklyEntries(statement);
    expect(entries.map((e) => [e.id, e.type, e.amount, e.at, e.reference])).toEqual([
      ['PNR002:2026-W47:settlement', 'settlement', -16_000_000, week.end, '2026-W47'],
      ['PNR002:2026-W47:returnCredit', 'returnCredit', 40_000, week.end, '2026-W47'],
      ['PNR002:2026-W47:incentive', 'incentive', 800_000, week.end, '2026-W47'],
    ]);
    // settlement + return credit = the amount due, owed
    expect(entries[0]!.amount + entries[1]!.amount).toBe(-statement.amountDue);
    expect(entries[0]!.items).toEqual(statement.trace.shipped);
    expect(entries[1]!.items).toEqual(['PNR002:o0:1']);
  });

  test('the month: the shipping fee owed (−) at the month end', () => {
    expect(monthlyEntries(fee)).toEqual([
      { id: 'PNR002:2026-11:shippingFee', at: november.end, partnerId: 'PNR002', type: 'shippingFee', amount: -2_000_000, reference: '2026-11', items: fee.items },
    ]);
  });

  test('no movement, no entry', () => {
    expect(weeklyEntries(weeklyStatement(PNR002, weekOf(kst(2026, 12, 7)), shipped, [], []))).toEqual([]);
    expect(monthlyEntries(monthlyShippingFee(PNR002, monthOf(kst(2026, 12, 7)), shipped))).toEqual([]);
  });

  test('ids are the same on every run', () => {
    const again = weeklyStatement(PNR002, weekOf(kst(2026, 11, 22, 23, 59, 59)), [...shipped].reverse(), returns, []);
    expect(weeklyEntries(again)).toEqual(weeklyEntries(statement));
    expect(ledgerId('PNR002', '2026-W47', 'settlement')).toBe('PNR002:2026-W47:settlement');
  });
});

describe('posting is idempotent and never rewrites', () => {
  const payment = paymentEntry({ partnerId: 'PNR002', at: kst(2026, 11, 10), amount: 20_000_000, reference: 'BANK-0001' });

  test('posting a period twice adds nothing the second time and the balance does not double', () => {
    let ledger: LedgerEntry[] = [payment];
    const generated = [...weeklyEntries(statement), ...monthlyEntries(fee)];
    const first = post(ledger, generated);
    expect(first).toHaveLength(4);
    ledger = [...ledger, ...first];
    const balance = balanceOf(ledger, 'PNR002');
    expect(balance).toBe(20_000_000 - 16_000_000 + 40_000 + 800_000 - 2_000_000);

    // re-run the same period from the same rows
    const rerun = [...weeklyEntries(weeklyStatement(PNR002, week, shipped, returns, [])), ...monthlyEntries(monthlyShippingFee(PNR002, november, shipped))];
    expect(post(ledger, rerun)).toEqual([]);
    expect(balanceOf([...ledger, ...post(ledger, rerun)], 'PNR002')).toBe(balance);
  });

  test('the same entry twice in one batch is posted once', () => {
    expect(post([], [payment, payment])).toEqual([payment]);
  });

  test('a payment is keyed by its reference: recording the same bank transfer twice is a no-op', () => {
    const again = paymentEntry({ partnerId: 'PNR002', at: kst(2026, 11, 10), amount: 20_000_000, reference: 'BANK-0001' });
    expect(post([payment], [again])).toEqual([]);
    expect(post([payment], [paymentEntry({ partnerId: 'PNR002', at: kst(2026, 11, 11), amount: 5, reference: 'BANK-0002' })])).toHaveLength(1);
  });

  test('post does not touch the existing ledger', () => {
    const ledger = Object.freeze([Object.freeze(payment)]) as readonly LedgerEntry[];
    const changed = { ...payment, amount: 1 };
    expect(post(ledger, [changed])).toEqual([]);
    expect(ledger).toEqual([payment]);
  });

  test('a re-run on changed rows is reported, and corrected by an adjustment, not by rewriting', () => {
    const posted = [payment, ...weeklyEntries(statement)];
    const late: ShippedItem = { ...shipped[0]!, itemKey: 'PNR002:late:1', quantity: 1 };
    const rerun = weeklyEntries(weeklyStatement(PNR002, week, [...shipped, late], returns, []));
    expect(post(posted, rerun)).toEqual([]);
    expect(postingConflicts(posted, rerun).map((c) => [c.posted.id, c.posted.amount, c.proposed.amount])).toEqual([
      ['PNR002:2026-W47:settlement', -16_000_000, -16_020_000],
      ['PNR002:2026-W47:incentive', 800_000, 801_000],
    ]);

    const at = kst(2026, 11, 30);
    const fixes = corrections(posted, rerun, at);
    expect(fixes.map((e) => [e.id, e.type, e.amount, e.reference])).toEqual([
      ['PNR002:2026-W47:settlement:correction:1', 'adjustment', -20_000, 'PNR002:2026-W47:settlement'],
      ['PNR002:2026-W47:incentive:correction:1', 'adjustment', 1_000, 'PNR002:2026-W47:incentive'],
    ]);
    expect(fixes.every((e) => e.reason && e.reason.includes('재계산'))).toBe(true);
    const ledger = [...posted, ...post(posted, fixes)];
    expect(balanceOf(ledger, 'PNR002')).toBe(20_000_000 - 16_020_000 + 40_000 + 801_000);
    // running the correction again adds nothing
    expect(corrections(ledger, rerun, at)).toEqual([]);
    // and going back to the original rows corrects back, with a new id
    const back = corrections(ledger, weeklyEntries(statement), at);
    expect(back.map((e) => [e.id, e.amount])).toEqual([
      ['PNR002:2026-W47:settlement:correction:2', 20_000],
      ['PNR002:2026-W47:incentive:correction:2', -1_000],
    ]);
    expect(balanceOf([...ledger, ...back], 'PNR002')).toBe(balanceOf(posted, 'PNR002'));
  });
});

describe('balances are derived from the ledger', () => {
  const entries: LedgerEntry[] = [
    paymentEntry({ partnerId: 'PNR002', at: 1_000, amount: 500, reference: 'P1' }),
    adjustmentEntry({ partnerId: 'PNR002', at: 2_000, amount: -200, reference: 'A1', reason: '파손 보상 차감' }),
    paymentEntry({ partnerId: 'PNR003', at: 1_500, amount: 9_999, reference: 'P1' }),
    paymentEntry({ partnerId: 'PNR002', at: 3_000, amount: 50, reference: 'P2' }),
  ];

  test('per partner', () => {
    expect(balanceOf(entries, 'PNR002')).toBe(350);
    expect(balanceOf(entries, 'PNR003')).toBe(9_999);
    expect(balanceOf(entries, 'PNR001')).toBe(0);
  });

  test('as of a moment: entries at that moment count, later ones do not', () => {
    expect(balanceOf(entries, 'PNR002', 999)).toBe(0);
    expect(balanceOf(entries, 'PNR002', 1_000)).toBe(500);
    expect(balanceOf(entries, 'PNR002', 2_999)).toBe(300);
    expect(balanceOf(entries, 'PNR002', 3_000)).toBe(350);
  });

  test('an entry appended twice by mistake counts once', () => {
    expect(balanceOf([...entries, ...entries], 'PNR002')).toBe(350);
  });

  test('an adjustment needs a reason; a payment must be above zero and have a reference', () => {
    expect(() => adjustmentEntry({ partnerId: 'PNR002', at: 1, amount: 10, reference: 'A2', reason: ' ' })).toThrow(LedgerError);
    expect(() => post([], [{ id: 'x', at: 1, partnerId: 'PNR002', type: 'adjustment', amount: 10, reference: 'x' }])).toThrow(LedgerError);
    expect(() => paymentEntry({ partnerId: 'PNR002', at: 1, amount: 0, reference: 'P9' })).toThrow(LedgerError);
    expect(() => paymentEntry({ partnerId: 'PNR002', at: 1, amount: 10, reference: '' })).toThrow(LedgerError);
    expect(() => post([], [{ id: 'y', at: 1, partnerId: 'PNR002', type: 'payment', amount: 0.5, reference: 'y' }])).toThrow();
  });
});

describe('the shipping hold', () => {
  const deposit = { mode: 'deposit' as const, creditLimit: 0 };
  const credit = { mode: 'credit' as const, creditLimit: 10_000_000 };

  describe('deposit: held when the balance would go below zero', () => {
    test('balance exactly 0 ships', () => {
      const d = shippingHold(deposit, 0);
      expect([d.hold, d.shortfall, d.floor]).toEqual([false, 0, 0]);
      expect(d.reason).toContain('출고 가능');
    });

    test('one won below zero holds, and says how much to pay', () => {
      const d = shippingHold(deposit, -1);
      expect([d.hold, d.shortfall]).toEqual([true, 1]);
      expect(d.reason).toBe('예치금 부족으로 출고 보류: 잔액 -1원, 1원 입금 후 출고됩니다');
    });

    test('a next amount exactly equal to the balance ships; one won more holds', () => {
      expect(shippingHold(deposit, 1_000_000, 1_000_000)).toMatchObject({ hold: false, projected: 0 });
      const d = shippingHold(deposit, 1_000_000, 1_000_001);
      expect(d).toMatchObject({ hold: true, projected: -1, shortfall: 1 });
      expect(d.reason).toBe('예치금 부족으로 출고 보류: 잔액 1,000,000원, 출고 예정 1,000,001원, 1원 입금 후 출고됩니다');
    });

    test('a credit limit on a deposit partner is ignored', () => {
      expect(shippingHold({ mode: 'deposit', creditLimit: 5_000 }, -1).hold).toBe(true);
    });
  });

  describe('credit: held below −creditLimit', () => {
    test('exactly at the limit ships', () => {
      const d = shippingHold(credit, -10_000_000);
      expect([d.hold, d.floor, d.shortfall]).toEqual([false, -10_000_000, 0]);
      expect(d.reason).toBe('신용 한도 내 출고 가능: 잔액 -10,000,000원, 한도 10,000,000원, 남은 한도 0원');
    });

    test('one won over the limit holds', () => {
      const d = shippingHold(credit, -10_000_001);
      expect([d.hold, d.shortfall]).toEqual([true, 1]);
      expect(d.reason).toBe('신용 한도 초과로 출고 보류: 잔액 -10,000,001원, 한도 10,000,000원, 1원 입금 후 출고됩니다');
    });

    test('with a next amount: reaching the limit ships, one won past it holds', () => {
      expect(shippingHold(credit, 0, 10_000_000).hold).toBe(false);
      expect(shippingHold(credit, 0, 10_000_001)).toMatchObject({ hold: true, shortfall: 1 });
      expect(shippingHold(credit, 2_000_000, 12_000_000).hold).toBe(false);
    });

    test('a credit limit of 0 behaves like a deposit', () => {
      expect(shippingHold({ mode: 'credit', creditLimit: 0 }, 0).hold).toBe(false);
      expect(shippingHold({ mode: 'credit', creditLimit: 0 }, -1).hold).toBe(true);
    });
  });

  test('the mode is per partner and can change: the same balance, judged by the current mode', () => {
    expect(shippingHold(deposit, -5_000).hold).toBe(true);
    expect(shippingHold(credit, -5_000).hold).toBe(false);
  });

  test('a payment received releases the hold', () => {
    const ledger: LedgerEntry[] = [
      paymentEntry({ partnerId: 'PNR002', at: kst(2026, 11, 10), amount: 15_000_000, reference: 'B1' }),
      ...weeklyEntries(statement), // −16,000,000 + 40,000 + 800,000
    ];
    const before = balanceOf(ledger, 'PNR002');
    expect(before).toBe(-160_000);
    const held = shippingHold(deposit, before);
    expect([held.hold, held.shortfall]).toEqual([true, 160_000]);
    const paid = [...ledger, ...post(ledger, [paymentEntry({ partnerId: 'PNR002', at: kst(2026, 11, 24), amount: held.shortfall, reference: 'B2' })])];
    expect(shippingHold(deposit, balanceOf(paid, 'PNR002')).hold).toBe(false);
    // the deposit balance before the week closed was fine
    expect(shippingHold(deposit, balanceOf(ledger, 'PNR002', week.end - 1)).hold).toBe(false);
  });

  test('bad inputs are refused', () => {
    expect(() => shippingHold(deposit, 0, -1)).toThrow(LedgerError);
    expect(() => shippingHold({ mode: 'credit', creditLimit: -1 }, 0)).toThrow(LedgerError);
    expect(() => shippingHold(deposit, 0.5)).toThrow();
  });

  test('won are printed with thousands separators', () => {
    expect([formatWon(0), formatWon(999), formatWon(1_000), formatWon(-12_500_000)]).toEqual(['0원', '999원', '1,000원', '-12,500,000원']);
  });
});

describe('corrections when a re-run figure drops to zero', () => {
  test('a posted return credit that the re-run no longer has is corrected to 0 when the period is named', () => {
    const posted = weeklyEntries(statement);
    const rerun = weeklyEntries(weeklyStatement(PNR002, week, shipped, [], []));
    expect(rerun.map((e) => e.type)).toEqual(['settlement', 'incentive']);
    // without naming the period, a vanished figure cannot be seen
    expect(corrections(posted, rerun, week.end)).toEqual([]);
    const fixes = corrections(posted, rerun, week.end, [{ partnerId: 'PNR002', period: '2026-W47' }]);
    expect(fixes.map((e) => [e.id, e.amount])).toEqual([['PNR002:2026-W47:returnCredit:correction:1', -40_000]]);
    const ledger = [...posted, ...post(posted, fixes)];
    expect(balanceOf(ledger, 'PNR002')).toBe(-16_000_000 + 800_000);
    expect(corrections(ledger, rerun, week.end, [{ partnerId: 'PNR002', period: '2026-W47' }])).toEqual([]);
  });
});
