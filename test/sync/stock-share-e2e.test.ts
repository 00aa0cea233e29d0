import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, runClean, tabRows } from '../e2e';

/**
 * Each mall's stock stays at its share. A mall takes its own sales off its stock; the add-on
 * sends a mall a number only when the share differs from what the mall holds, so a sale the
 * floor hides (the share does not move, the mall went down by one) must still be sent.
 * End to end: the built bundle in the local runtime against the fake Cafe24, the demo's morning
 * (NJ-MUG at 60/30/30 %, which the oversell guard scales by 100/120), then hours of one-unit
 * orders at the three malls in turn, none shipped.
 */
const MUG = { PNR001: ['najalran', 'P000000N000A'], PNR002: ['borasaeg', 'P00000A2000A'], PNR003: ['undercoco', 'P0000008000A'] } as const;
const RATIO = { PNR001: 60, PNR002: 30, PNR003: 30 } as const;
const WAREHOUSE = 1_000;
const SAFETY = 2;
const ORDERS = 135;

function mallQuantity(r: SandboxResult, mallId: string, variantCode: string): number {
  const state = r.channels.get('cafe24')!.state() as { malls: Record<string, { products: Array<{ variants: Array<{ variant_code: string; quantity: number }> }> }> };
  const variant = state.malls[mallId]!.products.flatMap((p) => p.variants).find((v) => v.variant_code === variantCode);
  if (!variant) throw new Error(`${mallId} has no variant ${variantCode}`);
  return variant.quantity;
}

describe("each mall's stock stays at its share", () => {
  let r: SandboxResult;
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('ends a long run of orders with every mall holding exactly its share of what is left', async () => {
    const partners = Object.keys(MUG) as Array<keyof typeof MUG>;
    // One unit every 55 s from +15m, the malls in turn: 135 orders over two hours.
    const orders = Array.from({ length: ORDERS }, (_, k) => {
      const [mallId, variant_code] = MUG[partners[k % 3]!];
      const s = 15 * 60 + k * 55;
      return { at: `+${Math.floor(s / 60)}m${s % 60}s`, type: 'channel', channel: 'cafe24', action: 'addOrder', args: [mallId, { buyer: { name: '이서준' }, items: [{ variant_code, quantity: 1 }] }] };
    });
    r = await runClean({
      name: 'stock share',
      duration: '140m',
      events: [...demoMorning(), { at: '+12m', type: 'edit', sheet: '상품', range: 'G2', values: [[WAREHOUSE]] }, ...orders],
    });
    // Every order reached the sheet and reserves its unit (none shipped).
    const collected = tabRows(r, '주문').filter((x) => x.SKU === 'NJ-MUG' && x['주문자'] === '이서준').length;
    const reserved = tabRows(r, '주문')
      .filter((x) => x.SKU === 'NJ-MUG' && String(x['출고일시']) === '' && /\((N00|N10|N20|N21|N22)\)/.test(String(x['주문상태'])))
      .reduce((a, x) => a + Number(x['수량']), 0);
    expect(collected).toBeGreaterThanOrEqual(ORDERS);
    // The share, computed here on its own: ⌊(warehouse − safety − reserved) × ratio × 100/120⌋.
    const available = WAREHOUSE - SAFETY - reserved;
    const share = (p: keyof typeof RATIO) => Math.floor((available * RATIO[p]) / 120);
    const held = Object.fromEntries(partners.map((p) => [p, mallQuantity(r, MUG[p][0], MUG[p][1])]));
    expect(held).toEqual(Object.fromEntries(partners.map((p) => [p, share(p)])));
    // And the sheet says the same: 전송재고 is what the mall holds.
    const rows = tabRows(r, '연동재고율').filter((x) => x.SKU === 'NJ-MUG');
    expect(Object.fromEntries(rows.map((x) => [x['파트너ID'], x['전송재고']]))).toEqual(held);
  }, 600_000);
});
