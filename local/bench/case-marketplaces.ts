/**
 * Case 7: a quiet day with five accounts, the demo's three Cafe24 malls, one SmartStore (Naver)
 * and one Coupang seller, the marketplaces reached through our relay as in the sandbox (the
 * fakes register only the relay's address). The demo's partners typed in and the malls connected
 * by +9m; the SmartStore and Coupang partners typed in at +7m and their keys saved in the sidebar
 * at +8m (issue 15). No product, ratio or order beyond the fakes' own seeds: from +1h every tick
 * is idle. Reports the median idle minute (round trips and URL fetches) and the day's URL
 * fetches and trigger runtime against the quotas, each with its lower bound.
 *
 * URL fetches are counted as the channels saw them (each fake's request log: one add-on fetch
 * through the relay is one request at the marketplace); the day's total is the runtime's own
 * UrlFetch quota count.
 */
import { DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID } from '../fakes/coupang';
import { DEFAULT_ACCOUNT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../fakes/naver';
import { DAILY_LIMITS } from '../runtime/quotas';
import type { ExecutionRecord } from '../runtime/runtime';
import { paths } from '../paths';
import { runScenario } from '../sandbox/run';
import { parseScenario } from '../sandbox/scenario';
import demo from '../sandbox/scenarios/demo.json';
import { channelOf } from '../../src/channels/registry';
import { DEFAULT_INQUIRY_MINUTES } from '../../src/jobs/inquiries';
import { byService, detail, median, service, sum, total, type CaseResult } from './table';

const DAY = 24 * 3_600_000;
const MIN = 60_000;
const SETTLED = 60 * MIN;
/** Every account is connected by then (the demo's malls at +9m, the marketplaces' keys at +8m). */
const CONNECTED = 9 * MIN;
const FETCH_TARGET = 1.2;

/** Partners tab columns A..R (발주확인 자동 last, off: a quiet day confirms nothing). */
export const coupangRow = ['PNR004', '나잘란 쿠팡', '자사몰', '쿠팡', DEFAULT_VENDOR_ID, 1, '', 100, '예치금', 0, 0, 0, '', '', '', '', '', false];
export const naverRow = ['PNR005', '나잘란 스마트스토어', '자사몰', '스마트스토어', DEFAULT_ACCOUNT_ID, 1, '', 100, '예치금', 0, 0, 0, '', '', '', '', '', false];

/**
 * Per account, the order reads the promise needs at the least, by what each API lets one request
 * list. New paid orders reach the sheet within two minutes: a quiet account (nothing changed for
 * 5 minutes, all of this quiet day) is read every second minute. Claims on older orders arrive
 * on the backstop (every 10 minutes): a cancel before shipping needs no earlier read, since every
 * parcel's order is read again before it ships.
 * - Cafe24: orders are listed by one `date_type` a request; new paid orders by `pay_date` (1 each
 *   second minute), and a claim on an order paid on an earlier day carries no pay date in the
 *   window, so it is found only by a claim date (six of them): 1 each backstop, in turn.
 * - SmartStore: `last-changed-statuses` lists every status change, new orders and claims alike,
 *   in one request: 1 each second minute, no claim read.
 * - Coupang: ordersheets are listed by one `status` a request (B2, required); new paid orders are
 *   `ACCEPT` (1 each second minute), and a cancel after 발주확인 is a receipt `RU`: 1 each
 *   backstop (the product also reads INSTRUCT and the lists after shipping in turn, which the
 *   bound does not count).
 */
export const ORDER_READS_PER_TWO_MINUTES = { cafe24: 1, naver: 1, coupang: 1 } as const;
export const CLAIM_READS_PER_BACKSTOP = { cafe24: 1, naver: 0, coupang: 1 } as const;
const BACKSTOP_MIN = 10;
/** Access tokens: Cafe24's last 2 h, Naver's 3 h (Coupang signs each request: none). */
const TOKEN_LIFE = { cafe24: 2 * 3_600_000, naver: 3 * 3_600_000 } as const;
/**
 * Per read of inquiries (every DEFAULT_INQUIRY_MINUTES), the lists that must be read: a Cafe24
 * mall's question boards (the fake's malls have two: product Q&A and 1:1; a board's comments
 * only while it has an open question, none on a quiet day), a SmartStore's product Q&A and
 * customer inquiries, Coupang's product and call-centre inquiries: one list each. Counted only
 * for a channel whose inquiries the add-on reads.
 */
const INQUIRY_LISTS = { cafe24: 2, naver: 2, coupang: 2 } as const;
const CHANNELS = [
  { channel: 'cafe24', accounts: 3 },
  { channel: 'naver', accounts: 1 },
  { channel: 'coupang', accounts: 1 },
] as const;

function scenario() {
  const connect = (demo.events as Array<{ type: string; sheet?: string; function?: string; at: string }>).filter(
    (e) => ((e.type === 'edit' && e.sheet === '파트너') || (e.type === 'sidebar' && e.function === 'saveCafe24App') || e.type === 'authorize') && parseInt(e.at.slice(1), 10) <= 9,
  );
  return parseScenario({
    ...demo,
    name: 'bench-marketplaces',
    duration: '24h',
    channels: { cafe24: 'default', naver: 'default', coupang: 'default' },
    relay: true,
    events: [
      ...connect,
      { at: '+7m', type: 'edit', sheet: '파트너', range: 'A5', values: [coupangRow, naverRow] },
      { at: '+8m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR004', { vendorId: DEFAULT_VENDOR_ID, accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY }] },
      { at: '+8m', type: 'sidebar', function: 'saveChannelKeys', args: ['PNR005', { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }] },
    ],
  });
}

