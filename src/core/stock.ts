/**
 * Stock offered to the malls (DOMAIN: stock is sent whenever warehouse stock changes, after
 * deducting collected orders; each partner gets warehouse stock × its link ratio).
 *
 *   available = max(0, warehouse stock − safety stock − reserved units)
 *   quantity  = floor(available × ratio)              where the SKU is sellable for the partner, else 0
 *
 * Ratios of a SKU may add up to more than 100% (the spec sets them per partner); the oversell
 * guard then scales each by 100/sum, so the partners together are never offered more than is
 * available. Every quantity carries the sentence that computed it, for the sheet.
 */
import type { OrderLine, OrderLineStatus } from './order';

/**
 * Whether a line's units are still to leave the warehouse. A Record over every status, so a
 * new status cannot be added without deciding.
 */
const STILL_TO_SHIP: Readonly<Record<OrderLineStatus, boolean>> = {
  paid: true,
  preparing: true,
  // Tracking number registered, parcel not yet picked up: still on the shelf.
  standby: true,
  // A cancel can only be asked before shipping and may still be refused: hold the units until
  // the cancel is done.
  cancelRequested: true,
  // The replacement ships once the return is confirmed: hold a unit for it. (The original item
  // of the exchange has this status too, but it left the warehouse: its shippedAt says so.)
  exchangeRequested: true,
  // Left the warehouse: warehouse stock no longer has these units, deducting them again would
  // count them twice.
  shipping: false,
  delivered: false,
  // Delivered already and on its way back: nothing more leaves. It is back in stock only when
  // received and sorted as good (claims tab), not on the customer's request.
  returnRequested: false,
  returned: false,
  // The replacement has shipped.
  exchanged: false,
  // Nothing ships.
  cancelled: false,
  refunded: false,
};

/**
 * Units per SKU in collected orders that are still to leave the warehouse. A line with a
 * shipping time has left, whatever its status says (an exchanged original, a cancel asked after
 * the parcel went out).
 */
export function reservedUnits(lines: ReadonlyArray<Pick<OrderLine, 'sku' | 'quantity' | 'status'> & { readonly shippedAt?: number | null }>): Map<string, number> {
  const reserved = new Map<string, number>();
  for (const l of lines) {
    // A line without SKU cannot be tied to a product; it is reported where orders are read.
    if (!l.sku || !STILL_TO_SHIP[l.status] || (l.shippedAt !== undefined && l.shippedAt !== null)) continue;
    reserved.set(l.sku, (reserved.get(l.sku) ?? 0) + l.quantity);
  }
  return reserved;
}

export interface StockProduct {
  readonly sku: string;
  readonly warehouseStock: number;
  readonly safetyStock: number;
}

/** One partner's link to one SKU (a row of the stock ratios tab). */
export interface StockShare {
  readonly sku: string;
  readonly partnerId: string;
  readonly sellable: boolean;
  /** Percent, 0–100. */
  readonly ratio: number;
}

/** What one partner's mall should show as stock for one SKU, and how it was computed. */
export interface StockTarget {
  readonly sku: string;
  readonly partnerId: string;
  readonly quantity: number;
  /** e.g. "120 − 2 예약 = 118 × 30% = 35", shown beside the pushed number. */
  readonly computation: string;
}

export interface StockWarning {
  readonly sku: string;
  readonly message: string;
}

export interface StockAllocation {
  readonly targets: StockTarget[];
  readonly warnings: StockWarning[];
}

export interface StockInput {
  readonly products: ReadonlyArray<StockProduct>;
  /** Units per SKU still to ship, from `reservedUnits`. */
  readonly reserved: ReadonlyMap<string, number>;
  readonly shares: ReadonlyArray<StockShare>;
  /** Scale ratios that add up to more than 100% down to 100% (a setting, on by default). */
  readonly oversellGuard: boolean;
}

/** The key of a (SKU, partner) pair: the stock ratios tab's row key. */
export function stockKey(sku: string, partnerId: string): string {
  return `${sku}|${partnerId}`;
}

