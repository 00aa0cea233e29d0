/**
 * Default seed: the three partner malls of the primary spec (DOMAIN.md). One manufacturer's
 * goods, sold by its own mall (PNR001 najalran) and two consignment resellers (PNR002
 * borasaeg, PNR003 undercoco), each with its own product numbers, prices and orders. The
 * manufacturer's SKU is the `custom_product_code` / `custom_variant_code`, the only thing
 * that ties a product across malls (nothing in Cafe24 links malls).
 *
 * One app is registered. Its redirect URI is a pattern: `{SCRIPT_ID}` stands for any Apps
 * Script id, so every script's OAuth callback
 * `https://script.google.com/macros/d/<id>/usercallback` is accepted (a real app registers
 * each exact URI).
 */
import type { Cafe24SeedInput } from './seed-schema';

type SeedMall = Cafe24SeedInput['malls'][number];
type SeedProduct = NonNullable<SeedMall['products']>[number];
type SeedOrder = NonNullable<SeedMall['orders']>[number];

export const DEFAULT_CLIENT_ID = 'pmSheetDevClientId0001';
export const DEFAULT_CLIENT_SECRET = 'pmSheetDevSecret-fake-0000000001';
export const APPS_SCRIPT_REDIRECT = 'https://script.google.com/macros/d/{SCRIPT_ID}/usercallback';

/** One line of the manufacturer's catalogue. */
interface Sku {
  sku: string;
  name: string;
  supply: number;
  options?: { name: string; values: Array<{ value: string; extra?: number }> };
}

const CATALOGUE: Record<string, Sku> = {
  apron: { sku: 'NJ-APRON', name: '린넨 앞치마', supply: 12000, options: { name: '색상', values: [{ value: '베이지' }, { value: '차콜' }] } },
  pillow: {
    sku: 'NJ-PILLOW',
    name: '순면 베개커버',
    supply: 6000,
    options: { name: '사이즈', values: [{ value: '50x70' }, { value: '60x80', extra: 2000 }] },
  },
  mug: { sku: 'NJ-MUG', name: '수제 도자기 머그컵', supply: 7000 },
  board: { sku: 'NJ-BOARD', name: '원목 도마', supply: 13000, options: { name: '크기', values: [{ value: '소' }, { value: '대', extra: 8000 }] } },
  blanket: {
    sku: 'NJ-BLANKET',
    name: '니트 담요',
    supply: 21000,
    options: { name: '색상', values: [{ value: '아이보리' }, { value: '그레이' }, { value: '네이비' }] },
  },
};

const SUFFIX = ['000A', '000B', '000C', '000D'];

function product(no: number, code: string, item: Sku, price: number, stock: number[], supplier: string, createdDate: string): SeedProduct {
  const values = item.options?.values ?? [{ value: '' }];
  return {
    shop_no: 1,
    product_no: no,
    product_code: code,
    custom_product_code: item.sku,
    product_name: item.name,
    price: `${price}.00`,
    retail_price: `${Math.round((price * 1.2) / 1000) * 1000}.00`,
    supply_price: `${item.supply}.00`,
    display: 'T',
    selling: 'T',
    supplier_code: supplier,
    created_date: createdDate,
    updated_date: createdDate,
    variants: values.map((v, i) => ({
      shop_no: 1,
      variant_code: `${code}${SUFFIX[i]}`,
      options: item.options ? [{ name: item.options.name, value: v.value }] : null,
      custom_variant_code: item.options ? `${item.sku}-${i + 1}` : item.sku,
      display: 'T',
      selling: 'T',
      additional_amount: `${v.extra ?? 0}.00`,
      use_inventory: 'T',
      important_inventory: 'A',
      inventory_control_type: 'A',
      display_soldout: 'T',
      quantity: stock[i] ?? 0,
      safety_inventory: 2,
    })),
  };
}

const CARRIERS = [
  {
    shop_no: 1,
    carrier_id: 1,
    shipping_carrier_code: '0006',
    shipping_carrier: 'CJ대한통운',
    track_shipment_url: 'https://trace.cjlogistics.com/next/tracking.html?wblNo=',
    shipping_type: 'A',
    default_shipping_carrier: 'T' as const,
  },
  {
    shop_no: 1,
    carrier_id: 2,
    shipping_carrier_code: '0012',
    shipping_carrier: '우체국택배',
    track_shipment_url: 'https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1=',
    shipping_type: 'A',
    default_shipping_carrier: 'F' as const,
  },
  {
    shop_no: 1,
    carrier_id: 3,
    shipping_carrier_code: '0079',
    shipping_carrier: '롯데택배',
    track_shipment_url: 'https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo=',
    shipping_type: 'A',
    default_shipping_carrier: 'F' as const,
  },
];

