/**
 * Staff paste their stock ratios over the rows the sync had already made, in another order (one
 * partner's SKUs after another's, where the sync had listed one SKU's partners after another's).
 * The rows' own cells from before (what was sent, the mall's product and variant) described other
 * pairs; the paste clears them, so every row ends pointing at its own SKU in its own mall and no
 * mall is sent one SKU's share for another's item. End to end on the built bundle.
 */
import { demoMorning, fakeRequests, runClean, tabRows } from '../e2e';

/** The demo's ratios typed partner by partner (the demo types them SKU by SKU, as the sync lists them). */
const byPartner = [
  ['NJ-MUG', 'PNR001', 'TRUE', 60], ['NJ-BLANKET', 'PNR001', 'TRUE', 40], ['NJ-APRON-1', 'PNR001', 'TRUE', 50], ['NJ-APRON-2', 'PNR001', 'TRUE', 50],
  ['NJ-MUG', 'PNR002', 'TRUE', 30], ['NJ-BLANKET', 'PNR002', 'TRUE', 30], ['NJ-APRON-1', 'PNR002', 'TRUE', 30], ['NJ-APRON-2', 'PNR002', 'TRUE', 30],
  ['NJ-MUG', 'PNR003', 'TRUE', 30], ['NJ-BLANKET', 'PNR003', 'TRUE', 30], ['NJ-APRON-1', 'PNR003', 'FALSE', ''], ['NJ-APRON-2', 'PNR003', 'FALSE', ''],
];
const MALL: Record<string, string> = { PNR001: 'najalran', PNR002: 'borasaeg', PNR003: 'undercoco' };

interface Mall {
  products: Array<{ product_no: number; variants: Array<{ variant_code: string; custom_variant_code: string | null }>; custom_product_code: string }>;
}

describe('ratio rows pasted over the rows the sync made, in another order', () => {
  let r: Awaited<ReturnType<typeof runClean>>;
  beforeAll(async () => {
    // The morning without the demo's own ratio paste; a tick adds the twelve rows, then staff paste theirs.
    const morning = demoMorning(10);
    r = await runClean({ name: 'ratio retype', duration: '16m', channels: { cafe24: 'default' }, events: [...morning, { at: '+11m20s', type: 'edit', sheet: '연동재고율', range: 'A2', values: byPartner }] });
  }, 300_000);
  afterAll(async () => r && (await r.runtime.close()));

  it("leaves every row pointing at its own SKU's variant in its own partner's mall", () => {
    const malls = (r.channels.get('cafe24')!.state() as { malls: Record<string, Mall> }).malls;
    const rows = tabRows(r, '연동재고율').filter((x) => x['채널품목코드'] !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const product = malls[MALL[String(row['파트너ID'])]!]!.products.find((p) => String(p.product_no) === String(row['채널상품번호']));
      const variant = product?.variants.find((v) => v.variant_code === row['채널품목코드']);
      expect({ sku: row.SKU, found: variant?.custom_variant_code ?? product?.custom_product_code ?? null }).toEqual({ sku: row.SKU, found: row.SKU });
    }
  });

  it("never takes another pair's item for the row's own: no product said deleted, no push refused", () => {
    const log = tabRows(r, '로그').map((x) => String(x['내용']));
    expect(log.filter((m) => /삭제된 듯합니다|실패/.test(m))).toEqual([]);
    expect(tabRows(r, '연동재고율').filter((x) => /오류|거부/.test(String(x['처리결과'])))).toEqual([]);
    expect(fakeRequests(r).filter((e) => e.method === 'PUT' && e.status >= 400)).toEqual([]);
  });
});
