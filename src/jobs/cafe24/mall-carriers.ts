import type { Carrier } from '../../core/order';
import { carrierByName, type CarrierRule } from '../../core/carriers';
import type { Cafe24Connection, Cafe24Error } from '../../channels/cafe24';
import { CarriersList, carriersOf, listCarriers, parse } from '../../channels/cafe24';
import type { CachePort } from '../ports';
import type { Cafe24Gateway } from './gateway';

/**
 * Each mall's registered carriers (GET /carriers), the source of the `shipping_company_code` a
 * shipment must carry: reference §8 says to resolve codes at runtime, since third-party tables
 * disagree (0019 is 롯데 in one client, CJ in another). Kept in the cache for six hours: malls
 * rarely change their carriers, and a stale list only costs one refused shipment, after which
 * the list is read again.
 */
export const carriersKey = (partnerId: string) => `cafe24.carriers.${partnerId}`;
const TTL_S = 6 * 3600;

export type MallCarriers = ReadonlyMap<string, readonly Carrier[] | Cafe24Error>;

export function mallCarriers(conns: readonly Cafe24Connection[], gateway: Cafe24Gateway, cache: CachePort, refresh: ReadonlySet<string> = new Set()): MallCarriers {
  const out = new Map<string, readonly Carrier[] | Cafe24Error>();
  const kept = cache.getAll(conns.map((c) => carriersKey(c.partnerId)));
  const missing: Cafe24Connection[] = [];
  for (const conn of conns) {
    const text = refresh.has(conn.partnerId) ? undefined : kept[carriersKey(conn.partnerId)];
    const list = text ? (JSON.parse(text) as Carrier[]) : null;
    if (list) out.set(conn.partnerId, list);
    else missing.push(conn);
  }
  if (missing.length === 0) return out;
  const outcomes = gateway.run(
    missing.map((conn) => ({
      conn,
      call: 'carriers.list' as const,
      build: (s) => listCarriers(s),
      read: (r) => carriersOf(parse('carriers.list', conn.mallId, CarriersList, r).carriers).map((c) => ({ code: c.code, name: c.name })),
    })),
  );
  const save: Record<string, string> = {};
  missing.forEach((conn, i) => {
    const o = outcomes[i]!;
    out.set(conn.partnerId, o.ok ? o.value : o.error);
    if (o.ok) save[carriersKey(conn.partnerId)] = JSON.stringify(o.value);
  });
  if (Object.keys(save).length > 0) cache.putAll(save, TTL_S);
  return out;
}

/**
 * The mall's carrier for a rule: the one with the rule's Cafe24 code, else one whose name the
 * rule knows (a mall may list "롯데글로벌로지스" under its own code). null: the mall has not
 * registered that carrier, and a shipment with it would be refused.
 */
export function mallCarrierFor(rule: CarrierRule, registered: readonly Carrier[]): Carrier | null {
  const code = rule.channelCodes.cafe24;
  return (code !== undefined ? registered.find((c) => c.code === code) : undefined) ?? registered.find((c) => carrierByName(c.name, [rule]) !== null) ?? null;
}
