/**
 * Which malls a minute reads, and how deep. Without webhooks an account's orders are read each
 * minute while they change, and every `stride` minutes while quiet (2, longer when many accounts
 * would spend more of the day's fetch quota than it allows). With the relay hearing a channel's
 * webhooks, an account the relay has heard from lately is read when the relay says it has news,
 * and otherwise only on the backstop cadence (every few minutes, a setting), so a lost webhook
 * costs minutes, never an order. Claims on older orders (a channel may list them by claim date,
 * one date type a request) are read on the backstop cadence, one date type in turn, with or
 * without webhooks (a cancel before shipping is caught by the re-read before each shipment), and
 * all of them when a claim webhook came. Pure: the state is kept by the caller with the run's cache write.
 */
import type { ChannelAccount, ClaimDepth, CollectScope } from '../channels/port';
import { NEWS_KINDS, type NewsAnswer, type NewsKind } from '../channels/relay-wire';
import { channelOf } from '../channels/registry';
import { readStoredJson } from '../core/stored-json';
import * as z from '../core/zod';
import { inShapeOrder, isNumber, isRecord, numberRecord } from '../core/recognize';
import { builtOnUse } from '../core/zod-helpers';
import { QUOTA_LIMITS, type AccountType } from './health';
import { DEFAULT_INQUIRY_MINUTES, MANY_INQUIRY_ACCOUNTS } from './inquiries';

/** How often a quiet mall is read anyway, and its claim dates (the 설정 tab may change it). */
export const DEFAULT_BACKSTOP_MIN = 10;
/**
 * A mall is left to its webhooks only while the relay has heard from it this recently: one that
 * never consented to real-time data (or whose webhooks stopped) is read every minute again.
 */
export const WEBHOOK_TRUST_MS = 3 * 86_400_000;

/**
 * Without webhooks, an account whose orders have not changed on the sheet for this long is quiet:
 * its orders are read every `stride` minutes (below; 2 while the quota allows, so a paid order
 * waits at most about two minutes), a busy one's each minute. Nothing to set.
 */
export const QUIET_AFTER_MS = 3 * 60_000;
/**
 * Quiet accounts are read in the minutes (by the clock) the stride divides, all together, so the
 * minutes between ask nothing (no fetchAll at all); one whose read is older than the stride and
 * a half is read anyway (a run missed its minute).
 */
export const quietLongestMs = (stride: number) => stride * 60_000 + 30_000;
/** The stride while the quota allows it: a paid order waits at most about two minutes. */
export const QUIET_STRIDE_MIN = 2;
/**
 * The longest stride: the default backstop, the longest a mall left to its webhooks waits for a
 * lost one. Past it the quota is spent by claims and inquiries, which a longer stride cannot save.
 */
export const QUIET_STRIDE_MAX = 10;
/**
 * What the reads the cadence plans for a day (below) may take of the account kind's daily URL
 * fetch quota (20,000 consumer, 100,000 Workspace): the stride is the shortest from 2 minutes
 * that keeps them within it. The rest of half the quota is left for what orders bring and no
 * plan can count: a busy account's minute reads, webhook news, token refreshes, shipments,
 * stock pushes (about 10% of a consumer day with 10 malls and 1,000 orders a day: bench case 8).
 */
export const PLANNED_QUOTA_SHARE = 0.4;
/** Lists an inquiry read asks per account (a mall's two boards, a marketplace's two kinds of question). */
const INQUIRY_LISTS = 2;
const DAY_MIN = 1440;

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
   * What the properties said when last read (whether a relay is set, the backstop setting, the
   * account kind and the inquiry cadence the quiet stride budgets with): read again hourly, so a
   * minute that needs none of them reads no property store.
   */
  readonly settings: CadenceSettings | null;
  /** The quiet stride the last run planned with (the log says when it changes; the sidebar shows it past 2). */
  readonly stride: number;
}

export interface CadenceSettings {
  readonly at: number;
  readonly relay: boolean;
  readonly backstopMin: number;
  /** Whose daily URL fetch quota the reads share (document property `quota.account`). */
  readonly account: AccountType;
  /** The `inquiryMinutes` setting as typed (1–1440), null when unset: the inquiries step's cadence. */
  readonly inquiryMin: number | null;
}

export const EMPTY_CADENCE: CadenceState = { after: null, listening: false, heard: {}, pending: {}, backstop: {}, read: {}, moved: {}, settings: null, stride: QUIET_STRIDE_MIN };

/** How long what the properties said is trusted. */
export const SETTINGS_TTL_MS = 3_600_000;

/** The settings to use now: kept ones while fresh, else read (`read` costs a property read or two). */
export function settingsOf(s: CadenceState, now: number, read: () => Omit<CadenceSettings, 'at'>): CadenceSettings {
  if (s.settings && now - s.settings.at < SETTINGS_TTL_MS && now >= s.settings.at) return s.settings;
  return { at: now, ...read() };
}

