import { DAY_ONE_CARRIERS } from '../core/carriers';
import type { ColumnSpec, ColumnType, Label, TabSpec } from './schema';

/** Column builders: staff-editable columns say so; everything else belongs to the add-on. */
const L = (ko: string, en: string): Label => ({ ko, en });
type Opt = { editable?: boolean; required?: boolean; width?: number; formerLabels?: readonly string[]; optionsFrom?: Label };
type Bounds = { min?: number; max?: number };

/**
 * One column, built as one object with its optional fields set only when given. Apps Script runs
 * this module at the start of every execution: the spreads it used to take (several per column)
 * cost more than anything else left at the top level.
 */
function column(type: ColumnType, key: string, ko: string, en: string, o: Opt & Bounds = {}, options?: Label[]): ColumnSpec {
  const c: { -readonly [K in keyof ColumnSpec]?: unknown } & Record<string, unknown> = { key, label: L(ko, en), editable: o.editable ?? false, required: o.required ?? false };
  if (o.width) c.width = o.width;
  if (o.formerLabels) c.formerLabels = o.formerLabels;
  if (o.optionsFrom) c.optionsFrom = o.optionsFrom;
  c.type = type;
  if (o.min !== undefined) c.min = o.min;
  if (o.max !== undefined) c.max = o.max;
  if (options) c.options = options;
  return c as ColumnSpec;
}
const text = (key: string, ko: string, en: string, o?: Opt): ColumnSpec => column('text', key, ko, en, o);
const id = (key: string, ko: string, en: string, o?: Opt): ColumnSpec => column('id', key, ko, en, o);
const email = (key: string, ko: string, en: string, o?: Opt): ColumnSpec => column('email', key, ko, en, o);
const int = (key: string, ko: string, en: string, o?: Opt & Bounds): ColumnSpec => column('integer', key, ko, en, o);
const krw = (key: string, ko: string, en: string, o?: Opt & { min?: number }): ColumnSpec => column('krw', key, ko, en, o);
const pct = (key: string, ko: string, en: string, o: Opt = {}): ColumnSpec => column('percent', key, ko, en, { ...o, min: 0, max: 100 });
const bool = (key: string, ko: string, en: string, o?: Opt): ColumnSpec => column('boolean', key, ko, en, o);
const time = (key: string, ko: string, en: string, o?: Opt): ColumnSpec => column('datetime', key, ko, en, o);
const day = (key: string, ko: string, en: string, o?: Opt): ColumnSpec => column('date', key, ko, en, o);
const oneOf = (key: string, ko: string, en: string, options: Label[], o?: Opt): ColumnSpec => column('enum', key, ko, en, o, options);

/**
 * A tab whose columns are built the first time they are read: this module runs at the start of
 * every execution, and most executions read the columns of a few tabs only.
 */
function tab(spec: Omit<TabSpec, 'columns'> & { readonly columns: () => readonly ColumnSpec[] }): TabSpec {
  const { columns, ...rest } = spec;
  let built: readonly ColumnSpec[] | undefined;
  return {
    ...rest,
    get columns() {
      return (built ??= columns());
    },
  };
}

const EDIT = { editable: true } as const;
const MUST = { editable: true, required: true } as const;

