/**
 * What one reseller's own settlement sheet shows, as plain grids (the Apps Script side only
 * writes them): its statements, its ledger and balance, its shipped items. Built only from rows
 * of that partner, so nothing of another partner can reach it; and shipped items carry no buyer
 * or receiver (no names, phones or addresses: the reseller has its customers in its own mall,
 * and a shared sheet is no place for them).
 */
import type { Krw } from '../core/krw';
import { formatWon, LEDGER_ENTRY_LABELS, type LedgerEntry } from '../core/ledger';
import type { Partner } from '../core/partner';
import type { ShippedItem } from '../core/settlement';
import type { ShippedDetail } from '../sheet/settlement-data';
import type { HoldView } from './settlement-run';

export interface StatementFigures {
  readonly partnerId: string;
  readonly period: string;
  readonly periodStart: unknown;
  readonly periodEnd: unknown;
  readonly orderAmount7d: unknown;
  readonly unitsShipped: unknown;
  readonly wholesaleAmount: unknown;
  readonly returnCredit: unknown;
  readonly amountDue: unknown;
  readonly incentive: unknown;
  readonly monthUnitsShipped: unknown;
  readonly shippingFee: unknown;
  readonly dueDate: unknown;
  readonly trace: unknown;
  /** The statement was posted (its 처리결과 starts with ✓): only those are shown and mailed. */
  readonly posted: boolean;
}

export interface ResellerTab {
  readonly name: string;
  readonly rows: unknown[][];
  /** Number formats by 0-based column. */
  readonly formats?: Readonly<Record<number, string>>;
  /** A chart over this tab: the category column and the series columns (0-based), on the rows below the header. */
  readonly chart?: { readonly title: string; readonly category: number; readonly bars: number; readonly line: number };
}

export interface ResellerView {
  readonly title: string;
  readonly tabs: readonly ResellerTab[];
  /** Periods of posted statements in the sheet (weekly and monthly), to know what is new. */
  readonly periods: readonly string[];
}

export const RESELLER_TABS = { summary: '요약', weekly: '주간 정산', monthly: '월 배송비', ledger: '원장', shipped: '출고 내역' } as const;

const WON = '#,##0';
const DATE = 'yyyy-mm-dd';
const TIME = 'yyyy-mm-dd hh:mm';

/**
 * The sheet of `partner`. Every input is filtered to the partner here again, so a caller that
 * passes the whole ledger or every shipment still shows nothing of anyone else.
 */
