/**
 * Token issuance, `POST /v1/oauth2/token` (reference A2): form fields client_id, timestamp (ms,
 * valid 5 minutes), grant_type client_credentials, client_secret_sign = Base64(bcrypt(client_id
 * + "_" + timestamp, salt = client_secret)), type SELF. A token lives 3 h; while the current one
 * has 30 minutes or more left the same one is answered, else a new one (the old one lives on).
 * Verification recomputes bcrypt with the application's secret and compares the strings (bcrypt
 * normalises the salt's last character, so a prefix comparison with the secret would be wrong;
 * bcrypt's own compare would accept a hash made under any salt).
 */
import { hashSync } from 'bcryptjs';
import { badRequest, apiError, type Reply } from './errors';
import type { IssuedToken, NaverCore, StoreState } from './model';

export const TOKEN_LIFETIME_MS = 3 * 3_600_000;
export const SAME_TOKEN_WHILE_MS = 30 * 60_000;
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * A bcrypt string is 60 characters of `./A-Za-z0-9$`: its Base64 has neither `+` nor `/` nor
 * padding, so the standard and URL-safe alphabets (open question 1) give the same text.
 */
function decodeSign(sign: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sign)) return null;
  return Buffer.from(sign, 'base64').toString('utf8');
}

export function issueToken(core: NaverCore, form: URLSearchParams): { reply: Reply; clientId: string | null } {
  const missing = ['client_id', 'timestamp', 'grant_type', 'client_secret_sign', 'type'].filter((k) => !form.get(k));
  const clientId = form.get('client_id');
  if (missing.length > 0) return { reply: badRequest(core, `필수 파라미터가 없습니다: ${missing.join(', ')}`, missing[0]), clientId };
  if (form.get('grant_type') !== 'client_credentials') return { reply: badRequest(core, 'grant_type은 client_credentials여야 합니다.', 'grant_type'), clientId };
  const type = form.get('type');
  if (type !== 'SELF' && type !== 'SELLER') return { reply: badRequest(core, 'type은 SELF 또는 SELLER입니다.', 'type'), clientId };
  // A 내스토어 애플리케이션 (what the seed's stores are) can only use SELF.
  if (type === 'SELLER') return { reply: badRequest(core, '내스토어 애플리케이션은 type=SELF만 사용할 수 있습니다.', 'type'), clientId };
  const timestamp = Number(form.get('timestamp'));
  if (!/^\d{13}$/.test(form.get('timestamp')!)) return { reply: badRequest(core, 'timestamp는 밀리초 단위 Unix 시간입니다.', 'timestamp'), clientId };
  const store = core.stores.get(clientId!);
  const refuse = (message: string) => ({ reply: apiError(core, 403, 'FORBIDDEN', message), clientId });
  if (!store) return refuse('client_id가 유효하지 않습니다.');
  if (Math.abs(core.now() - timestamp) > SIGNATURE_WINDOW_MS) return refuse('timestamp가 만료되었습니다(5분).');
  const hashed = decodeSign(form.get('client_secret_sign')!);
  // Recomputed with this application's secret: a valid bcrypt hash under another salt is no signature.
  if (hashed === null || hashSync(`${clientId}_${form.get('timestamp')}`, store.clientSecret) !== hashed) return refuse('client_secret_sign이 유효하지 않습니다.');
  const token = currentToken(core, store);
  return { reply: { status: 200, headers: {}, body: { access_token: token.token, expires_in: Math.floor((token.expiresAt - core.now()) / 1000), token_type: 'Bearer' } }, clientId };
}

/** The same token while 30 minutes or more are left, else a new one (3 h). */
export function currentToken(core: NaverCore, store: StoreState): IssuedToken {
  const now = core.now();
  if (store.current && store.current.expiresAt - now >= SAME_TOKEN_WHILE_MS) return store.current;
  const token = { token: `nv-${store.clientId}-${now.toString(36)}-${core.next()}`, expiresAt: now + TOKEN_LIFETIME_MS };
  store.current = token;
  store.tokens.set(token.token, token);
  return token;
}

/** The store a Bearer token belongs to, or null (missing, unknown, expired or revoked). */
export function authenticate(core: NaverCore, authorization: string | undefined): StoreState | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) return null;
  for (const store of core.stores.values()) {
    const t = store.tokens.get(m[1]!);
    if (t) return t.expiresAt > core.now() ? store : null;
  }
  return null;
}

/** Every token of the store dies now (the seller reissued the secret, or a test wants a 401). */
export function revokeTokens(store: StoreState): number {
  const n = store.tokens.size;
  store.tokens.clear();
  store.current = null;
  return n;
}
