import { DEFAULT_VENDOR_ID } from '../../local/fakes/coupang';
import { DEFAULT_CLIENT_ID as NAVER_CLIENT_ID } from '../../local/fakes/naver';
import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, fakeRequests, mallOrder, mallShipments, runClean, tabRows } from '../e2e';
import { marketLog } from '../channels/marketplace-e2e';

/**
 * Claims without webhooks, on the built bundle: the demo's three Cafe24 malls and its SmartStore
 * and Coupang accounts, no Cafe24 webhooks (so every mall is read as before webhooks). Claim
 * date types are read on the backstop cadence (one type each 10 minutes, a mall's six in an
 * hour), not every minute; a return on an old order still arrives within that rotation. A
 * cancel before shipping needs no minute read: whichever way a parcel goes out (a number typed
 * on the row for the trigger, the import tab, a scan in the sidebar, 지금 동기화), its order is
 * read again first and the item is held, at Cafe24 and at both marketplaces.
 */
const T0 = Date.parse(demo.start);
const MIN = 60_000;
/** An order paid 5 days before the scenario and shipped: its return is found only by its return date. */
const OLD = '20261118-0000003';
const RETURN_AT = 30 * MIN + 10_000;
const COUPANG_ORDER = '22000009546234';
const COUPANG_ITEMS = ['3242596358', '3242596361'];
const NAVER_ITEM = '2026112310000011';

const type = (at: string, itemId: string, carrier: string, trackingNo: string) => ({ at, type: 'editRow', sheet: '주문', where: { 품목주문번호: itemId }, set: { 택배사: carrier, 송장번호: trackingNo } });
const cancel = (at: string, mall: string, orderId: string) => ({ at, type: 'channel', channel: 'cafe24', action: 'requestCancel', args: [mall, orderId] });

