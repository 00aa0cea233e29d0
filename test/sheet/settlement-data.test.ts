/**
 * What the settlement reads from the tabs: shipped items valued at the products tab's 도매가,
 * orders for the 7-day amount (cancelled ones out), return credits from completed claims; and the
 * ledger tab: posted entries, and staff's new payment and adjustment rows with their problems.
 */
import type { Partner } from '../../src/core/partner';
import { readLedger, ledgerTypeOf } from '../../src/sheet/ledger';
import { readOrderFacts, readReturnCredits, readWholesalePrices, timeOfCell, wholeOfCell } from '../../src/sheet/settlement-data';
import { CLAIMS, LEDGER, ORDERS, PRODUCTS } from '../../src/sheet/tabs';
import type { TabSpec } from '../../src/sheet/schema';

const kst = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h - 9, mi);
/** A grid with the tab's Korean header and rows given by column key. */
function grid(tab: TabSpec, rows: Array<Record<string, unknown>>): unknown[][] {
  return [tab.columns.map((c) => c.label.ko), ...rows.map((r) => tab.columns.map((c) => r[c.key] ?? ''))];
}

describe('cells', () => {
  test('times: Dates, typed dates and date-times (Seoul); whole numbers with separators', () => {
    expect(timeOfCell(new Date(5))).toBe(5);
    expect(timeOfCell('2027-02-01')).toBe(kst(2027, 2, 1));
    expect(timeOfCell('2027/02/01 09:30')).toBe(kst(2027, 2, 1, 9, 30));
    expect(timeOfCell('내일')).toBeNull();
    expect(wholeOfCell('20,199,999')).toBe(20_199_999);
    expect(wholeOfCell('-1')).toBe(-1);
    expect(wholeOfCell(1.5)).toBeNull();
    expect(wholeOfCell('1.5')).toBeNull();
  });
});

describe('the products tab: wholesale price per SKU', () => {
  test('a SKU on two rows, or a price that is not a whole number, has none', () => {
    const prices = readWholesalePrices(
      grid(PRODUCTS, [
        { sku: 'A', name: 'a', wholesalePrice: 20_000 },
        { sku: 'B', name: 'b', wholesalePrice: 100 },
        { sku: 'B', name: 'b2', wholesalePrice: 200 },
        { sku: 'C', name: 'c', wholesalePrice: 'abc' },
        { sku: 'D', name: 'd', wholesalePrice: '7,000' },
      ]),
    );
    expect([...prices]).toEqual([
      ['A', 20_000],
      ['D', 7_000],
    ]);
  });
});

