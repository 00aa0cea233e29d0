/**
 * Customer inquiries (문의: product Q&A, 1:1 and CS questions) as pure rules: what one is,
 * whatever channel asked it; when it must be answered by (24 hours, the seeds' CS rule); what
 * the 문의 tab's 조치필요 says; and the response rate the marketplaces judge sellers by
 * (answered within 24 hours ÷ asked, over the last 7 days).
 */
import { ANSWER_WITHIN_MS } from './claims';
import type { ChannelId } from './order';
import { seoulStamp } from './seoul-time';

/** `transfer`: handed over by the channel's own CS (Coupang's TRANSFER): the seller confirms it, no answer is written. */
export type InquiryKind = 'product' | 'order' | 'shipping' | 'other' | 'transfer';

/** An answer as the channel shows it. */
export interface InquiryAnswer {
  /** The channel's id of the answer (a reply article, a comment); null when it gives none. */
  readonly answerId: string | null;
  /** Null when the channel says answered but shows no text (a status only). */
  readonly text: string | null;
  readonly at: number | null;
  /** Who answered, as the channel names them (a login id, the shop). */
  readonly by: string;
  /** Whether the add-on can edit it through the channel (a comment typed in the admin cannot be). */
  readonly editable: boolean;
}

/** A buyer's question, as every channel's answer is turned into. */
export interface Inquiry {
  readonly partnerId: string;
  readonly channel: ChannelId;
  /** The channel's id of the question, unique within the account ("6:3672": board 6, article 3672). */
  readonly inquiryId: string;
  readonly kind: InquiryKind;
  readonly productId: string | null;
  readonly orderId: string | null;
  readonly title: string;
  readonly question: string;
  readonly askedAt: number;
  /** The channel's answer, or null while none is there. */
  readonly answer: InquiryAnswer | null;
}

/** What a channel read shows: a question (with what it knows of its answer), or an answer to one seen apart. */
export type InquirySeen =
  | { readonly kind: 'question'; readonly inquiry: Inquiry }
  | { readonly kind: 'answer'; readonly inquiryId: string; readonly answer: InquiryAnswer };

export const inquiryKeyOf = (i: { partnerId: string; inquiryId: string }): string => `${i.partnerId}|${i.inquiryId}`;

export function answerByOf(askedAt: number): number {
  return askedAt + ANSWER_WITHIN_MS;
}

/** What a 문의 row asks of staff: answer (or confirm) late (1), answer or confirm (2), or nothing. */
export type InquiryTodo = { readonly kind: 'late'; readonly confirm: boolean } | { readonly kind: 'answer'; readonly by: number; readonly confirm: boolean } | null;

export interface InquiryState {
  readonly askedAt: number | null;
  readonly answeredAt: number | null;
  /** Answered at the channel (by the add-on or in the channel's admin), whatever the time. */
  readonly answered: boolean;
  /** A hand-over to confirm (kind `transfer`) rather than a question to answer. */
  readonly confirm?: boolean;
}

export function inquiryTodo(s: InquiryState, now: number): InquiryTodo {
  if (s.answered || s.askedAt === null) return null;
  const by = answerByOf(s.askedAt);
  const confirm = s.confirm === true;
  return now > by ? { kind: 'late', confirm } : { kind: 'answer', by, confirm };
}

/** Late once its answer-by time has passed unanswered (at that minute itself, not yet). */
export function isInquiryLate(s: InquiryState, now: number): boolean {
  return inquiryTodo(s, now)?.kind === 'late';
}

/** The first moment the row turns late, or null when it cannot. */
export function inquiryLateFrom(s: InquiryState): number | null {
  return s.answered || s.askedAt === null ? null : answerByOf(s.askedAt) + 1;
}

/**
 * "1 답변기한 초과", "2 답변 필요 (11-24 14:05까지)", "": sorting puts the urgent first. The
 * deadline is written, not the time left, so the text never changes by itself (only lateness
 * does, and the sync looks at the tab at that moment).
 */
export function inquiryTodoText(todo: InquiryTodo): string {
  if (todo === null) return '';
  if (todo.kind === 'late') return todo.confirm ? '1 이관 확인 기한 초과' : '1 답변기한 초과';
  return `2 ${todo.confirm ? '이관 확인 필요' : '답변 필요'} (${seoulStamp(todo.by)}까지)`;
}

// ---------------------------------------------------------------------------------------------
// the response rate

export const RESPONSE_WINDOW_MS = 7 * 24 * 3_600_000;

export interface ResponseRate {
  readonly channel: ChannelId;
  /** Inquiries asked in the window whose 24 hours are over or that were answered. */
  readonly asked: number;
  readonly answeredInTime: number;
  /** Whole percent, rounded down (99.6% is not 100%); null when nothing counts yet. */
  readonly percent: number | null;
}

/**
 * Per channel, over the inquiries asked in the last 7 days: answered within 24 hours ÷ asked.
 * An inquiry still inside its 24 hours and unanswered is not counted yet (it may still be
 * answered in time); an answer without a time counts as late (nothing shows it was in time).
 */
export function responseRates(rows: ReadonlyArray<{ channel: ChannelId; askedAt: number | null; answeredAt: number | null; answered: boolean }>, now: number): ResponseRate[] {
  const by = new Map<ChannelId, { asked: number; inTime: number }>();
  for (const r of rows) {
    if (r.askedAt === null || r.askedAt > now || r.askedAt <= now - RESPONSE_WINDOW_MS) continue;
    const deadline = answerByOf(r.askedAt);
    const inTime = r.answered && r.answeredAt !== null && r.answeredAt <= deadline;
    if (!r.answered && now <= deadline) continue;
    const c = by.get(r.channel) ?? { asked: 0, inTime: 0 };
    c.asked++;
    if (inTime) c.inTime++;
    by.set(r.channel, c);
  }
  return [...by.entries()].map(([channel, c]) => ({ channel, asked: c.asked, answeredInTime: c.inTime, percent: c.asked === 0 ? null : Math.floor((c.inTime * 100) / c.asked) }));
}

// ---------------------------------------------------------------------------------------------
// answers as text

/** The longest answer the add-on sends: the saved-answer limits the channels document are 4,000 characters. */
export const MAX_ANSWER_CHARS = 4000;

/** Why an answer cannot be sent as typed (Korean), or null. */
export function answerRefusal(text: string): string | null {
  if (text.trim() === '') return '답변이 비어 있습니다';
  if (text.length > MAX_ANSWER_CHARS) return `답변이 너무 깁니다 (${text.length.toLocaleString('en-US')}자, 최대 ${MAX_ANSWER_CHARS.toLocaleString('en-US')}자)`;
  return null;
}

/**
 * A channel's text as a cell shows it: markup a board stores (`<br>`, `<p>`, entities) read as
 * plain text, so a question is shown as the buyer wrote it and never as HTML.
 */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text a board stores as HTML: what staff typed shown as typed (markup escaped, lines kept). */
export function asBoardHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, '<br>');
}
