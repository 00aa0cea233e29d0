import type { ClaimRecord, ClaimType, ReturnClass, StaffAction, StaffAnswer } from '../core/claims';
import { cancelAfterShippingNote, claimStatusLabel } from '../core/claims';
import { parseSeoulDateTime } from '../core/seoul-time';
import { numberCell } from './products';
import type { Label, Lang } from './schema';
import { cellText, readTable, type TableRow } from './table';
import { CLAIMS, CLAIM_ACTIONS, CLAIM_TYPES, RETURN_CLASSES } from './tabs';

/**
 * The claims tab as data: what the add-on writes of a claim record, and each row's cells read
 * back into values. A staff cell that cannot be read (an action typed by hand, a date that is
 * not one) is a problem for the row's status cell; the row is then not acted on.
 */

/** The add-on's cells of a claim row (not the to-do, which depends on the time). */
export function claimRowValues(r: ClaimRecord, lang: Lang): Record<string, unknown> {
  const date = (ms: number | null) => (ms === null ? '' : new Date(ms));
  return {
    partnerId: r.partnerId,
    claimId: r.claimId,
    orderId: r.orderId,
    itemId: r.itemId,
    sku: r.sku ?? '',
    productName: r.productName,
    quantity: r.quantity,
    type: CLAIM_TYPES[r.type][lang],
    reason: r.cancelAfterShipping ? [cancelAfterShippingNote(lang), r.reason].filter(Boolean).join(' ') : r.reason,
    requestedAt: date(r.requestedAt),
    answerBy: date(r.answerBy),
    claimStatus: claimStatusLabel(r.mall, r.rawStatus, lang),
  };
}

/** A claim row's cells as values; null = blank (or unreadable, with a problem). */
export interface ClaimCells extends StaffAnswer {
  readonly partnerId: string;
  readonly claimId: string;
  readonly orderId: string;
  readonly itemId: string;
  readonly sku: string;
  readonly quantity: number | null;
  readonly type: ClaimType | null;
  /** The mall's code in the claim status cell ("반품요청 (R00)" → R00). */
  readonly rawStatus: string | null;
  readonly answerBy: number | null;
  readonly todo: string;
  readonly status: string;
}

export interface ClaimRead {
  readonly row: TableRow;
  readonly cells: ClaimCells;
  /** Staff cells that could not be read, in Korean. */
  readonly problems: readonly string[];
}

export function readClaims(grid: readonly (readonly unknown[])[]): ClaimRead[] {
  const table = readTable(CLAIMS, grid);
  return table.rows.filter((row) => row.key !== '').map((row) => readClaimRow(row));
}

export function readClaimRow(row: TableRow): ClaimRead {
  const problems: string[] = [];
  const text = (k: string) => cellText(row.get(k));
  const quantity = numberCell(row.get('quantity'), '수량', []);
  const cells: ClaimCells = {
    partnerId: text('partnerId'),
    claimId: text('claimId'),
    orderId: text('orderId'),
    itemId: text('itemId'),
    sku: text('sku'),
    quantity: quantity !== null && Number.isInteger(quantity) ? quantity : null,
    type: optionOf(CLAIM_TYPES, text('type'), null, []) as ClaimType | null,
    rawStatus: rawStatusOf(text('claimStatus')),
    answerBy: timeCell(row.get('answerBy'), '답변기한', []),
    action: optionOf(CLAIM_ACTIONS, text('action'), '처리요청', problems),
    memo: text('memo'),
    receivedAt: timeCell(row.get('receivedAt'), '입고일시', problems),
    classification: optionOf(RETURN_CLASSES, text('classification'), '분류', problems),
    quantityToStock: numberCell(row.get('quantityToStock'), '재입고수량', problems),
    completedAt: timeCell(row.get('completedAt'), '완료일시', []),
    todo: text('todo'),
    status: text('status'),
  };
  return { row, cells, problems };
}

/** "반품요청 (R00)" → "R00"; null when the cell has no code. */
export function rawStatusOf(label: string): string | null {
  // A channel's own code: "R00" in a mall, "CANCEL/RELEASE_STOP_UNCHECKED" at Coupang,
  // "DELIVERED RETURN:COLLECT_DONE" at Naver: whatever the last parentheses hold.
  return /\(([A-Z][A-Z0-9_/: ]*)\)\s*$/.exec(label)?.[1] ?? null;
}

/** A label in either language, or the key itself; null when blank or unknown (with a problem). */
function optionOf<K extends string>(options: Readonly<Record<K, Label>>, text: string, what: string | null, problems: string[]): K | null {
  if (!text) return null;
  for (const [key, l] of Object.entries(options) as Array<[K, Label]>) {
    if (text === l.ko || text === l.en || text === key) return key;
  }
  if (what !== null) problems.push(`${what} 값이 올바르지 않습니다: "${text}" (${Object.values<Label>(options).map((o) => o.ko).join(', ')} 중 하나)`);
  return null;
}

/** A date-time cell (a Date from Sheets, or text as typed) as epoch ms. */
function timeCell(v: unknown, what: string, problems: string[]): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  const text = cellText(v);
  if (!text) return null;
  const iso = text.replace(/[/.]/g, '-');
  // A date alone is the start of that day.
  const t = parseSeoulDateTime(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso} 00:00` : iso);
  if (t === null) problems.push(`${what}: 날짜/시각이 아닙니다 ("${text}")`);
  return t;
}
