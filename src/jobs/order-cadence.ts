/**
 * Which malls a minute reads, and how deep. Without webhooks every account's orders are read
 * each minute, as they always were. With the relay hearing a channel's webhooks, an account the
 * relay has heard from lately is read when the relay says it has news, and otherwise only on the
 * backstop cadence (every few minutes, a setting), so a lost webhook costs minutes, never an
 * order. Claims on older orders (a channel may list them by claim date, one date type a request) are
 * read on the backstop cadence, one date type in turn, with or without webhooks (a cancel before
 * shipping is caught by the re-read before each shipment), and all of them when a claim webhook
 * came. Pure: the state is kept by the caller with the run's cache write.
 */
import type { ChannelAccount, ClaimDepth, CollectScope } from '../channels/port';
import { NEWS_KINDS, type NewsAnswer, type NewsKind } from '../channels/relay-wire';
import { channelOf } from '../channels/registry';
import { readStoredJson } from '../core/stored-json';
import * as z from '../core/zod';
import { builtOnUse } from '../core/zod-helpers';

/** How often a quiet mall is read anyway, and its claim dates (the 설정 tab may change it). */
export const DEFAULT_BACKSTOP_MIN = 10;
/**
 * A mall is left to its webhooks only while the relay has heard from it this recently: one that
 * never consented to real-time data (or whose webhooks stopped) is read every minute again.
 */
export const WEBHOOK_TRUST_MS = 3 * 86_400_000;

/**
 * Without webhooks, an account whose orders have not changed on the sheet for this long is quiet:
 * its orders are read every second minute (a paid order waits at most about two minutes), a busy
 * one's each minute. Nothing to set.
 */
export const QUIET_AFTER_MS = 3 * 60_000;
/**
 * Quiet accounts are read in the even minutes (by the clock), all together, so the minute between
 * asks nothing (no fetchAll at all); one whose read is this old is read anyway (a run missed).
 */
export const QUIET_LONGEST_MS = 150_000;

/** What the cadence keeps between runs (JSON in the cache; lost, every mall is read once). */
export interface CadenceState {
  /** The relay's last answer: news after it is new. */
  readonly after: { readonly boot: string; readonly seq: number } | null;
  readonly listening: boolean;
  /** Per mall id: when the relay last heard a webhook of it. */
  readonly heard: Readonly<Record<string, number>>;
  /** Per partner: news heard whose read has not yet succeeded. */
  readonly pending: Readonly<Record<string, readonly NewsKind[]>>;
  /** Per partner: when its claim dates were last read through (epoch ms). */
  readonly backstop: Readonly<Record<string, number>>;
  /** Per partner read without webhooks: when its orders were last read through. */
  readonly read: Readonly<Record<string, number>>;
  /** Per partner read without webhooks: when a read last changed its orders on the sheet. */
  readonly moved: Readonly<Record<string, number>>;
  /**
   * What the properties said when last read (whether a relay is set, the backstop setting):
   * read again hourly, so a minute that needs neither reads no property store.
   */
  readonly settings: { readonly at: number; readonly relay: boolean; readonly backstopMin: number } | null;
}

export const EMPTY_CADENCE: CadenceState = { after: null, listening: false, heard: {}, pending: {}, backstop: {}, read: {}, moved: {}, settings: null };

/** How long what the properties said is trusted. */
export const SETTINGS_TTL_MS = 3_600_000;

/** The settings to use now: kept ones while fresh, else read (`read` costs a property read or two). */
export function settingsOf(s: CadenceState, now: number, read: () => { relay: boolean; backstopMin: number }): NonNullable<CadenceState['settings']> {
  if (s.settings && now - s.settings.at < SETTINGS_TTL_MS && now >= s.settings.at) return s.settings;
  return { at: now, ...read() };
}

/** The backstop setting as typed (document property `backstopMinutes`): 1 to 60 minutes, else the default. */
export function backstopMinutes(text: string | null | undefined): number {
  const n = Number((text ?? '').trim());
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : DEFAULT_BACKSTOP_MIN;
}

const Stored = builtOnUse(() => z.object({
  after: z.nullable(z.object({ boot: z.string(), seq: z.number() })),
  listening: z.boolean(),
  heard: z.record(z.string(), z.number()),
  pending: z.record(z.string(), z.array(z.enum(NEWS_KINDS))),
  backstop: z.record(z.string(), z.number()),
  read: z.optional(z.record(z.string(), z.number())),
  moved: z.optional(z.record(z.string(), z.number())),
  settings: z.nullable(z.object({ at: z.number(), relay: z.boolean(), backstopMin: z.number() })),
}));

/** The kept state; none or damaged reads as empty (every mall is then read once). */
export function parseCadence(text: string | undefined): CadenceState {
  const s = readStoredJson(Stored, text);
  return s ? { ...s, read: s.read ?? {}, moved: s.moved ?? {} } : EMPTY_CADENCE;
}

/** One account's reads this minute: its orders since the cursor, and its claim dates. */
export type ReadScope = CollectScope;

export interface CadenceInput {
  readonly now: number;
  readonly backstopMs: number;
  /** A relay is set: this run asks it for news. */
  readonly relay: boolean;
}

/** Accounts whose reads a webhook may stand for: those of a channel the relay hears. */
const hearsWebhooks = (a: ChannelAccount) => channelOf(a.channel).webhooks !== undefined;

const due = (s: CadenceState, a: ChannelAccount, i: CadenceInput) => i.now - (s.backstop[a.partnerId] ?? -Infinity) >= i.backstopMs;

