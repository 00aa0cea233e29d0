/**
 * Stock offered to the malls: available = warehouse − safety − reserved (never below 0); each
 * partner gets floor(available × its ratio) where it sells the SKU; ratios over 100% in total
 * warn, and the oversell guard scales them down. Only changed quantities are sent.
 */
import { ORDER_LINE_STATUSES, type OrderLineStatus } from '../../src/core/order';
import { allocateStock, lowersFirst, reservedUnits, stockChanges, stockInMall, stockKey, type StockInput, type StockShare, type StockTarget } from '../../src/core/stock';

const line = (sku: string | null, quantity: number, status: OrderLineStatus) => ({ sku, quantity, status });
const share = (sku: string, partnerId: string, ratio: number, sellable = true): StockShare => ({ sku, partnerId, ratio, sellable });
const product = (sku: string, warehouseStock: number, safetyStock = 0) => ({ sku, warehouseStock, safetyStock });
const allocate = (o: Partial<StockInput>) => allocateStock({ products: [], reserved: new Map(), shares: [], oversellGuard: true, ...o });
const target = (sku: string, partnerId: string, quantity: number, computation: string): StockTarget => ({ sku, partnerId, quantity, computation });

describe('reserved units: what collected orders will still take from the warehouse', () => {
  const STILL_TO_SHIP: OrderLineStatus[] = ['paid', 'preparing', 'standby', 'cancelRequested', 'exchangeRequested'];
  const GONE_OR_NEVER: OrderLineStatus[] = ['shipping', 'delivered', 'cancelled', 'returned', 'exchanged', 'refunded', 'returnRequested'];

  test('a line with a shipping time has left, whatever its status (the original item of an open exchange)', () => {
    expect(reservedUnits([{ ...line('A', 1, 'exchangeRequested'), shippedAt: 1 }, { ...line('A', 1, 'exchangeRequested'), shippedAt: null }])).toEqual(new Map([['A', 1]]));
  });
  test.each(STILL_TO_SHIP)('a %s line is reserved', (status) => {
    expect(reservedUnits([line('A', 3, status)])).toEqual(new Map([['A', 3]]));
  });

  test.each(GONE_OR_NEVER)('a %s line is not reserved (it has left the warehouse, or never will)', (status) => {
    expect(reservedUnits([line('A', 3, status)])).toEqual(new Map());
  });

  test('every order status is decided one way or the other', () => {
    expect([...STILL_TO_SHIP, ...GONE_OR_NEVER].sort()).toEqual([...ORDER_LINE_STATUSES].sort());
  });

  test('units add up per SKU across lines and orders', () => {
    const lines = [line('A', 2, 'paid'), line('B', 1, 'preparing'), line('A', 5, 'standby'), line('A', 4, 'shipping')];
    expect(reservedUnits(lines)).toEqual(new Map([['A', 7], ['B', 1]]));
  });

  test('lines without SKU are ignored', () => {
    expect(reservedUnits([line(null, 2, 'paid'), line('', 3, 'paid')])).toEqual(new Map());
  });
});

