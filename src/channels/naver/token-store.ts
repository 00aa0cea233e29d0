/**
 * Each SmartStore's keys and token, in the connection owner's user properties (never in cells).
 * A token lives 3 h and Naver answers the same one while 30 minutes or more are left (reference
 * A2), so the stored token is used until 30 minutes remain and only then asked for again, once
 * per about 2½ hours. Issuing needs no lock: an older token stays valid until it expires, so two
 * executions issuing at once both hold a good token. Keys Naver refuses park the account (the
 * stored token says why) until staff save keys again.
 */
import type { Clock, HttpPort, KeyValueStore } from '../../core/ports';
import { endsConnection, type ChannelError, type RelayPort } from '../port';
import { checkKeys, keysKey, tokenKey, type NaverAccount, type NaverKeys } from './connection';
import { errorFromResponse, naverError } from './errors';
import { TokenAnswer, readJson } from './schemas';
import { tokenRequest } from './sign';

/** Asked again when less than this is left: Naver then issues a new 3-hour token. */
export const RENEW_BEFORE_MS = 30 * 60_000;

export interface StoredToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** The application it was issued to (new keys for another application drop it). */
  readonly clientId: string;
  readonly reconnect?: { readonly at: number; readonly reason: string };
}

export function readKeys(store: KeyValueStore, partnerId: string): NaverKeys | null {
  const raw = store.get(keysKey(partnerId));
  if (!raw) return null;
  try {
    const r = checkKeys(JSON.parse(raw) as Record<string, string>);
    return r.ok ? r.keys : null;
  } catch {
    return null;
  }
}

/** Saving keys (the sidebar) starts the connection afresh: a parked or older token is dropped. */
export function saveKeys(store: KeyValueStore, partnerId: string, values: Readonly<Record<string, string>>): { ok: true } | { ok: false; message: string } {
  const r = checkKeys(values);
  if (!r.ok) return r;
  store.set(keysKey(partnerId), JSON.stringify(r.keys));
  store.delete(tokenKey(partnerId));
  return { ok: true };
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

export interface TokenDeps {
  readonly store: KeyValueStore;
  readonly http: HttpPort;
  readonly clock: Clock;
  readonly base64: (text: string) => string;
  readonly relay: RelayPort | null;
}

export type TokenResult = { readonly ok: true; readonly token: StoredToken } | { readonly ok: false; readonly error: ChannelError };

export class NaverTokens {
  private readonly cache = new Map<string, StoredToken>();
  /** Token requests sent by this instance (for the log and the specs). */
  issued = 0;

  constructor(private readonly d: TokenDeps) {}

  fresh(account: NaverAccount): TokenResult {
    const keys = readKeys(this.d.store, account.partnerId);
    if (!keys) return { ok: false, error: notConnected(account) };
    const token = this.cache.get(account.partnerId) ?? readToken(this.d.store, account.partnerId);
    if (token?.reconnect) return { ok: false, error: parked(account, token.reconnect.reason) };
    if (token && token.clientId === keys.clientId && token.expiresAt - this.d.clock.now() > RENEW_BEFORE_MS) {
      this.cache.set(account.partnerId, token);
      return { ok: true, token };
    }
    return this.issue(account, keys);
  }

  /** After GW.AUTHN on `refused`: the stored token when another execution has a newer one, else a new one. */
  refresh(account: NaverAccount, refused: string): TokenResult {
    const keys = readKeys(this.d.store, account.partnerId);
    if (!keys) return { ok: false, error: notConnected(account) };
    const stored = readToken(this.d.store, account.partnerId, true);
    if (stored?.reconnect) return { ok: false, error: parked(account, stored.reconnect.reason) };
    if (stored && stored.accessToken !== refused && stored.clientId === keys.clientId && stored.expiresAt - this.d.clock.now() > RENEW_BEFORE_MS) {
      this.cache.set(account.partnerId, stored);
      return { ok: true, token: stored };
    }
    return this.issue(account, keys);
  }

  /** Keys Naver refused: nothing calls this store until keys are saved again. */
  park(account: NaverAccount, error: ChannelError, refused?: string): void {
    const stored = readToken(this.d.store, account.partnerId, true);
    if (stored?.reconnect || (refused !== undefined && stored && stored.accessToken !== refused)) return;
    const token: StoredToken = { accessToken: '', expiresAt: 0, clientId: stored?.clientId ?? '', reconnect: { at: this.d.clock.now(), reason: error.userMessage } };
    this.d.store.set(tokenKey(account.partnerId), JSON.stringify(token));
    this.cache.set(account.partnerId, token);
  }

  private issue(account: NaverAccount, keys: NaverKeys): TokenResult {
    const now = this.d.clock.now();
    const request = tokenRequest(keys, now, this.d.base64);
    this.issued++;
    const [response] = this.d.http.executeAll([this.d.relay ? this.d.relay.forward(request) : request]);
    const r = response!;
    if (r.status < 200 || r.status > 299) {
      const error = errorFromResponse('token', account.accountId, r);
      if (endsConnection(error)) this.park(account, error);
      return { ok: false, error };
    }
    const answer = readJson('token', account.accountId, TokenAnswer, r);
    const token: StoredToken = { accessToken: answer.access_token, expiresAt: this.d.clock.now() + answer.expires_in * 1000, clientId: keys.clientId };
    this.d.store.set(tokenKey(account.partnerId), JSON.stringify(token));
    this.cache.set(account.partnerId, token);
    return { ok: true, token };
  }
}

const tokenError = (a: NaverAccount, detail: string, userMessage: string) =>
  naverError({ accountId: a.accountId, call: 'token', status: 0, kind: 'oauth', code: null, message: null, retryable: false, reconnect: true, userMessage, detail });
const notConnected = (a: NaverAccount) => tokenError(a, 'no API keys', '네이버 API 키(애플리케이션 ID/시크릿)가 없습니다. 관리 패널에서 입력하세요');
const parked = (a: NaverAccount, reason: string) => tokenError(a, 'waiting for new keys', reason);
