/**
 * Naver's `deliveryCompanyCode`s the fake knows (reference A5, the main couriers of the about 200)
 * and the tracking-number shapes it checks (D2: digits only, lengths per carrier; D3's mod-7 is
 * not established, so it is not checked).
 */
export const DELIVERY_COMPANIES: Readonly<Record<string, string>> = {
  CJGLS: 'CJ대한통운',
  HYUNDAI: '롯데택배',
  HANJIN: '한진택배',
  KGB: '로젠택배',
  EPOST: '우체국택배',
  KDEXP: '경동택배',
  REGISTPOST: '우편등기',
  DAESIN: '대신택배',
  ILYANG: '일양로지스',
  CHUNIL: '천일택배',
  HDEXP: '합동택배',
  CUPARCEL: 'CU편의점택배',
  CVSNET: 'GSPostbox택배',
  CH1: '기타 택배',
};

/** Allowed lengths of a tracking number per code; carriers not listed take 8–20 digits. */
const LENGTHS: Readonly<Record<string, readonly number[]>> = { CJGLS: [10, 12], EPOST: [13], HYUNDAI: [10, 12], HANJIN: [10, 12], KGB: [11] };

export function validTrackingNumber(code: string, trackingNumber: string): boolean {
  if (!/^\d+$/.test(trackingNumber)) return false;
  const allowed = LENGTHS[code];
  return allowed ? allowed.includes(trackingNumber.length) : trackingNumber.length >= 8 && trackingNumber.length <= 20;
}

export const DELIVERY_METHODS = ['DELIVERY', 'GDFW_ISSUE_SVC', 'VISIT_RECEIPT', 'DIRECT_DELIVERY', 'QUICK_SVC', 'NOTHING', 'RETURN_DESIGNATED', 'RETURN_DELIVERY', 'RETURN_INDIVIDUAL', 'RETURN_MERCHANT', 'UNKNOWN'] as const;

/** Per-item failure codes (errorCode.pay-order-seller, reference A3) and the fake's messages. */
export const FAIL = {
  badParameter: ['4000', '잘못된 파라미터입니다.'],
  productOrderNotFound: ['100001', '상품주문을 찾을 수 없습니다.'],
  courierMissing: ['104118', '택배사를 입력해 주세요.'],
  courierInvalid: ['104119', '유효하지 않은 택배사 코드입니다.'],
  trackingMissing: ['104120', '송장번호를 입력해 주세요.'],
  trackingUsed: ['104121', '이미 사용된 송장번호입니다.'],
  trackingInvalid: ['104122', '유효하지 않은 송장번호입니다.'],
  duplicateId: ['104131', '중복된 상품주문번호입니다.'],
  statusCheck: ['104442', '상품주문 상태를 확인해 주세요.'],
  alreadyDispatched: ['104442', '이미 발송처리된 상품주문입니다.'],
  placeOrderCheck: ['104443', '발주 상태를 확인해 주세요.'],
  sameState: ['105306', '요청한 상태가 현재 상태와 같습니다.'],
} as const satisfies Record<string, readonly [string, string]>;

export type FailKey = keyof typeof FAIL;
export const failInfo = (productOrderId: string, key: FailKey) => ({ productOrderId, code: FAIL[key][0], message: FAIL[key][1] });
