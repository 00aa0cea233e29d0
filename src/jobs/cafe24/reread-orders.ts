import type { OrderLine } from '../../core/order';
import type { Cafe24Connection, Cafe24Error } from '../../channels/cafe24';
import { getOrder, OrderOne, orderLines, parse } from '../../channels/cafe24';
import type { Cafe24Gateway } from './gateway';

/**
 * Reads given orders again, whole, from their malls: before a tracking number is sent (has a
 * cancel been requested since?) and after a claim is answered (what did the mall make of it?).
 * One GET per order, all malls in the same rounds. Lines come back as the collector makes them,
 * so they are written to the orders tab by the same upsert.
 */
export interface OrderRef {
  readonly partnerId: string;
  readonly orderId: string;
}

export interface RereadResult {
  readonly lines: OrderLine[];
  /** Orders that could not be read, with why (the caller must not act on a stale view of them). */
  readonly failed: ReadonlyArray<OrderRef & { readonly error: Cafe24Error; readonly deferred: boolean }>;
}

export function rereadOrders(refs: readonly OrderRef[], conns: ReadonlyMap<string, Cafe24Connection>, gateway: Cafe24Gateway): RereadResult {
  const unique = new Map<string, { ref: OrderRef; conn: Cafe24Connection }>();
  for (const ref of refs) {
    const conn = conns.get(ref.partnerId);
    if (conn) unique.set(`${ref.partnerId}\u0000${ref.orderId}`, { ref, conn });
  }
  const list = [...unique.values()];
  if (list.length === 0) return { lines: [], failed: [] };
  const outcomes = gateway.run(
    list.map(({ ref, conn }) => ({
      conn,
      call: 'orders.get' as const,
      build: (session) => getOrder(session, ref.orderId),
      read: (r) => parse('orders.get', conn.mallId, OrderOne, r).order,
    })),
  );
  const lines: OrderLine[] = [];
  const failed: Array<OrderRef & { error: Cafe24Error; deferred: boolean }> = [];
  list.forEach(({ ref, conn }, i) => {
    const o = outcomes[i]!;
    if (o.ok) lines.push(...orderLines(conn, [o.value]).lines);
    else failed.push({ ...ref, error: o.error, deferred: o.deferred });
  });
  return { lines, failed };
}
