/**
 * Cafe24 in Apps Script: the connect flow (authorize link, /usercallback) and the wiring of the
 * token vault and the gateway to the Apps Script adapters.
 */
import type { Cafe24Connection } from '../channels/cafe24';
import { authorizeUrl, cafe24Connection, Cafe24Error, codeExchangeRequest, missingScopes, parseTokenResponse, mallIdOf } from '../channels/cafe24';
import type { Partner } from '../core/partner';
import { Cafe24Gateway } from '../jobs/cafe24/gateway';
import { readApp, readToken, storeToken, TokenVault, APP_KEY } from '../jobs/cafe24/token-vault';
import type { CachePort, Clock, KeyValueStore } from '../jobs/ports';
import { readPartners, type PartnerRead } from '../sheet/partners';
import { PARTNERS } from '../sheet/tabs';
import { executeAll } from './adapters/http';
import { addonStore, documentCache, tokenLock } from './adapters/stores';
import { findTab, readGrid, writeByKey } from './adapters/tab';

export const CALLBACK = 'cafe24AuthCallback';

export const clock: Clock = { now: () => Date.now() };
export const sleeper = { sleep: (ms: number) => Utilities.sleep(Math.max(0, Math.min(300_000, Math.round(ms)))) };
export const base64 = (text: string) => Utilities.base64Encode(text, Utilities.Charset.UTF_8);

export function redirectUri(): string {
  return `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
}

export function partnersOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): PartnerRead[] {
  const sheet = findTab(ss, PARTNERS);
  return sheet ? readPartners(readGrid(sheet)) : [];
}

export function connectionOf(p: Partner): Cafe24Connection {
  return cafe24Connection({ partnerId: p.partnerId, mallId: p.mallId, shopNo: p.shopNo, ...(p.supplierCode ? { supplierCode: p.supplierCode } : {}) });
}

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
  return authorizeUrl(mallIdOf(partner.mallId), { clientId: app.clientId, redirectUri: redirectUri() }, state);
}

/** /usercallback: trade the code for tokens, keep them in properties, show the result. */
export function completeConnect(partner: Partner, parameter: Record<string, string>, store: KeyValueStore): { ok: boolean; message: string; expiresAt?: number } {
  if (parameter.error) return { ok: false, message: `카페24 연결이 취소되었습니다: ${parameter.error_description ?? parameter.error}` };
  const code = parameter.code;
  if (!code) return { ok: false, message: '카페24가 인증 코드를 보내지 않았습니다' };
  const app = readApp(store);
  // Only the connection owner's account holds the app: anyone else cannot finish the connect.
  if (!app) return { ok: false, message: '이 계정에는 카페24 앱 정보(client id/secret)가 없습니다. 카페24 연결 담당자의 구글 계정으로 승인하세요' };
  const mallId = mallIdOf(partner.mallId);
  const [response] = executeAll([codeExchangeRequest(mallId, { ...app, redirectUri: redirectUri() }, code, base64)]);
  try {
    const token = parseTokenResponse('oauth.code', mallId, response!);
    storeToken(store, partner.partnerId, token);
    const missing = missingScopes(token);
    const warn = missing.length ? ` (부족한 권한: ${missing.join(', ')})` : '';
    return { ok: true, message: `${partner.name}(${partner.mallId}) 카페24 연결 완료${warn}`, expiresAt: token.refreshExpiresAt };
  } catch (e) {
    if (e instanceof Cafe24Error) return { ok: false, message: `${e.userMessage} — ${e.message}` };
    throw e;
  }
}

/** Connected and usable: a mall found revoked is not, until staff reconnect it. */
export function isConnected(store: KeyValueStore, partnerId: string): boolean {
  const token = readToken(store, partnerId);
  return token !== null && !token.reconnect;
}

/** Why a connected mall waits for a reconnect (its refresh token was refused), or null. */
export function reconnectReason(store: KeyValueStore, partnerId: string): string | null {
  return readToken(store, partnerId)?.reconnect?.reason ?? null;
}

export interface Cafe24Runtime {
  store: KeyValueStore;
  vault: TokenVault;
  gateway: Cafe24Gateway;
}

/** Everything a job needs to talk to Cafe24 in this execution, spending at most `budgetMs`. */
export function cafe24Runtime(budgetMs: number, cache: CachePort = documentCache()): Cafe24Runtime {
  const store = addonStore();
  const http = { executeAll };
  const vault = new TokenVault({ store, lock: tokenLock(), http, clock, base64, redirectUri: redirectUri() });
  // The caller saves the pacing state with its own cache entries: one write a run.
  const gateway = new Cafe24Gateway({ http, sleeper, clock, cache, tokens: vault, deadline: clock.now() + budgetMs, deferSave: true });
  return { store, vault, gateway };
}

/** Writes what the sheet shows about a partner's connection. */
export function markPartners(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  updates: ReadonlyArray<{ partnerId: string; connection?: string; tokenExpiresAt?: Date | ''; status?: string }>,
): void {
  const sheet = findTab(ss, PARTNERS);
  if (!sheet || updates.length === 0) return;
  writeByKey(
    sheet,
    PARTNERS,
    updates.map((u) => ({
      key: u.partnerId,
      values: Object.fromEntries(Object.entries({ connection: u.connection, tokenExpiresAt: u.tokenExpiresAt, status: u.status }).filter(([, v]) => v !== undefined)),
    })),
  );
}
