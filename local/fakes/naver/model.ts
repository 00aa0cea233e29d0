/**
 * The fake's state: per application (store) its products, its product orders with when and how
 * each last changed (what `last-changed-statuses` lists), and its tokens. Time is the injected
 * clock plus whatever `advanceTime` added.
 */
import type { NaverOptions } from './options';
import type { InquirySeedT, NaverSeedT, OriginProductT, ProductOrderDetailT } from './seed-schema';
import { RequestLog } from './request-log';
import { Faults } from './faults';
import { RateLimits } from './limits';

export const LAST_CHANGED_TYPES = [
  'PAY_WAITING', 'PAYED', 'EXCHANGE_OPTION', 'DELIVERY_ADDRESS_CHANGED', 'GIFT_RECEIVED', 'CLAIM_REJECTED', 'DISPATCHED',
  'CLAIM_REQUESTED', 'COLLECT_DONE', 'CLAIM_COMPLETED', 'PURCHASE_DECIDED', 'HOPE_DELIVERY_INFO_CHANGED', 'CLAIM_REDELIVERING',
] as const;
export type LastChangedType = (typeof LAST_CHANGED_TYPES)[number];

export interface ProductOrderRecord {
  detail: ProductOrderDetailT & Record<string, any>;
  lastChangedAt: number;
  lastChangedType: LastChangedType;
}

/** A product question (상품 문의): its one seller answer, and who gave it. */
export interface QnaRecord {
  readonly questionId: number;
  readonly createdAt: number;
  readonly question: string;
  readonly productId: number;
  readonly productName: string;
  readonly maskedWriterId: string;
  answer: string | null;
  /** 'api': through PUT qnas; 'sellerCenter': typed in the seller centre. */
  answeredBy: 'api' | 'sellerCenter' | null;
  deleted: boolean;
}

/** A customer inquiry's list fields but its two times (kept as ms beside it). */
export interface InquiryItem {
  readonly inquiryNo: number;
  readonly category: InquirySeedT['category'];
  readonly title: string;
  readonly inquiryContent: string;
  answerContentId: number | null;
  answerContent: string | null;
  answerTemplateNo: number | null;
  readonly orderId: string;
  readonly productNo: string | null;
  readonly productOrderIdList: string | null;
  readonly productName: string | null;
  readonly productOrderOption: string | null;
  readonly customerName: string;
}

/** A customer inquiry (고객 문의) in its list shape, with times kept as ms. */
export interface InquiryRecord {
  readonly item: InquiryItem;
  readonly registeredAt: number;
  answeredAt: number | null;
  deleted: boolean;
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
}

export interface StoreState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountId: string;
  readonly storeName: string;
  readonly products: Map<number, OriginProductT>;
  readonly orders: Map<string, ProductOrderRecord>;
  readonly qnas: Map<number, QnaRecord>;
  readonly inquiries: Map<number, InquiryRecord>;
  /** The live token of (SELF), and every token issued (a replaced one lives until it expires). */
  current: IssuedToken | null;
  readonly tokens: Map<string, IssuedToken>;
}

/** Seoul wall time with milliseconds and the +09:00 offset, as Naver writes dates. */
export function kst(ms: number): string {
  const d = new Date(ms + 9 * 3_600_000);
  return `${d.toISOString().slice(0, 23)}+09:00`;
}

export class NaverCore {
  readonly stores = new Map<string, StoreState>();
  readonly log: RequestLog;
  readonly faults = new Faults();
  readonly limits: RateLimits;
  private offsetMs = 0;
  private seq = 0;
  private orderSeq = 1_000;
  /** The two inquiry id spaces (and answers') never share numbers: separate counters, far apart. */
  private readonly ids = { question: 700_000_000, inquiry: 500_000_000, answer: 900_000_000 };

  constructor(
    private readonly clock: () => number,
    seed: NaverSeedT,
    readonly options: NaverOptions,
  ) {
    this.log = new RequestLog(options.maxLogEntries);
    this.limits = new RateLimits(options);
    const t = this.now();
    for (const s of seed.stores) {
      if (this.stores.has(s.client_id)) throw new Error(`Invalid Naver seed: client_id ${s.client_id} appears twice`);
      const orders = new Map<string, ProductOrderRecord>();
      for (const d of s.productOrders) {
        const changedAt = Date.parse(d.order.paymentDate ?? d.order.orderDate);
        orders.set(d.productOrder.productOrderId, { detail: d, lastChangedAt: Number.isFinite(changedAt) ? changedAt : t, lastChangedType: d.productOrder.productOrderStatus === 'PAYMENT_WAITING' ? 'PAY_WAITING' : 'PAYED' });
      }
      this.stores.set(s.client_id, {
        clientId: s.client_id,
        clientSecret: s.client_secret,
        accountId: s.accountId,
        storeName: s.storeName,
        products: new Map(s.products.map((p) => [p.originProductNo, p])),
        orders,
        qnas: new Map(
          s.qnas.map((q) => {
            this.ids.question = Math.max(this.ids.question, q.questionId);
            const rec: QnaRecord = { questionId: q.questionId, createdAt: Date.parse(q.createDate), question: q.question, productId: q.productId, productName: q.productName, maskedWriterId: q.maskedWriterId, answer: q.answer, answeredBy: q.answer === null ? null : 'sellerCenter', deleted: false };
            return [q.questionId, rec];
          }),
        ),
        inquiries: new Map(
          s.inquiries.map((i) => {
            this.ids.inquiry = Math.max(this.ids.inquiry, i.inquiryNo);
            if (i.answerContentId !== null) this.ids.answer = Math.max(this.ids.answer, i.answerContentId);
            const { inquiryRegistrationDateTime, answerRegistrationDateTime, ...item } = i;
            const answeredAt = answerRegistrationDateTime ? Date.parse(answerRegistrationDateTime) : null;
            return [i.inquiryNo, { item, registeredAt: Date.parse(inquiryRegistrationDateTime), answeredAt, deleted: false }];
          }),
        ),
        current: null,
        tokens: new Map(),
      });
    }
  }

  now(): number {
    return this.clock() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** A fresh id for trace ids and tokens. */
  next(): number {
    return ++this.seq;
  }
  /**
   * The next order's serial, counted apart from trace ids so an order's id depends only on the
   * orders placed before it (a scenario can name it), never on how many calls were made.
   */
  nextOrder(): number {
    return ++this.orderSeq;
  }
  /** A fresh id in one of the inquiry id spaces. */
  nextId(space: 'question' | 'inquiry' | 'answer'): number {
    return ++this.ids[space];
  }
  traceId(): string {
    return `fake-${this.now().toString(16)}-${this.next()}`;
  }

  store(clientId: string): StoreState {
    const s = this.stores.get(clientId);
    if (!s) throw new ControlError(`no store with client_id ${clientId}`);
    return s;
  }

  /** Records a change of a product order: `last-changed-statuses` lists it from now on. */
  touch(rec: ProductOrderRecord, type: LastChangedType): void {
    rec.lastChangedAt = this.now();
    rec.lastChangedType = type;
  }
}

/** A control call the fake cannot carry out (bad input): 400 over HTTP, thrown in process. */
export class ControlError extends Error {
  override readonly name = 'ControlError';
}
