/**
 * The settlement run as a pure use case over what the tabs hold (src/sheet/settlement-data.ts,
 * src/sheet/ledger.ts): for each period asked and each partner, the statement's figures for the
 * settlement tab, how they were computed (item keys, or a count and a filter hint), and the ledger
 * entries to append — new ones (`post`) and, for figures that changed since they were posted,
 * corrections (never a rewrite). Running a period again on the same rows appends nothing.
 *
 * Choices where the spec is silent:
 * - The 5% incentive is of the shipped wholesale value, before return credits (the spec's table
 *   reads "5% … on the shipped wholesale"; src/core/settlement.ts takes it so).
 * - The own mall (자사몰, PNR001) gets statements in the settlement tab (the spec's table has a
 *   PNR001 row) but no ledger entries and no shipping hold: the manufacturer does not bill itself.
 * - A statement that needs a shipped item whose SKU has no wholesale price is not posted: its
 *   row says which SKU and items, and staff run the period again once the price is in.
 * - A partner with nothing in a period gets no row unless it had one (a re-run may zero it).
 */
import type { Krw } from '../core/krw';
import { corrections, ledgerId, monthlyEntries, post, shippingHold, weeklyEntries, type LedgerEntry } from '../core/ledger';
import type { Partner } from '../core/partner';
import { monthlyShippingFee, monthOf, termsOf, weekFromLabel, weeklyStatement, weekOf, type OrderedItem, type ReturnCredit, type SeoulMonth, type SeoulWeek, type ShippedItem } from '../core/settlement';
import { parseSeoulDay, seoulDayOf, seoulDayStart, type SeoulDay } from '../core/seoul-time';
import type { UnpricedItem } from '../sheet/settlement-data';

export type Period = SeoulWeek | SeoulMonth;

export interface SettlementInputs {
  readonly partners: readonly Partner[];
  readonly shipped: readonly ShippedItem[];
  readonly ordered: readonly OrderedItem[];
  readonly returns: readonly ReturnCredit[];
  readonly unpriced: readonly UnpricedItem[];
  /** The ledger as posted (the tab's rows with an id). */
  readonly ledger: readonly LedgerEntry[];
  /** From when the orders tab holds every paid order (null: unknown, no warning). */
  readonly coveredFrom: number | null;
  /** Keys (`partner|period`) the settlement tab already has a row for. */
  readonly existingRows: ReadonlySet<string>;
}

export interface StatementRow {
  readonly partnerId: string;
  readonly period: string;
  readonly kind: 'week' | 'month';
  /** The settlement tab's row key. */
  readonly key: string;
  /** The figures by column key (blank when the statement could not be made). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The 근거 cell. */
  readonly trace: string;
  /** Why the statement was not posted (Korean), or null. */
  readonly problem: string | null;
  /** The period starts before the orders tab is complete (Korean), or null. */
  readonly warning: string | null;
  /** Entries this run appends for this row (new figures, corrections). */
  readonly appended: readonly LedgerEntry[];
  readonly ownMall: boolean;
}

export interface SettlementResult {
  readonly rows: readonly StatementRow[];
  /** Everything to append to the ledger, in order. */
  readonly appended: readonly LedgerEntry[];
}

/** Trace cells stay readable (and far under Sheets' 50,000 characters): beyond this, a count and a filter hint. */
export const TRACE_MAX_CHARS = 1_000;

const itemIdOf = (key: string) => key.slice(key.indexOf('|') + 1);
const won = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * "출고 3품목: 20270125-0000001-01, …" — or, for many items, "출고 1,234품목 (주문 탭에서 …로 필터)".
 * `hint` says how to find the rows in the orders tab.
 */
export function keysText(label: string, keys: readonly string[], hint: string): string {
  if (keys.length === 0) return `${label} 0품목`;
  const list = keys.map(itemIdOf).join(', ');
  return list.length <= TRACE_MAX_CHARS ? `${label} ${won(keys.length)}품목: ${list}` : `${label} ${won(keys.length)}품목 (${hint})`;
}

const rangeOf = (p: Period): string => `${p.firstDay}~${p.lastDay}`;
const dayDate = (d: SeoulDay): Date => new Date(seoulDayStart(d));

export function isWeek(p: Period): p is SeoulWeek {
  return p.kind === 'week';
}

/** `2027-W04` → that ISO week (Asia/Seoul); `2027-01` → that month; null when neither. */
export function periodFromLabel(label: string): Period | null {
  const text = String(label ?? '').trim();
  const week = weekFromLabel(text);
  if (week) return week;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return null;
  const first = parseSeoulDay(`${text}-01`);
  return first ? monthOf(seoulDayStart(first)) : null;
}

