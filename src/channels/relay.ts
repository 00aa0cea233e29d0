/**
 * The add-on's side of our fixed-IP relay: `relayPort` turns a request a marketplace channel
 * built for the marketplace's own host into the signed request to the relay (wire format in
 * relay-wire.ts and relay/README.md), and `relaySettingsFrom` reads where the relay is and its
 * shared secret (the script properties RELAY_URL and RELAY_SECRET; never cells).
 *
 * Each forward gets a fresh timestamp and nonce, so a request must be forwarded when it is built
 * (the gateway builds again for every try); a relayed request resent as it was is refused as a
 * replay, which `relayRefusal` says a rebuild cures.
 */
import * as z from '../core/zod';
import { builtOnUse, map } from '../core/zod-helpers';
import { isRecord } from '../core/recognize';
import type { HttpRequest } from '../core/http';
import type { Clock } from '../core/ports';
import type { ChannelId } from '../core/order';
import { ChannelError, type RelayPort } from './port';
import { canonicalString, FORWARDED_HEADER_PREFIX, RELAY_FORWARD_PATH, RELAY_HEADER, RELAY_SELF_HOST, relayErrorOf, type RelayErrorKind } from './relay-wire';

export interface RelaySettings {
  /** The relay's base URL, no trailing slash (https://marketplace-relay-….asia-northeast3.run.app). */
  readonly url: string;
  readonly secret: string;
}

/** The script properties that configure the relay. */
export const RELAY_URL_KEY = 'RELAY_URL';
export const RELAY_SECRET_KEY = 'RELAY_SECRET';
export const MIN_SECRET_LENGTH = 32;

const URL_EXAMPLE = 'https://marketplace-relay-123456789012.asia-northeast3.run.app';

/** What RELAY_URL may be once trimmed: https, a host, an optional port and a plain path. */
const URL_PATTERN = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;

/**
 * Settings that are right, read by hand: the relay's settings are read every fetch minute, and
 * this spares building their schema (zod-helpers.ts `Recognizer`). zod counts the secret's code
 * points (an emoji is one), as the spread does.
 */
function rightSettings(v: unknown): RelaySettings | undefined {
  if (!isRecord(v) || typeof v['url'] !== 'string' || typeof v['secret'] !== 'string') return undefined;
  const url = v['url'].trim();
  return URL_PATTERN.test(url) && [...v['secret']].length >= MIN_SECRET_LENGTH ? { url: url.replace(/\/+$/, ''), secret: v['secret'] } : undefined;
}

/** Exported for the spec that holds the recognizer to the schema. */
export const RelaySettingsSchema = builtOnUse(() => z.object({
  url: map(
    z.string().check(
      z.trim(),
      z.regex(URL_PATTERN, {
        message: `${RELAY_URL_KEY}이 올바른 주소가 아닙니다. https://로 시작하는 릴레이 주소만 적으세요 (경로·물음표·# 없이, 예: ${URL_EXAMPLE})`,
      }),
    ),
    (u) => u.replace(/\/+$/, ''),
  ),
  secret: z.string().check(
    z.minLength(MIN_SECRET_LENGTH, {
      message: `${RELAY_SECRET_KEY}이 너무 짧습니다 (${MIN_SECRET_LENGTH}자 이상, 예: openssl rand -hex 32 의 출력). 릴레이의 RELAY_SECRET과 같은 값이어야 합니다`,
    }),
  ),
}), rightSettings);

export type RelaySetup =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly settings: RelaySettings }
  /** Korean: what to fix in the script properties. */
  | { readonly kind: 'invalid'; readonly message: string };

/** The relay's settings from the script properties; neither set means no relay (direct calls). */
export function relaySettingsFrom(props: Readonly<Record<string, string | null | undefined>>): RelaySetup {
  const url = props[RELAY_URL_KEY] ?? '';
  const secret = props[RELAY_SECRET_KEY] ?? '';
  if (url.trim() === '' && secret === '') return { kind: 'none' };
  if (url.trim() === '') return { kind: 'invalid', message: `${RELAY_SECRET_KEY}만 있고 ${RELAY_URL_KEY}이 없습니다. 스크립트 속성에 릴레이 주소를 넣으세요 (예: ${URL_EXAMPLE})` };
  if (secret === '') return { kind: 'invalid', message: `${RELAY_URL_KEY}만 있고 ${RELAY_SECRET_KEY}이 없습니다. 스크립트 속성에 릴레이의 공유 비밀값을 넣으세요` };
  const r = RelaySettingsSchema.safeParse({ url, secret });
  if (!r.success) return { kind: 'invalid', message: r.error.issues.map((i) => i.message).join('; ') };
  return { kind: 'ok', settings: r.data };
}

export interface RelayDeps {
  readonly clock: Clock;
  /** HMAC-SHA256 of `message` (UTF-8) under `key` (UTF-8), lower-case hex. */
  readonly hmacSha256Hex: (key: string, message: string) => string;
  /** SHA-256 of `text` (UTF-8), lower-case hex. */
  readonly sha256Hex: (text: string) => string;
  /** A fresh unguessable id per request (Utilities.getUuid in Apps Script). */
  readonly nonce: () => string;
}

/**
 * The nonces of one execution's relayed requests: a fresh UUID (`fresh`: Utilities.getUuid, a
 * call out of the script) taken once, then that UUID with a counter. Each request's is its own
 * and unguessable as the relay needs (NONCE_PATTERN), for one call an execution, not one a request.
 */
export function nonceSequence(fresh: () => string): () => string {
  let base: string | null = null;
  let n = 0;
  return () => `${(base ??= fresh())}-${(n++).toString(36)}`;
}

