/**
 * pushProducts against a scripted Cafe24 (in-memory ports): every create is preceded by
 * look-ups of the SKU in the mall, a POST is never resent, a product found is linked and updated
 * instead, a SKU that is one option of a shared product is never written, updates carry only
 * their patch, and what a run leaves for the next (nextPushState).
 */
import type { Product } from '../../src/core/product';
import type { StockRatio } from '../../src/sheet/ratios';
import { pushProducts } from '../../src/channels/cafe24/push-products';
import { OPTION_ITEM, type ProductPushResult } from '../../src/channels/port';
import { DEFAULT_PRODUCT_PACE, nextPushState, planProductPush, type ProductPushInput, type ProductPushState } from '../../src/jobs/product-push';
import { borasaeg, json, najalran, T0, tokenOf, world, type SentRequest } from './memory-ports';
import { partner, product } from './product-fixture';

const N = 'najalran';
const B = 'borasaeg';
const MIN = 60_000;


const ratio = (partnerId: string, over: Partial<StockRatio> = {}): StockRatio => ({
  sku: 'TB-001',
  partnerId,
  sellable: true,
  ratio: 30,
  salePrice: 31_000,
  channelProductNo: null,
  channelVariantCode: null,
  pushedStock: null,
  ...over,
});

const PARTNERS = [partner('PNR001', 'own'), partner('PNR002', 'reseller')];
const CONNS = new Map([
  ['PNR001', najalran],
  ['PNR002', borasaeg],
]);

function steps(over: Partial<ProductPushInput> = {}) {
  return planProductPush({
    products: [product()],
    ratios: [ratio('PNR001'), ratio('PNR002', { salePrice: 33_000 })],
    partners: PARTNERS,
    pushed: new Map(),
    now: T0,
    pace: DEFAULT_PRODUCT_PACE,
    lastBatchAt: null,
    ...over,
  });
}

/** Both malls connected. */
function malls() {
  const w = world();
  w.connect(najalran, tokenOf(N, 'acc-n'));
  w.connect(borasaeg, tokenOf(B, 'acc-b'));
  return w;
}

const mallProduct = (no: number, sku: string, extra: Record<string, unknown> = {}) => ({
  product_no: no,
  product_code: `P00000${String(no).padStart(2, '0')}`,
  product_name: '린넨 셔츠',
  custom_product_code: sku,
  price: '31000.00',
  ...extra,
});
const page = (...products: unknown[]) => json(200, { products });
const saved = (status: number, p: unknown) => json(status, { product: p });
const fail = (status: number, message: string) => json(status, { error: { code: status, message } });
const variantSaved = (code: string) => json(200, { variant: { variant_code: code, use_inventory: 'T', display_soldout: 'T', quantity: 0 } });

const body = (r: SentRequest) => (JSON.parse(r.payload ?? 'null') as { request: Record<string, unknown> }).request;
const calls = (rs: readonly SentRequest[]) => rs.map((r) => `${r.method.toUpperCase()} ${r.mall}${r.path}`);

function one(results: ProductPushResult[], partnerId: string): ProductPushResult {
  const r = results.find((x) => x.partnerId === partnerId);
  if (!r) throw new Error(`no result for ${partnerId}`);
  return r;
}