describe('allocating stock to partners', () => {
  test("the issue's example: 120 in stock, 2 reserved, 30% → 35, with how it was computed", () => {
    const r = allocate({ products: [product('A', 120)], reserved: new Map([['A', 2]]), shares: [share('A', 'PNR002', 30)] });
    expect(r).toEqual({ targets: [target('A', 'PNR002', 35, '120 − 2 예약 = 118 × 30% = 35')], warnings: [] });
  });

  test('safety stock is never offered, and the computation says so', () => {
    const r = allocate({ products: [product('A', 120, 10)], reserved: new Map([['A', 2]]), shares: [share('A', 'PNR002', 30)] });
    expect(r.targets).toEqual([target('A', 'PNR002', 32, '120 − 10 안전재고 − 2 예약 = 108 × 30% = 32')]);
  });

  test('with nothing to deduct the computation starts from the warehouse stock', () => {
    const r = allocate({ products: [product('A', 120)], shares: [share('A', 'PNR001', 100)] });
    expect(r.targets).toEqual([target('A', 'PNR001', 120, '120 × 100% = 120')]);
  });

  test('shares are floored, never rounded up', () => {
    const r = allocate({ products: [product('A', 10)], shares: [share('A', 'P1', 39), share('A', 'P2', 61)] });
    expect(r.targets.map((t) => t.quantity)).toEqual([3, 6]);
  });

  test('fractional ratios are exact to 0.01% (no floating-point unit lost)', () => {
    // 375 × 18.4% is exactly 69; in floating point 375 × 18.4 / 100 is 68.99999… and would floor to 68.
    const r = allocate({ products: [product('A', 375), product('B', 10000)], shares: [share('A', 'P1', 18.4), share('B', 'P1', 0.29)] });
    expect(r.targets).toEqual([target('A', 'P1', 69, '375 × 18.4% = 69'), target('B', 'P1', 29, '10,000 × 0.29% = 29')]);
  });

  test('large numbers are shown with thousands separators', () => {
    const r = allocate({ products: [product('A', 1200)], reserved: new Map([['A', 2]]), shares: [share('A', 'P1', 30)] });
    expect(r.targets[0]!.computation).toBe('1,200 − 2 예약 = 1,198 × 30% = 359');
  });

  test('a partner that does not sell the SKU gets 0', () => {
    const r = allocate({ products: [product('A', 120)], shares: [share('A', 'P1', 30, false)] });
    expect(r.targets).toEqual([target('A', 'P1', 0, '판매 안 함 → 0')]);
  });

  test('available never goes below 0: more reserved than on the shelf offers 0, and says so', () => {
    const r = allocate({ products: [product('A', 5, 3)], reserved: new Map([['A', 4]]), shares: [share('A', 'P1', 30)] });
    expect(r.targets).toEqual([target('A', 'P1', 0, '5 − 3 안전재고 − 4 예약 = −2 → 0 × 30% = 0')]);
  });

  test('reserved units of other SKUs do not matter', () => {
    const r = allocate({ products: [product('A', 100)], reserved: new Map([['B', 50]]), shares: [share('A', 'P1', 50)] });
    expect(r.targets[0]!.quantity).toBe(50);
  });

  describe('ratios that add up to more than 100%', () => {
    const input = { products: [product('A', 120)], reserved: new Map([['A', 2]]), shares: [share('A', 'P1', 30), share('A', 'P2', 50), share('A', 'P3', 50)] };

    test('with the oversell guard, each share is scaled by 100/sum, so together they fit in what is available', () => {
      const r = allocate({ ...input, oversellGuard: true });
      expect(r.targets).toEqual([
        target('A', 'P1', 27, '120 − 2 예약 = 118 × 30% × 100/130 = 27'),
        target('A', 'P2', 45, '120 − 2 예약 = 118 × 50% × 100/130 = 45'),
        target('A', 'P3', 45, '120 − 2 예약 = 118 × 50% × 100/130 = 45'),
      ]);
      expect(r.targets.reduce((s, t) => s + t.quantity, 0)).toBeLessThanOrEqual(118);
      expect(r.warnings).toEqual([{ sku: 'A', message: expect.stringContaining('연동재고율 합계 130% (100% 초과)') }]);
      expect(r.warnings[0]!.message).toContain('초과판매 방지');
    });

    test('without the guard the shares are as set, and the warning says how much is offered against what is available', () => {
      const r = allocate({ ...input, oversellGuard: false });
      expect(r.targets.map((t) => [t.quantity, t.computation])).toEqual([
        [35, '120 − 2 예약 = 118 × 30% = 35'],
        [59, '120 − 2 예약 = 118 × 50% = 59'],
        [59, '120 − 2 예약 = 118 × 50% = 59'],
      ]);
      expect(r.warnings).toEqual([{ sku: 'A', message: '연동재고율 합계 130% (100% 초과) — 초과판매 방지 꺼짐: 파트너 합계 153개 / 가용 118개' }]);
    });

    test('only partners that sell the SKU count toward the sum', () => {
      const r = allocate({ products: [product('A', 100)], shares: [share('A', 'P1', 70), share('A', 'P2', 50, false)] });
      expect(r.warnings).toEqual([]);
      expect(r.targets.map((t) => t.quantity)).toEqual([70, 0]);
    });

    test('exactly 100% is neither warned about nor scaled', () => {
      const r = allocate({ products: [product('A', 100)], shares: [share('A', 'P1', 40), share('A', 'P2', 60)] });
      expect(r.warnings).toEqual([]);
      expect(r.targets.map((t) => t.computation)).toEqual(['100 × 40% = 40', '100 × 60% = 60']);
    });

    test('each SKU is summed on its own', () => {
      const r = allocate({
        products: [product('A', 100), product('B', 100)],
        shares: [share('A', 'P1', 60), share('A', 'P2', 60), share('B', 'P1', 60), share('B', 'P2', 40)],
      });
      expect(r.warnings.map((w) => w.sku)).toEqual(['A']);
      expect(r.targets.map((t) => `${t.sku}${t.partnerId}=${t.quantity}`)).toEqual(['AP1=50', 'AP2=50', 'BP1=60', 'BP2=40']);
    });
  });

  test('a share for a SKU the products do not have offers 0, with a warning', () => {
    const r = allocate({ products: [product('A', 100)], shares: [share('GHOST', 'P1', 30), share('GHOST', 'P2', 30)] });
    expect(r.targets).toEqual([target('GHOST', 'P1', 0, '상품 정보 없음 → 0'), target('GHOST', 'P2', 0, '상품 정보 없음 → 0')]);
    expect(r.warnings).toEqual([{ sku: 'GHOST', message: '상품 탭에서 SKU GHOST을(를) 읽을 수 없어 재고 0을 보냅니다' }]);
  });

  test('a SKU listed twice among the products is ambiguous and offers 0', () => {
    const r = allocate({ products: [product('A', 100), product('A', 5)], shares: [share('A', 'P1', 30)] });
    expect(r.targets).toEqual([target('A', 'P1', 0, '상품 행 중복 → 0')]);
    expect(r.warnings).toHaveLength(1);
  });

  test('two shares for the same SKU and partner are ambiguous: one target of 0, with a warning', () => {
    const r = allocate({ products: [product('A', 100)], shares: [share('A', 'P1', 30), share('A', 'P1', 90), share('A', 'P2', 50)] });
    expect(r.targets).toEqual([target('A', 'P1', 0, '연동재고율 행 중복 → 0'), target('A', 'P2', 50, '100 × 50% = 50')]);
    expect(r.warnings).toEqual([{ sku: 'A', message: '파트너 P1의 연동재고율 행이 여러 개라 재고 0을 보냅니다' }]);
  });

  test('a product nobody links to yields no target', () => {
    expect(allocate({ products: [product('A', 100)] })).toEqual({ targets: [], warnings: [] });
  });

  test('targets come ordered by SKU, then partner, whatever the input order', () => {
    const r = allocate({
      products: [product('B', 10), product('A', 10)],
      shares: [share('B', 'P2', 10), share('A', 'P2', 10), share('B', 'P1', 10), share('A', 'P1', 10)],
    });
    expect(r.targets.map((t) => stockKey(t.sku, t.partnerId))).toEqual(['A|P1', 'A|P2', 'B|P1', 'B|P2']);
  });

  test('with the guard on, no SKU is ever offered more than is available (random inputs)', () => {
    const random = mulberry32(20261123);
    const int = (n: number) => Math.floor(random() * n);
    for (let run = 0; run < 500; run++) {
      const skus = Array.from({ length: 1 + int(4) }, (_, i) => `S${i}`);
      const products = skus.map((sku) => product(sku, int(2000), int(50)));
      const reserved = new Map(skus.map((sku) => [sku, int(300)]));
      const shares = skus.flatMap((sku) =>
        Array.from({ length: int(6) }, (_, p) => share(sku, `P${p}`, int(3) === 0 ? int(10001) / 100 : int(101), int(5) !== 0)),
      );
      const { targets } = allocateStock({ products, reserved, shares, oversellGuard: true });
      for (const p of products) {
        const available = Math.max(0, p.warehouseStock - p.safetyStock - reserved.get(p.sku)!);
        const offered = targets.filter((t) => t.sku === p.sku);
        for (const t of offered) expect(Number.isInteger(t.quantity) && t.quantity >= 0).toBe(true);
        expect(offered.reduce((s, t) => s + t.quantity, 0)).toBeLessThanOrEqual(available);
      }
    }
  });
});

