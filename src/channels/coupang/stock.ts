/**
 * Coupang's stock as the port asks for it (B7). A quantity is set per vendor item
 * (`PUT …/vendor-items/{vendorItemId}/quantities/{quantity}`, no body). Our SKU is the vendor
 * item's `externalVendorSku` (판매자 관리코드, which orders echo as `externalVendorSkuCode`), so the
 * catalog lists the seller's products (nextToken paging) and reads each one for its items:
 * address = { productNo: sellerProductId, variantCode: vendorItemId }.
 */
import type { ChannelAccount, PagedRead, StockAddress, StockCapability } from '../port';
import type { CoupangAccount } from './account';
import { paths, query } from './paths';
import { parse, ProductList, ProductOne, QuantitySet } from './schemas';
import { coupangRequest, wing } from './transport';

type Entry = { readonly sku: string; readonly address: StockAddress };
export const PRODUCTS_PER_PAGE = 50;

function productsPage(a: CoupangAccount, token: string): PagedRead<Entry> {
  return {
    request: coupangRequest(
      a,
      'sellerProducts.list',
      (s) => wing(s, 'get', paths.sellerProducts(), query({ vendorId: a.vendorId, nextToken: token, maxPerPage: PRODUCTS_PER_PAGE })),
      (r) => {
        const page = parse('sellerProducts.list', a.vendorId, ProductList, r);
        const next = page.nextToken ?? '';
        return { items: [], next: details(a, page.data.map((p) => p.sellerProductId), next === '' ? null : productsPage(a, next)) };
      },
    ),
  };
}

function details(a: CoupangAccount, ids: readonly number[], after: PagedRead<Entry> | null): PagedRead<Entry> | null {
  const [id, ...rest] = ids;
  if (id === undefined) return after;
  return {
    request: coupangRequest(
      a,
      'sellerProducts.get',
      (s) => wing(s, 'get', paths.sellerProduct(id)),
      (r) => {
        const p = parse('sellerProducts.get', a.vendorId, ProductOne, r).data;
        const items = p.items.filter((i) => i.vendorItemId != null && i.externalVendorSku !== '').map((i) => ({ sku: i.externalVendorSku, address: { productNo: String(p.sellerProductId), variantCode: String(i.vendorItemId) } }));
        return { items, next: details(a, rest, after) };
      },
    ),
  };
}

export const coupangStock: StockCapability = {
  catalog: (account: ChannelAccount) => productsPage(account as CoupangAccount, ''),
  setQuantity(account, address, quantity) {
    const a = account as CoupangAccount;
    const q = Math.max(0, Math.floor(quantity));
    return coupangRequest(a, 'vendorItems.quantity', (s) => wing(s, 'put', paths.quantity(address.variantCode, q)), (r) => void parse('vendorItems.quantity', a.vendorId, QuantitySet, r));
  },
};
