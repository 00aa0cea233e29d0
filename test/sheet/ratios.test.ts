/**
 * The stock ratios tab: one row per (SKU, partner). Good rows say whether the partner sells the
 * SKU and at what ratio; a bad row comes back with its problems in Korean and is not used.
 * Rows missing for a (SKU, partner) pair are found so the sync can add them for staff to fill.
 */
import { allocateStock, reservedUnits, stockChanges } from '../../src/core/stock';
import { readProducts, productSkus } from '../../src/sheet/products';
import { lastPushedStock, missingRatioRows, readRatios, type KnownForRatios, type RatioRead, type StockRatio } from '../../src/sheet/ratios';
import { PRODUCTS, STOCK_RATIOS } from '../../src/sheet/tabs';

const HEADER = STOCK_RATIOS.columns.map((c) => c.label.ko);
const GOOD = { sku: 'TB-001', partnerId: 'PNR002', sellable: true, ratio: 30, salePrice: 31000, pushedStock: 35, channelProductNo: '14', channelVariantCode: 'P000000N000A' };
const KNOWN: KnownForRatios = {
  skus: new Set(['TB-001', 'TB-002']),
  partners: new Map([
    ['PNR001', { defaultRatio: 100 }],
    ['PNR002', { defaultRatio: 40 }],
  ]),
};

function grid(...rows: Array<Record<string, unknown>>): unknown[][] {
  return [HEADER, ...rows.map((r) => STOCK_RATIOS.columns.map((c) => r[c.key] ?? ''))];
}
const one = (cells: Record<string, unknown>): RatioRead => readRatios(grid({ ...GOOD, ...cells }), KNOWN)[0]!;
const problemsOf = (r: RatioRead) => (r.ok ? [] : r.problems);
const ratioOf = (r: RatioRead): StockRatio => {
  if (!r.ok) throw new Error(`expected a stock ratio, got: ${r.problems.join('; ')}`);
  return r.stockRatio;
};

describe('a good row', () => {
  test('becomes a stock ratio', () => {
    expect(ratioOf(one({}))).toEqual<StockRatio>({
      sku: 'TB-001',
      partnerId: 'PNR002',
      sellable: true,
      ratio: 30,
      salePrice: 31000,
      channelProductNo: '14',
      channelVariantCode: 'P000000N000A',
      pushedStock: 35,
    });
  });

  test("a blank ratio takes the partner's default ratio", () => {
    expect(ratioOf(one({ ratio: '' })).ratio).toBe(40);
    expect(ratioOf(one({ ratio: '', partnerId: 'PNR001' })).ratio).toBe(100);
  });

  test.each<[unknown, number]>([
    [0, 0],
    [100, 100],
    [33.5, 33.5],
    ['30', 30],
    ['30%', 30],
    [' 30 % ', 30],
  ])('ratio %p reads as %p percent', (cell, ratio) => {
    expect(ratioOf(one({ ratio: cell })).ratio).toBe(ratio);
  });

  test.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ['TRUE', true],
    ['FALSE', false],
    ['true', true],
    ['예', true],
    ['아니오', false],
    ['아니요', false],
  ])('sellable %p reads as %p', (cell, sellable) => {
    expect(ratioOf(one({ sellable: cell })).sellable).toBe(sellable);
  });

  test('a blank sellable cell means not sellable: a new row offers nothing until staff tick it', () => {
    expect(ratioOf(one({ sellable: '' })).sellable).toBe(false);
  });

  test('blank optional cells are null: no sale price, no channel ids, never sent', () => {
    const r = ratioOf(one({ salePrice: '', channelProductNo: '', channelVariantCode: '', pushedStock: '' }));
    expect(r).toMatchObject({ salePrice: null, channelProductNo: null, channelVariantCode: null, pushedStock: null });
  });

  test('a sale price may be text with thousands commas; channel ids stay text', () => {
    const r = ratioOf(one({ salePrice: '31,000', channelProductNo: 14 }));
    expect([r.salePrice, r.channelProductNo]).toEqual([31000, '14']);
  });

  test('a damaged sent-stock cell (the add-on\'s own) is forgotten, not an error: the stock is sent again', () => {
    const r = one({ pushedStock: 'x' });
    expect(ratioOf(r).pushedStock).toBeNull();
  });

  test('the same SKU for different partners, or a partner for different SKUs, is no duplicate', () => {
    const reads = readRatios(grid(GOOD, { ...GOOD, partnerId: 'PNR001' }, { ...GOOD, sku: 'TB-002' }), KNOWN);
    expect(reads.map((r) => r.ok)).toEqual([true, true, true]);
  });
});

