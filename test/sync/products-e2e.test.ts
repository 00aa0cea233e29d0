import { paths } from '../../local/paths';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { resolveTime } from '../../local/sandbox/scenario';
import { parseScenario } from '../../local/sandbox/scenario';
import { forgetScriptCache } from '../../local/runtime/services/cache';
import { demo, demoMorning, fakeRequests, tabRows, type FakeRequest } from '../e2e';

/**
 * New products reach every mall that sells them by themselves, at the spec's pace (5 every 5
 * minutes), end to end: the built bundle in the local Apps Script runtime against the fake
 * Cafe24. Staff paste 23 new products and their ratio rows (sellable in the two reseller malls,
 * which lack them) and touch nothing after; the sync sends them batch after batch until none
 * is left, also when CacheService loses its entries on the way.
 */
const T0 = Date.parse(demo.start);
const min = (m: number) => T0 + m * 60_000;
const MALLS = { PNR002: 'borasaeg', PNR003: 'undercoco' } as const;

const NEW = Array.from({ length: 23 }, (_, i) => `NJ-NEW-${String(i + 1).padStart(2, '0')}`);
/** Products tab rows 6.. (the demo's morning fills 2–5). */
const productRows = NEW.map((sku, i) => [sku, `새 상품 ${i + 1}`, '', `88012345${String(10_000 + i)}`, 5000 + i * 100, 15_000 + i * 1000, 50 + i, 0, '판매중']);
/** Ratio rows 14.. (the morning fills 2–13): both resellers sell every new SKU; PNR002 sets its own price on the first. */
const ratioRows = NEW.flatMap((sku, i) => [
  [sku, 'PNR002', 'TRUE', 30, i === 0 ? 21_000 : ''],
  [sku, 'PNR003', 'TRUE', 30, ''],
]);
/**
 * The ratio rows first, then the products: pasted the other way round, a tick in between would
 * already have appended a blank ratio row for every new pair (the sync lists what is missing),
 * and the paste would land on some of them.
 */
const paste = (at: string) => [
  { at, type: 'edit', sheet: '연동재고율', range: 'A14', values: ratioRows },
  { at: `${at}30s`, type: 'edit', sheet: '상품', range: 'A6', values: productRows },
];

/** The demo's morning, then `events`; at each of `cacheLostAt` (minutes) the script cache loses every entry. */
async function run(duration: string, events: unknown[], cacheLostAt: number[] = []): Promise<SandboxResult> {
  const scenario = parseScenario({ ...demo, name: 'products', duration, events: [...demoMorning(), ...events] });
  const r = await openSandbox(scenario, { bundleDir: paths.build });
  for (const e of scenario.events) r.runtime.at(resolveTime(e.at, T0), () => play(e, r));
  for (const m of cacheLostAt) r.runtime.at(min(m), () => forgetScriptCache(r.runtime.world));
  await r.runtime.advanceTo(r.end);
  await r.runtime.settle();
  return r;
}

interface FakeVariant {
  variant_code: string;
  use_inventory: string;
  display_soldout: string;
  quantity: number;
}
interface FakeProduct {
  product_no: number;
  custom_product_code: string;
  product_name: string;
  price: string;
  variants: FakeVariant[];
}
interface FakeMall {
  products: FakeProduct[];
}

function mall(r: SandboxResult, mallId: string): FakeMall {
  const state = r.channels.get('cafe24')!.state() as { malls: Record<string, FakeMall> };
  return state.malls[mallId]!;
}

const creates = (r: SandboxResult): FakeRequest[] => fakeRequests(r).filter((e) => e.method === 'POST' && /\/products$/.test(e.path) && e.status === 201);