export const PARTNER_ROLES = { own: L('자사몰', 'Own mall'), reseller: L('위탁판매', 'Reseller') } as const;
export const CHANNELS = { cafe24: L('카페24', 'Cafe24'), naver: L('스마트스토어', 'Smartstore'), coupang: L('쿠팡', 'Coupang') } as const;
export const SETTLEMENT_MODES = { deposit: L('예치금', 'Deposit'), credit: L('마이너스', 'Credit') } as const;
export const PRODUCT_STATES = { selling: L('판매중', 'On sale'), soldOut: L('품절', 'Sold out'), discontinued: L('단종', 'Discontinued') } as const;
export const CLAIM_TYPES = { cancel: L('취소', 'Cancel'), return: L('반품', 'Return'), exchange: L('교환', 'Exchange'), refund: L('환불', 'Refund') } as const;
/** Ledger entry types as the ledger tab shows them (src/core/ledger.ts LEDGER_ENTRY_LABELS). */
export const LEDGER_TYPES = {
  settlement: L('주간 정산', 'Weekly settlement'),
  incentive: L('영업 장려금', 'Sales incentive'),
  shippingFee: L('배송비', 'Shipping fee'),
  returnCredit: L('반품 공제', 'Return credit'),
  payment: L('입금', 'Payment'),
  adjustment: L('수동 조정', 'Adjustment'),
} as const;
export const RETURN_CLASSES = { good: L('정품', 'Good'), defective: L('불량', 'Defective'), repairable: L('수선', 'Repairable') } as const;
/** What a buyer asked about (상품 Q&A, an order, shipping, anything else). */
export const INQUIRY_KINDS = { product: L('상품', 'Product'), order: L('주문', 'Order'), shipping: L('배송', 'Shipping'), other: L('기타', 'Other'), transfer: L('이관', 'Transfer') } as const;
/** What staff ask of a claim; the add-on does it through the mall and says how it went. */
export const CLAIM_ACTIONS = { accept: L('승인', 'Accept'), reject: L('거부', 'Reject'), receive: L('입고확인', 'Confirm receipt') } as const;

export const PARTNERS = tab({
  key: 'partners',
  title: L('파트너', 'Partners'),
  rowKey: ['partnerId'],
  about: L(
    '분양몰 파트너를 한 행에 하나씩 입력하세요 (자사몰 포함). 연결상태·처리결과·정산잔액은 애드온이 채웁니다.',
    'One partner mall per row (your own mall too). Connection, status and balance are filled by the add-on.',
  ),
  columns: () => [
    id('partnerId', '파트너ID', 'Partner ID', MUST),
    text('name', '파트너명', 'Name', MUST),
    oneOf('role', '구분', 'Role', Object.values(PARTNER_ROLES), MUST),
    oneOf('channel', '채널', 'Channel', Object.values(CHANNELS), MUST),
    // The account at the partner's channel: a Cafe24 mall id, a SmartStore or Coupang seller id.
    id('accountId', '채널계정', 'Channel account', { ...MUST, formerLabels: ['몰ID', 'Mall ID', 'mallId'] }),
    // Cafe24's own settings: a multi-shop number and the supplier code a reseller's mall gave us.
    int('shopNo', '쇼핑몰번호(카페24)', 'Shop no. (Cafe24)', { ...EDIT, min: 1, formerLabels: ['쇼핑몰번호', 'Shop no.'] }),
    id('supplierCode', '공급사코드(카페24)', 'Supplier code (Cafe24)', { ...EDIT, formerLabels: ['공급사코드', 'Supplier code'] }),
    pct('defaultRatio', '기본 연동재고율(%)', 'Default stock ratio (%)', EDIT),
    oneOf('settlementMode', '정산방식', 'Settlement mode', Object.values(SETTLEMENT_MODES), EDIT),
    krw('creditLimit', '신용한도', 'Credit limit', { ...EDIT, min: 0 }),
    pct('incentiveRate', '영업장려금율(%)', 'Incentive rate (%)', EDIT),
    krw('shippingFeePerUnit', '개당 배송비', 'Shipping fee per unit', { ...EDIT, min: 0 }),
    email('statementEmails', '정산시트 공유 이메일', 'Statement e-mails', EDIT),
    text('connection', '연결상태', 'Connection'),
    time('tokenExpiresAt', '토큰만료', 'Token expires'),
    text('status', '처리결과', 'Status', { width: 260 }),
    krw('balance', '정산잔액', 'Balance'),
    // Marketplaces: confirm (발주확인) new paid orders at once, or only those staff tick on the
    // orders tab. Last, so sheets and scenarios laid out before it keep their columns.
    bool('confirmAtOnce', '발주확인 자동', 'Confirm orders at once', EDIT),
  ],
});

