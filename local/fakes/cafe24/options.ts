/**
 * Options of the fake. `strict` holds one switch per open question of the reference (its
 * "Open questions" list and a few silent spots); each default is the answer we judged likelier,
 * and README.md lists them. `limits` holds the documented numbers, adjustable for tests.
 */
import { z } from 'zod';
import { ApiVersion } from './seed-schema';

export const StrictOptionsSchema = z.strictObject({
  /** Q5: refuse POST shipments for items still at N10 (only N20+). Default: accept N10. */
  shipmentRequiresN20: z.boolean().default(false),
  /** Where a paid item lands: N10 (상품준비중, the usual) or N20 for malls that skip it. */
  paidStatus: z.enum(['N10', 'N20']).default('N10'),
  /** Q1: HTTP status of `invalid_grant` answers (bad/used/expired code or refresh token).
   * A real answer for an expired refresh token was seen with 401; RFC 6749 says 400. */
  invalidGrantStatus: z.union([z.literal(400), z.literal(401)]).default(401),
  /** Q11: accept client_id/client_secret in the token request body as well as Basic auth. */
  allowClientSecretInBody: z.boolean().default(true),
  /** The docs send `Content-Type: application/json` on GETs too; require it there as well. */
  requireJsonContentTypeOnGet: z.boolean().default(false),
  /** Q2: add `Retry-After` (seconds) to 429 answers. Not documented, so off. */
  sendRetryAfter: z.boolean().default(false),
  /** Q2: the 40-call bucket per mall (doc text) or per app and mall. */
  bucketScope: z.enum(['mall', 'mall+app']).default('mall'),
  /**
   * Refreshing also kills the access token issued with the old refresh token (the reference
   * says only that the old refresh token dies). Default: it lives until its own expiry.
   */
  revokeAccessOnRefresh: z.boolean().default(false),
  /**
   * A comma list in a filter the reference does not document as one (`payment_status=T,A,P`,
   * `refund_status`, `order_place_id` of GET /orders; `order_id`, `refund_status` of GET
   * /refunds): 'reject' answers 422 (default: Cafe24 marks its multi-valued filters, and a
   * value outside an enumerated filter's list is a 422), 'first' reads the first value only,
   * 'accept' reads the list.
   */
  undocumentedCommaList: z.enum(['reject', 'first', 'accept']).default('reject'),
  /**
   * A bulk endpoint given one `request` object instead of `requests[]` (the reference documents
   * only the list): 'refuse' answers 422 like a missing `requests` (default), 'accept' reads it
   * as a list of one.
   */
  bulkLoneRequest: z.enum(['refuse', 'accept']).default('refuse'),
  /**
   * A query parameter (or `embed` value) Cafe24 does not document for the endpoint: 'ignore'
   * (default: the reference is silent, and web APIs commonly pass over what they do not know)
   * or 'reject' (422 naming it). Documented parameters the fake does not emulate are refused
   * under both readings.
   */
  unknownQueryParams: z.enum(['ignore', 'reject']).default('ignore'),
  /** A tracking number already used on another order: 'allow' (bundle shipping) or 'reject' (422). */
  duplicateTrackingNo: z.enum(['allow', 'reject']).default('allow'),
  /**
   * The stock management of the variants POST /products creates (the reference is silent): off
   * (`use_inventory=F`, `display_soldout=F`: the mall sells regardless of stock), as a product
   * made in the Cafe24 admin starts, or on (tracked, sold out at zero, quantity 0).
   */
  newVariantStock: z.enum(['untracked', 'tracked']).default('untracked'),
  /** 409 when an update changes nothing (listed in the status table; endpoints unknown). */
  conflictOnIdenticalUpdate: z.boolean().default(false),
  /** Accept shipping_company_code values not in the mall's carrier list. */
  acceptUnregisteredCarrierCodes: z.boolean().default(false),
  /** GET /unpaidorders appears only in 2025+ docs; older versions answer 404. */
  unpaidOrdersMinVersion: ApiVersion.default('2025-06-01'),
  /**
   * The authorize step (reference §2: "the mall operator logs in and consents"; the page itself
   * is not described): 'page' shows a consent page (the app's name, the mall, the scopes asked
   * for, an agree button that posts back and is then redirected with the code), as Cafe24 does;
   * 'immediate' redirects with the code at once, for a client without a browser.
   */
  consent: z.enum(['page', 'immediate']).default('page'),
  /** Boards (inquiries-api.md §A5): the article list's order is undocumented; newest first or oldest first. */
  boardArticleOrder: z.enum(['newest', 'oldest']).default('newest'),
  /**
   * Boards (§A6, open question 1): what an answer typed in the Cafe24 admin becomes. 'comment'
   * (default: the latest live observation; the parent stays `N`) or 'replyArticle' (a child
   * article, the parent moved to `C`, as older answers were).
   */
  adminAnswerAs: z.enum(['comment', 'replyArticle']).default('comment'),
  /** Boards (open question 2): an article the buyer deleted is left out of lists ('omit') or listed with `deleted: "T"` ('flagged'). */
  deletedArticles: z.enum(['omit', 'flagged']).default('omit'),
  /** Q6: the /orders search window in calendar months. */
  orderWindowMonths: z.number().int().positive().default(3),
});

