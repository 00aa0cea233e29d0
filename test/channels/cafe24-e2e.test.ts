import { paths } from '../../local/paths';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../local/fakes/cafe24/default-seed';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';

/**
 * The Cafe24 connector end to end: the built bundle in the local Apps Script runtime, the fake
 * Cafe24 over HTTP on loopback, the sheet as staff fill it in.
 */
const START = '2026-11-23T09:00:00+09:00';
const T0 = Date.parse(START);
const MALLS = { PNR001: 'najalran', PNR002: 'borasaeg', PNR003: 'undercoco' } as const;

const partnerRows = [
  ['PNR001', '나잘란 본사몰', '자사몰', '카페24', 'najalran', 1, '', 100, '예치금', 0, 5, 2500, 'hq@najalran.example'],
  ['PNR002', '보라색', '위탁판매', '카페24', 'borasaeg', 1, '', 30, '예치금', 0, 5, 2500, 'settle@borasaeg.example'],
  ['PNR003', '언더코코', '위탁판매', '카페24', 'undercoco', 1, '', 30, '마이너스', 5000000, 5, 2500, 'finance@undercoco.example'],
];

function connectEvents(at: string) {
  return Object.keys(MALLS).map((id) => ({ at, type: 'authorize', function: 'connectPartner', args: [id] }));
}

function baseEvents() {
  return [
    { at: '+1m', type: 'edit', sheet: '파트너', range: 'A2', values: partnerRows },
    { at: '+2m', type: 'sidebar', function: 'saveCafe24App', args: [DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET] },
    ...connectEvents('+3m'),
  ];
}

async function run(duration: string, events: unknown[]): Promise<SandboxResult> {
  return runScenario(parseScenario({ name: 'cafe24', start: START, duration, channels: { cafe24: 'default' }, events }), { bundleDir: paths.build });
}

function tab(r: SandboxResult, name: string): unknown[][] {
  return r.sheets.snapshot().find((s) => s.name === name)!.values as unknown[][];
}

function column(r: SandboxResult, sheet: string, header: string): unknown[] {
  const grid = tab(r, sheet);
  const c = grid[0]!.indexOf(header);
  return grid.slice(1).map((row) => row[c]);
}

function orderKeys(r: SandboxResult): string[] {
  const grid = tab(r, '주문');
  const p = grid[0]!.indexOf('파트너ID');
  const i = grid[0]!.indexOf('품목주문번호');
  return grid
    .slice(1)
    .filter((row) => row[i] !== '')
    .map((row) => `${row[p]}|${row[i]}`);
}

function requests(r: SandboxResult, pred: (e: { mall?: string; path?: string; status?: number; method?: string }) => boolean) {
  return (r.channels.get('cafe24')!.requestLog() as Array<{ mall?: string; path?: string; status?: number; method?: string }>).filter(pred);
}

