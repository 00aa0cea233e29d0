/**
 * The seed, in Naver's own shapes: each store is an application (the API centre's 애플리케이션 ID
 * and 시크릿, which is a bcrypt salt), its origin products as `GET /v2/products/origin-products/{no}`
 * answers them, and its product orders as `POST /v1/pay-order/seller/product-orders/query`
 * answers each item (`order`, `productOrder`, `delivery`, claim sub-objects). Unknown fields pass
 * and are echoed back.
 */
import { z } from 'zod';

const BCRYPT_SALT = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{22}/;

export const OptionCombination = z.looseObject({
  id: z.number().int(),
  optionName1: z.string().optional(),
  optionName2: z.string().optional(),
  stockQuantity: z.number().int().min(0),
  price: z.number().int().default(0),
  sellerManagerCode: z.string().optional(),
  usable: z.boolean().default(true),
});

export const OriginProduct = z.looseObject({
  originProductNo: z.number().int().positive(),
  channelProductNo: z.number().int().positive(),
  originProduct: z.looseObject({
    statusType: z.enum(['WAIT', 'SALE', 'OUTOFSTOCK', 'UNADMISSION', 'REJECTION', 'SUSPENSION', 'CLOSE', 'PROHIBITION', 'DELETE']).default('SALE'),
    name: z.string(),
    salePrice: z.number().int().nonnegative(),
    stockQuantity: z.number().int().min(0).max(99_999_999),
    detailAttribute: z
      .looseObject({
        sellerCodeInfo: z.looseObject({ sellerManagementCode: z.string().optional() }).optional(),
        optionInfo: z.looseObject({ optionCombinations: z.array(OptionCombination).default([]), useStockManagement: z.boolean().default(true) }).optional(),
      })
      .default({}),
  }),
});
export type OriginProductT = z.output<typeof OriginProduct>;

const Address = z.looseObject({ name: z.string(), tel1: z.string(), baseAddress: z.string(), detailAddress: z.string().default(''), zipCode: z.string() });

/** One product order as the query answers it. */
export const ProductOrderDetail = z.looseObject({
  order: z.looseObject({
    orderId: z.string(),
    orderDate: z.string(),
    ordererName: z.string(),
    ordererTel: z.string().default(''),
    paymentDate: z.string().nullable().default(null),
    paymentMeans: z.string().default('신용카드'),
  }),
  productOrder: z.looseObject({
    productOrderId: z.string(),
    productOrderStatus: z.enum(['PAYMENT_WAITING', 'PAYED', 'DELIVERING', 'DELIVERED', 'PURCHASE_DECIDED', 'EXCHANGED', 'CANCELED', 'RETURNED', 'CANCELED_BY_NOPAYMENT']),
    claimType: z.string().nullable().default(null),
    claimStatus: z.string().nullable().default(null),
    placeOrderStatus: z.enum(['NOT_YET', 'OK', 'CANCEL']).default('NOT_YET'),
    placeOrderDate: z.string().nullable().default(null),
    productId: z.string(),
    originalProductId: z.string(),
    productName: z.string(),
    productOption: z.string().nullable().default(null),
    optionCode: z.string().nullable().default(null),
    quantity: z.number().int().positive(),
    unitPrice: z.number().int().nonnegative(),
    optionPrice: z.number().int().default(0),
    totalPaymentAmount: z.number().int().nonnegative(),
    shippingAddress: Address,
    shippingMemo: z.string().default(''),
    sellerProductCode: z.string().nullable().default(null),
    optionManageCode: z.string().nullable().default(null),
  }),
  delivery: z.looseObject({}).nullable().default(null),
});
export type ProductOrderDetailT = z.output<typeof ProductOrderDetail>;

/** A product question as `GET /v1/contents/qnas` lists it (`contents[]`); `answered` follows `answer`. */
export const QnaSeed = z.looseObject({
  questionId: z.number().int().positive(),
  createDate: z.string(),
  question: z.string(),
  answer: z.string().nullable().default(null),
  productId: z.number().int(),
  productName: z.string().default(''),
  maskedWriterId: z.string().default('nav***'),
});
export type QnaSeedT = z.output<typeof QnaSeed>;

export const INQUIRY_CATEGORIES = ['상품', '배송', '반품', '교환', '환불', '기타'] as const;

/** A customer inquiry as `GET /v1/pay-user/inquiries` lists it (`content[]`); answered when it carries an answer. */
export const InquirySeed = z.looseObject({
  inquiryNo: z.number().int().positive(),
  category: z.enum(INQUIRY_CATEGORIES).default('기타'),
  title: z.string(),
  inquiryContent: z.string(),
  inquiryRegistrationDateTime: z.string(),
  answerContentId: z.number().int().nullable().default(null),
  answerContent: z.string().nullable().default(null),
  answerTemplateNo: z.number().int().nullable().default(null),
  answerRegistrationDateTime: z.string().nullable().default(null),
  orderId: z.string().default(''),
  productNo: z.string().nullable().default(null),
  productOrderIdList: z.string().nullable().default(null),
  productName: z.string().nullable().default(null),
  productOrderOption: z.string().nullable().default(null),
  customerName: z.string().default('김*버'),
});
export type InquirySeedT = z.output<typeof InquirySeed>;

export const Store = z.strictObject({
  /** 애플리케이션 ID. */
  client_id: z.string().min(1),
  /** 애플리케이션 시크릿: a bcrypt salt, `$2a$04$…` (docs). */
  client_secret: z.string().regex(BCRYPT_SALT, 'a Naver client secret is a bcrypt salt such as $2a$04$ followed by 22 characters'),
  /** The seller's account id (판매자 ID) and the store's name, for the log and the snapshot. */
  accountId: z.string().min(1),
  storeName: z.string().default(''),
  products: z.array(OriginProduct).default([]),
  productOrders: z.array(ProductOrderDetail).default([]),
  /** 상품 문의 and 고객 문의 (two id spaces). */
  qnas: z.array(QnaSeed).default([]),
  inquiries: z.array(InquirySeed).default([]),
});
export type StoreSeed = z.output<typeof Store>;

export const NaverSeed = z.strictObject({ stores: z.array(Store).min(1) });
export type NaverSeedInput = z.input<typeof NaverSeed>;
export type NaverSeedT = z.output<typeof NaverSeed>;
