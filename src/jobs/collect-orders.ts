import type { HttpRequest, HttpResponse } from '../core/http';
import type { OrderLine } from '../core/order';
import type { Clock, KeyValueStore } from '../core/ports';
import type { ChannelAccount, ChannelError, Gateway, PagedRead } from '../channels/port';
import { channelOf } from '../channels/registry';
import { cursorKey } from './kept';
import type { ReadScope } from './order-cadence';

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
  /** What was read of each account this run (an account not named was not read). */
  readonly scopes: ReadonlyMap<string, ReadScope>;
  /** Accounts all of whose reads of this run went through. */
  readonly through: ReadonlySet<string>;
}


/**
 * Writes only cursors that moved (a day-based cursor moves about once a day), and of those only
 * what the channel finds worth a write (`keepCursor`: a quiet feed's clock cursor may wait).
 * `sawLines`: accounts whose reads brought lines this run.
 */
export function commitCursors(store: KeyValueStore, accounts: readonly ChannelAccount[], cursors: Readonly<Record<string, string>>, sawLines: ReadonlySet<string> = new Set()): void {
  for (const account of accounts) {
    const at = cursors[account.partnerId];
    if (at === undefined) continue;
    const stored = store.get(cursorKey(account));
    if (stored === at) continue;
    const keep = channelOf(account.channel).orders.keepCursor;
    if (!keep || keep(stored, at, sawLines.has(account.partnerId))) store.set(cursorKey(account), at);
  }
}

interface Reading {
  readonly account: ChannelAccount;
  read: PagedRead<OrderLine>;
  readonly cursorWhenDone: string | null;
}

/**
 * A question asked beside the first round (the relay's webhook news): its answer names more
 * accounts to read, in the rounds that follow.
 */
export interface NewsQuestionOf {
  readonly request: HttpRequest;
  /** `response` null: it could not be asked (no round went out). */
  then(response: HttpResponse): ReadonlyMap<string, ReadScope>;
}

export interface CollectDeps {
  gateway: Gateway;
  store: KeyValueStore;
  clock: Clock;
  /** The minute's number: what a channel reads in rotation. */
  turn: number;
  /** Which accounts to read and how deep (default: every account, its orders and a claim date type in turn). */
  reads?: ReadonlyMap<string, ReadScope>;
  /** Questions asked beside the first round (one per channel the relay hears). */
  news?: readonly NewsQuestionOf[];
}

export function collectOrders(accounts: readonly ChannelAccount[], d: CollectDeps): CollectResult {
  const now = d.clock.now();
  const readings = new Set<Reading>();
  const scopes = new Map<string, ReadScope>();
  const byId = new Map(accounts.map((a) => [a.partnerId, a]));
  const start = (account: ChannelAccount, scope: ReadScope) => {
    const had = scopes.get(account.partnerId);
    scopes.set(account.partnerId, had ? { ...had, orders: had.orders || scope.orders, claims: had.claims === 'all' || scope.claims === 'all' ? 'all' : had.claims === 'turn' || scope.claims === 'turn' ? 'turn' : 'none' } : scope);
    const orders = channelOf(account.channel).orders;
    for (const r of orders.collect(account, d.store.get(cursorKey(account)), now, d.turn, scope)) readings.add({ account, read: r.read, cursorWhenDone: r.cursorWhenDone });
  };
  for (const account of accounts) {
    const scope = d.reads ? d.reads.get(account.partnerId) : { orders: true, claims: 'turn' as const, claimTurn: d.turn };
    if (scope) start(account, scope);
  }
  const byItem = new Map<string, OrderLine>();
  const errors: Array<{ partnerId: string; error: ChannelError; deferred: boolean }> = [];
  const failed = new Set<string>();
  const finished = new Set<string>();
  const cursors: Record<string, string> = {};
  let news = d.news ?? [];
  while (readings.size > 0 || news.length > 0) {
    const round = [...readings];
    const more = new Map<string, ReadScope>();
    const asked = news;
    news = [];
    const alongside = asked.length > 0 ? { requests: asked.map((q) => q.request), answered: (rs: readonly HttpResponse[]) => asked.forEach((q, i) => q.then(rs[i]!).forEach((scope, id) => more.set(id, scope))) } : undefined;
    const outcomes = d.gateway.run(round.map((r) => r.read.request), alongside);
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
    // An account that failed this run is not read again in it.
    for (const [id, scope] of more) {
      const account = byId.get(id);
      if (account && !failed.has(id)) start(account, scope);
    }
  }
  // An account whose other reads failed is not complete, though its cursor's read was.
  const completed = [...finished].filter((id) => !failed.has(id));
  for (const id of failed) delete cursors[id];
  const through = new Set([...scopes.keys()].filter((id) => !failed.has(id)));
  return { lines: [...byItem.values()], errors, completed, cursors, scopes, through };
}
