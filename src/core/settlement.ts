/**
 * Settlement figures (DOMAIN "Settlement"), as pure functions of the order rows:
 *
 * - Weekly, per partner, for a Seoul Monday–Sunday week: units shipped and their wholesale value,
 *   minus the wholesale value of returned goods credited that week = the amount due the next
 *   Thursday; the sales incentive (a per-partner percent, 5% in the spec) of the shipped wholesale
 *   value, paid with the settlement; and, for context, the partner's order amount of those 7 days.
 * - Monthly, per partner: units shipped in the Seoul calendar month × the per-unit shipping fee.
 *
 * Money is whole KRW and never goes through a float: percentages are taken in basis points with
 * integer arithmetic and ROUNDED DOWN (floor) when not exact — the partner is never paid a won
 * that was not earned (5% of 20,000,000 = 1,000,000 exactly; 5% of 19,999 = 999.95 → 999).
 *
 * Same inputs → same figures: the result does not depend on input order, every figure lists the
 * item keys it came from, and a row given twice (the same shipped item key, or an identical return
 * credit) counts once. A shipped item key given twice with different content is refused.
 */
import { assertKrw, KrwError, type Krw } from './krw';
import { inPeriod, type SeoulMonth, type SeoulWeek } from './seoul-week';
import type { SeoulDay } from './seoul-time';

export { weekOf, monthOf, weekFromLabel, inPeriod, type SeoulWeek, type SeoulMonth } from './seoul-week';

/** An order item that left the warehouse (marked shipped at inspection). */
export interface ShippedItem {
  readonly partnerId: string;
  /** The order row's key (e.g. `PNR002:20261116-0000012:1`). */
  readonly itemKey: string;
  readonly sku: string;
  /** Whole units, > 0. */
  readonly quantity: number;
  readonly wholesaleUnitPrice: Krw;
  /** Epoch ms. */
  readonly shippedAt: number;
}

/** Returned goods credited against the partner's balance at wholesale value. */
export interface ReturnCredit {
  readonly partnerId: string;
  /** The returned order row's key; an item may be returned in several credits (partial returns). */
  readonly itemKey: string;
  readonly quantity: number;
  readonly wholesaleUnitPrice: Krw;
  /** Epoch ms. */
  readonly creditedAt: number;
}

/** A paid order item as collected from the mall (context only: not settled on). */
export interface OrderedItem {
  readonly partnerId: string;
  readonly itemKey: string;
  readonly amount: Krw;
  /** Epoch ms. */
  readonly orderedAt: number;
}

export interface PartnerTerms {
  readonly partnerId: string;
  /** Percent of the wholesale value, e.g. 5 or 2.5; at most two decimals (basis points), 0–100. */
  readonly incentiveRatePercent: number;
  readonly shippingFeePerUnit: Krw;
}

export interface WeeklyStatement {
  readonly partnerId: string;
  readonly period: string;
  readonly week: SeoulWeek;
  /** Units shipped in the week. */
  readonly units: number;
  /** Wholesale value of those units. */
  readonly wholesale: Krw;
  /** Wholesale value of the returns credited in the week. */
  readonly returnCredit: Krw;
  /** wholesale − returnCredit; negative when the week's returns exceed its shipments (owed to the partner). */
  readonly amountDue: Krw;
  /** floor(wholesale × rate): of the shipped wholesale value, before returns (as the spec's table). */
  readonly incentive: Krw;
  /** Context: the partner's order amount over the week's 7 days. */
  readonly orderAmount7d: Krw;
  readonly dueDate: SeoulDay;
  /** Every contributing item key (shipped, returned, ordered), sorted, each once. */
  readonly items: readonly string[];
  /** Which keys make which figure. */
  readonly trace: {
    readonly shipped: readonly string[];
    readonly returned: readonly string[];
    readonly ordered: readonly string[];
  };
}