const MANUFACTURER_SUPPLIER = {
  shop_no: 1,
  supplier_code: 'S000000A',
  supplier_name: '나잘란 제조',
  status: 'A',
  trading_type: 'C',
  payment_type: 'D',
  supplier_type: 'WS',
  use_supplier: 'T',
};

interface Line {
  no: number;
  code: string;
  variant: string;
  name: string;
  option: string;
  price: number;
  extra?: number;
  qty: number;
  supplier: string;
  sku: string;
}

function order(
  id: string,
  date: string,
  paid: boolean,
  method: string,
  buyer: { name: string; cellphone: string; member_id: string | null },
  address: string,
  lines: Line[],
  status: string,
  shipping?: { code: string; tracking?: string; company?: string; shipped?: string },
): SeedOrder {
  const total = lines.reduce((s, l) => s + (l.price + (l.extra ?? 0)) * l.qty, 0);
  return {
    shop_no: 1,
    currency: 'KRW',
    order_id: id,
    market_id: 'self',
    member_id: buyer.member_id,
    billing_name: buyer.name,
    payment_method: [method],
    paid: paid ? 'T' : 'F',
    canceled: 'F',
    order_date: date,
    payment_date: paid ? date : null,
    payment_amount: `${total}.00`,
    order_place_id: 'cafe24',
    actual_order_amount: { order_price_amount: `${total}.00`, shipping_fee: '0.00', payment_amount: `${total}.00` },
    items: lines.map((l, i) => ({
      shop_no: 1,
      item_no: i + 1,
      order_item_code: `${id}-${String(i + 1).padStart(2, '0')}`,
      product_no: l.no,
      product_code: l.code,
      variant_code: l.variant,
      custom_product_code: l.sku,
      custom_variant_code: l.sku,
      product_name: l.name,
      option_value: l.option,
      product_price: `${l.price}.00`,
      option_price: `${l.extra ?? 0}.00`,
      quantity: l.qty,
      supplier_id: l.supplier,
      order_status: status as 'N10',
      shipping_code: shipping?.code ?? null,
      tracking_no: shipping?.tracking ?? null,
      shipping_company_code: shipping?.company ?? null,
      shipping_company_name: CARRIERS.find((c) => c.shipping_carrier_code === shipping?.company)?.shipping_carrier ?? null,
      ordered_date: date.replace('T', ' ').slice(0, 19),
      shipped_date: shipping?.shipped ?? null,
      delivered_date: null,
    })),
    receivers: [
      {
        name: buyer.name,
        phone: '',
        cellphone: buyer.cellphone,
        zipcode: '06236',
        address1: address,
        address2: '101동 1001호',
        shipping_message: '문 앞에 놓아주세요',
        shipping_code: shipping?.code ?? null,
      },
    ],
    buyer: { member_id: buyer.member_id, name: buyer.name, email: '', phone: '', cellphone: buyer.cellphone },
  };
}

const najalranProducts: SeedProduct[] = [
  product(11, 'P000000L', CATALOGUE.apron!, 29000, [40, 25], 'S0000000', '2026-09-01T10:00:00+09:00'),
  product(12, 'P000000M', CATALOGUE.pillow!, 15000, [60, 30], 'S0000000', '2026-09-01T10:05:00+09:00'),
  product(13, 'P000000N', CATALOGUE.mug!, 18000, [80], 'S0000000', '2026-09-02T09:30:00+09:00'),
  product(14, 'P000000O', CATALOGUE.board!, 32000, [20, 12], 'S0000000', '2026-09-03T14:00:00+09:00'),
  product(15, 'P000000P', CATALOGUE.blanket!, 49000, [15, 15, 0], 'S0000000', '2026-09-05T11:00:00+09:00'),
];

