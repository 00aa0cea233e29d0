import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, fakeRequests, runClean, tabRows as rowsOf, mallOrder } from '../e2e';

/**
 * Shipping from the sheet, end to end: the built bundle in the local Apps Script runtime against
 * the fake Cafe24. Staff type tracking numbers on order rows, paste a carrier's export into the
 * import tab and scan parcels in the sidebar; all three end in the same path.
 */
const setup = demoMorning();
const T0 = Date.parse(demo.start);
const min = (m: number) => T0 + m * 60_000;

const order = mallOrder;
const type = (at: string, itemId: string, carrier: string, trackingNo: string) => ({ at, type: 'editRow', sheet: '주문', where: { 품목주문번호: itemId }, set: { 택배사: carrier, 송장번호: trackingNo } });

const orderRow = (r: SandboxResult, itemId: string) => rowsOf(r, '주문').find((x) => x['품목주문번호'] === itemId)!;
const shipmentPosts = (r: SandboxResult) =>
  fakeRequests(r).filter((e) => e.method === 'POST' && /\/shipments$/.test(e.path));
interface FakeShipment {
  order_id: string;
  tracking_no: string;
  order_item_code: string[];
}
const shipments = (r: SandboxResult, mall: string): FakeShipment[] =>
  (r.channels.get('cafe24')!.state() as { malls: Record<string, { shipments: FakeShipment[] }> }).malls[mall]!.shipments;
/** The first minute after `from` whose run does not read cancel requests by their own date. */
function minuteWithoutCancelScan(from: number): number {
  for (let m = from; ; m++) if (Math.floor(min(m) / 60_000) % 6 !== 0) return m;
}

