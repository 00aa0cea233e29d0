/**
 * The Coupang channel's request signing against the reference's test vector (B1), its status
 * mapping and claim states, without a server.
 */
import { createHmac } from 'node:crypto';
import { authorization, signedDate, signedRequest } from '../../src/channels/coupang/signing';
import { coupangClaimState } from '../../src/channels/coupang/claims';
import { coupangError, NOT_ALLOWED_IP_MESSAGE } from '../../src/channels/coupang/errors';

const hmacSha256Hex = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
const AT = Date.parse('2024-01-01T00:00:00Z');

test('signed-date is UTC yyMMddTHHmmssZ, whatever the Seoul wall time', () => {
  expect(signedDate(AT)).toBe('240101T000000Z');
  expect(signedDate(Date.parse('2026-11-23T08:59:07+09:00'))).toBe('261122T235907Z');
});

test('the reference vector: signed-date + GET + path + query (no "?"), lower-case hex', () => {
  const header = authorization({ accessKey: 'ak', secretKey: 'test-secret', hmacSha256Hex }, 'get', '/v2/providers/openapi/apis/api/v4/vendors/A00012345/ordersheets', 'createdAtFrom=2024-01-01&createdAtTo=2024-01-02&status=ACCEPT', AT);
  expect(header).toBe('CEA algorithm=HmacSHA256, access-key=ak, signed-date=240101T000000Z, signature=9eded8704ec8c3f81aad7db8c47869ee2bea332012e1f8f875b14c73085cf355');
});

test('a signed request carries the query it signed, and a JSON body unsigned', () => {
  const r = signedRequest({ accessKey: 'ak', secretKey: 's', hmacSha256Hex }, 'put', '/x', '', AT, { vendorId: 'A00012345' });
  expect(r).toMatchObject({ method: 'put', url: 'https://api-gateway.coupang.com/x', payload: '{"vendorId":"A00012345"}' });
  expect(r.headers.Authorization).toContain(`signature=${hmacSha256Hex('s', '240101T000000ZPUT/x')}`);
});

test('Coupang’s refusals in Korean: the IP rule says to check the relay', () => {
  const ip = coupangError('ordersheets.list', 'A00012345', { status: 403, headers: {}, body: '{"code":"ERROR","message":"[FORBIDDEN] Not allowed IP. Please contact the Coupang seller call center."}' });
  expect(ip).toMatchObject({ kind: 'forbidden', reconnect: false, retryable: false, userMessage: NOT_ALLOWED_IP_MESSAGE });
  expect(NOT_ALLOWED_IP_MESSAGE).toBe('쿠팡이 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인');
  const denied = coupangError('ordersheets.list', 'A00012345', { status: 403, headers: {}, body: '<html><h1>Access Denied</h1></html>' });
  expect(denied).toMatchObject({ kind: 'forbidden', retryable: true, channelMessage: 'Access Denied' });
  expect(coupangError('x', 'A00012345', { status: 401, headers: {}, body: '{"code":"ERROR","message":"Invalid signature"}' })).toMatchObject({ reconnect: true });
});

test('claim states from raw statuses; an undocumented one is null', () => {
  expect(coupangClaimState('INSTRUCT')).toEqual({ claim: null, phase: 'none' });
  expect(coupangClaimState('INSTRUCT/HOLD_FOR_CANCEL')).toEqual({ claim: 'cancel', phase: 'requested' });
  expect(coupangClaimState('ACCEPT/CANCELED')).toEqual({ claim: 'cancel', phase: 'done' });
  expect(coupangClaimState('CANCEL/RELEASE_STOP_UNCHECKED')).toEqual({ claim: 'cancel', phase: 'requested' });
  expect(coupangClaimState('RETURN/VENDOR_WAREHOUSE_CONFIRM')).toEqual({ claim: 'return', phase: 'accepted' });
  expect(coupangClaimState('EXCHANGE/REJECT')).toEqual({ claim: 'exchange', phase: 'rejected' });
  expect(coupangClaimState('N10')).toBeNull();
  expect(coupangClaimState('RETURN/SOMETHING_ELSE')).toBeNull();
  expect(coupangClaimState('SHIPPED/OK')).toBeNull();
});
