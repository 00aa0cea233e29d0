/**
 * How Cafe24 calls are sent: a Bearer token per mall from the token vault (refreshed under a
 * lock, rotation-safe), the leaky bucket each mall reports in its headers (rate-limit.ts), and
 * Cafe24's retry rules (retry.ts). The gateway runs it beside other channels' transports.
 */
import type { HttpRequest, HttpResponse } from '../../core/http';
import type { ChannelAccount, ChannelRequest, ChannelSession, Transport } from '../port';
import type { Cafe24Session } from './admin-request';
import type { Cafe24Call } from './calls';
import type { Cafe24Connection } from './connection';
import { Cafe24Error, errorFromResponse } from './errors';
import { batchAllowance, initialRateState, nextDelayMs, observe, recordSent, type RateState } from './rate-limit';
import { decideRetry, FIRST_TRY, type RetryHistory } from './retry';
import type { TokenVault } from './token-vault';

/** Every mall's pacing state in one cache entry: one read and one write a run. */
export const RATES_KEY = 'cafe24.rates';

/** Accounts the gateway hands a Cafe24 transport come from `cafe24.account()`: connections. */
const connectionOf = (account: ChannelAccount) => account as Cafe24Connection;
/** Sessions a Cafe24 transport made are Cafe24 sessions. */
export const cafe24Session = (s: ChannelSession) => s as unknown as Cafe24Session;
const opaque = (s: Cafe24Session) => s as unknown as ChannelSession;

/** A Cafe24 call as the gateway takes it. */
export function cafe24Request<T>(conn: Cafe24Connection, call: Cafe24Call, build: (s: Cafe24Session) => HttpRequest, read: (r: HttpResponse) => T): ChannelRequest<T> {
  return { account: conn, call, build: (s) => build(cafe24Session(s)), read };
}

export function cafe24Transport(vault: TokenVault): Transport<RateState, RetryHistory> {
  const session = (conn: Cafe24Connection, t: ReturnType<TokenVault['fresh']>) => (t.ok ? opaque({ connection: conn, accessToken: t.token.accessToken }) : t.error);
  return {
    channel: 'cafe24',
    pacingKey: RATES_KEY,
    session: (account) => session(connectionOf(account), vault.fresh(connectionOf(account))),
    refresh: (account, used) => session(connectionOf(account), vault.refresh(connectionOf(account), cafe24Session(used).accessToken)),
    endConnection: (account, error, used) => vault.endConnection(connectionOf(account), error, cafe24Session(used).accessToken),
    initialPacing: initialRateState,
    allowance: batchAllowance,
    delayMs: nextDelayMs,
    observe: (state, responses, sentAt, at) => observe(recordSent(state, responses.length, sentAt), responses, at),
    firstTry: () => FIRST_TRY,
    decide: decideRetry,
    errorFrom: (call, account, response) => errorFromResponse(call as Cafe24Call, account.accountId, response),
    deferred: (call, account, why) => deferredError(call as Cafe24Call, account.accountId, why),
  };
}

function deferredError(call: Cafe24Call, mallId: string, why: 'budget' | 'throttled'): Cafe24Error {
  const budget = why === 'budget';
  return new Cafe24Error({
    mallId,
    call,
    status: 0,
    kind: budget ? 'network' : 'rateLimited',
    code: null,
    cafe24Message: null,
    retryable: true,
    reconnect: false,
    detail: budget ? 'deferred to the next run (time budget of this execution spent)' : 'deferred to the next run (the mall is throttling calls)',
    userMessage: budget ? '이번 실행 시간이 부족해 다음 실행에서 이어서 처리합니다' : '카페24 호출 한도 초과: 다음 실행에서 이어서 처리합니다',
  });
}