export function resellerView(
  partner: Partner,
  input: {
    statements: readonly StatementFigures[];
    ledger: readonly LedgerEntry[];
    hold: HoldView | null;
    shipped: readonly ShippedItem[];
    details: ReadonlyMap<string, ShippedDetail>;
    now: number;
    /** The voucher numbers the ledger tab shows (src/sheet/ledger-voucher.ts), by entry id. */
    vouchers?: ReadonlyMap<string, string>;
  },
): ResellerView {
  const id = partner.partnerId;
  const statements = input.statements.filter((s) => s.partnerId === id && s.posted).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const weekly = statements.filter((s) => /-W\d{2}$/.test(s.period));
  const monthly = statements.filter((s) => /^\d{4}-\d{2}$/.test(s.period));
  const entries = input.ledger.filter((e) => e.partnerId === id).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const seen = new Set<string>();
  let running: Krw = 0;
  const ledgerRows: unknown[][] = [];
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    running += e.amount;
    // The number the manufacturer's ledger shows, which both sides can quote; the key before it has one.
    ledgerRows.push([new Date(e.at), LEDGER_ENTRY_LABELS[e.type], e.amount, running, e.reference, e.reason ?? '', input.vouchers?.get(e.id) ?? e.id]);
  }
  const balance = input.hold?.balance ?? running;
  const shippedRows = input.shipped
    .filter((s) => s.partnerId === id)
    .map((s) => ({ s, d: input.details.get(s.itemKey) }))
    .filter((x): x is { s: ShippedItem; d: ShippedDetail } => x.d !== undefined && x.d.partnerId === id)
    .sort((a, b) => b.s.shippedAt - a.s.shippedAt || (a.s.itemKey < b.s.itemKey ? -1 : 1))
    .map(({ s, d }) => [new Date(s.shippedAt), d.orderId, d.itemId, d.productName, d.option, d.sku, s.quantity, s.wholesaleUnitPrice, s.quantity * s.wholesaleUnitPrice, d.carrier, d.trackingNo]);
  const mode = partner.settlementMode === 'credit' ? `마이너스 (신용한도 ${formatWon(partner.creditLimit)})` : '예치금';
  const summary: unknown[][] = [
    ['항목', '내용'],
    ['파트너', `${partner.name} (${id})`],
    ['정산방식', mode],
    ['현재 잔액', balance],
    ['미정산 출고 (다음 정산에 차감)', input.hold?.unsettled ?? 0],
    ['출고 상태', input.hold ? (input.hold.held ? input.hold.reason : '정상 출고') : '정상 출고'],
    ['영업장려금율', `${partner.incentiveRate}%`],
    ['개당 배송비', partner.shippingFeePerUnit],
    ['갱신 시각', new Date(input.now)],
    ['안내', '이 시트는 보기 전용입니다. 잔액이 음수이면 그만큼 입금해 주세요. 주간 정산은 월요일 아침, 배송비는 매월 1일에 정산됩니다.'],
  ];
  return {
    title: `${partner.name} 정산 시트`,
    periods: statements.map((s) => s.period),
    tabs: [
      { name: RESELLER_TABS.summary, rows: summary },
      {
        name: RESELLER_TABS.weekly,
        rows: [
          ['정산기간', '시작일', '종료일', '출고수량', '도매금액', '반품차감', '정산금액', '영업장려금', '7일 주문금액', '지급일(목)', '근거'],
          ...weekly.map((s) => [s.period, s.periodStart, s.periodEnd, s.unitsShipped, s.wholesaleAmount, s.returnCredit, s.amountDue, s.incentive, s.orderAmount7d, s.dueDate, s.trace]),
        ],
        formats: { 1: DATE, 2: DATE, 3: '#,##0', 4: WON, 5: WON, 6: WON, 7: WON, 8: WON, 9: DATE },
        chart: { title: '주간 도매금액과 출고수량', category: 0, bars: 4, line: 3 },
      },
      {
        name: RESELLER_TABS.monthly,
        rows: [['정산기간', '시작일', '종료일', '월 출고수량', '배송비', '근거'], ...monthly.map((s) => [s.period, s.periodStart, s.periodEnd, s.monthUnitsShipped, s.shippingFee, s.trace])],
        formats: { 1: DATE, 2: DATE, 3: '#,##0', 4: WON },
      },
      {
        name: RESELLER_TABS.ledger,
        rows: [['일시', '구분', '금액', '잔액', '근거', '사유', '전표번호'], ...ledgerRows, ['', '현재 잔액', balance, '', '', '', '']],
        formats: { 0: TIME, 2: WON, 3: WON },
      },
      {
        name: RESELLER_TABS.shipped,
        rows: [['출고일시', '주문번호', '품목주문번호', '상품명', '옵션', 'SKU', '수량', '도매단가', '도매금액', '택배사', '송장번호'], ...shippedRows],
        formats: { 0: TIME, 6: '#,##0', 7: WON, 8: WON },
      },
    ],
  };
}

/** The e-mail telling a reseller its new statements are ready (plain text, Korean). */
export function statementMail(partner: Partner, statements: readonly StatementFigures[], url: string): { subject: string; body: string } {
  const count = (v: unknown) => String(Number(v) || 0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const lines = statements.map((s) =>
    /-W\d{2}$/.test(s.period)
      ? `- ${s.period} 주간 정산: 출고 ${count(s.unitsShipped)}개, 정산금액 ${formatWon(Number(s.amountDue) || 0)}, 영업장려금 ${formatWon(Number(s.incentive) || 0)}`
      : `- ${s.period} 배송비: 출고 ${count(s.monthUnitsShipped)}개, 배송비 ${formatWon(Number(s.shippingFee) || 0)}`,
  );
  return {
    subject: `[정산] ${partner.name} ${statements.map((s) => s.period).join(', ')} 정산서가 준비되었습니다`,
    body: [`${partner.name} 담당자님,`, '', '새 정산서가 준비되었습니다.', ...lines, '', `정산 시트(보기 전용): ${url}`, '', '이 메일은 자동으로 발송되었습니다.'].join('\n'),
  };
}