describe('shipping from the sheet', () => {
  let r: SandboxResult;
  const held = minuteWithoutCancelScan(31);
  beforeAll(async () => {
    const events = [
      ...setup,
      { at: '+12m', type: 'edit', sheet: '택배사', range: 'A5', values: [['hanjin', '한진택배', 'Hanjin', '한진', '10,12', '0018', 'HANJIN', 'HANJIN']] },
      // A carrier row staff got wrong: the row says why, the others are used.
      { at: '+12m', type: 'edit', sheet: '택배사', range: 'A6', values: [['kdexp', '경동택배', '', '', 'ten', '0039', '', '']] },
      order('najalran', '20261123-1000001', '한수령', 13),
      order('najalran', '20261123-1000002', '한수령', 13),
      order('borasaeg', '20261123-2000001', '두수령', 102),
      order('borasaeg', '20261123-2000002', '세수령', 102),
      order('borasaeg', '20261123-2000003', '일곱수령', 102),
      order('undercoco', '20261123-3000001', '네수령', 8, 2),
      order('najalran', '20261123-1000004', '다섯수령', 13),
      order('undercoco', '20261123-3000002', '여섯수령', 8),
      // One parcel for one receiver's two orders (bundle), typed with hyphens.
      type('+25m', '20261123-1000001-01', 'CJ대한통운', '6800-1234-5678'),
      type('+25m', '20261123-1000002-01', 'CJ', '680012345678'),
      // A Korea Post number is 13 digits.
      type('+25m', '20261123-2000001-01', '우체국택배', '12345'),
      // The same number on another receiver's parcel.
      type('+26m', '20261123-2000002-01', 'CJ대한통운', '680012345678'),
      // A carrier the settings know but the mall has not registered.
      type('+27m', '20261123-2000003-01', '한진택배', '123412341234'),
      // A carrier's export pasted into the import tab.
      { at: '+28m', type: 'edit', sheet: '송장등록', range: 'A2', values: [['20261123-3000001', '롯데택배', '200016500003']] },
      // Scans: a good one, and a label that is not a tracking number.
      { at: '+29m', type: 'sidebar', function: 'scanToShip', args: ['20261123-1000004', '6900004147609', '우체국택배'] },
      { at: '+29m30s', type: 'sidebar', function: 'scanToShip', args: ['20261123-3000002', 'ABC-123', 'CJ대한통운'] },
      // A parcel scanned before its order reached the sheet: it waits and goes out once collected.
      { at: '+29m40s', type: 'sidebar', function: 'scanToShip', args: ['20261123-1000009', '6900004147630', '우체국택배'] },
      { ...order('najalran', '20261123-1000009', '늦은수령', 13), at: '+29m50s' },
      // A buyer asks to cancel an order collected days ago just before its number is typed: only
      // the fresh read of the order can know.
      { at: `+${held}m`, type: 'channel', channel: 'cafe24', action: 'requestCancel', args: ['najalran', '20261120-0000001'] },
      type(`+${held}m`, '20261120-0000001-02', 'CJ대한통운', '123456789012'),
      // Someone changes the number of a shipped row.
      { at: `+${held + 3}m`, type: 'editRow', sheet: '주문', where: { 품목주문번호: '20261123-1000001-01' }, set: { 송장번호: '999999999999' } },
      { at: `+${held + 4}m`, type: 'menu', function: 'openPickingLists' },
    ];
    r = await runClean({ name: 'shipping', duration: `${held + 6}m`, events });
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('sends a typed number as in transit, with the mall carrier code, and shows when', () => {
    const row = orderRow(r, '20261123-1000001-01');
    expect(row['주문상태']).toBe('배송중 (N30)');
    expect(row['송장번호']).toBe('680012345678');
    expect(row['택배사']).toBe('CJ대한통운');
    expect(row['출고일시']).toBeInstanceOf(Date);
    expect(String(row['처리결과'])).toMatch(/^✓ \d\d-\d\d \d\d:\d\d 출고 전송/);
    expect(row['조치필요']).toBe('');
    const mall = r.channels.get('cafe24')!.state() as { malls: Record<string, { orders: Array<{ order_id: string; items: Array<{ order_item_code: string; order_status: string; shipping_company_code: string | null }> }> }> };
    const item = mall.malls.najalran!.orders.find((o) => o.order_id === '20261123-1000001')!.items[0]!;
    expect(item).toMatchObject({ order_status: 'N30', shipping_company_code: '0006' });
  });

  it('puts one number on every item of one receiver\'s parcel, once each', () => {
    expect(orderRow(r, '20261123-1000002-01')['주문상태']).toBe('배송중 (N30)');
    const bundle = shipments(r, 'najalran').filter((s) => s.tracking_no === '680012345678');
    expect(bundle.map((s) => [s.order_id, s.order_item_code])).toEqual([
      ['20261123-1000001', ['20261123-1000001-01']],
      ['20261123-1000002', ['20261123-1000002-01']],
    ]);
  });

  it('refuses a number of the wrong length, and one already on another receiver\'s parcel, before sending', () => {
    const other = orderRow(r, '20261123-2000002-01');
    expect(String(other['처리결과'])).toMatch(/이미 다른 수령인/);
    expect(other['조치필요']).toBe('2 송장 확인');
    expect(other['주문상태']).toBe('결제완료 (N10)');
    expect(String(orderRow(r, '20261123-2000001-01')['처리결과'])).toMatch(/우체국택배 송장번호는 13자리입니다/);
    expect(shipments(r, 'borasaeg').filter((s) => s.order_id.startsWith('20261123-2'))).toEqual([]);
  });

  it('refuses a carrier the mall has not registered, naming the mall', () => {
    const row = orderRow(r, '20261123-2000003-01');
    expect(String(row['처리결과'])).toMatch(/한진택배.*borasaeg 몰의 택배사 목록에 없습니다/);
    expect(row['주문상태']).toBe('결제완료 (N10)');
  });

  it('marks a carriers-tab row it cannot read with the reason', () => {
    const row = rowsOf(r, '택배사').find((x) => x['키'] === 'kdexp')!;
    expect(String(row['처리결과'])).toMatch(/^✗ .*자릿수 "ten"를 읽을 수 없습니다/);
    expect(rowsOf(r, '택배사').filter((x) => x['키'] !== 'kdexp').map((x) => x['처리결과'])).toEqual(['', '', '', '']);
  });

  it('ships what the import tab names and marks the import row done', () => {
    const row = orderRow(r, '20261123-3000001-01');
    expect(row['주문상태']).toBe('배송중 (N30)');
    expect(row['송장번호']).toBe('200016500003');
    const imported = rowsOf(r, '송장등록').find((x) => x['주문번호/품목주문번호'] === '20261123-3000001')!;
    expect(String(imported['처리결과'])).toMatch(/^✓ 1개 품목 출고/);
    expect(imported['처리일시']).toBeInstanceOf(Date);
  });

  it('ships a scanned parcel at once and answers the sidebar; a bad label gets its reason', () => {
    const scans = r.runtime.executions.filter((x) => x.function === 'scanToShip').slice(0, 2);
    expect(scans.map((x) => (x.result as { ok: boolean }).ok)).toEqual([true, false]);
    expect(String((scans[0]!.result as { message: string }).message)).toMatch(/✓ 1개 품목 출고/);
    expect(String((scans[1]!.result as { message: string }).message)).toMatch(/문자가 들어 있습니다/);
    expect(orderRow(r, '20261123-1000004-01')['주문상태']).toBe('배송중 (N30)');
    // Sent within the scan itself, not by a later run.
    expect(shipments(r, 'najalran').find((s) => s.tracking_no === '6900004147609')?.order_id).toBe('20261123-1000004');
    expect(shipmentPosts(r).some((e) => e.mall === 'najalran' && e.at >= scans[0]!.start && e.at <= scans[0]!.end)).toBe(true);
  });

  it("answers a parcel scanned before its order was collected as unknown (✗), keeps it, and ships it when the order arrives", () => {
    const scan = r.runtime.executions.filter((x) => x.function === 'scanToShip')[2]!;
    expect(scan.result).toMatchObject({ ok: false, unknown: true, queued: true, message: expect.stringMatching(/수집되는 대로 송장이 전송됩니다/) });
    expect(orderRow(r, '20261123-1000009-01')).toMatchObject({ 주문상태: '배송중 (N30)', 송장번호: '6900004147630' });
  });

  it('holds an item whose order got a cancel request since the sheet last saw it, and sends nothing for it', () => {
    const row = orderRow(r, '20261120-0000001-02');
    expect(String(row['처리결과'])).toMatch(/취소 요청이 있어 출고 보류/);
    // Cancels before shipping are accepted by default (a setting): the held item ends cancelled.
    expect(String(row['주문상태'])).toMatch(/^취소완료|^환불완료/);
    expect(shipments(r, 'najalran').filter((s) => s.order_id === '20261120-0000001')).toEqual([]);
  });

  it('takes units that left the warehouse off its stock, once', () => {
    // NJ-MUG: 120 at setup; 2 (the bundle) + 2 (the imported order) + 2 (the scanned orders) shipped.
    const mug = rowsOf(r, '상품').find((x) => x.SKU === 'NJ-MUG')!;
    expect(mug['물류재고']).toBe(114);
  });

  it('puts back a change to a shipped row\'s tracking number and says why', () => {
    expect(orderRow(r, '20261123-1000001-01')['송장번호']).toBe('680012345678');
    expect(r.runtime.ui.toasts.some((t) => /출고된 주문의 택배사·송장번호는 바꿀 수 없습니다/.test(t.message))).toBe(true);
  });

  it('prints a pick list by SKU and a packing list by receiver, markup shown as text', () => {
    const dialog = r.runtime.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('출고 목록');
    expect(dialog.content).toMatch(/피킹 리스트/);
    expect(dialog.content).toMatch(/패킹 리스트/);
    expect(dialog.content).not.toMatch(/<script(?! *>?\s*$)/);
  });
});
