/**
 * Cafe24 OAuth 2.0, authorization-code grant only (reference §2): the consent URL, the token
 * requests (code exchange, refresh, revoke) and reading their answers. Client credentials go
 * in HTTP Basic; base64 comes in as a function (Utilities.base64Encode in Apps Script) because
 * neither Buffer nor btoa exists there.
 *
 * Tokens: access 2 h, refresh 14 days, and every refresh rotates the refresh token (the old one
 * dies at once), so a refresh must use the latest stored token, under a lock.
 */
import type { HttpRequest, HttpResponse } from '../../core/http';
import { queryString } from '../../core/http';
import type { OAuthCall } from './calls';
import type { MallId } from './connection';
import { CAFE24_SCOPES, oauthBaseUrl } from './connection';
import { Cafe24Error, errorBodyParts, errorFromResponse } from './errors';
import { parse, TokenBody } from './schemas';

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Must equal one registered on the app, exactly. */
  readonly redirectUri: string;
}

/** Standard base64 of a string's UTF-8 bytes. */
export type Base64 = (text: string) => string;

/** The browser URL where the mall operator consents. Scopes are comma-separated, as every working client sends. */
export function authorizeUrl(mallId: MallId, client: Pick<OAuthClient, 'clientId' | 'redirectUri'>, state: string, scopes: readonly string[] = CAFE24_SCOPES): string {
  return `${oauthBaseUrl(mallId)}/authorize${queryString({
    response_type: 'code',
    client_id: client.clientId,
    state,
    redirect_uri: client.redirectUri,
    scope: scopes.join(','),
  })}`;
}

function form(fields: Readonly<Record<string, string>>): string {
  return queryString(fields).slice(1);
}

function tokenEndpoint(mallId: MallId, path: 'token' | 'revoke', client: OAuthClient, base64: Base64, fields: Record<string, string>): HttpRequest {
  return {
    method: 'post',
    url: `${oauthBaseUrl(mallId)}/${path}`,
    headers: {
      Authorization: `Basic ${base64(`${client.clientId}:${client.clientSecret}`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    payload: form(fields),
    contentType: 'application/x-www-form-urlencoded',
  };
}

/** oauth.code: exchange the one-minute, single-use code from the redirect. */
export function codeExchangeRequest(mallId: MallId, client: OAuthClient, code: string, base64: Base64): HttpRequest {
  return tokenEndpoint(mallId, 'token', client, base64, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri });
}

/** oauth.refresh: new access and refresh tokens; the refresh token sent dies. */
export function refreshRequest(mallId: MallId, client: OAuthClient, refreshToken: string, base64: Base64): HttpRequest {
  return tokenEndpoint(mallId, 'token', client, base64, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** oauth.revoke: revoking the access token also kills its refresh token (200, empty body). */
export function revokeRequest(mallId: MallId, client: OAuthClient, accessToken: string, base64: Base64): HttpRequest {
  return tokenEndpoint(mallId, 'revoke', client, base64, { token: accessToken });
}

export interface Cafe24Token {
  readonly mallId: string;
  readonly accessToken: string;
  /** Epoch ms (Cafe24 prints Seoul time without a zone). */
  readonly accessExpiresAt: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: number;
  readonly scopes: readonly string[];
}

/**
 * The token answer of either grant. Throws Cafe24Error: OAuth errors via `oauthError`, a body
 * that does not fit with the failing field, and a token issued for another mall.
 */
export function parseTokenResponse(call: 'oauth.code' | 'oauth.refresh', mallId: MallId, response: HttpResponse): Cafe24Token {
  if (response.status < 200 || response.status > 299) throw oauthError(call, mallId, response);
  const body = parse(call, mallId, TokenBody, response);
  if (body.mall_id !== mallId) {
    throw new Cafe24Error({
      mallId,
      call,
      status: response.status,
      kind: 'oauth',
      code: null,
      cafe24Message: null,
      retryable: false,
      reconnect: true,
      detail: `token is for mall ${body.mall_id}`,
      userMessage: `다른 몰(${body.mall_id})의 토큰이 발급되었습니다. 올바른 몰로 다시 연결하세요`,
    });
  }
  return {
    mallId: body.mall_id,
    accessToken: body.access_token,
    accessExpiresAt: body.expires_at,
    refreshToken: body.refresh_token,
    refreshExpiresAt: body.refresh_token_expires_at,
    scopes: body.scopes,
  };
}

/** Scopes the add-on needs that a token lacks (the operator consented to fewer, or the app changed). */
export function missingScopes(token: Pick<Cafe24Token, 'scopes'>, needed: readonly string[] = CAFE24_SCOPES): string[] {
  return needed.filter((s) => !token.scopes.includes(s));
}

/** Refresh a little before the access token lapses, so a call never starts with a dying one. */
export const ACCESS_REFRESH_MARGIN_MS = 5 * 60_000;
/** Refresh tokens die after 14 days unused: renew well before, even when the mall is quiet. */
export const REFRESH_RENEW_MARGIN_MS = 3 * 86_400_000;

export function needsRefresh(token: Cafe24Token, now: number): boolean {
  return now >= token.accessExpiresAt - ACCESS_REFRESH_MARGIN_MS || now >= token.refreshExpiresAt - REFRESH_RENEW_MARGIN_MS;
}

/** Past the refresh token's life nothing but a new consent helps. */
export function refreshTokenExpired(token: Cafe24Token, now: number): boolean {
  return now >= token.refreshExpiresAt;
}

/**
 * An OAuth endpoint's refusal as a Cafe24Error. `reconnect` when only a new consent helps (the
 * refresh token or code is dead, used, revoked or expired: `invalid_grant`, or any answer about
 * the refresh_token); neither `reconnect` nor `retryable` when the app's own settings are wrong
 * (client id/secret, redirect URI); `retryable` for no answer, 429 and 5xx.
 */
export function oauthError(call: OAuthCall, mallId: string, response: HttpResponse): Cafe24Error {
  const status = response.status;
  if (status === 0 || status === 429 || status >= 500) return errorFromResponse(call, mallId, response);
  const { code, message } = errorBodyParts(response.body);
  const word = typeof code === 'string' ? code : null;
  const about = `${word ?? status}${message ? `: ${message}` : ''}`;
  const base = { mallId, call, status, kind: 'oauth' as const, code, cafe24Message: message, detail: `${status} ${about}` };

  const deadGrant = word === 'invalid_grant' || /refresh_token|authorization_code|expired|revoked/i.test(message ?? '');
  if (deadGrant) {
    return new Cafe24Error({
      ...base,
      retryable: false,
      reconnect: true,
      userMessage: '카페24 연결이 만료되었거나 해제되었습니다. 다시 연결하세요',
    });
  }
  if (word === 'invalid_client' || /client_secret|client_id/i.test(message ?? '')) {
    return new Cafe24Error({
      ...base,
      retryable: false,
      reconnect: false,
      userMessage: '카페24 앱 설정(Client ID/Secret)이 올바르지 않습니다. 관리자에게 문의하세요',
    });
  }
  if (/redirect_uri/i.test(message ?? '')) {
    return new Cafe24Error({
      ...base,
      retryable: false,
      reconnect: false,
      userMessage: '카페24 앱에 등록된 Redirect URI와 다릅니다. 앱 설정을 확인하세요',
    });
  }
  return new Cafe24Error({ ...base, retryable: false, reconnect: true, userMessage: `카페24 인증 실패 (${about}). 다시 연결하세요` });
}
