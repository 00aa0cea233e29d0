import type { Carrier } from '../core/order';
import type { CachePort } from '../core/ports';
import type { ChannelAccount, ChannelError, ChannelRequest, Gateway } from '../channels/port';
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
  const asked = missing.map((a) => channelOf(a.channel).shipping!.carriers(a));
  // A channel without a carrier endpoint answers its list at once: only requests are sent.
  const requests = asked.filter((x): x is ChannelRequest<Carrier[]> => !Array.isArray(x));
  const answers = requests.length === 0 ? [] : gateway.run(requests);
  const save: Record<string, string> = {};
  missing.forEach((account, i) => {
    const x = asked[i]!;
    const o = Array.isArray(x) ? { ok: true as const, value: x as Carrier[] } : answers[requests.indexOf(x as ChannelRequest<Carrier[]>)]!;
    out.set(account.partnerId, o.ok ? o.value : o.error);
    if (o.ok) save[carriersKey(account)] = JSON.stringify(o.value);
  });
  if (Object.keys(save).length > 0) cache.putAll(save, TTL_S);
  return out;
}
