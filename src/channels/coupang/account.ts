/**
 * A partner row's Coupang account: its vendorId (업체코드, `A00012345`), and the API keys Wing
 * issues for it (OPEN API 키 발급: Access Key, Secret Key), kept in the connection owner's user
 * properties under `coupang.keys.{partnerId}`, never in cells.
 */
import type { KeyValueStore } from '../../core/ports';
import type { ApiKeyField, ChannelAccount } from '../port';

export interface CoupangAccount extends ChannelAccount {
  readonly channel: 'coupang';
  /** The same as `accountId`: the seller code in every path and body. */
  readonly vendorId: string;
}

/** Wing's seller codes: "A" and eight digits (the docs' A00012345). */
const VENDOR_ID = /^A\d{8}$/;

export function coupangAccount(partnerId: string, accountId: string): CoupangAccount {
  if (partnerId.trim() === '') throw new Error('파트너 ID가 비어 있습니다 / The partner id is empty');
  const vendorId = accountId.trim().toUpperCase();
  if (!VENDOR_ID.test(vendorId)) {
    throw new Error(`쿠팡 업체코드는 A로 시작하는 9자입니다 (예: A00012345, Wing 판매자정보에서 확인) / A Coupang vendor id looks like A00012345, got "${accountId.slice(0, 40)}"`);
  }
  return { channel: 'coupang', partnerId, accountId: vendorId, vendorId };
}

/** What staff enter in the sidebar, named as Wing's OPEN API key page names them. */
export const COUPANG_API_KEYS: readonly ApiKeyField[] = [
  { name: 'vendorId', label: '업체코드', secret: false },
  { name: 'accessKey', label: 'Access Key', secret: false },
  { name: 'secretKey', label: 'Secret Key', secret: true },
  // Answers name their writer (replyBy): the Wing login id, not the vendorId. Only answering needs it.
  { name: 'wingId', label: 'Wing 로그인 ID (문의 답변자)', secret: false, optional: true },
];

export interface CoupangKeys {
  readonly vendorId: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** The Wing login id answers are posted under (replyBy / confirmBy); absent when never given. */
  readonly wingId?: string;
  /** Set when Coupang refused the keys themselves: nothing calls it until new keys are saved. */
  readonly reconnect?: { readonly at: number; readonly reason: string };
}

const PREFIX = 'coupang.keys.';
export const keysKey = (partnerId: string) => `${PREFIX}${partnerId}`;
export const isConnectionKey = (key: string) => key.startsWith(PREFIX);

export function readKeys(store: KeyValueStore, partnerId: string): CoupangKeys | null {
  const raw = store.get(keysKey(partnerId));
  if (!raw) return null;
  try {
    const k = JSON.parse(raw) as Partial<CoupangKeys>;
    if (typeof k.vendorId !== 'string' || typeof k.accessKey !== 'string' || typeof k.secretKey !== 'string' || !k.accessKey || !k.secretKey) return null;
    return k as CoupangKeys;
  } catch {
    return null;
  }
}

/** Saves keys staff entered (a new save clears a reconnect mark). */
export function saveKeys(store: KeyValueStore, partnerId: string, keys: { vendorId: string; accessKey: string; secretKey: string; wingId?: string }): void {
  const wingId = keys.wingId?.trim() ?? '';
  store.set(keysKey(partnerId), JSON.stringify({ vendorId: keys.vendorId.trim().toUpperCase(), accessKey: keys.accessKey.trim(), secretKey: keys.secretKey.trim(), ...(wingId ? { wingId } : {}) }));
}

export function markReconnect(store: KeyValueStore, partnerId: string, at: number, reason: string): void {
  const k = readKeys(store, partnerId);
  if (k) store.set(keysKey(partnerId), JSON.stringify({ ...k, reconnect: { at, reason } }));
}
