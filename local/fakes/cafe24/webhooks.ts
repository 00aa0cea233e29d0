/**
 * Cafe24's webhooks (reference cafe24-api.md §10): after a change to a mall's orders or stock,
 * the fake hands the host a delivery `{"event_no": n, "resource": {"mall_id", "event_shop_no",
 * …}}` with the app's secret in an `x-api-key` header, as Cafe24 POSTs it to the app's webhook
 * URL. The host decides where it goes (the sandbox: our relay, after `delayMs` of simulated time).
 *
 * The fake finds what changed by comparing the mall before and after each operation (a buyer's,
 * the operator's, or an API write), so every path that changes an order fires its event.
 *
 * Where the reference is silent, a switch (README "Webhooks"):
 * - delivery delay (default 2 s), lost deliveries (`lose`, `loseEvery`), resends (`resend`: each
 *   delivery comes twice, the second with `log_type` R);
 * - `apiWrites`: whether changes the app makes through the API fire webhooks too (default yes:
 *   the events describe a status change, whoever made it);
 * - `exchangeEvent`: no event is listed for exchanges; default none, or 90027 (the return event);
 * - `malls`: which malls consented to real-time data (default all).
 */
import { z } from 'zod';
import type { MallState } from './model';

export const WebhookOptionsSchema = z.strictObject({
  /** The secret set for the app's webhooks in the developer centre, sent as `x-api-key`. */
  apiKey: z.string().min(1),
  /** Simulated ms between the change and its delivery. */
  delayMs: z.number().int().nonnegative().default(2_000),
  /** Deliveries lost on the way, by number (1 = the first delivery of this fake), never resent. */
  lose: z.array(z.number().int().positive()).default([]),
  /** Every Nth delivery is lost (0: none). */
  loseEvery: z.number().int().nonnegative().default(0),
  /** Each delivery arrives twice, the second a resend (`log_type` R) a minute later. */
  resend: z.boolean().default(false),
  /** Changes made through the API fire webhooks too. */
  apiWrites: z.boolean().default(true),
  /** The event an exchange's status change sends (the reference lists none). */
  exchangeEvent: z.union([z.literal(90027), z.null()]).default(null),
  /** Malls that consented to real-time data; absent: every mall. */
  malls: z.array(z.string()).optional(),
});
export type WebhookOptions = z.output<typeof WebhookOptionsSchema>;

export interface WebhookDelivery {
  /** 1-based, in the order the fake made them. */
  readonly no: number;
  /** Simulated epoch ms when it should arrive. */
  readonly at: number;
  readonly eventNo: number;
  readonly mallId: string;
  readonly logType: 'G' | 'R';
  readonly lost: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What of an order a webhook reports: payment, and each item's status by family. */
type OrderMark = { readonly paid: string; readonly items: ReadonlyMap<string, string> };
type MallMark = { readonly orders: ReadonlyMap<string, OrderMark>; readonly stock: ReadonlyMap<string, number> };

function markOf(mall: MallState): MallMark {
  const orders = new Map<string, OrderMark>();
  for (const o of mall.orders.values()) orders.set(o.order_id, { paid: `${o.paid}|${o.payment_status}`, items: new Map(o.items.map((i) => [i.order_item_code, i.order_status])) });
  const stock = new Map<string, number>();
  for (const v of mall.variants.values()) stock.set(v.variant_code, v.quantity);
  return { orders, stock };
}

export class WebhookEmitter {
  private readonly opts: WebhookOptions;
  private sink: ((d: WebhookDelivery) => void) | null = null;
  readonly deliveries: WebhookDelivery[] = [];
  /** Per mall: how many of its next deliveries are lost (a scenario's `loseWebhooks`). */
  private readonly toLose = new Map<string, number>();

  constructor(
    options: z.input<typeof WebhookOptionsSchema>,
    private readonly clock: () => number,
  ) {
    this.opts = WebhookOptionsSchema.parse(options);
  }

  get options(): Readonly<WebhookOptions> {
    return this.opts;
  }

  /** Where deliveries go (the host's transport to the webhook URL). */
  onDelivery(sink: (d: WebhookDelivery) => void): void {
    this.sink = sink;
  }

  /** The mall's next `count` deliveries are lost on the way (never resent). */
  loseNext(mallId: string, count: number): { mall_id: string; lost_next: number } {
    if (!Number.isInteger(count) || count < 1) throw new Error('loseWebhooks: count must be a whole number ≥ 1');
    this.toLose.set(mallId, (this.toLose.get(mallId) ?? 0) + count);
    return { mall_id: mallId, lost_next: this.toLose.get(mallId)! };
  }

  /** Runs `change` on the mall and sends a webhook for each thing it changed. */
  around<T>(mall: MallState | undefined, change: () => T, via: 'api' | 'control' = 'control'): T {
    if (!mall || (via === 'api' && !this.opts.apiWrites) || (this.opts.malls && !this.opts.malls.includes(mall.mall_id))) return change();
    const before = markOf(mall);
    const out = change();
    this.compare(mall, before, markOf(mall));
    return out;
  }

  private compare(mall: MallState, before: MallMark, after: MallMark): void {
    for (const [id, now] of after.orders) {
      const was = before.orders.get(id);
      if (!was) {
        this.emit(mall, 90023, { order_id: id });
        continue;
      }
      if (was.paid !== now.paid) this.emit(mall, 90025, { order_id: id });
      const families = new Set<string>();
      for (const [code, status] of now.items) if (was.items.get(code) !== status) families.add(status[0] ?? '');
      if (families.has('N')) this.emit(mall, 90024, { order_id: id });
      if (families.has('C')) this.emit(mall, 90026, { order_id: id });
      if (families.has('R')) this.emit(mall, 90027, { order_id: id });
      if (families.has('E') && this.opts.exchangeEvent !== null) this.emit(mall, this.opts.exchangeEvent, { order_id: id });
    }
    for (const [code, q] of after.stock) if (before.stock.get(code) !== q) this.emit(mall, 90075, { variant_code: code, quantity: q });
  }

  private emit(mall: MallState, eventNo: number, resource: Record<string, unknown>): void {
    const body = JSON.stringify({ event_no: eventNo, resource: { mall_id: mall.mall_id, event_shop_no: 1, ...resource } });
    const headers = { 'content-type': 'application/json', 'x-api-key': this.opts.apiKey };
    const send = (logType: 'G' | 'R', delay: number) => {
      const no = this.deliveries.length + 1;
      const owed = this.toLose.get(mall.mall_id) ?? 0;
      if (owed > 0) this.toLose.set(mall.mall_id, owed - 1);
      const lost = owed > 0 || this.opts.lose.includes(no) || (this.opts.loseEvery > 0 && no % this.opts.loseEvery === 0);
      const d: WebhookDelivery = { no, at: this.clock() + delay, eventNo, mallId: mall.mall_id, logType, lost, headers, body };
      this.deliveries.push(d);
      if (!lost) this.sink?.(d);
    };
    send('G', this.opts.delayMs);
    if (this.opts.resend) send('R', this.opts.delayMs + 60_000);
  }
}
