/**
 * What went wrong talking to one mall, in two voices: `message` (English, for the log, naming
 * the mall and the call) and `userMessage` (Korean, for the sheet's status cells). `retryable`
 * says the same request may succeed later; `reconnect` says the operator must redo the Cafe24
 * consent (token dead, scope missing) before anything else works.
 */
import type { HttpResponse } from '../../core/http';
import type { Cafe24Call } from './calls';
import { scopeOf } from './calls';
import { ChannelError, type ChannelErrorKind } from '../port';

export type Cafe24ErrorKind = ChannelErrorKind;

export interface Cafe24ErrorInfo {
  readonly mallId: string;
  readonly call: Cafe24Call;
  readonly status: number;
  readonly kind: Cafe24ErrorKind;
  /** Cafe24's `error.code` (a number equal to the status) or the OAuth `error` word. */
  readonly code: number | string | null;
  /** Cafe24's own message (`error.message` / `error_description`), verbatim. */
  readonly cafe24Message: string | null;
  readonly retryable: boolean;
  readonly reconnect: boolean;
  readonly userMessage: string;
  /** What the log line says after "[mall] call: ". */
  readonly detail: string;
}

/** A ChannelError of Cafe24, named in Cafe24's words (mall id, Cafe24's message). */
export class Cafe24Error extends ChannelError {
  override readonly name = 'Cafe24Error';
  readonly mallId: string;
  override readonly call: Cafe24Call;
  readonly cafe24Message: string | null;

  constructor(info: Cafe24ErrorInfo) {
    const { mallId, cafe24Message, ...rest } = info;
    super({ ...rest, channel: 'cafe24', accountId: mallId, channelMessage: cafe24Message });
    this.mallId = mallId;
    this.call = info.call;
    this.cafe24Message = cafe24Message;
  }
}

/** Statuses worth sending again unchanged: no answer, throttled, server trouble. */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 429 || (status >= 500 && status <= 599);
}

export interface ErrorBodyParts {
  readonly code: number | string | null;
  readonly message: string | null;
}

/**
 * Reads either error shape: the Admin API's `{"error":{"code","message"}}` and the OAuth
 * `{"error":"invalid_grant","error_description":"…"}`. Anything else yields nulls.
 */
export function errorBodyParts(body: string): ErrorBodyParts {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { code: null, message: null };
  }
  if (typeof json !== 'object' || json === null) return { code: null, message: null };
  const e = (json as { error?: unknown; error_description?: unknown }).error;
  if (typeof e === 'string') {
    const d = (json as { error_description?: unknown }).error_description;
    return { code: e, message: typeof d === 'string' ? d : null };
  }
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'number' || typeof code === 'string' ? code : null,
      message: typeof message === 'string' ? message : null,
    };
  }
  return { code: null, message: null };
}

/** The scope a 403 names (`… [mall.read_order] (insufficient_scope)`), else the call's own. */
function missingScope(call: Cafe24Call, message: string | null): string {
  return /\[(mall\.[A-Za-z_]+)\]/.exec(message ?? '')?.[1] ?? scopeOf(call) ?? '?';
}

/** The error for a non-2xx answer to an Admin API call. */
export function errorFromResponse(call: Cafe24Call, mallId: string, response: HttpResponse): Cafe24Error {
  const status = response.status;
  const { code, message } = status === 0 ? { code: null, message: response.body.slice(0, 300) || null } : errorBodyParts(response.body);
  const said = message === null ? '' : `: ${message}`;
  const base = { mallId, call, status, code, cafe24Message: message, detail: `${status}${message === null ? '' : ` ${message}`}` };

  if (status === 0) {
    return new Cafe24Error({
      ...base,
      kind: 'network',
      retryable: true,
      reconnect: false,
      detail: `no answer${said}`,
      userMessage: '카페24에 연결하지 못했습니다(네트워크 오류 또는 시간 초과). 잠시 후 다시 시도합니다',
    });
  }
  if (status === 401) {
    return new Cafe24Error({ ...base, kind: 'auth', retryable: false, reconnect: true, userMessage: '카페24 인증이 만료되었습니다. 다시 연결하세요' });
  }
  if (status === 403) {
    if (/insufficient_scope/i.test(message ?? '')) {
      const scope = missingScope(call, message);
      return new Cafe24Error({
        ...base,
        kind: 'scope',
        retryable: false,
        reconnect: true,
        userMessage: `권한(scope)이 부족합니다: ${scope}. 카페24 앱 권한을 확인한 뒤 다시 연결하세요`,
      });
    }
    return new Cafe24Error({ ...base, kind: 'forbidden', retryable: false, reconnect: false, userMessage: `카페24가 접근을 거부했습니다${said}` });
  }
  if (status === 429) {
    return new Cafe24Error({ ...base, kind: 'rateLimited', retryable: true, reconnect: false, userMessage: '호출 한도 초과, 잠시 후 재시도' });
  }
  if (status >= 500) {
    return new Cafe24Error({ ...base, kind: 'server', retryable: true, reconnect: false, userMessage: `카페24 서버 오류 (${status})` });
  }
  if (status === 422) {
    return new Cafe24Error({ ...base, kind: 'invalid', retryable: false, reconnect: false, userMessage: message ?? '카페24가 요청 값을 거부했습니다 (422)' });
  }
  if (status === 404) {
    return new Cafe24Error({ ...base, kind: 'notFound', retryable: false, reconnect: false, userMessage: `카페24에서 찾을 수 없습니다${said}` });
  }
  if (status === 409) {
    return new Cafe24Error({ ...base, kind: 'conflict', retryable: false, reconnect: false, userMessage: `변경할 내용이 없습니다(이미 같은 값)${said}` });
  }
  if (status === 400) {
    return new Cafe24Error({ ...base, kind: 'badRequest', retryable: false, reconnect: false, userMessage: `카페24가 잘못된 요청이라고 답했습니다 (400)${said}` });
  }
  return new Cafe24Error({ ...base, kind: 'client', retryable: false, reconnect: false, userMessage: `카페24 요청 실패 (${status})${said}` });
}

/** A 2xx answer whose body is not what the call promises. */
export function unreadableResponse(call: Cafe24Call, mallId: string, status: number, detail: string, retryable: boolean): Cafe24Error {
  return new Cafe24Error({
    mallId,
    call,
    status,
    kind: 'response',
    code: null,
    cafe24Message: null,
    retryable,
    reconnect: false,
    detail,
    userMessage: `카페24 응답을 해석하지 못했습니다: ${detail}`,
  });
}
