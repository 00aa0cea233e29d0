/**
 * The two error shapes of the reference (A8): the gateway's `{code: "GW.…", message, timestamp,
 * traceId}` (trace id also in `GNCP-GW-Trace-ID`) and the API servers' `{code, message,
 * invalidInputs, timestamp}`. Messages the reference does not quote are ours, in Naver's style.
 */
import type { NaverCore } from './model';
import { kst } from './model';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Drop the connection without an answer (a timeout fault). */
  drop?: boolean;
  delayMs?: number;
  faults?: string[];
}

export const MSG = {
  ipNotAllowed: '호출이 허용되지 않은 IP입니다.',
  authn: '인증에 실패했습니다. 토큰이 유효하지 않거나 만료되었습니다.',
  rateLimit: '요청이 허용된 한도를 초과했습니다.',
  notFound: '요청한 API를 찾을 수 없습니다.',
  server: '서버 내부 오류가 발생했습니다.',
} as const;

const GATEWAY_5XX: Record<number, string> = { 500: 'GW.INTERNAL_SERVER_ERROR', 502: 'GW.PROXY.01', 503: 'GW.BLOCK.01', 504: 'GW.TIMEOUT.01' };

export function gatewayError(core: NaverCore, status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  const traceId = core.traceId();
  return { status, headers: { 'GNCP-GW-Trace-ID': traceId, ...headers }, body: { code, message, timestamp: kst(core.now()), traceId } };
}

export function gatewayServerError(core: NaverCore, status: number): Reply {
  return gatewayError(core, status, GATEWAY_5XX[status] ?? 'GW.INTERNAL_SERVER_ERROR', MSG.server);
}

export interface InvalidInput {
  name: string;
  type: string;
  message: string;
}

export function apiError(core: NaverCore, status: number, code: 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR', message: string, invalidInputs: InvalidInput[] = []): Reply {
  return { status, headers: { 'GNCP-GW-Trace-ID': core.traceId() }, body: { code, message, invalidInputs, timestamp: kst(core.now()) } };
}

export function badRequest(core: NaverCore, message: string, name?: string): Reply {
  return apiError(core, 400, 'BAD_REQUEST', message, name === undefined ? [] : [{ name, type: 'Invalid', message }]);
}

/** A 2xx answer in the order APIs' envelope `{timestamp, traceId, data}`. */
export function ok(core: NaverCore, data: unknown): Reply {
  return { status: 200, headers: {}, body: { timestamp: kst(core.now()), traceId: core.traceId(), data } };
}
