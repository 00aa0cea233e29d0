/**
 * What to do with an answer (pure policy; the shell sleeps and resends):
 * - 2xx (207 included: its objects carry their own errors): accept.
 * - 429: wait as told (rate-limit.ts) and resend; the request was refused, not processed.
 * - 5xx and no answer (status 0): bounded exponential backoff, 1 s, 2 s, 4 s, at most 3
 *   retries — but only for GET and PUT. A POST that timed out or failed on the server may have
 *   been carried out (a product created, a shipment registered), so it is not sent blindly
 *   again; the caller reads the state back instead.
 * - 401: refresh the token once and resend; a second 401 means reconnect.
 * - any other 4xx: never resent unchanged.
 * All waits of one request together stay under 15 s, so an execution keeps well inside Apps
 * Script's 6 minutes; a longer wait (a spent usage quota) defers the work to a later run.
 */
import type { HttpMethod, HttpResponse } from '../../core/http';
import { errorBodyParts } from './errors';
import { retryAfterMs } from './rate-limit';

export const BACKOFF_MS = [1000, 2000, 4000] as const;
export const MAX_SERVER_RETRIES = BACKOFF_MS.length;
export const MAX_RATE_LIMIT_RETRIES = 5;
export const MAX_TOTAL_WAIT_MS = 15_000;

export type RetryDecision =
  | { readonly action: 'accept' }
  | { readonly action: 'retry'; readonly delayMs: number }
  | { readonly action: 'refreshToken' }
  /** Stop for now; the same work may run again from `resumeAt` (a later execution). */
  | { readonly action: 'defer'; readonly resumeAt: number }
  /** Give up; build the error with errorFromResponse. */
  | { readonly action: 'fail'; readonly reconnect: boolean };

/** What has happened to one request so far. */
export interface RetryHistory {
  readonly serverRetries: number;
  readonly rateLimitRetries: number;
  readonly tokenRefreshed: boolean;
  readonly waitedMs: number;
}

export const FIRST_TRY: RetryHistory = { serverRetries: 0, rateLimitRetries: 0, tokenRefreshed: false, waitedMs: 0 };

export interface RetryStep {
  readonly decision: RetryDecision;
  /** The history to pass with the next answer to the same request. */
  readonly history: RetryHistory;
}

/** Methods whose repetition does no harm (PUTs here set absolute values or states). */
export function isIdempotent(method: HttpMethod): boolean {
  return method === 'get' || method === 'put' || method === 'delete';
}

export function decideRetry(method: HttpMethod, response: HttpResponse, history: RetryHistory, now: number): RetryStep {
  const status = response.status;
  const stay = (decision: RetryDecision): RetryStep => ({ decision, history });

  if (status >= 200 && status <= 299) return stay({ action: 'accept' });

  if (status === 401) {
    if (history.tokenRefreshed) return stay({ action: 'fail', reconnect: true });
    return { decision: { action: 'refreshToken' }, history: { ...history, tokenRefreshed: true } };
  }

  if (status === 429) {
    const wait = retryAfterMs(response);
    if (history.rateLimitRetries >= MAX_RATE_LIMIT_RETRIES || history.waitedMs + wait > MAX_TOTAL_WAIT_MS) {
      return stay({ action: 'defer', resumeAt: now + wait });
    }
    return {
      decision: { action: 'retry', delayMs: wait },
      history: { ...history, rateLimitRetries: history.rateLimitRetries + 1, waitedMs: history.waitedMs + wait },
    };
  }

  if (status === 0 || status >= 500) {
    if (!isIdempotent(method)) return stay({ action: 'fail', reconnect: false });
    const wait = BACKOFF_MS[history.serverRetries];
    if (wait === undefined || history.waitedMs + wait > MAX_TOTAL_WAIT_MS) return stay({ action: 'fail', reconnect: false });
    return {
      decision: { action: 'retry', delayMs: wait },
      history: { ...history, serverRetries: history.serverRetries + 1, waitedMs: history.waitedMs + wait },
    };
  }

  // A missing scope is only granted by a new consent; other refusals need a different request.
  const scope = status === 403 && /insufficient_scope/i.test(errorBodyParts(response.body).message ?? '');
  return stay({ action: 'fail', reconnect: scope });
}
