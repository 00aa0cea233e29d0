/**
 * Cafe24 fake — OAuth 2.0 and access tokens, as the reference (§2) describes them:
 * authorization-code grant through a consent page, Basic client auth, 2-hour access tokens and
 * 2-week refresh tokens on the simulated clock, refresh-token rotation, scopes.
 */
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../local/fakes/cafe24/default-seed';
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';

const SCRIPT_REDIRECT = 'https://script.google.com/macros/d/1AbCdEf_script-ID/usercallback';
const BASIC = `Basic ${Buffer.from(`${DEFAULT_CLIENT_ID}:${DEFAULT_CLIENT_SECRET}`).toString('base64')}`;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: BASIC };
const HOUR = 3_600_000;

let h: Harness;
beforeEach(async () => {
  h = await startFake();
});
afterEach(async () => {
  await h.close();
});

async function authorize(mall: string, scope = 'mall.read_order,mall.read_product', state = 'st-123'): Promise<URL> {
  const q = new URLSearchParams({ response_type: 'code', client_id: DEFAULT_CLIENT_ID, state, redirect_uri: SCRIPT_REDIRECT, scope });
  const page = await h.call(mall, 'GET', `/api/v2/oauth/authorize?${q}`);
  // A request the mall refuses (a scope the app lacks) is redirected with its error before any page.
  if (page.status === 302) return new URL(page.headers.get('location')!);
  expect(page.status).toBe(200);
  // The operator presses 동의하고 설치: the page's form posts the same fields back.
  q.set('consent', 'agree');
  const r = await h.call(mall, 'POST', '/api/v2/oauth/authorize', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: q.toString() });
  expect(r.status).toBe(302);
  return new URL(r.headers.get('location')!);
}

async function tokenRequest(mall: string, form: Record<string, string>, headers: Record<string, string> = FORM) {
  return h.call(mall, 'POST', '/api/v2/oauth/token', { headers, body: new URLSearchParams(form).toString() });
}

async function loginWithCode(mall: string, scope?: string) {
  const code = (await authorize(mall, scope)).searchParams.get('code')!;
  const r = await tokenRequest(mall, { grant_type: 'authorization_code', code, redirect_uri: SCRIPT_REDIRECT });
  expect(r.status).toBe(200);
  return r.json as Record<string, any>;
}

