import type { Partner } from '../../src/core/partner';
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

/** A partner row as the specs need one: a Cafe24 reseller on deposit, 30%, 5%, 2,500 a unit. */
export const partner = (partnerId: string, role: Partner['role'] = 'reseller', over: Partial<Partner> = {}): Partner => ({
  partnerId,
  name: partnerId,
  role,
  channel: 'cafe24',
  accountId: partnerId.toLowerCase(),
  shopNo: 1,
  supplierCode: null,
  confirmAtOnce: false,
  defaultRatio: 30,
  settlementMode: 'deposit',
  creditLimit: 0,
  incentiveRate: 5,
  shippingFeePerUnit: 2_500,
  statementEmails: [],
  ...over,
});
