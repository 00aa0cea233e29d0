/**
 * Naver's `deliveryCompanyCode`s (reference A5: the main couriers of its list of about 200).
 * Naver has no endpoint listing a seller's couriers: every code is open to every store, so the
 * channel answers this list as a constant, without a request.
 */
import type { Carrier } from '../../core/order';

export const NAVER_CARRIERS: readonly Carrier[] = [
  { code: 'CJGLS', name: 'CJ대한통운' },
  { code: 'HYUNDAI', name: '롯데택배' },
  { code: 'HANJIN', name: '한진택배' },
  { code: 'KGB', name: '로젠택배' },
  { code: 'EPOST', name: '우체국택배' },
  { code: 'KDEXP', name: '경동택배' },
  { code: 'REGISTPOST', name: '우편등기' },
  { code: 'DAESIN', name: '대신택배' },
  { code: 'ILYANG', name: '일양로지스' },
  { code: 'CHUNIL', name: '천일택배' },
  { code: 'HDEXP', name: '합동택배' },
  { code: 'CUPARCEL', name: 'CU편의점택배' },
  { code: 'CVSNET', name: 'GSPostbox택배' },
  { code: 'CH1', name: '기타 택배' },
];

export function carrierName(code: string): string {
  return NAVER_CARRIERS.find((c) => c.code === code)?.name ?? code;
}
