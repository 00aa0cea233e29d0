/** Cafe24 OAuth: consent URL, token requests, token answers, OAuth refusals. */
import { mallIdOf } from '../../src/channels/cafe24/connection';
import { Cafe24Error } from '../../src/channels/cafe24/errors';
import {
  authorizeUrl,
  codeExchangeRequest,
  missingScopes,
  needsRefresh,
  oauthError,
  parseTokenResponse,
  refreshRequest,
  refreshTokenExpired,
  revokeRequest,
} from '../../src/channels/cafe24/oauth';
import { kst, ok } from './cafe24-helpers';

const mall = mallIdOf('najalran');
const client = {
  clientId: 'pmSheetDevClientId0001',
  clientSecret: 's3cret',
  redirectUri: 'https://script.google.com/macros/d/ABC123/usercallback',
};
/** Stands in for Utilities.base64Encode. */
const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

test('the consent URL: response_type, client_id, state, redirect_uri and comma-separated scopes', () => {
  const url = authorizeUrl(mall, client, 'st8');
  expect(url).toBe(
    'https://najalran.cafe24api.com/api/v2/oauth/authorize?response_type=code&client_id=pmSheetDevClientId0001&state=st8' +
      '&redirect_uri=https%3A%2F%2Fscript.google.com%2Fmacros%2Fd%2FABC123%2Fusercallback' +
      '&scope=mall.read_product%2Cmall.write_product%2Cmall.read_order%2Cmall.write_order%2Cmall.read_shipping%2Cmall.read_supply%2Cmall.read_community%2Cmall.write_community',
  );
});

