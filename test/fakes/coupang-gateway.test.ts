/**
 * The fake Coupang Wing gateway: CEA HMAC as documented (B1), the signed-date window, the IP
 * rule, the per-vendor rate limit (B8) and the error shape.
 */
import { createHmac } from 'node:crypto';
import { ceaHeader, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY } from '../../local/fakes/coupang';
import { parseCea, signature } from '../../local/fakes/coupang/auth';
import { OPEN, startCoupangFake, T0, type Harness } from '../../local/fakes/coupang/testing';

let h: Harness;
beforeEach(async () => (h = await startCoupangFake()));
afterEach(async () => h.close());

const LIST = `${OPEN}/ordersheets?createdAtFrom=2026-11-20&createdAtTo=2026-11-23&status=ACCEPT`;

test('the reference test vector signs as documented (signed-date + method + path + query, lower-case hex)', () => {
  const message = '240101T000000ZGET/v2/providers/openapi/apis/api/v4/vendors/A00012345/ordersheetscreatedAtFrom=2024-01-01&createdAtTo=2024-01-02&status=ACCEPT';
  expect(createHmac('sha256', 'test-secret').update(message).digest('hex')).toBe('9eded8704ec8c3f81aad7db8c47869ee2bea332012e1f8f875b14c73085cf355');
  expect(signature('test-secret', '240101T000000Z', 'GET', '/v2/providers/openapi/apis/api/v4/vendors/A00012345/ordersheets', 'createdAtFrom=2024-01-01&createdAtTo=2024-01-02&status=ACCEPT')).toBe(
    '9eded8704ec8c3f81aad7db8c47869ee2bea332012e1f8f875b14c73085cf355',
  );
  // Both samples' spacing after the commas.
  expect(parseCea('CEA algorithm=HmacSHA256,access-key=k,signed-date=240101T000000Z,signature=ab')).toMatchObject({ accessKey: 'k' });
  expect(parseCea('CEA algorithm=HmacSHA256, access-key=k, signed-date=240101T000000Z, signature=ab')).toMatchObject({ signature: 'ab' });
});

test('a correctly signed call from the registered address is answered', async () => {
  const r = await h.send('GET', LIST);
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ code: 200, message: 'OK', nextToken: '' });
  expect(r.json.data.map((s: { shipmentBoxId: number }) => s.shipmentBoxId)).toEqual([448531493]);
});

test('a wrong secret, a signature over another query, and no header are refused with the documented messages', async () => {
  const wrong = await h.send('GET', LIST, { keys: { accessKey: DEFAULT_ACCESS_KEY, secretKey: 'not-the-secret' } });
  expect(wrong.status).toBe(401);
  expect(wrong.json).toMatchObject({ code: 'ERROR', message: 'Invalid signature' });
  expect(typeof wrong.json.transactionId).toBe('string');

  const path = LIST.split('?')[0]!;
  const otherQuery = ceaHeader(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 'GET', path, 'status=INSTRUCT', h.clock.now);
  expect((await h.send('GET', LIST, { authorization: otherQuery })).json.message).toBe('Invalid signature');
  // Signed as POST, sent as GET: the method is part of the message.
  const otherMethod = ceaHeader(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 'POST', path, LIST.split('?')[1]!, h.clock.now);
  expect((await h.send('GET', LIST, { authorization: otherMethod })).status).toBe(401);

  expect((await h.send('GET', LIST, { authorization: 'Bearer abc' })).json).toMatchObject({ code: 'ERROR', message: 'HMAC format is invalid.' });
  const unknown = await h.send('GET', LIST, { keys: { accessKey: 'someone-else', secretKey: DEFAULT_SECRET_KEY } });
  expect(unknown).toMatchObject({ status: 401, json: { message: 'Request is not authorized.' } });
});

test('signed-date must be fresh: inside the window it passes, outside it is "Specified signature is expired."', async () => {
  expect((await h.send('GET', LIST, { signedAt: T0 - 4 * 60_000 })).status).toBe(200);
  const old = await h.send('GET', LIST, { signedAt: T0 - 6 * 60_000 });
  expect(old).toMatchObject({ status: 401, json: { code: 'ERROR', message: 'Specified signature is expired.' } });
  expect((await h.send('GET', LIST, { signedAt: T0 + 6 * 60_000 })).status).toBe(401);
  // The same signature goes stale as time passes.
  const header = ceaHeader(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 'GET', LIST.split('?')[0]!, LIST.split('?')[1]!, T0);
  h.fake.advanceTime(10 * 60_000);
  expect((await h.send('GET', LIST, { authorization: header })).json.message).toBe('Specified signature is expired.');
});

test('a caller address not registered in Wing gets 403 Not allowed IP, however well signed', async () => {
  const direct = await h.send('GET', LIST, { from: '127.0.0.1' });
  expect(direct).toMatchObject({ status: 403, json: { code: 'ERROR', message: 'Not allowed IP' } });
  expect(h.fake.requestLog().at(-1)).toMatchObject({ remoteAddress: '127.0.0.1', status: 403 });
  expect((await h.send('GET', LIST, { from: '127.0.0.2' })).status).toBe(200);
});

test('more than 10 calls in a second from one vendor get 429; the next second they pass again', async () => {
  const answers = await Promise.all(Array.from({ length: 12 }, () => h.send('GET', LIST)));
  expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
  const refused = answers.filter((a) => a.status === 429);
  expect(refused).toHaveLength(2);
  expect(refused[0]!.json).toMatchObject({ code: 'ERROR' });
  h.clock.now += 1000;
  expect((await h.send('GET', LIST)).status).toBe(200);
});

test('injected faults: a 500, a 504 timeout with Coupang’s body, a reset, a 429 burst', async () => {
  h.fake.injectFault({ kind: 'server_error', count: 1 });
  expect((await h.send('GET', LIST)).status).toBe(500);
  h.fake.injectFault({ kind: 'timeout' });
  expect(await h.send('GET', LIST)).toMatchObject({ status: 504, json: { code: 'ERROR', message: 'Request timed out, please try again.' } });
  h.fake.injectFault({ kind: 'reset' });
  expect((await h.send('GET', LIST)).status).toBe(0);
  h.fake.injectFault({ kind: 'rate_limit', count: 2, path: '/ordersheets' });
  expect((await h.send('GET', LIST)).status).toBe(429);
  expect((await h.send('GET', LIST)).status).toBe(429);
  expect((await h.send('GET', LIST)).status).toBe(200);
});
