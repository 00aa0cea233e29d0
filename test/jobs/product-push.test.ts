/**
 * The product push planner (pure): which pairs go now at the pace, create or update, what each
 * carries — a reseller's price only when its own 판매가 cell changes, the own mall's price when
 * it changes — what is refused and why, and the state kept between runs in script properties.
 */
import type { Product } from '../../src/core/product';
import type { StockRatio } from '../../src/sheet/ratios';
import { DEFAULT_PRODUCT_PACE, mirroredMarks, mallProductName, planProductPush, productsDue, pushStateWrites, readPushState, SHARD_BYTES, shardKey, type ProductPushInput, type ProductPushPlan, type ProductPushState, type PushedPair } from '../../src/jobs/product-push';
import { OPTION_ITEM, type ProductPushStep } from '../../src/channels/port';
import { T0 } from './memory-ports';
import { partner, product } from './product-fixture';
import { PUSHED_KEY } from '../../src/jobs/kept';

const MIN = 60_000;


const ratio = (over: Partial<StockRatio> = {}): StockRatio => ({
  sku: 'TB-001',
  partnerId: 'PNR002',
  sellable: true,
  ratio: 30,
  salePrice: null,
  channelProductNo: null,
  channelVariantCode: null,
  pushedStock: null,
  ...over,
});

const OWN = partner('PNR001', 'own');
const RESELLER = partner('PNR002', 'reseller');
const OTHER = partner('PNR003', 'reseller');

function plan(over: Partial<ProductPushInput>): ProductPushPlan {
  return planProductPush({
    products: [product()],
    ratios: [],
    partners: [OWN, RESELLER, OTHER],
    pushed: new Map(),
    now: T0,
    pace: DEFAULT_PRODUCT_PACE,
    lastBatchAt: null,
    ...over,
  });
}

/** What the planner's state would be after every step of `p` succeeded (product nos. from 100). */
function settled(p: ProductPushPlan, before: ReadonlyMap<string, PushedPair> = new Map()): Map<string, PushedPair> {
  const after = new Map(before);
  p.steps.forEach((s, i) => after.set(`${s.sku}|${s.partnerId}`, { productNo: s.kind === 'update' ? s.productNo : String(100 + i), fingerprint: s.fingerprint }));
  return after;
}

function only<K extends ProductPushStep['kind']>(p: ProductPushPlan, kind: K): Extract<ProductPushStep, { kind: K }> {
  expect(p.steps).toHaveLength(1);
  const s = p.steps[0]!;
  if (s.kind !== kind) throw new Error(`expected a ${kind} step, got ${JSON.stringify(s)}`);
  return s as Extract<ProductPushStep, { kind: K }>;
}

/** A pair created with the given state, then planned again with `next` products and ratios. */
function afterCreate(first: { product?: Partial<Product>; ratio?: Partial<StockRatio> }, next: { product?: Partial<Product>; ratio?: Partial<StockRatio> }): ProductPushPlan {
  const r = ratio(first.ratio);
  const p1 = plan({ products: [product(first.product)], ratios: [r] });
  expect(p1.steps).toHaveLength(1);
  return plan({
    products: [product({ ...first.product, ...next.product })],
    ratios: [ratio({ ...first.ratio, ...next.ratio })],
    pushed: settled(p1),
    lastBatchAt: T0,
    now: T0 + 5 * MIN,
  });
}

