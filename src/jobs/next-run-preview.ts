/**
 * What the next sync run would send, computed the way the run computes it but sending nothing:
 * the stock numbers that changed, the next batch of products, the tracking numbers entered and
 * not yet sent. Staff see it before they press "sync now" ("재고 37건, 상품 5건, 송장 12건"), and
 * the health panel shows the same counts as each partner's queue.
 */
import type { Partner } from '../core/partner';
import type { Product } from '../core/product';
import type { CarrierRule } from '../core/carriers';
import { planShipments, type ReceiverKey, type ShipmentRequest } from '../core/shipping';
import { allocateStock, stockChanges, stockKey } from '../core/stock';
import { planProductPush, mallProductName, type ProductPace, type ProductPushState } from './product-push';
import { lastPushedStock, type StockRatio } from '../sheet/ratios';
import { seoulStamp } from '../core/seoul-time';


export interface NextRunInput {
  readonly now: number;
  readonly products: readonly Product[];
  readonly ratios: readonly StockRatio[];
  /** Partners whose rows are valid. */
  readonly partners: readonly Partner[];
  /** Partners with a stored token: only their malls are sent anything. */
  readonly connected: ReadonlySet<string>;
  /** Units still to ship per SKU (from the orders tab). */
  readonly reserved: ReadonlyMap<string, number>;
  /** Pairs (by stockKey) the stock push already found missing from their mall: not looked up again. */
  readonly knownMissing: ReadonlySet<string>;
  readonly pushState: ProductPushState;
  readonly lastBatchAt: number | null;
  readonly pace: ProductPace;
  /** Tracking numbers entered (order rows, the import tab, scans) and not yet sent, one per item. */
  readonly tracking: readonly ShipmentRequest[];
  /** Numbers already registered on the malls, with their parcel's receiver (bundle checks). */
  readonly trackingUsed: ReadonlyMap<string, ReceiverKey>;
  readonly carriers: readonly CarrierRule[];
}

export type PreviewJob = 'stock' | 'products' | 'tracking';

export interface PreviewLine {
  readonly job: PreviewJob;
  readonly partnerId: string;
  /** Korean; holds channel and sheet text (product names): the sidebar shows it as text only. */
  readonly text: string;
}

export interface PartnerQueue {
  /** Stock numbers the next run would send. */
  stock: number;
  /** Products in the next batch. */
  products: number;
  /** Products waiting in all (the next batch included). */
  productsWaiting: number;
  tracking: number;
  /** Pairs of this partner the stock push found missing from its mall (waiting to be registered). */
  notInMall: number;
}

export interface NextRunPreview {
  /** What the next run sends, and the products waiting in all (this run's batch included). */
  readonly counts: Readonly<Record<PreviewJob | 'productsWaiting', number>>;
  readonly byPartner: Readonly<Record<string, PartnerQueue>>;
  /** When the next product batch may go; null when none waits. */
  readonly productsNextBatchAt: number | null;
  /** At most `MAX_LINES`, stock first. */
  readonly lines: readonly PreviewLine[];
  /** Lines left out for length. */
  readonly omitted: number;
  /** "재고 37건, 상품 5건, 송장 12건" */
  readonly summary: string;
}

/** A sidebar is 300 px wide: the first lines say enough; the counts say the rest. */
export const MAX_LINES = 30;

