/**
 * What the in-runtime spec bundles as an Apps Script project: the Naver token issuance of the
 * product (bcryptjs inside, UrlFetchApp through the product's own adapter, Utilities for Base64,
 * keys and token in script properties).
 */
import { executeAll } from '../../src/gas/adapters/http';
import { naverAccount } from '../../src/channels/naver/connection';
import { NaverTokens, saveKeys } from '../../src/channels/naver/token-store';
import type { KeyValueStore } from '../../src/core/ports';

function properties(): KeyValueStore {
  const p = PropertiesService.getScriptProperties();
  return { get: (k) => p.getProperty(k), getLatest: (k) => p.getProperty(k), set: (k, v) => void p.setProperty(k, v), delete: (k) => void p.deleteProperty(k) };
}

export function issueNaverToken(clientId: string, clientSecret: string) {
  const store = properties();
  saveKeys(store, 'PNR004', { clientId, clientSecret });
  const tokens = new NaverTokens({ store, http: { executeAll }, clock: { now: () => Date.now() }, base64: (t) => Utilities.base64Encode(t, Utilities.Charset.UTF_8), relay: null });
  const r = tokens.fresh(naverAccount({ partnerId: 'PNR004', accountId: 'najalran-store' }));
  return r.ok ? { ok: true, expiresAt: r.token.expiresAt, kept: store.get('naver.token.PNR004') !== null } : { ok: false, status: r.error.status, code: r.error.code, userMessage: r.error.userMessage };
}
