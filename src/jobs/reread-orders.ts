import type { OrderLine } from '../core/order';
import type { ChannelAccount, ChannelError, Gateway, RereadStep } from '../channels/port';
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
  let calls: Array<{ account: ChannelAccount; orderIds: readonly string[] } & RereadStep> = [];
  for (const { account, orderIds, items } of byAccount.values()) {
    for (const c of channelOf(account.channel).orders.reread(account, [...orderIds], now, [...items.values()])) calls.push({ account, ...c });
  }
  const lines: OrderLine[] = [];
  const failed: Array<OrderRef & { error: ChannelError; deferred: boolean }> = [];
  // Round after round: a step that has a follow-up (`then`) goes on to it with its lines.
  while (calls.length > 0) {
    const outcomes = gateway.run(calls.map((c) => c.request));
    const next: typeof calls = [];
    calls.forEach((c, i) => {
      const o = outcomes[i]!;
      const more = o.ok && c.then ? c.then(o.value) : null;
      if (more) next.push({ account: c.account, orderIds: c.orderIds, ...more });
      else if (o.ok) lines.push(...o.value);
      else for (const orderId of c.orderIds) failed.push({ partnerId: c.account.partnerId, orderId, error: o.error, deferred: o.deferred });
    });
    calls = next;
  }
  return { lines, failed };
}