export function previewNextRun(input: NextRunInput): NextRunPreview {
  const byPartner: Record<string, PartnerQueue> = {};
  const queue = (id: string) => (byPartner[id] ??= { stock: 0, products: 0, productsWaiting: 0, tracking: 0, notInMall: 0 });
  for (const p of input.partners) if (input.connected.has(p.partnerId)) queue(p.partnerId);
  const lines: PreviewLine[] = [];

  // Stock, as the stock push decides it (oversell guard on, only changed numbers).
  const selling = new Set(input.products.filter((p) => p.status === 'selling').map((p) => p.sku));
  const sellable = (r: StockRatio) => r.sellable && selling.has(r.sku);
  const { targets } = allocateStock({
    products: input.products,
    reserved: input.reserved,
    shares: input.ratios.map((r) => ({ sku: r.sku, partnerId: r.partnerId, sellable: sellable(r), ratio: r.ratio })),
    oversellGuard: true,
  });
  const last = lastPushedStock(input.ratios);
  const ratioOf = new Map(input.ratios.map((r) => [stockKey(r.sku, r.partnerId), r]));
  const stock = stockChanges(targets, last).filter((t) => {
    if (!input.connected.has(t.partnerId)) return false;
    const key = stockKey(t.sku, t.partnerId);
    const r = ratioOf.get(key);
    if (!r) return false;
    if (r.channelProductNo && r.channelVariantCode) return true;
    // Without an address the push looks the SKU up in the mall, unless it is known missing; a
    // mall that does not carry a SKU it does not sell is sent nothing.
    return sellable(r) && !input.knownMissing.has(key);
  });
  for (const r of input.ratios) {
    if (input.connected.has(r.partnerId) && sellable(r) && !r.channelVariantCode && input.knownMissing.has(stockKey(r.sku, r.partnerId))) queue(r.partnerId).notInMall++;
  }
  for (const t of stock) {
    queue(t.partnerId).stock++;
    const before = last.get(stockKey(t.sku, t.partnerId));
    lines.push({ job: 'stock', partnerId: t.partnerId, text: `재고 ${t.sku} → ${t.partnerId}: ${before ?? '–'} → ${t.quantity}` });
  }

  // Products, as the product push plans its next batch.
  const plan = planProductPush({
    products: input.products,
    ratios: input.ratios,
    partners: input.partners.filter((p) => input.connected.has(p.partnerId)),
    pushed: input.pushState.pushed,
    waitingSince: input.pushState.waitingSince,
    now: input.now,
    pace: input.pace,
    lastBatchAt: input.lastBatchAt,
  });
  for (const key of plan.waitingSince.keys()) queue(key.slice(key.lastIndexOf('|') + 1)).productsWaiting++;
  const productOf = new Map(input.products.map((p) => [p.sku, p]));
  for (const s of plan.steps) {
    queue(s.partnerId).products++;
    const p = productOf.get(s.sku);
    const name = p ? mallProductName(p) : s.sku;
    lines.push({ job: 'products', partnerId: s.partnerId, text: `상품 ${s.kind === 'create' ? '등록' : '갱신'} ${name} → ${s.partnerId}` });
  }

  // Tracking numbers, checked as the shipping step checks them: what would go, and what would
  // be refused or held (said too, so staff can fix it before the run).
  const shipments = planShipments(
    input.tracking.filter((r) => input.connected.has(r.line.partnerId)),
    input.trackingUsed,
    input.carriers,
  );
  let tracking = 0;
  for (const d of shipments.decisions) {
    const id = d.line.partnerId;
    if (d.kind === 'ok') {
      tracking++;
      queue(id).tracking++;
      lines.push({ job: 'tracking', partnerId: id, text: `송장 ${d.line.orderId} ${d.carrier.nameKo} ${d.trackingNo} → ${id}` });
    } else {
      lines.push({ job: 'tracking', partnerId: id, text: `송장 ${d.kind === 'held' ? '보류' : '거부'} ${d.line.orderId}: ${d.reason}` });
    }
  }

  const productsWaiting = plan.waitingSince.size;
  const counts = { stock: stock.length, products: plan.steps.length, productsWaiting, tracking };
  // What waits beyond this run's batch, and when it goes: the partner cards count the same queue.
  const later = productsWaiting - counts.products;
  const laterText = later > 0 ? ` (${later}건 대기${plan.nextBatchAt !== null ? `: 다음 묶음 ${seoulStamp(Math.max(plan.nextBatchAt, input.now)).slice(6)}` : ''})` : '';
  return {
    counts,
    byPartner,
    productsNextBatchAt: plan.nextBatchAt,
    lines: lines.slice(0, MAX_LINES),
    omitted: Math.max(0, lines.length - MAX_LINES),
    summary: `재고 ${counts.stock}건, 상품 ${counts.products}건${laterText}, 송장 ${counts.tracking}건`,
  };
}
