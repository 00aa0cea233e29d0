/** Cafe24's products as the port asks for them: what Cafe24 refuses, and the push (push-products.ts). */
import type { ProductsCapability } from '../port';
import { pushProducts } from './push-products';

/** Cafe24's limits on what we send (reference §5). */
export const CUSTOM_CODE_MAX = 40;
export const PRODUCT_NAME_MAX = 250;

export const cafe24Products: ProductsCapability = {
  refusal(f) {
    if (f.customProductCode !== undefined && f.customProductCode.length > CUSTOM_CODE_MAX) {
      return `SKU가 ${CUSTOM_CODE_MAX}자를 넘어 카페24 자체상품코드로 쓸 수 없습니다 (${f.customProductCode.length}자)`;
    }
    if (f.productName !== undefined && f.productName.length > PRODUCT_NAME_MAX) {
      return `상품명(옵션 포함)이 ${PRODUCT_NAME_MAX}자를 넘습니다 (${f.productName.length}자)`;
    }
    return null;
  },
  push: pushProducts,
};
