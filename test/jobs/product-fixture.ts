import type { Product } from '../../src/core/product';

/** A product of the master as the specs need one: override what the case is about. */
export const product = (over: Partial<Product> = {}): Product => ({
  sku: 'TB-001',
  name: '린넨 셔츠',
  option: '',
  barcode: null,
  wholesalePrice: 12_000,
  retailPrice: 29_000,
  warehouseStock: 100,
  safetyStock: 0,
  status: 'selling',
  ...over,
});