describe('create', () => {
  test('each mall is searched for the SKU first (own code, option code); absent, the product is created with stock management on — three rounds for all malls', () => {
    const w = malls();
    w.http.answer(N, page(), page(), saved(201, mallProduct(501, 'TB-001', { variants: [{ variant_code: 'P0000501000A' }] })), variantSaved('P0000501000A'));
    w.http.answer(B, page(mallProduct(9, 'TB-0012')), page(), saved(201, mallProduct(77, 'TB-001', { variants: [{ variant_code: 'P0000077000A' }] })), variantSaved('P0000077000A'));
    const plan = steps();

    const results = pushProducts(plan.steps, CONNS, w.gateway());

    expect(w.http.rounds.map(calls)).toEqual([
      [`GET ${N}/admin/products`, `GET ${N}/admin/products`, `GET ${B}/admin/products`, `GET ${B}/admin/products`],
      [`POST ${N}/admin/products`, `POST ${B}/admin/products`],
      [`PUT ${N}/admin/products/501/variants/P0000501000A`, `PUT ${B}/admin/products/77/variants/P0000077000A`],
    ]);
    // The mall then sells only the stock it is given, and shows sold out at zero.
    expect(body(w.http.rounds[2]![0]!)).toEqual({ use_inventory: 'T', display_soldout: 'T' });
    expect(w.http.rounds[0]![0]!.url).toContain('custom_product_code=TB-001');
    expect(w.http.rounds[0]![1]!.url).toContain('custom_variant_code=TB-001');
    expect(w.http.rounds[0]![1]!.url).toContain('embed=variants');
    expect(body(w.http.rounds[1]![0]!)).toEqual({ product_name: '린넨 셔츠', price: '31000.00', supply_price: '12000.00', retail_price: '29000.00', custom_product_code: 'TB-001', display: 'T', selling: 'T' });
    // A reseller's first price is its sale price; it is never sent again.
    expect(body(w.http.rounds[1]![1]!)).toMatchObject({ price: '33000.00' });
    expect(one(results, 'PNR001')).toEqual({ sku: 'TB-001', partnerId: 'PNR001', ok: true, action: 'created', productNo: '501', variantCode: 'P0000501000A', fingerprint: plan.steps[0]!.fingerprint, stockOff: null, status: '' });
    expect(one(results, 'PNR002')).toMatchObject({ ok: true, action: 'created', productNo: '77', variantCode: 'P0000077000A', stockOff: null });
  });

  test('stock management that cannot be turned on after the create is owed: kept with the pair, turned on by the next batch before anything else', () => {
    const w = malls();
    w.http.answer(B, page(), page(), saved(201, mallProduct(77, 'TB-001', { variants: [{ variant_code: 'P0000077000A' }] })), fail(500, 'Internal error'), fail(500, 'Internal error'), fail(500, 'Internal error'), fail(500, 'Internal error'));
    const plan = steps({ ratios: [ratio('PNR002')] });
    const results = pushProducts(plan.steps, CONNS, w.gateway());
    expect(results[0]).toMatchObject({ ok: true, action: 'created', productNo: '77', stockOff: 'P0000077000A' });
    expect(results[0]!.status).toContain('재고 관리');
    // Never created twice: the product is linked; only its stock management waits.
    const state = nextPushState({ pushed: new Map(), waitingSince: new Map() }, plan.waitingSince, results, new Set(['TB-001']), T0);
    expect(state.pushed.get('TB-001|PNR002')).toEqual({ productNo: '77', fingerprint: plan.steps[0]!.fingerprint, stockOff: 'P0000077000A' });
    expect(state.waitingSince.has('TB-001|PNR002')).toBe(true);

    const next = steps({ ratios: [ratio('PNR002')], pushed: state.pushed, waitingSince: state.waitingSince, lastBatchAt: T0, now: T0 + 5 * MIN });
    expect(next.steps).toEqual([expect.objectContaining({ kind: 'stockManagement', productNo: '77', variantCode: 'P0000077000A' })]);
    const w2 = malls();
    w2.http.answer(B, variantSaved('P0000077000A'));
    const done = pushProducts(next.steps, CONNS, w2.gateway());
    expect(calls(w2.http.sent)).toEqual([`PUT ${B}/admin/products/77/variants/P0000077000A`]);
    expect(body(w2.http.sent[0]!)).toEqual({ use_inventory: 'T', display_soldout: 'T' });
    const after = nextPushState(state, next.waitingSince, done, new Set(['TB-001']), T0 + 5 * MIN);
    expect(after.pushed.get('TB-001|PNR002')).toEqual({ productNo: '77', fingerprint: plan.steps[0]!.fingerprint });
    expect(after.waitingSince.size).toBe(0);
  });

  test('found by its exact own code (the filter matches "contains"): linked and updated instead, a reseller without price', () => {
    const w = malls();
    w.http.answer(B, page(mallProduct(9, 'TB-0012'), mallProduct(14, 'TB-001')), page(), saved(200, mallProduct(14, 'TB-001')));
    const plan = steps({ ratios: [ratio('PNR002')] });

    const results = pushProducts(plan.steps, CONNS, w.gateway());

    expect(calls(w.http.sent)).toEqual([`GET ${B}/admin/products`, `GET ${B}/admin/products`, `PUT ${B}/admin/products/14`]);
    expect(body(w.http.sent[2]!)).toEqual({ product_name: '린넨 셔츠', supply_price: '12000.00', retail_price: '29000.00', custom_product_code: 'TB-001', display: 'T', selling: 'T' });
    expect(results).toEqual([{ sku: 'TB-001', partnerId: 'PNR002', ok: true, action: 'updated', productNo: '14', fingerprint: plan.steps[0]!.fingerprint, status: '' }]);
  });

  test('found as one option of a product shared with other SKUs: linked with its variant, nothing written', () => {
    const w = malls();
    const apron = mallProduct(11, 'TB', { variants: [{ variant_code: 'P000000L000A', custom_variant_code: 'TB-001' }, { variant_code: 'P000000L000B', custom_variant_code: 'TB-002' }] });
    w.http.answer(B, page(), page(apron));
    const results = pushProducts(steps({ ratios: [ratio('PNR002')] }).steps, CONNS, w.gateway());
    expect(calls(w.http.sent)).toEqual([`GET ${B}/admin/products`, `GET ${B}/admin/products`]);
    expect(results[0]).toMatchObject({ ok: true, action: 'optionItem', productNo: '11', variantCode: 'P000000L000A', fingerprint: OPTION_ITEM });
    expect(results[0]!.status).toContain('옵션 품목');
  });

  test('two products with the code: nothing is sent, staff are told which', () => {
    const w = malls();
    w.http.answer(B, page(mallProduct(14, 'TB-001'), mallProduct(15, 'TB-001')), page());
    const results = pushProducts(steps({ ratios: [ratio('PNR002')] }).steps, CONNS, w.gateway());
    expect(w.http.sent.map((r) => r.method)).toEqual(['get', 'get']);
    expect(results[0]).toMatchObject({ ok: false, action: 'failed', productNo: null });
    expect(results[0]!.status).toContain('14, 15');
  });

  test('a POST that met a server error is not resent; the pair says to check the mall, and the next attempt looks first', () => {
    const w = malls();
    w.http.answer(B, page(), page(), fail(500, 'Internal Server Error'));
    const first = steps({ ratios: [ratio('PNR002')] });

    const results = pushProducts(first.steps, CONNS, w.gateway());

    expect(calls(w.http.sent)).toEqual([`GET ${B}/admin/products`, `GET ${B}/admin/products`, `POST ${B}/admin/products`]);
    expect(w.clock.sleeps).toEqual([]);
    expect(results[0]).toMatchObject({ ok: false, action: 'failed', productNo: null, fingerprint: null });
    expect(results[0]!.status).toContain('결과를 알 수 없습니다');
    expect(results[0]!.status).toContain('확인하세요');

    // It was created after all: the next batch finds it by its code and links it, no second POST.
    const state = nextPushState({ pushed: new Map(), waitingSince: new Map() }, first.waitingSince, results, new Set(['TB-001']), T0);
    expect(state.waitingSince.get('TB-001|PNR002')).toBe(T0);
    const again = steps({ ratios: [ratio('PNR002')], pushed: state.pushed, waitingSince: state.waitingSince, lastBatchAt: T0, now: T0 + 5 * MIN });
    expect(again.steps.map((s) => s.kind)).toEqual(['create']);
    w.http.answer(B, page(mallProduct(21, 'TB-001')), page(), saved(200, mallProduct(21, 'TB-001')));
    const later = pushProducts(again.steps, CONNS, w.gateway());
    expect(calls(w.http.sent.slice(3))).toEqual([`GET ${B}/admin/products`, `GET ${B}/admin/products`, `PUT ${B}/admin/products/21`]);
    expect(later[0]).toMatchObject({ ok: true, action: 'updated', productNo: '21' });
  });

  test('a refused POST (422) says what Cafe24 said', () => {
    const w = malls();
    w.http.answer(B, page(), page(), fail(422, 'product_name is required.'));
    const results = pushProducts(steps({ ratios: [ratio('PNR002')] }).steps, CONNS, w.gateway());
    expect(results[0]).toMatchObject({ ok: false, action: 'failed', status: '상품 등록 실패: product_name is required.' });
  });

  test('a look-up that fails creates nothing', () => {
    const w = malls();
    w.http.answer(B, fail(403, 'forbidden'), page());
    const results = pushProducts(steps({ ratios: [ratio('PNR002')] }).steps, CONNS, w.gateway());
    expect(w.http.sent.map((r) => r.method)).toEqual(['get', 'get']);
    expect(results[0]!.status).toContain('등록하지 않았습니다');
  });
});

