/**
 * What goes wrong between the add-on and a SmartStore, end to end on the built bundle through
 * our relay: more changes than one page of the change feed, Naver's GW.RATE_LIMIT in the middle
 * of a collect and of a dispatch, an access token Naver no longer takes (GW.AUTHN), a relay
 * that refuses the add-on's signature, and a forwarding attempt to a host that is not a
 * marketplace's. Each time: what staff see, that nothing is lost or sent twice, and that the
 * next run after the cause is gone carries on.
 */
import { DEFAULT_CLIENT_ID } from '../../local/fakes/naver';
import { scriptPropertiesOf, setScriptPropertiesByHand } from '../../local/runtime/services/properties';
import { openSandbox, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import { paths } from '../../local/paths';
import { relayError } from '../../src/channels/relay';
import { nodeRelayPort } from '../relay/harness';
import { tabRows } from '../e2e';
import { marketLog, naverKeys, naverRow, orderRows, keptWorlds, partnerRow } from './marketplace-e2e';

// After the seed's order was paid (09:13).
const START = '2026-11-23T10:00:00+09:00';
const SEED_ITEM = '2026112310000011';
const MUG = 10000101;
const connect = (confirmAtOnce: boolean) => [
  { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(confirmAtOnce)] },
  { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', naverKeys] },
  { at: '+2m', type: 'sidebar', function: 'installSync' },
];
const stocked = (at: string) => ({ at, type: 'channel', channel: 'naver', action: 'setStock', args: [DEFAULT_CLIENT_ID, MUG, 1000] });
const orders = (at: string, n: number) => Array.from({ length: n }, (_, i) => ({ at, type: 'channel', channel: 'naver', action: 'placeOrder', args: [DEFAULT_CLIENT_ID, { items: [{ originProductNo: MUG }], buyer: { name: `구매자${i}` } }] }));
const keysOf = (r: SandboxResult) => orderRows(r, 'PNR005').map((o) => String(o['품목주문번호']));
const log = (r: SandboxResult) => tabRows(r, '로그').map((x) => `${x['수준']} ${x['작업']}: ${x['내용']}`);
const FEED = '/v1/pay-order/seller/product-orders/last-changed-statuses';

describe('a SmartStore through the relay when things go wrong', () => {
  const { go } = keptWorlds();

  it('more changes than one page of the feed (300): every product order lands once, the next page read with moreSequence', async () => {
    const r = await go('naver', [stocked('+1m'), ...orders('+1m', 301), ...connect(false)], { start: START, duration: '6m' });
    expect(r.eventErrors).toEqual([]);
    const keys = keysOf(r);
    expect(keys.length).toBe(302);
    expect(new Set(keys).size).toBe(302);
    expect(keys).toContain(SEED_ITEM);
    expect(marketLog(r, 'naver').some((e) => e.path === FEED && (e as { query?: Record<string, string> }).query?.moreSequence !== undefined && e.status === 200)).toBe(true);
    expect(partnerRow(r, 'PNR005')['연결상태']).toBe('연결됨');
  });

  it('GW.RATE_LIMIT in the middle of a collect (the first page read, its details refused past every retry): carried to the next run, the cursor kept, every order once', async () => {
    const QUERY = '/v1/pay-order/seller/product-orders/query';
    const r = await go(
      'naver',
      [
        // Ordered more than the feed's overlap (5 min) before the first collect: a cursor moved
        // past the refused run would leave them unread for good.
        stocked('+1m'),
        ...orders('+1m', 301),
        { at: '+9m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(false)] },
        { at: '+10m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', naverKeys] },
        { at: '+10m', type: 'sidebar', function: 'installSync' },
        // More 429s than one run retries (5): the run gives up on the account and the next one reads again.
        { at: '+10m', type: 'fault', channel: 'naver', target: DEFAULT_CLIENT_ID, fault: { kind: 'rate_limit', count: 7, path: QUERY } },
      ],
      { start: START, duration: '16m' },
    );
    expect(r.eventErrors).toEqual([]);
    const keys = keysOf(r);
    expect(keys.length).toBe(302);
    expect(new Set(keys).size).toBe(302);
    const calls = marketLog(r, 'naver');
    expect(calls.filter((e) => e.status === 429).length).toBe(7);
    // The run that was refused read the feed's first page; its successor read both pages again.
    const feedPages = calls.filter((e) => e.path === FEED && e.status === 200);
    expect(feedPages.filter((e) => (e as { query?: Record<string, string> }).query?.moreSequence !== undefined).length).toBeGreaterThanOrEqual(1);
    expect(partnerRow(r, 'PNR005')['연결상태']).toBe('연결됨');
    expect(String(partnerRow(r, 'PNR005')['처리결과'])).not.toMatch(/오류|실패|거부/);
  });

  it('GW.RATE_LIMIT on the dispatch: the parcel is dispatched on a later try, once', async () => {
    const r = await go(
      'naver',
      [
        ...connect(true),
        { at: '+4m', type: 'fault', channel: 'naver', target: DEFAULT_CLIENT_ID, fault: { kind: 'rate_limit', count: 3, path: '/v1/pay-order/seller/product-orders/dispatch' } },
        { at: '+4m', type: 'editRow', sheet: '주문', where: { 품목주문번호: SEED_ITEM }, set: { 택배사: 'CJ대한통운', 송장번호: '680012345671' } },
      ],
      { start: START, duration: '12m' },
    );
    expect(r.eventErrors).toEqual([]);
    const dispatches = marketLog(r, 'naver').filter((e) => /product-orders\/dispatch$/.test(e.path));
    expect(dispatches.filter((e) => e.status === 429).length).toBe(3);
    expect(dispatches.filter((e) => e.status === 200).length).toBe(1);
    expect(String(orderRows(r, 'PNR005').find((o) => o['품목주문번호'] === SEED_ITEM)!['처리결과'])).toMatch(/^✓ .*출고/);
  });

  it('an access token Naver no longer takes (GW.AUTHN): a new one is fetched and the call goes through, nothing alarming on the sheet', async () => {
    const r = await go(
      'naver',
      [...connect(false), { at: '+4m', type: 'channel', channel: 'naver', action: 'revokeTokens', args: [DEFAULT_CLIENT_ID] }, stocked('+4m'), ...orders('+4m', 2)],
      { start: START, duration: '7m' },
    );
    expect(r.eventErrors).toEqual([]);
    const calls = marketLog(r, 'naver');
    const authn = calls.findIndex((e) => e.status === 401);
    expect(authn).toBeGreaterThan(0);
    // A new token right after the refusal, and the feed read again with it.
    expect(calls.slice(authn + 1).some((e) => /oauth2\/token$/.test(e.path) && e.status === 200)).toBe(true);
    expect(keysOf(r).length).toBe(3);
    expect(partnerRow(r, 'PNR005')['연결상태']).toBe('연결됨');
    expect(String(partnerRow(r, 'PNR005')['처리결과'])).not.toMatch(/토큰|인증|오류/);
    expect(log(r).filter((l) => l.startsWith('오류'))).toEqual([]);
  });

  it('a RELAY_SECRET that is not the relay’s: the token call is refused, the partner row says what to fix, and the run after the fix collects', async () => {
    const r = await go('naver', connect(false), {
      start: START,
      duration: '8m',
      before: (rr) => {
        const props = { RELAY_URL: rr.relay!.url, RELAY_SECRET: 'a-different-secret-0123456789abcdef-xyz' };
        setScriptPropertiesByHand(rr.runtime.world, props);
        rr.runtime.at(Date.parse(START) + 5 * 60_000, () => setScriptPropertiesByHand(rr.runtime.world, { ...props, RELAY_SECRET: rr.relay!.secret }));
      },
    }, (rr, now) => {
      if (now === Date.parse(START) + 4 * 60_000) {
        const p = partnerRow(rr, 'PNR005');
        expect(`${p['연결상태']} ${p['처리결과']}`).toMatch(/RELAY_SECRET이 릴레이의 비밀값과 같은지/);
        expect(`${p['연결상태']} ${p['처리결과']}`).not.toMatch(/재연결|다시 입력/);
        expect(keysOf(rr)).toEqual([]);
        // Nothing reached Naver.
        expect(marketLog(rr, 'naver')).toEqual([]);
      }
    });
    expect(r.eventErrors).toEqual([]);
    expect(keysOf(r)).toEqual([SEED_ITEM]);
    expect(partnerRow(r, 'PNR005')['연결상태']).toBe('연결됨');
  });
});

describe('the relay is no open proxy', () => {
  it('a request the add-on would relay to another host is refused by the relay (x-relay-error: host) and reported as the relay’s, in Korean, not retried', async () => {
    const sb = await openSandbox(parseScenario({ name: 'relay-host', start: START, duration: '1m', install: false, channels: { naver: 'default' } }), { bundleDir: paths.build });
    try {
      const rt = sb.runtime;
      const seen: string[] = [];
      await rt.network.serve('evil.example.com', (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.end('{}');
      });
      const port = nodeRelayPort(scriptPropertiesOf(rt.world), () => rt.now());
      // Signed correctly, so only the host can be what the relay refuses.
      const req = port.forward({ method: 'get', url: 'https://evil.example.com/external/v1/pay-order/seller/product-orders/last-changed-statuses', headers: { Authorization: 'Bearer t' } });
      const answer = (await rt.network.send({ url: req.url, method: 'GET', headers: { ...req.headers }, body: Buffer.alloc(0) }))!;
      const headers = Object.fromEntries(answer.rawHeaders.map(([k, v]) => [k.toLowerCase(), v]));
      expect(headers['x-relay-error']).toBe('host');
      const error = relayError('naver', 'najalran-store', 'productOrders.lastChanged', { status: answer.status, headers })!;
      expect(error).toMatchObject({ channel: 'naver', kind: 'forbidden', retryable: false, reconnect: false, userMessage: '릴레이는 네이버·쿠팡 API 주소로만 전달합니다' });
      expect(seen).toEqual([]);
      expect(sb.relay!.lines.at(-1)).toMatch(/evil\.example\.com .*relay-error=host/);
    } finally {
      await sb.runtime.close();
    }
  });
});