export const PRODUCTS = tab({
  key: 'products',
  title: L('상품', 'Products'),
  rowKey: ['sku'],
  about: L(
    '상품을 한 행에 하나씩 입력하세요. 재고일수·발주점은 동기화가 최근 14일 판매 속도로 계산합니다 (리드타임을 비우면 7일).',
    'One product per row. Days of cover and the reorder point are computed by the sync from the last 14 days of sales (lead time 7 days when blank).',
  ),
  columns: () => [
    id('sku', 'SKU', 'SKU', MUST),
    text('name', '상품명', 'Product name', { ...MUST, width: 220 }),
    text('option', '옵션', 'Option', EDIT),
    id('barcode', '바코드', 'Barcode', EDIT),
    krw('wholesalePrice', '도매가', 'Wholesale price', { ...MUST, min: 0 }),
    krw('retailPrice', '권장소비자가', 'Suggested retail price', { ...EDIT, min: 0 }),
    int('warehouseStock', '물류재고', 'Warehouse stock', { ...MUST, min: 0 }),
    int('safetyStock', '안전재고', 'Safety stock', { ...EDIT, min: 0 }),
    oneOf('productStatus', '판매상태', 'Sales status', Object.values(PRODUCT_STATES), EDIT),
    // Stock cover (src/core/stock-cover.ts): staff give the lead time, the sync the rest.
    int('leadTimeDays', '리드타임(일)', 'Lead time (days)', { ...EDIT, min: 0 }),
    int('daysLeft', '재고일수', 'Days of cover'),
    int('reorderPoint', '발주점', 'Reorder point'),
    // No width of its own: each width is one setColumnWidth call more in setup.
    text('reorder', '발주필요', 'Reorder'),
    text('pushStatus', '전송상태', 'Push status', { width: 200 }),
    time('updatedAt', '수정시각', 'Updated at'),
    text('status', '처리결과', 'Status', { width: 260 }),
  ],
});

export const STOCK_RATIOS = tab({
  key: 'ratios',
  title: L('연동재고율', 'Stock ratios'),
  rowKey: ['sku', 'partnerId'],
  about: L(
    '상품과 파트너를 입력하면 다음 동기화가 SKU×파트너마다 한 행을 만듭니다. 판매여부와 연동재고율을 정하세요.',
    'Once products and partners are in, the next sync adds a row per SKU and partner: set sellable and the ratio.',
  ),
  columns: () => [
    id('sku', 'SKU', 'SKU', MUST),
    id('partnerId', '파트너ID', 'Partner ID', MUST),
    bool('sellable', '판매여부', 'Sellable', EDIT),
    pct('ratio', '연동재고율(%)', 'Stock ratio (%)', EDIT),
    krw('salePrice', '판매가', 'Sale price', { ...EDIT, min: 0 }),
    int('pushedStock', '전송재고', 'Stock sent'),
    time('pushedAt', '전송시각', 'Sent at'),
    text('computation', '계산근거', 'How computed', { width: 240 }),
    id('channelProductNo', '채널상품번호', 'Channel product no.'),
    id('channelVariantCode', '채널품목코드', 'Channel variant code'),
    text('status', '처리결과', 'Status', { width: 260 }),
  ],
});

