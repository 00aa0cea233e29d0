/**
 * What to do with an answer (Cafe24's rules, in Naver's words):
 * - 2xx: accept (a batch call's per-item failures are read by the caller); so is a 400
 *   ERR-NC-101010 (an inquiry answered already), which the answer call reads as "look it up".
 * - 401 GW.AUTHN: issue a token and resend once (docs); a second one fails for this run.
 * - 429 GW.RATE_LIMIT / GW.QUOTA_LIMIT: wait (Retry-After if sent, else one request's refill)
 *   and resend, at most 5 times and 15 s in all; then the work goes to the next run.
 * - 5xx and no answer: GET, PUT and PATCH (absolute values) are resent after 1, 2 and 4 s; a POST
 *   (confirm, dispatch, a claim call; the detail query too, whose method says nothing of it) may
 *   have been carried out and is never resent blindly: the caller reads the state back.
 * - any other 4xx: never resent unchanged.
 */
import type { HttpMethod, HttpResponse } from '../../core/http';
import type { RetryDecision } from '../port';
import { ALREADY_ANSWERED, errorParts } from './errors';
import { ASSUMED_RATE, waitAfter429 } from './pacing';

export const BACKOFF_MS = [1000, 2000, 4000] as const;
export const MAX_RATE_LIMIT_RETRIES = 5;
export const MAX_TOTAL_WAIT_MS = 15_000;

export interface NaverHistory {
  readonly serverRetries: number;
  readonly rateLimitRetries: number;
  readonly tokenRenewed: boolean;
  readonly waitedMs: number;
}

export const FIRST_TRY: NaverHistory = { serverRetries: 0, rateLimitRetries: 0, tokenRenewed: false, waitedMs: 0 };

const REPEATABLE: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['get', 'put', 'patch', 'delete']);

export function decide(method: HttpMethod, r: HttpResponse, h: NaverHistory, _at: number): { decision: RetryDecision; history: NaverHistory } {
  const stay = (decision: RetryDecision) => ({ decision, history: h });
  if (r.status >= 200 && r.status <= 299) return stay({ action: 'accept' });
  // "An answer exists already": the answer call reads it as such (the job reads the answer back).
  if (r.status === 400 && errorParts(r.body).code === ALREADY_ANSWERED) return stay({ action: 'accept' });
  if (r.status === 401 && errorParts(r.body).code === 'GW.AUTHN') {
    if (h.tokenRenewed) return stay({ action: 'fail' });
    return { decision: { action: 'refreshToken' }, history: { ...h, tokenRenewed: true } };
  }
  if (r.status === 429) {
    const wait = waitAfter429(r, ASSUMED_RATE);
    if (h.rateLimitRetries >= MAX_RATE_LIMIT_RETRIES || h.waitedMs + wait > MAX_TOTAL_WAIT_MS) return stay({ action: 'defer' });
    return { decision: { action: 'retry', delayMs: wait }, history: { ...h, rateLimitRetries: h.rateLimitRetries + 1, waitedMs: h.waitedMs + wait } };
  }
  if (r.status === 0 || r.status >= 500) {
    const wait = BACKOFF_MS[h.serverRetries];
    if (!REPEATABLE.has(method) || wait === undefined || h.waitedMs + wait > MAX_TOTAL_WAIT_MS) return stay({ action: 'fail' });
    return { decision: { action: 'retry', delayMs: wait }, history: { ...h, serverRetries: h.serverRetries + 1, waitedMs: h.waitedMs + wait } };
  }
  return stay({ action: 'fail' });
}
