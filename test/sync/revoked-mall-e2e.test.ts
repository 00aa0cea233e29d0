import type { SandboxResult } from '../../local/sandbox/run';
import { demoMorning, fakeRequests, runClean, tabRows } from '../e2e';

/**
 * A mall whose consent was revoked is not called again until someone reconnects it: no order
 * reads, stock, products, shipping or claims, and no token calls, minute after minute. The
 * partner row and the log say so once. After the reconnect it is read again, and what it sold
 * meanwhile comes in.
 */
describe('a revoked mall is left alone until it is reconnected', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'revoked mall',
      duration: '45m',
      events: [
        ...demoMorning(),
        { at: '+15m', type: 'channel', channel: 'cafe24', action: 'revokeTokens', args: ['undercoco'] },
        // Work that would call the mall: a stock edit, an order at each mall.
        { at: '+20m', type: 'edit', sheet: '상품', range: 'G2', values: [[150]] },
        { at: '+22m', type: 'channel', channel: 'cafe24', action: 'addOrder', args: ['najalran', { buyer: { name: '본사구매' }, items: [{ product_no: 13 }] }] },
        { at: '+22m', type: 'channel', channel: 'cafe24', action: 'addOrder', args: ['undercoco', { buyer: { name: '코코구매' }, items: [{ product_no: 8 }] }] },
        { at: '+38m', type: 'authorize', function: 'connectPartner', args: ['PNR003'] },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });
  const T0 = () => r.runtime.executions[0]!.start;

  it('calls the mall in one run only after the revoke, token endpoint included, until it is reconnected', () => {
    const undercoco = fakeRequests(r).filter((e) => e.mall === 'undercoco');
    const refused = undercoco.filter((e) => e.status === 401 || e.status === 400);
    expect(refused.length).toBeGreaterThan(0);
    const first = refused[0]!.at;
    const reconnect = r.runtime.executions.find((x) => x.function === 'cafe24AuthCallback' && x.start > first)!;
    expect(reconnect).toBeDefined();
    // Nothing between the run that found it revoked and the reconnect.
    expect(undercoco.filter((e) => e.at > first + 60_000 && e.at < reconnect.start).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([]);
    void T0;
  });

  it('says so once: the partner row until the reconnect, one log line', () => {
    const lines = tabRows(r, '로그').filter((x) => /PNR003/.test(String(x['내용'])) && /다시 연결|재연결|인증/.test(String(x['내용'])));
    expect(lines).toHaveLength(1);
  });

  it('reads it again once reconnected, and collects what it sold meanwhile; the other malls never stopped', () => {
    const rows = tabRows(r, '주문');
    expect(rows.some((x) => x['수령인'] === '코코구매' || x['구매자'] === '코코구매')).toBe(true);
    expect(rows.some((x) => x['수령인'] === '본사구매' || x['구매자'] === '본사구매')).toBe(true);
    expect(tabRows(r, '파트너').map((x) => x['연결상태'])).toEqual(['연결됨', '연결됨', '연결됨']);
  });
});