describe('the consent page', () => {
  const query = () => new URLSearchParams({ response_type: 'code', client_id: DEFAULT_CLIENT_ID, state: 'st-9', redirect_uri: SCRIPT_REDIRECT, scope: 'mall.read_order,mall.write_product' });

  test('shows the app, the mall and the scopes asked for, with an agree button that posts the request back; no code before it is pressed', async () => {
    const r = await h.call('najalran', 'GET', `/api/v2/oauth/authorize?${query()}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toContain('<title>카페24 앱 권한 동의</title>');
    expect(r.text).toContain('파트너몰 시트 (개발용)');
    expect(r.text).toContain('나잘란 (najalran)');
    expect(r.text).toMatch(/주문 읽기 <code>mall\.read_order<\/code>.*상품 쓰기 <code>mall\.write_product<\/code>/s);
    expect(r.text).toMatch(/<form method="post" action="authorize">/);
    expect(r.text).toContain('name="state" value="st-9"');
    expect(r.text).toMatch(/<button type="submit" name="consent" value="agree">동의하고 설치<\/button>/);
  });

  test('거부 redirects back with access_denied and no code', async () => {
    const q = query();
    q.set('consent', 'deny');
    const r = await h.call('najalran', 'POST', '/api/v2/oauth/authorize', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: q.toString() });
    expect(r.status).toBe(302);
    const loc = new URL(r.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  test("strict.consent 'immediate' redirects with the code at once, as for a client without a browser", async () => {
    await h.close();
    h = await startFake({ strict: { consent: 'immediate' } });
    const r = await h.call('najalran', 'GET', `/api/v2/oauth/authorize?${query()}`);
    expect(r.status).toBe(302);
    expect(new URL(r.headers.get('location')!).searchParams.get('code')).toMatch(/^\S{10,}$/);
  });
});

describe('authorization-code flow', () => {
  test('after consent, authorize redirects to the registered Apps Script callback with code and state', async () => {
    const loc = await authorize('najalran');
    expect(`${loc.origin}${loc.pathname}`).toBe(SCRIPT_REDIRECT);
    expect(loc.searchParams.get('state')).toBe('st-123');
    expect(loc.searchParams.get('code')).toMatch(/^\S{10,}$/);
  });

  test('the token response carries exactly the documented fields, KST times without zone', async () => {
    const t = await loginWithCode('najalran');
    expect(Object.keys(t).sort()).toEqual(
      ['access_token', 'client_id', 'expires_at', 'issued_at', 'mall_id', 'refresh_token', 'refresh_token_expires_at', 'scopes', 'shop_no', 'token_type', 'user_id'].sort(),
    );
    expect(t).toMatchObject({
      client_id: DEFAULT_CLIENT_ID,
      mall_id: 'najalran',
      user_id: 'najalran',
      scopes: ['mall.read_order', 'mall.read_product'],
      shop_no: '1',
      token_type: 'Bearer',
      issued_at: '2026-11-23T10:00:00.000',
      expires_at: '2026-11-23T12:00:00.000',
      refresh_token_expires_at: '2026-12-07T10:00:00.000',
    });
    expect(t).not.toHaveProperty('expires_in');
  });

  test('the access token works for its own mall only', async () => {
    const t = await loginWithCode('najalran');
    expect((await h.api('najalran', 'GET', '/orders/count', { token: t.access_token })).status).toBe(200);
    const other = await h.api('borasaeg', 'GET', '/orders/count', { token: t.access_token });
    expect(other.status).toBe(401);
    expect(other.json).toEqual({ error: { code: 401, message: 'Invalid access_token' } });
  });

  test('a code is single-use', async () => {
    const code = (await authorize('najalran')).searchParams.get('code')!;
    expect((await tokenRequest('najalran', { grant_type: 'authorization_code', code, redirect_uri: SCRIPT_REDIRECT })).status).toBe(200);
    const again = await tokenRequest('najalran', { grant_type: 'authorization_code', code, redirect_uri: SCRIPT_REDIRECT });
    expect(again.json.error).toBe('invalid_grant');
  });

  test('a code dies after one minute of simulated time', async () => {
    const code = (await authorize('najalran')).searchParams.get('code')!;
    h.clock.advance(61_000);
    const r = await tokenRequest('najalran', { grant_type: 'authorization_code', code, redirect_uri: SCRIPT_REDIRECT });
    expect(r.json).toEqual({ error: 'invalid_grant', error_description: 'authorization_code time expired' });
  });

  test('an unregistered redirect_uri is refused with the documented OAuth error', async () => {
    const q = new URLSearchParams({ response_type: 'code', client_id: DEFAULT_CLIENT_ID, state: 's', redirect_uri: 'https://evil.example/cb', scope: 'mall.read_order' });
    const r = await h.call('najalran', 'GET', `/api/v2/oauth/authorize?${q}`);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'invalid_request', error_description: 'The redirect_uri added by Cafe24 Developers is invalid.' });
  });

  test('a scope the app does not have is redirected back as invalid_scope; commas or spaces both separate', async () => {
    const loc = await authorize('najalran', 'mall.read_order,mall.write_customer');
    expect(loc.searchParams.get('error')).toBe('invalid_scope');
    expect(loc.searchParams.get('state')).toBe('st-123');
    const t = await loginWithCode('najalran', 'mall.read_order mall.read_shipping');
    expect(t.scopes).toEqual(['mall.read_order', 'mall.read_shipping']);
  });

  test('the token step must repeat the redirect_uri used to authorize', async () => {
    const code = (await authorize('najalran')).searchParams.get('code')!;
    const other = 'https://script.google.com/macros/d/ANOTHER/usercallback';
    const r = await tokenRequest('najalran', { grant_type: 'authorization_code', code, redirect_uri: other });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_request');
  });

  test('a wrong client secret answers 401 invalid_client "Invalid client_secret"', async () => {
    const code = (await authorize('najalran')).searchParams.get('code')!;
    const bad = `Basic ${Buffer.from(`${DEFAULT_CLIENT_ID}:nope`).toString('base64')}`;
    const r = await tokenRequest('najalran', { grant_type: 'authorization_code', code, redirect_uri: SCRIPT_REDIRECT }, { ...FORM, Authorization: bad });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: 'invalid_client', error_description: 'Invalid client_secret' });
  });

  test('client credentials in the form body are accepted too (open question 11)', async () => {
    const code = (await authorize('najalran')).searchParams.get('code')!;
    const r = await tokenRequest(
      'najalran',
      { grant_type: 'authorization_code', code, redirect_uri: SCRIPT_REDIRECT, client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    expect(r.status).toBe(200);
  });

  test('the token endpoint takes form encoding, not JSON', async () => {
    const r = await h.call('najalran', 'POST', '/api/v2/oauth/token', {
      headers: { Authorization: BASIC, 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_request');
  });
});

describe('access token lifetime on the simulated clock', () => {
  test('valid until 2 hours, then 401 "access_token time expired. (invalid_token)"', async () => {
    const t = await loginWithCode('najalran');
    h.clock.advance(2 * HOUR - 1);
    expect((await h.api('najalran', 'GET', '/orders/count', { token: t.access_token })).status).toBe(200);
    h.clock.advance(1);
    const r = await h.api('najalran', 'GET', '/orders/count', { token: t.access_token });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 401, message: 'access_token time expired. (invalid_token)' } });
  });

  test('no token at all is 401 too', async () => {
    expect((await h.api('najalran', 'GET', '/orders/count')).status).toBe(401);
  });
});

describe('refresh tokens', () => {
  test('refreshing rotates: new pair, the old refresh token is rejected afterwards', async () => {
    const first = await loginWithCode('najalran');
    h.clock.advance(HOUR + 50 * 60_000); // 11:50
    const r = await tokenRequest('najalran', { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(r.status).toBe(200);
    const second = r.json;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.expires_at).toBe('2026-11-23T13:50:00.000');
    expect(second.refresh_token_expires_at).toBe('2026-12-07T11:50:00.000');
    expect(second.scopes).toEqual(first.scopes);

    const reuse = await tokenRequest('najalran', { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reuse.status).toBe(401);
    expect(reuse.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh_token' });
    expect((await h.api('najalran', 'GET', '/orders/count', { token: second.access_token })).status).toBe(200);
  });

  test('a refresh token lives two weeks', async () => {
    const t = await loginWithCode('najalran');
    h.clock.advance(14 * 24 * HOUR);
    const r = await tokenRequest('najalran', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    expect(r.json.error).toBe('invalid_grant');
  });

  test('revoking the mall kills every token; refresh then fails with invalid_grant', async () => {
    const t = await loginWithCode('najalran');
    const other = h.token('najalran');
    expect(h.fake.revokeTokens('najalran').revoked_access_tokens).toBe(2);
    expect((await h.api('najalran', 'GET', '/orders/count', { token: t.access_token })).status).toBe(401);
    expect((await h.api('najalran', 'GET', '/orders/count', { token: other })).status).toBe(401);
    const r = await tokenRequest('najalran', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    expect(r.json.error).toBe('invalid_grant');
  });

  test('POST /oauth/revoke kills an access token and its refresh token, 200 with an empty body', async () => {
    const t = await loginWithCode('najalran');
    const r = await h.call('najalran', 'POST', '/api/v2/oauth/revoke', { headers: FORM, body: new URLSearchParams({ token: t.access_token }).toString() });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect((await h.api('najalran', 'GET', '/orders/count', { token: t.access_token })).status).toBe(401);
    expect((await tokenRequest('najalran', { grant_type: 'refresh_token', refresh_token: t.refresh_token })).json.error).toBe('invalid_grant');
  });
});

describe('scopes', () => {
  test('a call outside the token scopes is 403 with insufficient_scope; write does not imply read', async () => {
    const t = await loginWithCode('najalran', 'mall.read_order');
    const products = await h.api('najalran', 'GET', '/products', { token: t.access_token });
    expect(products.status).toBe(403);
    expect(products.json.error.code).toBe(403);
    expect(products.json.error.message).toContain('insufficient_scope');
    expect(products.json.error.message).toContain('mall.read_product');

    const writeOnly = h.token('najalran', ['mall.write_product']);
    expect((await h.api('najalran', 'GET', '/products', { token: writeOnly })).status).toBe(403);
    const put = await h.api('najalran', 'PUT', '/products/13/variants/P000000N000A/inventories', { token: writeOnly, body: { shop_no: 1, request: { quantity: 5 } } });
    expect(put.status).toBe(200);
  });

  test('carriers need mall.read_shipping, suppliers mall.read_supply', async () => {
    const orderOnly = h.token('najalran', ['mall.read_order']);
    expect((await h.api('najalran', 'GET', '/carriers', { token: orderOnly })).status).toBe(403);
    expect((await h.api('najalran', 'GET', '/suppliers', { token: orderOnly })).status).toBe(403);
  });
});
