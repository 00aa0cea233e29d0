/**
 * The objects the fake Cafe24 answers, as the reference shows them
 * (docs/reference/cafe24.md; the full fact sheet is shared/reference/cafe24-api.md): each
 * example below carries every field of the reference's example bodies (§11) and of its field
 * lists (§5 products, §6 variants and inventories, §7 orders, items, receivers and buyer, §8
 * shipments and carriers, §9 claims and refunds, §10 suppliers), with a value of the kind the
 * documentation prints: money as "29000.00", flags "T"/"F", resource dates ISO with +09:00, item
 * dates `YYYY-MM-DD HH:MM:SS`, counts as numbers, `shipping_company_id` as the string "2".
 * The order is the documentation's own full sample (test/fixtures/cafe24).
 *
 * How a fake object is compared (cafe24-whole-objects.test.ts): every field of the example is
 * there; a `null` example says nothing of the type; otherwise the fake's value has the
 * example's kind (recursively, arrays element by element against the example's first
 * element), and may be `null` only where `mayBeNull` says the value depends on the object's
 * state or on features the fake does not model (a guest has no member id, an unshipped item no
 * carrier).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReferenceObject {
  /** Where in the reference the fields come from. */
  readonly source: string;
  readonly example: Record<string, unknown>;
  readonly mayBeNull?: readonly string[];
}

const docOrder = (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'cafe24', 'doc-orders-list-first.json'), 'utf8')) as {
  orders: Array<Record<string, unknown>>;
}).orders[0]!;

const INVENTORY = {
  shop_no: 1, variant_code: 'P00000GR000A', use_inventory: 'T', important_inventory: 'A', inventory_control_type: 'A',
  display_soldout: 'T', quantity: 3, safety_inventory: 8, origin_code: 'W00000BT',
};

const VARIANT = {
  shop_no: 1, variant_code: 'P000000R000C', options: [{ name: 'Color', value: 'Black' }], custom_variant_code: 'C001',
  display: 'T', selling: 'T', additional_amount: '1000.00', use_inventory: 'T', important_inventory: 'A',
  inventory_control_type: 'A', display_soldout: 'T', quantity: 3, safety_inventory: 8, duplicated_custom_variant_code: 'F',
  image: null, inventories: INVENTORY,
};

const ITEM = {
  shop_no: 1, item_no: 1, order_item_code: '20170710-0000013-01', variant_code: 'P000000N000A', product_no: 14,
  product_code: 'P000000N', custom_product_code: '', custom_variant_code: 'C001',
  product_name: 'iPhone X', product_name_default: 'iPhone X', internal_product_name: '', option_id: '000A', option_value: '',
  options: [], additional_option_values: [],
  product_price: '30000.00', option_price: '0.00', additional_discount_price: '0.00', coupon_discount_price: '1000.00',
  app_item_discount_amount: '0.00', payment_amount: null, quantity: 1, supply_price: '1500.00', product_tax_type: 'A', tax_rate: 10,
  supplier_id: 'S0000000', supplier_name: 'Apple', supplier_product_name: '', supplier_transaction_type: 'D',
  order_status: 'N40', order_status_additional_info: null, status_code: 'N1', status_text: 'Shipping Complete', order_status_before_cs: 'N20',
  shipping_code: 'D-20190607-0000018-00', tracking_no: '12345678', shipping_company_id: '2', shipping_company_name: 'DHL',
  shipping_company_code: '0001', multi_invoice: null, shipping_expected_date: null, bundled_shipping_type: 'N',
  individual_shipping_fee: '0.00', shipping_fee_type: 'X', shipping_payment_option: 'F',
  claim_code: null, claim_type: null, claim_status: null, claim_reason_type: null, claim_reason: null, claim_quantity: 0,
  request_undone: null, refund_bank_name: '', refund_bank_account_no: '', refund_bank_account_holder: '',
  ordered_date: '2017-07-10 15:55:51', shipped_date: '2017-07-11 10:00:00', delivered_date: null, purchaseconfirmation_date: null,
  cancel_date: null, cancel_request_date: null, return_request_date: null, return_collected_date: null,
  return_confirmed_date: null, refund_date: null, exchange_request_date: null, exchange_date: null,
  product_bundle: 'F', product_bundle_type: null, product_bundle_list: null, naver_pay_order_id: null, naver_pay_claim_status: null,
};

