/**
 * Cafe24's second limit (reference §3b): a per-mall quota on call count and on processing
 * time over a rolling window, reported as percentages in `X-Cafe24-Call-Usage` /
 * `X-Cafe24-Time-Usage`, with `X-Cafe24-Call-Remain` / `X-Cafe24-Time-Remain` (seconds until
 * calls resume) only once a quota is at or over 100%.
 *
 * The quota numbers (3,000 calls and 600 s per 10 minutes) come from one unverified citation;
 * they are options. Calls refused while over the quota still count ("hammering while blocked
 * pushes Usage further above 100%"). Pure: time comes in.
 */

export interface UsageConfig {
  windowMs: number;
  callQuota: number;
  timeQuotaMs: number;
}

export const DEFAULT_USAGE: UsageConfig = { windowMs: 600_000, callQuota: 3000, timeQuotaMs: 600_000 };

export interface UsageCall {
  at: number;
  costMs: number;
}

export interface UsageState {
  /** Calls inside the window, oldest first. */
  calls: UsageCall[];
}

export interface UsageReading {
  callPct: number;
  timePct: number;
  /** Seconds until the call quota is under 100% again; 0 when it already is. */
  callRemainSec: number;
  timeRemainSec: number;
}

export function emptyUsage(): UsageState {
  return { calls: [] };
}

export function prune(state: UsageState, now: number, cfg: UsageConfig): void {
  const cutoff = now - cfg.windowMs;
  let i = 0;
  while (i < state.calls.length && state.calls[i]!.at <= cutoff) i++;
  if (i > 0) state.calls.splice(0, i);
}

export function record(state: UsageState, now: number, costMs: number): void {
  state.calls.push({ at: now, costMs });
}

export function read(state: UsageState, now: number, cfg: UsageConfig): UsageReading {
  prune(state, now, cfg);
  const calls = state.calls;
  const totalMs = calls.reduce((sum, c) => sum + c.costMs, 0);
  const callPct = (calls.length / cfg.callQuota) * 100;
  const timePct = (totalMs / cfg.timeQuotaMs) * 100;

  let callRemainSec = 0;
  if (calls.length >= cfg.callQuota) {
    // Usage falls under 100% once enough of the oldest calls have left the window.
    const mustLeave = calls[calls.length - cfg.callQuota]!;
    callRemainSec = Math.max(1, Math.ceil((mustLeave.at + cfg.windowMs - now) / 1000));
  }
  let timeRemainSec = 0;
  if (totalMs >= cfg.timeQuotaMs) {
    let left = totalMs;
    for (const c of calls) {
      left -= c.costMs;
      if (left < cfg.timeQuotaMs) {
        timeRemainSec = Math.max(1, Math.ceil((c.at + cfg.windowMs - now) / 1000));
        break;
      }
    }
  }
  return { callPct, timePct, callRemainSec, timeRemainSec };
}

export function isThrottled(r: UsageReading): boolean {
  return r.callPct >= 100 || r.timePct >= 100;
}

/** `120.04`, `100.5`, `0`: two decimals at most, as in the documented examples. */
export function formatPct(pct: number): string {
  return String(Math.round(pct * 100) / 100);
}
