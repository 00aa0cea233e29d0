/**
 * How SmartStore calls are sent: a Bearer token per store (token-store.ts), pacing by the
 * gateway's reported buckets (pacing.ts), Naver's retry rules (retry.ts), and every request
 * (the token's too) passed through our relay when one is set: Naver takes calls only from
 * registered addresses, and Apps Script's change.
 */
import type { HttpRequest, HttpResponse } from '../../core/http';
import type { ChannelAccount, ChannelRequest, ChannelSession, RelayPort, Transport, TransportDeps } from '../port';
import type { NaverAccount } from './connection';
import { errorFromResponse, naverError } from './errors';
import { allowance, delayMs, initialPacing, observe, type NaverPacing } from './pacing';
import { decide, FIRST_TRY, type NaverHistory } from './retry';
import { NaverTokens, type TokenResult } from './token-store';

export const PACING_KEY = 'naver.pacing';

export interface NaverSession {
  readonly account: NaverAccount;
  readonly accessToken: string;
  readonly relay: RelayPort | null;
  /** The time a request is built at (dispatch dates). */
  readonly now: () => number;
}

const accountOf = (a: ChannelAccount) => a as NaverAccount;
export const naverSession = (s: ChannelSession) => s as unknown as NaverSession;
const opaque = (s: NaverSession) => s as unknown as ChannelSession;

/** A request for the real host, signed with the session's token, through the relay when set. */
export function signed(s: NaverSession, request: Omit<HttpRequest, 'headers'> & { headers?: Record<string, string> }): HttpRequest {
  const r: HttpRequest = { ...request, headers: { ...(request.headers ?? {}), Authorization: `Bearer ${s.accessToken}` } };
  return s.relay ? s.relay.forward(r) : r;
}

/** A Naver call as the gateway takes it. */
export function naverRequest<T>(account: ChannelAccount, call: string, build: (s: NaverSession) => HttpRequest, read: (r: HttpResponse) => T): ChannelRequest<T> {
  return { account, call, build: (s) => build(naverSession(s)), read };
}

export function naverTransport(deps: TransportDeps, tokens = new NaverTokens(deps)): Transport<NaverPacing, NaverHistory> {
  const session = (account: NaverAccount, t: TokenResult) => (t.ok ? opaque({ account, accessToken: t.token.accessToken, relay: deps.relay, now: () => deps.clock.now() }) : t.error);
  return {
    channel: 'naver',
    pacingKey: PACING_KEY,
    session: (a) => session(accountOf(a), tokens.fresh(accountOf(a))),
    refresh: (a, used) => session(accountOf(a), tokens.refresh(accountOf(a), naverSession(used).accessToken)),
    endConnection: (a, error, used) => tokens.park(accountOf(a), error, naverSession(used).accessToken),
    initialPacing,
    allowance,
    delayMs,
    observe,
    firstTry: () => FIRST_TRY,
    decide,
    errorFrom: (call, a, r) => errorFromResponse(call, a.accountId, r),
    deferred: (call, a, why) =>
      naverError({
        accountId: a.accountId,
        call,
        status: 0,
        kind: why === 'budget' ? 'network' : 'rateLimited',
        code: null,
        message: null,
        retryable: true,
        reconnect: false,
        detail: why === 'budget' ? 'deferred to the next run (time budget of this execution spent)' : 'deferred to the next run (the store is throttling calls)',
        userMessage: why === 'budget' ? '이번 실행 시간이 부족해 다음 실행에서 이어서 처리합니다' : '네이버 호출 한도 초과: 다음 실행에서 이어서 처리합니다',
      }),
  };
}
