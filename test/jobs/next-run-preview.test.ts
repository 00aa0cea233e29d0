/**
 * The dry run (pure): what the next sync would send — the stock numbers that changed, the next
 * product batch at the pace, the tracking numbers entered for items that may ship — per partner,
 * in Korean lines that keep names as they are, computed as the run computes it, sending nothing.
 */
import { DAY_ONE_CARRIERS } from '../../src/core/carriers';
import type { OrderLineStatus } from '../../src/core/order';
import type { ShipmentRequest } from '../../src/core/shipping';
import { DEFAULT_PRODUCT_PACE } from '../../src/jobs/product-push';
import { MAX_LINES, previewNextRun, type NextRunInput } from '../../src/jobs/next-run-preview';
import type { StockRatio } from '../../src/sheet/ratios';
import { partner, product } from './product-fixture';

const T = Date.parse('2026-11-23T10:00:00+09:00');

const ratio = (over: Partial<StockRatio> = {}): StockRatio => ({
  sku: 'TB-001',
  partnerId: 'PNR002',
  sellable: true,
  ratio: 30,
  salePrice: null,
  channelProductNo: '12',
  channelVariantCode: 'P00000AB000A',
  pushedStock: 30,
  ...over,
});

const input = (over: Partial<NextRunInput> = {}): NextRunInput => ({
  now: T,
  products: [product({ warehouseStock: 100 })],
  ratios: [ratio()],
  partners: [partner('PNR001', 'own'), partner('PNR002')],
  connected: new Set(['PNR001', 'PNR002']),
  reserved: new Map(),
  knownMissing: new Set(),
  // Everything already sent as it is: no product step unless a case says so.
  pushState: { pushed: new Map(), waitingSince: new Map() },
  lastBatchAt: T - 60_000,
  pace: DEFAULT_PRODUCT_PACE,
  tracking: [],
  trackingUsed: new Map(),
  carriers: DAY_ONE_CARRIERS,
  ...over,
});

const shipment = (orderId: string, status: OrderLineStatus, trackingNo: string, carrierName = 'CJ대한통운'): ShipmentRequest => ({
  line: {
    partnerId: 'PNR002',
    orderId,
    itemId: `${orderId}-01`,
    receiverName: '김민지',
    receiverPhone: '010-1234-5678',
    receiverZip: '04524',
    receiverAddress1: '서울특별시 중구 세종대로 110',
    receiverAddress2: '',
    status,
  },
  carrierName,
  trackingNo,
});