/** Whether the relay's webhooks stand for this account's minute reads. */
export function leftToWebhooks(s: CadenceState, a: ChannelAccount, i: CadenceInput): boolean {
  if (!i.relay || !s.listening || !hearsWebhooks(a)) return false;
  const heard = s.heard[a.accountId];
  return heard !== undefined && i.now - heard <= WEBHOOK_TRUST_MS;
}

/**
 * Which claim date type a read takes in turn: one each backstop period, whether the account is
 * left to webhooks or read every minute. A cancel before shipping needs no minute read: every
 * order is read again before it ships (src/jobs/ship-orders.ts), and a claim webhook reads all.
 */
const claimTurnOf = (i: CadenceInput) => Math.floor(i.now / i.backstopMs);

/** An account without webhooks whose orders have been still a while, read a moment ago: it waits for the even minute. */
const quietNow = (s: CadenceState, a: ChannelAccount, i: CadenceInput) =>
  i.now - (s.moved[a.partnerId] ?? -Infinity) >= QUIET_AFTER_MS && Math.floor(i.now / 60_000) % 2 === 1 && i.now - (s.read[a.partnerId] ?? -Infinity) < QUIET_LONGEST_MS && i.now >= (s.read[a.partnerId] ?? -Infinity);

/** What to read before the relay's answer is in (the first round, beside the news request). */
export function firstReads(s: CadenceState, accounts: readonly ChannelAccount[], i: CadenceInput): Map<string, ReadScope> {
  const plan = new Map<string, ReadScope>();
  for (const a of accounts) {
    const pending = s.pending[a.partnerId] ?? [];
    const claimTurn = claimTurnOf(i);
    const claims: ClaimDepth = pending.includes('claims') ? 'all' : due(s, a, i) ? 'turn' : 'none';
    if (!leftToWebhooks(s, a, i)) {
      // A quiet account's claim dates, when due, wait for its next read (a minute at most).
      if (quietNow(s, a, i)) continue;
      plan.set(a.partnerId, { orders: true, claims, claimTurn });
      continue;
    }
    // The orders' backstop counts from their last read, news-driven ones too: an order whose
    // webhook was lost is read within the backstop of the read before it.
    const orders = pending.length > 0 || i.now - (s.read[a.partnerId] ?? s.backstop[a.partnerId] ?? -Infinity) >= i.backstopMs;
    if (orders || claims !== 'none') plan.set(a.partnerId, { orders, claims, claimTurn });
  }
  return plan;
}

/**
 * What the relay's answer adds: a mall with news not read yet is read now; claim news reads
 * every claim date; a gap (the relay restarted, or was never asked) reads every mall left to
 * webhooks, since what it heard before is gone.
 */
export function newsReads(s: CadenceState, accounts: readonly ChannelAccount[], planned: ReadonlyMap<string, ReadScope>, answer: NewsAnswer, i: CadenceInput): Map<string, ReadScope> {
  const more = new Map<string, ReadScope>();
  for (const a of accounts) {
    if (!hearsWebhooks(a)) continue;
    const news = answer.malls[a.accountId]?.news ?? [];
    const has = planned.get(a.partnerId);
    const wantClaims = news.includes('claims');
    const wantOrders = wantClaims || news.includes('orders') || news.includes('app') || (answer.gap && leftToWebhooks(s, a, i));
    if (!wantOrders) continue;
    const orders = !has?.orders;
    const claims: ClaimDepth = wantClaims && has?.claims !== 'all' ? 'all' : 'none';
    if (orders || claims !== 'none') more.set(a.partnerId, { orders, claims, claimTurn: claimTurnOf(i) });
  }
  return more;
}

/**
 * The state after a run: which reads went through, what the relay said, and (`moved`) the
 * accounts whose orders on the sheet this run changed.
 */
export function afterRun(
  s: CadenceState,
  accounts: readonly ChannelAccount[],
  read: ReadonlyMap<string, ReadScope>,
  ok: ReadonlySet<string>,
  answer: NewsAnswer | null,
  i: CadenceInput & { readonly settings: CadenceState['settings'] },
  moved: ReadonlySet<string> = new Set(),
): CadenceState {
  const pending: Record<string, NewsKind[]> = {};
  const backstop: Record<string, number> = {};
  const heard: Record<string, number> = {};
  const lastRead: Record<string, number> = {};
  const lastMoved: Record<string, number> = {};
  for (const a of accounts) {
    const scope = read.get(a.partnerId);
    const through = scope !== undefined && ok.has(a.partnerId);
    const news = new Set<NewsKind>([...(s.pending[a.partnerId] ?? []), ...((answer?.malls[a.accountId]?.news ?? []).filter((k) => k === 'orders' || k === 'claims' || k === 'app'))]);
    if (!through && news.size > 0) pending[a.partnerId] = [...news];
    const last = s.backstop[a.partnerId];
    if (through && scope.claims !== 'none') backstop[a.partnerId] = i.now;
    else if (last !== undefined) backstop[a.partnerId] = last;
    const at = answer?.malls[a.accountId]?.heardAt ?? (answer?.gap ? undefined : s.heard[a.accountId]);
    if (at !== undefined && at !== null) heard[a.accountId] = at;
    const readAt = through && scope.orders ? i.now : s.read[a.partnerId];
    if (readAt !== undefined) lastRead[a.partnerId] = readAt;
    const movedAt = moved.has(a.partnerId) ? i.now : s.moved[a.partnerId];
    if (movedAt !== undefined) lastMoved[a.partnerId] = movedAt;
  }
  return {
    after: answer ? { boot: answer.boot, seq: answer.seq } : s.after,
    listening: answer ? answer.listening : i.relay && s.listening,
    heard,
    pending,
    backstop,
    read: lastRead,
    moved: lastMoved,
    settings: i.settings,
  };
}