test('code exchange: POST /oauth/token, Basic client credentials, form body with the redirect URI', () => {
  expect(codeExchangeRequest(mall, client, 'c0de', base64)).toEqual({
    method: 'post',
    url: 'https://najalran.cafe24api.com/api/v2/oauth/token',
    headers: {
      Authorization: `Basic ${base64('pmSheetDevClientId0001:s3cret')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    payload: 'grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fscript.google.com%2Fmacros%2Fd%2FABC123%2Fusercallback',
    contentType: 'application/x-www-form-urlencoded',
  });
});

test('refresh and revoke use the same endpoint style', () => {
  const r = refreshRequest(mall, client, 'Je+TJ7/X=', base64);
  expect(r.url).toBe('https://najalran.cafe24api.com/api/v2/oauth/token');
  expect(r.payload).toBe('grant_type=refresh_token&refresh_token=Je%2BTJ7%2FX%3D');
  const v = revokeRequest(mall, client, 'acc', base64);
  expect(v.url).toBe('https://najalran.cafe24api.com/api/v2/oauth/revoke');
  expect(v.payload).toBe('token=acc');
  expect(v.headers.Authorization).toBe(`Basic ${base64('pmSheetDevClientId0001:s3cret')}`);
});

const tokenBody = {
  access_token: '0iqR5nM5EJIq1P1RhNYBbA',
  expires_at: '2026-11-23T12:00:00.000',
  refresh_token: 'JeTJ7XpnFC0P3Ja9ZlBwHA',
  refresh_token_expires_at: '2026-12-07T10:00:00.000',
  client_id: 'pmSheetDevClientId0001',
  mall_id: 'najalran',
  user_id: 'najalran',
  scopes: ['mall.read_order', 'mall.read_product'],
  issued_at: '2026-11-23T10:00:00.000',
  shop_no: '1',
  token_type: 'Bearer',
};

describe('token answers', () => {
  test('times without a zone are Seoul time', () => {
    expect(parseTokenResponse('oauth.code', mall, ok(tokenBody))).toEqual({
      mallId: 'najalran',
      accessToken: '0iqR5nM5EJIq1P1RhNYBbA',
      accessExpiresAt: kst('2026-11-23T12:00:00'),
      refreshToken: 'JeTJ7XpnFC0P3Ja9ZlBwHA',
      refreshExpiresAt: kst('2026-12-07T10:00:00'),
      scopes: ['mall.read_order', 'mall.read_product'],
    });
  });

  test('the older shape without shop_no and token_type is read too', () => {
    const { shop_no: _s, token_type: _t, ...older } = tokenBody;
    expect(parseTokenResponse('oauth.refresh', mall, ok(older)).accessToken).toBe('0iqR5nM5EJIq1P1RhNYBbA');
  });

  test('a missing field names itself', () => {
    const { refresh_token: _r, ...broken } = tokenBody;
    expect(() => parseTokenResponse('oauth.refresh', mall, ok(broken))).toThrow('[najalran] oauth.refresh: refresh_token: required');
  });

  test('a token for another mall is refused: reconnect to the right one', () => {
    const e = catchError(() => parseTokenResponse('oauth.code', mall, ok({ ...tokenBody, mall_id: 'borasaeg' })));
    expect(e.reconnect).toBe(true);
    expect(e.userMessage).toContain('borasaeg');
  });

  test('scopes the add-on needs and the token lacks', () => {
    const t = parseTokenResponse('oauth.code', mall, ok(tokenBody));
    expect(missingScopes(t)).toEqual(['mall.write_product', 'mall.write_order', 'mall.read_shipping', 'mall.read_supply', 'mall.read_community', 'mall.write_community']);
  });

  test('refresh 5 minutes before the access token lapses, and 3 days before the refresh token does', () => {
    const t = parseTokenResponse('oauth.code', mall, ok(tokenBody));
    expect(needsRefresh(t, kst('2026-11-23T11:54:59'))).toBe(false);
    expect(needsRefresh(t, kst('2026-11-23T11:55:00'))).toBe(true);
    const longLived = { ...t, accessExpiresAt: kst('2026-12-31T00:00:00') };
    expect(needsRefresh(longLived, kst('2026-12-04T09:59:59'))).toBe(false);
    expect(needsRefresh(longLived, kst('2026-12-04T10:00:00'))).toBe(true);
    expect(refreshTokenExpired(t, kst('2026-12-07T10:00:00'))).toBe(true);
  });
});

function catchError(fn: () => unknown): Cafe24Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof Cafe24Error) return e;
    throw e;
  }
  throw new Error('expected a Cafe24Error');
}

describe('OAuth refusals', () => {
  const refusal = (status: number, body: unknown) => catchError(() => parseTokenResponse('oauth.refresh', mall, ok(body, {}, status)));

  test('a dead refresh token (invalid_grant) needs a new consent', () => {
    const e = refusal(401, { error: 'invalid_grant', error_description: 'Invalid refresh_token' });
    expect(e).toMatchObject({ kind: 'oauth', status: 401, code: 'invalid_grant', reconnect: true, retryable: false });
    expect(e.message).toBe('[najalran] oauth.refresh: 401 invalid_grant: Invalid refresh_token');
    expect(e.userMessage).toBe('카페24 연결이 만료되었거나 해제되었습니다. 다시 연결하세요');
  });

  test('the same case reported as invalid_client (seen in one client) still needs a new consent', () => {
    expect(refusal(401, { error: 'invalid_client', error_description: 'Invalid refresh_token' }).reconnect).toBe(true);
  });

  test('an expired or reused authorization code needs a new consent', () => {
    const e = oauthError('oauth.code', 'najalran', ok({ error: 'invalid_grant', error_description: 'authorization_code time expired' }, {}, 400));
    expect(e.reconnect).toBe(true);
  });

  test('wrong client secret or redirect URI is the app settings, not the mall: neither reconnect nor retry', () => {
    const secret = refusal(401, { error: 'invalid_client', error_description: 'Invalid client_secret' });
    expect(secret).toMatchObject({ reconnect: false, retryable: false });
    expect(secret.userMessage).toContain('Client ID/Secret');
    const redirect = refusal(400, { error: 'invalid_request', error_description: 'The redirect_uri added by Cafe24 Developers is invalid.' });
    expect(redirect).toMatchObject({ reconnect: false, retryable: false });
    expect(redirect.userMessage).toContain('Redirect URI');
  });

  test('no answer, 429 and 5xx are transient', () => {
    expect(refusal(0, 'Timeout')).toMatchObject({ kind: 'network', retryable: true, reconnect: false });
    expect(refusal(503, '<html>')).toMatchObject({ kind: 'server', retryable: true, reconnect: false });
    expect(refusal(429, { error: { code: 429, message: 'Too Many Requests' } })).toMatchObject({ retryable: true });
  });
});