/** The statements of the periods for every partner, and what to append to the ledger. */
export function settlePeriods(periods: readonly Period[], inputs: SettlementInputs, now: number): SettlementResult {
  let ledger: LedgerEntry[] = [...inputs.ledger];
  const rows: StatementRow[] = [];
  const appendedAll: LedgerEntry[] = [];
  for (const period of periods) {
    for (const partner of inputs.partners) {
      const row = statementOf(period, partner, inputs, ledger, now);
      if (!row) continue;
      rows.push(row);
      ledger = [...ledger, ...row.appended];
      appendedAll.push(...row.appended);
    }
  }
  return { rows, appended: appendedAll };
}

function statementOf(period: Period, partner: Partner, inputs: SettlementInputs, ledger: readonly LedgerEntry[], now: number): StatementRow | null {
  const partnerId = partner.partnerId;
  const key = `${partnerId}|${period.label}`;
  const ownMall = partner.role === 'own';
  const terms = termsOf(partner);
  const hintShipped = `주문 탭에서 파트너ID ${partnerId}, 출고일시 ${rangeOf(period)}로 필터`;
  const warning =
    inputs.coveredFrom !== null && period.start < inputs.coveredFrom
      ? `주문 수집 시작(${seoulDayOf(inputs.coveredFrom)}) 이전의 출고·주문은 시트에 없을 수 있습니다`
      : null;
  const unpriced = inputs.unpriced.filter((u) => u.partnerId === partnerId && u.shippedAt >= period.start && u.shippedAt < period.end);

  let values: Record<string, unknown>;
  let trace: string;
  let entries: LedgerEntry[];
  let active: boolean;
  if (isWeek(period)) {
    const s = weeklyStatement(terms, period, inputs.shipped, inputs.returns, inputs.ordered);
    values = {
      partnerId,
      period: period.label,
      periodStart: dayDate(period.firstDay),
      periodEnd: dayDate(period.lastDay),
      orderAmount7d: s.orderAmount7d,
      unitsShipped: s.units,
      wholesaleAmount: s.wholesale,
      returnCredit: s.returnCredit,
      amountDue: s.amountDue,
      incentive: s.incentive,
      monthUnitsShipped: '',
      shippingFee: '',
      dueDate: dayDate(s.dueDate),
    };
    trace = [
      keysText('출고', s.trace.shipped, hintShipped),
      s.trace.returned.length > 0 ? keysText('반품 공제', s.trace.returned, `클레임 탭에서 파트너ID ${partnerId}, 완료일시 ${rangeOf(period)}로 필터`) : '',
      `7일 주문 ${won(s.trace.ordered.length)}품목 (주문 탭에서 파트너ID ${partnerId}, 주문일시 ${rangeOf(period)}, 취소 제외)`,
    ]
      .filter(Boolean)
      .join(' / ');
    entries = weeklyEntries(s);
    active = s.units > 0 || s.returnCredit > 0 || s.orderAmount7d > 0 || unpriced.length > 0;
  } else {
    const f = monthlyShippingFee(terms, period, inputs.shipped);
    values = {
      partnerId,
      period: period.label,
      periodStart: dayDate(period.firstDay),
      periodEnd: dayDate(period.lastDay),
      orderAmount7d: '',
      unitsShipped: '',
      wholesaleAmount: '',
      returnCredit: '',
      amountDue: '',
      incentive: '',
      monthUnitsShipped: f.units,
      shippingFee: f.fee,
      dueDate: '',
    };
    trace = `${keysText('월 출고', f.items, hintShipped)} × 개당 ${won(f.feePerUnit)}원`;
    entries = monthlyEntries(f);
    active = f.units > 0 || unpriced.length > 0;
  }
  if (!active && !inputs.existingRows.has(key)) return null;

  if (unpriced.length > 0) {
    const skus = [...new Set(unpriced.map((u) => u.sku || '(SKU 없음)'))].join(', ');
    const problem = `도매가를 알 수 없는 출고 품목이 있어 정산하지 않았습니다: SKU ${skus} (${unpriced.map((u) => itemIdOf(u.itemKey)).slice(0, 10).join(', ')}${unpriced.length > 10 ? ' …' : ''}). 상품 탭에 도매가를 넣고 이 기간을 다시 정산하세요`;
    const blank = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, ['partnerId', 'period', 'periodStart', 'periodEnd', 'dueDate'].includes(k) ? v : '']));
    return { partnerId, period: period.label, kind: period.kind, key, values: blank, trace, problem, warning, appended: [], ownMall };
  }
  let appended: LedgerEntry[] = [];
  if (!ownMall) {
    const fresh = post(ledger, entries);
    const fixes = post([...ledger, ...fresh], corrections(ledger, entries, now, [{ partnerId, period: period.label }]));
    appended = [...fresh, ...fixes];
  }
  return { partnerId, period: period.label, kind: period.kind, key, values, trace, problem: null, warning, appended, ownMall };
}