export const ORDERS = tab({
  key: 'orders',
  title: L('주문', 'Orders'),
  rowKey: ['partnerId', 'itemId'],
  about: L(
    '카페24 몰을 연결하고 자동 동기화를 켜면, 결제된 주문이 1분마다 여기에 들어옵니다. 조치필요 열로 정렬하면 할 일이 위로 옵니다.',
    'Once a Cafe24 mall is connected and the sync is on, paid orders arrive here every minute. Sort by To do to bring the work to the top.',
  ),
  columns: () => [
    // First, as on the claims tab: what the row asks of staff, and beside it why (처리결과), so
    // the shipping step writes both in one range as before. Found by header: a sheet set up with
    // them at the end keeps working.
    text('todo', '조치필요', 'To do', { width: 160 }),
    text('status', '처리결과', 'Status', { width: 260 }),
    id('partnerId', '파트너ID', 'Partner ID'),
    id('orderId', '주문번호', 'Order ID'),
    id('itemId', '품목주문번호', 'Order item ID'),
    time('orderedAt', '주문일시', 'Ordered at'),
    time('paidAt', '결제일시', 'Paid at'),
    id('sku', 'SKU', 'SKU'),
    text('productName', '상품명', 'Product', { width: 200 }),
    text('option', '옵션', 'Option'),
    int('quantity', '수량', 'Qty'),
    krw('amount', '결제금액', 'Amount'),
    text('buyerName', '주문자', 'Buyer'),
    text('receiverName', '수령인', 'Receiver'),
    text('receiverPhone', '연락처', 'Phone'),
    text('receiverAddress', '배송지', 'Address', { width: 240 }),
    text('message', '배송메시지', 'Message', { width: 180 }),
    text('orderStatus', '주문상태', 'Order status'),
    text('carrier', '택배사', 'Carrier', EDIT),
    id('trackingNo', '송장번호', 'Tracking no.', EDIT),
    time('shippedAt', '출고일시', 'Shipped at'),
    // Marketplaces: tick to confirm the order (발주확인) with the next run. Last, as above.
    bool('confirm', '발주확인', 'Confirm', EDIT),
  ],
});

/** Where a carrier's export is pasted: an order or item id and a tracking number per row. */
export const TRACKING_IMPORT = tab({
  key: 'trackingImport',
  title: L('송장등록', 'Tracking import'),
  rowKey: ['ref', 'trackingNo'],
  about: L(
    '택배사 송장 파일을 붙여넣으세요 (한 행에 한 소포: 주문번호 또는 품목주문번호, 택배사, 송장번호). 다음 동기화가 몰에 보내고 처리결과를 적습니다.',
    "Paste a carrier's export (one parcel per row: order or item id, carrier, number). The next sync sends it and writes the status.",
  ),
  columns: () => [
    id('ref', '주문번호/품목주문번호', 'Order or item ID', MUST),
    text('carrier', '택배사', 'Carrier', EDIT),
    id('trackingNo', '송장번호', 'Tracking no.', MUST),
    time('processedAt', '처리일시', 'Processed at'),
    text('status', '처리결과', 'Status', { width: 300 }),
  ],
});

/** Carriers beyond the day-one three, and the day-one three themselves (editable lengths). */
export const CARRIERS = tab({
  key: 'carriers',
  title: L('택배사', 'Carriers'),
  rowKey: ['key'],
  about: L('쓰는 택배사와 송장 자릿수입니다. 다른 택배사는 행을 추가하세요.', 'The carriers in use and their tracking-number lengths. Add a row for another.'),
  columns: () => [
    id('key', '키', 'Key', MUST),
    text('nameKo', '택배사명', 'Name', MUST),
    text('nameEn', '영문명', 'English name', EDIT),
    text('aliases', '다른 이름', 'Aliases', { ...EDIT, width: 200 }),
    id('lengths', '송장 자릿수', 'Tracking digits', MUST),
    id('cafe24Code', '카페24 코드', 'Cafe24 code', EDIT),
    id('naverCode', '스마트스토어 코드', 'Smartstore code', EDIT),
    id('coupangCode', '쿠팡 코드', 'Coupang code', EDIT),
    text('status', '처리결과', 'Status', { width: 260 }),
  ],
  seed: DAY_ONE_CARRIERS.map((c) => ({
    key: c.key,
    nameKo: c.nameKo,
    nameEn: c.nameEn,
    aliases: c.aliases.join(', '),
    lengths: c.trackingLengths.join(','),
    cafe24Code: c.channelCodes.cafe24 ?? '',
    naverCode: c.channelCodes.naver ?? '',
    coupangCode: c.channelCodes.coupang ?? '',
  })),
});