export async function marketplacesCase(log: (s: string) => void): Promise<CaseResult[]> {
  const r = await runScenario(scenario(), { bundleDir: paths.build });
  const rt = r.runtime;
  try {
    if (r.eventErrors.length > 0) throw new Error(`marketplaces: the bench's own events failed: ${r.eventErrors.map((e) => `${e.event}: ${e.message}`).join('; ')}`);
    const start = Date.parse(demo.start);
    const keysSaved = r.calls.filter((c) => c.function === 'saveChannelKeys').map((c) => c.record.result as { ok?: boolean; message?: string });
    if (keysSaved.length !== 2 || keysSaved.some((k) => k?.ok !== true)) throw new Error(`marketplaces: keys not saved: ${JSON.stringify(keysSaved)}`);
    const runs = rt.executions.filter((x) => x.function === 'onSyncTick').sort((a, c) => a.start - c.start);
    const idle = runs.filter((x) => x.start >= start + SETTLED);
    const failed = runs.filter((x) => !x.ok);
    // What each channel was asked, with when: one add-on fetch is one request at a channel.
    const asked = ['cafe24', 'naver', 'coupang'].map((ch) => ({ ch, log: r.channels.get(ch)!.requestLog() as Array<{ at: number; method: string; path: string }> }));
    const fetchesIn = (x: ExecutionRecord) => asked.reduce((n, a) => n + a.log.filter((e) => e.at >= x.start && e.at <= x.end).length, 0);
    // Quiet accounts are read every second minute: the idle minute that reads (its round trips
    // and fetches), and the one between, which reads nothing.
    const reading = idle.filter((x) => fetchesIn(x) > 0);
    const resting = idle.filter((x) => fetchesIn(x) === 0);
    const totals = reading.map((x) => total(x.roundTrips));
    const med = median(totals);
    const typical = reading.find((x) => total(x.roundTrips) === med) ?? reading[Math.floor(reading.length / 2)]!;
    const idleFetches = median(reading.map(fetchesIn));
    const restingTrips = resting.length ? median(resting.map((x) => total(x.roundTrips))) : null;
    log(
      `  marketplaces: ${runs.length} sync runs (${failed.length} failed${failed.length ? `: ${failed[0]!.errors[0]}` : ''}), ${idle.length} idle from +1h; ` +
        `${reading.length} read orders: median ${med} round trips (${detail(typical)}), ${idleFetches} URL fetches; ${resting.length} read nothing: median ${restingTrips ?? '—'} round trips`,
    );
    for (const a of asked) {
      const kinds = new Map<string, number>();
      for (const e of a.log) {
        const k = `${e.method} ${e.path.replace(/\/\d{4,}(?=\/|$)/g, '/N').replace(/\/[A-Z]\d{8}(?=\/|$)/g, '/V')}`;
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      log(`  marketplaces: ${a.ch} was asked ${a.log.length.toLocaleString('en-US')}: ${[...kinds].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }
    const fetches = rt.quotaUsed('urlfetch');
    const runtimeMs = rt.quotaUsed('triggerRuntime');
    const all = sum(runs);
    log(`  marketplaces: day ${fetches.toLocaleString('en-US')} URL fetches, trigger runtime ${(runtimeMs / MIN).toFixed(1)} min, round trips ${total(all)} (${byService(all)})`);

    // Lower bounds. An idle minute that reads: as case 1's (the lock taken, one read of what is
    // kept, one fetchAll round carrying every account's order reads, the relay's requests in the
    // same round as Cafe24's, one write of the run's record), plus one read of the script
    // properties: a relayed call is signed with the relay's secret, which is the publisher's and
    // lives in the script properties only (secrets stay in properties; none is copied where a
    // minute reads anyway): 5 round trips, no Sheets call; its URL fetches are one new-order read
    // an account (3 + 1 + 1 = 5). The minute between reads nothing.
    const perMinute = CHANNELS.reduce((n, c) => n + c.accounts * ORDER_READS_PER_TWO_MINUTES[c.channel], 0);
    const perBackstop = CHANNELS.reduce((n, c) => n + c.accounts * CLAIM_READS_PER_BACKSTOP[c.channel], 0);
    // The day: those reads every second minute once connected and the claim reads each backstop,
    // each account's token once per its life (and once to connect), the inquiry lists once per
    // read of inquiries, and each mall's boards looked up once. No product, stock or order is
    // sent on a quiet day.
    const minutes = runs.filter((x) => x.start > start + CONNECTED).length;
    const span = DAY - CONNECTED;
    const tokens = CHANNELS.reduce((n, c) => n + (c.channel in TOKEN_LIFE ? c.accounts * (1 + Math.floor(span / TOKEN_LIFE[c.channel as keyof typeof TOKEN_LIFE])) : 0), 0);
    const inquiryReads = Math.ceil(span / (DEFAULT_INQUIRY_MINUTES * MIN));
    const inquiryLists = CHANNELS.reduce((n, c) => n + (channelOf(c.channel).inquiries ? c.accounts * INQUIRY_LISTS[c.channel] : 0), 0);
    const boards = CHANNELS.find((c) => c.channel === 'cafe24')!.accounts;
    const fetchBound = perMinute * Math.ceil(minutes / 2) + perBackstop * Math.ceil(minutes / BACKSTOP_MIN) + tokens + inquiryLists * inquiryReads + boards;
    log(
      `  marketplaces: fetch bound ${fetchBound.toLocaleString('en-US')} = ${perMinute} order reads × ${Math.ceil(minutes / 2)} second minutes + ${perBackstop} claim reads × ${Math.ceil(minutes / BACKSTOP_MIN)} backstops + ${tokens} token calls + ` +
        `${inquiryLists} inquiry lists × ${inquiryReads} reads + ${boards} board look-ups (inquiries read for: ${CHANNELS.filter((c) => channelOf(c.channel).inquiries).map((c) => c.channel).join(', ')})`,
    );
    const quota = (account: 'consumer' | 'workspace', what: 'urlfetch' | 'triggerRuntime'): CaseResult => {
      const limit = DAILY_LIMITS[account][what];
      const used = what === 'urlfetch' ? fetches : runtimeMs;
      const fmt = (n: number) => (what === 'urlfetch' ? n.toLocaleString('en-US') : `${(n / MIN).toFixed(1)} min`);
      const headroom = ((limit - used) / limit) * 100;
      return {
        name: `7${{ urlfetch: { consumer: 'a', workspace: 'b' }, triggerRuntime: { consumer: 'c', workspace: 'd' } }[what][account]}. … ${what === 'urlfetch' ? 'URL fetches' : 'trigger runtime'} vs ${account === 'consumer' ? 'consumer' : 'Workspace'} quota`,
        roundTrips: {},
        lowerBound: 0,
        target: null,
        custom: {
          measured: fmt(used),
          byService: `${runs.length} sync runs`,
          bound: what === 'urlfetch' ? fetchBound.toLocaleString('en-US') : '—',
          ratio: what === 'urlfetch' ? `${(used / fetchBound).toFixed(2)}×` : '—',
          target: `${what === 'urlfetch' ? `≤ ${FETCH_TARGET}×, ` : ''}≤ ${fmt(limit)} (headroom ${headroom.toFixed(0)}%)`,
          met: used <= limit && (what !== 'urlfetch' || used / fetchBound <= FETCH_TARGET + 1e-9),
        },
      };
    };
    return [
      {
        name: '7. idle minute that reads, 3 Cafe24 + 1 Naver + 1 Coupang (median of a day; quiet accounts every second minute)',
        roundTrips: typical.roundTrips,
        lowerBound: 5,
        target: 1.25,
        extra: { text: '≤ 2 Sheets', met: service(typical.roundTrips, 'SpreadsheetApp') <= 2 },
      },
      {
        name: '7f. … its URL fetches',
        roundTrips: {},
        lowerBound: perMinute,
        target: null,
        custom: {
          measured: String(idleFetches),
          byService: 'order reads',
          bound: String(perMinute),
          ratio: `${(idleFetches / perMinute).toFixed(2)}×`,
          target: `≤ ${FETCH_TARGET}×`,
          met: idleFetches / perMinute <= FETCH_TARGET + 1e-9,
        },
      },
      quota('consumer', 'urlfetch'),
      quota('workspace', 'urlfetch'),
      quota('consumer', 'triggerRuntime'),
      quota('workspace', 'triggerRuntime'),
    ];
  } finally {
    await rt.close();
  }
}
