/**
 * What the marketplaces' end-to-end specs share: a partner row for a SmartStore or a Coupang
 * account, the keys staff type in the sidebar, a scenario run on the built bundle with the
 * fake (and, unless told otherwise, our relay) on the simulated network, and the fake's log.
 */
import { paths } from '../../local/paths';
import { DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID } from '../../local/fakes/coupang';
import { DEFAULT_ACCOUNT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../local/fakes/naver';
import { openSandbox, play, runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import { tabRows } from '../e2e';

// Partners tab columns A..R: id, name, role, channel, account, shop no., supplier code, ratio,
// mode, credit, incentive, fee per unit, e-mails, connection, token, status, balance, 발주확인 자동.
export const coupangRow = (confirmAtOnce: boolean) => ['PNR004', '나잘란 쿠팡', '자사몰', '쿠팡', DEFAULT_VENDOR_ID, 1, '', 100, '예치금', 0, 0, 0, '', '', '', '', '', confirmAtOnce];
export const naverRow = (confirmAtOnce: boolean) => ['PNR005', '나잘란 스마트스토어', '자사몰', '스마트스토어', DEFAULT_ACCOUNT_ID, 1, '', 100, '예치금', 0, 0, 0, '', '', '', '', '', confirmAtOnce];
export const coupangKeys = { vendorId: DEFAULT_VENDOR_ID, accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY };
export const naverKeys = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET };

/** One API request as either fake logs it. */
export interface MarketLogEntry {
  method: string;
  path: string;
  remoteAddress?: string;
  status: number;
  code?: string | null;
  requestBody?: unknown;
}

export const marketLog = (r: SandboxResult, channel: 'naver' | 'coupang') => r.channels.get(channel)!.requestLog() as MarketLogEntry[];

export interface MarketRun {
  /** The fake's seed, or `{ seed, options }` with its switches (default: its built-in seed). */
  setup?: unknown;
  relay?: boolean;
  duration?: string;
  start: string;
  /** Called once the world is up, before the first minute (a spec swaps the relay, sets properties). */
  before?: (r: SandboxResult) => void | Promise<void>;
}

const scenarioOf = (channel: 'naver' | 'coupang', events: unknown[], o: MarketRun) =>
  parseScenario({
    name: channel,
    start: o.start,
    duration: o.duration ?? '8m',
    channels: { [channel]: o.setup ?? 'default' },
    ...(o.relay === false ? { relay: false } : {}),
    events: [{ at: '+0m', type: 'menu', function: 'setupWorkbook' }, ...events],
  });

/** Runs the scenario's events on the built bundle with one marketplace's fake, to its end. */
export function runMarket(channel: 'naver' | 'coupang', events: unknown[], o: MarketRun): Promise<SandboxResult> {
  return runScenario(scenarioOf(channel, events, o), { bundleDir: paths.build });
}

/**
 * Like runMarket, but calls `each` at the end of every simulated minute, so a spec can watch
 * what the sheet showed along the way (a row that flips back and forth, a cell's history).
 */
export async function runMarketWatching(channel: 'naver' | 'coupang', events: unknown[], o: MarketRun, each: (r: SandboxResult, now: number) => void = () => {}): Promise<SandboxResult> {
  const s = scenarioOf(channel, events, o);
  const r = await openSandbox(s, { bundleDir: paths.build });
  try {
    await o.before?.(r);
    const start = Date.parse(s.start);
    s.events.forEach((e, i) => r.runtime.at(resolveTime(e.at, start), () => play(e, r, i)));
    for (let t = start + 60_000; t <= r.end; t += 60_000) {
      await r.runtime.advanceTo(t);
      await r.runtime.settle();
      each(r, t);
    }
    return r;
  } catch (e) {
    // A failed expectation along the way: close the world here, the spec never gets it back.
    await r.runtime.close();
    throw e;
  }
}

export const partnerRow = (r: SandboxResult, id: string) => tabRows(r, '파트너').find((row) => row['파트너ID'] === id)!;
export const orderRows = (r: SandboxResult, partnerId: string) => tabRows(r, '주문').filter((row) => row['파트너ID'] === partnerId);

/**
 * For a describe block: `go` runs like runMarketWatching and keeps the world, and afterAll
 * closes every world it opened (in-band jest waits on a runtime's servers otherwise).
 */
export function keptWorlds(): { go: (...a: Parameters<typeof runMarketWatching>) => Promise<SandboxResult> } {
  const opened: SandboxResult[] = [];
  afterAll(async () => {
    for (const r of opened) await r.runtime.close();
  });
  return {
    go: async (...a) => {
      const r = await runMarketWatching(...a);
      opened.push(r);
      return r;
    },
  };
}

// After the SmartStore seed's order was paid (09:13).
export const NAVER_START = '2026-11-23T10:00:00+09:00';
export const naverLog = (r: SandboxResult) => marketLog(r, 'naver');

/** Runs a SmartStore scenario (setupWorkbook first); the caller closes `runtime` in afterAll. */
export function runNaver(events: unknown[], opts: { relay?: boolean; duration?: string; naver?: unknown } = {}): Promise<SandboxResult> {
  return runMarket('naver', events, { start: NAVER_START, duration: opts.duration, relay: opts.relay, setup: opts.naver });
}