describe('the orders tab: shipments and orders', () => {
  const prices = new Map([['MUG', 20_000]]);
  const rows = [
    { partnerId: 'PNR002', orderId: 'O1', itemId: 'O1-01', orderedAt: new Date(kst(2027, 1, 25, 9)), sku: 'MUG', productName: '머그', quantity: 300, amount: 15_000_000, orderStatus: '배송중 (N30)', carrier: 'CJ대한통운', trackingNo: '680000200002', shippedAt: new Date(kst(2027, 1, 25, 18)), buyerName: '구매자', receiverPhone: '010-1' },
    { partnerId: 'PNR002', orderId: 'O2', itemId: 'O2-01', orderedAt: new Date(kst(2027, 1, 26)), sku: 'MUG', quantity: 2, amount: 100_000, orderStatus: '결제완료 (N10)' },
    { partnerId: 'PNR002', orderId: 'O3', itemId: 'O3-01', orderedAt: new Date(kst(2027, 1, 26)), sku: 'MUG', quantity: 1, amount: 50_000, orderStatus: '취소완료 (C40)' },
    { partnerId: 'PNR003', orderId: 'O4', itemId: 'O4-01', orderedAt: new Date(kst(2027, 1, 27)), sku: 'NEW', quantity: 5, amount: 1, orderStatus: '배송완료 (N40)', shippedAt: new Date(kst(2027, 1, 28)) },
    { partnerId: '', orderId: 'O5', itemId: 'O5-01', quantity: 1, shippedAt: new Date(kst(2027, 1, 28)) },
  ];
  const facts = readOrderFacts(grid(ORDERS, rows), prices);

  test('a shipped row is valued at its SKU wholesale price and keyed by the tab row key', () => {
    expect(facts.shipped).toEqual([{ partnerId: 'PNR002', itemKey: 'PNR002|O1-01', sku: 'MUG', quantity: 300, wholesaleUnitPrice: 20_000, shippedAt: kst(2027, 1, 25, 18) }]);
  });

  test('a shipped row whose SKU has no price is set apart, not valued at 0', () => {
    expect(facts.unpriced).toEqual([{ partnerId: 'PNR003', itemKey: 'PNR003|O4-01', sku: 'NEW', shippedAt: kst(2027, 1, 28) }]);
  });

  test('orders count for the 7-day amount unless cancelled; rows without a partner are skipped', () => {
    expect(facts.ordered.map((o) => [o.itemKey, o.amount])).toEqual([
      ['PNR002|O1-01', 15_000_000],
      ['PNR002|O2-01', 100_000],
      ['PNR003|O4-01', 1],
    ]);
  });

  test('what a reseller sheet shows of a shipment: no buyer or receiver', () => {
    const d = facts.details.get('PNR002|O1-01')!;
    expect(d).toEqual({ partnerId: 'PNR002', orderId: 'O1', itemId: 'O1-01', sku: 'MUG', productName: '머그', option: '', quantity: 300, carrier: 'CJ대한통운', trackingNo: '680000200002', shippedAt: kst(2027, 1, 25, 18) });
    expect(JSON.stringify(d)).not.toMatch(/구매자|010-1/);
  });
});

describe('the claims tab: completed returns credited to the partner', () => {
  test('credit above 0 and a completion time; the credit is kept to the won', () => {
    const credits = readReturnCredits(
      grid(CLAIMS, [
        { partnerId: 'PNR002', claimId: 'C1', itemId: 'O1-01', quantity: 2, credit: 40_000, completedAt: new Date(kst(2027, 1, 27)) },
        { partnerId: 'PNR002', claimId: 'C2', itemId: 'O2-01', quantity: 3, credit: 10_000, completedAt: new Date(kst(2027, 1, 27)) },
        { partnerId: 'PNR002', claimId: 'C3', itemId: 'O3-01', quantity: 1, credit: 20_000, completedAt: '' },
        { partnerId: 'PNR002', claimId: 'C4', itemId: 'O4-01', quantity: 1, credit: 0, completedAt: new Date(kst(2027, 1, 27)) },
      ]),
    );
    expect(credits).toEqual([
      { partnerId: 'PNR002', itemKey: 'PNR002|O1-01', quantity: 2, wholesaleUnitPrice: 20_000, creditedAt: kst(2027, 1, 27) },
      { partnerId: 'PNR002', itemKey: 'PNR002|O2-01', quantity: 1, wholesaleUnitPrice: 10_000, creditedAt: kst(2027, 1, 27) },
    ]);
  });
});