export const defaultSeed: Cafe24SeedInput = {
  apps: [
    {
      name: '파트너몰 시트 (개발용)',
      client_id: DEFAULT_CLIENT_ID,
      client_secret: DEFAULT_CLIENT_SECRET,
      redirect_uris: [APPS_SCRIPT_REDIRECT],
      scopes: [
        'mall.read_product',
        'mall.write_product',
        'mall.read_order',
        'mall.write_order',
        'mall.read_shipping',
        'mall.read_supply',
        'mall.read_community',
        'mall.write_community',
        'mall.read_store',
        'mall.read_application',
      ],
      version: '2025-12-01',
    },
  ],
  malls: [
    {
      mall_id: 'najalran',
      shop_name: '나잘란',
      partner_code: 'PNR001',
      products: najalranProducts,
      carriers: [...CARRIERS, { shop_no: 1, carrier_id: 4, shipping_carrier_code: '0001', shipping_carrier: '자체배송', track_shipment_url: null, shipping_type: 'A', default_shipping_carrier: 'F' }],
      suppliers: [{ shop_no: 1, supplier_code: 'S0000000', supplier_name: '자체공급', status: 'A', trading_type: 'D', use_supplier: 'T' }],
      orders: [
        order(
          '20261118-0000003', '2026-11-18T15:20:11+09:00', true, 'card',
          { name: '김하늘', cellphone: '010-1234-5678', member_id: 'haneul88' }, '서울특별시 강남구 테헤란로 152',
          [{ no: 13, code: 'P000000N', variant: 'P000000N000A', name: '수제 도자기 머그컵', option: '', price: 18000, qty: 2, supplier: 'S0000000', sku: 'NJ-MUG' }],
          'N30', { code: 'D-20261118-0000003-00', tracking: '684512339870', company: '0006', shipped: '2026-11-19 18:02:40' },
        ),
        order(
          '20261120-0000001', '2026-11-20T09:12:45+09:00', true, 'card',
          { name: '이서준', cellphone: '010-2345-6789', member_id: 'seojun_lee' }, '경기도 성남시 분당구 판교역로 235',
          [
            { no: 11, code: 'P000000L', variant: 'P000000L000A', name: '린넨 앞치마', option: '색상=베이지', price: 29000, qty: 1, supplier: 'S0000000', sku: 'NJ-APRON-1' },
            { no: 13, code: 'P000000N', variant: 'P000000N000A', name: '수제 도자기 머그컵', option: '', price: 18000, qty: 2, supplier: 'S0000000', sku: 'NJ-MUG' },
          ],
          'N10',
        ),
        order(
          '20261121-0000001', '2026-11-21T21:40:02+09:00', false, 'cash',
          { name: '박지민', cellphone: '010-3456-7890', member_id: null }, '부산광역시 해운대구 센텀중앙로 79',
          [{ no: 15, code: 'P000000P', variant: 'P000000P000B', name: '니트 담요', option: '색상=그레이', price: 49000, qty: 1, supplier: 'S0000000', sku: 'NJ-BLANKET-2' }],
          'N00',
        ),
      ],
    },
    {
      mall_id: 'borasaeg',
      shop_name: '보라색',
      partner_code: 'PNR002',
      products: [
        product(101, 'P00000A1', CATALOGUE.apron!, 31000, [40, 25], 'S000000A', '2026-09-10T10:00:00+09:00'),
        product(102, 'P00000A2', CATALOGUE.mug!, 19500, [80], 'S000000A', '2026-09-10T10:10:00+09:00'),
        product(103, 'P00000A3', CATALOGUE.blanket!, 52000, [15, 15, 0], 'S000000A', '2026-09-11T16:00:00+09:00'),
      ],
      carriers: CARRIERS,
      suppliers: [MANUFACTURER_SUPPLIER],
      orders: [
        order(
          '20261122-0000002', '2026-11-22T13:05:51+09:00', true, 'card',
          { name: '최유나', cellphone: '010-4567-8901', member_id: 'yuna_c' }, '대구광역시 수성구 동대구로 100',
          [{ no: 103, code: 'P00000A3', variant: 'P00000A3000A', name: '니트 담요', option: '색상=아이보리', price: 52000, qty: 1, supplier: 'S000000A', sku: 'NJ-BLANKET-1' }],
          'N10',
        ),
      ],
    },
    {
      mall_id: 'undercoco',
      shop_name: '언더코코',
      partner_code: 'PNR003',
      products: [
        product(7, 'P0000007', CATALOGUE.pillow!, 14500, [60, 30], 'S000000A', '2026-08-20T10:00:00+09:00'),
        product(8, 'P0000008', CATALOGUE.mug!, 17900, [80], 'S000000A', '2026-08-20T10:30:00+09:00'),
        product(9, 'P0000009', CATALOGUE.board!, 33000, [20, 12], 'S000000A', '2026-08-21T09:00:00+09:00'),
        product(10, 'P000000A', CATALOGUE.blanket!, 47000, [15, 15, 0], 'S000000A', '2026-08-22T15:00:00+09:00'),
      ],
      carriers: CARRIERS,
      suppliers: [MANUFACTURER_SUPPLIER],
      orders: [
        order(
          '20261122-0000005', '2026-11-22T20:31:09+09:00', true, 'card',
          { name: '정민호', cellphone: '010-5678-9012', member_id: 'minho_j' }, '인천광역시 연수구 송도과학로 32',
          [{ no: 9, code: 'P0000009', variant: 'P0000009000B', name: '원목 도마', option: '크기=대', price: 33000, extra: 8000, qty: 1, supplier: 'S000000A', sku: 'NJ-BOARD-2' }],
          'N20', { code: 'D-20261122-0000005-00' },
        ),
      ],
    },
  ],
};
