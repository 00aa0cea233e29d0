/**
 * The product APIs the stock push needs (reference A6): stock by origin product
 * (`PATCH /v1/products/origin-products/multi-update`, type STOCK) and by option combination
 * (`PUT /v1/products/origin-products/{no}/option-stock`), reading one product
 * (`GET /v2/products/origin-products/{no}`), and the product list (`POST /v1/products/search`,
 * which the reference does not cover: see README, "Not in the reference").
 */
import { apiError, badRequest, type Reply } from './errors';
import type { NaverCore, StoreState } from './model';
import type { OriginProductT } from './seed-schema';

const MAX_STOCK = 99_999_999;
export const SEARCH_MAX_SIZE = 500;

const combos = (p: OriginProductT) => p.originProduct.detailAttribute.optionInfo?.optionCombinations ?? [];

/** A product's stock follows its options when it has any; 0 → OUTOFSTOCK, back above 0 → SALE. */
function settle(p: OriginProductT): void {
  const options = combos(p);
  if (options.length > 0) p.originProduct.stockQuantity = options.reduce((n, c) => n + (c.usable ? c.stockQuantity : 0), 0);
  const o = p.originProduct;
  if (o.stockQuantity === 0 && o.statusType === 'SALE') o.statusType = 'OUTOFSTOCK';
  else if (o.stockQuantity > 0 && o.statusType === 'OUTOFSTOCK') o.statusType = 'SALE';
}

export function getOriginProduct(core: NaverCore, store: StoreState, no: string): Reply {
  const p = /^\d+$/.test(no) ? store.products.get(Number(no)) : undefined;
  if (!p) return apiError(core, 404, 'NOT_FOUND', `상품을 찾을 수 없습니다: ${no}`);
  return { status: 200, headers: {}, body: { originProduct: p.originProduct, smartstoreChannelProduct: { channelProductNo: p.channelProductNo } } };
}

export function searchProducts(core: NaverCore, store: StoreState, body: any): Reply {
  const page = body?.page ?? 1;
  const size = body?.size ?? 50;
  if (!Number.isInteger(page) || page < 1) return badRequest(core, 'page는 1 이상의 정수입니다.', 'page');
  if (!Number.isInteger(size) || size < 1 || size > SEARCH_MAX_SIZE) return badRequest(core, `size는 1~${SEARCH_MAX_SIZE}입니다.`, 'size');
  const all = [...store.products.values()].filter((p) => p.originProduct.statusType !== 'DELETE').sort((a, b) => a.originProductNo - b.originProductNo);
  const slice = all.slice((page - 1) * size, page * size);
  const totalPages = Math.ceil(all.length / size);
  return {
    status: 200,
    headers: {},
    body: {
      contents: slice.map((p) => ({
        originProductNo: p.originProductNo,
        channelProducts: [
          {
            originProductNo: p.originProductNo,
            channelProductNo: p.channelProductNo,
            channelServiceType: 'STOREFARM',
            name: p.originProduct.name,
            statusType: p.originProduct.statusType,
            salePrice: p.originProduct.salePrice,
            stockQuantity: p.originProduct.stockQuantity,
            sellerManagementCode: p.originProduct.detailAttribute.sellerCodeInfo?.sellerManagementCode ?? null,
          },
        ],
      })),
      page,
      size,
      totalElements: all.length,
      totalPages,
      first: page === 1,
      last: page >= totalPages,
    },
  };
}

export function multiUpdate(core: NaverCore, store: StoreState, body: any): Reply {
  const list = body?.multiProductUpdateRequestVos;
  if (!Array.isArray(list) || list.length === 0) return badRequest(core, 'multiProductUpdateRequestVos는 비어 있지 않은 배열입니다.', 'multiProductUpdateRequestVos');
  // Validate all before changing any: the call is one request.
  for (const [i, vo] of (list as any[]).entries()) {
    const p = store.products.get(vo?.originProductNo);
    const at = `multiProductUpdateRequestVos[${i}]`;
    if (!p) return apiError(core, 404, 'NOT_FOUND', `상품을 찾을 수 없습니다: ${vo?.originProductNo}`);
    if (!Array.isArray(vo.multiUpdateTypes) || vo.multiUpdateTypes.length === 0) return badRequest(core, 'multiUpdateTypes는 필수입니다.', `${at}.multiUpdateTypes`);
    if (vo.multiUpdateTypes.includes('STOCK')) {
      if (!Number.isInteger(vo.stockQuantity) || vo.stockQuantity < 0 || vo.stockQuantity > MAX_STOCK) return badRequest(core, `stockQuantity는 0~${MAX_STOCK}의 정수입니다.`, `${at}.stockQuantity`);
      if (combos(p).length > 0) return badRequest(core, '옵션 재고를 사용하는 상품은 옵션별로 재고를 수정해야 합니다.', `${at}.stockQuantity`);
    }
  }
  for (const vo of list as any[]) {
    const p = store.products.get(vo.originProductNo)!;
    if (vo.multiUpdateTypes.includes('STOCK')) p.originProduct.stockQuantity = vo.stockQuantity;
    if (vo.multiUpdateTypes.includes('PRODUCT_STATUS_SUSPENSION')) p.originProduct.statusType = 'SUSPENSION';
    if (vo.multiUpdateTypes.includes('PRODUCT_STATUS_SALE')) p.originProduct.statusType = 'SALE';
    settle(p);
  }
  return { status: 200, headers: {}, body: { code: 'SUCCESS', message: '성공', data: null } };
}

export function optionStock(core: NaverCore, store: StoreState, no: string, body: any): Reply {
  const p = /^\d+$/.test(no) ? store.products.get(Number(no)) : undefined;
  if (!p) return apiError(core, 404, 'NOT_FOUND', `상품을 찾을 수 없습니다: ${no}`);
  const sent = body?.optionInfo?.optionCombinations;
  if (!Array.isArray(sent)) return badRequest(core, 'optionInfo.optionCombinations는 필수입니다.', 'optionInfo.optionCombinations');
  const existing = combos(p);
  for (const [i, c] of (sent as any[]).entries()) {
    if (!existing.some((e) => e.id === c?.id)) return badRequest(core, `옵션 조합을 찾을 수 없습니다: ${c?.id}`, `optionInfo.optionCombinations[${i}].id`);
    if (!Number.isInteger(c.stockQuantity) || c.stockQuantity < 0 || c.stockQuantity > MAX_STOCK) return badRequest(core, `stockQuantity는 0~${MAX_STOCK}의 정수입니다.`, `optionInfo.optionCombinations[${i}].stockQuantity`);
  }
  if (core.options.optionStockPartial === 'reject' && sent.length !== existing.length) return badRequest(core, '모든 옵션 조합을 보내야 합니다.', 'optionInfo.optionCombinations');
  for (const c of sent as any[]) {
    const e = existing.find((x) => x.id === c.id)!;
    e.stockQuantity = c.stockQuantity;
    if (typeof c.price === 'number') e.price = c.price;
    if (typeof c.usable === 'boolean') e.usable = c.usable;
  }
  settle(p);
  return { status: 200, headers: {}, body: {} };
}
