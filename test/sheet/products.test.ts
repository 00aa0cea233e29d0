/**
 * The products tab read as products: good rows become products, a bad row comes back with its
 * problems in Korean and is not used, the other rows go on.
 */
import type { Product } from '../../src/core/product';
import { productFingerprint, productSkus, readProducts, type ProductRead } from '../../src/sheet/products';
import { PRODUCTS } from '../../src/sheet/tabs';

const HEADER = PRODUCTS.columns.map((c) => c.label.ko);
const GOOD = { sku: 'TB-001', name: '원목 트레이', option: '색상=베이지', barcode: '8801234567890', wholesalePrice: 12000, retailPrice: 29000, warehouseStock: 120, safetyStock: 5, productStatus: '판매중' };

/** A grid with the Korean header and one row per record (cells by column key). */
function grid(...rows: Array<Record<string, unknown>>): unknown[][] {
  return [HEADER, ...rows.map((r) => PRODUCTS.columns.map((c) => r[c.key] ?? ''))];
}
const one = (cells: Record<string, unknown>): ProductRead => readProducts(grid({ ...GOOD, ...cells }))[0]!;
const problemsOf = (r: ProductRead) => (r.ok ? [] : r.problems);
const productOf = (r: ProductRead) => {
  if (!r.ok) throw new Error(`expected a product, got: ${r.problems.join('; ')}`);
  return r.product;
};

describe('a good row', () => {
  test('becomes a product', () => {
    const [r] = readProducts(grid(GOOD));
    expect(r!.row.rowNumber).toBe(2);
    expect(productOf(r!)).toEqual<Product>({
      sku: 'TB-001',
      name: '원목 트레이',
      option: '색상=베이지',
      barcode: '8801234567890',
      wholesalePrice: 12000,
      retailPrice: 29000,
      warehouseStock: 120,
      safetyStock: 5,
      status: 'selling',
    });
  });

  test('numbers may arrive as text, with thousands commas', () => {
    const p = productOf(one({ wholesalePrice: '12,000', retailPrice: ' 1,029,000 ', warehouseStock: '1,200', safetyStock: '5' }));
    expect([p.wholesalePrice, p.retailPrice, p.warehouseStock, p.safetyStock]).toEqual([12000, 1029000, 1200, 5]);
  });

  test('optional cells may be blank: no option, no barcode, no retail price, no safety stock, on sale', () => {
    const p = productOf(one({ option: '', barcode: '', retailPrice: '', safetyStock: '', productStatus: '' }));
    expect(p).toMatchObject({ option: '', barcode: null, retailPrice: null, safetyStock: 0, status: 'selling' });
  });

  test('zero stock is a stock like any other', () => {
    expect(productOf(one({ warehouseStock: 0 })).warehouseStock).toBe(0);
  });

  test.each([
    ['품절', 'soldOut'],
    ['단종', 'discontinued'],
    ['On sale', 'selling'],
    ['Sold out', 'soldOut'],
    ['discontinued', 'discontinued'],
  ])('sales status "%s" reads as %s', (label, status) => {
    expect(productOf(one({ productStatus: label })).status).toBe(status);
  });

  test('cells are trimmed, and a numeric SKU or barcode is read as its text', () => {
    const p = productOf(one({ sku: 1001, name: '  원목 트레이 ', barcode: 8801234567890 }));
    expect([p.sku, p.name, p.barcode]).toEqual(['1001', '원목 트레이', '8801234567890']);
  });

  test('columns are found by header in either language, in any order', () => {
    const header = ['Warehouse stock', 'Product name', 'SKU', 'Wholesale price'];
    const [r] = readProducts([header, [7, 'Tray', 'A1', 1000]]);
    expect(productOf(r!)).toMatchObject({ sku: 'A1', name: 'Tray', wholesalePrice: 1000, warehouseStock: 7 });
  });

  test('blank rows are skipped', () => {
    expect(readProducts(grid(GOOD, {}, { ...GOOD, sku: 'TB-002' })).map((r) => r.row.rowNumber)).toEqual([2, 4]);
  });
});

