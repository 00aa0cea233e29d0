import type { OrderLine } from '../core/order';
import type { Clock, KeyValueStore } from '../core/ports';
import type { ChannelAccount, ChannelError, Gateway, PagedRead } from '../channels/port';
import { channelOf } from '../channels/registry';
import { cursorKey } from './kept';

/**
 * Collects the changed orders of every connected account, of every channel, since each
 * account's cursor. All accounts' pages go out together, round after round (one fetchAll a
 * round), until every read is done. A cursor moves only when all of its account's reads
 * succeeded, so a 429 storm, a 500 or a revoked token means that account is read again next
 * time, never skipped; lines are keyed by item, so reading an order twice updates its row
 * instead of adding one.
 */
export interface CollectResult {
  readonly lines: OrderLine[];
  /** Per partner: what went wrong (the others went on). */
  readonly errors: ReadonlyArray<{ partnerId: string; error: ChannelError; deferred: boolean }>;
  readonly completed: readonly string[];
  /**
   * New cursors of the accounts read completely. Commit them (commitCursors) only after the
   * lines are safely in the sheet: a run stopped in between reads the same orders again.
   */
  readonly cursors: Readonly<Record<string, string>>;
}


/** Writes only cursors that moved (a day-based cursor moves about once a day). */
export function commitCursors(store: KeyValueStore, accounts: readonly ChannelAccount[], cursors: Readonly<Record<string, string>>): void {
  for (const account of accounts) {
    const at = cursors[account.partnerId];
    if (at !== undefined && store.get(cursorKey(account)) !== at) store.set(cursorKey(account), at);
  }
}

interface Reading {
  readonly account: ChannelAccount;
  read: PagedRead<OrderLine>;
  readonly cursorWhenDone: string | null;
}

export function collectOrders(accounts: readonly ChannelAccount[], d: { gateway: Gateway; store: KeyValueStore; clock: Clock; turn: number }): CollectResult {
  const now = d.clock.now();
  const readings = new Set<Reading>();
  for (const account of accounts) {
    const orders = channelOf(account.channel).orders;
    for (const r of orders.collect(account, d.store.get(cursorKey(account)), now, d.turn)) readings.add({ account, read: r.read, cursorWhenDone: r.cursorWhenDone });
  }
  const byItem = new Map<string, OrderLine>();
  const errors: Array<{ partnerId: string; error: ChannelError; deferred: boolean }> = [];
  const failed = new Set<string>();
  const finished = new Set<string>();
  const cursors: Record<string, string> = {};
  while (readings.size > 0) {
    const round = [...readings];
    const outcomes = d.gateway.run(round.map((r) => r.read.request));
    round.forEach((r, i) => {
      const o = outcomes[i]!;
      const id = r.account.partnerId;
      if (!o.ok) {
        if (!failed.has(id)) errors.push({ partnerId: id, error: o.error, deferred: o.deferred });
        failed.add(id);
        readings.delete(r);
        return;
      }
      for (const line of o.value.items) byItem.set(`${line.partnerId}|${line.itemId}`, line);
      if (o.value.next !== null) {
        r.read = o.value.next;
        return;
      }
      readings.delete(r);
      if (r.cursorWhenDone !== null) {
        finished.add(id);
        cursors[id] = r.cursorWhenDone;
      }
    });
  }
  // An account whose other reads failed is not complete, though its cursor's read was.
  const completed = [...finished].filter((id) => !failed.has(id));
  for (const id of failed) delete cursors[id];
  return { lines: [...byItem.values()], errors, completed, cursors };
}
