/**
 * A JSON-serialisable picture of every mall (for a `channels.json` output and for tests):
 * resources as the API would print them, plus the fake's own counters (bucket, usage, tokens,
 * faults). Token strings are never included.
 */
import { boardSnapshot } from './boards';
import { displayed, drain } from './bucket';
import type { FakeCore } from './core';
import type { MallState } from './model';
import { renderCarrier, renderClaim, renderOrder, renderProduct, renderRefund, renderShipment, renderSupplier } from './render';
import { kstIso } from './time';
import { read } from './usage';

const ALL_PRODUCT = new Set(['variants', 'inventories']);
const ALL_ORDER = new Set(['items', 'receivers', 'buyer']);

export function bucketsState(core: FakeCore, mall: MallState): {
  buckets: Record<string, { used: number; capacity: number }>;
  usage: { call_pct: number; time_pct: number; calls_in_window: number };
} {
  const now = core.now();
  const buckets: Record<string, { used: number; capacity: number }> = {};
  for (const [key, state] of core.bucketsOf(mall.mall_id)) {
    buckets[key] = { used: displayed(drain(state, now, core.bucketCfg).level, core.bucketCfg), capacity: core.bucketCfg.capacity };
  }
  const u = read(mall.usage, now, core.usageCfg);
  return { buckets, usage: { call_pct: u.callPct, time_pct: u.timePct, calls_in_window: mall.usage.calls.length } };
}

export function snapshot(core: FakeCore) {
  const now = core.now();
  const malls: Record<string, unknown> = {};
  for (const mall of core.malls.values()) {
    malls[mall.mall_id] = {
      mall_id: mall.mall_id,
      user_id: mall.user_id,
      shop_name: mall.shop_name,
      partner_code: mall.partner_code,
      products: [...mall.products.values()].sort((a, b) => a.product_no - b.product_no).map((p) => renderProduct(mall, p, ALL_PRODUCT)),
      orders: [...mall.orders.values()].sort((a, b) => a.order_date - b.order_date).map((o) => renderOrder(mall, o, ALL_ORDER)),
      shipments: [...mall.shipments.values()].map((s) => renderShipment(s, mall)),
      claims: [...mall.claims.values()].map((c) => ({ type: c.type, ...renderClaim(c) })),
      refunds: [...mall.refunds.values()].map(renderRefund),
      // Buyers' questions and the answers to them (boards.ts).
      boards: boardSnapshot(mall),
      carriers: mall.carriers.map(renderCarrier),
      suppliers: mall.suppliers.map(renderSupplier),
      rate_limit: bucketsState(core, mall),
      tokens: core.tokens.summary(mall.mall_id, now),
      faults: mall.faults.map((f) => ({ id: f.id, ...f.fault, remaining: f.remaining, until: f.until, hits: f.hits })),
    };
  }
  return { now: kstIso(now), now_ms: now, malls };
}