describe('a bad row is not used, and says why', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['an empty SKU', { sku: '' }, 'SKU가 비어 있습니다'],
    ['a SKU with the key separator', { sku: 'A|B' }, 'SKU에 "|" 문자를 쓸 수 없습니다: A|B'],
    ['a missing name', { name: '' }, '상품명이 비어 있습니다'],
    ['a missing wholesale price', { wholesalePrice: '' }, '도매가: 비어 있습니다'],
    ['a missing warehouse stock', { warehouseStock: '' }, '물류재고: 비어 있습니다'],
    ['a stock that is not a number', { warehouseStock: 'abc' }, '물류재고: 숫자가 아닙니다 ("abc")'],
    ['a negative stock', { warehouseStock: -3 }, '물류재고: 0 이상이어야 합니다 (-3)'],
    ['a negative stock typed as text', { warehouseStock: '-3' }, '물류재고: 0 이상이어야 합니다 (-3)'],
    ['a fractional stock', { warehouseStock: 2.5 }, '물류재고: 정수여야 합니다 (2.5)'],
    ['a fractional safety stock', { safetyStock: '1.5' }, '안전재고: 정수여야 합니다 (1.5)'],
    ['a negative safety stock', { safetyStock: -1 }, '안전재고: 0 이상이어야 합니다 (-1)'],
    ['a fractional wholesale price', { wholesalePrice: 12000.5 }, '도매가: 정수여야 합니다 (12000.5)'],
    ['a fractional retail price', { retailPrice: '29,000.5' }, '권장소비자가: 정수여야 합니다 (29000.5)'],
    ['a retail price that is not a number', { retailPrice: '이만원' }, '권장소비자가: 숫자가 아닙니다 ("이만원")'],
    ['a comma that is not a thousands separator', { wholesalePrice: '12,00' }, '도매가: 숫자가 아닙니다 ("12,00")'],
    ['a hexadecimal-looking text', { warehouseStock: '0x10' }, '물류재고: 숫자가 아닙니다 ("0x10")'],
    ['a checkbox in a number column', { warehouseStock: true }, '물류재고: 숫자가 아닙니다 ("true")'],
    ['an unknown sales status', { productStatus: '판매대기' }, '판매상태 값이 올바르지 않습니다: "판매대기" (판매중, 품절, 단종 중 하나)'],
  ])('%s', (_, cells, problem) => {
    const r = one(cells);
    expect(r.ok).toBe(false);
    expect(problemsOf(r)).toEqual([problem]);
  });

  test('every row of a duplicated SKU is flagged, and the other rows go on', () => {
    const reads = readProducts(grid(GOOD, { ...GOOD, sku: 'TB-002' }, { ...GOOD, warehouseStock: 3 }));
    expect(reads.map((r) => r.ok)).toEqual([false, true, false]);
    expect(problemsOf(reads[0]!)).toEqual(['SKU TB-001가 여러 행에 있습니다']);
    expect(problemsOf(reads[2]!)).toEqual(['SKU TB-001가 여러 행에 있습니다']);
  });

  test('all of a row\'s problems are reported at once', () => {
    expect(problemsOf(one({ name: '', warehouseStock: 'abc', productStatus: '?' }))).toHaveLength(3);
  });
});

describe('product SKUs for the stock ratios tab', () => {
  test('are every SKU written in the tab, bad rows included, blanks not', () => {
    const reads = readProducts(grid(GOOD, { ...GOOD, sku: 'TB-002', warehouseStock: 'abc' }, { ...GOOD, sku: '' }));
    expect(productSkus(reads)).toEqual(new Set(['TB-001', 'TB-002']));
  });
});

describe('product fingerprint: what a channel shows, to send only changed products', () => {
  const p = productOf(one({}));

  test('is the same for the same product', () => {
    expect(productFingerprint(p)).toBe(productFingerprint({ ...p }));
  });

  test.each<[string, Partial<Product>]>([
    ['name', { name: '원목 트레이 L' }],
    ['option', { option: '색상=월넛' }],
    ['wholesale price', { wholesalePrice: 12500 }],
    ['retail price', { retailPrice: 31000 }],
    ['retail price left blank', { retailPrice: null }],
    ['status', { status: 'soldOut' }],
  ])('changes with the %s', (_, change) => {
    expect(productFingerprint({ ...p, ...change })).not.toBe(productFingerprint(p));
  });

  test('does not change with stock (stock is sent on its own) or the barcode', () => {
    expect(productFingerprint({ ...p, warehouseStock: 0, safetyStock: 99, barcode: null })).toBe(productFingerprint(p));
  });

  test('keeps fields apart whatever characters they hold', () => {
    const a = productFingerprint({ ...p, name: 'a","b', option: '' });
    const b = productFingerprint({ ...p, name: 'a', option: 'b' });
    expect(a).not.toBe(b);
  });
});