/** One row per item of a claim (a Cafe24 claim may cover several items of one order). */
export const CLAIMS = tab({
  key: 'claims',
  title: L('클레임', 'Claims'),
  rowKey: ['partnerId', 'claimId', 'itemId'],
  about: L(
    '몰에서 취소·반품·교환 요청이 들어오면 동기화가 여기에 한 품목에 한 행씩 적습니다. 처리요청을 고르면 다음 동기화가 몰에 보냅니다.',
    'Cancel, return and exchange requests arrive here from the malls, one row per item. Pick an action: the next sync sends it.',
  ),
  columns: () => [
    text('todo', '조치필요', 'To do', { width: 160 }),
    id('partnerId', '파트너ID', 'Partner ID'),
    id('claimId', '클레임번호', 'Claim ID'),
    id('orderId', '주문번호', 'Order ID'),
    id('itemId', '품목주문번호', 'Order item ID'),
    id('sku', 'SKU', 'SKU'),
    text('productName', '상품명', 'Product', { width: 180 }),
    int('quantity', '수량', 'Qty'),
    oneOf('type', '유형', 'Type', Object.values(CLAIM_TYPES)),
    text('reason', '사유', 'Reason', { width: 180 }),
    time('requestedAt', '요청일시', 'Requested at'),
    time('answerBy', '답변기한', 'Answer by'),
    text('claimStatus', '클레임상태', 'Claim status'),
    oneOf('action', '처리요청', 'Action', Object.values(CLAIM_ACTIONS), EDIT),
    text('memo', '메모(거부 사유)', 'Memo (reject reason)', { ...EDIT, width: 180 }),
    time('receivedAt', '입고일시', 'Received at', EDIT),
    oneOf('classification', '분류', 'Classification', Object.values(RETURN_CLASSES), EDIT),
    int('quantityToStock', '재입고수량', 'Back to stock', { ...EDIT, min: 0 }),
    krw('credit', '파트너 차감액', 'Partner credit'),
    time('completedAt', '완료일시', 'Completed at'),
    text('status', '처리결과', 'Status', { width: 260 }),
  ],
});

/** Saved answers staff pick in the 문의 tab (a dropdown over the names); seeded in the seeds' tone. */
export const ANSWER_TEMPLATES = tab({
  key: 'answerTemplates',
  title: L('답변템플릿', 'Answer templates'),
  rowKey: ['name'],
  about: L(
    '문의 탭의 답변템플릿 열에서 고를 수 있는 답변입니다. 행을 추가·수정하세요. 답변 칸이 비어 있는 문의에 템플릿을 고르면 다음 동기화가 답변 칸을 채웁니다.',
    'Answers to pick in the inquiries tab. Add or edit rows. Picking one on an inquiry whose answer is blank fills the answer at the next sync.',
  ),
  columns: () => [
    text('name', '템플릿명', 'Name', { ...MUST, width: 140 }),
    oneOf('kind', '유형', 'Kind', Object.values(INQUIRY_KINDS), EDIT),
    text('content', '내용', 'Content', { ...MUST, width: 480 }),
  ],
  seed: [
    {
      name: '배송 지연',
      kind: '배송',
      content:
        '안녕하세요, 고객님. 문의 주셔서 감사합니다.\n주문하신 상품은 순차적으로 출고되고 있으며, 출고 후 1~3일 안에 받아보실 수 있습니다.\n단, 택배사 사정에 따라 지연될 수 있는 점 양해 부탁드립니다.',
    },
    {
      name: '재고 확인',
      kind: '상품',
      content: '안녕하세요, 고객님. 문의 주셔서 감사합니다.\n현재 재고를 확인하고 있습니다. 확인 후에 추가 답변 드리겠습니다.\n조금만 기다려 주시면 감사하겠습니다. 양해 부탁드립니다.',
    },
    {
      name: '교환/반품 안내',
      kind: '주문',
      content:
        '안녕하세요, 고객님. 문의 주셔서 감사합니다.\n상품을 받으신 날부터 7일 안에 마이페이지 > 주문내역에서 교환·반품을 신청하실 수 있습니다. 상품이 회수되어 확인되는 대로 처리해 드립니다.\n단순 변심의 경우 왕복 배송비가 부과되는 점 양해 부탁드립니다.',
    },
    {
      name: '확인 후 답변',
      kind: '기타',
      content: '안녕하세요, 고객님. 문의 주셔서 감사합니다.\n확인 후에 추가 답변 드리겠습니다. 양해 부탁드립니다.',
    },
  ],
});

