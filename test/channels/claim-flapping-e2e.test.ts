/**
 * An open claim at a marketplace leaves its order row alone: the minute's reads (Coupang's
 * ordersheets by status and its cancel/return receipts, Naver's change feed and detail query)
 * must agree on what the line is, or each read rewrites the row the other wrote ("flapping"),
 * costing a Sheets write a minute and burying staff's view of what changed.
 */
import { DEFAULT_VENDOR_ID } from '../../local/fakes/coupang';
import { DEFAULT_CLIENT_ID as NAVER_CLIENT_ID } from '../../local/fakes/naver';
import { coupangKeys, coupangRow, keptWorlds, naverKeys, naverRow, orderRows } from './marketplace-e2e';

/** The row's status cell minute by minute, from the first minute it showed the claim. */
function historyOf(seen: string[], claimShown: RegExp): string[] {
  const first = seen.findIndex((s) => claimShown.test(s));
  return first < 0 ? [] : seen.slice(first);
}
const changes = (h: string[]) => h.filter((s, i) => i > 0 && s !== h[i - 1]).length;

const COUPANG = { channel: 'coupang' as const, partner: 'PNR004', start: '2026-11-23T09:00:00+09:00', order: '22000009546234' };
const NAVER = { channel: 'naver' as const, partner: 'PNR005', start: '2026-11-23T10:00:00+09:00', item: '2026112310000011' };
const coupangConnected = [
  { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [coupangRow(true)] },
  { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', coupangKeys] },
  { at: '+2m', type: 'sidebar', function: 'installSync' },
];
const naverConnected = [
  { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: [naverRow(true)] },
  { at: '+2m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', naverKeys] },
  { at: '+2m', type: 'sidebar', function: 'installSync' },
];

describe('an open claim does not flip its order row back and forth', () => {
  const { go } = keptWorlds();

  /** Runs the scenario and answers the item's status cell from the first minute it showed the claim. */
  async function statusFrom(m: { channel: 'naver' | 'coupang'; partner: string; start: string }, item: string, events: unknown[], duration: string, claimShown: RegExp): Promise<string[]> {
    const seen: string[] = [];
    const r = await go(m.channel, events, { start: m.start, duration }, (rr) => seen.push(String(orderRows(rr, m.partner).find((o) => o['품목주문번호'] === item)?.['주문상태'] ?? '')));
    expect(r.eventErrors).toEqual([]);
    const h = historyOf(seen, claimShown);
    expect(h.length).toBeGreaterThan(25);
    return h;
  }

  it("Coupang: a buyer's cancel after 발주확인 (the parcel stopped at once) leaves its order row as it is for the next half hour", async () => {
    const cancel = { at: '+6m', type: 'channel', channel: 'coupang', action: 'requestCancel', args: [DEFAULT_VENDOR_ID, Number(COUPANG.order), { reason: '배송 지연' }] };
    // The stop request is read with the claims, on the backstop (within ten minutes).
    const h = await statusFrom(COUPANG, `${COUPANG.order}-3242596358`, [...coupangConnected, cancel], '42m', /취소/);
    expect({ changes: changes(h), history: [...new Set(h)] }).toEqual({ changes: 0, history: [h[0]] });
  });

  it("Coupang: a buyer's return left open for half an hour changes the order row at most once", async () => {
    const h = await statusFrom(
      COUPANG,
      `${COUPANG.order}-3242596358`,
      [
        ...coupangConnected,
        ...['3242596358', '3242596361'].map((id) => ({ at: '+5m', type: 'editRow', sheet: '주문', where: { 품목주문번호: `${COUPANG.order}-${id}` }, set: { 택배사: 'CJ대한통운', 송장번호: '680012345678' } })),
        { at: '+8m', type: 'channel', channel: 'coupang', action: 'advanceDelivery', args: [DEFAULT_VENDOR_ID, Number(COUPANG.order), 'FINAL_DELIVERY'] },
        { at: '+9m', type: 'channel', channel: 'coupang', action: 'requestReturn', args: [DEFAULT_VENDOR_ID, Number(COUPANG.order), { reason: '단순 변심' }] },
      ],
      '45m',
      /반품/,
    );
    expect(changes(h)).toBeLessThanOrEqual(1);
  });

  it("Naver: a buyer's cancel after 발주확인 leaves its order row as it is for the next half hour", async () => {
    const cancel = { at: '+4m', type: 'channel', channel: 'naver', action: 'requestCancel', args: [NAVER_CLIENT_ID, NAVER.item, '단순 변심'] };
    const h = await statusFrom(NAVER, NAVER.item, [...naverConnected, cancel], '34m', /취소/);
    expect({ changes: changes(h), history: [...new Set(h)] }).toEqual({ changes: 0, history: [h[0]] });
  });

  it("Naver: a buyer's return left open for half an hour changes the order row at most once", async () => {
    const h = await statusFrom(
      NAVER,
      NAVER.item,
      [
        ...naverConnected,
        { at: '+5m', type: 'editRow', sheet: '주문', where: { 품목주문번호: NAVER.item }, set: { 택배사: 'CJ대한통운', 송장번호: '680012345671' } },
        { at: '+8m', type: 'channel', channel: 'naver', action: 'markDelivered', args: [NAVER_CLIENT_ID, NAVER.item] },
        { at: '+9m', type: 'channel', channel: 'naver', action: 'requestReturn', args: [NAVER_CLIENT_ID, NAVER.item, '단순 변심'] },
      ],
      '45m',
      /반품/,
    );
    expect(changes(h)).toBeLessThanOrEqual(1);
  });
});