export interface MonthlyShippingFee {
  readonly partnerId: string;
  readonly period: string;
  readonly month: SeoulMonth;
  readonly units: number;
  readonly feePerUnit: Krw;
  /** units × feePerUnit. */
  readonly fee: Krw;
  /** The shipped item keys counted, sorted. */
  readonly items: readonly string[];
}

export class SettlementError extends Error {
  override readonly name = 'SettlementError';
}

// ---------------------------------------------------------------------------------------------
// integer money helpers

function assertUnits(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n <= 0) throw new SettlementError(`${what}: quantity must be a whole number above 0, got ${n} (수량은 1 이상의 정수여야 합니다)`);
  return n;
}

function assertPrice(n: Krw, what: string): Krw {
  assertKrw(n, what);
  if (n < 0) throw new SettlementError(`${what}: price must not be negative, got ${n} (금액은 0 이상이어야 합니다)`);
  return n;
}

/** a × b in whole won, refusing results past Number.MAX_SAFE_INTEGER (which would lose won). */
function mulKrw(a: number, b: number, what: string): Krw {
  const r = a * b;
  if (!Number.isSafeInteger(r)) throw new KrwError(`${what}: ${a} × ${b} is out of range (금액이 너무 큽니다)`);
  return r;
}

function addKrw(a: Krw, b: Krw, what: string): Krw {
  return assertKrw(a + b, what);
}

/** A percent with at most two decimals as basis points: 5 → 500, 2.5 → 250. */
export function percentToBasisPoints(percent: number): number {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || Math.abs(percent * 100 - bp) > 1e-6 || bp < 0 || bp > 10_000) {
    throw new SettlementError(`incentive rate must be 0–100% with at most two decimals, got ${percent} (장려금 비율은 0–100%, 소수 둘째 자리까지입니다)`);
  }
  return bp;
}

/**
 * floor(amount × bp / 10,000) for amount ≥ 0, exactly, without a float and without overflowing:
 * amount = q·10,000 + r, so the result is q·bp + floor(r·bp / 10,000) with r·bp < 10⁸.
 * Rounding rule: floor (round down) when the share is not a whole won.
 */
export function basisPointsOf(amount: Krw, bp: number): Krw {
  assertKrw(amount, 'amount');
  if (amount < 0) throw new SettlementError(`cannot take a percentage of a negative amount: ${amount}`);
  const q = Math.floor(amount / 10_000);
  const r = amount - q * 10_000;
  return addKrw(mulKrw(q, bp, 'percentage'), Math.floor((r * bp) / 10_000), 'percentage');
}

/** floor(amount × percent / 100), percent with at most two decimals. */
export function percentOf(amount: Krw, percent: number): Krw {
  return basisPointsOf(amount, percentToBasisPoints(percent));
}

// ---------------------------------------------------------------------------------------------
// de-duplication (same rows given twice count once)

const sameShipped = (a: ShippedItem, b: ShippedItem): boolean =>
  a.partnerId === b.partnerId && a.sku === b.sku && a.quantity === b.quantity && a.wholesaleUnitPrice === b.wholesaleUnitPrice && a.shippedAt === b.shippedAt;

function uniqueShipped(rows: readonly ShippedItem[]): ShippedItem[] {
  const byKey = new Map<string, ShippedItem>();
  for (const row of rows) {
    const seen = byKey.get(row.itemKey);
    if (seen === undefined) byKey.set(row.itemKey, row);
    else if (!sameShipped(seen, row)) {
      throw new SettlementError(`shipped item ${row.itemKey} is given twice with different content (같은 출고 품목이 서로 다른 내용으로 두 번 있습니다)`);
    }
  }
  return [...byKey.values()];
}

const creditIdentity = (c: ReturnCredit): string =>
  JSON.stringify([c.partnerId, c.itemKey, c.quantity, c.wholesaleUnitPrice, c.creditedAt]);

function uniqueBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const out = new Map<string, T>();
  for (const row of rows) if (!out.has(key(row))) out.set(key(row), row);
  return [...out.values()];
}

