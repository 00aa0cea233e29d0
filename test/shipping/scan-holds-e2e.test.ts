import type { SandboxResult } from '../../local/sandbox/run';
import { demoMorning, fakeRequests, runClean, tabRows as rowsOf, mallOrder, mallShipments } from '../e2e';

/**
 * A scan at the packing table goes by the same rules as every other path that ships: a partner
 * held for an unpaid balance is held here too (at the mall and on its row, and the packer is told
 * why), and a scan sends the parcel scanned, nothing else: numbers typed elsewhere wait for the sync.
 *
 * PNR002 (보라색) settles from a deposit of 0; staff post a −1 adjustment, so it is held from the
 * next run on. Three orders come in; a PNR001 number is typed on its row, then two parcels are
 * scanned before the next run: PNR002's (held) and PNR003's.
 */
const order = mallOrder;
const orderRow = (r: SandboxResult, itemId: string) => rowsOf(r, '주문').find((x) => x['품목주문번호'] === itemId)!;
const shipmentsOf = mallShipments;

describe('a scan keeps the settlement holds and sends only its parcel', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'scan holds',
      duration: '30m',
      events: [
        ...demoMorning(),
        { at: '+12m', type: 'edit', sheet: '원장', range: 'C2', values: [['PNR002', '수동 조정', -1, '', '파손 보상 차감']] },
        order('borasaeg', '20261123-2000001', '보류수령', 102),
        order('najalran', '20261123-1000001', '본사수령', 13),
        order('undercoco', '20261123-3000001', '코코수령', 8),
        { at: '+25m40s', type: 'editRow', sheet: '주문', where: { 품목주문번호: '20261123-1000001-01' }, set: { 택배사: 'CJ대한통운', 송장번호: '680000000011' } },
        { at: '+25m45s', type: 'sidebar', function: 'scanToShip', args: ['20261123-2000001', '680000000022', 'CJ대한통운'] },
        { at: '+25m50s', type: 'sidebar', function: 'scanToShip', args: ['20261123-3000001', '680000000033', 'CJ대한통운'] },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });
  const scans = () => r.runtime.executions.filter((x) => x.function === 'scanToShip');

  it('holds a held partner\'s scanned parcel at the mall and on its row, and tells the packer why', () => {
    const [held] = scans();
    expect(held!.result).toMatchObject({ ok: false, held: true, message: expect.stringMatching(/^예치금 부족으로 출고 보류: 잔액 -1원.*이 택배는 보내지 마세요/) });
    expect(shipmentsOf(r, 'borasaeg').filter((s) => s.order_id === '20261123-2000001')).toEqual([]);
    expect(fakeRequests(r).filter((e) => e.mall === 'borasaeg' && e.method === 'POST' && /\/shipments$/.test(e.path))).toEqual([]);
    const row = orderRow(r, '20261123-2000001-01');
    expect(row).toMatchObject({ 주문상태: '결제완료 (N10)', 조치필요: '1 출고 보류: 정산 미납' });
    expect(String(row['처리결과'])).toMatch(/^⏸ 예치금 부족으로 출고 보류/);
    // The scan stays on the import tab, not done: it goes out by itself once the partner pays.
    const imported = rowsOf(r, '송장등록').find((x) => x['주문번호/품목주문번호'] === '20261123-2000001')!;
    expect(imported['처리일시']).toBe('');
    expect(String(rowsOf(r, '파트너').find((x) => x['파트너ID'] === 'PNR002')!['처리결과'])).toMatch(/예치금 부족/);
  });

  it('sends the scanned parcel only: a number typed on another row waits for the sync', () => {
    const [held, ok] = scans();
    expect(ok!.result).toMatchObject({ ok: true, message: expect.stringMatching(/✓ 1개 품목 출고/) });
    expect(shipmentsOf(r, 'undercoco').find((s) => s.tracking_no === '680000000033')?.order_id).toBe('20261123-3000001');
    for (const scan of [held!, ok!]) {
      expect(fakeRequests(r).filter((e) => e.mall === 'najalran' && e.at >= scan.start && e.at <= scan.end)).toEqual([]);
    }
    // The sync sent it on its next run.
    const sent = fakeRequests(r).find((e) => e.mall === 'najalran' && e.method === 'POST' && /\/shipments$/.test(e.path))!;
    expect(sent.at).toBeGreaterThan(ok!.end);
    expect(orderRow(r, '20261123-1000001-01')['주문상태']).toBe('배송중 (N30)');
  });
});