describe('pace', () => {
  const seven = Array.from({ length: 7 }, (_, i) => product({ sku: `TB-00${i + 1}` }));
  const ratios = seven.map((p) => ratio({ sku: p.sku }));

  test('the first batch goes at once, at most 5 steps; the next may go 5 minutes later', () => {
    const p = plan({ products: seven, ratios });
    expect(p.steps.map((s) => s.sku)).toEqual(['TB-001', 'TB-002', 'TB-003', 'TB-004', 'TB-005']);
    expect(p.nextBatchAt).toBe(T0 + 5 * MIN);
    expect(p.waitingSince.size).toBe(7);
  });

  test('before 5 minutes since the last batch nothing goes; everything waits, noticed now', () => {
    const p = plan({ products: seven, ratios, lastBatchAt: T0 - 4 * MIN });
    expect(p.steps).toEqual([]);
    expect(p.nextBatchAt).toBe(T0 + MIN);
    expect([...p.waitingSince.values()]).toEqual(Array(7).fill(T0));
  });

  test('at 5 minutes the next batch goes; when nothing is left, there is no next batch', () => {
    const p = plan({ products: seven.slice(0, 3), ratios, lastBatchAt: T0 - 5 * MIN });
    expect(p.steps).toHaveLength(3);
    expect(p.nextBatchAt).toBeNull();
  });

  test('the pace is a setting', () => {
    const p = plan({ products: seven, ratios, pace: { count: 2, everyMs: 10 * MIN }, lastBatchAt: T0 - 9 * MIN });
    expect(p.steps).toEqual([]);
    const q = plan({ products: seven, ratios, pace: { count: 2, everyMs: 10 * MIN }, lastBatchAt: T0 - 10 * MIN });
    expect(q.steps).toHaveLength(2);
    expect(q.nextBatchAt).toBe(T0 + 10 * MIN);
    expect(() => plan({ products: seven, ratios, pace: { count: 0, everyMs: MIN } })).toThrow(RangeError);
  });

  test('a batch may start a few seconds before its 5 minutes: one-minute ticks do not start to the millisecond', () => {
    expect(plan({ products: seven, ratios, lastBatchAt: T0 - 5 * MIN + 700 }).steps).toHaveLength(5);
    expect(plan({ products: seven, ratios, lastBatchAt: T0 - 5 * MIN + 11_000 }).steps).toEqual([]);
  });

  test('oldest waiting first, then SKU, then partner: a pair that keeps failing goes behind the others', () => {
    const products = [product({ sku: 'A' }), product({ sku: 'B' }), product({ sku: 'C' })];
    const rs = [ratio({ sku: 'A' }), ratio({ sku: 'B', partnerId: 'PNR003' }), ratio({ sku: 'B' }), ratio({ sku: 'C' })];
    const waitingSince = new Map([
      ['A|PNR002', T0 - MIN], // failed a minute ago: back of the queue
      ['C|PNR002', T0 - 20 * MIN],
    ]);
    const p = plan({ products, ratios: rs, waitingSince, pace: { count: 3, everyMs: 5 * MIN } });
    expect(p.steps.map((s) => `${s.sku}|${s.partnerId}`)).toEqual(['C|PNR002', 'A|PNR002', 'B|PNR002']);
    expect(p.waitingSince).toEqual(new Map([['A|PNR002', T0 - MIN], ['B|PNR002', T0], ['B|PNR003', T0], ['C|PNR002', T0 - 20 * MIN]]));
  });

  test('refusals take no place in the batch', () => {
    const products = [product({ sku: 'A', retailPrice: null }), product({ sku: 'B' })];
    const p = plan({ products, ratios: [ratio({ sku: 'A' }), ratio({ sku: 'B' })], pace: { count: 1, everyMs: 5 * MIN } });
    expect(p.steps.map((s) => s.sku)).toEqual(['B']);
    expect(p.skipped.map((s) => s.sku)).toEqual(['A']);
    expect(p.nextBatchAt).toBeNull();
  });
});

