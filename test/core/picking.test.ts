/**
 * Warehouse lists over the items still to work on (paid, preparing): the pick list sums units per
 * SKU; the packing list puts each receiver's items (per partner) in one box. Both are sorted the
 * same way every time.
 */
import type { OrderLineStatus } from '../../src/core/order';
import { packingList, pickList, type PackLine } from '../../src/core/picking';
import { receiverKey } from '../../src/core/shipping';

const KIM = { receiverName: '김철수', receiverPhone: '010-1234-5678', receiverZip: '06236', receiverAddress1: '서울 강남구 테헤란로 152', receiverAddress2: '10층' };
const LEE = { receiverName: '이영희', receiverPhone: '010-9876-5432', receiverZip: '48058', receiverAddress1: '부산 해운대구 센텀중앙로 55', receiverAddress2: '' };
const PARK = { receiverName: '박민수', receiverPhone: '02-555-1234', receiverZip: '04524', receiverAddress1: '서울 중구 세종대로 110', receiverAddress2: '' };

const line = (
  partnerId: string,
  orderId: string,
  itemId: string,
  sku: string | null,
  quantity: number,
  receiver: typeof KIM,
  status: OrderLineStatus = 'paid',
  productName = sku === 'MUG-01' ? '머그컵' : sku === 'TOWEL-02' ? '수건' : '기타',
  optionText = '',
  message = '',
): PackLine => ({ partnerId, orderId, itemId, sku, productName, optionText, quantity, status, message, ...receiver });

// A small evening: two malls, three receivers, one order of Kim's split over two orders.
const FIXTURE: PackLine[] = [
  line('PNR002', 'B-2', 'B-2-01', 'TOWEL-02', 2, LEE, 'preparing', '수건', '색상=베이지'),
  line('PNR002', 'B-1', 'B-1-01', 'MUG-01', 1, KIM, 'paid', '머그컵', '', '문 앞에 놓아주세요'),
  line('PNR002', 'B-1', 'B-1-02', 'TOWEL-02', 1, KIM, 'paid', '수건', '색상=베이지', '문 앞에 놓아주세요'),
  line('PNR002', 'B-3', 'B-3-01', 'MUG-01', 3, { ...KIM, receiverPhone: '01012345678' }, 'preparing', '머그컵'), // Kim again: same box
  line('PNR001', 'A-1', 'A-1-01', 'MUG-01', 2, PARK, 'paid', '도자기 머그컵'), // the own mall names it differently
  line('PNR001', 'A-2', 'A-2-01', null, 1, KIM, 'paid', '사은품 엽서'),
  line('PNR001', 'A-3', 'A-3-01', 'MUG-01', 5, PARK, 'standby', '머그컵'), // packed already
  line('PNR002', 'B-4', 'B-4-01', 'MUG-01', 4, LEE, 'cancelRequested', '머그컵'), // held
  line('PNR002', 'B-5', 'B-5-01', 'TOWEL-02', 9, LEE, 'shipping', '수건'), // gone
];

describe('pick list: units per SKU for paid and preparing items', () => {
  test('summed per SKU, with the number of orders, sorted by SKU; items without SKU last', () => {
    expect(pickList(FIXTURE)).toEqual([
      { sku: 'MUG-01', productName: '머그컵', optionText: '', quantity: 6, orders: 3 },
      { sku: 'TOWEL-02', productName: '수건', optionText: '색상=베이지', quantity: 3, orders: 2 },
      { sku: null, productName: '사은품 엽서', optionText: '', quantity: 1, orders: 1 },
    ]);
  });

  test('the same order number at two partners counts as two orders', () => {
    const rows = pickList([line('PNR001', 'X', 'X-1', 'MUG-01', 1, KIM), line('PNR002', 'X', 'X-1', 'MUG-01', 1, LEE)]);
    expect(rows).toEqual([{ sku: 'MUG-01', productName: '머그컵', optionText: '', quantity: 2, orders: 2 }]);
  });

  test('standby, held and shipped items are not picked', () => {
    const statuses: OrderLineStatus[] = ['standby', 'cancelRequested', 'shipping', 'delivered', 'cancelled', 'returnRequested', 'exchangeRequested', 'refunded'];
    expect(pickList(statuses.map((s, i) => line('PNR001', `O${i}`, `O${i}-1`, 'MUG-01', 1, KIM, s)))).toEqual([]);
  });

  test('the same result whatever order the lines come in', () => {
    expect(pickList([...FIXTURE].reverse())).toEqual(pickList(FIXTURE));
  });
});

describe('packing list: one box per partner and receiver', () => {
  test('grouped by receiver within a partner, sorted by partner then receiver name', () => {
    const groups = packingList(FIXTURE);
    expect(groups.map((g) => [g.partnerId, g.receiverName, g.items.map((i) => i.itemId), g.totalQuantity, g.orders])).toEqual([
      ['PNR001', '김철수', ['A-2-01'], 1, 1],
      ['PNR001', '박민수', ['A-1-01'], 2, 1],
      ['PNR002', '김철수', ['B-1-01', 'B-1-02', 'B-3-01'], 5, 2],
      ['PNR002', '이영희', ['B-2-01'], 2, 1],
    ]);
  });

  test('a box carries the label fields, its items and the delivery messages once', () => {
    const kim = packingList(FIXTURE).find((g) => g.partnerId === 'PNR002' && g.receiverName === '김철수');
    expect(kim).toEqual({
      partnerId: 'PNR002',
      receiverKey: receiverKey(KIM),
      ...KIM,
      messages: ['문 앞에 놓아주세요'],
      items: [
        { orderId: 'B-1', itemId: 'B-1-01', sku: 'MUG-01', productName: '머그컵', optionText: '', quantity: 1 },
        { orderId: 'B-1', itemId: 'B-1-02', sku: 'TOWEL-02', productName: '수건', optionText: '색상=베이지', quantity: 1 },
        { orderId: 'B-3', itemId: 'B-3-01', sku: 'MUG-01', productName: '머그컵', optionText: '', quantity: 3 },
      ],
      totalQuantity: 5,
      orders: 2,
    });
  });

  test('the same result whatever order the lines come in', () => {
    expect(packingList([...FIXTURE].reverse())).toEqual(packingList(FIXTURE));
  });
});
