/**
 * How Coupang calls are sent. No token: each request is signed when it is built (CEA HMAC with
 * the keys and the clock), so a resend carries a fresh signed-date. Then, when a relay is set,
 * the signed request is handed to it (Coupang answers only registered addresses).
 * Pacing: Coupang limits each vendorId to about 10 calls a second (B8), so at most 9 go out in
 * any rolling second, and after a 429 nothing goes for a second.
 * Answers: 2xx accept; 429 wait a second and resend (at most 3 times, then the next run);
 * "Specified signature is expired." re-sign once; other 401s mean the keys are wrong (only new
 * keys help); 5xx / no answer resend a GET with backoff, never a write (an acknowledgement or
 * invoice may have been carried out: the docs say to re-read the order first).
 */
import type { HttpMethod, HttpRequest, HttpResponse } from '../../core/http';
import type { Clock, KeyValueStore } from '../../core/ports';
import type { ChannelAccount, ChannelRequest, ChannelSession, RelayPort, Transport, TransportDeps } from '../port';
import { markReconnect, readKeys, type CoupangAccount, type CoupangKeys } from './account';
import { channelError, coupangError, isExpiredSignature } from './errors';
import { signedRequest } from './signing';

export const PACING_KEY = 'coupang.pacing';
export const MAX_PER_SECOND = 9;
const BACKOFF_MS = [1000, 2000, 4000] as const;
const RATE_WAIT_MS = 1000;
const MAX_RATE_RETRIES = 3;
const MAX_TOTAL_WAIT_MS = 15_000;

/** What a request is built with: the account's keys, the clock to sign with, the relay. */
export interface CoupangSession {
  readonly account: CoupangAccount;
  readonly keys: CoupangKeys;
  readonly hmacSha256Hex: (key: string, message: string) => string;
  readonly clock: Clock;
  readonly relay: RelayPort | null;
}

const opaque = (s: CoupangSession) => s as unknown as ChannelSession;
const sessionOf = (s: ChannelSession) => s as unknown as CoupangSession;

/** Signs for now and, when a relay is set, wraps for the relay. */
export function wing(s: CoupangSession, method: HttpMethod, path: string, query = '', body?: unknown): HttpRequest {
  const signed = signedRequest({ accessKey: s.keys.accessKey, secretKey: s.keys.secretKey, hmacSha256Hex: s.hmacSha256Hex }, method, path, query, s.clock.now(), body);
  return s.relay ? s.relay.forward(signed) : signed;
}

/** A Coupang call as the gateway takes it. */
export function coupangRequest<T>(account: CoupangAccount, call: string, build: (s: CoupangSession) => HttpRequest, read: (r: HttpResponse) => T): ChannelRequest<T> {
  return { account, call, build: (s) => build(sessionOf(s)), read };
}

export interface Pacing {
  readonly sends: readonly number[];
  readonly blockedUntil: number;
}

export interface Tries {
  readonly serverRetries: number;
  readonly rateRetries: number;
  readonly resigned: boolean;
  readonly waitedMs: number;
}

function session(store: KeyValueStore, deps: TransportDeps, account: ChannelAccount): ChannelSession | ReturnType<typeof channelError> {
  const a = account as CoupangAccount;
  const keys = readKeys(store, a.partnerId);
  if (!keys) return channelError('keys', a.vendorId, 'auth', '쿠팡 API 키가 없습니다: 사이드바에서 업체코드·Access Key·Secret Key를 입력해 연결하세요', 'no API keys stored');
  if (keys.reconnect) return channelError('keys', a.vendorId, 'auth', keys.reconnect.reason, 'keys refused earlier: waiting for new keys', { reconnect: true });
  if (keys.vendorId !== a.vendorId) {
    return channelError('keys', a.vendorId, 'auth', `저장된 API 키의 업체코드(${keys.vendorId})가 파트너 행의 채널계정(${a.vendorId})과 다릅니다: 둘 중 하나를 고치세요`, 'stored vendorId differs from the row', { reconnect: true });
  }
  return opaque({ account: a, keys, hmacSha256Hex: deps.hmacSha256Hex, clock: deps.clock, relay: deps.relay });
}

export function coupangTransport(deps: TransportDeps): Transport<Pacing, Tries> {
  const recent = (p: Pacing, now: number) => p.sends.filter((t) => now - t < 1000);
  return {
    channel: 'coupang',
    pacingKey: PACING_KEY,
    session: (account) => session(deps.store, deps, account),
    // Nothing to refresh: a new session signs anew when the request is built again.
    refresh: (account) => session(deps.store, deps, account),
    endConnection: (account, error) => markReconnect(deps.store, account.partnerId, deps.clock.now(), error.userMessage),
    initialPacing: () => ({ sends: [], blockedUntil: 0 }),
    allowance: (p, now) => (now < p.blockedUntil ? 0 : Math.max(0, MAX_PER_SECOND - recent(p, now).length)),
    delayMs(p, now) {
      if (now < p.blockedUntil) return p.blockedUntil - now;
      const r = recent(p, now);
      return r.length < MAX_PER_SECOND ? 0 : Math.min(...r) + 1000 - now;
    },
    observe(p, responses, sentAt, at) {
      const sends = [...recent(p, at), ...responses.map(() => sentAt)];
      const throttled = responses.some((r) => r.status === 429);
      return { sends, blockedUntil: throttled ? Math.max(p.blockedUntil, at + RATE_WAIT_MS) : p.blockedUntil };
    },
    firstTry: () => ({ serverRetries: 0, rateRetries: 0, resigned: false, waitedMs: 0 }),
    decide(method, response, t) {
      const status = response.status;
      if (status >= 200 && status <= 299) return { decision: { action: 'accept' }, history: t };
      if (isExpiredSignature(response) && !t.resigned) return { decision: { action: 'refreshToken' }, history: { ...t, resigned: true } };
      if (status === 429) {
        if (t.rateRetries >= MAX_RATE_RETRIES || t.waitedMs + RATE_WAIT_MS > MAX_TOTAL_WAIT_MS) return { decision: { action: 'defer' }, history: t };
        return { decision: { action: 'retry', delayMs: RATE_WAIT_MS }, history: { ...t, rateRetries: t.rateRetries + 1, waitedMs: t.waitedMs + RATE_WAIT_MS } };
      }
      if ((status === 0 || status >= 500) && method === 'get') {
        const wait = BACKOFF_MS[t.serverRetries];
        if (wait === undefined || t.waitedMs + wait > MAX_TOTAL_WAIT_MS) return { decision: { action: 'fail' }, history: t };
        return { decision: { action: 'retry', delayMs: wait }, history: { ...t, serverRetries: t.serverRetries + 1, waitedMs: t.waitedMs + wait } };
      }
      return { decision: { action: 'fail' }, history: t };
    },
    errorFrom: (call, account, response) => coupangError(call, account.accountId, response),
    deferred: (call, account, why) =>
      channelError(call, account.accountId, why === 'budget' ? 'network' : 'rateLimited', why === 'budget' ? '이번 실행 시간이 부족해 다음 실행에서 이어서 처리합니다' : '쿠팡 호출 한도 초과: 다음 실행에서 이어서 처리합니다', `deferred to the next run (${why})`, { retryable: true }),
  };
}