const RECEIVER = {
  name: '홍길동', phone: '02-0000-0000', cellphone: '010-0000-0000', virtual_phone_no: null, zipcode: '07071',
  address1: '서울…', address2: '…', country_code: 'KR', shipping_message: '', wished_delivery_date: '',
  shipping_code: 'D-20170710-0000013-00',
};

const BUYER = { member_id: 'sampleid', name: 'Test', email: 'sample@sample.com', phone: '02-0000-0000', cellphone: '010-0000-0000' };

const CLAIM_ITEMS = [{ order_item_code: '20170710-0000013-01', quantity: 1 }];

export const REFERENCE_OBJECTS = {
  order: {
    source: '§11 orders list, §7 order-level fields (the documentation\'s full sample)',
    example: { ...docOrder, items: [ITEM], receivers: [RECEIVER], buyer: BUYER },
    // Payment details of bank transfers, overseas and Naver Pay payments, rental orders, guests.
    mayBeNull: [
      'member_authentication', 'bank_code', 'bank_code_name', 'sub_payment_method_name', 'sub_payment_method_code',
      'bank_account_no', 'bank_account_owner_name', 'naverpay_payment_information', 'service_type', 'service_data',
      'payment_date', 'member_id', 'cancel_date',
    ],
  },
  item: {
    source: '§11 orders list item, §7 order item fields',
    example: ITEM,
    mayBeNull: ['shipping_code', 'tracking_no', 'shipping_company_id', 'shipping_company_name', 'shipping_company_code', 'shipped_date', 'supplier_name', 'order_status_before_cs'],
  },
  receiver: { source: '§11 receivers, §7 receivers', example: RECEIVER, mayBeNull: ['shipping_code'] },
  buyer: { source: '§7 buyer', example: BUYER, mayBeNull: ['member_id'] },
  product: {
    source: '§11 products list, §5 key fields',
    example: {
      shop_no: 1, product_no: 24, product_code: 'P000000X', custom_product_code: '', product_name: 'iPhone X',
      eng_product_name: '', supply_product_name: '', internal_product_name: '', model_name: '',
      price_excluding_tax: '1000.00', price: '1100.00', retail_price: '0.00', supply_price: '9000.00',
      margin_rate: '10.00', additional_price: '0.00', display: 'T', selling: 'F', sold_out: 'F', product_condition: 'N',
      has_option: 'T', option_type: 'C', tax_type: 'A', tax_rate: 10, tax_calculation: 'A',
      supplier_code: 'S0000000', brand_code: 'B0000000', manufacturer_code: 'M0000000', trend_code: 'T0000000',
      created_date: '2018-01-18T11:19:27+09:00', updated_date: '2018-01-19T11:19:27+09:00', variants: [VARIANT],
    },
    mayBeNull: ['option_type'],
  },
  variant: { source: '§6 variant fields', example: VARIANT, mayBeNull: ['options'] },
  inventory: { source: '§11 inventory update, §6 inventory fields', example: INVENTORY, mayBeNull: ['origin_code'] },
  shipment: {
    source: '§11 shipment create, §8 GET /orders/{id}/shipments',
    example: {
      shop_no: 1, shipping_code: 'D-20180627-0000017-00', order_id: '20180627-0000017', status: 'shipping', tracking_no: '101080903',
      tracking_no_updated_date: '2018-06-27T10:00:00+09:00', shipping_company_code: '0006',
      order_item_code: ['20180627-0000017-01'], carrier_id: 1, items: [{ order_item_code: '20180627-0000017-01', status: 'N30' }],
    },
  },
  cancellation: { source: '§9 order cancellation response', example: { order_id: '20170710-0000013', status: 'canceled', claim_code: 'C20170710-0000001', items: CLAIM_ITEMS } },
  return: {
    source: '§9 return response',
    example: { order_id: '20170710-0000013', status: 'accepted', claim_code: 'C20170710-0000001', pickup_completed: 'F', items: CLAIM_ITEMS },
  },
  exchange: { source: '§9 exchange (the cancellation and return responses\' fields)', example: { order_id: '20170710-0000013', status: 'accepted', claim_code: 'C20170710-0000001', items: CLAIM_ITEMS } },
  refund: {
    source: '§9 refund objects',
    example: {
      refund_code: 'C20170710-0000002', order_id: '20170710-0000013', order_item_code: ['20170710-0000013-01'], quantity: 1,
      actual_refund_amount: '30000.00', used_points: '0.00', used_credits: '0.00', currency: 'KRW', payment_methods: ['card'],
      refund_payment_methods: ['card'], payment_gateway_cancel_statuses: [], accepted_refund_date: '2017-07-11T10:00:00+09:00',
      refund_date: '2017-07-12T10:00:00+09:00',
    },
    mayBeNull: ['refund_date'],
  },
  carrier: {
    source: '§8 GET /carriers',
    example: { carrier_id: 1, shipping_carrier_code: '0006', shipping_carrier: 'CJ대한통운', track_shipment_url: null, default_shipping_carrier: 'F', shipping_type: 'A' },
  },
  supplier: {
    source: '§10 supplier fields',
    example: { supplier_code: 'S000000A', supplier_name: 'Supplier', status: 'A', trading_type: 'D', payment_type: 'P', commission: '10.00', supplier_type: 'WS', use_supplier: 'T' },
  },
  unpaidorder: {
    source: '§7 GET /unpaidorders',
    example: {
      order_id: '20250101-0000001', order_item_code: ['20250101-0000001-01'], order_date: '2025-01-01T10:00:00+09:00', buyer_name: 'Test',
      billing_name: 'Test', bank_code: 'bank_26', bank_name: 'Sample Bank', unpaid_amount: '30000.00', accounts: null, payment_method: 'cash',
      settle_type: 'S', payment_no: 1,
    },
    mayBeNull: ['bank_code', 'bank_name'],
  },
  token: {
    source: '§11 token',
    example: {
      access_token: '0iqR5n', expires_at: '2021-03-01T14:00:00.000', refresh_token: 'JeTJ7X', refresh_token_expires_at: '2021-03-15T12:00:00.000',
      client_id: 'BrIfqE', mall_id: 'yourmall', user_id: 'test', scopes: ['mall.read_order'], issued_at: '2021-03-01T12:00:00.000',
      shop_no: '1', token_type: 'Bearer',
    },
  },
} as const satisfies Record<string, ReferenceObject>;

