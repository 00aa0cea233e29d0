import type { Cafe24Connection, Cafe24Error, Cafe24VariantRef, ProductScan } from '../../channels/cafe24';
import { advanceProductScan, listProducts, parse, productPageOf, ProductsList, startProductScan, variantRefs } from '../../channels/cafe24';
import type { Cafe24Gateway } from './gateway';

/**
 * Which product and variant of each mall carries each of our SKUs (the manufacturer's code in
 * the variant's or product's custom code): what a stock push needs to address. All malls'
 * pages go out together, keyset-paged (`since_product_no`, no offset cap).
 */
export interface CatalogResult {
  /** partnerId → sku → the variant carrying it (the first, when a mall lists a SKU twice). */
  readonly refs: ReadonlyMap<string, ReadonlyMap<string, Cafe24VariantRef>>;
  readonly errors: ReadonlyArray<{ partnerId: string; error: Cafe24Error; deferred: boolean }>;
}

export function readCatalogs(conns: readonly Cafe24Connection[], gateway: Cafe24Gateway): CatalogResult {
  const scans = new Map<string, { conn: Cafe24Connection; scan: ProductScan }>(conns.map((c) => [c.partnerId, { conn: c, scan: startProductScan() }]));
  const refs = new Map<string, Map<string, Cafe24VariantRef>>(conns.map((c) => [c.partnerId, new Map()]));
  const errors: Array<{ partnerId: string; error: Cafe24Error; deferred: boolean }> = [];
  while (scans.size > 0) {
    const round = [...scans.values()];
    const outcomes = gateway.run(
      round.map(({ conn, scan }) => ({
        conn,
        call: 'products.list' as const,
        build: (s) => listProducts(s, productPageOf(scan), { embedVariants: true }),
        read: (r) => parse('products.list', conn.mallId, ProductsList, r).products,
      })),
    );
    round.forEach(({ conn, scan }, i) => {
      const o = outcomes[i]!;
      if (!o.ok) {
        errors.push({ partnerId: conn.partnerId, error: o.error, deferred: o.deferred });
        scans.delete(conn.partnerId);
        refs.delete(conn.partnerId);
        return;
      }
      const mine = refs.get(conn.partnerId)!;
      for (const product of o.value) {
        for (const ref of variantRefs(conn, product)) if (ref.sku && !mine.has(ref.sku)) mine.set(ref.sku, ref);
      }
      const next = advanceProductScan(scan, o.value.map((p) => p.product_no));
      if (next.done) scans.delete(conn.partnerId);
      else scans.get(conn.partnerId)!.scan = next;
    });
  }
  return { refs, errors };
}
