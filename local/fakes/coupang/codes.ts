/** Coupang's delivery company codes (B5) and the tracking-number shapes the fake checks (D2). */
export const DELIVERY_COMPANIES: Readonly<Record<string, string>> = {
  CJGLS: 'CJ대한통운',
  HYUNDAI: '롯데택배',
  HANJIN: '한진택배',
  KGB: '로젠택배',
  EPOST: '우체국',
  KDEXP: '경동택배',
  DAESIN: '대신택배',
  ILYANG: '일양택배',
  CHUNIL: '천일택배',
  HDEXP: '합동택배',
  CVS: 'CVS택배',
  REGISTPOST: '우편등기',
  EMS: '우체국 EMS',
  DIRECT: '업체직송',
  COUPANG: '쿠팡자체배송',
  KUNYOUNG: '건영택배',
  SLX: 'SLX택배',
  HONAM: '호남/우리택배',
  NHLOGIS: '농협택배',
  SEBANG: '세방택배',
};

/** Digits-only lengths per code (D2); codes not listed take 8–20 digits; DIRECT takes anything (B4). */
const LENGTHS: Readonly<Record<string, readonly number[]>> = { CJGLS: [10, 12], EPOST: [13], HYUNDAI: [10, 12], HANJIN: [10, 12], KGB: [11] };

export function invoiceNumberValid(code: string, number: string): boolean {
  if (code === 'DIRECT') return number.length > 0;
  if (code === 'EMS') return /^[A-Z]{2}\d{9}KR$/.test(number);
  if (!/^\d+$/.test(number)) return false;
  const lengths = LENGTHS[code];
  return lengths ? lengths.includes(number.length) : number.length >= 8 && number.length <= 20;
}

/** B4's table: whether a client should retry each per-box result. */
export const RETRY_REQUIRED: Readonly<Record<string, boolean>> = {
  OK: false,
  NOT_FOUND_SHIPMENT_BOX: false,
  INVALID_STATUS: false,
  PERMISSION_DENIED: true,
  DUPLICATE_INVOICE_NUMBER: true,
  INVALID_INVOICE_NUMBER: true,
  ORDER_DELIVERY_CANCELED: false,
  ORDER_DELIVERY_PARTIAL_STOP_REQUESTED: true,
  ORDER_DELIVERY_CANCELED_HOLDING_FOR_CANCEL: true,
  UNDEFINED_ERROR_OCCUR: true,
  NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD: false,
  NOT_FOUND_INVOICE_NUMBER: false,
  NOT_FOUND_VENDOR_ITEM: false,
  NOT_ALLOW_VENDOR_DIRECT: false,
  PSD_NOT_ALLOW_TO_CHANGE: false,
  NOT_ALLOW_SEPARATE_AFTER_NORMAL_DELIVERY: false,
  IS_SEPARATE_MUST_BE_TRUE_WHEN_SEPARATE_DELIVERY: false,
  NOT_ALLOW_SEPARATE_WHEN_ONE_VENDOR_ITEM: false,
};