describe('a bad row is not used, and says why', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a ratio that is not a number', { ratio: 'abc' }, '연동재고율(%): 숫자가 아닙니다 ("abc")'],
    ['a ratio over 100', { ratio: 150 }, '연동재고율(%): 0~100 범위를 벗어났습니다 (150)'],
    ['a ratio over 100 typed with %', { ratio: '150%' }, '연동재고율(%): 0~100 범위를 벗어났습니다 (150)'],
    ['a negative ratio', { ratio: -5 }, '연동재고율(%): 0~100 범위를 벗어났습니다 (-5)'],
    ['an unknown SKU', { sku: 'NOPE' }, '상품 탭에서 찾을 수 없는 SKU입니다: NOPE'],
    ['an unknown partner', { partnerId: 'PNR009' }, '파트너 탭에서 찾을 수 없는 파트너ID입니다: PNR009'],
    ['an empty SKU', { sku: '' }, 'SKU가 비어 있습니다'],
    ['an empty partner', { partnerId: '' }, '파트너ID가 비어 있습니다'],
    ['a sellable cell that is neither yes nor no', { sellable: '글쎄요' }, '판매여부 값이 올바르지 않습니다: "글쎄요" (TRUE/FALSE 또는 예/아니오)'],
    ['a sale price that is not a number', { salePrice: 'abc' }, '판매가: 숫자가 아닙니다 ("abc")'],
    ['a negative sale price', { salePrice: -1000 }, '판매가: 0 이상이어야 합니다 (-1000)'],
    ['a fractional sale price', { salePrice: 31000.5 }, '판매가: 정수여야 합니다 (31000.5)'],
  ])('%s', (_, cells, problem) => {
    const r = one(cells);
    expect(r.ok).toBe(false);
    expect(problemsOf(r)).toEqual([problem]);
  });

  test('every row of a duplicated (SKU, partner) pair is flagged, and the other rows go on', () => {
    const reads = readRatios(grid(GOOD, { ...GOOD, partnerId: 'PNR001' }, { ...GOOD, ratio: 50 }), KNOWN);
    expect(reads.map((r) => r.ok)).toEqual([false, true, false]);
    expect(problemsOf(reads[0]!)).toEqual(['SKU TB-001 · 파트너 PNR002 행이 여러 개 있습니다']);
    expect(problemsOf(reads[2]!)).toEqual(['SKU TB-001 · 파트너 PNR002 행이 여러 개 있습니다']);
  });

  test("a blank ratio of an unknown partner has no default to take: only the partner's problem is reported", () => {
    expect(problemsOf(one({ partnerId: 'PNR009', ratio: '' }))).toEqual(['파트너 탭에서 찾을 수 없는 파트너ID입니다: PNR009']);
  });
});

describe('what was last sent', () => {
  test('is keyed by SKU and partner, for rows that were sent', () => {
    const ratios = readRatios(grid(GOOD, { ...GOOD, partnerId: 'PNR001', pushedStock: '' }, { ...GOOD, sku: 'TB-002', pushedStock: 0 }), KNOWN).map(ratioOf);
    expect(lastPushedStock(ratios)).toEqual(
      new Map([
        ['TB-001|PNR002', 35],
        ['TB-002|PNR002', 0],
      ]),
    );
  });
});

