/**
 * The fake's state: per application (store) its products, its product orders with when and how
 * each last changed (what `last-changed-statuses` lists), and its tokens. Time is the injected
 * clock plus whatever `advanceTime` added.
 */
import type { NaverOptions } from './options';
import type { NaverSeedT, OriginProductT, ProductOrderDetailT } from './seed-schema';
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
