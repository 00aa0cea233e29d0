import { endsConnection, type ChannelError } from '../port';
import type { Cafe24Connection } from './connection';
import { Cafe24Error } from './errors';
import { needsRefresh, parseTokenResponse, refreshRequest, refreshTokenExpired, type Cafe24Token, type OAuthClient } from './oauth';
import type { Clock, HttpPort, KeyValueStore, LockPort } from '../../core/ports';

/**
 * Each mall's tokens, kept in the connection owner's user properties (never in cells, never
 * where another editor can read them: src/gas/adapters/stores.ts). Cafe24 rotates refresh
 * tokens and the old one dies on use (reference §2), so a refresh happens only under a lock,
 * re-reads the stored pair inside it (another execution may have refreshed already), and
 * stores the new pair before anything uses it.
 */
export type TokenResult = { readonly ok: true; readonly token: Cafe24Token } | { readonly ok: false; readonly error: Cafe24Error };

export const tokenKey = (partnerId: string) => `cafe24.token.${partnerId}`;
export const APP_KEY = 'cafe24.app';

/**
 * The keys of a spreadsheet's Cafe24 connection: the app (its client secret) and each mall's
 * tokens. They live with the connection's owner (with the order cursors: kept.ts).
 */
export function isConnectionKey(key: string): boolean {
  return key === APP_KEY || key.startsWith('cafe24.token.');
}
const LOCK_WAIT_MS = 30_000;

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

export function readApp(store: KeyValueStore): AppCredentials | null {
  const raw = store.get(APP_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<AppCredentials>;
    return v.clientId && v.clientSecret ? { clientId: v.clientId, clientSecret: v.clientSecret } : null;
  } catch {
    return null;
  }
}

/**
 * A stored pair, and whether only a new consent can bring it back: set when the mall refused the
 * refresh token (revoked, expired, used) or a fresh access token, so no path calls that mall again
 * (hundreds of 401s and token calls an hour) until staff reconnect it; a new consent stores a
 * pair without it.
 */
export type StoredToken = Cafe24Token & { readonly reconnect?: { readonly at: number; readonly reason: string } };

export function storeToken(store: KeyValueStore, partnerId: string, token: StoredToken): void {
  store.set(tokenKey(partnerId), JSON.stringify(token));
}

export function readToken(store: KeyValueStore, partnerId: string, latest = false): StoredToken | null {
  const raw = latest ? store.getLatest(tokenKey(partnerId)) : store.get(tokenKey(partnerId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredToken;
  } catch {
    return null;
  }
}

export interface TokenVaultDeps {
  store: KeyValueStore;
  lock: LockPort;
  http: HttpPort;
  clock: Clock;
  base64: (s: string) => string;
  redirectUri: string;
}

export class TokenVault {
  private readonly cache = new Map<string, StoredToken>();

  constructor(private readonly d: TokenVaultDeps) {}

  /** A token fit to use now: refreshed first when it is about to lapse. */
  fresh(conn: Cafe24Connection): TokenResult {
    const token = this.cache.get(conn.partnerId) ?? readToken(this.d.store, conn.partnerId);
    if (!token) return { ok: false, error: notConnected(conn) };
    this.cache.set(conn.partnerId, token);
    if (token.reconnect) return { ok: false, error: waitsForReconnect(conn, token.reconnect.reason) };
    if (!needsRefresh(token, this.d.clock.now())) return { ok: true, token };
    return this.refresh(conn, token.accessToken);
  }

  /**
   * The mall refused what only a new consent can cure: the stored pair is marked so, and nothing
   * (no path, no execution) calls that mall again until it is reconnected.
   */
  endConnection(conn: Cafe24Connection, error: ChannelError, refusedAccessToken?: string): void {
    const stored = readToken(this.d.store, conn.partnerId, true);
    // Another execution has stored a new pair since (a refresh, a reconnect): that one is not refused.
    if (!stored || stored.reconnect || (refusedAccessToken !== undefined && stored.accessToken !== refusedAccessToken)) return;
    const parked: StoredToken = { ...stored, reconnect: { at: this.d.clock.now(), reason: error.userMessage } };
    storeToken(this.d.store, conn.partnerId, parked);
    this.cache.set(conn.partnerId, parked);
  }

  /**
   * Refreshes under the lock. `stale` is the access token the caller found wanting: when the
   * stored one differs, another execution has refreshed already and its pair is used as is.
   */
  refresh(conn: Cafe24Connection, stale: string): TokenResult {
    const outcome = this.d.lock.withLock<TokenResult>(LOCK_WAIT_MS, () => {
      const stored = readToken(this.d.store, conn.partnerId, true);
      if (!stored) return { ok: false, error: notConnected(conn) };
      if (stored.reconnect) return { ok: false, error: waitsForReconnect(conn, stored.reconnect.reason) };
      const now = this.d.clock.now();
      if (stored.accessToken !== stale && !needsRefresh(stored, now)) return { ok: true, token: stored };
      if (refreshTokenExpired(stored, now)) {
        this.endConnection(conn, expired(conn), stored.accessToken);
        return { ok: false, error: expired(conn) };
      }
      const app = readApp(this.d.store);
      if (!app) return { ok: false, error: noApp(conn) };
      const client: OAuthClient = { ...app, redirectUri: this.d.redirectUri };
      const [response] = this.d.http.executeAll([refreshRequest(conn.mallId, client, stored.refreshToken, this.d.base64)]);
      try {
        const token = parseTokenResponse('oauth.refresh', conn.mallId, response!);
        // The old refresh token is dead from this moment: keep the new pair before anything else.
        storeToken(this.d.store, conn.partnerId, token);
        return { ok: true, token };
      } catch (e) {
        if (!(e instanceof Cafe24Error)) throw e;
        // A dead refresh token: kept as such, inside the lock, so no execution tries it again.
        if (endsConnection(e)) this.endConnection(conn, e, stored.accessToken);
        return { ok: false, error: e };
      }
    });
    const result = outcome ?? { ok: false as const, error: busy(conn) };
    if (result.ok) this.cache.set(conn.partnerId, result.token);
    return result;
  }
}

function vaultError(conn: Cafe24Connection, detail: string, userMessage: string, reconnect: boolean, retryable = false): Cafe24Error {
  return new Cafe24Error({ mallId: conn.mallId, call: 'oauth.refresh', status: 0, kind: 'oauth', code: null, cafe24Message: null, retryable, reconnect, detail, userMessage });
}

const notConnected = (c: Cafe24Connection) => vaultError(c, 'not connected', '카페24에 연결되지 않았습니다. 관리 패널에서 연결하세요', true);
const expired = (c: Cafe24Connection) => vaultError(c, 'refresh token expired', '카페24 연결이 만료되었습니다(2주). 다시 연결하세요', true);
const noApp = (c: Cafe24Connection) => vaultError(c, 'no app credentials', '카페24 앱 정보(client id/secret)가 없습니다. 관리 패널에서 입력하세요', false);
/** The mall was found revoked earlier: not called again until it is reconnected. */
const waitsForReconnect = (c: Cafe24Connection, reason: string) =>
  vaultError(c, 'waiting for a reconnect', reason.includes('다시 연결') ? reason : `${reason}. 다시 연결하세요`, true);
const busy = (c: Cafe24Connection) => vaultError(c, 'token lock busy', '다른 실행이 토큰을 갱신 중입니다. 다음 실행에서 다시 시도합니다', false, true);
