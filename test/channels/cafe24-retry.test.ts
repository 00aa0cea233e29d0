/** Retry policy: which answers are sent again, after how long, and which never blindly. */
import { decideRetry, FIRST_TRY } from '../../src/channels/cafe24/retry';
import type { RetryHistory } from '../../src/channels/cafe24/retry';
import type { HttpMethod } from '../../src/core/http';
import { ok } from './cafe24-helpers';

const T = 1_800_000_000_000;
const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => ok(body, headers, status);
const decide = (status: number, method: HttpMethod = 'get', history: RetryHistory = FIRST_TRY, body: unknown = {}, headers = {}) =>
  decideRetry(method, answer(status, body, headers), history, T);

test.each([200, 201, 207])('%d: accept', (status) => {
  expect(decide(status).decision).toEqual({ action: 'accept' });
});

test('401: refresh the token once and resend; a second 401 means reconnect', () => {
  const first = decide(401);
  expect(first.decision).toEqual({ action: 'refreshToken' });
  expect(decide(401, 'get', first.history).decision).toEqual({ action: 'fail', reconnect: true });
});

test('403 for a missing scope: give up, reconnect; other 403: give up', () => {
  expect(decide(403, 'get', FIRST_TRY, { error: { code: 403, message: 'No authority to access. [mall.read_order] (insufficient_scope)' } }).decision).toEqual({
    action: 'fail',
    reconnect: true,
  });
  expect(decide(403).decision).toEqual({ action: 'fail', reconnect: false });
});

test.each([400, 404, 409, 422])('%d: never resent unchanged', (status) => {
  expect(decide(status).decision).toEqual({ action: 'fail', reconnect: false });
  expect(decide(status, 'post').decision).toEqual({ action: 'fail', reconnect: false });
});

test('429: wait as told and resend (a refused call was not processed, so POST too)', () => {
  const step = decide(429, 'post', FIRST_TRY, {}, { 'x-api-call-limit': '40/40' });
  expect(step.decision).toEqual({ action: 'retry', delayMs: 5500 });
  expect(step.history).toMatchObject({ rateLimitRetries: 1, waitedMs: 5500 });
});

test('429 with a wait longer than this execution should spend: defer to a later run', () => {
  const step = decide(429, 'get', FIRST_TRY, {}, { 'x-cafe24-call-remain': '120' });
  expect(step.decision).toEqual({ action: 'defer', resumeAt: T + 120_000 });
});

test.each([500, 503, 0])('%d on a GET: back off 1 s, 2 s, 4 s, then give up (7 s in all, under 15 s)', (status) => {
  const delays: number[] = [];
  let history = FIRST_TRY;
  for (;;) {
    const step = decide(status, 'get', history);
    if (step.decision.action !== 'retry') {
      expect(step.decision).toEqual({ action: 'fail', reconnect: false });
      break;
    }
    delays.push(step.decision.delayMs);
    history = step.history;
  }
  expect(delays).toEqual([1000, 2000, 4000]);
  expect(history.waitedMs).toBeLessThan(15_000);
});

test('5xx and no answer on a PUT (absolute values) are retried like a GET', () => {
  expect(decide(503, 'put').decision).toEqual({ action: 'retry', delayMs: 1000 });
  expect(decide(0, 'put').decision).toEqual({ action: 'retry', delayMs: 1000 });
});

test('5xx and no answer on a POST are not resent: it may have been carried out (read back instead)', () => {
  expect(decide(500, 'post').decision).toEqual({ action: 'fail', reconnect: false });
  expect(decide(0, 'post').decision).toEqual({ action: 'fail', reconnect: false });
});

test('waits already spent on 429s shorten the backoff budget', () => {
  const tired: RetryHistory = { serverRetries: 0, rateLimitRetries: 2, tokenRefreshed: false, waitedMs: 14_500 };
  expect(decide(503, 'get', tired).decision).toEqual({ action: 'fail', reconnect: false });
  expect(decide(429, 'get', tired, {}, { 'x-api-call-limit': '40/40' }).decision).toEqual({ action: 'defer', resumeAt: T + 5500 });
});
