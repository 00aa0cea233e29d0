import type { ChannelAccount } from '../port';

/**
 * One partner's Cafe24 mall: which mall, which multi-shop, which supplier code tags the
 * manufacturer's goods there, and which API version we speak. Everything per mall (host,
 * token, rate-limit bucket) hangs off the mall id.
 */

/**
 * The Admin API version we pin (X-Cafe24-Api-Version). 2026-03-01 is the release the reference's
 * field lists come from (NOSTON), it has GET /unpaidorders, and a version lives until a year
 * after its successor, so pinning the newest documented one gives the longest life.
 */
export const CAFE24_API_VERSION = '2026-03-01';

export type Cafe24ApiVersion = `${number}-${number}-${number}`;

/** A validated mall id (the `{mall_id}` of `{mall_id}.cafe24api.com`). */
export type MallId = string & { readonly __brand: 'Cafe24MallId' };

export interface Cafe24Connection extends ChannelAccount {
  readonly channel: 'cafe24';
  readonly partnerId: string;
  /** The same as `mallId`: the account's id as every channel names it. */
  readonly accountId: MallId;
  readonly mallId: MallId;
  /** Multi-shop number inside the mall, 1 (the default shop) to 15. */
  readonly shopNo: number;
  /**
   * In a reseller's mall, the supplier code (공급사, `S000000A`) its operator gave the
   * manufacturer's goods. When set, product and order reads are filtered to it.
   */
  readonly supplierCode?: string;
  readonly apiVersion: Cafe24ApiVersion;
}

/**
 * Scopes the add-on asks for: the least that covers every call in requests.ts (products,
 * variants, inventories; orders, shipments, claims, refunds; carriers; suppliers). Write does not
 * imply read in Cafe24's consent screen, so both are listed where both are used. No store scope:
 * no store call is made.
 */
export const CAFE24_SCOPES = [
  'mall.read_product',
  'mall.write_product',
  'mall.read_order',
  'mall.write_order',
  'mall.read_shipping',
  'mall.read_supply',
  // Boards: buyers' questions and the answers to them (inquiries-api.md §A1).
  'mall.read_community',
  'mall.write_community',
] as const;
export type Cafe24Scope = (typeof CAFE24_SCOPES)[number];

/** Cafe24 mall ids: 4–16 lowercase letters and digits, starting with a letter (shop sign-up rule). */
const MALL_ID = /^[a-z][a-z0-9]{3,15}$/;

export const MALL_ID_RULE =
  '카페24 몰 아이디는 영문 소문자로 시작하는 4~16자의 영문 소문자·숫자입니다 (예: najalran). ' +
  'A Cafe24 mall id is 4-16 lowercase letters or digits starting with a letter (e.g. najalran).';

export type MallIdCheck = { readonly ok: true; readonly mallId: MallId } | { readonly ok: false; readonly message: string };

/**
 * Checks what an operator typed as a mall id. A pasted shop or API address
 * (`https://najalran.cafe24.com/`, `najalran.cafe24api.com`) is reduced to its mall id and
 * upper case is lowered (host names ignore case); anything else must already be a mall id.
 */
export function checkMallId(input: string): MallIdCheck {
  const text = input.trim().toLowerCase();
  const host = /^(?:https?:\/\/)?([^/?#]+)(?:[/?#].*)?$/.exec(text)?.[1] ?? text;
  const fromHost = /^([^.]+)\.cafe24(?:api)?\.com$/.exec(host)?.[1];
  const candidate = fromHost ?? text;
  if (MALL_ID.test(candidate)) return { ok: true, mallId: candidate as MallId };
  const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
  return { ok: false, message: `잘못된 몰 아이디 / Invalid mall id "${shown}": ${MALL_ID_RULE}` };
}

export function mallIdOf(input: string): MallId {
  const r = checkMallId(input);
  if (!r.ok) throw new Error(r.message);
  return r.mallId;
}

const SUPPLIER_CODE = /^S[A-Z0-9]{7}$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;

export interface ConnectionInput {
  readonly partnerId: string;
  readonly mallId: string;
  readonly shopNo?: number;
  readonly supplierCode?: string;
  readonly apiVersion?: string;
}

/** Builds a connection from settings, refusing what Cafe24 would refuse later. */
export function cafe24Connection(input: ConnectionInput): Cafe24Connection {
  if (input.partnerId.trim() === '') throw new Error('파트너 ID가 비어 있습니다 / The partner id is empty');
  const shopNo = input.shopNo ?? 1;
  if (!Number.isInteger(shopNo) || shopNo < 1 || shopNo > 15) {
    throw new Error(`멀티쇼핑몰 번호는 1~15입니다 / shop_no must be 1-15, got ${shopNo}`);
  }
  const supplierCode = input.supplierCode === undefined || input.supplierCode === '' ? undefined : input.supplierCode;
  if (supplierCode !== undefined && !SUPPLIER_CODE.test(supplierCode)) {
    throw new Error(`공급사 코드는 S로 시작하는 8자입니다 (예: S000000A) / A supplier code looks like S000000A, got "${supplierCode}"`);
  }
  const apiVersion = input.apiVersion ?? CAFE24_API_VERSION;
  if (!API_VERSION.test(apiVersion)) throw new Error(`API 버전 형식 오류 / API version must be YYYY-MM-DD, got "${apiVersion}"`);
  const mallId = mallIdOf(input.mallId);
  const base = { channel: 'cafe24' as const, partnerId: input.partnerId, accountId: mallId, mallId, shopNo, apiVersion: apiVersion as Cafe24ApiVersion };
  return supplierCode === undefined ? base : { ...base, supplierCode };
}

export function mallHost(mallId: MallId): string {
  return `https://${mallId}.cafe24api.com`;
}

/** `https://{mall_id}.cafe24api.com/api/v2/admin` */
export function adminBaseUrl(mallId: MallId): string {
  return `${mallHost(mallId)}/api/v2/admin`;
}

/** `https://{mall_id}.cafe24api.com/api/v2/oauth` (no `admin`). */
export function oauthBaseUrl(mallId: MallId): string {
  return `${mallHost(mallId)}/api/v2/oauth`;
}