/**
 * One row per buyer's question from every connected channel (key partner | the channel's
 * inquiry id). Staff type the answer (or pick a template) and tick 답변등록; the sync posts it.
 */
export const INQUIRIES = tab({
  key: 'inquiries',
  title: L('문의', 'Inquiries'),
  rowKey: ['partnerId', 'inquiryId'],
  about: L(
    '몰의 상품 Q&A·1:1 문의가 10분마다 여기에 한 문의에 한 행씩 들어옵니다. 답변을 입력하거나 답변템플릿을 고른 뒤 답변등록을 체크하면 다음 동기화가 몰에 등록하고 확인합니다. 답변기한은 문의 후 24시간이며, 넘기면 빨간색입니다.',
    'Product Q&A and 1:1 questions arrive here every 10 minutes, one row each. Type an answer (or pick a template) and tick 답변등록: the next sync posts it and reads it back. Answer within 24 hours (red once late).',
  ),
  columns: () => [
    text('todo', '조치필요', 'To do', { width: 170 }),
    id('partnerId', '파트너ID', 'Partner ID'),
    text('channel', '채널', 'Channel'),
    id('inquiryId', '문의번호', 'Inquiry ID'),
    oneOf('kind', '유형', 'Kind', Object.values(INQUIRY_KINDS)),
    id('productId', '상품번호', 'Product no.'),
    id('orderId', '주문번호', 'Order ID'),
    text('title', '제목', 'Title', { width: 160 }),
    text('question', '문의내용', 'Question', { width: 300 }),
    time('askedAt', '문의일시', 'Asked at'),
    time('answerBy', '답변기한', 'Answer by'),
    text('template', '답변템플릿', 'Template', { ...EDIT, width: 120, optionsFrom: L('답변템플릿', 'Answer templates') }),
    text('answer', '답변', 'Answer', { ...EDIT, width: 300 }),
    bool('post', '답변등록', 'Post answer', EDIT),
    time('answeredAt', '답변일시', 'Answered at'),
    text('answeredBy', '답변자', 'Answered by'),
    text('postedAnswer', '등록된 답변', 'Answer at the channel', { width: 220 }),
    id('answerId', '답변번호', 'Answer ID'),
    text('status', '처리결과', 'Status', { width: 260 }),
  ],
});

export const SETTLEMENTS = tab({
  key: 'settlements',
  title: L('정산', 'Settlement'),
  rowKey: ['partnerId', 'period'],
  about: L(
    '매주 월요일 지난주(월–일) 출고분의 정산이 여기에 파트너마다 한 행씩 만들어집니다 (관리 패널에서 바로 실행할 수도 있습니다).',
    "Every Monday, last week's (Mon–Sun) settlement is added here, one row per partner (or run it from the control panel).",
  ),
  columns: () => [
    id('partnerId', '파트너ID', 'Partner ID'),
    id('period', '정산기간', 'Period'),
    day('periodStart', '시작일', 'From'),
    day('periodEnd', '종료일', 'To'),
    krw('orderAmount7d', '7일 주문금액', '7-day order amount'),
    int('unitsShipped', '출고수량', 'Units shipped'),
    krw('wholesaleAmount', '도매금액', 'Wholesale amount'),
    krw('returnCredit', '반품차감', 'Return credit'),
    krw('amountDue', '정산금액', 'Amount due'),
    krw('incentive', '영업장려금', 'Sales incentive'),
    int('monthUnitsShipped', '월 출고수량', 'Units shipped (month)'),
    krw('shippingFee', '배송비', 'Shipping fee'),
    day('dueDate', '지급일', 'Due date'),
    text('status', '처리결과', 'Status', { width: 200 }),
    text('trace', '근거', 'Trace', { width: 320 }),
  ],
});

