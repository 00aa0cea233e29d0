/**
 * A reseller's own sheet as grids: only its own rows, even when handed everyone's; no buyer or
 * receiver; its statements (posted ones), its ledger with a running balance, its shipments.
 */
import type { LedgerEntry } from '../../src/core/ledger';
import type { ShippedItem } from '../../src/core/settlement';
import { resellerView, statementMail, type StatementFigures } from '../../src/jobs/reseller-view';
import type { ShippedDetail } from '../../src/sheet/settlement-data';
import { partner } from './product-fixture';

const kst = (y: number, mo: number, d: number, h = 0): number => Date.UTC(y, mo - 1, d, h - 9);
const me = partner('PNR002', 'reseller', { name: '보라색', accountId: 'borasaeg', statementEmails: ['settle@borasaeg.example'] });

const statement = (partnerId: string, period: string, posted = true): StatementFigures => ({
  partnerId,
  period,
  periodStart: '',
  periodEnd: '',
  orderAmount7d: 40_000_000,
  unitsShipped: 800,
  wholesaleAmount: 16_000_000,
  returnCredit: 0,
  amountDue: 16_000_000,
  incentive: 800_000,
  monthUnitsShipped: period.includes('W') ? '' : 2_000,
  shippingFee: period.includes('W') ? '' : 5_000_000,
  dueDate: '',
  trace: `출고 (${partnerId})`,
  posted,
});
const entry = (partnerId: string, id: string, amount: number, at: number, type: LedgerEntry['type'] = 'settlement'): LedgerEntry => ({ id, at, partnerId, type, amount, reference: id });
const ship = (partnerId: string, itemId: string): ShippedItem => ({ partnerId, itemKey: `${partnerId}|${itemId}`, sku: 'MUG', quantity: 3, wholesaleUnitPrice: 20_000, shippedAt: kst(2027, 1, 26) });
const detail = (partnerId: string, itemId: string): ShippedDetail => ({ partnerId, orderId: itemId.slice(0, -3), itemId, sku: 'MUG', productName: '머그', option: '', quantity: 3, carrier: 'CJ대한통운', trackingNo: '680000000001', shippedAt: kst(2027, 1, 26) });

const view = resellerView(me, {
  statements: [statement('PNR002', '2027-W04'), statement('PNR002', '2027-01'), statement('PNR003', '2027-W04'), statement('PNR001', '2027-W04'), statement('PNR002', '2027-W05', false)],
  ledger: [
    entry('PNR002', 'PNR002:2027-W04:settlement', -16_000_000, kst(2027, 2, 1)),
    entry('PNR003', 'PNR003:2027-W04:settlement', -32_000_000, kst(2027, 2, 1)),
    entry('PNR002', 'PNR002:payment:B1', 16_000_000, kst(2027, 2, 2), 'payment'),
    entry('PNR002', 'PNR002:payment:B1', 16_000_000, kst(2027, 2, 2), 'payment'),
  ],
  hold: { partnerId: 'PNR002', balance: 0, unsettled: 60_000, held: false, reason: '' },
  shipped: [ship('PNR002', 'A-01'), ship('PNR003', 'B-01'), ship('PNR002', 'C-01')],
  details: new Map([
    ['PNR002|A-01', detail('PNR002', 'A-01')],
    ['PNR003|B-01', detail('PNR003', 'B-01')],
    // a detail that claims another partner is not shown
    ['PNR002|C-01', detail('PNR001', 'C-01')],
  ]),
  now: kst(2027, 2, 2, 9),
});
const tab = (name: string) => view.tabs.find((t) => t.name === name)!.rows;

test('nothing of another partner, whatever it is handed', () => {
  const text = JSON.stringify(view);
  expect(text).not.toMatch(/PNR003|PNR001/);
  expect(view.title).toBe('보라색 정산 시트');
});

test('its posted statements only, weekly and monthly apart', () => {
  expect(view.periods).toEqual(['2027-01', '2027-W04']);
  expect(tab('주간 정산').slice(1).map((r) => r[0])).toEqual(['2027-W04']);
  expect(tab('월 배송비').slice(1).map((r) => [r[0], r[4]])).toEqual([['2027-01', 5_000_000]]);
});

test('its ledger with a running balance, each id once, and the balance', () => {
  expect(tab('원장').slice(1).map((r) => [r[1], r[2], r[3]])).toEqual([
    ['주간 정산', -16_000_000, -16_000_000],
    ['입금', 16_000_000, 0],
    ['현재 잔액', 0, ''],
  ]);
  const summary = Object.fromEntries(tab('요약').slice(1).map((r) => [r[0], r[1]]));
  expect(summary).toMatchObject({ 정산방식: '예치금', '현재 잔액': 0, '미정산 출고 (다음 정산에 차감)': 60_000, '출고 상태': '정상 출고' });
});

test('its shipments: order, item, product, quantity, wholesale, tracking; no buyer or receiver column', () => {
  const [header, ...rows] = tab('출고 내역');
  expect(header).toEqual(['출고일시', '주문번호', '품목주문번호', '상품명', '옵션', 'SKU', '수량', '도매단가', '도매금액', '택배사', '송장번호']);
  expect(rows).toEqual([[new Date(kst(2027, 1, 26)), 'A', 'A-01', '머그', '', 'MUG', 3, 20_000, 60_000, 'CJ대한통운', '680000000001']]);
});

test('the weekly tab carries its chart: weeks, wholesale as columns, units as a line', () => {
  const weekly = view.tabs.find((t) => t.name === '주간 정산')!;
  expect(weekly.chart).toEqual({ title: '주간 도매금액과 출고수량', category: 0, bars: 4, line: 3 });
  expect([weekly.rows[0]![0], weekly.rows[0]![4], weekly.rows[0]![3]]).toEqual(['정산기간', '도매금액', '출고수량']);
});

test('the statement mail names the periods and amounts, and the sheet', () => {
  const m = statementMail(me, [statement('PNR002', '2027-W04'), statement('PNR002', '2027-01')], 'https://docs.google.com/spreadsheets/d/x/edit');
  expect(m.subject).toBe('[정산] 보라색 2027-W04, 2027-01 정산서가 준비되었습니다');
  expect(m.body).toContain('- 2027-W04 주간 정산: 출고 800개, 정산금액 16,000,000원, 영업장려금 800,000원');
  expect(m.body).toContain('- 2027-01 배송비: 출고 2,000개, 배송비 5,000,000원');
  expect(m.body).toContain('https://docs.google.com/spreadsheets/d/x/edit');
});
