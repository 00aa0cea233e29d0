/**
 * Carriers (택배사) as data. DOMAIN: 우체국택배, CJ대한통운 and 롯데택배 from day one, others by
 * configuration — a settings row becomes a `CarrierRule` through `carrierRuleFromSettings`.
 *
 * Tracking-number lengths (digits only, after removing spaces and hyphens), and where they came from:
 * - 우체국택배: 13 digits. shared/reference/marketplaces-api.md §D2 (appsweb.kr FAQ; spes delivery.js;
 *   Coupang example `6900004147609`). The leading digit (6 prepaid, 7 cash on delivery, 1–5
 *   registered mail) is documented but not enforced: registered mail is not a parcel we ship,
 *   but refusing on it is not worth the risk of a wrong rule.
 * - CJ대한통운: 10 or 12 digits. §D2 (Coupang courier page as quoted; examples `1234567890`,
 *   `680405450931`). 11 digits has no source, so it is refused.
 * - 롯데택배: 12 digits. §D2 (Coupang example `200016500003`); "old pages say 10 or 12" (현대택배
 *   era). The references give no 13-digit Lotte number, so 13 is NOT accepted; 10 is not either,
 *   since current Lotte numbers are 12 digits. Both are one settings row away if a real number
 *   proves otherwise.
 * No check digit is enforced: §D3 says the mod-7 rule is not established ("Do not reject numbers on it").
 *
 * Channel codes (the carriers tab has a column per channel): the mall API's `shipping_company_code`
 * from the mall reference §8 (seen in third-party code:
 * 0012 우체국택배, 0006 CJ대한통운, 0079 롯데택배; one client maps 0019 to 롯데, which conflicts —
 * the reference recommends resolving with `GET /admin/carriers` at runtime, so these are defaults).
 * Naver and Coupang codes from marketplaces-api.md §D1 (EPOST, CJGLS, HYUNDAI — docs).
 */
import type { Carrier, ChannelId } from './order';

export type DayOneCarrierKey = 'epost' | 'cj' | 'lotte';

export interface CarrierRule {
  /** Stable key, lower-case ASCII; what the sheet stores. */
  readonly key: string;
  readonly nameKo: string;
  readonly nameEn: string;
  /** Other names staff and channels write; matched ignoring spaces and case. */
  readonly aliases: readonly string[];
  /** Allowed lengths of the tracking number, digits only. */
  readonly trackingLengths: readonly number[];
  /** The carrier's code on each channel, where known. */
  readonly channelCodes: Readonly<Partial<Record<ChannelId, string>>>;
}

export const EPOST: CarrierRule = {
  key: 'epost',
  nameKo: '우체국택배',
  nameEn: 'Korea Post',
  aliases: ['우체국', '우체국택배', '우체국소포', '우편', 'Korea Post', 'KoreaPost', 'EPOST', 'ePost'],
  trackingLengths: [13],
  channelCodes: { cafe24: '0012', naver: 'EPOST', coupang: 'EPOST' },
};

export const CJ: CarrierRule = {
  key: 'cj',
  nameKo: 'CJ대한통운',
  nameEn: 'CJ Logistics',
  aliases: ['CJ대한통운', '대한통운', 'CJ', '씨제이', '씨제이대한통운', 'CJ택배', 'CJ GLS', 'CJGLS', 'CJ Logistics', 'CJ Korea Express'],
  trackingLengths: [10, 12],
  channelCodes: { cafe24: '0006', naver: 'CJGLS', coupang: 'CJGLS' },
};

export const LOTTE: CarrierRule = {
  key: 'lotte',
  nameKo: '롯데택배',
  nameEn: 'Lotte Global Logistics',
  // 현대택배 (Hyundai Logistics) became 롯데택배; Naver and Coupang still call it HYUNDAI.
  aliases: ['롯데', '롯데택배', '롯데글로벌로지스', '롯데로지스틱스', '현대택배', 'Lotte', 'Lotte Global Logistics', 'HYUNDAI'],
  trackingLengths: [12],
  channelCodes: { cafe24: '0079', naver: 'HYUNDAI', coupang: 'HYUNDAI' },
};

export const DAY_ONE_CARRIERS: readonly CarrierRule[] = [EPOST, CJ, LOTTE];

export const DAY_ONE_CARRIER_BY_KEY: Readonly<Record<DayOneCarrierKey, CarrierRule>> = { epost: EPOST, cj: CJ, lotte: LOTTE };

