/**
 * The token request (reference A2): client_secret_sign = Base64(bcrypt(client_id + "_" +
 * timestamp, salt = client_secret)). bcryptjs hashes with a given salt synchronously and needs
 * no random source, so it runs as is in Apps Script (the build maps its Node `crypto` fallback,
 * used only to make salts, to nothing).
 */
import { hashSync } from 'bcryptjs';
import type { HttpRequest } from '../../core/http';
import { NAVER_API, type NaverKeys } from './connection';

export function clientSecretSign(keys: NaverKeys, timestamp: number, base64: (text: string) => string): string {
  return base64(hashSync(`${keys.clientId}_${timestamp}`, keys.clientSecret));
}

/** `POST /v1/oauth2/token`, form-encoded (the Base64 `+`, `/`, `=` percent-encoded), type SELF. */
export function tokenRequest(keys: NaverKeys, timestamp: number, base64: (text: string) => string): HttpRequest {
  const fields: Record<string, string> = {
    client_id: keys.clientId,
    timestamp: String(timestamp),
    grant_type: 'client_credentials',
    client_secret_sign: clientSecretSign(keys, timestamp, base64),
    type: 'SELF',
  };
  const form = 'application/x-www-form-urlencoded';
  return {
    method: 'post',
    url: `${NAVER_API}/v1/oauth2/token`,
    headers: { 'Content-Type': form },
    payload: Object.entries(fields)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&'),
    contentType: form,
  };
}
