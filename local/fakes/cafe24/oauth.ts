/**
 * OAuth 2.0 endpoints of a mall (reference §2): authorization-code grant only.
 *
 * - GET /api/v2/oauth/authorize: the consent page (`strict.consent`: 'page', the default): the
 *   app's name, the mall, the scopes asked for and an agree button, which posts the same fields
 *   back; POST /api/v2/oauth/authorize (or the GET with 'immediate') answers 302 to
 *   `{redirect_uri}?code=…&state=…`; 거부 answers `error=access_denied`. Problems with the client
 *   or the redirect URI are answered as JSON (never redirected to an unverified URI, per RFC
 *   6749); other problems are redirected with `error=` like any OAuth server.
 * - POST /api/v2/oauth/token: form-encoded; client credentials by HTTP Basic (and, by option,
 *   in the body). Same response fields for both grants; times are KST without a zone.
 * - POST /api/v2/oauth/revoke: Basic auth, form `token`; 200 with an empty body.
 *
 * OAuth errors use the RFC shape. Which `error` and status each case gets is open question 1;
 * our choices: bad client → 401 invalid_client; wrong secret → 401 invalid_client
 * "Invalid client_secret" (seen); bad/used/expired code or refresh token → invalid_grant with
 * `strict.invalidGrantStatus` (401 by default, as seen for an expired refresh token);
 * redirect mismatch → 400 invalid_request with the seen description.
 */
import type { FakeCore, RegisteredApp } from './core';
import { MSG, OAuthError, oauthErrorBody } from './errors';
import type { Reply } from './http';
import { emptyReply, jsonReply } from './http';
import type { MallState } from './model';
import { parseScopeParam } from './scopes';
import type { GrantFailure, TokenPair } from './tokens';
import { redirectUriMatches } from './tokens';
import { kstTokenTime } from './time';

export interface OAuthRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  header: (name: string) => string | undefined;
  body: Buffer;
}

/** The documented token response (reference §2, §11). */
export function tokenResponse(pair: TokenPair): Record<string, unknown> {
  return {
    access_token: pair.accessToken,
    expires_at: kstTokenTime(pair.expiresAt),
    refresh_token: pair.refreshToken,
    refresh_token_expires_at: kstTokenTime(pair.refreshExpiresAt),
    client_id: pair.clientId,
    mall_id: pair.mallId,
    user_id: pair.userId,
    scopes: [...pair.scopes],
    issued_at: kstTokenTime(pair.issuedAt),
    shop_no: String(pair.shopNo),
    token_type: 'Bearer',
  };
}

function oauthError(e: OAuthError): Reply {
  return jsonReply(e.status, oauthErrorBody(e.error, e.description), { 'Cache-Control': 'no-store' });
}

function withParams(uri: string, params: Record<string, string | null>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

function authorize(core: FakeCore, mall: MallState, q: URLSearchParams, now: number, consented: boolean): Reply {
  const app = core.app(q.get('client_id') ?? '');
  if (!app) throw new OAuthError(401, 'invalid_client', 'Invalid client_id');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.redirect_uris.some((r) => redirectUriMatches(r, redirectUri))) {
    throw new OAuthError(400, 'invalid_request', MSG.redirectMismatch);
  }
  const state = q.get('state');
  const redirectError = (error: string, description: string): Reply =>
    emptyReply(302, { Location: withParams(redirectUri, { error, error_description: description, state }) });
  if (q.get('response_type') !== 'code') return redirectError('unsupported_response_type', 'response_type must be code');
  const scopes = parseScopeParam(q.get('scope') ?? '');
  if (scopes.length === 0) return redirectError('invalid_scope', 'scope is required');
  const notEnabled = scopes.filter((s) => !app.scopes.includes(s));
  if (notEnabled.length > 0) return redirectError('invalid_scope', `The app is not allowed these scopes: ${notEnabled.join(',')}`);
  if (!consented) return consentPage(app, mall, q);
  if (q.get('consent') !== 'agree') return redirectError('access_denied', 'The mall operator did not consent');
  const code = core.tokens.issueCode(
    { mallId: mall.mall_id, clientId: app.client_id, userId: mall.user_id, scopes, shopNo: 1 },
    redirectUri,
    now,
  );
  return emptyReply(302, { Location: withParams(redirectUri, { code: code.code, state }) });
}

