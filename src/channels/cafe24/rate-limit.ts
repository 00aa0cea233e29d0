/**
 * A client-side model of Cafe24's limits for one mall (reference §3), so the shell paces itself
 * instead of collecting 429s:
 * - the leaky bucket: 40 calls, draining 2 per second, reported after each call as
 *   `X-Api-Call-Limit: used/max`. We keep a quarter of it free (other apps of the mall, another
 *   execution of ours) and send bursts only into the rest;
 * - the abuse rule: 10 or more calls per second from one IP to one mall may be refused, so at
 *   most 9 are sent within any second;
 * - the usage quota: `X-Cafe24-Call-Remain` / `X-Cafe24-Time-Remain` (seconds) appear once a
 *   quota is spent; nothing may be sent before they pass.
 * The state is a plain JSON-safe object per mall; the shell keeps it in CacheService between
 * executions. Pure: time comes in.
 */
import type { HttpResponse } from '../../core/http';

export const BUCKET_CAPACITY = 40;
export const DRAIN_PER_SECOND = 2;
/** Share of the bucket we fill; the rest is headroom. */
export const SOFT_LIMIT_RATIO = 0.75;
export const MAX_CALLS_PER_SECOND = 9;

export interface RateState {
  /** Bucket size as the mall last reported it. */
  readonly capacity: number;
  /** Calls in the bucket at `at` (an estimate between answers). */
  readonly level: number;
  readonly at: number;
  /** Nothing may be sent before this (epoch ms; 0 = not blocked). */
  readonly blockedUntil: number;
  /** When recent calls were sent (the last second's, for the abuse rule). */
  readonly recentSends: readonly number[];
  /** Last reported usage quota percentages, for the log. */
  readonly callUsage: number | null;
  readonly timeUsage: number | null;
}

export function initialRateState(now: number): RateState {
  return { capacity: BUCKET_CAPACITY, level: 0, at: now, blockedUntil: 0, recentSends: [], callUsage: null, timeUsage: null };
}

/** The bucket's fill at `now`, after draining since the last reading. */
export function levelAt(state: RateState, now: number): number {
  return Math.max(0, state.level - (Math.max(0, now - state.at) / 1000) * DRAIN_PER_SECOND);
}

function softLimit(state: RateState): number {
  return Math.floor(state.capacity * SOFT_LIMIT_RATIO);
}

function sendsInLastSecond(state: RateState, now: number): number[] {
  return state.recentSends.filter((t) => now - t < 1000);
}

const EPS = 1e-9;

/**
 * How many requests may go out together right now: what fits under the soft limit and under
 * the per-second cap. 0 while blocked. Never more than the bucket can take.
 */
export function batchAllowance(state: RateState, now: number): number {
  if (now < state.blockedUntil) return 0;
  const room = Math.floor(softLimit(state) - levelAt(state, now) + EPS);
  const perSecond = MAX_CALLS_PER_SECOND - sendsInLastSecond(state, now).length;
  return Math.max(0, Math.min(room, perSecond));
}

/**
 * How long to wait before the next request may go: 0 exactly when `batchAllowance` is at least
 * 1. Above the soft limit this is the time the bucket needs to drain one slot below it, so a
 * busy shell settles at the drain rate (2 calls a second) with the headroom kept.
 */
export function nextDelayMs(state: RateState, now: number): number {
  if (now < state.blockedUntil) return state.blockedUntil - now;
  const excess = levelAt(state, now) - (softLimit(state) - 1);
  const bucketWait = excess > EPS ? Math.ceil((excess / DRAIN_PER_SECOND) * 1000) : 0;
  const recent = sendsInLastSecond(state, now);
  // A full second waits until all of its sends have aged, not its oldest: the slots then come
  // back as one burst, not one small batch (one more round trip) per earlier burst.
  const secondWait = recent.length >= MAX_CALLS_PER_SECOND ? Math.max(...recent) + 1000 - now : 0;
  return Math.max(bucketWait, secondWait);
}

/** Counts `count` requests as sent at `now` (before their answers report the bucket). */
export function recordSent(state: RateState, count: number, now: number): RateState {
  const recent = sendsInLastSecond(state, now);
  for (let i = 0; i < count; i++) recent.push(now);
  return {
    ...state,
    level: levelAt(state, now) + count,
    at: now,
    recentSends: recent.slice(-MAX_CALLS_PER_SECOND),
  };
}

/** `X-Api-Call-Limit: 12/40` → {used: 12, max: 40}. */
export function parseCallLimit(value: string | undefined): { used: number; max: number } | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value ?? '');
  if (!m) return null;
  const used = Number(m[1]);
  const max = Number(m[2]);
  return max > 0 ? { used, max } : null;
}

function seconds(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}

/** Seconds until the usage quota lets calls through again (the larger Remain), if reported. */
function usageRemainSeconds(r: HttpResponse): number | null {
  const call = seconds(r.headers['x-cafe24-call-remain']);
  const time = seconds(r.headers['x-cafe24-time-remain']);
  return call === null && time === null ? null : Math.max(call ?? 0, time ?? 0);
}

/**
 * How long to wait after a 429: the usage quota's Remain headers first, then a Retry-After if
 * one is sent (undocumented), else the time the reported (or, without a header, full) bucket
 * needs to drain back under the soft limit.
 */
export function retryAfterMs(response: HttpResponse): number {
  const remain = usageRemainSeconds(response);
  if (remain !== null) return Math.ceil(remain * 1000);
  const after = seconds(response.headers['retry-after']);
  if (after !== null) return Math.ceil(after * 1000);
  const limit = parseCallLimit(response.headers['x-api-call-limit']) ?? { used: BUCKET_CAPACITY, max: BUCKET_CAPACITY };
  const soft = Math.floor(limit.max * SOFT_LIMIT_RATIO);
  return Math.max(1, Math.ceil(((Math.max(limit.used, limit.max) - (soft - 1)) / DRAIN_PER_SECOND) * 1000));
}

/**
 * The state after a batch of answers received at `now`. The fullest bucket any answer reports
 * is the latest fill (the answers of one batch leave the server within moments); answers
 * without the header (no answer, 401) change nothing. A 429 or a Remain header blocks until it
 * has passed.
 */
export function observe(state: RateState, responses: readonly HttpResponse[], now: number): RateState {
  let next: RateState = state;
  const limits = responses.map((r) => parseCallLimit(r.headers['x-api-call-limit'])).filter((l) => l !== null);
  if (limits.length > 0) {
    const used = Math.max(...limits.map((l) => l.used));
    next = { ...next, capacity: limits[limits.length - 1]!.max, level: used, at: now };
  }
  let blockedUntil = next.blockedUntil;
  let callUsage = next.callUsage;
  let timeUsage = next.timeUsage;
  for (const r of responses) {
    const cu = seconds(r.headers['x-cafe24-call-usage']);
    const tu = seconds(r.headers['x-cafe24-time-usage']);
    if (cu !== null) callUsage = cu;
    if (tu !== null) timeUsage = tu;
    const remain = usageRemainSeconds(r);
    if (remain !== null) blockedUntil = Math.max(blockedUntil, now + Math.ceil(remain * 1000));
    if (r.status === 429) blockedUntil = Math.max(blockedUntil, now + retryAfterMs(r));
  }
  return { ...next, blockedUntil, callUsage, timeUsage };
}