export const LimitOptionsSchema = z.strictObject({
  bucketCapacity: z.number().int().positive().default(40),
  leakPerSecond: z.number().positive().default(2),
  /** Q3: usage quota (unverified numbers). Set `usageLimit: false` to switch it off. */
  usageLimit: z.boolean().default(true),
  usageWindowMs: z.number().int().positive().default(600_000),
  usageCallQuota: z.number().int().positive().default(3000),
  usageTimeQuotaMs: z.number().int().positive().default(600_000),
  /** Processing time charged per call to the time quota (plus any injected `slow` delay). */
  processingMsPerCall: z.number().int().nonnegative().default(50),
  accessTokenTtlMs: z.number().int().positive().default(2 * 3_600_000),
  refreshTokenTtlMs: z.number().int().positive().default(14 * 86_400_000),
  authCodeTtlMs: z.number().int().positive().default(60_000),
  /** Cap on JSON request bodies. */
  maxBodyBytes: z.number().int().positive().default(2_000_000),
});

/** Dated releases seen in the sources (reference §1). */
export const KNOWN_VERSIONS = [
  '2021-06-01',
  '2021-09-01',
  '2021-12-01',
  '2023-03-01',
  '2023-12-01',
  '2025-06-01',
  '2025-12-01',
  '2026-03-01',
  '2026-09-01',
] as const;

export const VersionOptionsSchema = z.strictObject({
  known: z.array(ApiVersion).min(1).default([...KNOWN_VERSIONS]),
  /** Used when neither the call nor the app names a version. */
  fallback: ApiVersion.default('2025-12-01'),
});

/**
 * The switches named in `CAFE24_FAKE_STRICT` (JSON, e.g. `{"revokeAccessOnRefresh":true}`): the
 * reading the sandbox's fakes and the job specs' in-process fake start from, under the switches
 * a scenario or spec sets itself. The test matrix (jest.config.cjs) runs the end-to-end specs
 * once per reading this way.
 */
export function strictFromEnv(env: Record<string, string | undefined> = process.env): Partial<z.input<typeof StrictOptionsSchema>> {
  const raw = env.CAFE24_FAKE_STRICT;
  if (raw === undefined || raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`CAFE24_FAKE_STRICT is not JSON: ${raw}`);
  }
  const r = StrictOptionsSchema.partial().safeParse(value);
  if (!r.success) throw new Error(`CAFE24_FAKE_STRICT: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return value as Partial<z.input<typeof StrictOptionsSchema>>;
}

export type StrictOptions = z.output<typeof StrictOptionsSchema>;
export type LimitOptions = z.output<typeof LimitOptionsSchema>;
export type VersionOptions = z.output<typeof VersionOptionsSchema>;

export interface ResolvedOptions {
  strict: StrictOptions;
  limits: LimitOptions;
  versions: VersionOptions;
  maxLogEntries: number;
}
