import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, fakeRequests, mallOrder, runClean, tabRows } from '../e2e';

/**
 * Cafe24's webhooks through our relay, on the built bundle: the demo's three malls, with the
 * fake sending a webhook for each change (to the relay, which keeps only "this mall has news").
 * A mall with news is read within the minute; a quiet mall only on the backstop cadence (10
 * minutes); a webhook lost on the way costs at most that, never an order; a claim webhook reads
 * every claim date of its mall at once. The same story runs under each reading of what the
 * reference leaves open (delay, resends, whether the app's own API writes fire webhooks, an
 * exchange event).
 */
const T0 = Date.parse(demo.start);
const MIN = 60_000;
/** An order paid 5 days before the scenario and shipped, returned at +44m: found only by its return date. */
const OLD = '20261118-0000003';

const readings: Array<[string, Record<string, unknown>]> = [
  ['the fake’s defaults (2 s delay, no resend, API writes fire webhooks)', {}],
  ['slow and resent (30 s delay, every delivery twice)', { delayMs: 30_000, resend: true }],
  ['API writes fire none; exchanges send the return event', { apiWrites: false, exchangeEvent: 90027 }],
];

describe.each(readings)('Cafe24 webhooks through the relay: %s', (_name, switches) => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'webhooks',
      duration: '62m',
      channels: { cafe24: { seed: 'default', webhooks: switches } },
      events: [
        ...demoMorning(),
        { ...mallOrder('najalran', '20261123-0000301', '빠른', 13), at: '+30m10s' },
        // This order's webhook is lost: only the backstop brings it.
        { at: '+40m05s', type: 'channel', channel: 'cafe24', action: 'loseWebhooks', args: ['borasaeg', 1] },
        { ...mallOrder('borasaeg', '20261123-0000302', '늦은', 102), at: '+40m10s' },
        { at: '+44m10s', type: 'channel', channel: 'cafe24', action: 'requestReturn', args: ['najalran', OLD, { reason: '단순 변심' }] },
      ],
    });
  }, 240_000);
  afterAll(async () => r?.runtime.close());

  const orderReads = (mall: string, fromMin: number, toMin: number) =>
    fakeRequests(r).filter((e) => e.mall === mall && e.method === 'GET' && /\/orders$/.test(e.path) && e.at >= T0 + fromMin * MIN && e.at < T0 + toMin * MIN);
  const rows = () => tabRows(r, '주문');

  it('brings a paid order to the orders tab within the minute its webhook arrives', () => {
    const delay = Number(switches.delayMs ?? 2_000);
    const first = orderReads('najalran', 30, 62).find((e) => e.at >= T0 + 30 * MIN + 10_000 + delay)!;
    expect(first.at - (T0 + 30 * MIN + 10_000 + delay)).toBeLessThan(MIN);
    expect(rows().filter((x) => String(x['주문번호']) === '20261123-0000301')).toHaveLength(1);
  });

  it('reads a quiet mall only on the backstop cadence (orders and one claim date each ten minutes), once the relay has heard from it', () => {
    const heard = (r.channels.get('cafe24')!.state() as { webhooks: Array<{ mallId: string; lost: boolean; at: number }> }).webhooks.some((d) => d.mallId === 'undercoco' && !d.lost && d.at < T0 + 20 * MIN);
    const quiet = orderReads('undercoco', 20, 60);
    if (heard) {
      expect(quiet.length).toBeGreaterThanOrEqual(8);
      expect(quiet.length).toBeLessThanOrEqual(10);
    } else {
      // Never heard from (its setup changed it only through the API, which fires no webhook
      // here): it may never have consented to real-time data, so it is read as without webhooks:
      // its orders every second minute while they are still, a claim date each backstop.
      const claims = quiet.filter((e) => (e as { query?: { date_type?: string } }).query?.date_type !== 'pay_date');
      expect(quiet.length - claims.length).toBeGreaterThanOrEqual(20);
      expect(quiet.length - claims.length).toBeLessThanOrEqual(28);
      expect(claims.length).toBeGreaterThanOrEqual(3);
      expect(claims.length).toBeLessThanOrEqual(5);
    }
  });

  it('still brings an order whose webhook was lost, by the backstop, within ten minutes', () => {
    const lost = r.channels.get('cafe24')!.state() as { webhooks: Array<{ mallId: string; lost: boolean; eventNo: number }> };
    expect(lost.webhooks.filter((d) => d.mallId === 'borasaeg' && d.lost)).toHaveLength(1);
    expect(rows().filter((x) => String(x['주문번호']) === '20261123-0000302')).toHaveLength(1);
    const read = orderReads('borasaeg', 40, 62).find((e) => e.at > T0 + 40 * MIN + 10_000)!;
    expect(read.at - (T0 + 40 * MIN + 10_000)).toBeLessThanOrEqual(11 * MIN);
  });

  it('reads every claim date of a mall at once when its claim webhook comes, so a return on an old order lands within the minute', () => {
    const delay = Number(switches.delayMs ?? 2_000);
    const heard = T0 + 44 * MIN + 10_000 + delay;
    const claimReads = fakeRequests(r).filter((e) => e.mall === 'najalran' && /\/orders$/.test(e.path) && e.at >= heard && e.at < heard + 2 * MIN);
    expect(claimReads.length).toBeGreaterThanOrEqual(7);
    const claim = tabRows(r, '클레임').find((x) => x['주문번호'] === OLD);
    expect(claim).toMatchObject({ 유형: '반품' });
  });

  it('asks the relay once a minute, in the same fetchAll as the reads, and nothing else when no mall has news', () => {
    const relayNews = r.relay!.lines.filter((l) => / \/cafe24\/news /.test(l) || l.includes('/cafe24/news'));
    const ticks = r.runtime.executions.filter((x) => x.function === 'onSyncTick' && x.start >= T0 + 20 * MIN);
    expect(relayNews.length).toBeGreaterThanOrEqual(ticks.length - 2);
    const idle = ticks.filter((x) => x.start >= T0 + 50 * MIN && x.start < T0 + 60 * MIN && (x.roundTrips['UrlFetchApp.fetchAll'] ?? 0) + (x.roundTrips['UrlFetchApp.fetch'] ?? 0) > 0);
    const fetchRounds = idle.map((x) => (x.roundTrips['UrlFetchApp.fetchAll'] ?? 0) + (x.roundTrips['UrlFetchApp.fetch'] ?? 0));
    // Most minutes are the news question alone; a backstop minute, and the ten-minute inquiry
    // reads, add their own rounds.
    expect(fetchRounds.filter((n) => n === 1).length).toBeGreaterThanOrEqual(6);
  });
});
