import type { SandboxResult } from '../../local/sandbox/run';
import { demoMorning, runClean, tabRows } from '../e2e';

/**
 * The sheet's own bookkeeping (ledger, balances, holds) does not wait for a mall: it runs when no
 * mall is connected, as on a Monday morning after every token expired. (That a shipping ask is
 * forgotten only once its step succeeded: test/jobs/ship-flag.test.ts.)
 */
describe('no mall connected (every token expired)', () => {
  // The demo's partners, but no mall connected: a payment and an adjustment typed in the ledger
  // are still recorded, balances and holds worked out and shown.
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'settlement without malls',
      duration: '20m',
      events: [
        ...demoMorning().filter((e) => (e as { type: string }).type !== 'authorize'),
        { at: '+12m', type: 'edit', sheet: '원장', range: 'C2', values: [['PNR002', '수동 조정', -1, '', '파손 보상 차감']] },
        { at: '+12m', type: 'edit', sheet: '원장', range: 'C3', values: [['PNR003', '입금', 100_000, 'BANK-1']] },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('records the ledger rows staff typed', () => {
    const ledger = tabRows(r, '원장').filter((x) => x['파트너ID'] !== '');
    expect(ledger.map((x) => x['전표키'])).toEqual(['PNR002:adjustment:20261123-1', 'PNR003:payment:BANK-1']);
    for (const row of ledger) expect(String(row['처리결과'])).toMatch(/^✓ .* 원장 기록$/);
  });

  it('works out the balances and the holds, and says so on the partner rows', () => {
    const partners = tabRows(r, '파트너');
    const bora = partners.find((x) => x['파트너ID'] === 'PNR002')!;
    expect(bora['정산잔액']).toBe(-1);
    expect(String(bora['처리결과'])).toMatch(/^예치금 부족으로 출고 보류/);
    expect(partners.find((x) => x['파트너ID'] === 'PNR003')!['정산잔액']).toBe(100_000);
  });
});