/** Targets for every share, ordered by SKU then partner; warnings in SKU order. */
export function allocateStock(input: StockInput): StockAllocation {
  const products = groupBy(input.products, (p) => p.sku);
  const shares = groupBy(input.shares, (s) => s.sku);
  const targets: StockTarget[] = [];
  const warnings: StockWarning[] = [];
  for (const sku of [...shares.keys()].sort(byCodeUnits)) {
    const r = allocateSku(sku, products.get(sku) ?? [], shares.get(sku)!, input.reserved.get(sku) ?? 0, input.oversellGuard);
    targets.push(...r.targets);
    warnings.push(...r.warnings.map((message) => ({ sku, message })));
  }
  return { targets, warnings };
}

/** Only the targets whose quantity differs from what the mall holds by our count (never pushed = changed). */
export function stockChanges(targets: readonly StockTarget[], inMall: ReadonlyMap<string, number>): StockTarget[] {
  return targets.filter((t) => inMall.get(stockKey(t.sku, t.partnerId)) !== t.quantity);
}

/**
 * Changes in the order to send them: lowered quantities first, so that a run that can send only
 * some (a first push of thousands) closes the risk of overselling before it tops malls up.
 */
export function lowersFirst(changes: readonly StockTarget[], inMall: ReadonlyMap<string, number>): StockTarget[] {
  const lowers = (t: StockTarget) => {
    const held = inMall.get(stockKey(t.sku, t.partnerId));
    return held !== undefined && t.quantity < held;
  };
  return [...changes.filter(lowers), ...changes.filter((t) => !lowers(t))];
}

/** Units of one order line a mall sold (the mall took them off its own stock when it sold them). */
export interface MallSale {
  readonly sku: string | null;
  readonly partnerId: string;
  readonly quantity: number;
  readonly status: OrderLineStatus;
}

/**
 * A sale that is first seen cancelled, refunded or returned gave its units back to the mall (or
 * never took them): it is not counted off.
 */
const GAVE_BACK: ReadonlySet<OrderLineStatus> = new Set<OrderLineStatus>(['cancelled', 'refunded', 'returned']);

/**
 * What each mall holds by our count: the quantity last pushed (an absolute set) less the units of
 * its orders collected since. A mall deducts its own sales; when the share it should show does
 * not move with a sale (the floor hides a unit), only this count says that the mall is now below
 * its share. Pairs never pushed stay unknown (absent).
 */
export function stockInMall(lastPushed: ReadonlyMap<string, number>, salesSincePush: readonly MallSale[]): Map<string, number> {
  const inMall = new Map(lastPushed);
  for (const s of salesSincePush) {
    if (!s.sku || GAVE_BACK.has(s.status)) continue;
    const key = stockKey(s.sku, s.partnerId);
    const held = inMall.get(key);
    // A mall with stock management on sells no more than it holds.
    if (held !== undefined) inMall.set(key, Math.max(0, held - s.quantity));
  }
  return inMall;
}

/** 100% in hundredths of a percent. Ratios are taken to 0.01% and kept as integer hundredths so
 * the arithmetic is on integers: 375 × 18.4% is 69, where floats give 68.999… and floor to 68. */
const WHOLE = 10_000;

