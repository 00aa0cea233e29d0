/**
 * The fake's switches. Documented behaviour is fixed; every point where the reference
 * (shared/reference/marketplaces-api.md part A) is silent has a switch here, defaulting to the
 * likelier reading (README.md lists them with their reasons).
 */
import { z } from 'zod';

export const NaverOptionsSchema = z.strictObject({
  /** Addresses the app registered in the API centre (커머스API센터 → API 호출 IP); others get 403 GW.IP_NOT_ALLOWED. */
  registeredIps: z.array(z.string()).default(['127.0.0.2']),
  /** Per-second limit per (API, application); burst is twice it (docs). No number is published: 5 is our pick. */
  ratePerSecond: z.number().positive().default(5),
  /** Per-API overrides of `ratePerSecond`, by the fake's API name (`token`, `lastChangedStatuses`, `query`, `confirm`, …). */
  ratePerApi: z.record(z.string(), z.number().positive()).default({}),
  /** A 429 carries `Retry-After: 1` (undocumented; off by default). */
  sendRetryAfter: z.boolean().default(false),
  /** How far back `lastChangedFrom` may go, in hours (open question 4); null: no limit. */
  lastChangedLookbackHours: z.number().positive().nullable().default(null),
  /** `lastChangedTo` more than 24 h after From: refused with 400 ('reject') or cut to 24 h ('clamp'). */
  lastChangedWindow: z.enum(['reject', 'clamp']).default('reject'),
  /** Dispatch without `dispatchDate`: item refused with 4000 (open question 2, a public test says so) or accepted with now. */
  dispatchDateRequired: z.boolean().default(true),
  /** Confirming an already confirmed product order: listed as a success again ('success') or failed with 104443 ('fail'). */
  reconfirm: z.enum(['success', 'fail']).default('success'),
  /** A buyer's cancel before 발주확인 completes at once ('immediate', seed 001: cancels freely) or waits for approval ('request'). */
  buyerCancelBeforeConfirm: z.enum(['immediate', 'request']).default('immediate'),
  /** `option-stock` naming only some combinations: the others keep theirs ('merge') or the call is refused ('reject'). Open question 5. */
  optionStockPartial: z.enum(['merge', 'reject']).default('merge'),
  /** The same tracking number on another product order: allowed (bundle shipping) or refused with 104121. */
  duplicateTrackingNo: z.enum(['allow', 'reject']).default('allow'),
  /** Inquiries (inquiries-api.md B). Widest `fromDate`–`toDate` span of the product-Q&A list, in days (open question 4); null: none, as documented. */
  qnaMaxSpanDays: z.number().positive().nullable().default(null),
  /** Order of both inquiry lists (undocumented): newest first, as the seller centre shows them, or oldest first. */
  inquiryListOrder: z.enum(['newest', 'oldest']).default('newest'),
  /** `PUT qnas/{id}` on a question answered in the seller centre: overwrites it (inferred) or 400 ('reject'). */
  qnaOverwriteSellerAnswer: z.enum(['overwrite', 'reject']).default('overwrite'),
  /** Longest answer taken (both kinds), in characters; over it 400 (null: no limit). Undocumented: 4,000 as the add-on's own limit. */
  answerMaxLength: z.number().int().positive().nullable().default(4000),
  /** The customer-inquiry answer's text field: `answerComment` (docs), `answerContent` (some clients), or either taken. */
  answerField: z.enum(['answerComment', 'answerContent', 'either']).default('answerComment'),
  /** `data` of the first answer's POST (open question 5): `{inquiryNo, inquiryCommentNo}` like the edit's ('ids') or null. */
  postAnswerData: z.enum(['ids', 'null']).default('ids'),
  /** The customer-inquiry list inside the `{code,message,data,…}` envelope (true) or the bare Spring page (false). */
  inquiryListEnvelope: z.boolean().default(false),
  /** Request-log entries kept (oldest dropped first). */
  maxLogEntries: z.number().int().positive().default(10_000),
});

export type NaverOptionsInput = z.input<typeof NaverOptionsSchema>;
export type NaverOptions = z.output<typeof NaverOptionsSchema>;

/** The switches of NAVER_FAKE_STRICT (JSON), for the sandbox and the spec matrix. */
export function optionsFromEnv(): Partial<NaverOptionsInput> {
  const raw = typeof process !== 'undefined' ? process.env.NAVER_FAKE_STRICT : undefined;
  if (!raw) return {};
  return JSON.parse(raw) as Partial<NaverOptionsInput>;
}