describe('when a run reads the tabs for products (from script properties alone)', () => {
  const due = (over: Partial<Parameters<typeof productsDue>[0]>) =>
    productsDue({ editedAt: null, checkedAt: null, waiting: 0, lastBatchAt: null, now: T0, pace: DEFAULT_PRODUCT_PACE, ...over });

  test('nothing edited and nothing waiting: idle, whatever the pace', () => {
    expect(due({})).toBe('idle');
    expect(due({ editedAt: T0 - 9 * MIN, checkedAt: T0 - 8 * MIN })).toBe('idle');
  });

  test('an edit since the last read (a typed cell or a pasted block) is read at once when no batch went in the last 5 minutes', () => {
    expect(due({ editedAt: T0 - 30_000, checkedAt: T0 - 2 * MIN })).toBe('read');
    expect(due({ editedAt: T0 - 30_000 })).toBe('read');
    // An empty read does not start a pace period: a second edit a minute later is read too.
    expect(due({ editedAt: T0 - 30_000, checkedAt: T0 - MIN, lastBatchAt: T0 - 20 * MIN })).toBe('read');
  });

  test('an edit within 5 minutes of a batch waits for the pace, and is not forgotten', () => {
    const edit = { editedAt: T0 - 2 * MIN, checkedAt: T0 - 3 * MIN, lastBatchAt: T0 - 3 * MIN };
    expect(due(edit)).toBe('idle');
    expect(due({ ...edit, now: T0 + 2 * MIN })).toBe('read');
  });

  test('pairs left waiting bring the runs back every 5 minutes with no edit at all', () => {
    const left = { waiting: 41, editedAt: T0 - 20 * MIN, checkedAt: T0 - 5 * MIN, lastBatchAt: T0 - 5 * MIN };
    expect(due(left)).toBe('read');
    expect(due({ ...left, lastBatchAt: T0 - 4 * MIN })).toBe('idle');
  });
});

describe('create', () => {
  test('a sellable product on sale with no product no. is created: sale price, wholesale as supply price, SKU as code', () => {
    const s = only(plan({ ratios: [ratio({ salePrice: 31_000 })] }), 'create');
    expect(s).toMatchObject({ kind: 'create', sku: 'TB-001', partnerId: 'PNR002' });
    expect(s.fields).toEqual({ productName: '린넨 셔츠', price: 31_000, supplyPrice: 12_000, retailPrice: 29_000, customProductCode: 'TB-001', display: true, selling: true });
  });

  test('without a sale price the suggested retail price is the first price', () => {
    expect(only(plan({ ratios: [ratio()] }), 'create').fields.price).toBe(29_000);
  });

  test('with neither, the pair is refused with a reason staff can act on', () => {
    const p = plan({ products: [product({ retailPrice: null })], ratios: [ratio()] });
    expect(p.steps).toEqual([]);
    expect(p.skipped).toEqual([{ sku: 'TB-001', partnerId: 'PNR002', reason: expect.stringContaining('판매가가 없어') }]);
    expect(p.skipped[0]!.reason).toContain('권장소비자가');
  });

  test('the option goes into the mall name (one SKU is one mall product)', () => {
    expect(mallProductName({ name: '린넨 셔츠', option: '색상=베이지, 사이즈=M' })).toBe('린넨 셔츠 (베이지 / M)');
    expect(mallProductName({ name: '린넨 셔츠', option: '베이지' })).toBe('린넨 셔츠 (베이지)');
    expect(only(plan({ products: [product({ option: '색상=베이지' })], ratios: [ratio()] }), 'create').fields.productName).toBe('린넨 셔츠 (베이지)');
  });

  test('if the mall already carries the SKU, a reseller’s product gets the information but no price; the own mall’s gets its price', () => {
    const reseller = only(plan({ ratios: [ratio({ salePrice: 31_000 })] }), 'create');
    expect(reseller.whenFound).toEqual({ productName: '린넨 셔츠', supplyPrice: 12_000, retailPrice: 29_000, customProductCode: 'TB-001', selling: true, display: true });
    const own = only(plan({ ratios: [ratio({ partnerId: 'PNR001', salePrice: 31_000 })] }), 'create');
    expect(own.whenFound).toMatchObject({ price: 31_000 });
  });

  test('nothing for a pair not sellable, without a ratio row, or of a partner not connected', () => {
    expect(plan({ ratios: [ratio({ sellable: false })] }).steps).toEqual([]);
    expect(plan({ ratios: [] }).steps).toEqual([]);
    expect(plan({ ratios: [ratio()], partners: [OWN] }).steps).toEqual([]);
  });

  test('a product sold out or discontinued is not registered anywhere yet', () => {
    expect(plan({ products: [product({ status: 'soldOut' })], ratios: [ratio()] })).toMatchObject({ steps: [], skipped: [] });
    expect(plan({ products: [product({ status: 'discontinued' })], ratios: [ratio()] })).toMatchObject({ steps: [], skipped: [] });
  });

  test('what Cafe24 would refuse is refused before sending: a SKU over 40 characters, a name over 250', () => {
    const sku = 'X'.repeat(41);
    const long = plan({ products: [product({ sku })], ratios: [ratio({ sku })] });
    expect(long.steps).toEqual([]);
    expect(long.skipped[0]!.reason).toContain('40자');
    const named = plan({ products: [product({ name: '가'.repeat(251) })], ratios: [ratio()] });
    expect(named.skipped[0]!.reason).toContain('250자');
  });
});

