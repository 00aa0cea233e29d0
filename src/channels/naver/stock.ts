/**
 * Naver's stock as the port asks for it. Our SKU is the product's 판매자 관리코드
 * (`sellerManagementCode`) for a product without options, or an option combination's
 * `sellerManagerCode`; the address is the origin product number (what orders carry as
 * `originalProductId`) and, for an option, the combination's id (`optionCode`). The catalog
 * pages the store's products (`POST /v1/products/search`, 50 a page) and reads each one
 * (`GET /v2/products/origin-products/{no}`) for its options. A quantity is set with the
 * multi-update's STOCK for a product, `option-stock` for one combination (reference A6).
 */
import * as z from '../../core/zod';
import { builtOnUse } from '../../core/zod-helpers';
import type { ChannelAccount, PagedRead, StockAddress, StockCapability } from '../port';
import { getOriginProduct, searchProducts, setOptionStock, setProductStock } from './requests';
import { OriginProductAnswer, readJson, SearchAnswer } from './schemas';
import { naverRequest } from './transport';

export const SEARCH_SIZE = 50;

/** Any JSON object: these answers say nothing the add-on needs beyond their 2xx. */
const OkAnswer = builtOnUse(() => z.looseObject({}));

type Entry = { readonly sku: string; readonly address: StockAddress };

function productRead(account: ChannelAccount, products: readonly number[], i: number, nextPage: number | null): PagedRead<Entry> {
  const no = String(products[i]!);
  return {
    request: naverRequest(account, 'products.get', (s) => getOriginProduct(s, no), (r) => {
      const p = readJson('products.get', account.accountId, OriginProductAnswer, r).originProduct;
      const combos = p.detailAttribute?.optionInfo?.optionCombinations ?? [];
      const items: Entry[] = [];
      if (combos.length > 0) {
        for (const c of combos) if (c.sellerManagerCode) items.push({ sku: c.sellerManagerCode, address: { productNo: no, variantCode: String(c.id) } });
      } else {
        const sku = p.detailAttribute?.sellerCodeInfo?.sellerManagementCode;
        if (sku) items.push({ sku, address: { productNo: no, variantCode: '' } });
      }
      const next = i + 1 < products.length ? productRead(account, products, i + 1, nextPage) : nextPage === null ? null : searchRead(account, nextPage);
      return { items, next };
    }),
  };
}

function searchRead(account: ChannelAccount, page: number): PagedRead<Entry> {
  return {
    request: naverRequest(account, 'products.search', (s) => searchProducts(s, page, SEARCH_SIZE), (r) => {
      const answer = readJson('products.search', account.accountId, SearchAnswer, r);
      const products = answer.contents.map((c) => c.originProductNo);
      const more = answer.last === false || (answer.last === undefined && products.length === SEARCH_SIZE) ? page + 1 : null;
      return { items: [], next: products.length > 0 ? productRead(account, products, 0, more) : more === null ? null : searchRead(account, more) };
    }),
  };
}

export const naverStock: StockCapability = {
  catalog: (account) => searchRead(account, 1),
  setQuantity(account, address, quantity) {
    const product = address.productNo;
    return address.variantCode === ''
      ? naverRequest(account, 'products.stock', (s) => setProductStock(s, Number(product), quantity), (r) => void readJson('products.stock', account.accountId, OkAnswer, r))
      : naverRequest(account, 'products.optionStock', (s) => setOptionStock(s, product, Number(address.variantCode), quantity), (r) => void readJson('products.optionStock', account.accountId, OkAnswer, r));
  },
};

