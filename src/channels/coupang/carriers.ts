/**
 * Coupang's delivery company codes (reference B5; D1 cross-walk). Coupang has no endpoint that
 * lists a seller's carriers: every code below is accepted from every seller, so the list is a
 * constant and costs no request. Lotte is HYUNDAI and Logen KGB (not LOTTE / LOGEN).
 */
import type { Carrier } from '../../core/order';

export const COUPANG_CARRIERS: readonly Carrier[] = [
  { code: 'CJGLS', name: 'CJ대한통운' },
  { code: 'EPOST', name: '우체국' },
  { code: 'HYUNDAI', name: '롯데택배' },
  { code: 'HANJIN', name: '한진택배' },
  { code: 'KGB', name: '로젠택배' },
  { code: 'KDEXP', name: '경동택배' },
  { code: 'DAESIN', name: '대신택배' },
  { code: 'ILYANG', name: '일양택배' },
  { code: 'CHUNIL', name: '천일택배' },
  { code: 'HDEXP', name: '합동택배' },
  { code: 'CVS', name: 'CVS택배' },
  { code: 'REGISTPOST', name: '우편등기' },
  { code: 'EMS', name: '우체국 EMS' },
  { code: 'DIRECT', name: '업체직송' },
  { code: 'KUNYOUNG', name: '건영택배' },
  { code: 'SLX', name: 'SLX택배' },
  { code: 'HONAM', name: '호남/우리택배' },
  { code: 'NHLOGIS', name: '농협택배' },
  { code: 'SEBANG', name: '세방택배' },
];