// ---------------------------------------------------------------------------------------------
// balances and shipping holds (seed 002: deposit and credit)

export interface HoldView {
  readonly partnerId: string;
  /** The ledger balance now (Σ entries up to now). */
  readonly balance: Krw;
  /** Wholesale of goods shipped in weeks not settled yet: what the next settlement will charge (shown, not held on). */
  readonly unsettled: Krw;
  readonly held: boolean;
  /** Korean, for the partner row's 처리결과 and the held order rows. */
  readonly reason: string;
}

/**
 * Each reseller's hold, on its ledger balance: the weekly settlement deducts the week's amount
 * (issue 6: "each week's amount is deducted from the balance"), and when the balance is below the
 * floor — 0 for a deposit partner, −limit for a credit partner — its new orders wait until it
 * pays. The boundaries are ledger.ts's shippingHold: a deposit ships at exactly 0 and holds at
 * −1; credit ships at exactly −limit and holds one won over. The own mall is never held.
 *
 * Why the ledger balance and not the balance minus what has shipped since the last settlement:
 * the spec deducts weekly; staff, the partner row and the reseller's sheet all show the ledger
 * balance, so the figure that holds is the figure everyone sees. What has shipped but is not
 * settled yet is worked out too (`unsettled`) and shown to the reseller as the coming charge.
 */
export function holdsOf(
  partners: readonly Partner[],
  ledger: readonly LedgerEntry[],
  shipped: readonly ShippedItem[],
  coveredFrom: number | null,
  now: number,
): HoldView[] {
  const ids = new Set(ledger.map((e) => e.id));
  const out: HoldView[] = [];
  for (const p of partners) {
    if (p.role !== 'reseller') continue;
    let balance: Krw = 0;
    const seen = new Set<string>();
    for (const e of ledger) {
      if (e.partnerId !== p.partnerId || seen.has(e.id) || e.at > now) continue;
      seen.add(e.id);
      balance += e.amount;
    }
    let unsettled: Krw = 0;
    const counted = new Set<string>();
    for (const s of shipped) {
      if (s.partnerId !== p.partnerId || s.shippedAt > now || counted.has(s.itemKey)) continue;
      counted.add(s.itemKey);
      const week = weekOf(s.shippedAt);
      // A week that began before the orders tab was complete is never settled by itself.
      if (coveredFrom !== null && week.start < coveredFrom) continue;
      if (ids.has(ledgerId(p.partnerId, week.label, 'settlement'))) continue;
      unsettled += s.quantity * s.wholesaleUnitPrice;
    }
    const d = shippingHold({ mode: p.settlementMode, creditLimit: p.creditLimit }, balance, 0);
    out.push({ partnerId: p.partnerId, balance, unsettled, held: d.hold, reason: d.reason });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the chart data: weekly wholesale value and units, per partner

export interface WeeklyFigure {
  readonly partnerId: string;
  readonly period: string;
  readonly units: number;
  readonly wholesale: Krw;
}

/** How many weeks the charts show. */
export const CHART_WEEKS = 26;

/**
 * The chart tab's rows (주차, 파트너ID, 도매금액, 출고수량): for each partner in turn, one row per
 * week of the last CHART_WEEKS weeks that have any statement, oldest first, 0 where the partner
 * had none. Every partner's block has the same weeks in the same order, so a chart can draw each
 * block as one series over the first block's weeks.
 */
export function weeklyChartRows(figures: readonly WeeklyFigure[], partnerIds: readonly string[], weeks = CHART_WEEKS): { weeks: string[]; rows: unknown[][] } {
  const periods = [...new Set(figures.filter((f) => /^\d{4}-W\d{2}$/.test(f.period)).map((f) => f.period))].sort().slice(-weeks);
  const by = new Map(figures.map((f) => [`${f.partnerId}|${f.period}`, f]));
  const rows = partnerIds.flatMap((p) => periods.map((w) => [w, p, by.get(`${p}|${w}`)?.wholesale ?? 0, by.get(`${p}|${w}`)?.units ?? 0]));
  return { weeks: periods, rows };
}
