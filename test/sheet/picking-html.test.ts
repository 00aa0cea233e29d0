/** The printable pick and packing lists: every channel text printed as text, bundles marked. */
import { packingList, pickList, type PackLine } from '../../src/core/picking';
import { pickingListsHtml } from '../../src/sheet/picking-html';

const line = (orderId: string, name: string, message = ''): PackLine => ({
  partnerId: 'PNR001',
  orderId,
  itemId: `${orderId}-01`,
  sku: 'NJ-MUG',
  productName: name,
  optionText: '',
  quantity: 1,
  status: 'paid',
  message,
  receiverName: '김하늘',
  receiverPhone: '010-1234-5678',
  receiverZip: '06236',
  receiverAddress1: '서울 강남구',
  receiverAddress2: '101호',
});

test('markup in a product name or a delivery message is printed as characters', () => {
  const lines = [line('A', '<img src=x onerror=alert(1)>머그'), line('B', '<img src=x onerror=alert(1)>머그', '<script>alert(2)</script>')];
  const html = pickingListsHtml(pickList(lines), packingList(lines), '2026-11-23 09:00');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<script>alert');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;머그');
  expect(html).toContain('배송메시지: &lt;script&gt;alert(2)&lt;/script&gt;');
});

test('one receiver\'s two orders are one box, marked as a bundle; totals are counted', () => {
  const lines = [line('A', '머그'), line('B', '머그')];
  const html = pickingListsHtml(pickList(lines), packingList(lines), '2026-11-23 09:00');
  expect(html).toContain('피킹 리스트 (SKU별) — 1종 2개');
  expect(html).toContain('패킹 리스트 (수령인별) — 1박스');
  expect(html).toContain('묶음배송 (주문 2건)');
});
