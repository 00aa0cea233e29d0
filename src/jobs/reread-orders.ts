import type { OrderLine } from '../core/order';
import type { ChannelAccount, ChannelError, ChannelRequest, Gateway } from '../channels/port';
import { channelOf } from '../channels/registry';

/**
 * Reads given orders again, whole, from their accounts: before a tracking number is sent (has a
 * cancel been requested since?) and after a claim is answered (what did the channel make of
 * it?). Lines come back as the collector makes them, so they go to the orders tab by the same
 * upsert. Each channel groups an account's orders into as few requests as it can; all accounts
 * go in the same rounds.
 */
export interface OrderRef {
  readonly partnerId: string;
  readonly orderId: string;
  /** The item the caller has in hand, when it has one (channels that read by item need it). */
  readonly itemId?: string;
}

export interface RereadResult {
  readonly lines: OrderLine[];
  /** Orders that could not be read, with why (the caller must not act on a stale view of them). */
  readonly failed: ReadonlyArray<OrderRef & { readonly error: ChannelError; readonly deferred: boolean }>;
}

export function rereadOrders(refs: readonly OrderRef[], accounts: ReadonlyMap<string, ChannelAccount>, gateway: Gateway, now: number): RereadResult {
  const byAccount = new Map<string, { account: ChannelAccount; orderIds: Set<string>; items: Map<string, { orderId: string; itemId: string }> }>();
  for (const ref of refs) {
    const account = accounts.get(ref.partnerId);
    if (!account) continue;
    let entry = byAccount.get(ref.partnerId);
    if (!entry) byAccount.set(ref.partnerId, (entry = { account, orderIds: new Set(), items: new Map() }));
    entry.orderIds.add(ref.orderId);
    if (ref.itemId !== undefined) entry.items.set(ref.itemId, { orderId: ref.orderId, itemId: ref.itemId });
  }
  const calls: Array<{ account: ChannelAccount; orderIds: readonly string[]; request: ChannelRequest<OrderLine[]> }> = [];
  for (const { account, orderIds, items } of byAccount.values()) {
    for (const c of channelOf(account.channel).orders.reread(account, [...orderIds], now, [...items.values()])) calls.push({ account, ...c });
  }
  if (calls.length === 0) return { lines: [], failed: [] };
  const outcomes = gateway.run(calls.map((c) => c.request));
  const lines: OrderLine[] = [];
  const failed: Array<OrderRef & { error: ChannelError; deferred: boolean }> = [];
  calls.forEach((c, i) => {
    const o = outcomes[i]!;
    if (o.ok) lines.push(...o.value);
    else for (const orderId of c.orderIds) failed.push({ partnerId: c.account.partnerId, orderId, error: o.error, deferred: o.deferred });
  });
  return { lines, failed };
}