/** The backstop setting as typed (document property `backstopMinutes`): 1 to 60 minutes, else the default. */
export function backstopMinutes(text: string | null | undefined): number {
  const n = Number((text ?? '').trim());
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : DEFAULT_BACKSTOP_MIN;
}

/**
 * Every minute reads this (Apps Script builds it anew each execution): one schema per leaf kind,
 * shared by the fields, is half the schemas of one per field, and parses the same. What the last
 * run wrote is read by hand (`asWritten`), so a minute builds none; exported for the spec that
 * holds the two to one answer.
 */
function keptSchema() {
  const num = z.number();
  const bool = z.boolean();
  const times = z.record(z.string(), num);
  const someTimes = z.optional(times);
  return z.object({
    after: z.nullable(z.object({ boot: z.string(), seq: num })),
    listening: bool,
    heard: times,
    pending: z.record(z.string(), z.array(z.enum(NEWS_KINDS))),
    backstop: times,
    read: someTimes,
    moved: someTimes,
    // Settings kept before the account kind was among them read as none: read again this minute.
    settings: z.nullable(z.object({ at: num, relay: bool, backstopMin: num, account: z.optional(z.enum(['consumer', 'workspace'])), inquiryMin: z.optional(z.nullable(num)) })),
    stride: z.optional(num),
  });
}

type StoredCadence = z.output<ReturnType<typeof keptSchema>>;

export const CadenceKeptSchema = builtOnUse(keptSchema, asWritten);

const CADENCE_SHAPE = ['after', 'listening', 'heard', 'pending', 'backstop', 'read', 'moved', 'settings', 'stride'];
const AFTER_SHAPE = ['boot', 'seq'];
const SETTINGS_SHAPE = ['at', 'relay', 'backstopMin', 'account', 'inquiryMin'];

/**
 * The kept state as `afterRun` makes it, read by hand (zod-helpers.ts `Recognizer`): every key
 * known, every value of its kind. Anything else (a state an older version kept, a damaged one) is
 * the schema's: it drops an unknown key and refuses a missing or mistyped one.
 */
function asWritten(v: unknown): StoredCadence | undefined {
  if (!isRecord(v) || !keysWithin(v, CADENCE_SHAPE)) return undefined;
  const { after, listening, heard, pending, backstop, read, moved, settings, stride } = v;
  if (!(after === null || (isRecord(after) && keysWithin(after, AFTER_SHAPE) && typeof after['boot'] === 'string' && isNumber(after['seq'])))) return undefined;
  if (typeof listening !== 'boolean' || !isTimes(heard) || !isTimes(backstop)) return undefined;
  if (!(read === undefined || isTimes(read)) || !(moved === undefined || isTimes(moved)) || !(stride === undefined || isNumber(stride))) return undefined;
  if (!isRecord(pending) || !Object.values(pending).every((kinds) => Array.isArray(kinds) && kinds.every((k) => (NEWS_KINDS as readonly unknown[]).includes(k)))) return undefined;
  if (settings !== null) {
    if (!isRecord(settings) || !keysWithin(settings, SETTINGS_SHAPE)) return undefined;
    const { at, relay, backstopMin, account, inquiryMin } = settings;
    if (!isNumber(at) || typeof relay !== 'boolean' || !isNumber(backstopMin)) return undefined;
    if (!(account === undefined || account === 'consumer' || account === 'workspace') || !(inquiryMin === undefined || inquiryMin === null || isNumber(inquiryMin))) return undefined;
  }
  return inShapeOrder<StoredCadence>(
    { ...v, after: after === null ? null : inShapeOrder(after, AFTER_SHAPE), settings: settings === null ? null : inShapeOrder(settings, SETTINGS_SHAPE) },
    CADENCE_SHAPE,
  );
}

/** Every key one of the shape's (the schema drops an unknown one: that is its to do). */
const keysWithin = (v: Record<string, unknown>, shape: readonly string[]) => Object.keys(v).every((k) => shape.includes(k));
/** z.record(z.string(), z.number()): what recognize.ts reads. */
const isTimes = (v: unknown) => numberRecord(v) !== undefined;

/** The kept state; none or damaged reads as empty (every mall is then read once). */
export function parseCadence(text: string | undefined): CadenceState {
  const s = readStoredJson(CadenceKeptSchema, text);
  if (!s) return EMPTY_CADENCE;
  const k = s.settings;
  const settings = k && k.account !== undefined && k.inquiryMin !== undefined ? { at: k.at, relay: k.relay, backstopMin: k.backstopMin, account: k.account, inquiryMin: k.inquiryMin } : null;
  return { ...s, read: s.read ?? {}, moved: s.moved ?? {}, settings, stride: s.stride ?? QUIET_STRIDE_MIN };
}

