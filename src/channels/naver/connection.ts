/**
 * One partner's SmartStore: the partner row's 채널계정 is the store's seller account (판매자 ID,
 * or its store address `smartstore.naver.com/{name}`, reduced to the name), used in logs and for
 * pacing. What signs the calls is the application's ID and secret (커머스API센터 → 내 스토어
 * 애플리케이션), entered in the sidebar and kept in the connection owner's user properties.
 */
import type { Partner } from '../../core/partner';
import type { ApiKeyField, ChannelAccount } from '../port';

export interface NaverAccount extends ChannelAccount {
  readonly channel: 'naver';
}

/** The real host; the add-on builds every request for it (the relay forwards it). */
export const NAVER_API = 'https://api.commerce.naver.com/external';

/** Seller ids and store names: letters, digits, '-', '_', '.', 2–50 long. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$/;

export function naverAccount(p: Pick<Partner, 'partnerId' | 'accountId'>): NaverAccount {
  if (p.partnerId.trim() === '') throw new Error('파트너 ID가 비어 있습니다 / The partner id is empty');
  const text = p.accountId.trim();
  const fromUrl = /^(?:https?:\/\/)?(?:m\.)?smartstore\.naver\.com\/([^/?#]+)/i.exec(text)?.[1];
  const id = fromUrl ?? text;
  if (!ACCOUNT.test(id)) {
    throw new Error(`스마트스토어 채널계정은 판매자 ID 또는 스토어 주소(smartstore.naver.com/이름)입니다: "${text.slice(0, 40)}" / A SmartStore account is the seller id or the store's address`);
  }
  return { channel: 'naver', partnerId: p.partnerId, accountId: id };
}

/** What staff enter to connect, named as the API centre names them. */
export const NAVER_API_KEYS: readonly ApiKeyField[] = [
  { name: 'clientId', label: '애플리케이션 ID', secret: false },
  { name: 'clientSecret', label: '애플리케이션 시크릿', secret: true },
];

export interface NaverKeys {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where a partner's keys and token live (user properties of the connection owner). */
export const keysKey = (partnerId: string) => `naver.keys.${partnerId}`;
export const tokenKey = (partnerId: string) => `naver.token.${partnerId}`;

export function isConnectionKey(key: string): boolean {
  return key.startsWith('naver.keys.') || key.startsWith('naver.token.');
}

/** A bcrypt salt: what Naver issues as the application secret (`$2a$04$` + 22 characters). */
const SECRET = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{22}/;

/** The stored keys, or why they cannot be used (a Korean message for the sidebar). */
export function checkKeys(values: Readonly<Record<string, string>>): { ok: true; keys: NaverKeys } | { ok: false; message: string } {
  const clientId = (values.clientId ?? '').trim();
  const clientSecret = (values.clientSecret ?? '').trim();
  if (clientId === '') return { ok: false, message: '애플리케이션 ID를 입력하세요' };
  if (!SECRET.test(clientSecret)) return { ok: false, message: '애플리케이션 시크릿 형식이 아닙니다 ($2a$로 시작하는 값을 그대로 붙여 넣으세요)' };
  return { ok: true, keys: { clientId, clientSecret } };
}
