/**
 * Connecting a Cafe24 mall from Apps Script: the app's credentials, the authorize link and the
 * /usercallback that trades the code for tokens.
 */
import { authorizeUrl, Cafe24Error, codeExchangeRequest, missingScopes, parseTokenResponse, mallIdOf } from '../channels/cafe24';
import { readApp, storeToken, APP_KEY } from '../channels/cafe24/token-vault';
import type { Partner } from '../core/partner';
import type { KeyValueStore } from '../core/ports';
import { executeAll } from './adapters/http';
import { base64, redirectUri } from './channel-runtime';

export const CALLBACK = 'cafe24AuthCallback';

export function saveApp(store: KeyValueStore, clientId: string, clientSecret: string): void {
  if (!clientId.trim() || !clientSecret.trim()) throw new Error('client id와 client secret을 모두 입력하세요');
  store.set(APP_KEY, JSON.stringify({ clientId: clientId.trim(), clientSecret: clientSecret.trim() }));
}

/**
 * The link the operator opens to consent; its state token brings `partnerId` and the
 * spreadsheet back to the callback (an add-on's callback may run outside the document).
 */
export function connectLink(partner: Partner, store: KeyValueStore, spreadsheetId: string): string {
  if (partner.channel !== 'cafe24') throw new Error(`${partner.partnerId}: 카페24 파트너가 아닙니다`);
  const app = readApp(store);
  if (!app) throw new Error('카페24 앱 정보(client id/secret)를 먼저 저장하세요');
  const state = ScriptApp.newStateToken().withMethod(CALLBACK).withArgument('partnerId', partner.partnerId).withArgument('spreadsheetId', spreadsheetId).withTimeout(3600).createToken();
  return authorizeUrl(mallIdOf(partner.accountId), { clientId: app.clientId, redirectUri: redirectUri() }, state);
}

/** /usercallback: trade the code for tokens, keep them in properties, show the result. */
export function completeConnect(partner: Partner, parameter: Record<string, string>, store: KeyValueStore): { ok: boolean; message: string; expiresAt?: number } {
  if (parameter.error) return { ok: false, message: `카페24 연결이 취소되었습니다: ${parameter.error_description ?? parameter.error}` };
  const code = parameter.code;
  if (!code) return { ok: false, message: '카페24가 인증 코드를 보내지 않았습니다' };
  const app = readApp(store);
  // Only the connection owner's account holds the app: anyone else cannot finish the connect.
  if (!app) return { ok: false, message: '이 계정에는 카페24 앱 정보(client id/secret)가 없습니다. 카페24 연결 담당자의 구글 계정으로 승인하세요' };
  const mallId = mallIdOf(partner.accountId);
  const [response] = executeAll([codeExchangeRequest(mallId, { ...app, redirectUri: redirectUri() }, code, base64)]);
  try {
    const token = parseTokenResponse('oauth.code', mallId, response!);
    storeToken(store, partner.partnerId, token);
    const missing = missingScopes(token);
    const warn = missing.length ? ` (부족한 권한: ${missing.join(', ')})` : '';
    return { ok: true, message: `${partner.name}(${partner.accountId}) 카페24 연결 완료${warn}`, expiresAt: token.refreshExpiresAt };
  } catch (e) {
    if (e instanceof Cafe24Error) return { ok: false, message: `${e.userMessage} — ${e.message}` };
    throw e;
  }
}

