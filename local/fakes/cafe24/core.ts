/**
 * Everything the fake holds: malls, registered apps, tokens, rate-limit buckets, the request
 * log, and the options. The HTTP layers and the control operations work on this object.
 */
import { randomBytes } from 'node:crypto';
import type { BucketConfig, BucketState } from './bucket';
import { emptyBucket } from './bucket';
import { ControlError } from './errors';
import type { MallState } from './model';
import type { ResolvedOptions } from './options';
import { RequestLog } from './request-log';
import type { Cafe24SeedData } from './seed-schema';
import { buildMall } from './seed-load';
import { TokenStore } from './tokens';
import type { UsageConfig } from './usage';
import type { WebhookEmitter } from './webhooks';

export interface RegisteredApp {
  name: string;
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  scopes: string[];
  version: string;
}

/** Cafe24 tokens look like 22 characters of base62. */
function randomToken(): string {
  return randomBytes(24).toString('base64url').replace(/[-_]/g, '').slice(0, 22).padEnd(22, 'x');
}

export class FakeCore {
  readonly malls = new Map<string, MallState>();
  readonly apps: RegisteredApp[];
  readonly tokens: TokenStore;
  readonly log: RequestLog;
  readonly bucketCfg: BucketConfig;
  readonly usageCfg: UsageConfig;
  private readonly buckets = new Map<string, BucketState>();
  /** Cafe24's webhooks, when the host set them up (webhooks.ts). */
  webhooks: WebhookEmitter | null = null;
  private faultSeq = 0;

  constructor(
    readonly clock: () => number,
    seed: Cafe24SeedData,
    readonly opts: ResolvedOptions,
  ) {
    const now = clock();
    for (const m of seed.malls) this.malls.set(m.mall_id, buildMall(m, now));
    seed.apps.forEach((a, i) => {
      if (a.version !== undefined && !opts.versions.known.includes(a.version)) {
        throw new ControlError(`Invalid Cafe24 seed:\n  $.apps[${i}].version: ${a.version} is not a known API version (${opts.versions.known.join(', ')})`);
      }
    });
    this.apps = seed.apps.map((a) => ({
      name: a.name ?? a.client_id,
      client_id: a.client_id,
      client_secret: a.client_secret,
      redirect_uris: [...a.redirect_uris],
      scopes: [...a.scopes],
      version: a.version ?? opts.versions.fallback,
    }));
    this.tokens = new TokenStore(
      {
        accessTtlMs: opts.limits.accessTokenTtlMs,
        refreshTtlMs: opts.limits.refreshTokenTtlMs,
        codeTtlMs: opts.limits.authCodeTtlMs,
        revokeAccessOnRefresh: opts.strict.revokeAccessOnRefresh,
      },
      randomToken,
    );
    this.log = new RequestLog(opts.maxLogEntries);
    this.bucketCfg = { capacity: opts.limits.bucketCapacity, leakPerSecond: opts.limits.leakPerSecond };
    this.usageCfg = {
      windowMs: opts.limits.usageWindowMs,
      callQuota: opts.limits.usageCallQuota,
      timeQuotaMs: opts.limits.usageTimeQuotaMs,
    };
  }

  now(): number {
    return this.clock();
  }

  requireMall(mallId: string): MallState {
    const m = this.malls.get(mallId);
    if (!m) throw new ControlError(`No mall "${mallId}" in this fake (have: ${[...this.malls.keys()].join(', ')})`);
    return m;
  }

  app(clientId: string): RegisteredApp | undefined {
    return this.apps.find((a) => a.client_id === clientId);
  }

  bucketKey(mallId: string, clientId: string): string {
    return this.opts.strict.bucketScope === 'mall' ? mallId : `${mallId}|${clientId}`;
  }

  bucket(key: string, now: number): BucketState {
    return this.buckets.get(key) ?? emptyBucket(now);
  }

  setBucket(key: string, state: BucketState): void {
    this.buckets.set(key, state);
  }

  bucketsOf(mallId: string): Array<[string, BucketState]> {
    return [...this.buckets.entries()].filter(([k]) => k === mallId || k.startsWith(`${mallId}|`));
  }

  nextFaultId(): string {
    this.faultSeq += 1;
    return `fault-${this.faultSeq}`;
  }
}