describe('the Cafe24 connector in the running add-on', () => {
  const opened: SandboxResult[] = [];
  afterAll(async () => {
    for (const r of opened) await r.runtime.close();
  });
  const go = async (duration: string, events: unknown[]) => {
    const r = await run(duration, events);
    opened.push(r);
    return r;
  };

  it('connects three malls through the OAuth flow and collects their paid orders, unpaid ones left out', async () => {
    const r = await go('10m', baseEvents());
    expect(r.eventErrors).toEqual([]);
    expect(column(r, '파트너', '연결상태')).toEqual(['연결됨', '연결됨', '연결됨']);
    // Five paid items in the seed; the unpaid order 20261121-0000001 is not there.
    expect(orderKeys(r).sort()).toEqual(
      ['PNR001|20261118-0000003-01', 'PNR001|20261120-0000001-01', 'PNR001|20261120-0000001-02', 'PNR002|20261122-0000002-01', 'PNR003|20261122-0000005-01'].sort(),
    );
    // Tokens live in script properties, never in a cell.
    const everyCell = r.sheets.snapshot().flatMap((s) => s.values.flat().map(String));
    expect(everyCell.some((c) => /^[A-Za-z0-9]{20,}$/.test(c) && !/^\d+$/.test(c))).toBe(false);
    const errors = r.runtime.executions.flatMap((x) => x.errors);
    expect(errors).toEqual([]);
  });

  it('refreshes the access token across its two-hour expiry, rotating the refresh token, without a 401 reaching the sheet', async () => {
    const r = await go('2h30m', baseEvents());
    const refreshes = requests(r, (e) => e.path?.endsWith('/oauth/token') === true && e.status === 200);
    // One code exchange and at least one refresh per mall.
    for (const mall of Object.values(MALLS)) expect(refreshes.filter((e) => e.mall === mall).length).toBeGreaterThanOrEqual(2);
    expect(requests(r, (e) => e.status === 401)).toEqual([]);
    expect(column(r, '파트너', '연결상태')).toEqual(['연결됨', '연결됨', '연결됨']);
  });

  it('survives a 429 storm on one mall and a revoked token on another, losing and duplicating nothing', async () => {
    const order = (mall: string, product: number, name: string) => ({ at: '+20m', type: 'channel', channel: 'cafe24', action: 'addOrder', args: [mall, { buyer: { name }, items: [{ product_no: product }] }] });
    const r = await go('1h', [
      ...baseEvents(),
      { at: '+15m', type: 'fault', channel: 'cafe24', target: 'borasaeg', fault: { kind: 'rate_limit', forMs: 10 * 60_000 } },
      { at: '+15m', type: 'channel', channel: 'cafe24', action: 'revokeTokens', args: ['undercoco'] },
      order('najalran', 13, '김하나'),
      order('borasaeg', 102, '이둘'),
      order('undercoco', 8, '박셋'),
      ...connectEvents('+40m').filter((e) => e.args[0] === 'PNR003'),
    ]);
    expect(r.eventErrors).toEqual([]);
    const keys = orderKeys(r);
    expect(new Set(keys).size).toBe(keys.length);
    // 5 seeded + 3 new, each exactly once: borasaeg's after its storm, undercoco's after reconnecting.
    expect(keys).toHaveLength(8);
    for (const id of Object.keys(MALLS)) expect(keys.filter((k) => k.startsWith(id)).length).toBeGreaterThanOrEqual(2);
    // During the storm, borasaeg was paced, not hammered: far fewer requests than minutes × retries.
    const stormed = requests(r, (e) => e.mall === 'borasaeg' && e.status === 429);
    expect(stormed.length).toBeGreaterThan(0);
    expect(stormed.length).toBeLessThan(60);
    // The revoked mall was shown as needing a reconnect, and the log said why.
    const log = tab(r, '로그').map((row) => row.join(' '));
    expect(log.some((l) => l.includes('PNR003') && /다시 연결|재연결|인증/.test(l))).toBe(true);
    expect(column(r, '파트너', '연결상태')).toEqual(['연결됨', '연결됨', '연결됨']);
  });

  it('pages through more orders than one page holds', async () => {
    const many = Array.from({ length: 1_100 }, (_, i) => ({ buyer: { name: `구매자${i}` }, items: [{ product_no: 102 }] }));
    const r = await go('20m', [
      { at: '+1m', type: 'channel', channel: 'cafe24', action: 'setStock', args: ['borasaeg', 'P00000A2000A', 5_000] },
      ...many.map((o) => ({ at: '+2m', type: 'channel', channel: 'cafe24', action: 'addOrder', args: ['borasaeg', o] })),
      ...baseEvents(),
    ]);
    expect(r.eventErrors.slice(0, 2)).toEqual([]);
    const borasaeg = orderKeys(r).filter((k) => k.startsWith('PNR002|'));
    expect(borasaeg).toHaveLength(1_101);
    expect(new Set(borasaeg).size).toBe(1_101);
    const pages = requests(r, (e) => e.mall === 'borasaeg' && e.path?.includes('/admin/orders') === true && e.method === 'GET');
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  void T0;
});