describe('update', () => {
  /** Created as product 14 with the first plan's fingerprint, then planned again with changes. */
  function known(next: Partial<Product>, r: Partial<StockRatio> = {}) {
    const first = steps({ ratios: [ratio('PNR002', r)] });
    const pushed = new Map([['TB-001|PNR002', { productNo: '14', fingerprint: first.steps[0]!.fingerprint }]]);
    return steps({ products: [product(next)], ratios: [ratio('PNR002', r)], pushed, lastBatchAt: T0, now: T0 + 5 * MIN });
  }
  /** Linked by the ratio row only: never sent to. */
  const linked = () => steps({ ratios: [ratio('PNR002', { channelProductNo: '14' })] });

  test('a planned update is one PUT with only its patch; a server error is retried (a PUT is safe to repeat)', () => {
    const w = malls();
    w.http.answer(B, fail(503, 'busy'), saved(200, mallProduct(14, 'TB-001')));
    const plan = known({ status: 'discontinued' }, { salePrice: 40_000 });
    const results = pushProducts(plan.steps, CONNS, w.gateway());
    expect(calls(w.http.sent)).toEqual([`PUT ${B}/admin/products/14`, `PUT ${B}/admin/products/14`]);
    expect(w.clock.sleeps).toEqual([1000]);
    expect(body(w.http.sent[1]!)).toEqual({ display: 'F', selling: 'F' });
    expect(results[0]).toMatchObject({ ok: true, action: 'updated', productNo: '14', fingerprint: plan.steps[0]!.fingerprint });
  });

  test('409 "nothing to change" means the mall already holds it', () => {
    const w = malls();
    w.http.answer(B, fail(409, 'There is no change in the content to update.'));
    expect(pushProducts(known({ name: '새 이름' }).steps, CONNS, w.gateway())[0]).toMatchObject({ ok: true, action: 'updated' });
  });

  test('404: the mall no longer has the product; the link is forgotten and the next attempt looks up and creates', () => {
    const w = malls();
    w.http.answer(B, fail(404, 'No product found. (14)'));
    const plan = known({ name: '새 이름' });
    const results = pushProducts(plan.steps, CONNS, w.gateway());
    expect(results[0]).toMatchObject({ ok: false, action: 'unlinked', productNo: null });
    const before: ProductPushState = { pushed: new Map([['TB-001|PNR002', { productNo: '14', fingerprint: 'x' }]]), waitingSince: new Map() };
    const state = nextPushState(before, plan.waitingSince, results, new Set(['TB-001']), T0);
    expect(state.pushed.has('TB-001|PNR002')).toBe(false);
  });

  test('another failure keeps the link and says what Cafe24 said', () => {
    const w = malls();
    w.http.answer(B, fail(422, 'price is invalid.'));
    expect(pushProducts(known({ name: '새 이름' }).steps, CONNS, w.gateway())[0]).toMatchObject({ ok: false, action: 'failed', productNo: '14', status: '상품 정보 갱신 실패: price is invalid.' });
  });

  test('a product never sent to is read first; whose own code is the SKU, it gets everything but a reseller price', () => {
    const w = malls();
    w.http.answer(B, saved(200, mallProduct(14, 'TB-001')), saved(200, mallProduct(14, 'TB-001')));
    const plan = linked();
    expect(plan.steps[0]).toMatchObject({ kind: 'update', firstSend: true });
    const results = pushProducts(plan.steps, CONNS, w.gateway());
    expect(calls(w.http.sent)).toEqual([`GET ${B}/admin/products/14`, `PUT ${B}/admin/products/14`]);
    expect(w.http.sent[0]!.url).toContain('embed=variants');
    expect('price' in body(w.http.sent[1]!)).toBe(false);
    expect(results[0]).toMatchObject({ ok: true, action: 'updated', productNo: '14' });
  });

  test('read first: one option of a shared product is linked and left alone (its name and code are not the SKU’s)', () => {
    const w = malls();
    const apron = mallProduct(14, 'TB', { variants: [{ variant_code: 'P000000L000A', custom_variant_code: 'TB-001' }, { variant_code: 'P000000L000B', custom_variant_code: 'TB-002' }] });
    w.http.answer(B, saved(200, apron));
    const results = pushProducts(linked().steps, CONNS, w.gateway());
    expect(calls(w.http.sent)).toEqual([`GET ${B}/admin/products/14`]);
    expect(results[0]).toMatchObject({ ok: true, action: 'optionItem', productNo: '14', variantCode: 'P000000L000A' });
    // From then on nothing is planned for the pair.
    const state = nextPushState({ pushed: new Map(), waitingSince: new Map() }, new Map(), results, new Set(['TB-001']), T0);
    expect(steps({ products: [product({ name: '새 이름' })], ratios: [ratio('PNR002', { channelProductNo: '14' })], pushed: state.pushed }).steps).toEqual([]);
  });

  test('read first: a product that carries neither code is not written; staff are told to check the codes', () => {
    const w = malls();
    w.http.answer(B, saved(200, mallProduct(14, 'OTHER')));
    const results = pushProducts(linked().steps, CONNS, w.gateway());
    expect(w.http.sent).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, action: 'failed', productNo: '14' });
    expect(results[0]!.status).toContain('OTHER');
  });

  test('read first: 404 forgets the link', () => {
    const w = malls();
    w.http.answer(B, fail(404, 'No product found. (14)'));
    expect(pushProducts(linked().steps, CONNS, w.gateway())[0]).toMatchObject({ ok: false, action: 'unlinked' });
  });
});