describe('claims without webhooks: on the backstop, and a cancel before shipping still stops the parcel', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'claims-backstop',
      duration: '95m',
      events: [
        // The demo's morning with its marketplace accounts (Coupang's order confirmed at +15m).
        ...demoMorning(15),
        ...COUPANG_ITEMS.map((item) => ({ at: '+15m', type: 'editRow', sheet: '주문', where: { 품목주문번호: `${COUPANG_ORDER}-${item}` }, set: { 발주확인: true } })),
        { ...mallOrder('najalran', '20261123-0000401', '행복', 13), at: '+20m' },
        { ...mallOrder('borasaeg', '20261123-0000402', '기쁨', 102), at: '+20m' },
        { ...mallOrder('undercoco', '20261123-0000403', '보람', 8), at: '+20m' },
        { ...mallOrder('najalran', '20261123-0000404', '사랑', 13), at: '+20m' },
        { at: `+${RETURN_AT / 1000}s`, type: 'channel', channel: 'cafe24', action: 'requestReturn', args: ['najalran', OLD, { reason: '단순 변심' }] },
        // Each buyer cancels moments before the parcel goes out, each way a parcel goes out.
        cancel('+40m', 'najalran', '20261123-0000401'),
        type('+40m', '20261123-0000401-01', 'CJ대한통운', '680040100001'),
        cancel('+41m', 'borasaeg', '20261123-0000402'),
        { at: '+41m', type: 'edit', sheet: '송장등록', range: 'A2', values: [['20261123-0000402', 'CJ대한통운', '680040200002']] },
        cancel('+42m', 'undercoco', '20261123-0000403'),
        { at: '+42m', type: 'sidebar', function: 'scanToShip', args: ['20261123-0000403', '680040300003', 'CJ대한통운'] },
        cancel('+43m', 'najalran', '20261123-0000404'),
        type('+43m', '20261123-0000404-01', 'CJ대한통운', '680040400004'),
        { at: '+43m', type: 'sidebar', function: 'syncNow' },
        // At the marketplaces: Coupang's buyer asks to stop the confirmed box, SmartStore's to cancel.
        { at: '+44m', type: 'channel', channel: 'coupang', action: 'requestCancel', args: [DEFAULT_VENDOR_ID, Number(COUPANG_ORDER), { reason: '단순 변심' }] },
        ...COUPANG_ITEMS.map((item) => type('+44m', `${COUPANG_ORDER}-${item}`, 'CJ대한통운', '680044000005')),
        { at: '+45m', type: 'channel', channel: 'naver', action: 'requestCancel', args: [NAVER_CLIENT_ID, NAVER_ITEM, '단순 변심'] },
        type('+45m', NAVER_ITEM, 'CJ대한통운', '680045000006'),
      ],
    });
  }, 300_000);
  afterAll(async () => r?.runtime.close());

  const claimReads = (mall: string, fromMin: number, toMin: number) =>
    (fakeRequests(r) as Array<{ mall: string | null; path: string; at: number; query?: Record<string, string> }>).filter(
      (e) => e.mall === mall && /\/orders$/.test(e.path) && /_date$/.test(e.query?.date_type ?? '') && e.query?.date_type !== 'pay_date' && e.query?.date_type !== 'order_date' && e.at >= T0 + fromMin * MIN && e.at < T0 + toMin * MIN,
    );
  const orderRow = (itemId: string) => tabRows(r, '주문').find((x) => x['품목주문번호'] === itemId)!;

  it('reads a mall’s claim dates once each backstop (10 minutes), one date type in turn, not every minute', () => {
    const reads = claimReads('borasaeg', 20, 80);
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(reads.length).toBeLessThanOrEqual(7);
    expect(new Set(reads.map((e) => e.query!.date_type)).size).toBe(reads.length);
  });

  it('brings a return on an old order within the backstop’s rotation of the six claim date types (an hour)', () => {
    const claim = tabRows(r, '클레임').find((x) => x['주문번호'] === OLD);
    expect(claim).toMatchObject({ 유형: '반품' });
    const read = claimReads('najalran', RETURN_AT / MIN, 95).find((e) => e.query!.date_type === 'return_request_date')!;
    expect(read.at - (T0 + RETURN_AT)).toBeLessThanOrEqual(62 * MIN);
  });

  it.each([
    ['a number typed on the row (the trigger)', 'najalran', '20261123-0000401'],
    ['the import tab', 'borasaeg', '20261123-0000402'],
    ['a scan in the sidebar', 'undercoco', '20261123-0000403'],
    ['지금 동기화', 'najalran', '20261123-0000404'],
  ])('Cafe24, %s: the order read again before shipping holds the item; nothing is sent', (_path, mall, orderId) => {
    expect(mallShipments(r, mall).filter((s) => s.order_id === orderId)).toEqual([]);
    expect(String(orderRow(`${orderId}-01`)['처리결과'])).toMatch(/취소 요청이 있어 출고 보류/);
  });

  it('answers the scan ✗ with the hold', () => {
    const scan = r.runtime.executions.find((x) => x.function === 'scanToShip')!;
    expect(scan.result).toMatchObject({ ok: false, message: expect.stringMatching(/보류|취소/) });
  });

  it('Coupang: a stop request on a confirmed box holds its items; no invoice goes up', () => {
    const invoices = marketLog(r, 'coupang').filter((e) => e.method === 'POST' && /\/orders\/invoices$/.test(e.path));
    expect(invoices.filter((e) => JSON.stringify(e.requestBody).includes(COUPANG_ORDER))).toEqual([]);
    for (const item of COUPANG_ITEMS) expect(String(orderRow(`${COUPANG_ORDER}-${item}`)['처리결과'])).toMatch(/보류|출고중지|취소/);
  });

  it('SmartStore: a cancel request holds the product order; it is not dispatched', () => {
    const dispatches = marketLog(r, 'naver').filter((e) => e.method === 'POST' && /dispatch$/.test(e.path));
    expect(dispatches.filter((e) => JSON.stringify(e.requestBody).includes(NAVER_ITEM))).toEqual([]);
    expect(String(orderRow(NAVER_ITEM)['처리결과'])).toMatch(/보류|취소/);
  });
});
