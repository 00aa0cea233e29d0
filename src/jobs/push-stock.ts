import type { ChannelAccount, Gateway, StockAddress } from '../channels/port';
import { channelOf } from '../channels/registry';
import { allocateStock, lowersFirst, stockChanges, stockInMall, stockKey, type MallSale, type StockTarget, type StockWarning } from '../core/stock';
import type { Product } from '../core/product';
import type { StockRatio } from '../sheet/ratios';
import { lastPushedStock } from '../sheet/ratios';
import { readCatalogs } from './catalog';

/**
 * Sends each partner account the stock it should show, and only what changed since the last
 * push. A variant's address in a mall (product no, variant code) comes from the ratio row, and
 * when missing from reading that mall's catalog once (by our SKU in its custom codes).
 */
export interface StockPushResult {
  readonly sku: string;
  readonly partnerId: string;
  readonly target: StockTarget;
  /** Sent and accepted. */
  readonly pushed: boolean;
  /** The variant address, when known (found now or before). */
  readonly productNo: string | null;
  readonly variantCode: string | null;
  /** Why it was not sent, in Korean; '' when sent. */
  readonly status: string;
  /** Not sent for lack of time or because the mall throttles: the next run sends it. */
  readonly deferred: boolean;
}

/** What a ratio row says when the mall has no product for the SKU. */
export const NOT_IN_MALL = '몰에 이 SKU의 상품이 없습니다(상품 전송 후 재고가 연동됩니다)';
/** …and when the row says 판매 안 함: nothing to send, and nothing to look for again. */
export const NOT_CARRIED = '몰에 이 SKU의 상품이 없습니다(판매 안 함: 보낼 것 없음)';

/** A ratio row whose status says its mall was looked at and has no product for the SKU. */
export const knownMissingStatus = (status: string): boolean => status === NOT_IN_MALL || status === NOT_CARRIED;

export interface StockPushInput {
  readonly products: readonly Product[];
  readonly ratios: readonly StockRatio[];
  readonly reserved: ReadonlyMap<string, number>;
  readonly conns: ReadonlyMap<string, ChannelAccount>;
  readonly oversellGuard: boolean;
  /**
   * Pairs already found missing from their mall: not looked up again (a catalog read costs a
   * page per 100 products) until something changed (`lookAgain`).
   */
  readonly knownMissing?: ReadonlySet<string>;
  readonly lookAgain?: boolean;
  /** Order lines collected since the last push (this run's new lines): each mall sold these. */
  readonly sales?: readonly MallSale[];
}

export interface StockPushReport {
  readonly results: StockPushResult[];
  readonly warnings: StockWarning[];
  /** Every target, for showing how each number is computed even when nothing was sent. */
  readonly targets: StockTarget[];
  /** What each mall holds by our count after this push (sent numbers, less sales where none was sent). */
  readonly inMall: ReadonlyMap<string, number>;
}

export function pushStock(input: StockPushInput, gateway: Gateway): StockPushReport {
  const selling = new Set(input.products.filter((p) => p.status === 'selling').map((p) => p.sku));
  const { targets, warnings } = allocateStock({
    products: input.products,
    reserved: input.reserved,
    // A product marked sold out or discontinued is offered to nobody.
    shares: input.ratios.map((r) => ({ sku: r.sku, partnerId: r.partnerId, sellable: r.sellable && selling.has(r.sku), ratio: r.ratio })),
    oversellGuard: input.oversellGuard,
  });
  // The malls sold since the last push: compare the share with what each holds now, not with
  // what was sent (a sale the floor hides would leave the mall below its share for good).
  const before = stockInMall(lastPushedStock(input.ratios), input.sales ?? []);
  const changes = lowersFirst(stockChanges(targets, before).filter((t) => setsStock(input.conns.get(t.partnerId))), before);
  const ratioOf = new Map(input.ratios.map((r) => [stockKey(r.sku, r.partnerId), r]));
  const sellableOf = new Map(input.ratios.map((r) => [stockKey(r.sku, r.partnerId), r.sellable && selling.has(r.sku)]));
  const address = new Map<string, { productNo: string; variantCode: string } | null>();
  for (const t of changes) {
    const r = ratioOf.get(stockKey(t.sku, t.partnerId));
    address.set(stockKey(t.sku, t.partnerId), r?.channelProductNo && r.channelVariantCode ? { productNo: r.channelProductNo, variantCode: r.channelVariantCode } : null);
  }
  // Malls where a changed SKU has no known address: read their catalogs once.
  const skip = input.lookAgain ? new Set<string>() : input.knownMissing ?? new Set<string>();
  const unknown = [
    ...new Set(changes.filter((t) => address.get(stockKey(t.sku, t.partnerId)) === null && !skip.has(stockKey(t.sku, t.partnerId))).map((t) => t.partnerId)),
  ];
  const catalogFailures = new Map<string, { message: string; deferred: boolean }>();
  if (unknown.length > 0) {
    const catalogs = readCatalogs(unknown.map((id) => input.conns.get(id)!), gateway);
    for (const e of catalogs.errors) catalogFailures.set(e.partnerId, { message: e.error.userMessage, deferred: e.deferred });
    for (const t of changes) {
      const key = stockKey(t.sku, t.partnerId);
      if (address.get(key)) continue;
      const ref: StockAddress | undefined = catalogs.refs.get(t.partnerId)?.get(t.sku);
      if (ref) address.set(key, ref);
    }
  }
  const results: StockPushResult[] = [];
  const sendable = changes.filter((t) => address.get(stockKey(t.sku, t.partnerId)));
  for (const t of changes) {
    const key = stockKey(t.sku, t.partnerId);
    if (address.get(key)) continue;
    const failure = catalogFailures.get(t.partnerId);
    // A mall that does not carry a SKU it is not meant to sell needs nothing; the row says the
    // mall was looked at, so the catalog is not read again for it every run.
    if (!sellableOf.get(key)) {
      if (!failure && !skip.has(key)) results.push({ sku: t.sku, partnerId: t.partnerId, target: t, pushed: false, productNo: null, variantCode: null, status: NOT_CARRIED, deferred: false });
      continue;
    }
    results.push({ sku: t.sku, partnerId: t.partnerId, target: t, pushed: false, productNo: null, variantCode: null, status: failure?.message ?? NOT_IN_MALL, deferred: failure?.deferred ?? false });
  }
  const outcomes = gateway.run(
    sendable.map((t) => {
      const a = address.get(stockKey(t.sku, t.partnerId))!;
      const account = input.conns.get(t.partnerId)!;
      return channelOf(account.channel).stock!.setQuantity(account, a, t.quantity);
    }),
  );
  sendable.forEach((t, i) => {
    const a = address.get(stockKey(t.sku, t.partnerId))!;
    const o = outcomes[i]!;
    results.push({ sku: t.sku, partnerId: t.partnerId, target: t, pushed: o.ok, productNo: a.productNo, variantCode: a.variantCode, status: o.ok ? '' : o.error.userMessage, deferred: !o.ok && o.deferred });
  });
  const inMall = new Map(before);
  for (const r of results) if (r.pushed) inMall.set(stockKey(r.sku, r.partnerId), r.target.quantity);
  return { results, warnings, targets, inMall };
}

/** An account whose channel takes stock quantities (a channel may lack the capability). */
function setsStock(account: ChannelAccount | undefined): boolean {
  return account !== undefined && channelOf(account.channel).stock !== undefined;
}
