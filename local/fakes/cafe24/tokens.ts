/**
 * Authorization codes, access tokens and refresh tokens (reference §2). Pure bookkeeping:
 * time comes in as an argument, random strings from an injected source.
 *
 * - A code lives `codeTtlMs` (1 minute per the docs) and is single-use.
 * - An access token lives 2 hours, a refresh token 2 weeks.
 * - Refreshing rotates: the used refresh token dies at once. The access token it came with is
 *   left alone until it expires (the docs say nothing about killing it; option to do so).
 * - Revoking an access token also kills its refresh token (documented for /oauth/revoke).
 */

export interface TokenConfig {
  accessTtlMs: number;
  refreshTtlMs: number;
  codeTtlMs: number;
  /** Refreshing also invalidates the access token issued with the old refresh token. */
  revokeAccessOnRefresh: boolean;
}

export const DEFAULT_TOKENS: TokenConfig = {
  accessTtlMs: 2 * 3_600_000,
  refreshTtlMs: 14 * 86_400_000,
  codeTtlMs: 60_000,
  revokeAccessOnRefresh: false,
};

/** Who a token speaks for: one app in one mall, on behalf of the operator who consented. */
export interface Grant {
  mallId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  shopNo: number;
}

export interface AuthCode extends Grant {
  code: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

export interface TokenPair extends Grant {
  accessToken: string;
  refreshToken: string;
  issuedAt: number;
  expiresAt: number;
  refreshExpiresAt: number;
}

interface AccessRecord {
  pair: TokenPair;
  revoked: boolean;
}

interface RefreshRecord {
  pair: TokenPair;
  /** Rotated away (used once) or revoked. */
  dead: boolean;
}

export type AccessCheck =
  | { ok: true; grant: TokenPair }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export type GrantFailure = 'unknown' | 'used' | 'expired' | 'wrong_client' | 'wrong_mall' | 'wrong_redirect';

export class TokenStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();

  constructor(
    private readonly cfg: TokenConfig,
    private readonly randomToken: () => string,
  ) {}

  issueCode(grant: Grant, redirectUri: string, now: number): AuthCode {
    const code: AuthCode = {
      ...grant,
      scopes: [...grant.scopes],
      code: this.randomToken(),
      redirectUri,
      expiresAt: now + this.cfg.codeTtlMs,
      used: false,
    };
    this.codes.set(code.code, code);
    return code;
  }

  redeemCode(
    code: string,
    clientId: string,
    mallId: string,
    redirectUri: string,
    now: number,
  ): { ok: true; pair: TokenPair } | { ok: false; reason: GrantFailure } {
    const c = this.codes.get(code);
    if (!c) return { ok: false, reason: 'unknown' };
    if (c.used) return { ok: false, reason: 'used' };
    if (c.clientId !== clientId) return { ok: false, reason: 'wrong_client' };
    if (c.mallId !== mallId) return { ok: false, reason: 'wrong_mall' };
    if (now >= c.expiresAt) return { ok: false, reason: 'expired' };
    if (redirectUri !== c.redirectUri) return { ok: false, reason: 'wrong_redirect' };
    c.used = true;
    return { ok: true, pair: this.issuePair(c, now) };
  }

  useRefreshToken(
    token: string,
    clientId: string,
    mallId: string,
    now: number,
  ): { ok: true; pair: TokenPair } | { ok: false; reason: GrantFailure } {
    const r = this.refresh.get(token);
    if (!r) return { ok: false, reason: 'unknown' };
    if (r.dead) return { ok: false, reason: 'used' };
    if (r.pair.clientId !== clientId) return { ok: false, reason: 'wrong_client' };
    if (r.pair.mallId !== mallId) return { ok: false, reason: 'wrong_mall' };
    if (now >= r.pair.refreshExpiresAt) return { ok: false, reason: 'expired' };
    r.dead = true;
    if (this.cfg.revokeAccessOnRefresh) {
      const a = this.access.get(r.pair.accessToken);
      if (a) a.revoked = true;
    }
    return { ok: true, pair: this.issuePair(r.pair, now) };
  }

  /** Issues a pair directly (control operation for tests that skip the browser step). */
  issuePair(grant: Grant, now: number): TokenPair {
    const pair: TokenPair = {
      mallId: grant.mallId,
      clientId: grant.clientId,
      userId: grant.userId,
      scopes: [...grant.scopes],
      shopNo: grant.shopNo,
      accessToken: this.randomToken(),
      refreshToken: this.randomToken(),
      issuedAt: now,
      expiresAt: now + this.cfg.accessTtlMs,
      refreshExpiresAt: now + this.cfg.refreshTtlMs,
    };
    this.access.set(pair.accessToken, { pair, revoked: false });
    this.refresh.set(pair.refreshToken, { pair, dead: false });
    return pair;
  }

  checkAccess(token: string | undefined, mallId: string, now: number): AccessCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const a = this.access.get(token);
    if (!a || a.revoked || a.pair.mallId !== mallId) return { ok: false, reason: 'invalid' };
    if (now >= a.pair.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, grant: a.pair };
  }

  /** /oauth/revoke: an access token (and its refresh token), or a refresh token alone. */
  revoke(token: string, clientId: string): boolean {
    const a = this.access.get(token);
    if (a && a.pair.clientId === clientId) {
      a.revoked = true;
      const r = this.refresh.get(a.pair.refreshToken);
      if (r) r.dead = true;
      return true;
    }
    const r = this.refresh.get(token);
    if (r && r.pair.clientId === clientId) {
      r.dead = true;
      return true;
    }
    return false;
  }

  /** Every token of a mall dies (app removed, operator revoked consent, …). */
  revokeMall(mallId: string): number {
    let n = 0;
    for (const a of this.access.values()) {
      if (a.pair.mallId === mallId && !a.revoked) {
        a.revoked = true;
        n++;
      }
    }
    for (const r of this.refresh.values()) if (r.pair.mallId === mallId) r.dead = true;
    for (const c of this.codes.values()) if (c.mallId === mallId) c.used = true;
    return n;
  }

  /** Counts for the state snapshot (never the token strings themselves). */
  summary(mallId: string, now: number): { activeAccessTokens: number; activeRefreshTokens: number } {
    let activeAccessTokens = 0;
    let activeRefreshTokens = 0;
    for (const a of this.access.values()) {
      if (a.pair.mallId === mallId && !a.revoked && now < a.pair.expiresAt) activeAccessTokens++;
    }
    for (const r of this.refresh.values()) {
      if (r.pair.mallId === mallId && !r.dead && now < r.pair.refreshExpiresAt) activeRefreshTokens++;
    }
    return { activeAccessTokens, activeRefreshTokens };
  }
}

/**
 * Registered redirect URIs may hold `{NAME}` placeholders, each standing for one path segment
 * of `[A-Za-z0-9_-]+`. This is how the fake registers the Apps Script callback
 * `https://script.google.com/macros/d/{SCRIPT_ID}/usercallback` for any script id. (Cafe24
 * itself compares exactly; a real app registers each script's URI.)
 */
export function redirectUriMatches(registered: string, actual: string): boolean {
  const parts = registered.split(/(\{[A-Za-z0-9_]+\})/);
  const pattern = parts
    .map((p) => (/^\{[A-Za-z0-9_]+\}$/.test(p) ? '[A-Za-z0-9_-]+' : p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(actual);
}
