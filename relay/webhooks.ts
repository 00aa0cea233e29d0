/**
 * What the relay remembers of Cafe24's webhooks: per mall, the last sequence number of each kind
 * of news and when the mall was last heard. Nothing of a payload is kept (no buyer, no order):
 * the add-on reads the mall itself, so a webhook only says "read this mall now". Memory is
 * bounded by malls × kinds, however many webhooks come, and a resent webhook (Cafe24's
 * `log_type` R) only moves a number.
 *
 * The board lives in the process: a restart (a new Cloud Run instance) forgets it, and the new
 * `boot` tells the add-on so, which then reads every mall once. A lost webhook costs the
 * add-on's backstop cadence, never an order.
 */
import { randomBytes } from 'node:crypto';
import { CAFE24_EVENT_KINDS, NEWS_KINDS, type NewsAnswer, type NewsKind, type NewsQuestion } from '../src/channels/relay-wire';

/** Cafe24 mall ids: lower-case letters and digits (cafe24-api.md §1), kept short. */
const MALL_ID = /^[a-z0-9][a-z0-9_-]{0,49}$/;
/** More malls than any sheet has; beyond it the oldest heard is forgotten (its news read by the backstop). */
const MAX_MALLS = 10_000;

interface MallNews {
  heardAt: number;
  readonly seqOf: Partial<Record<NewsKind, number>>;
}

export type Heard =
  | { readonly kind: 'kept'; readonly mallId: string; readonly news: NewsKind }
  /** A well-formed event the add-on has no use for (an app payment): answered 200, not kept. */
  | { readonly kind: 'ignored'; readonly eventNo: number }
  | { readonly kind: 'malformed'; readonly message: string };

export class WebhookBoard {
  readonly boot: string;
  private seq = 0;
  private readonly malls = new Map<string, MallNews>();

  constructor(boot: string = randomBytes(8).toString('hex')) {
    this.boot = boot;
  }

  /** One delivery's body, as Cafe24 posts it: `{"event_no": n, "resource": {"mall_id": …}}`. */
  hear(body: unknown, now: number): Heard {
    if (typeof body !== 'object' || body === null) return { kind: 'malformed', message: 'a JSON object expected' };
    const { event_no: eventNo, resource } = body as { event_no?: unknown; resource?: unknown };
    const no = typeof eventNo === 'string' && /^\d+$/.test(eventNo) ? Number(eventNo) : eventNo;
    if (typeof no !== 'number' || !Number.isInteger(no)) return { kind: 'malformed', message: 'event_no: an integer expected' };
    const mallId = typeof resource === 'object' && resource !== null ? (resource as { mall_id?: unknown }).mall_id : undefined;
    if (typeof mallId !== 'string' || !MALL_ID.test(mallId)) return { kind: 'malformed', message: 'resource.mall_id: a mall id expected' };
    const news = CAFE24_EVENT_KINDS[no];
    if (news === undefined) return { kind: 'ignored', eventNo: no };
    let mall = this.malls.get(mallId);
    if (!mall) {
      if (this.malls.size >= MAX_MALLS) this.forgetOldest();
      this.malls.set(mallId, (mall = { heardAt: now, seqOf: {} }));
    }
    mall.heardAt = now;
    mall.seqOf[news] = ++this.seq;
    return { kind: 'kept', mallId, news };
  }

  /** The add-on's question answered: only the malls it names. */
  answer(q: NewsQuestion, listening: boolean): NewsAnswer {
    const gap = q.after === null || q.after.boot !== this.boot || q.after.seq > this.seq;
    const after = gap ? 0 : q.after!.seq;
    const malls: Record<string, { heardAt: number | null; news: NewsKind[] }> = {};
    for (const id of q.malls) {
      const m = this.malls.get(id);
      malls[id] = { heardAt: m?.heardAt ?? null, news: m ? NEWS_KINDS.filter((k) => (m.seqOf[k] ?? 0) > after) : [] };
    }
    return { boot: this.boot, seq: this.seq, listening, gap, malls };
  }

  private forgetOldest(): void {
    let oldest: string | null = null;
    let at = Infinity;
    for (const [id, m] of this.malls) if (m.heardAt < at) [oldest, at] = [id, m.heardAt];
    if (oldest !== null) this.malls.delete(oldest);
  }
}

/** The add-on's question, checked (the signature already holds; this is its shape). */
export function parseQuestion(body: Buffer): NewsQuestion | string {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  if (typeof v !== 'object' || v === null) return 'a JSON object expected';
  const { after, malls } = v as { after?: unknown; malls?: unknown };
  if (!Array.isArray(malls) || malls.length > MAX_MALLS || !malls.every((m) => typeof m === 'string' && MALL_ID.test(m))) return 'malls: a list of mall ids expected';
  if (after === null || after === undefined) return { after: null, malls };
  const { boot, seq } = after as { boot?: unknown; seq?: unknown };
  if (typeof boot !== 'string' || !/^[0-9a-f]{1,64}$/.test(boot) || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return 'after: {boot, seq} or null expected';
  return { after: { boot, seq }, malls };
}