describe('missing ratio rows, for the sync to add', () => {
  const products = [{ sku: 'TB-001' }, { sku: 'TB-002' }];
  const partners = [{ partnerId: 'PNR001' }, { partnerId: 'PNR002' }];

  test('are the (SKU, partner) pairs without a row, in product then partner order, not sellable and without ratio', () => {
    const existing = readRatios(grid(GOOD), KNOWN);
    expect(missingRatioRows(products, partners, existing)).toEqual([
      { sku: 'TB-001', partnerId: 'PNR001', sellable: false, ratio: '' },
      { sku: 'TB-002', partnerId: 'PNR001', sellable: false, ratio: '' },
      { sku: 'TB-002', partnerId: 'PNR002', sellable: false, ratio: '' },
    ]);
  });

  test('a row with problems is there already: no second row is added beside it', () => {
    const existing = readRatios(grid({ ...GOOD, ratio: 'abc' }), KNOWN);
    expect(existing[0]!.ok).toBe(false);
    expect(missingRatioRows([{ sku: 'TB-001' }], [{ partnerId: 'PNR002' }], existing)).toEqual([]);
  });

  test('none when every pair has its row', () => {
    const rows = products.flatMap(({ sku }) => partners.map(({ partnerId }) => ({ ...GOOD, sku, partnerId })));
    expect(missingRatioRows(products, partners, readRatios(grid(...rows), KNOWN))).toEqual([]);
  });

  test('a product or partner listed twice still gets one row per pair', () => {
    expect(missingRatioRows([{ sku: 'TB-001' }, { sku: 'TB-001' }], [{ partnerId: 'PNR001' }], [])).toHaveLength(1);
  });
});

test('the tabs feed the allocation: products and ratios in, only changed stock out', () => {
  const productGrid = [
    PRODUCTS.columns.map((c) => c.label.ko),
    PRODUCTS.columns.map((c) => ({ sku: 'TB-001', name: '원목 트레이', wholesalePrice: '12,000', warehouseStock: '120' } as Record<string, unknown>)[c.key] ?? ''),
    PRODUCTS.columns.map((c) => ({ sku: 'TB-002', name: '원목 트레이 L', wholesalePrice: 15000, warehouseStock: 'abc' } as Record<string, unknown>)[c.key] ?? ''),
  ];
  const products = readProducts(productGrid);
  const known: KnownForRatios = { skus: productSkus(products), partners: KNOWN.partners };
  const ratios = readRatios(
    grid(
      { sku: 'TB-001', partnerId: 'PNR001', sellable: true, ratio: 100, pushedStock: 118 },
      { sku: 'TB-001', partnerId: 'PNR002', sellable: '예', ratio: '', pushedStock: 40 },
      { sku: 'TB-002', partnerId: 'PNR002', sellable: true, ratio: 30, pushedStock: 5 },
    ),
    known,
  ).map(ratioOf);
  const { targets, warnings } = allocateStock({
    products: products.flatMap((r) => (r.ok ? [r.product] : [])),
    reserved: reservedUnits([{ sku: 'TB-001', quantity: 2, status: 'paid' }]),
    shares: ratios,
    oversellGuard: true,
  });
  expect(stockChanges(targets, lastPushedStock(ratios)).map((t) => [t.sku, t.partnerId, t.quantity, t.computation])).toEqual([
    ['TB-001', 'PNR001', 84, '120 − 2 예약 = 118 × 100% × 100/140 = 84'],
    ['TB-001', 'PNR002', 33, '120 − 2 예약 = 118 × 40% × 100/140 = 33'],
    // The product row has a typo: its stock cannot be trusted, so the mall is offered none.
    ['TB-002', 'PNR002', 0, '상품 정보 없음 → 0'],
  ]);
  expect(warnings.map((w) => w.sku)).toEqual(['TB-001', 'TB-002']);
});

describe('a ratio typed with a percent sign', () => {
  it('is refused with a hint, since Sheets stores "30%" as 0.3', () => {
    const reads = readRatios(
      [
        ['SKU', '파트너ID', '판매여부', '연동재고율(%)'],
        ['NJ-MUG', 'PNR002', true, 0.3],
      ],
      { skus: new Set(['NJ-MUG']), partners: new Map([['PNR002', { defaultRatio: 30 }]]) },
    );
    expect(reads[0]).toMatchObject({ ok: false });
    expect((reads[0] as { problems: string[] }).problems.join()).toMatch(/"30%"를 입력한 값으로 보입니다/);
  });
});