/** How names are compared: Unicode-compatible forms folded (full-width letters), no whitespace, lower case. */
export function carrierNameKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function namesOf(rule: CarrierRule): string[] {
  return [rule.key, rule.nameKo, rule.nameEn, ...rule.aliases];
}

/**
 * The carrier a text names (key, Korean or English name, or an alias), ignoring spaces and case;
 * null when none or the text is blank. The first rule that claims a name wins, so day-one rules
 * come first in `rules`.
 */
export function carrierByName(text: string, rules: readonly CarrierRule[] = DAY_ONE_CARRIERS): CarrierRule | null {
  const wanted = carrierNameKey(text);
  if (wanted === '') return null;
  for (const rule of rules) {
    if (namesOf(rule).some((name) => carrierNameKey(name) === wanted)) return rule;
  }
  return null;
}

/** The carrier a channel's code stands for ('0006' in a mall, 'CJGLS' on Naver), or null. */
export function carrierByChannelCode(channel: ChannelId, code: string, rules: readonly CarrierRule[] = DAY_ONE_CARRIERS): CarrierRule | null {
  const wanted = code.trim().toUpperCase();
  if (wanted === '') return null;
  return rules.find((rule) => rule.channelCodes[channel]?.toUpperCase() === wanted) ?? null;
}

/** The `Carrier` (code and name) to send to a channel; null when the rule has no code there. */
export function channelCarrier(rule: CarrierRule, channel: ChannelId): Carrier | null {
  const code = rule.channelCodes[channel];
  return code === undefined ? null : { code, name: rule.nameKo };
}

/** A carrier as a settings row describes it; `lengths` like "10,12" or "11-13". */
export interface CarrierSettingsRow {
  readonly key: string;
  readonly nameKo: string;
  readonly nameEn?: string;
  readonly aliases?: string;
  readonly lengths: string;
  readonly cafe24Code?: string;
  readonly naverCode?: string;
  readonly coupangCode?: string;
}

export type CarrierRuleResult = { readonly ok: true; readonly rule: CarrierRule } | { readonly ok: false; readonly reason: string };

function parseLengths(text: string): number[] | null {
  const out = new Set<number>();
  const parts = text.normalize('NFKC').split(/[,\s/]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  for (const part of parts) {
    const range = /^(\d{1,2})(?:[-~](\d{1,2}))?$/.exec(part);
    if (range === null) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from < 1 || to < from || to > 40) return null; // Tracking numbers are at most 40 characters.
    for (let n = from; n <= to; n++) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A carrier added in settings. Refused (with a Korean reason) when the key is not lower-case
 * ASCII, the name is blank, the lengths cannot be read, or one of its names is already another
 * carrier's in `existing`.
 */
export function carrierRuleFromSettings(row: CarrierSettingsRow, existing: readonly CarrierRule[] = DAY_ONE_CARRIERS): CarrierRuleResult {
  const key = row.key.trim();
  if (!/^[a-z][a-z0-9_-]*$/.test(key)) return { ok: false, reason: `택배사 키 "${row.key}"는 영문 소문자로 시작하는 영문·숫자여야 합니다` };
  if (row.nameKo.trim() === '') return { ok: false, reason: `택배사 "${key}"의 이름이 비어 있습니다` };
  const lengths = parseLengths(row.lengths);
  if (lengths === null) return { ok: false, reason: `택배사 "${key}"의 송장번호 자릿수 "${row.lengths}"를 읽을 수 없습니다 (예: 12 또는 10,12 또는 11-13)` };
  const aliases = (row.aliases ?? '').split(/[,;]/).map((a) => a.trim()).filter((a) => a !== '');
  const codes: Partial<Record<ChannelId, string>> = {};
  if (row.cafe24Code?.trim()) codes.cafe24 = row.cafe24Code.trim();
  if (row.naverCode?.trim()) codes.naver = row.naverCode.trim();
  if (row.coupangCode?.trim()) codes.coupang = row.coupangCode.trim();
  const rule: CarrierRule = { key, nameKo: row.nameKo.trim(), nameEn: (row.nameEn ?? '').trim(), aliases, trackingLengths: lengths, channelCodes: codes };
  for (const name of namesOf(rule)) {
    if (carrierNameKey(name) === '') continue;
    const owner = carrierByName(name, existing);
    if (owner !== null) return { ok: false, reason: `택배사 "${rule.nameKo}"의 이름 "${name}"은(는) 이미 ${owner.nameKo}의 이름입니다` };
  }
  return { ok: true, rule };
}
