import { answerByOf, type Inquiry, type InquiryKind } from '../core/inquiries';
import { parseSeoulDateTime } from '../core/seoul-time';
import type { Lang } from './schema';
import { cellText, readTable, type TableRow } from './table';
import { ANSWER_TEMPLATES, INQUIRY_KINDS } from './tabs';

/**
 * The 문의 tab as data: what the add-on writes of an inquiry, each row's cells read back, and the
 * 답변템플릿 tab's answers by name.
 */

/** The add-on's cells of a question (not its answer, to-do or status). */
export function inquiryRowValues(i: Inquiry, channelLabel: string, lang: Lang): Record<string, unknown> {
  return {
    partnerId: i.partnerId,
    channel: channelLabel,
    inquiryId: i.inquiryId,
    kind: INQUIRY_KINDS[i.kind][lang],
    productId: i.productId ?? '',
    orderId: i.orderId ?? '',
    title: i.title,
    question: i.question,
    askedAt: new Date(i.askedAt),
    answerBy: new Date(answerByOf(i.askedAt)),
  };
}

export interface InquiryCells {
  readonly partnerId: string;
  readonly inquiryId: string;
  readonly title: string;
  readonly kind: InquiryKind | null;
  readonly askedAt: number | null;
  readonly template: string;
  /** As typed (line breaks kept). */
  readonly answer: string;
  readonly post: boolean;
  readonly answeredAt: number | null;
  readonly postedAnswer: string;
  readonly answerId: string;
  readonly todo: string;
  readonly status: string;
}

export function inquiryCells(get: (key: string) => unknown): InquiryCells {
  const text = (k: string) => cellText(get(k));
  const v = get('post');
  return {
    partnerId: text('partnerId'),
    inquiryId: text('inquiryId'),
    title: text('title'),
    kind: kindFromCell(text('kind')),
    askedAt: timeOf(get('askedAt')),
    template: text('template'),
    // Not trimmed: an answer is sent as typed.
    answer: get('answer') === null || get('answer') === undefined ? '' : String(get('answer')),
    post: v === true || cellText(v).toUpperCase() === 'TRUE',
    answeredAt: timeOf(get('answeredAt')),
    postedAnswer: get('postedAnswer') === null || get('postedAnswer') === undefined ? '' : String(get('postedAnswer')),
    answerId: text('answerId'),
    todo: text('todo'),
    status: text('status'),
  };
}

export function kindFromCell(text: string): InquiryKind | null {
  for (const [k, l] of Object.entries(INQUIRY_KINDS)) if (text === l.ko || text === l.en || text === k) return k as InquiryKind;
  return null;
}

/** A date-time cell as epoch ms (a Date from Sheets, or text as typed). */
export function timeOf(v: unknown): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  const t = cellText(v);
  return t ? parseSeoulDateTime(t.replace(/[/.]/g, '-')) : null;
}

/** The templates by name (first of a name wins; blank names and contents are left out). */
export function readTemplates(grid: readonly (readonly unknown[])[] | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!grid) return out;
  for (const row of readTable(ANSWER_TEMPLATES, grid).rows) {
    const name = cellText(row.get('name'));
    const content = row.get('content') === null || row.get('content') === undefined ? '' : String(row.get('content'));
    if (name && content.trim() && !out.has(name)) out.set(name, content);
  }
  return out;
}

export type { TableRow };
