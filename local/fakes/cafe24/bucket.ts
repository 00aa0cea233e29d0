/**
 * Cafe24's request-count limit: a leaky bucket per mall (reference §3a). Each call pours one
 * unit in; the bucket drains continuously at `leakPerSecond`; a call that would overflow the
 * `capacity` gets 429 and, like water spilling over, is not added. Pure: time comes in.
 */

export interface BucketConfig {
  capacity: number;
  leakPerSecond: number;
}

export interface BucketState {
  /** Fill level in calls; fractional while draining. */
  level: number;
  /** Simulated time of the last update (epoch ms). */
  at: number;
}

export const DEFAULT_BUCKET: BucketConfig = { capacity: 40, leakPerSecond: 2 };

export function emptyBucket(now: number): BucketState {
  return { level: 0, at: now };
}

/** The bucket as it stands at `now` after draining since the last update. */
export function drain(state: BucketState, now: number, cfg: BucketConfig): BucketState {
  const elapsed = Math.max(0, now - state.at);
  return { level: Math.max(0, state.level - (elapsed / 1000) * cfg.leakPerSecond), at: Math.max(now, state.at) };
}

export interface TakeResult {
  state: BucketState;
  allowed: boolean;
  /** What `X-Api-Call-Limit` shows before the slash. */
  used: number;
}

/** Pours one call into the bucket if it fits. */
export function take(state: BucketState, now: number, cfg: BucketConfig): TakeResult {
  const drained = drain(state, now, cfg);
  if (drained.level + 1 > cfg.capacity + 1e-9) {
    return { state: drained, allowed: false, used: cfg.capacity };
  }
  const next = { level: drained.level + 1, at: drained.at };
  return { state: next, allowed: true, used: displayed(next.level, cfg) };
}

/** Whole calls in the bucket, as the header prints them (a partly drained call still counts). */
export function displayed(level: number, cfg: BucketConfig): number {
  return Math.min(cfg.capacity, Math.ceil(level - 1e-9));
}

export function callLimitHeader(used: number, cfg: BucketConfig): string {
  return `${used}/${cfg.capacity}`;
}
