import type { Partner, PartnerRole, SettlementMode } from '../core/partner';
import type { ChannelId } from '../core/order';
import { CHANNELS, PARTNER_ROLES, PARTNERS, SETTLEMENT_MODES } from './tabs';
import { cellText, checkboxCell, duplicateKeys, readTable, type TableRow } from './table';
import { subject } from '../core/particle';
import type { Label } from './schema';

/**
 * The partners tab as partners. A row with a bad cell is not used: it comes back with the
 * reasons, in Korean, for its status cell; the other rows go on.
 */
export type PartnerRead = { readonly ok: true; readonly row: TableRow; readonly partner: Partner } | { readonly ok: false; readonly row: TableRow; readonly problems: string[] };

export function readPartners(grid: readonly (readonly unknown[])[]): PartnerRead[] {
  const table = readTable(PARTNERS, grid);
  const dups = duplicateKeys(table.rows);
  return table.rows.map((row) => {
    const problems: string[] = [];
    if (!row.key) problems.push('파트너ID가 비어 있습니다');
    if (dups.has(row.key)) problems.push(`파트너ID ${row.key}가 여러 행에 있습니다`);
    const need = (col: string, label: string): string => {
      const v = cellText(row.get(col));
      if (!v) problems.push(`${subject(label)} 비어 있습니다`);
      return v;
    };
    const name = need('name', '파트너명');
    const role = choice<PartnerRole>(row.get('role'), PARTNER_ROLES, '구분', problems);
    const channel = choice<ChannelId>(row.get('channel'), CHANNELS, '채널', problems);
    const accountId = need('accountId', '채널계정');
    const shopNo = int(row.get('shopNo'), '쇼핑몰번호(카페24)', problems, 1, 1, 15);
    const confirmAtOnce = checkboxCell(row.get('confirmAtOnce'), '발주확인 자동', problems);
    const defaultRatio = num(row.get('defaultRatio'), '기본 연동재고율(%)', problems, 100, 0, 100);
    const settlementMode = choice<SettlementMode>(row.get('settlementMode'), SETTLEMENT_MODES, '정산방식', problems, 'deposit');
    const creditLimit = int(row.get('creditLimit'), '신용한도', problems, 0, 0);
    const incentiveRate = num(row.get('incentiveRate'), '영업장려금율(%)', problems, 0, 0, 100);
    const shippingFeePerUnit = int(row.get('shippingFeePerUnit'), '개당 배송비', problems, 0, 0);
    const emails = cellText(row.get('statementEmails'))
      .split(/[,;\s]+/)
      .filter(Boolean);
    for (const e of emails) if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) problems.push(`이메일 형식 오류: ${e}`);
    if (problems.length > 0 || !role || !channel || !settlementMode) return { ok: false, row, problems };
    const supplier = cellText(row.get('supplierCode'));
    return {
      ok: true,
      row,
      partner: {
        partnerId: row.key,
        name,
        role,
        channel,
        accountId,
        shopNo,
        supplierCode: supplier || null,
        confirmAtOnce,
        defaultRatio,
        settlementMode,
        creditLimit,
        incentiveRate,
        shippingFeePerUnit,
        statementEmails: emails,
      },
    };
  });
}

/** An enum cell: its label in either language (or the key itself) → the key. */
function choice<K extends string>(v: unknown, options: Readonly<Record<K, Label>>, label: string, problems: string[], fallback?: K): K | null {
  const text = cellText(v);
  if (!text && fallback) return fallback;
  for (const [key, l] of Object.entries(options) as Array<[K, Label]>) {
    if (text === l.ko || text === l.en || text === key) return key;
  }
  problems.push(`${label} 값이 올바르지 않습니다: "${text}" (${Object.values<Label>(options).map((o) => o.ko).join(', ')} 중 하나)`);
  return null;
}

function num(v: unknown, label: string, problems: string[], fallback: number, min: number, max = Infinity): number {
  if (cellText(v) === '') return fallback;
  const n = typeof v === 'number' ? v : Number(cellText(v).replace(/,/g, ''));
  if (!Number.isFinite(n)) {
    problems.push(`${label}: 숫자가 아닙니다 ("${cellText(v)}")`);
    return fallback;
  }
  if (n < min || n > max) problems.push(`${label}: ${min}~${max === Infinity ? '' : max} 범위를 벗어났습니다 (${n})`);
  return n;
}

function int(v: unknown, label: string, problems: string[], fallback: number, min: number, max = Infinity): number {
  const n = num(v, label, problems, fallback, min, max);
  if (!Number.isInteger(n)) problems.push(`${label}: 정수여야 합니다 (${n})`);
  return n;
}
