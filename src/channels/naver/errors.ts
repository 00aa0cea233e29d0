/**
 * What went wrong talking to a SmartStore, as the port's ChannelError: Naver's own code
 * (`GW.AUTHN`, `GW.IP_NOT_ALLOWED`, `BAD_REQUEST`, a per-item `104442`…) and message kept, a
 * Korean userMessage saying what to do.
 */
import type { HttpResponse } from '../../core/http';
import { ChannelError, type ChannelErrorKind } from '../port';
import { relayError } from '../relay';

/** ERR-NC-101010: the customer inquiry has an answer already. */
export const ALREADY_ANSWERED = 'ERR-NC-101010';

/** The customer-inquiry answer calls' refusals (inquiries-api.md B4), said for the 문의 row. */
const INQUIRY_REFUSALS: Readonly<Record<string, string>> = {
  'ERR-NC-101001': '잘못된 요청입니다 (답변 내용 확인)',
  'ERR-NC-101004': '문의가 없거나 삭제되었습니다 (구매자가 삭제했을 수 있습니다)',
  'ERR-NC-101005': '답변할 수 없는 문의입니다 (유효하지 않은 문의)',
  'ERR-NC-101007': '이 문의에 답변할 권한이 없습니다 (커머스API센터 애플리케이션의 권한 확인)',
  'ERR-NC-101008': '판매자 번호가 올바르지 않습니다',
  [ALREADY_ANSWERED]: '이미 답변이 등록된 문의입니다',
};

export const IP_REFUSED = '네이버가 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인';

/** `code` and `message` of either error shape (gateway or API server), else nulls. */
export function errorParts(body: string): { code: string | null; message: string | null } {
  try {
    const j = JSON.parse(body) as { code?: unknown; message?: unknown };
    return { code: typeof j?.code === 'string' ? j.code : null, message: typeof j?.message === 'string' ? j.message : null };
  } catch {
    return { code: null, message: null };
  }
}

interface Info {
  accountId: string;
  call: string;
  status: number;
  kind: ChannelErrorKind;
  code: string | null;
  message: string | null;
  retryable: boolean;
  reconnect: boolean;
  userMessage: string;
  detail?: string;
}

export function naverError(i: Info): ChannelError {
  return new ChannelError({
    channel: 'naver',
    accountId: i.accountId,
    call: i.call,
    status: i.status,
    kind: i.kind,
    code: i.code,
    channelMessage: i.message,
    retryable: i.retryable,
    reconnect: i.reconnect,
    userMessage: i.userMessage,
    detail: i.detail ?? `${i.status}${i.code ? ` ${i.code}` : ''}${i.message ? ` ${i.message}` : ''}`,
  });
}

/** The error of a non-2xx answer (`call` 'token' for the token endpoint). */
export function errorFromResponse(call: string, accountId: string, r: HttpResponse): ChannelError {
  const relayed = relayError('naver', accountId, call, r);
  if (relayed) return relayed;
  const status = r.status;
  const { code, message } = status === 0 ? { code: null, message: r.body.slice(0, 300) || null } : errorParts(r.body);
  const said = message ? `: ${message}` : '';
  const base = { accountId, call, status, code, message };
  if (status === 0) return naverError({ ...base, kind: 'network', retryable: true, reconnect: false, userMessage: '네이버에 연결하지 못했습니다(네트워크 오류 또는 시간 초과). 잠시 후 다시 시도합니다', detail: `no answer${said}` });
  if (code === 'GW.IP_NOT_ALLOWED') return naverError({ ...base, kind: 'forbidden', retryable: false, reconnect: false, userMessage: IP_REFUSED });
  if (call === 'token' && status >= 400 && status < 500 && status !== 429) {
    // The keys were refused (bad signature, unknown application): only new keys help.
    return naverError({ ...base, kind: 'oauth', retryable: false, reconnect: true, userMessage: `네이버가 애플리케이션 ID/시크릿을 받지 않았습니다${said}. 커머스API센터의 값을 다시 입력하세요` });
  }
  if (status === 401) return naverError({ ...base, kind: 'auth', retryable: true, reconnect: false, userMessage: '네이버 인증 토큰이 거부되었습니다. 다음 실행에서 다시 발급합니다' });
  if (status === 429) {
    const quota = code === 'GW.QUOTA_LIMIT';
    return naverError({ ...base, kind: 'rateLimited', retryable: true, reconnect: false, userMessage: quota ? '네이버 호출 할당량 초과: 다음 실행에서 이어서 처리합니다' : '네이버 호출 한도 초과: 다음 실행에서 이어서 처리합니다' });
  }
  if (status >= 500) return naverError({ ...base, kind: 'server', retryable: true, reconnect: false, userMessage: `네이버 서버 오류 (${status}${code ? ` ${code}` : ''})` });
  const refusal = code ? INQUIRY_REFUSALS[code] : undefined;
  if (refusal && status < 500) return naverError({ ...base, kind: code === 'ERR-NC-101004' ? 'notFound' : 'badRequest', retryable: false, reconnect: false, userMessage: refusal });
  if (call === 'qnas.answer' && status === 404) return naverError({ ...base, kind: 'notFound', retryable: false, reconnect: false, userMessage: '상품 문의가 없거나 삭제되었습니다' });
  if (call === 'qnas.list' && status === 403) return naverError({ ...base, kind: 'forbidden', retryable: false, reconnect: false, userMessage: `네이버가 상품 문의 조회를 거부했습니다${said}. 커머스API센터에서 애플리케이션에 '문의' API 그룹을 추가하세요` });
  if (status === 403) return naverError({ ...base, kind: 'forbidden', retryable: false, reconnect: false, userMessage: `네이버가 접근을 거부했습니다${said}` });
  if (status === 404) return naverError({ ...base, kind: 'notFound', retryable: false, reconnect: false, userMessage: `네이버에서 찾을 수 없습니다${said}` });
  if (status === 400) return naverError({ ...base, kind: 'badRequest', retryable: false, reconnect: false, userMessage: `네이버가 잘못된 요청이라고 답했습니다 (400)${said}` });
  return naverError({ ...base, kind: 'client', retryable: false, reconnect: false, userMessage: `네이버 요청 실패 (${status})${said}` });
}

/** A 2xx answer whose body is not what the call promises. */
export function unreadable(call: string, accountId: string, status: number, detail: string): ChannelError {
  return naverError({ accountId, call, status, kind: 'response', code: null, message: null, retryable: false, reconnect: false, userMessage: `네이버 응답을 해석하지 못했습니다: ${detail}`, detail });
}