describe('not sent', () => {
  test('past the run’s time budget nothing is sent: deferred, the pairs keep their place in the queue', () => {
    const w = malls();
    const plan = steps({ waitingSince: new Map([['TB-001|PNR001', T0 - 30 * MIN]]) });
    const results = pushProducts(plan.steps, CONNS, w.gateway({ deadline: T0 }));
    expect(w.http.sent).toEqual([]);
    expect(results.map((r) => r.action)).toEqual(['deferred', 'deferred']);
    const state = nextPushState({ pushed: new Map(), waitingSince: new Map() }, plan.waitingSince, results, new Set(['TB-001']), T0);
    expect(state.waitingSince.get('TB-001|PNR001')).toBe(T0 - 30 * MIN);
  });

  test('a partner without a connection is deferred; the others go on', () => {
    const w = malls();
    w.http.answer(N, page(), page(), saved(201, mallProduct(501, 'TB-001')));
    const results = pushProducts(steps().steps, new Map([['PNR001', najalran]]), w.gateway());
    expect(calls(w.http.sent)).toEqual([`GET ${N}/admin/products`, `GET ${N}/admin/products`, `POST ${N}/admin/products`]);
    expect(one(results, 'PNR001')).toMatchObject({ action: 'created', productNo: '501', variantCode: null });
    expect(one(results, 'PNR002')).toMatchObject({ action: 'deferred', status: '카페24 연결 후 전송됩니다' });
  });
});

