/**
 * A client-side model of Naver's gateway limits (reference A7): a token bucket per (API,
 * application), refilled at a per-second rate that Naver does not publish but reports on every
 * answer (`GNCP-GW-RateLimit-Replenish-Rate`, `-Burst-Capacity`, `-Remaining`). One estimate per
 * store is kept, the most restrictive any answer reported, and a round never takes more than one
 * second's refill (the burst is left for the other APIs and executions). Until an answer has
 * told, 2 a second is assumed. A 429 (no Retry-After documented) blocks the store until one
 * request's worth has refilled. Pure: time comes in.
 */
import type { HttpResponse } from '../../core/http';

export const ASSUMED_RATE = 2;

export interface NaverPacing {
  readonly rate: number;
  readonly burst: number;
  /** Requests the bucket holds at `at` (an estimate between answers). */
  readonly level: number;
  readonly at: number;
  readonly blockedUntil: number;
}

export function initialPacing(now: number): NaverPacing {
  return { rate: ASSUMED_RATE, burst: ASSUMED_RATE * 2, level: ASSUMED_RATE * 2, at: now, blockedUntil: 0 };
}

function levelAt(s: NaverPacing, now: number): number {
  return Math.min(s.burst, s.level + (Math.max(0, now - s.at) / 1000) * s.rate);
}

export function allowance(s: NaverPacing, now: number): number {
  if (now < s.blockedUntil) return 0;
  return Math.max(0, Math.min(Math.floor(levelAt(s, now) + 1e-9), Math.floor(s.rate)));
}

export function delayMs(s: NaverPacing, now: number): number {
  if (now < s.blockedUntil) return s.blockedUntil - now;
  const level = levelAt(s, now);
  return level >= 1 ? 0 : Math.ceil(((1 - level) / s.rate) * 1000);
}

const num = (v: string | undefined): number | null => (v !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : null);

/** Wait after a 429: its Retry-After when one is sent (undocumented), else one request's refill. */
export function waitAfter429(r: HttpResponse, rate: number): number {
  const after = num(r.headers['retry-after']);
  return after !== null ? Math.ceil(after * 1000) : Math.ceil(1000 / Math.max(rate, 0.1));
}

export function observe(s: NaverPacing, responses: readonly HttpResponse[], sentAt: number, at: number): NaverPacing {
  let next: NaverPacing = { ...s, level: Math.max(0, levelAt(s, sentAt) - responses.length), at: sentAt };
  const rates = responses.map((r) => num(r.headers['gncp-gw-ratelimit-replenish-rate'])).filter((n): n is number => n !== null && n > 0);
  const bursts = responses.map((r) => num(r.headers['gncp-gw-ratelimit-burst-capacity'])).filter((n): n is number => n !== null && n > 0);
  const remaining = responses.map((r) => num(r.headers['gncp-gw-ratelimit-remaining'])).filter((n): n is number => n !== null);
  if (rates.length > 0) next = { ...next, rate: Math.min(...rates) };
  if (bursts.length > 0) next = { ...next, burst: Math.min(...bursts) };
  if (remaining.length > 0) next = { ...next, level: Math.min(...remaining), at };
  for (const r of responses) {
    if (r.status === 429) next = { ...next, level: 0, at, blockedUntil: Math.max(next.blockedUntil, at + waitAfter429(r, next.rate)) };
  }
  return next;
}
