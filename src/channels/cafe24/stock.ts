/**
 * Cafe24's stock as the port asks for it. The catalog says which product and variant of a mall
 * carries each of our SKUs (the manufacturer's code in the variant's or product's custom code),
 * keyset-paged (`since_product_no`, no offset cap); a quantity is set per variant.
 */
import type { ChannelAccount, PagedRead, StockAddress, StockCapability } from '../port';
import type { Cafe24Connection } from './connection';
import { variantRefs } from './mapping';
import { advanceProductScan, startProductScan, type ProductScan } from './paging';
import { listProducts, productPageOf, setInventoryQuantity } from './requests';
import { InventoryOne, parse, ProductsList } from './schemas';
import { cafe24Request } from './transport';

type Entry = { readonly sku: string; readonly address: StockAddress };

function catalogRead(conn: Cafe24Connection, scan: ProductScan): PagedRead<Entry> {
  return {
    request: cafe24Request(
      conn,
      'products.list',
      (s) => listProducts(s, productPageOf(scan), { embedVariants: true }),
      (r) => {
        const products = parse('products.list', conn.mallId, ProductsList, r).products;
        const items: Entry[] = [];
        for (const product of products) {
          for (const ref of variantRefs(conn, product)) if (ref.sku) items.push({ sku: ref.sku, address: { productNo: String(ref.productNo), variantCode: ref.variantCode } });
        }
        const next = advanceProductScan(scan, products.map((p) => p.product_no));
        return { items, next: next.done ? null : catalogRead(conn, next) };
      },
    ),
  };
}

export const cafe24Stock: StockCapability = {
  catalog: (account: ChannelAccount) => catalogRead(account as Cafe24Connection, startProductScan()),
  setQuantity(account, address, quantity) {
    const conn = account as Cafe24Connection;
    return cafe24Request(conn, 'inventories.update', (s) => setInventoryQuantity(s, Number(address.productNo), address.variantCode, quantity), (r) => void parse('inventories.update', conn.mallId, InventoryOne, r));
  },
};
