import type { SandboxResult } from '../../local/sandbox/run';
import { demoMorning, runClean, tabRows as rowsOf, mallOrder, mallShipments } from '../e2e';

/**
 * At the packing table a scan can go wrong: the label scanned is not a tracking number, or the
 * first barcode is no order the sheet knows. The packer must hear the difference from a shipped
 * parcel, and scanning the right label next must simply work: the refused scan's row in the
 * import tab never stands in the way (before, the corrected label was refused as "두 번 있습니다"
 * by the next run until staff deleted the failed row by hand).
 */
const order = mallOrder;
const shipmentsOf = mallShipments;

describe('scanning: an unknown order barcode, and a corrected label after a refused one', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'scan rescan',
      duration: '34m',
      events: [
        ...demoMorning(),
        order('najalran', '20261123-1000001', '본사수령', 13),
        order('najalran', '20261123-1000002', '두번수령', 13),
        // A misread: no order has this number.
        { at: '+25m10s', type: 'sidebar', function: 'scanToShip', args: ['20261199-9999999', '680000000044', 'CJ대한통운'] },
        // The wrong label first (a Korea Post length on CJ), then the right one.
        { at: '+25m20s', type: 'sidebar', function: 'scanToShip', args: ['20261123-1000001', '6900004147609', 'CJ대한통운'] },
        { at: '+25m30s', type: 'sidebar', function: 'scanToShip', args: ['20261123-1000001', '680000000011', 'CJ대한통운'] },
        // Another mall answers slowly for a while: a sync holds the lock, so scans are queued for it.
        { at: '+25m40s', type: 'fault', channel: 'cafe24', target: 'undercoco', fault: { kind: 'slow', delayMs: 45_000, forMs: 120_000 } },
        // A refused scan, then the right label, both left to the sync: it sends the right one.
        { at: '+26m', type: 'sidebar', function: 'scanToShip', args: ['20261123-1000002', '12345', 'CJ대한통운'] },
        { at: '+26m20s', type: 'sidebar', function: 'scanToShip', args: ['20261123-1000002', '680000000022', 'CJ대한통운'] },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });
  const scans = () => r.runtime.executions.filter((x) => x.function === 'scanToShip').map((x) => x.result as Record<string, unknown>);
  const importRows = () => rowsOf(r, '송장등록').filter((x) => x['주문번호/품목주문번호']);

  it('answers an order barcode the sheet does not know as unknown (✗), never as shipped', () => {
    expect(scans()[0]).toMatchObject({ ok: false, unknown: true, message: expect.stringMatching(/주문 탭에 .*"20261199-9999999"가 없습니다/) });
    expect(shipmentsOf(r, 'najalran').some((s) => s.tracking_no === '680000000044')).toBe(false);
  });

  it('accepts the corrected label right after a refused one, and the refused row is closed, not tried again', () => {
    const [, wrong, right] = scans();
    expect(wrong).toMatchObject({ ok: false });
    expect(right).toMatchObject({ ok: true, message: expect.stringMatching(/✓ 1개 품목 출고/) });
    expect(shipmentsOf(r, 'najalran').filter((s) => s.order_id === '20261123-1000001').map((s) => s.tracking_no)).toEqual(['680000000011']);
    const failed = importRows().find((x) => x['송장번호'] === '6900004147609')!;
    expect(String(failed['처리결과'])).toMatch(/^↷ 다시 스캔됨/);
    expect(failed['처리일시']).not.toBe('');
  });

  it('ships the second order once, with the corrected number, and nothing says "두 번"', () => {
    // Both scans waited for the sync (it held the lock): the sync had both rows before it.
    expect(scans().slice(3)).toEqual([expect.objectContaining({ queued: true }), expect.objectContaining({ queued: true })]);
    expect(shipmentsOf(r, 'najalran').filter((s) => s.order_id === '20261123-1000002').map((s) => s.tracking_no)).toEqual(['680000000022']);
    for (const row of importRows()) expect(String(row['처리결과'])).not.toMatch(/두 번/);
    const orderRows = rowsOf(r, '주문').filter((x) => String(x['주문번호']).startsWith('20261123-100000'));
    for (const row of orderRows) expect(String(row['처리결과'])).toMatch(/^✓/);
  });
});