/** The host and path+query of an absolute URL (no URL class in Apps Script). */
export function splitUrl(url: string): { host: string; path: string } {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([^#]*)/.exec(url);
  if (!m) return { host: '', path: url };
  const rest = m[2] ?? '';
  return { host: (m[1] ?? '').toLowerCase(), path: rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest };
}

/** SHA-256 of the empty body (every GET's), known: no digest call for it. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function relayPort(settings: RelaySettings, deps: RelayDeps): RelayPort {
  const endpoint = settings.url + RELAY_FORWARD_PATH;
  /** The relay's headers signing `method host path` and the body. */
  const signed = (method: string, host: string, path: string, payload: string): Record<string, string> => {
    const timestamp = String(deps.clock.now());
    const nonce = deps.nonce();
    const bodySha256 = payload === '' ? EMPTY_SHA256 : deps.sha256Hex(payload);
    const signature = deps.hmacSha256Hex(settings.secret, canonicalString({ method: method.toUpperCase(), host, path, timestamp, nonce, bodySha256 }));
    return { [RELAY_HEADER.host]: host, [RELAY_HEADER.path]: path, [RELAY_HEADER.timestamp]: timestamp, [RELAY_HEADER.nonce]: nonce, [RELAY_HEADER.signature]: signature };
  };
  return {
    own(path: string, payload: string): HttpRequest {
      return { method: 'post', url: settings.url + path, headers: signed('POST', RELAY_SELF_HOST, path, payload), payload, contentType: 'application/json' };
    },
    forward(request: HttpRequest): HttpRequest {
      const { host, path } = splitUrl(request.url);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        const lower = name.toLowerCase();
        // Content-Type rides as itself, so UrlFetchApp treats it as it would on a direct call.
        headers[lower === 'content-type' ? name : FORWARDED_HEADER_PREFIX + lower] = value;
      }
      Object.assign(headers, signed(request.method, host, path, request.payload ?? ''));
      const out: { -readonly [K in keyof HttpRequest]: HttpRequest[K] } = { method: request.method, url: endpoint, headers };
      if (request.payload !== undefined) out.payload = request.payload;
      if (request.contentType !== undefined) out.contentType = request.contentType;
      return out;
    },
  };
}

/**
 * What a marketplace channel makes of the relay's own refusal (null: the answer is the
 * marketplace's). `rebuild`: sending the request again, built anew, cures it (a stale timestamp,
 * a replay after a batch was resent, a full nonce set); `network`: like no answer at all (for a
 * POST the marketplace may have carried it out); `never`: a setting or a bug to fix.
 */
export function relayRefusal(response: { readonly headers: Readonly<Record<string, string>> }): { readonly kind: RelayErrorKind; readonly cure: 'rebuild' | 'network' | 'never'; readonly userMessage: string } | null {
  const kind = relayErrorOf(response);
  if (kind === null) return null;
  return { kind, cure: CURE[kind], userMessage: RELAY_MESSAGES[kind] };
}

/**
 * The relay's own refusal as the channel's error (null: the answer is the marketplace's). Read
 * before the marketplace's error shapes: the relay's 401 (a RELAY_SECRET that is not its own, a
 * clock off the relay's) is not the marketplace refusing the keys, and new keys would not help.
 */
export function relayError(channel: ChannelId, accountId: string, call: string, response: { readonly status: number; readonly headers: Readonly<Record<string, string>> }): ChannelError | null {
  const refusal = relayRefusal(response);
  if (refusal === null) return null;
  return new ChannelError({
    channel,
    accountId,
    call,
    status: response.status,
    kind: refusal.cure === 'never' ? 'forbidden' : 'network',
    code: `relay:${refusal.kind}`,
    channelMessage: null,
    retryable: refusal.cure !== 'never',
    reconnect: false,
    userMessage: refusal.userMessage,
    detail: `${response.status} refused by the relay (${refusal.kind})`,
  });
}

const CURE: Readonly<Record<RelayErrorKind, 'rebuild' | 'network' | 'never'>> = {
  malformed: 'never',
  signature: 'never',
  expired: 'rebuild',
  replay: 'rebuild',
  host: 'never',
  path: 'never',
  method: 'never',
  'too-large': 'never',
  busy: 'rebuild',
  'not-found': 'never',
  'upstream-timeout': 'network',
  upstream: 'network',
};

/** Korean, for the sheet: what the relay refused and what to fix. */
export const RELAY_MESSAGES: Readonly<Record<RelayErrorKind, string>> = {
  malformed: '릴레이가 요청 형식을 거부했습니다 (릴레이와 부가기능의 버전 확인)',
  signature: `릴레이가 서명을 거부했습니다: 스크립트 속성 ${RELAY_SECRET_KEY}이 릴레이의 비밀값과 같은지 확인하세요`,
  expired: '릴레이가 요청 시각을 거부했습니다 (시계 차이 또는 늦게 도착한 요청). 다시 시도합니다',
  replay: '릴레이가 이미 받은 요청으로 보고 거부했습니다. 새로 만들어 다시 보냅니다',
  host: '릴레이는 네이버·쿠팡 API 주소로만 전달합니다',
  path: '릴레이가 요청 경로를 거부했습니다',
  method: '릴레이가 이 HTTP 메서드를 전달하지 않습니다',
  'too-large': '요청 본문이 릴레이의 한도를 넘었습니다',
  busy: '릴레이가 바쁩니다. 잠시 후 다시 시도합니다',
  'not-found': `릴레이 주소가 맞지 않습니다: 스크립트 속성 ${RELAY_URL_KEY} 확인`,
  'upstream-timeout': '마켓이 시간 안에 답하지 않았습니다 (릴레이 경유). 처리됐는지 확인 후 다시 시도합니다',
  upstream: '릴레이가 마켓에 연결하지 못했습니다. 잠시 후 다시 시도합니다',
};
