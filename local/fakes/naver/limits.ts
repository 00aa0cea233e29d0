/**
 * The gateway's token buckets, one per (API, application) (docs, N-RESTR): refilled at the
 * per-second rate, holding at most twice it (burst capacity). A refused call takes nothing.
 * Answers carry the GNCP-GW-RateLimit-* headers.
 */
import type { NaverOptions } from './options';

interface Bucket {
  tokens: number;
  at: number;
}

export interface Take {
  readonly ok: boolean;
  readonly headers: Record<string, string>;
}

export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly options: NaverOptions) {}

  rate(api: string): number {
    return this.options.ratePerApi[api] ?? this.options.ratePerSecond;
  }

  take(api: string, clientId: string, now: number): Take {
    const rate = this.rate(api);
    const burst = rate * 2;
    const key = `${api}|${clientId}`;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * rate);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    return {
      ok,
      headers: {
        'GNCP-GW-RateLimit-Replenish-Rate': String(rate),
        'GNCP-GW-RateLimit-Burst-Capacity': String(burst),
        'GNCP-GW-RateLimit-Remaining': String(Math.floor(b.tokens)),
      },
    };
  }
}
