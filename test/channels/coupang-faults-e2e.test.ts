/**
 * What goes wrong between the add-on and Coupang, end to end on the built bundle through our
 * relay: more orders than one page, Coupang's 429 in the middle of a collect and of a shipment,
 * and the relay refusing the add-on (a RELAY_SECRET that is not the relay's, a clock too far
 * from the relay's). Each time: what staff see (rows, the partner's status cell, the log tab),
 * that no order is lost or shipped twice, and that the next run after the cause is gone collects.
 */
import { DEFAULT_VENDOR_ID } from '../../local/fakes/coupang';
import { serveRelay } from '../../local/relay';
import { setScriptPropertiesByHand } from '../../local/runtime/services/properties';
import type { SandboxResult } from '../../local/sandbox/run';
import { tabRows } from '../e2e';
import { coupangKeys, coupangRow, marketLog, orderRows, keptWorlds, partnerRow } from './marketplace-e2e';

const START = '2026-11-23T09:00:00+09:00';
const connect = (confirmAtOnce: boolean) => [
  { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(confirmAtOnce)] },
  { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', coupangKeys] },
  { at: '+2m', type: 'sidebar', function: 'installSync' },
];
/** A paid order of one unit of the mug (vendor item 3242596358) for receiver `n`. */
const order = (at: string, n: number) => ({ at, type: 'channel', channel: 'coupang', action: 'addOrder', args: [DEFAULT_VENDOR_ID, { items: [{ vendorItemId: 3242596358, count: 1 }], receiver: { name: `수령인${n}` } }] });

