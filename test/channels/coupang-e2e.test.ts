/**
 * A Coupang seller account in the running add-on: the built bundle in the local Apps Script
 * runtime, the fake Wing API on loopback registering only the relay's address, our relay
 * between them. Staff enter the keys in the sidebar; the sync collects the paid orders through
 * the relay and confirms them (발주확인) when the partner is set so.
 */
import { paths } from '../../local/paths';
import { DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID } from '../../local/fakes/coupang';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import { tabRows } from '../e2e';
import { coupangKeys as keys, coupangRow, type MarketLogEntry as WingLogEntry } from './marketplace-e2e';

const START = '2026-11-23T09:00:00+09:00';
async function run(events: unknown[], opts: { relay?: boolean; duration?: string } = {}): Promise<SandboxResult> {
  return runScenario(
    parseScenario({ name: 'coupang', start: START, duration: opts.duration ?? '8m', channels: { coupang: 'default' }, ...(opts.relay === false ? { relay: false } : {}), events: [{ at: '+0m', type: 'menu', function: 'setupWorkbook' }, ...events] }),
    { bundleDir: paths.build },
  );
}

const wing = (r: SandboxResult) => r.channels.get('coupang')!.requestLog() as WingLogEntry[];

describe('a Coupang account in the running add-on', () => {
  const opened: SandboxResult[] = [];
  afterAll(async () => {
    for (const r of opened) await r.runtime.close();
  });
  const go = async (events: unknown[], opts: { relay?: boolean; duration?: string } = {}) => {
    const r = await run(events, opts);
    opened.push(r);
    return r;
  };

  it('connects with the keys typed in the sidebar, collects the paid orders through the relay and confirms them', async () => {
    const r = await go([
      { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(true)] },
      { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', keys] },
      { at: '+2m', type: 'sidebar', function: 'installSync' },
    ]);
    expect(r.eventErrors).toEqual([]);
    const partner = tabRows(r, '파트너').find((row) => row['파트너ID'] === 'PNR004')!;
    expect(partner['연결상태']).toBe('연결됨');
    // The keys are nowhere in the sheet.
    expect(r.sheets.snapshot().flatMap((s) => s.values.flat().map(String)).some((v) => v.includes(DEFAULT_SECRET_KEY))).toBe(false);
    const orders = tabRows(r, '주문').filter((row) => row['파트너ID'] === 'PNR004');
    expect(orders.map((o) => o['품목주문번호']).sort()).toEqual(['22000009546234-3242596358', '22000009546234-3242596361']);
    // Confirmed at Coupang (acknowledged: INSTRUCT) and said so on the rows.
    expect(orders.every((o) => String(o['주문상태']).includes('INSTRUCT'))).toBe(true);
    expect(orders.every((o) => /발주확인/.test(String(o['처리결과'])))).toBe(true);
    // Every call reached Coupang from the relay's registered address, none refused.
    expect(wing(r).length).toBeGreaterThan(0);
    expect(wing(r).every((e) => e.remoteAddress === '127.0.0.2' && e.status < 400)).toBe(true);
  });

  it('without the relay, Coupang refuses the add-on with its 403 and the sidebar says what to fix', async () => {
    const r = await go(
      [
        { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(false)] },
        { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', keys] },
      ],
      { relay: false },
    );
    const answer = r.calls.find((c) => c.function === 'saveChannelKeys')!;
    expect(answer.record.result).toMatchObject({ ok: false, message: expect.stringContaining('쿠팡이 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인') });
    expect(wing(r).every((e) => e.status === 403 && e.remoteAddress === '127.0.0.1')).toBe(true);
    expect(tabRows(r, '파트너').find((row) => row['파트너ID'] === 'PNR004')!['연결상태']).toBe('연결 실패');
  });

  it('ships a confirmed order with the number staff typed: one invoice per shipment box, the row says so', async () => {
    const r = await go([
      { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(true)] },
      { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', keys] },
      { at: '+2m', type: 'sidebar', function: 'installSync' },
      ...['22000009546234-3242596358', '22000009546234-3242596361'].map((item) => ({
        at: '+5m',
        type: 'editRow',
        sheet: '주문',
        where: { 품목주문번호: item },
        set: { 택배사: 'CJ대한통운', 송장번호: '680012345678' },
      })),
    ]);
    expect(r.eventErrors).toEqual([]);
    const invoices = wing(r).filter((e) => e.method === 'POST' && /invoice/i.test(e.path));
    expect(invoices.length).toBe(1);
    const orders = tabRows(r, '주문').filter((row) => row['파트너ID'] === 'PNR004');
    expect(orders.map((o) => o['처리결과'])).toEqual([expect.stringMatching(/^✓ .*출고/), expect.stringMatching(/^✓ .*출고/)]);
    expect(orders.every((o) => /DEPARTURE|DELIVERING|FINAL_DELIVERY/.test(String(o['주문상태'])))).toBe(true);
  });
  it("a buyer's cancel after 발주확인 reaches the claims tab; staff's 승인 stops the shipment at Coupang and the line ends cancelled", async () => {
    const ORDER = '22000009546234';
    const r = await go([
      { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(true)] },
      { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', keys] },
      { at: '+2m', type: 'sidebar', function: 'installSync' },
      { at: '+4m', type: 'channel', channel: 'coupang', action: 'requestCancel', args: [DEFAULT_VENDOR_ID, Number(ORDER), { reason: '배송 지연' }] },
      // The stop request reaches the claims tab with the claims read on the backstop (10 minutes).
      ...['3242596358', '3242596361'].map((item) => ({ at: '+16m', type: 'editRow', sheet: '클레임', where: { 품목주문번호: `${ORDER}-${item}` }, set: { 처리요청: '승인' } })),
    ], { duration: '22m' });
    expect(r.eventErrors).toEqual([]);
    const claims = tabRows(r, '클레임').filter((c) => c['주문번호'] === ORDER);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c['유형'] === '취소')).toBe(true);
    const orders = tabRows(r, '주문').filter((row) => row['파트너ID'] === 'PNR004');
    expect(orders.every((o) => /^취소/.test(String(o['주문상태'])))).toBe(true);
    expect(wing(r).some((e) => /stoppedShipment|stop/i.test(e.path) && e.status < 300)).toBe(true);
  });

  it("pushes the partner's share of the warehouse stock to its vendor item, found by externalVendorSku", async () => {
    const r = await go([
      { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(false)] },
      { at: '+1m', type: 'edit', sheet: '상품', range: 'A2', values: [['NJ-MUG', '수제 도자기 머그컵', '', '8801234500011', 7000, 19500, 120, 2, '판매중']] },
      { at: '+1m', type: 'edit', sheet: '연동재고율', range: 'A2', values: [['NJ-MUG', 'PNR004', 'TRUE', 50]] },
      { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', keys] },
      { at: '+2m', type: 'sidebar', function: 'installSync' },
    ]);
    expect(r.eventErrors).toEqual([]);
    // 120 in the warehouse − 2 safety − 2 held by the paid order = 116 × 50% = 58.
    const state = r.channels.get('coupang')!.state() as { vendors: Array<{ stock: Array<{ externalVendorSku: string; quantity: number }> }> };
    expect(state.vendors[0]!.stock.find((x) => x.externalVendorSku === 'NJ-MUG')!.quantity).toBe(58);
    expect(tabRows(r, '연동재고율').find((x) => x.SKU === 'NJ-MUG')!['전송재고']).toBe(58);
  });
});

