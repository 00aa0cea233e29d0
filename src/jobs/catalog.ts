import type { ChannelAccount, ChannelError, Gateway, PagedRead, StockAddress } from '../channels/port';
import { channelOf } from '../channels/registry';

/**
 * Which product and option of each account carries each of our SKUs: what a stock push needs
 * to address. All accounts' pages go out together, round after round.
 */
export interface CatalogResult {
  /** partnerId → sku → its address (the first, when an account lists a SKU twice). */
  readonly refs: ReadonlyMap<string, ReadonlyMap<string, StockAddress>>;
  readonly errors: ReadonlyArray<{ partnerId: string; error: ChannelError; deferred: boolean }>;
}

type Entry = { readonly sku: string; readonly address: StockAddress };

export function readCatalogs(accounts: readonly ChannelAccount[], gateway: Gateway): CatalogResult {
  const reads = new Map<string, { account: ChannelAccount; read: PagedRead<Entry> }>();
  for (const a of accounts) {
    const stock = channelOf(a.channel).stock;
    if (stock) reads.set(a.partnerId, { account: a, read: stock.catalog(a) });
  }
  const refs = new Map<string, Map<string, StockAddress>>([...reads.keys()].map((id) => [id, new Map()]));
  const errors: Array<{ partnerId: string; error: ChannelError; deferred: boolean }> = [];
  while (reads.size > 0) {
    const round = [...reads.values()];
    const outcomes = gateway.run(round.map((r) => r.read.request));
    round.forEach(({ account }, i) => {
      const o = outcomes[i]!;
      const id = account.partnerId;
      if (!o.ok) {
        errors.push({ partnerId: id, error: o.error, deferred: o.deferred });
        reads.delete(id);
        refs.delete(id);
        return;
      }
      const mine = refs.get(id)!;
      for (const { sku, address } of o.value.items) if (!mine.has(sku)) mine.set(sku, address);
      if (o.value.next === null) reads.delete(id);
      else reads.get(id)!.read = o.value.next;
    });
  }
  return { refs, errors };
}
