/**
 * A SmartStore account in the running add-on: the built bundle in the local Apps Script
 * runtime, the fake Commerce API on loopback registering only the relay's address, our relay
 * between them. Staff enter the application's keys in the sidebar; the sync collects the paid
 * product orders through the relay, confirms them when the partner is set so, and ships them.
 */
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../local/fakes/naver';
import type { SandboxResult } from '../../local/sandbox/run';
import { tabRows } from '../e2e';
import { naverKeys as keys, naverLog, naverRow, runNaver } from './marketplace-e2e';

const ITEM = '2026112310000011';

describe('a SmartStore account in the running add-on', () => {
  const opened: SandboxResult[] = [];
  afterAll(async () => {
    for (const r of opened) await r.runtime.close();
  });
  const go = async (events: unknown[], opts: { relay?: boolean; duration?: string } = {}) => {
    const r = await runNaver(events, opts);
    opened.push(r);
    return r;
  };

  it('connects with the keys typed in the sidebar, collects, confirms and ships through the relay', async () => {
    const r = await go([
      { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(true)] },
      { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', keys] },
      { at: '+2m', type: 'sidebar', function: 'installSync' },
      { at: '+5m', type: 'editRow', sheet: '주문', where: { 품목주문번호: ITEM }, set: { 택배사: 'CJ대한통운', 송장번호: '680012345671' } },
    ]);
    expect(r.eventErrors).toEqual([]);
    expect(tabRows(r, '파트너').find((row) => row['파트너ID'] === 'PNR005')!['연결상태']).toBe('연결됨');
    expect(r.sheets.snapshot().flatMap((s) => s.values.flat().map(String)).some((v) => v.includes(DEFAULT_CLIENT_SECRET))).toBe(false);
    const row = tabRows(r, '주문').find((o) => o['품목주문번호'] === ITEM)!;
    expect(row['파트너ID']).toBe('PNR005');
    expect(String(row['처리결과'])).toMatch(/^✓ .*출고/);
    const calls = naverLog(r);
    expect(calls.some((c) => /product-orders\/confirm$/.test(c.path) && c.status === 200)).toBe(true);
    expect(calls.some((c) => /product-orders\/dispatch$/.test(c.path) && c.status === 200)).toBe(true);
    expect(calls.every((c) => c.status < 400)).toBe(true);
  });

  it('without the relay, Naver refuses the token call with GW.IP_NOT_ALLOWED and the sidebar says what to fix', async () => {
    const r = await go(
      [
        { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(false)] },
        { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', keys] },
      ],
      { relay: false },
    );
    const answer = r.calls.find((c) => c.function === 'saveChannelKeys')!;
    expect(answer.record.result).toMatchObject({ ok: false, message: expect.stringContaining('네이버가 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인') });
    expect(naverLog(r).length).toBeGreaterThan(0);
    expect(naverLog(r).every((c) => c.status === 403)).toBe(true);
  });

  it("a buyer's cancel after 발주확인 reaches the claims tab; staff's 승인 approves it at Naver and the line ends cancelled", async () => {
    const r = await go(
      [
        { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(true)] },
        { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', keys] },
        { at: '+2m', type: 'sidebar', function: 'installSync' },
        { at: '+4m', type: 'channel', channel: 'naver', action: 'requestCancel', args: [DEFAULT_CLIENT_ID, ITEM, '단순 변심'] },
        { at: '+6m', type: 'editRow', sheet: '클레임', where: { 품목주문번호: ITEM }, set: { 처리요청: '승인' } },
      ],
      { duration: '12m' },
    );
    expect(r.eventErrors).toEqual([]);
    const claim = tabRows(r, '클레임').find((c) => c['품목주문번호'] === ITEM)!;
    expect(claim['유형']).toBe('취소');
    expect(String(claim['처리결과'])).toMatch(/스마트스토어/);
    expect(String(tabRows(r, '주문').find((o) => o['품목주문번호'] === ITEM)!['주문상태'])).toMatch(/^취소/);
    expect(naverLog(r).some((c) => /claim\/cancel\/approve$/.test(c.path) && c.status === 200)).toBe(true);
  });

  it("pushes the partner's share of the warehouse stock to its SmartStore product, found by the seller's code", async () => {
    const r = await go([
      { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(false)] },
      { at: '+1m', type: 'edit', sheet: '상품', range: 'A2', values: [['NJ-MUG', '수제 도자기 머그컵', '', '8801234500011', 7000, 19500, 120, 2, '판매중']] },
      { at: '+1m', type: 'edit', sheet: '연동재고율', range: 'A2', values: [['NJ-MUG', 'PNR005', 'TRUE', 50]] },
      { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', keys] },
      { at: '+2m', type: 'sidebar', function: 'installSync' },
    ]);
    expect(r.eventErrors).toEqual([]);
    // 120 in the warehouse − 2 safety − 2 held by the paid product order = 116 × 50% = 58.
    const state = JSON.stringify(r.channels.get('naver')!.state());
    expect(tabRows(r, '연동재고율').find((x) => x.SKU === 'NJ-MUG')!['전송재고']).toBe(58);
    expect(state).toMatch(/"stockQuantity":58\b/);
    expect(naverLog(r).some((c) => /multi-update|option-stock/.test(c.path) && c.status === 200)).toBe(true);
  });
});

