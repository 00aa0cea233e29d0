/**
 * Coupang's refusals as ChannelErrors, with what staff should do in Korean. Gateway errors come
 * as `{"code":"ERROR","message":"…","transactionId":"…"}` (B8); business errors as
 * `{"code":400,"message":"…"}`; a bulk-error block as an HTML "Access Denied" page.
 */
import type { HttpResponse } from '../../core/http';
import { ChannelError, type ChannelErrorKind } from '../port';
import { relayError } from '../relay';

export const NOT_ALLOWED_IP_MESSAGE = '쿠팡이 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인';

export function bodyParts(body: string): { code: number | string | null; message: string | null } {
  try {
    const j = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof j !== 'object' || j === null) return { code: null, message: null };
    return {
      code: typeof j.code === 'number' || typeof j.code === 'string' ? j.code : null,
      message: typeof j.message === 'string' ? j.message : null,
    };
  } catch {
    return { code: null, message: /Access Denied/i.test(body) ? 'Access Denied' : null };
  }
}

export const isExpiredSignature = (r: HttpResponse) => r.status === 401 && /expired/i.test(bodyParts(r.body).message ?? '');

/** The CS APIs' documented refusals (inquiries-api.md C3, C4), said in Korean. */
function csRefusal(message: string | null): string | null {
  if (!message) return null;
  if (/replyBy \(Responder Seller Portal \(WING\) ID\) is incorrect/i.test(message)) return '쿠팡이 답변자 Wing 로그인 ID를 거부했습니다: 사이드바의 쿠팡 연결에서 Wing 로그인 ID를 확인하세요';
  if (/can't be answer/i.test(message)) return '쿠팡이 답변을 받지 않습니다: 이미 답변되었거나 24시간이 지나 쿠팡 상담사가 넘겨받은 문의입니다 (Wing에서만 답변 가능)';
  if (/-522/.test(message)) return '쿠팡: 상담이 종료된 문의입니다 (이미 확인했거나 24시간이 지났습니다)';
  if (/CTRL-CHAR/i.test(message)) return '쿠팡이 답변의 줄바꿈을 읽지 못했습니다';
  return null;
}

interface Shape {
  kind: ChannelErrorKind;
  retryable: boolean;
  reconnect: boolean;
  userMessage: string;
}

function shapeOf(status: number, message: string | null): Shape {
  const said = message ? `: ${message}` : '';
  if (status === 0) return { kind: 'network', retryable: true, reconnect: false, userMessage: '쿠팡에 연결하지 못했습니다(네트워크 오류 또는 시간 초과). 잠시 후 다시 시도합니다' };
  if (status === 401) {
    if (/expired/i.test(message ?? '')) return { kind: 'auth', retryable: true, reconnect: false, userMessage: '쿠팡이 서명 시각이 지났다고 답했습니다(Specified signature is expired): 잠시 후 다시 시도합니다' };
    return { kind: 'auth', retryable: false, reconnect: true, userMessage: `쿠팡이 API 키를 거부했습니다${said}. Wing의 업체코드·Access Key·Secret Key를 확인해 사이드바에서 다시 입력하세요` };
  }
  if (status === 403) {
    if (/Not allowed IP/i.test(message ?? '')) return { kind: 'forbidden', retryable: false, reconnect: false, userMessage: NOT_ALLOWED_IP_MESSAGE };
    return { kind: 'forbidden', retryable: true, reconnect: false, userMessage: `쿠팡이 호출을 잠시 막았습니다(오류가 많은 호출 뒤의 차단)${said}. 잠시 후 다시 시도합니다` };
  }
  if (status === 429) return { kind: 'rateLimited', retryable: true, reconnect: false, userMessage: '쿠팡 호출 한도 초과(업체코드당 초당 10회): 다음 실행에서 이어서 처리합니다' };
  if (status === 504 && /timed out/i.test(message ?? '')) return { kind: 'server', retryable: true, reconnect: false, userMessage: '쿠팡 응답 시간 초과: 처리되었는지 주문을 다시 읽어 확인합니다' };
  if (status >= 500) return { kind: 'server', retryable: true, reconnect: false, userMessage: `쿠팡 서버 오류 (${status})` };
  if (status === 404) return { kind: 'notFound', retryable: false, reconnect: false, userMessage: `쿠팡에서 찾을 수 없습니다${said}` };
  if (status === 400) return { kind: 'badRequest', retryable: false, reconnect: false, userMessage: csRefusal(message) ?? `쿠팡이 요청을 거부했습니다${said}` };
  return { kind: 'client', retryable: false, reconnect: false, userMessage: `쿠팡 요청 실패 (${status})${said}` };
}

export function coupangError(call: string, vendorId: string, response: HttpResponse): ChannelError {
  const relayed = relayError('coupang', vendorId, call, response);
  if (relayed) return relayed;
  const { code, message } = response.status === 0 ? { code: null, message: response.body.slice(0, 300) || null } : bodyParts(response.body);
  return new ChannelError({
    channel: 'coupang',
    accountId: vendorId,
    call,
    status: response.status,
    code,
    channelMessage: message,
    detail: response.status === 0 ? `no answer${message ? `: ${message}` : ''}` : `${response.status}${message ? ` ${message}` : ''}`,
    ...shapeOf(response.status, message),
  });
}

/** An error the channel itself raises (keys missing, an answer that does not fit, a call it cannot make). */
export function channelError(call: string, vendorId: string, kind: ChannelErrorKind, userMessage: string, detail: string, opts: { retryable?: boolean; reconnect?: boolean; status?: number } = {}): ChannelError {
  return new ChannelError({ channel: 'coupang', accountId: vendorId, call, status: opts.status ?? 0, kind, code: null, channelMessage: null, retryable: opts.retryable ?? false, reconnect: opts.reconnect ?? false, userMessage, detail });
}