describe('stock changes: only what differs from what was last sent', () => {
  const targets = [target('A', 'P1', 35, ''), target('A', 'P2', 0, ''), target('B', 'P1', 12, ''), target('B', 'P2', 0, '')];

  test('unchanged quantities are not sent; changed and never-sent ones are, in order', () => {
    const lastPushed = new Map([
      ['A|P1', 35],
      ['A|P2', 3],
      ['B|P2', 0],
    ]);
    expect(stockChanges(targets, lastPushed).map((t) => stockKey(t.sku, t.partnerId))).toEqual(['A|P2', 'B|P1']);
  });

  test('a 0 never sent is sent (the mall may still show stock)', () => {
    expect(stockChanges([target('A', 'P1', 0, '')], new Map())).toHaveLength(1);
  });

  describe('from one run to the next', () => {
    const shares = [share('A', 'P1', 50), share('A', 'P2', 50), share('B', 'P1', 100)];
    const run = (a: number, lines: Parameters<typeof reservedUnits>[0] = []) =>
      allocate({ products: [product('A', a), product('B', 10)], reserved: reservedUnits(lines), shares }).targets;
    const pushed = (ts: StockTarget[]) => new Map(ts.map((t) => [stockKey(t.sku, t.partnerId), t.quantity]));
    const sent = (ts: StockTarget[]) => ts.map((t) => `${stockKey(t.sku, t.partnerId)}=${t.quantity}`);
    const lastPushed = pushed(run(100));

    test('nothing changed, nothing is sent', () => {
      expect(stockChanges(run(100), lastPushed)).toEqual([]);
    });

    test('a warehouse stock edit sends the changed quantities of that SKU only', () => {
      expect(sent(stockChanges(run(120), lastPushed))).toEqual(['A|P1=60', 'A|P2=60']);
    });

    test('a new order reserves units and sends the lowered quantities', () => {
      expect(sent(stockChanges(run(100, [line('A', 2, 'paid')]), lastPushed))).toEqual(['A|P1=49', 'A|P2=49']);
    });

    test('a completed cancel releases them again', () => {
      const afterOrder = pushed(run(100, [line('A', 2, 'paid')]));
      expect(sent(stockChanges(run(100, [line('A', 2, 'cancelled')]), afterOrder))).toEqual(['A|P1=50', 'A|P2=50']);
    });
  });
});