describe('Coupang through the relay when things go wrong', () => {
  const { go } = keptWorlds();

  const MUG = 3242596358;
  const stocked = { at: '+1m', type: 'channel', channel: 'coupang', action: 'setStock', args: [DEFAULT_VENDOR_ID, MUG, 500] };
  const SEED_ITEMS = ['22000009546234-3242596358', '22000009546234-3242596361'];
  const keysOf = (r: SandboxResult) => orderRows(r, 'PNR004').map((o) => String(o['품목주문번호']));
  const log = (r: SandboxResult) => tabRows(r, '로그').map((x) => `${x['수준']} ${x['작업']}: ${x['내용']}`);

  it('more paid orders than one page of ordersheets (50): every order lands once, the next page read by nextToken', async () => {
    const r = await go('coupang', [...connect(false), stocked, ...Array.from({ length: 55 }, (_, n) => order('+1m', n))], { start: START, duration: '6m' });
    expect(r.eventErrors).toEqual([]);
    const keys = keysOf(r);
    expect(keys.length).toBe(57);
    expect(new Set(keys).size).toBe(57);
    expect(keys).toEqual(expect.arrayContaining(SEED_ITEMS));
    const accept = marketLog(r, 'coupang').filter((e) => /status=ACCEPT/.test(String((e as { query?: string }).query)));
    expect(accept.some((e) => /nextToken=\d+/.test(String((e as { query?: string }).query)))).toBe(true);
    expect(partnerRow(r, 'PNR004')['연결상태']).toBe('연결됨');
  });

  it("Coupang's 429 in the middle of a collect: the orders come with a later read, none twice, nothing alarming stays", async () => {
    const r = await go(
      'coupang',
      [
        ...connect(false),
        stocked,
        ...Array.from({ length: 55 }, (_, n) => order('+1m', n)),
        // The second page's read and its retries refused: the first page alone must not move the cursor.
        { at: '+2m', type: 'fault', channel: 'coupang', target: DEFAULT_VENDOR_ID, fault: { kind: 'rate_limit', count: 4, path: '/v2/providers/openapi/apis/api/v4/vendors/A00012345/ordersheets' } },
      ],
      { start: START, duration: '8m' },
    );
    expect(r.eventErrors).toEqual([]);
    const wing = marketLog(r, 'coupang');
    expect(wing.filter((e) => e.status === 429).length).toBeGreaterThan(0);
    const keys = keysOf(r);
    expect(keys.length).toBe(57);
    expect(new Set(keys).size).toBe(57);
    expect(partnerRow(r, 'PNR004')['연결상태']).toBe('연결됨');
    expect(String(partnerRow(r, 'PNR004')['처리결과'])).not.toMatch(/오류|실패|거부/);
  });

  it("Coupang's 429 on the invoice upload: the parcel is sent on a later minute, once", async () => {
    const r = await go(
      'coupang',
      [
        ...connect(true),
        { at: '+4m', type: 'fault', channel: 'coupang', target: DEFAULT_VENDOR_ID, fault: { kind: 'rate_limit', count: 3, path: '/v2/providers/openapi/apis/api/v4/vendors/A00012345/orders/invoices' } },
        ...SEED_ITEMS.map((item) => ({ at: '+4m', type: 'editRow', sheet: '주문', where: { 품목주문번호: item }, set: { 택배사: 'CJ대한통운', 송장번호: '680012345678' } })),
      ],
      { start: START, duration: '12m' },
    );
    expect(r.eventErrors).toEqual([]);
    const invoices = marketLog(r, 'coupang').filter((e) => e.method === 'POST' && /invoices/.test(e.path));
    expect(invoices.filter((e) => e.status === 429).length).toBe(3);
    expect(invoices.filter((e) => e.status < 300).length).toBe(1);
    const rows = orderRows(r, 'PNR004');
    expect(rows.map((o) => o['처리결과'])).toEqual([expect.stringMatching(/^✓ .*출고/), expect.stringMatching(/^✓ .*출고/)]);
    const state = r.channels.get('coupang')!.state() as { vendors: Array<{ ordersheets?: unknown }> };
    expect(JSON.stringify(state).match(/680012345678/g)?.length).toBeGreaterThan(0);
  });

  it('a RELAY_SECRET that is not the relay’s: refused, the partner row, the log and the sidebar say what to fix, and the run after the fix collects', async () => {
    const WRONG = 'a-different-secret-0123456789abcdef-xyz';
    // Staff open the sidebar at 09:04, before the fix.
    const r = await go('coupang', [...connect(false), { at: '+4m', type: 'sidebar', function: 'getSidebarState' }], {
      start: START,
      duration: '8m',
      before: (rr) => {
        const props = { RELAY_URL: rr.relay!.url, RELAY_SECRET: WRONG };
        setScriptPropertiesByHand(rr.runtime.world, props);
        // The owner copies the right secret at 09:05.
        rr.runtime.at(Date.parse(START) + 5 * 60_000, () => setScriptPropertiesByHand(rr.runtime.world, { ...props, RELAY_SECRET: rr.relay!.secret }));
      },
    }, (rr, now) => {
      if (now === Date.parse(START) + 4 * 60_000) {
        const p = partnerRow(rr, 'PNR004');
        expect(`${p['연결상태']} ${p['처리결과']}`).toMatch(/RELAY_SECRET이 릴레이의 비밀값과 같은지/);
        expect(keysOf(rr)).toEqual([]);
        expect(log(rr).some((l) => /^오류 .*RELAY_SECRET/.test(l))).toBe(true);
      }
    });
    expect(r.eventErrors).toEqual([]);
    // The sidebar: still connected (the keys are fine), the orders job's error says what to fix.
    const sidebar = r.calls.find((c) => c.function === 'getSidebarState')!.record.result as { partners: Array<{ partnerId: string; connection: string; jobs: Array<{ job: string; error: { text: string } | null }> }> };
    const view = sidebar.partners.find((p) => p.partnerId === 'PNR004')!;
    expect(view.connection).toBe('connected');
    expect(view.jobs.find((j) => j.job === 'orders')!.error!.text).toMatch(/RELAY_SECRET이 릴레이의 비밀값과 같은지/);
    // Nothing reached Coupang before the fix; after it the orders landed.
    expect(r.relay!.lines.some((l) => /relay-error=signature/.test(l))).toBe(true);
    expect(keysOf(r).sort()).toEqual(SEED_ITEMS);
    expect(partnerRow(r, 'PNR004')['연결상태']).toBe('연결됨');
  });

  it('a clock ten minutes off the relay’s: refused as too old, said on the partner row, collected once the clocks agree', async () => {
    let skew = 10 * 60_000;
    const r = await go('coupang', [...connect(false)], {
      start: START,
      duration: '8m',
      relay: false,
      before: async (rr) => {
        const relay = await serveRelay(rr.runtime.network, { now: () => rr.runtime.now() + skew });
        setScriptPropertiesByHand(rr.runtime.world, { RELAY_URL: relay.url, RELAY_SECRET: relay.secret });
        rr.runtime.at(Date.parse(START) + 5 * 60_000, () => {
          skew = 0;
        });
      },
    }, (rr, now) => {
      if (now === Date.parse(START) + 4 * 60_000) {
        const p = partnerRow(rr, 'PNR004');
        expect(`${p['연결상태']} ${p['처리결과']}`).toMatch(/요청 시각/);
        expect(keysOf(rr)).toEqual([]);
      }
    });
    expect(r.eventErrors).toEqual([]);
    expect(keysOf(r).sort()).toEqual(SEED_ITEMS);
    expect(partnerRow(r, 'PNR004')['연결상태']).toBe('연결됨');
  });
});