describe('update', () => {
  test('unchanged: nothing goes', () => {
    expect(afterCreate({}, {}).steps).toEqual([]);
    expect(afterCreate({ ratio: { partnerId: 'PNR001', salePrice: 31_000 } }, {}).steps).toEqual([]);
  });

  test('the product no. comes from the stored state, or else from the ratio row', () => {
    const p = plan({ ratios: [ratio({ channelProductNo: '14' })] });
    // Never sent to: the job reads it first, to write only to the SKU's own product.
    expect(only(p, 'update')).toMatchObject({ productNo: '14', firstSend: true });
    expect(only(afterCreate({}, { product: { name: '새 이름' } }), 'update')).toMatchObject({ productNo: '100', firstSend: false });
  });

  test('a SKU sold as one option of a shared mall product gets no product information', () => {
    const pushed = new Map([['TB-001|PNR002', { productNo: '11', fingerprint: OPTION_ITEM }]]);
    expect(plan({ products: [product({ name: '새 이름', status: 'discontinued' })], ratios: [ratio({ channelProductNo: '11' })], pushed })).toMatchObject({ steps: [], skipped: [] });
  });

  test('a product in the mall we never sent to gets all of the manufacturer’s fields, and a reseller no price', () => {
    const reseller = only(plan({ ratios: [ratio({ channelProductNo: '14', salePrice: 31_000 })] }), 'update');
    expect(reseller.patch).toEqual({ productName: '린넨 셔츠', supplyPrice: 12_000, retailPrice: 29_000, customProductCode: 'TB-001', selling: true, display: true });
    const own = only(plan({ ratios: [ratio({ partnerId: 'PNR001', channelProductNo: '15', salePrice: 31_000 })] }), 'update');
    expect(own.patch).toMatchObject({ price: 31_000 });
  });

  test('only the fields that changed go', () => {
    expect(only(afterCreate({}, { product: { name: '린넨 셔츠 2' } }), 'update').patch).toEqual({ productName: '린넨 셔츠 2' });
    expect(only(afterCreate({}, { product: { option: '색상=먹색' } }), 'update').patch).toEqual({ productName: '린넨 셔츠 (먹색)' });
    expect(only(afterCreate({}, { product: { wholesalePrice: 13_000 } }), 'update').patch).toEqual({ supplyPrice: 13_000 });
    expect(only(afterCreate({}, { product: { retailPrice: 32_000 } }), 'update')).toMatchObject({ productNo: '100', patch: { retailPrice: 32_000 } });
  });

  test('a reseller’s own price (its 판매가 cell) goes to its mall when staff change it, with any other change', () => {
    const first = { ratio: { salePrice: 31_000 } };
    expect(only(afterCreate(first, { ratio: { salePrice: 35_000 } }), 'update').patch).toEqual({ price: 35_000 });
    const all = afterCreate(first, { product: { retailPrice: 33_000, wholesalePrice: 14_000, name: '새 이름', status: 'soldOut' }, ratio: { salePrice: 35_000 } });
    expect(only(all, 'update').patch).toEqual({ productName: '새 이름', supplyPrice: 14_000, retailPrice: 33_000, selling: false, price: 35_000 });
  });

  test('otherwise a reseller’s price is its own: never sent again when its cell is blank or blanked, nor when the retail price changes', () => {
    const byRetail = {};
    const patch = only(afterCreate(byRetail, { product: { retailPrice: 33_000 } }), 'update').patch;
    expect(patch).toEqual({ retailPrice: 33_000 });
    expect(afterCreate({ ratio: { salePrice: 31_000 } }, { ratio: { salePrice: null } }).steps).toEqual([]);
  });

  test('the own mall’s price follows the sheet: its sale price, else the retail price', () => {
    const own = { ratio: { partnerId: 'PNR001', salePrice: 31_000 } };
    expect(only(afterCreate(own, { ratio: { salePrice: 33_000 } }), 'update').patch).toEqual({ price: 33_000 });
    const byRetail = { ratio: { partnerId: 'PNR001' } };
    expect(only(afterCreate(byRetail, { product: { retailPrice: 30_000 } }), 'update').patch).toEqual({ retailPrice: 30_000, price: 30_000 });
  });

  test('a blanked retail price sends nothing (a mall’s price cannot be cleared)', () => {
    expect(afterCreate({}, { product: { retailPrice: null } }).steps).toEqual([]);
  });

  test('discontinued stops selling and hides; sold out stops selling; back on sale shows it again', () => {
    expect(only(afterCreate({}, { product: { status: 'discontinued' } }), 'update').patch).toEqual({ selling: false, display: false });
    expect(only(afterCreate({}, { product: { status: 'soldOut' } }), 'update').patch).toEqual({ selling: false });

    const p1 = plan({ ratios: [ratio()] });
    const gone = plan({ products: [product({ status: 'discontinued' })], ratios: [ratio()], pushed: settled(p1), lastBatchAt: T0, now: T0 + 5 * MIN });
    const back = plan({ products: [product()], ratios: [ratio()], pushed: settled(gone, settled(p1)), lastBatchAt: T0 + 5 * MIN, now: T0 + 10 * MIN });
    expect(only(back, 'update').patch).toEqual({ selling: true, display: true });
  });

  test('a discontinued product in a mall that has it is updated even before anything else changed', () => {
    const p = plan({ products: [product({ status: 'discontinued' })], ratios: [ratio({ channelProductNo: '14' })] });
    expect(only(p, 'update').patch).toMatchObject({ selling: false, display: false });
  });

  test('a damaged product no. in the ratio row is refused, not sent', () => {
    const p = plan({ ratios: [ratio({ channelProductNo: 'P-14' })] });
    expect(p.steps).toEqual([]);
    expect(p.skipped[0]!.reason).toContain('채널상품번호');
  });

  test('a damaged stored fingerprint sends everything again (never a reseller price)', () => {
    const p = plan({ ratios: [ratio({ salePrice: 31_000 })], pushed: new Map([['TB-001|PNR002', { productNo: '14', fingerprint: 'garbage' }]]) });
    expect(only(p, 'update').patch).toEqual({ productName: '린넨 셔츠', supplyPrice: 12_000, retailPrice: 29_000, customProductCode: 'TB-001', selling: true, display: true });
  });
});

