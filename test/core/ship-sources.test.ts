/**
 * Where tracking numbers come from: an order row, a pasted carrier export (order or item id +
 * number) or a scan all become the same requests. A reference names an item or an order, and
 * says which partner when two malls share the number.
 */
import { gatherRequests, resolveRef } from '../../src/core/ship-sources';
import type { ShipLine } from '../../src/core/shipping';

const line = (partnerId: string, orderId: string, item: number, status: ShipLine['status'] = 'paid'): ShipLine => ({
  partnerId,
  orderId,
  itemId: `${orderId}-0${item}`,
  receiverName: '김하늘',
  receiverPhone: '010-1234-5678',
  receiverZip: '06236',
  receiverAddress1: '서울특별시 강남구 테헤란로 152',
  receiverAddress2: '101동',
  status,
});

const A1 = line('PNR001', '20261123-0000001', 1);
const A2 = line('PNR001', '20261123-0000001', 2);
const A3 = line('PNR001', '20261123-0000001', 3, 'shipping');
const B1 = line('PNR002', '20261123-0000001', 1);
const C1 = line('PNR002', '20261123-0000009', 1, 'cancelled');
const lines = [A1, A2, A3, B1, C1];

describe('resolveRef', () => {
  test('an item id names that item, whatever its status', () => {
    expect(resolveRef('20261123-0000001-03', [A3])).toEqual({ ok: true, lines: [A3] });
  });

  test('an order id names its items that may still ship, leaving shipped ones out', () => {
    expect(resolveRef('PNR001:20261123-0000001', lines)).toEqual({ ok: true, lines: [A1, A2] });
  });

  test('a number two malls share is refused until the partner is named', () => {
    const r = resolveRef('20261123-0000001', lines);
    expect(r).toEqual({ ok: false, why: 'ambiguous', reason: expect.stringContaining('"PNR001:20261123-0000001"처럼') });
  });

  test('full-width text and spaces around are read as typed', () => {
    expect(resolveRef('  ＰＮＲ００２:20261123-0000001 ', lines)).toEqual({ ok: true, lines: [B1] });
  });

  test('an order with nothing left to ship says why', () => {
    expect(resolveRef('20261123-0000009', lines)).toEqual({ ok: false, why: 'nothingToShip', reason: '주문 20261123-0000009: 취소된 품목은 출고할 수 없습니다' });
  });

  test('an unknown reference (perhaps not collected yet) or a blank one is refused with what was looked for', () => {
    expect(resolveRef('20991231-0000001', lines)).toEqual({ ok: false, why: 'notFound', reason: '주문 탭에 주문번호/품목주문번호 "20991231-0000001"가 없습니다' });
    expect(resolveRef('  ', lines)).toEqual({ ok: false, why: 'blank', reason: '주문번호가 비어 있습니다' });
  });
});

describe('gatherRequests', () => {
  test('rows come first, each import row expands to the items it names', () => {
    const { requests, unresolved } = gatherRequests(
      [{ line: B1, carrierName: 'CJ', trackingNo: '111122223333' }],
      [{ key: 'k1', ref: 'PNR001:20261123-0000001', carrierName: '롯데택배', trackingNo: '200016500003' }],
      lines,
    );
    expect(unresolved).toEqual([]);
    expect(requests.map((r) => [r.line.itemId, r.trackingNo, r.origin])).toEqual([
      ['20261123-0000001-01', '111122223333', { kind: 'row', key: 'PNR002|20261123-0000001-01' }],
      ['20261123-0000001-01', '200016500003', { kind: 'import', key: 'k1' }],
      ['20261123-0000001-02', '200016500003', { kind: 'import', key: 'k1' }],
    ]);
  });

  test('an item both typed on its row and imported is one request, the import\'s', () => {
    const { requests } = gatherRequests(
      [{ line: A1, carrierName: 'CJ', trackingNo: '111122223333' }],
      [{ key: 'k1', ref: 'PNR001:20261123-0000001-01', carrierName: 'CJ', trackingNo: '444455556666' }],
      lines,
    );
    expect(requests.map((r) => [r.line.itemId, r.trackingNo, r.origin.kind])).toEqual([['20261123-0000001-01', '444455556666', 'import']]);
  });

  test('an import row without a carrier takes the default; one naming nothing is reported', () => {
    const { requests, unresolved } = gatherRequests(
      [],
      [
        { key: 'k1', ref: 'PNR002:20261123-0000001', carrierName: '', trackingNo: '6900004147609' },
        { key: 'k2', ref: 'nope', carrierName: 'CJ', trackingNo: '1' },
      ],
      lines,
      '우체국택배',
    );
    expect(requests.map((r) => r.carrierName)).toEqual(['우체국택배']);
    expect(unresolved).toEqual([{ key: 'k2', reason: expect.stringContaining('"nope"가 없습니다'), notFound: true }]);
  });
});