describe('the ledger tab', () => {
  const partners = [{ partnerId: 'PNR002' }, { partnerId: 'PNR003' }] as Partner[];
  const now = kst(2027, 2, 1, 10);

  test('posted rows are entries; staff rows get an id from their reference, or a made-up one', () => {
    const read = readLedger(
      grid(LEDGER, [
        { entryId: 'PNR002:2027-W04:settlement', at: new Date(kst(2027, 2, 1)), partnerId: 'PNR002', type: '주간 정산', amount: -16_000_000, reference: '2027-W04' },
        { entryId: 'PNR002:payment:20270201-1', at: new Date(kst(2027, 2, 1)), partnerId: 'PNR002', type: '입금', amount: 5, reference: '20270201-1' },
        { partnerId: 'PNR002', type: '입금', amount: '16,000,000', reference: 'BANK-1' },
        { partnerId: 'PNR003', type: '조정', amount: -500, reason: '파손 보상 차감', at: '2027-01-31' },
        { partnerId: 'PNR003', type: '수동 조정', amount: 500, reason: '재고 정정' },
      ]),
      partners,
      now,
    );
    expect(read.posted.map((p) => [p.entry.id, p.entry.type, p.entry.amount])).toEqual([
      ['PNR002:2027-W04:settlement', 'settlement', -16_000_000],
      ['PNR002:payment:20270201-1', 'payment', 5],
    ]);
    expect(read.staff.map((s) => [s.entry?.id, s.entry?.amount, s.entry?.at, s.problems])).toEqual([
      ['PNR002:payment:BANK-1', 16_000_000, now, []],
      // the made-up reference skips one already in the tab
      ['PNR003:adjustment:20270201-2', -500, kst(2027, 1, 31), []],
      ['PNR003:adjustment:20270201-3', 500, now, []],
    ]);
  });

  test.each([
    [{ partnerId: 'PNR009', type: '입금', amount: 1 }, '파트너 탭에 없는 파트너ID입니다: PNR009'],
    [{ partnerId: 'PNR002', type: '입금', amount: -5 }, '입금액은 0보다 커야 합니다'],
    [{ partnerId: 'PNR002', type: '수동 조정', amount: -5 }, '수동 조정에는 사유가 필요합니다'],
    [{ partnerId: 'PNR002', type: '주간 정산', amount: -5 }, '주간 정산 항목은 정산이 만듭니다. 직접 입력은 입금 또는 수동 조정만 가능합니다'],
    [{ partnerId: 'PNR002', type: '입금', amount: '1.5' }, '금액은 원 단위 정수여야 합니다: "1.5"'],
    [{ partnerId: 'PNR002', type: '입금', amount: 0 }, '금액이 0입니다'],
    [{ partnerId: 'PNR002', amount: 3 }, '구분(입금 또는 수동 조정)을 고르세요'],
    [{ partnerId: 'PNR002', type: '입금', amount: 3, at: '어제' }, '일시가 날짜/시각이 아닙니다: "어제"'],
  ])('a staff row that cannot be recorded says why (%#)', (row, problem) => {
    const read = readLedger(grid(LEDGER, [row]), partners, now);
    expect(read.staff).toHaveLength(1);
    expect(read.staff[0]!.entry).toBeNull();
    expect(read.staff[0]!.problems).toContain(problem);
  });

  test('the same bank reference twice is refused: a transfer is recorded once', () => {
    const read = readLedger(
      grid(LEDGER, [
        { entryId: 'PNR002:payment:BANK-1', at: new Date(kst(2027, 2, 1)), partnerId: 'PNR002', type: '입금', amount: 5, reference: 'BANK-1' },
        { partnerId: 'PNR002', type: '입금', amount: 5, reference: 'BANK-1' },
      ]),
      partners,
      now,
    );
    expect(read.staff[0]!.entry).toBeNull();
    expect(read.staff[0]!.problems[0]).toMatch(/^같은 근거\(BANK-1\)로 기록된 입금이 이미 원장에 있습니다/);
  });

  test('a posted row that cannot be read is reported, not counted', () => {
    const read = readLedger(grid(LEDGER, [{ entryId: 'X1', partnerId: 'PNR002', type: '입금', amount: 'abc', at: new Date(0) }]), partners, now);
    expect(read.posted).toEqual([]);
    expect(read.unreadable[0]!.problem).toMatch(/X1/);
  });

  test('types: labels in either language, keys, and the words people use', () => {
    expect(['입금', 'Payment', 'payment', '조정', '수동 조정', '반품 공제', '배송비', '?'].map(ledgerTypeOf)).toEqual(['payment', 'payment', 'payment', 'adjustment', 'adjustment', 'returnCredit', 'shippingFee', null]);
  });
});
