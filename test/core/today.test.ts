/**
 * 오늘 할 일 (pure): each count is the rows behind it, and the filter a click applies shows the
 * same rows (the sheet hides rows by column values: each item is a test per column).
 */
import { todayItems, type TodayOrderRow } from '../../src/core/today';
import { hiddenValues, todayFilter } from '../../src/sheet/today-filters';

const NOW = Date.parse('2026-11-23T15:00:00+09:00');
const HOUR = 3_600_000;
const row = (over: Partial<TodayOrderRow>): TodayOrderRow => ({ partnerId: 'PNR001', orderId: 'O1', status: 'paid', todo: '3 출고 대기', quantity: 1, receiver: 'A', ...over });

const orders: TodayOrderRow[] = [
  // One receiver's two orders: one parcel, three units to pick.
  row({ orderId: 'O1', quantity: 2 }),
  row({ orderId: 'O2', status: 'preparing' }),
  row({ orderId: 'O3', receiver: 'B' }),
  // Held: a reseller that has not paid, and a cancel request.
  row({ partnerId: 'PNR002', orderId: 'O4', todo: '1 출고 보류: 정산 미납', receiver: 'C' }),
  row({ partnerId: 'PNR002', orderId: 'O5', todo: '1 출고 보류: 정산 미납', receiver: 'D' }),
  row({ orderId: 'O6', status: 'cancelRequested', todo: '1 출고 보류: 취소요청 확인', receiver: 'E' }),
  row({ orderId: 'O7', status: 'preparing', todo: '2 송장 확인', receiver: 'F' }),
  row({ orderId: 'O8', status: 'shipping', todo: '', receiver: 'G' }),
];

describe('오늘 할 일', () => {
  const items = todayItems(
    orders,
    [
      { todo: '1 답변기한 초과', answerBy: NOW - HOUR },
      { todo: '2 답변 필요 (5시간 남음)', answerBy: NOW - 60_000 },
      { todo: '2 답변 필요 (5시간 남음)', answerBy: NOW + 5 * HOUR },
      { todo: '3 입고 확인 필요', answerBy: NOW - 30 * HOUR },
      { todo: '', answerBy: NOW - 30 * HOUR },
    ],
    [
      { sku: 'A', available: 40, reorderPoint: null },
      { sku: 'B', available: 5, reorderPoint: null },
      { sku: 'C', available: -2, reorderPoint: null },
      // Reorder points from the stock cover: D at its point, E above it.
      { sku: 'D', available: 30, reorderPoint: 30 },
      { sku: 'E', available: 3, reorderPoint: 2 },
    ],
    NOW,
  );
  const item = (kind: string) => items.find((i) => i.kind === kind);

  it('counts new paid orders by order, parcels by receiver with the units to pick, and leaves held parcels out of shipping', () => {
    expect(item('newOrders')).toMatchObject({ count: 4, urgent: false, tab: 'orders' });
    expect(item('toShip')).toMatchObject({ count: 3, detail: '상품 5개 피킹' });
  });

  it('says why parcels are held, most frequent reason first, in red', () => {
    expect(item('held')).toMatchObject({ count: 3, detail: '정산 미납 2건 · 취소요청 확인 1건', urgent: true });
  });

  it('shows refused tracking numbers only when there are some', () => {
    expect(item('checkTracking')).toMatchObject({ count: 1, urgent: true });
    expect(todayItems([row({})], [], [], NOW).some((i) => i.kind === 'checkTracking')).toBe(false);
  });

  it('counts waiting claims and marks as late those past their answer time that still need an answer (by the clock, not the stale cell text)', () => {
    expect(item('claims')).toMatchObject({ count: 4, detail: '답변기한 초과 2건', urgent: true, tab: 'claims' });
  });

  it('lists SKUs at or below their reorder point (a few units while a SKU has none yet), red when one has none left', () => {
    expect(item('lowStock')).toMatchObject({ count: 3, detail: 'B 5개, C 0개, D 30개', urgent: true, tab: 'products' });
  });

  it("the filter a click applies shows exactly the rows counted (orders tab as shown: '결제완료 (N10)')", () => {
    const label: Record<string, string> = { paid: '결제완료 (N10)', preparing: '배송준비중 (N20)', cancelRequested: '취소요청 (C00)', shipping: '배송중 (N30)' };
    const cells = orders.map((o) => ({ orderStatus: label[o.status!]!, todo: o.todo }));
    const visible = (kind: 'newOrders' | 'toShip' | 'held' | 'checkTracking') => {
      const f = todayFilter(kind, new Set());
      const hidden = f.tests.map((t) => new Set(hiddenValues(cells.map((c) => c[t.column as 'todo']), t)));
      return orders.filter((_, i) => f.tests.every((t, j) => !hidden[j]!.has(cells[i]![t.column as 'todo'])));
    };
    expect(visible('newOrders').map((o) => o.orderId)).toEqual(['O1', 'O3', 'O4', 'O5']);
    expect(new Set(visible('newOrders').map((o) => o.orderId)).size).toBe(4);
    expect(visible('toShip').map((o) => o.orderId)).toEqual(['O1', 'O2', 'O3', 'O7']);
    expect(visible('held').map((o) => o.orderId)).toEqual(['O4', 'O5', 'O6']);
    expect(visible('checkTracking').map((o) => o.orderId)).toEqual(['O7']);
  });
});