function allocateSku(sku: string, found: readonly StockProduct[], shares: readonly StockShare[], reserved: number, guard: boolean): { targets: StockTarget[]; warnings: string[] } {
  const byPartner = groupBy(shares, (s) => s.partnerId);
  const partners = [...byPartner.keys()].sort(byCodeUnits);
  const zero = (partnerId: string, why: string): StockTarget => ({ sku, partnerId, quantity: 0, computation: `${why} → 0` });
  const product = found.length === 1 ? found[0]! : null;
  if (!product) {
    // Stock we cannot read is stock we must not offer.
    const why = found.length === 0 ? '상품 정보 없음' : '상품 행 중복';
    const message = found.length === 0 ? `상품 탭에서 SKU ${sku}을(를) 읽을 수 없어 재고 0을 보냅니다` : `상품 탭에 SKU ${sku} 행이 여러 개라 재고 0을 보냅니다`;
    return { targets: partners.map((p) => zero(p, why)), warnings: [message] };
  }

  const warnings: string[] = [];
  const duplicated = partners.filter((p) => byPartner.get(p)!.length > 1);
  for (const p of duplicated) warnings.push(`파트너 ${p}의 연동재고율 행이 여러 개라 재고 0을 보냅니다`);
  const live = partners.filter((p) => !duplicated.includes(p) && byPartner.get(p)![0]!.sellable);
  const sum = live.reduce((total, p) => total + hundredths(byPartner.get(p)![0]!.ratio), 0);
  // With the guard, a sum over 100% becomes the denominator: each share × 100/sum.
  const scaled = guard && sum > WHOLE;
  const denominator = scaled ? sum : WHOLE;

  const base = availableOf(product, reserved);
  const targets = partners.map((p): StockTarget => {
    if (duplicated.includes(p)) return zero(p, '연동재고율 행 중복');
    if (!live.includes(p)) return zero(p, '판매 안 함');
    const ratio = hundredths(byPartner.get(p)![0]!.ratio);
    const quantity = floorDiv(base.available * ratio, denominator);
    const scaling = scaled ? ` × 100/${percentText(sum)}` : '';
    return { sku, partnerId: p, quantity, computation: `${base.text} × ${percentText(ratio)}%${scaling} = ${grouped(quantity)}` };
  });

  if (sum > WHOLE) {
    const offered = targets.reduce((total, t) => total + t.quantity, 0);
    const consequence = guard
      ? `초과판매 방지: 각 비율 × 100/${percentText(sum)}`
      : `초과판매 방지 꺼짐: 파트너 합계 ${grouped(offered)}개 / 가용 ${grouped(base.available)}개`;
    warnings.push(`연동재고율 합계 ${percentText(sum)}% (100% 초과) — ${consequence}`);
  }
  return { targets, warnings };
}

/** Units the malls may be offered: warehouse − safety − reserved, never below 0. */
export function availableUnits(p: StockProduct, reserved: number): number {
  return availableOf(p, reserved).available;
}

/** Available units and how they were found: "120 − 10 안전재고 − 2 예약 = 108". */
function availableOf(p: StockProduct, reserved: number): { available: number; text: string } {
  const deductions = [
    p.safetyStock ? `− ${grouped(p.safetyStock)} 안전재고` : '',
    reserved ? `− ${grouped(reserved)} 예약` : '',
  ].filter(Boolean);
  const raw = p.warehouseStock - p.safetyStock - reserved;
  let text = [grouped(p.warehouseStock), ...deductions].join(' ');
  if (deductions.length > 0) text += ` = ${grouped(raw)}`;
  // More reserved than on the shelf (late stock count, a big order): offer nothing, not less than nothing.
  if (raw < 0) text += ' → 0';
  return { available: Math.max(0, raw), text };
}

/** ⌊x / d⌋ without rounding the quotient first: x − x % d is an exact multiple of d. */
function floorDiv(x: number, d: number): number {
  return (x - (x % d)) / d;
}

/** A percent as integer hundredths, clamped to 0–100% (the ratios tab refuses anything else). */
function hundredths(percent: number): number {
  return Number.isFinite(percent) ? Math.round(Math.min(100, Math.max(0, percent)) * 100) : 0;
}

function percentText(h: number): string {
  return grouped(h / 100);
}

/** 1234 → "1,234"; −5 → "−5" (the minus sign, as in the computation's other minus signs). */
function grouped(n: number): string {
  const [whole = '', fraction] = String(Math.abs(n)).split('.');
  const digits = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '−' : ''}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

function groupBy<T>(items: ReadonlyArray<T>, key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Code-unit order: the same on every runtime and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