export type Kind = 'null' | 'money' | 'iso-date' | 'item-date' | 'string' | 'number' | 'boolean' | 'array' | 'object';

/** The kind of value an example shows. */
export function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') {
    if (/^-?\d+\.\d{2}$/.test(v)) return 'money';
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/.test(v)) return 'iso-date';
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v)) return 'item-date';
    return 'string';
  }
  return typeof v as Kind;
}

/** `items[0].shipping_code` → `shipping_code`: `mayBeNull` names fields wherever they sit. */
const fieldName = (path: string): string => path.replace(/\[\d+\]/g, '').split('.').pop() ?? path;

/**
 * Differences between a fake object and a reference example: missing fields, other kinds,
 * nulls where the example has a value (unless allowed). Paths as `items[0].shipping_company_id`.
 */
export function shapeDifferences(example: unknown, actual: unknown, mayBeNull: readonly string[] = [], path = ''): string[] {
  const want = kindOf(example);
  const got = kindOf(actual);
  if (want === 'null') return [];
  if (got === 'null') return mayBeNull.includes(fieldName(path)) ? [] : [`${path}: null, the reference shows ${want} ${JSON.stringify(example)}`];
  if (want !== got) return [`${path}: ${got} ${JSON.stringify(actual)}, the reference shows ${want} ${JSON.stringify(example)}`];
  if (want === 'array') {
    const first = (example as unknown[])[0];
    if (first === undefined) return [];
    return (actual as unknown[]).flatMap((el, i) => shapeDifferences(first, el, mayBeNull, `${path}[${i}]`));
  }
  if (want === 'object') {
    const a = actual as Record<string, unknown>;
    return Object.entries(example as Record<string, unknown>).flatMap(([k, v]) => {
      const p = path === '' ? k : `${path}.${k}`;
      if (!(k in a)) return [`${p}: missing`];
      return shapeDifferences(v, a[k], mayBeNull, p);
    });
  }
  return [];
}
