/** Cafe24 errors: what each status means for the operator (Korean) and for the log (English). */
import { errorFromResponse } from '../../src/channels/cafe24/errors';
import { ok } from './cafe24-helpers';

const err = (status: number, body: unknown, call: Parameters<typeof errorFromResponse>[0] = 'orders.list') =>
  errorFromResponse(call, 'najalran', ok(body, {}, status));

test('401: the token expired — reconnect', () => {
  const e = err(401, { error: { code: 401, message: 'access_token time expired. (invalid_token)' } });
  expect(e).toMatchObject({ kind: 'auth', status: 401, code: 401, reconnect: true, retryable: false });
  expect(e.cafe24Message).toBe('access_token time expired. (invalid_token)');
  expect(e.userMessage).toBe('카페24 인증이 만료되었습니다. 다시 연결하세요');
  expect(e.message).toBe('[najalran] orders.list: 401 access_token time expired. (invalid_token)');
  expect(e.name).toBe('Cafe24Error');
  expect(e).toBeInstanceOf(Error);
});

test('403 insufficient_scope: names the missing scope — reconnect with it', () => {
  const e = err(403, { error: { code: 403, message: 'No authority to access. [mall.read_shipping] (insufficient_scope)' } }, 'carriers.list');
  expect(e).toMatchObject({ kind: 'scope', reconnect: true, retryable: false });
  expect(e.userMessage).toBe('권한(scope)이 부족합니다: mall.read_shipping. 카페24 앱 권한을 확인한 뒤 다시 연결하세요');
});

test('403 insufficient_scope without the scope in the text: the call says which it needs', () => {
  expect(err(403, { error: { code: 403, message: 'insufficient_scope' } }, 'suppliers.list').userMessage).toContain('mall.read_supply');
});

test('403 otherwise (app removed, plain http): refused, with Cafe24’s words', () => {
  const e = err(403, { error: { code: 403, message: 'This app is not installed.' } });
  expect(e).toMatchObject({ kind: 'forbidden', reconnect: false, retryable: false });
  expect(e.userMessage).toBe('카페24가 접근을 거부했습니다: This app is not installed.');
});

test('422: Cafe24’s own message for the operator', () => {
  const e = err(422, { error: { code: 422, message: 'The order item (20261120-0000001-01) has already been shipped (N30 배송중).' } }, 'shipments.create');
  expect(e).toMatchObject({ kind: 'invalid', retryable: false, reconnect: false });
  expect(e.userMessage).toBe('The order item (20261120-0000001-01) has already been shipped (N30 배송중).');
});

test('429: over the call limit, retry later', () => {
  expect(err(429, { error: { code: 429, message: 'Too Many Requests' } })).toMatchObject({
    kind: 'rateLimited',
    retryable: true,
    userMessage: '호출 한도 초과, 잠시 후 재시도',
  });
});

test.each([500, 502, 503, 504])('%d: Cafe24 server error, retryable', (status) => {
  expect(err(status, '<html>Bad Gateway</html>')).toMatchObject({
    kind: 'server',
    retryable: true,
    code: null,
    cafe24Message: null,
    userMessage: `카페24 서버 오류 (${status})`,
  });
});

test('0: no answer (the shell’s timeout or network failure), retryable; its text is kept for the log', () => {
  const e = err(0, 'Address unavailable: https://najalran.cafe24api.com/api/v2/admin/orders');
  expect(e).toMatchObject({ kind: 'network', retryable: true });
  expect(e.message).toBe('[najalran] orders.list: no answer: Address unavailable: https://najalran.cafe24api.com/api/v2/admin/orders');
  expect(e.userMessage).toContain('카페24에 연결하지 못했습니다');
});

test('404, 409, 400 and other 4xx are not retryable', () => {
  expect(err(404, { error: { code: 404, message: 'No order found. (X)' } })).toMatchObject({ kind: 'notFound', retryable: false });
  expect(err(409, { error: { code: 409, message: 'Conflict' } })).toMatchObject({ kind: 'conflict', retryable: false });
  expect(err(400, { error: { code: 400, message: 'Content-type is not an application/json in the header.' } })).toMatchObject({
    kind: 'badRequest',
    retryable: false,
  });
  expect(err(418, '')).toMatchObject({ kind: 'client', retryable: false, userMessage: '카페24 요청 실패 (418)' });
});