describe('what each mall holds: pushed, less the sales it collected since', () => {
  // A at 100 in the warehouse, 30% to P1 and P2: 30 each.
  const shares = [share('A', 'P1', 30), share('A', 'P2', 30)];
  const run = (lines: Parameters<typeof reservedUnits>[0] = []) => allocate({ products: [product('A', 100)], reserved: reservedUnits(lines), shares }).targets;
  const lastPushed = new Map([
    ['A|P1', 30],
    ['A|P2', 30],
  ]);
  const sold = (partnerId: string, quantity: number, status: OrderLineStatus = 'paid') => ({ sku: 'A', partnerId, quantity, status });
  const sent = (ts: StockTarget[]) => ts.map((t) => `${stockKey(t.sku, t.partnerId)}=${t.quantity}`);

  test('a sale the floor hides is sent to the mall that sold it', () => {
    // P1 sold 2: reserved 2, the share is ⌊98 × 30%⌋ = 29; P1 holds 28, P2 still 30.
    const inMall = stockInMall(lastPushed, [sold('P1', 2)]);
    expect(Object.fromEntries(inMall)).toEqual({ 'A|P1': 28, 'A|P2': 30 });
    expect(sent(stockChanges(run([line('A', 2, 'paid')]), inMall))).toEqual(['A|P1=29', 'A|P2=29']);
  });

  test('with only what was sent to compare, the mall that sold stays short', () => {
    // P1 sold 1: ⌊99 × 30%⌋ = 29 ≠ 30 is sent to both; then P1 sells 1 more: ⌊98 × 30%⌋ = 29 again.
    const afterFirst = new Map([
      ['A|P1', 29],
      ['A|P2', 29],
    ]);
    const targets = run([line('A', 2, 'paid')]);
    expect(stockChanges(targets, afterFirst)).toEqual([]);
    expect(sent(stockChanges(targets, stockInMall(afterFirst, [sold('P1', 1)])))).toEqual(['A|P1=29']);
  });

  test('a sale first seen cancelled or refunded took nothing; a pair never pushed stays unknown; no mall holds less than 0', () => {
    expect(Object.fromEntries(stockInMall(lastPushed, [sold('P1', 3, 'cancelled'), sold('P2', 2, 'refunded'), sold('P3', 4), sold('P2', 40)]))).toEqual({ 'A|P1': 30, 'A|P2': 0 });
  });

  test('lowered quantities are sent first', () => {
    const inMall = new Map([
      ['A|P1', 10],
      ['A|P2', 50],
    ]);
    expect(sent(lowersFirst(stockChanges(run(), inMall), inMall))).toEqual(['A|P2=30', 'A|P1=30']);
  });
});

/** A small seeded PRNG, so the random specification is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
