import type { Carrier } from '../core/order';
import type { CachePort } from '../core/ports';
import type { ChannelAccount, ChannelError, Gateway } from '../channels/port';
import { channelOf } from '../channels/registry';
import { carriersKey } from './kept';

const TTL_S = 6 * 3600;

export type AccountCarriers = ReadonlyMap<string, readonly Carrier[] | ChannelError>;

export function accountCarriers(accounts: readonly ChannelAccount[], gateway: Gateway, cache: CachePort, refresh: ReadonlySet<string> = new Set()): AccountCarriers {
  const out = new Map<string, readonly Carrier[] | ChannelError>();
  const kept = cache.getAll(accounts.map((a) => carriersKey(a)));
  const missing: ChannelAccount[] = [];
  for (const account of accounts) {
    const text = refresh.has(account.partnerId) ? undefined : kept[carriersKey(account)];
    const list = text ? (JSON.parse(text) as Carrier[]) : null;
    if (list) out.set(account.partnerId, list);
    else missing.push(account);
  }
  if (missing.length === 0) return out;
  const outcomes = gateway.run(missing.map((a) => channelOf(a.channel).shipping!.carriers(a)));
  const save: Record<string, string> = {};
  missing.forEach((account, i) => {
    const o = outcomes[i]!;
    out.set(account.partnerId, o.ok ? o.value : o.error);
    if (o.ok) save[carriersKey(account)] = JSON.stringify(o.value);
  });
  if (Object.keys(save).length > 0) cache.putAll(save, TTL_S);
  return out;
}