describe('state kept in script properties', () => {
  const store = () => {
    const m = new Map<string, string>();
    return { m, get: (k: string) => m.get(k) ?? null, apply: (ws: Array<{ key: string; value: string }>) => ws.forEach((w) => m.set(w.key, w.value)) };
  };
  const stateOf = (n: number): ProductPushState => ({
    pushed: new Map(Array.from({ length: n }, (_, i) => [`SKU-${String(i).padStart(4, '0')}|PNR00${(i % 3) + 1}`, { productNo: String(1000 + i), fingerprint: `k3x9a1:12000:29000:selling:${i % 3 === 0 ? 31000 : ''}` }])),
    waitingSince: new Map([['SKU-0001|PNR002', T0]]),
  });

  test('nothing stored reads as empty, and an empty state writes nothing', () => {
    const s = store();
    const stored = readPushState(s.get);
    expect(stored.state.pushed.size).toBe(0);
    expect(pushStateWrites(stored.state, stored)).toEqual([]);
  });

  test('a round trip keeps every pair; writing again what was read writes nothing', () => {
    const s = store();
    s.apply(pushStateWrites(stateOf(10), readPushState(s.get)));
    expect([...s.m.keys()]).toEqual([PUSHED_KEY]);
    const again = readPushState(s.get);
    expect(again.state).toEqual(stateOf(10));
    expect(pushStateWrites(again.state, again)).toEqual([]);
  });

  test('a catalog larger than one property (9 KB) is spread over shards, each under the limit', () => {
    const s = store();
    const big = stateOf(900);
    s.apply(pushStateWrites(big, readPushState(s.get)));
    expect(s.m.size).toBeGreaterThan(1);
    for (const v of s.m.values()) expect(Buffer.byteLength(v, 'utf8')).toBeLessThanOrEqual(SHARD_BYTES);
    const back = readPushState(s.get);
    expect(back.state).toEqual(big);
    // One pair changes: only its shard is written.
    const next: ProductPushState = { pushed: new Map(back.state.pushed).set('SKU-0005|PNR003', { productNo: '9', fingerprint: 'x:1::selling:' }), waitingSince: back.state.waitingSince };
    const writes = pushStateWrites(next, back);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.key).toMatch(new RegExp(`^${PUSHED_KEY.replace('.', '\\.')}(\\.\\d+)?$`));
  });

  test('a damaged shard reads as empty (its pairs are sent again in full, which is safe)', () => {
    const s = store();
    s.apply(pushStateWrites(stateOf(900), readPushState(s.get)));
    s.m.set(shardKey(1), '{not json');
    const back = readPushState(s.get);
    expect(back.state.pushed.size).toBeGreaterThan(0);
    expect(back.state.pushed.size).toBeLessThan(900);
    s.m.set(PUSHED_KEY, 'null');
    expect(readPushState(s.get).state.pushed.size).toBe(0);
  });
});