describe('오늘 할 일: inquiries', () => {
  const inquiries = [
    { channel: 'cafe24' as const, todo: '1 답변기한 초과', askedAt: NOW - 30 * HOUR, answeredAt: null, answered: false },
    { channel: 'cafe24' as const, todo: '2 답변 필요 (11-24 10:00까지)', askedAt: NOW - 5 * HOUR, answeredAt: null, answered: false },
    { channel: 'cafe24' as const, todo: '', askedAt: NOW - 40 * HOUR, answeredAt: NOW - 39 * HOUR, answered: true },
    { channel: 'cafe24' as const, todo: '', askedAt: NOW - 2 * HOUR, answeredAt: NOW - HOUR, answered: true },
  ];
  const items = todayItems([], [], [], NOW, inquiries, () => '카페24');
  const of = (kind: string) => items.find((i) => i.kind === kind);

  test('unanswered inquiries are counted, the late ones said and red, with the 7-day response rate per channel', () => {
    // Asked in 7 days and due: the late one (not answered), and two answered in time; the one still in its 24 h is not counted yet.
    expect(of('inquiries')).toEqual({ kind: 'inquiries', label: '미답변 문의', count: 2, unit: '건', detail: '답변기한 초과 1건 · 7일 응답률 카페24 66%', urgent: true, tab: 'inquiries' });
    expect(of('lateInquiries')).toMatchObject({ count: 1, urgent: true, tab: 'inquiries' });
  });

  test('no late inquiry: no late item, and the count is not red', () => {
    const calm = todayItems([], [], [], NOW, inquiries.slice(1), () => '카페24');
    expect(calm.some((i) => i.kind === 'lateInquiries')).toBe(false);
    expect(calm.find((i) => i.kind === 'inquiries')!.urgent).toBe(false);
  });

  test('a click shows the same rows the counts read', () => {
    const texts = inquiries.map((r) => r.todo);
    const waits = todayFilter('inquiries', new Set()).tests[0]!;
    expect(hiddenValues(texts, waits)).toEqual(['']);
    const late = todayFilter('lateInquiries', new Set()).tests[0]!;
    expect(texts.filter((t) => late.show(t))).toEqual(['1 답변기한 초과']);
    expect(todayFilter('inquiries', new Set()).tab.title.ko).toBe('문의');
  });
});

describe('오늘 할 일: an orders tab past its documented size', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => row({ orderId: `X${i}`, status: 'delivered', todo: '', receiver: `R${i}` }));

  it('says so, in red, with the cap and that nothing is dropped, only once the live rows exceed it', () => {
    expect(todayItems(many(30_000), [], [], NOW).some((i) => i.kind === 'ordersTabFull')).toBe(false);
    const full = todayItems(many(30_001), [], [], NOW).find((i) => i.kind === 'ordersTabFull')!;
    expect(full).toMatchObject({ count: 30_001, unit: '행', urgent: true, tab: 'orders' });
    expect(full.detail).toContain('한도 30,000행');
    expect(full.detail).toContain('지워지는 행은 없습니다');
  });

  it('a click shows the whole orders tab', () => {
    expect(todayFilter('ordersTabFull', new Set())).toMatchObject({ tests: [], what: '주문 탭 전체' });
  });
});
