/**
 * Whether an access token dies when it is refreshed is not in the reference (it says only that
 * the used refresh token dies). Under both readings of the fake (`revokeAccessOnRefresh`), an
 * execution that still holds the old access token after another one refreshed reads, changes and
 * ships exactly once, without a second refresh and without asking for a reconnect.
 */
import { cafe24Connection, createShipment, getOrder, listCarriers, OrderOne, parse, parseTokenResponse, setInventoryQuantity } from '../../src/channels/cafe24';
import { ChannelGateway } from '../../src/jobs/gateway';
import { cafe24Request, cafe24Transport } from '../../src/channels/cafe24/transport';
import { APP_KEY, tokenKey, TokenVault } from '../../src/channels/cafe24/token-vault';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, defaultSeed } from '../../local/fakes/cafe24/default-seed';
import { T0 } from '../../local/fakes/cafe24/testing';
import { syncFake } from './fake-cafe24-sync';
import { base64, json, MemoryCache, MemoryLock, MemoryStore, REDIRECT_URI, SimClock } from './memory-ports';

const najalran = cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' });

describe.each([false, true])('the fake revoking the old access token at a refresh: %s', (revoke) => {
  test('requests sent with the access token another execution replaced: each done once, the stored pair used, no second refresh', () => {
    const clock = new SimClock(T0);
    const fake = syncFake(() => clock.now(), defaultSeed, { revokeAccessOnRefresh: revoke });
    const store = new MemoryStore();
    store.seed(APP_KEY, JSON.stringify({ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }));
    const first = parseTokenResponse('oauth.code', najalran.mallId, json(200, fake.controls.issueToken('najalran')));
    store.seed(tokenKey(najalran.partnerId), JSON.stringify(first));
    const vault = () => new TokenVault({ store, lock: new MemoryLock(), http: fake.http, clock, base64, redirectUri: REDIRECT_URI });
    const a = new ChannelGateway({ http: fake.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [cafe24Transport(vault())], deadline: T0 + 5 * 60_000 });

    // Execution A reads once: it now holds the first access token.
    const [carriers] = a.run([cafe24Request(najalran, 'carriers.list', (s) => listCarriers(s), (r) => r.status)]);
    expect(carriers).toEqual({ ok: true, value: 200 });
    // Execution B refreshes (its own 401, or the token about to lapse) and stores the new pair.
    clock.advance(60_000);
    const b = vault().refresh(najalran, first.accessToken);
    expect(b.ok).toBe(true);

    // A goes on with what it holds: a read, a stock change and a shipment in one round.
    const order = String(fake.controls.addOrder('najalran', { buyer: { name: '김하늘' }, items: [{ variant_code: 'P000000N000A' }] }).order_id);
    fake.sent.length = 0;
    const out = a.run<unknown>([
      cafe24Request<unknown>(najalran, 'orders.get', (s) => getOrder(s, order), (r) => parse('orders.get', 'najalran', OrderOne, r).order.order_id),
      cafe24Request<unknown>(najalran, 'inventories.update', (s) => setInventoryQuantity(s, 13, 'P000000N000A', 5), (r) => r.status),
      cafe24Request<unknown>(najalran, 'shipments.create', (s) => createShipment(s, { orderId: order, trackingNo: '680000000001', carrierCode: '0006', status: 'shipping' }), (r) => r.status),
    ]);

    expect(out).toEqual([
      { ok: true, value: order },
      { ok: true, value: 200 },
      { ok: true, value: 201 },
    ]);
    const calls = fake.sent.map((r) => `${r.method.toUpperCase()} ${new URL(r.url).pathname.replace('/api/v2/admin', '')} ${r.headers['Authorization']?.slice(7) === first.accessToken ? 'old' : 'new'}`);
    // No token call: the pair B stored is taken as it is.
    expect(calls.filter((c) => c.includes('/oauth/'))).toEqual([]);
    expect(calls).toEqual(
      revoke
        ? [`GET /orders/${order} old`, 'PUT /products/13/variants/P000000N000A/inventories old', `POST /orders/${order}/shipments old`,
           `GET /orders/${order} new`, 'PUT /products/13/variants/P000000N000A/inventories new', `POST /orders/${order}/shipments new`]
        : [`GET /orders/${order} old`, 'PUT /products/13/variants/P000000N000A/inventories old', `POST /orders/${order}/shipments old`],
    );
    expect([...fake.core.requireMall('najalran').shipments.values()].filter((s) => s.order_id === order)).toHaveLength(1);
  });
});