describe('nextPushState', () => {
  test('success stores what the mall holds and ends the wait; SKUs gone from the tab are forgotten', () => {
    const before: ProductPushState = {
      pushed: new Map([['OLD-1|PNR002', { productNo: '3', fingerprint: 'x' }]]),
      waitingSince: new Map(),
    };
    const ok: ProductPushResult = { sku: 'TB-001', partnerId: 'PNR002', ok: true, action: 'created', productNo: '77', variantCode: null, fingerprint: 'fp', stockOff: null, status: '' };
    const state = nextPushState(before, new Map([['TB-001|PNR002', T0 - MIN]]), [ok], new Set(['TB-001']), T0);
    expect(state).toEqual({ pushed: new Map([['TB-001|PNR002', { productNo: '77', fingerprint: 'fp' }]]), waitingSince: new Map() });
  });

  test('a product found but not updated is linked with unknown content (all its fields go next time)', () => {
    const r: ProductPushResult = { sku: 'TB-001', partnerId: 'PNR002', ok: false, action: 'failed', productNo: '14', fingerprint: '', status: '…' };
    const state = nextPushState({ pushed: new Map(), waitingSince: new Map() }, new Map([['TB-001|PNR002', T0 - MIN]]), [r], new Set(['TB-001']), T0);
    expect(state.pushed.get('TB-001|PNR002')).toEqual({ productNo: '14', fingerprint: '' });
    expect(state.waitingSince.get('TB-001|PNR002')).toBe(T0);
    const next = steps({ ratios: [ratio('PNR002')], pushed: state.pushed, lastBatchAt: T0, now: T0 + 5 * MIN });
    expect(next.steps[0]).toMatchObject({ kind: 'update', productNo: '14', patch: { productName: '린넨 셔츠', supplyPrice: 12_000 } });
  });
});