describe('pasted products reach every mall by themselves, 5 every 5 minutes', () => {
  const opened: SandboxResult[] = [];
  afterAll(async () => {
    for (const r of opened) await r.runtime.close();
  });
  const clean = (r: SandboxResult) => {
    opened.push(r);
    expect(r.eventErrors).toEqual([]);
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    return r;
  };

  it('sends all 46 pairs of 23 pasted products, batch after batch, with no edit after the paste', async () => {
    const r = clean(await run('95m', paste('+20m')));
    // Each paste is one edit (Apps Script fires onEdit once, its range the whole block), and that
    // one onEdit marks the products in script properties.
    const edits = r.runtime.executions.filter((x) => x.function === 'onEdit' && x.start >= min(20) && x.start < min(21));
    expect(edits).toHaveLength(2);
    for (const x of edits) expect(x.roundTrips['PropertiesService.Properties.setProperty']).toBe(1);
    const made = creates(r).filter((e) => e.at >= min(20));
    expect(made).toHaveLength(46);
    // The pace: batches of at most 5, at least 5 minutes apart, the first within a minute or two of the paste.
    const batches: number[][] = [];
    for (const e of made) {
      const last = batches[batches.length - 1];
      if (last && e.at - last[0]! < 60_000) last.push(e.at);
      else batches.push([e.at]);
    }
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 1]);
    // (A batch may start up to 10 s early: one-minute ticks do not start to the millisecond.)
    for (let i = 1; i < batches.length; i++) expect(batches[i]![0]! - batches[i - 1]![0]!).toBeGreaterThanOrEqual(5 * 60_000 - 10_000);
    expect(batches[0]![0]!).toBeLessThan(min(23));
    // Not slower than the pace either: each batch goes with the first run after its 5 minutes, and
    // clock triggers fire anywhere inside their minute, so two runs are at most 2 minutes apart.
    for (let i = 1; i < batches.length; i++) expect(batches[i]![0]! - batches[i - 1]![0]!).toBeLessThan(5 * 60_000 + 2 * 60_000);

    // Every ratio row ends with its mall's product no., and the mall has that product under the SKU.
    // (The sync appended the own mall's rows, not sellable, which get nothing.)
    const ratios = tabRows(r, '연동재고율').filter((x) => NEW.includes(String(x.SKU)) && x['판매여부'] === true);
    expect(ratios).toHaveLength(46);
    for (const row of ratios) {
      const m = mall(r, MALLS[row['파트너ID'] as keyof typeof MALLS]);
      const p = m.products.find((x) => String(x.product_no) === String(row['채널상품번호']));
      expect(p?.custom_product_code).toBe(row.SKU);
      // Created with stock management on: the mall sells what it was given and no more.
      expect(p!.variants).toEqual([expect.objectContaining({ variant_code: row['채널품목코드'], use_inventory: 'T', display_soldout: 'T', quantity: row['전송재고'] })]);
      expect(row['전송재고']).toBeGreaterThan(0);
    }
    // The reseller's own price went with the create.
    expect(mall(r, 'borasaeg').products.find((p) => p.custom_product_code === 'NJ-NEW-01')!.price).toBe('21000.00');
    // Every product row says so for both malls.
    for (const row of tabRows(r, '상품').filter((x) => NEW.includes(String(x.SKU)))) expect(row['전송상태']).toBe('PNR002 등록, PNR003 등록');
    // Each SKU once per mall, never twice; none in the own mall, which does not sell them.
    for (const id of Object.values(MALLS)) expect(mall(r, id).products.filter((p) => NEW.includes(p.custom_product_code)).map((p) => p.custom_product_code).sort()).toEqual(NEW);
    expect(mall(r, 'najalran').products.filter((p) => NEW.includes(p.custom_product_code))).toEqual([]);
  });

  it('sends a rename to every mall and a reseller’s own price to its mall, also when typed a minute after a batch', async () => {
    // The morning sends the demo's products by 09:16. At 09:30 staff set the mug's price in
    // 보라색 (PNR002, its ratio row) and paste a new name over the mug's name and option cells;
    // the next tick sends both. A minute later, while the pace holds back the next batch, they
    // rename the blanket by one cell: it goes with the next batch, five minutes after the first.
    const r = clean(
      await run('50m', [
        { at: '+30m', type: 'edit', sheet: '연동재고율', range: 'E3', values: [[24_000]] },
        { at: '+30m05s', type: 'edit', sheet: '상품', range: 'B2', values: [['수제 도자기 머그컵 (신상)', '']] },
        { at: '+31m30s', type: 'edit', sheet: '상품', range: 'B3', values: [['코튼 블랭킷 라지']] },
      ]),
    );
    const named = (mallId: string, sku: string) => mall(r, mallId).products.find((p) => p.custom_product_code === sku)!;
    for (const id of ['najalran', 'borasaeg', 'undercoco']) {
      expect(named(id, 'NJ-MUG').product_name).toBe('수제 도자기 머그컵 (신상)');
      expect(named(id, 'NJ-BLANKET').product_name).toBe('코튼 블랭킷 라지');
    }
    expect(named('borasaeg', 'NJ-MUG').price).toBe('24000.00');
    // The other reseller's price is its own (its cell is blank).
    expect(named('undercoco', 'NJ-MUG').price).not.toBe('24000.00');
    const puts = fakeRequests(r).filter((e) => e.method === 'PUT' && /\/products\/\d+$/.test(e.path) && e.at >= min(30));
    const firstAt = puts[0]!.at;
    expect(firstAt).toBeLessThan(min(31.5));
    expect(puts.filter((e) => e.at < firstAt + 60_000)).toHaveLength(3);
    expect(puts.filter((e) => e.at >= firstAt + 60_000).map((e) => e.at - firstAt)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect(puts.every((e) => e.at - firstAt < 6 * 60_000)).toBe(true);
  });

  it('still sends every pasted product when CacheService loses its entries on the way', async () => {
    // Lost right after the paste (before the next tick reads the edit's mark), and twice while batches wait.
    const r = clean(await run('95m', paste('+20m'), [20.6, 31, 47]));
    expect(creates(r).filter((e) => e.at >= min(20))).toHaveLength(46);
    const ratios = tabRows(r, '연동재고율').filter((x) => NEW.includes(String(x.SKU)) && x['판매여부'] === true);
    expect(ratios).toHaveLength(46);
    expect(ratios.filter((x) => !/^\d+$/.test(String(x['채널상품번호'])))).toEqual([]);
  });
});