/** One account's reads this minute: its orders since the cursor, and its claim dates. */
export type ReadScope = CollectScope;

export interface CadenceInput {
  readonly now: number;
  readonly backstopMs: number;
  /** A relay is set: this run asks it for news. */
  readonly relay: boolean;
  /** What the quiet stride budgets with (from the settings read hourly). */
  readonly budget: Pick<CadenceSettings, 'account' | 'inquiryMin'>;
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

/** The accounts a day's reads are planned for: read without webhooks (each `stride` minutes while quiet), and left to them. */
export interface DayPlan {
  readonly quiet: number;
  readonly webhooks: number;
  /** The relay hears webhooks: it is asked for news each minute. */
  readonly listening: boolean;
}

/**
 * A day's planned URL fetches at a stride: each account read without webhooks once a stride
 * (one list a read), each one left to webhooks once a backstop, every account's claim date
 * type once a backstop and its inquiry lists once an inquiry period, the relay's news question
 * each minute while it hears webhooks.
 */
export function plannedFetches(p: DayPlan, stride: number, i: Pick<CadenceInput, 'backstopMs' | 'budget'>): number {
  const accounts = p.quiet + p.webhooks;
  const backstops = DAY_MIN / (i.backstopMs / 60_000);
  const inquiries = (INQUIRY_LISTS * DAY_MIN) / inquiryMinutesFor(i.budget.inquiryMin, accounts);
  return p.quiet * (DAY_MIN / stride) + p.webhooks * backstops + accounts * (backstops + inquiries) + (p.listening ? DAY_MIN : 0);
}

/** The inquiries step's cadence (src/jobs/inquiries.ts `cadence`): as set, else 10 minutes, 20 past five accounts. */
const inquiryMinutesFor = (typed: number | null, accounts: number) => typed ?? (accounts > MANY_INQUIRY_ACCOUNTS ? 2 * DEFAULT_INQUIRY_MINUTES : DEFAULT_INQUIRY_MINUTES);

/** The `inquiryMinutes` setting as the inquiries step takes it: a whole number of minutes, 1 to 1440; else unset. */
export function typedInquiryMinutes(text: string | null | undefined): number | null {
  const n = Number(text ?? '');
  return Number.isInteger(n) && n >= 1 && n <= 1440 ? n : null;
}

/**
 * Every how many minutes quiet accounts without webhooks are read: the shortest from 2 whose
 * planned day fits PLANNED_QUOTA_SHARE of the account kind's daily fetch quota, at most
 * QUIET_STRIDE_MAX. 10 malls and 2 marketplace accounts on a consumer account: 4 minutes.
 */
export function quietStride(s: CadenceState, accounts: readonly ChannelAccount[], i: CadenceInput): number {
  const quiet = accounts.filter((a) => !leftToWebhooks(s, a, i)).length;
  const plan: DayPlan = { quiet, webhooks: accounts.length - quiet, listening: i.relay && s.listening };
  const budget = PLANNED_QUOTA_SHARE * QUOTA_LIMITS[i.budget.account].fetches;
  for (let stride = QUIET_STRIDE_MIN; stride < QUIET_STRIDE_MAX; stride++) if (plannedFetches(plan, stride, i) <= budget) return stride;
  return QUIET_STRIDE_MAX;
}

/** An account without webhooks whose orders have been still a while, read a moment ago: it waits for its stride's next minute. */
const quietNow = (s: CadenceState, a: ChannelAccount, i: CadenceInput, stride: number) => {
  const read = s.read[a.partnerId] ?? -Infinity;
  return i.now - (s.moved[a.partnerId] ?? -Infinity) >= QUIET_AFTER_MS && Math.floor(i.now / 60_000) % stride !== 0 && i.now - read < quietLongestMs(stride) && i.now >= read;
};

/** What to read before the relay's answer is in (the first round, beside the news request). */
export function firstReads(s: CadenceState, accounts: readonly ChannelAccount[], i: CadenceInput): Map<string, ReadScope> {
  const plan = new Map<string, ReadScope>();
  const stride = quietStride(s, accounts, i);
  for (const a of accounts) {
    const pending = s.pending[a.partnerId] ?? [];
    const claimTurn = claimTurnOf(i);
    const claims: ClaimDepth = pending.includes('claims') ? 'all' : due(s, a, i) ? 'turn' : 'none';
    if (!leftToWebhooks(s, a, i)) {
      // A quiet account's claim dates, when due, wait for its next read (a minute at most).
      if (quietNow(s, a, i, stride)) continue;
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
    stride: quietStride(s, accounts, i),
  };
}