describe('the products marks between runs (properties, with a copy in the cache)', () => {
  const counting = (values: Record<string, string>) => {
    const reads: string[] = [];
    const store = {
      get: (k: string) => (reads.push(k), values[k] ?? null),
      getLatest: (k: string) => values[k] ?? null,
      set: (k: string, v: string) => void (values[k] = v),
      delete: (k: string) => void delete values[k],
    };
    return { store, reads, values };
  };
  const props = () => counting({ 'products.editedAt': String(T0 - 9 * MIN), 'products.checkedAt': String(T0 - 8 * MIN), 'products.waiting': '3', 'products.lastBatchAt': String(T0 - 8 * MIN) });

  test('an idle minute answers from the copy and reads no property', () => {
    const p = props();
    const first = mirroredMarks(p.store, undefined, undefined, T0 - 5 * MIN);
    expect(first.store.get('products.waiting')).toBe('3');
    expect(p.reads.length).toBeGreaterThan(0);
    p.reads.length = 0;
    const next = mirroredMarks(p.store, first.mirror(), undefined, T0);
    expect(next.store.get('products.waiting')).toBe('3');
    expect(p.reads).toEqual([]);
  });

  test('an edit made since the copy comes with the same cache read', () => {
    const p = props();
    const copy = mirroredMarks(p.store, undefined, undefined, T0 - 5 * MIN).mirror();
    const m = mirroredMarks(p.store, copy, String(T0 - MIN), T0);
    expect(m.store.get('products.editedAt')).toBe(String(T0 - MIN));
  });

  test('a copy older than ten minutes, or damaged, is not trusted: the properties are read again', () => {
    const p = props();
    const copy = mirroredMarks(p.store, undefined, undefined, T0 - 11 * MIN).mirror();
    p.values['products.waiting'] = '0';
    expect(mirroredMarks(p.store, copy, undefined, T0).store.get('products.waiting')).toBe('0');
    expect(mirroredMarks(p.store, '{"at":"x"}', undefined, T0).store.get('products.waiting')).toBe('0');
  });

  test("a run's writes go to the properties and into the copy it leaves", () => {
    const p = props();
    const m = mirroredMarks(p.store, undefined, undefined, T0);
    m.store.set('products.waiting', '0');
    expect(p.values['products.waiting']).toBe('0');
    expect(JSON.parse(m.mirror())).toMatchObject({ 'products.waiting': '0', at: T0 });
  });
});