const sortedKeys = (keys: Iterable<string>): string[] => [...new Set(keys)].sort();

function shippedIn(partnerId: string, period: { start: number; end: number }, shipped: readonly ShippedItem[]): ShippedItem[] {
  return uniqueShipped(shipped.filter((s) => s.partnerId === partnerId && inPeriod(period, s.shippedAt)));
}

// ---------------------------------------------------------------------------------------------
// the statements

/** The partner's weekly settlement for a Seoul Monday–Sunday week (rows of other partners and weeks are ignored). */
export function weeklyStatement(
  partner: PartnerTerms,
  week: SeoulWeek,
  shipped: readonly ShippedItem[],
  returns: readonly ReturnCredit[],
  ordered: readonly OrderedItem[],
): WeeklyStatement {
  const bp = percentToBasisPoints(partner.incentiveRatePercent);

  const ships = shippedIn(partner.partnerId, week, shipped);
  let units = 0;
  let wholesale: Krw = 0;
  for (const s of ships) {
    const what = `shipped ${s.itemKey}`;
    units = assertKrw(units + assertUnits(s.quantity, what), 'units');
    wholesale = addKrw(wholesale, mulKrw(s.quantity, assertPrice(s.wholesaleUnitPrice, what), what), 'wholesale');
  }

  const credits = uniqueBy(
    returns.filter((c) => c.partnerId === partner.partnerId && inPeriod(week, c.creditedAt)),
    creditIdentity,
  );
  let returnCredit: Krw = 0;
  for (const c of credits) {
    const what = `return ${c.itemKey}`;
    returnCredit = addKrw(returnCredit, mulKrw(assertUnits(c.quantity, what), assertPrice(c.wholesaleUnitPrice, what), what), 'return credit');
  }

  const orders = uniqueBy(
    ordered.filter((o) => o.partnerId === partner.partnerId && inPeriod(week, o.orderedAt)),
    (o) => o.itemKey,
  );
  let orderAmount7d: Krw = 0;
  for (const o of orders) orderAmount7d = addKrw(orderAmount7d, assertKrw(o.amount, `order ${o.itemKey}`), 'order amount');

  const trace = {
    shipped: sortedKeys(ships.map((s) => s.itemKey)),
    returned: sortedKeys(credits.map((c) => c.itemKey)),
    ordered: sortedKeys(orders.map((o) => o.itemKey)),
  };
  return {
    partnerId: partner.partnerId,
    period: week.label,
    week,
    units,
    wholesale,
    returnCredit,
    amountDue: assertKrw(wholesale - returnCredit, 'amount due'),
    incentive: basisPointsOf(wholesale, bp),
    orderAmount7d,
    dueDate: week.dueDate,
    items: sortedKeys([...trace.shipped, ...trace.returned, ...trace.ordered]),
    trace,
  };
}

/** The partner's shipping fee for a Seoul calendar month: units shipped in it × the per-unit fee. */
export function monthlyShippingFee(partner: PartnerTerms, month: SeoulMonth, shipped: readonly ShippedItem[]): MonthlyShippingFee {
  const feePerUnit = assertPrice(partner.shippingFeePerUnit, 'shipping fee per unit');
  const ships = shippedIn(partner.partnerId, month, shipped);
  let units = 0;
  for (const s of ships) units = assertKrw(units + assertUnits(s.quantity, `shipped ${s.itemKey}`), 'units');
  return {
    partnerId: partner.partnerId,
    period: month.label,
    month,
    units,
    feePerUnit,
    fee: mulKrw(units, feePerUnit, 'shipping fee'),
    items: sortedKeys(ships.map((s) => s.itemKey)),
  };
}

/** Terms from a partner row (`src/core/partner.ts`). */
export function termsOf(partner: { partnerId: string; incentiveRate: number; shippingFeePerUnit: Krw }): PartnerTerms {
  return { partnerId: partner.partnerId, incentiveRatePercent: partner.incentiveRate, shippingFeePerUnit: partner.shippingFeePerUnit };
}