const SCOPE_GROUP_KO: Readonly<Record<string, string>> = {
  product: '상품',
  order: '주문',
  shipping: '배송',
  supply: '공급사',
  store: '상점',
  category: '분류',
  customer: '회원',
  application: '앱',
};

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The page the operator sees: which app asks for what in which mall, and the two buttons. */
function consentPage(app: RegisteredApp, mall: MallState, q: URLSearchParams): Reply {
  const scopes = parseScopeParam(q.get('scope') ?? '');
  const items = scopes
    .map((s) => {
      const m = /^mall\.(read|write)_(.+)$/.exec(s);
      const label = m ? `${SCOPE_GROUP_KO[m[2]!] ?? m[2]} ${m[1] === 'read' ? '읽기' : '쓰기'}` : s;
      return `<li>${html(label)} <code>${html(s)}</code></li>`;
    })
    .join('');
  const hidden = [...q.entries()].map(([k, v]) => `<input type="hidden" name="${html(k)}" value="${html(v)}">`).join('');
  const name = app.name ?? app.client_id;
  const body = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>카페24 앱 권한 동의</title></head><body>
<h1>카페24 앱 권한 동의</h1>
<p><strong>${html(name)}</strong> 앱이 <strong>${html(mall.shop_name || mall.mall_id)} (${html(mall.mall_id)})</strong> 쇼핑몰에 아래 권한을 요청합니다.</p>
<ul>${items}</ul>
<form method="post" action="authorize">${hidden}
<button type="submit" name="consent" value="agree">동의하고 설치</button>
<button type="submit" name="consent" value="deny">거부</button>
</form></body></html>`;
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body, faults: [], realDelayMs: 0, reset: false };
}

function clientOf(core: FakeCore, req: OAuthRequest, form: URLSearchParams): RegisteredApp {
  let id: string | null = null;
  let secret: string | null = null;
  const basic = /^Basic\s+(\S+)$/i.exec(req.header('authorization')?.trim() ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) {
      id = decoded.slice(0, colon);
      secret = decoded.slice(colon + 1);
    }
  } else if (core.opts.strict.allowClientSecretInBody) {
    id = form.get('client_id');
    secret = form.get('client_secret');
  }
  const app = id === null ? undefined : core.app(id);
  if (!app) throw new OAuthError(401, 'invalid_client', 'Invalid client_id');
  if (secret !== app.client_secret) throw new OAuthError(401, 'invalid_client', MSG.invalidSecret);
  return app;
}

function grantError(core: FakeCore, reason: GrantFailure, what: 'code' | 'refresh'): OAuthError {
  if (reason === 'wrong_redirect') return new OAuthError(400, 'invalid_request', MSG.redirectMismatch);
  const status = core.opts.strict.invalidGrantStatus;
  if (what === 'refresh') return new OAuthError(status, 'invalid_grant', MSG.invalidRefresh);
  return new OAuthError(status, 'invalid_grant', reason === 'expired' ? 'authorization_code time expired' : 'Invalid authorization_code');
}

function token(core: FakeCore, mall: MallState, req: OAuthRequest, now: number): Reply {
  const ct = req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(ct)) {
    throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  const app = clientOf(core, req, form);
  const grantType = form.get('grant_type');
  let pair: TokenPair;
  if (grantType === 'authorization_code') {
    const code = form.get('code');
    if (!code) throw new OAuthError(400, 'invalid_request', 'code is required');
    // Required: it was part of the authorize request (RFC 6749 §4.1.3; every Cafe24 example sends it).
    const redirectUri = form.get('redirect_uri');
    if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'redirect_uri is required');
    const r = core.tokens.redeemCode(code, app.client_id, mall.mall_id, redirectUri, now);
    if (!r.ok) throw grantError(core, r.reason, 'code');
    pair = r.pair;
  } else if (grantType === 'refresh_token') {
    const rt = form.get('refresh_token');
    if (!rt) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
    const r = core.tokens.useRefreshToken(rt, app.client_id, mall.mall_id, now);
    if (!r.ok) throw grantError(core, r.reason, 'refresh');
    pair = r.pair;
  } else {
    throw new OAuthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  return jsonReply(200, tokenResponse(pair), { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

function revoke(core: FakeCore, req: OAuthRequest): Reply {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const app = clientOf(core, req, form);
  const t = form.get('token');
  if (!t) throw new OAuthError(400, 'invalid_request', 'token is required');
  core.tokens.revoke(t, app.client_id);
  return emptyReply(200);
}

function withConsent(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(q);
  out.set('consent', 'agree');
  return out;
}

export function handleOAuth(core: FakeCore, mall: MallState, req: OAuthRequest, now: number): Reply {
  try {
    if (req.method === 'GET' && req.path === '/api/v2/oauth/authorize') {
      const immediate = core.opts.strict.consent === 'immediate';
      return authorize(core, mall, immediate ? withConsent(req.query) : req.query, now, immediate);
    }
    // The consent page's form: the same fields, and which button was pressed.
    if (req.method === 'POST' && req.path === '/api/v2/oauth/authorize') return authorize(core, mall, new URLSearchParams(req.body.toString('utf8')), now, true);
    if (req.method === 'POST' && req.path === '/api/v2/oauth/token') return token(core, mall, req, now);
    if (req.method === 'POST' && req.path === '/api/v2/oauth/revoke') return revoke(core, req);
    return jsonReply(404, { error: { code: 404, message: MSG.noApi } });
  } catch (e) {
    if (e instanceof OAuthError) return oauthError(e);
    throw e;
  }
}