describe('the next run, previewed', () => {
  it('counts a stock number only when it differs from what the mall was last sent', () => {
    expect(previewNextRun(input()).counts.stock).toBe(0);
    const p = previewNextRun(input({ reserved: new Map([['TB-001', 10]]) }));
    expect(p.counts.stock).toBe(1);
    expect(p.lines).toContainEqual({ job: 'stock', partnerId: 'PNR002', text: '재고 TB-001 → PNR002: 30 → 27' });
    expect(p.byPartner.PNR002).toMatchObject({ stock: 1 });
  });

  it('sends nothing to a mall that is not connected', () => {
    const p = previewNextRun(input({ reserved: new Map([['TB-001', 10]]), connected: new Set(['PNR001']) }));
    expect(p.counts.stock).toBe(0);
    expect(p.byPartner.PNR002).toBeUndefined();
  });

  it('counts a pair without a known address only when the mall might carry it (not known missing)', () => {
    const unaddressed = ratio({ channelProductNo: null, channelVariantCode: null, pushedStock: null });
    expect(previewNextRun(input({ ratios: [unaddressed] })).counts.stock).toBe(1);
    expect(previewNextRun(input({ ratios: [unaddressed], knownMissing: new Set(['TB-001|PNR002']) })).counts.stock).toBe(0);
    expect(previewNextRun(input({ ratios: [{ ...unaddressed, sellable: false }] })).counts.stock).toBe(0);
  });

  it("lists the next product batch by the mall's product name, markup kept as text, and what waits in all", () => {
    const products = Array.from({ length: 7 }, (_, i) => product({ sku: `TB-00${i}`, name: i === 0 ? '<b>굵은</b> 셔츠' : `셔츠 ${i}` }));
    const ratios = products.map((p) => ratio({ sku: p.sku, partnerId: 'PNR001', channelProductNo: null, channelVariantCode: null, pushedStock: null }));
    const p = previewNextRun(input({ products, ratios, lastBatchAt: T - DEFAULT_PRODUCT_PACE.everyMs }));
    expect(p.counts.products).toBe(DEFAULT_PRODUCT_PACE.count);
    expect(p.byPartner.PNR001).toMatchObject({ products: 5, productsWaiting: 7 });
    expect(p.lines.filter((l) => l.job === 'products').map((l) => l.text)).toContain('상품 등록 <b>굵은</b> 셔츠 → PNR001');
    expect(p.productsNextBatchAt).toBe(T + DEFAULT_PRODUCT_PACE.everyMs);
  });

  it('sends no product batch before the pace allows one, and says when the next may go', () => {
    const ratios = [ratio({ partnerId: 'PNR001', channelProductNo: null, channelVariantCode: null })];
    const p = previewNextRun(input({ ratios, lastBatchAt: T - 60_000 }));
    expect(p.counts.products).toBe(0);
    expect(p.byPartner.PNR001).toMatchObject({ products: 0, productsWaiting: 1 });
    expect(p.productsNextBatchAt).toBe(T - 60_000 + DEFAULT_PRODUCT_PACE.everyMs);
    // It agrees with the partner cards' queue: nothing this run, one waiting, and when it goes.
    expect(p.summary).toMatch(/^재고 0건, 상품 0건 \(1건 대기: 다음 묶음 \d\d:\d\d\), 송장 0건$/);
    expect(p.counts).toMatchObject({ products: 0, productsWaiting: 1 });
  });

  it('counts tracking numbers the shipping step would send, and says which it would hold or refuse and why', () => {
    const p = previewNextRun(
      input({
        tracking: [
          shipment('20261123-0000001', 'paid', '6804-0545-0931'),
          shipment('20261123-0000002', 'cancelRequested', '680405450932'),
          shipment('20261123-0000003', 'paid', '12345'),
        ],
      }),
    );
    expect(p.counts.tracking).toBe(1);
    expect(p.byPartner.PNR002).toMatchObject({ tracking: 1 });
    expect(p.lines.filter((l) => l.job === 'tracking').map((l) => l.text)).toEqual([
      '송장 20261123-0000001 CJ대한통운 680405450931 → PNR002',
      '송장 보류 20261123-0000002: 취소 요청이 있어 출고 보류',
      '송장 거부 20261123-0000003: CJ대한통운 송장번호는 10자리 또는 12자리입니다 ("12345"는 5자리)',
    ]);
  });

  it('sends no tracking number to a mall that is not connected', () => {
    expect(previewNextRun(input({ tracking: [shipment('20261123-0000001', 'paid', '680405450931')], connected: new Set(['PNR001']) })).counts.tracking).toBe(0);
  });

  it('sums it up as staff read it, and keeps the list short', () => {
    const products = Array.from({ length: 40 }, (_, i) => product({ sku: `TB-${String(i).padStart(3, '0')}` }));
    const ratios = products.map((p) => ratio({ sku: p.sku, pushedStock: 1 }));
    const p = previewNextRun(input({ products, ratios }));
    // The 40 new products wait for their batch (the last went a minute ago).
    expect(p.summary).toMatch(/^재고 40건, 상품 0건 \(40건 대기: 다음 묶음 \d\d:\d\d\), 송장 0건$/);
    expect(p.lines).toHaveLength(MAX_LINES);
    expect(p.omitted).toBe(40 - MAX_LINES);
  });
});