export const LEDGER = tab({
  key: 'ledger',
  title: L('원장', 'Ledger'),
  // Rows are found by the internal key (entryId); people read the voucher number.
  rowKey: ['entryId'],
  about: L(
    '정산이 파트너별 전표를 여기에 기록합니다. 입금·수동 조정은 빈 행에 파트너ID, 구분, 금액(조정은 사유)을 입력하면 다음 동기화가 기록합니다.',
    'Settlement records each partner entry here. For a payment or an adjustment, type partner, type and amount (and a reason) on an empty row: the next sync records it.',
  ),
  columns: () => [
    // A number people can read out (src/sheet/ledger-voucher.ts); given by the add-on.
    id('voucherNo', '전표번호', 'Voucher no.'),
    // Staff record payments and adjustments by typing these on a new row (README: "Settlement, the ledger, reseller sheets").
    time('at', '일시', 'At', EDIT),
    id('partnerId', '파트너ID', 'Partner ID', EDIT),
    oneOf('type', '구분', 'Type', Object.values(LEDGER_TYPES), EDIT),
    krw('amount', '금액', 'Amount', EDIT),
    text('reference', '근거', 'Reference', { ...EDIT, width: 200 }),
    text('reason', '사유', 'Reason', { ...EDIT, width: 200 }),
    text('items', '품목 근거', 'Items', { width: 280 }),
    text('status', '처리결과', 'Status', { width: 220 }),
    // The internal key (`PNR002:payment:BANK-…`): last, for the add-on. It was the first column,
    // headed 전표번호, before voucher numbers: such a sheet keeps working and setup renames it.
    { ...id('entryId', '전표키', 'Entry key'), formerLabels: ['전표번호', 'Entry ID'] },
  ],
});

/**
 * The weekly figures the chart on the settlement tab draws: per partner in turn, one row per week
 * (the last 26), rewritten whole by every settlement run.
 */
export const SETTLEMENT_CHART = tab({
  key: 'settlementChart',
  title: L('정산차트', 'Settlement chart'),
  rowKey: ['week', 'partnerId'],
  about: L('정산을 실행하면 최근 26주의 주별 도매금액과 출고수량이 여기에 쓰이고 정산 탭의 차트가 그립니다.', 'Each settlement run writes the last 26 weeks here, for the chart on the settlement tab.'),
  columns: () => [id('week', '주차', 'Week'), id('partnerId', '파트너ID', 'Partner ID'), krw('wholesale', '도매금액', 'Wholesale'), int('units', '출고수량', 'Units')],
});

export const LOG = tab({
  key: 'log',
  title: L('로그', 'Log'),
  rowKey: ['runId'],
  about: L('동기화와 메뉴 실행이 한 일, 경고와 오류가 여기에 한 줄씩 쌓입니다.', 'What each sync and menu run did, with warnings and errors, one line each.'),
  columns: () => [
    id('runId', '실행ID', 'Run ID'),
    time('startedAt', '시작', 'Started'),
    text('job', '작업', 'Job'),
    int('durationMs', '소요(ms)', 'Duration (ms)'),
    int('roundTrips', '왕복호출', 'Round trips'),
    int('rowsChanged', '변경행', 'Rows changed'),
    text('level', '수준', 'Level'),
    text('message', '내용', 'Message', { width: 420 }),
  ],
});

/** In the order the tabs appear. */
export const TABS: readonly TabSpec[] = [PARTNERS, PRODUCTS, STOCK_RATIOS, ORDERS, TRACKING_IMPORT, CLAIMS, ANSWER_TEMPLATES, INQUIRIES, SETTLEMENTS, LEDGER, SETTLEMENT_CHART, CARRIERS, LOG];
