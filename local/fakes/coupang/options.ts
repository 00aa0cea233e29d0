/**
 * The fake's switches: one for each point where the reference (marketplaces-api.md part B) is
 * silent, defaulting to the likelier reading. README lists them with their reasons.
 */
import { z } from 'zod';

export const CoupangOptionsSchema = z.strictObject({
  /** Caller addresses registered in Wing (the relay's). Others get 403 `Not allowed IP`. */
  registeredIps: z.array(z.string()).default(['127.0.0.2']),
  /** How far `signed-date` may be from the fake's clock, either way (undocumented). */
  signatureWindowMs: z.number().int().positive().default(5 * 60_000),
  /** Calls per rolling second per vendorId before 429 (B8: "more than 10 calls per second"). */
  rateLimitPerSecond: z.number().int().positive().default(10),
  /** Whether a 429 answer counts toward the limit (undocumented). */
  refusedCallsCount: z.boolean().default(false),
  /** Invoice upload on a box still ACCEPT (not acknowledged): refused with INVALID_STATUS, or taken. */
  invoiceBeforeAck: z.enum(['refuse', 'accept']).default('refuse'),
  /** Acknowledging a box already INSTRUCT: a failure like any non-ACCEPT box (docs), or a success. */
  ackWhenInstruct: z.enum(['fail', 'ok']).default('fail'),
  /** The same invoice number on another order: DUPLICATE_INVOICE_NUMBER, or allowed (bundles). */
  duplicateInvoice: z.enum(['reject', 'allow']).default('reject'),
  /** PATCH accepted where the current docs say PUT (open question 7: older source says PATCH). */
  acceptPatch: z.boolean().default(true),
  /** Split shipping: the shipped items get a new shipmentBoxId (default), or the first shipped group keeps the box's. */
  splitKeepsBox: z.boolean().default(false),
  /** Which time an ordersheet is "created" at for createdAtFrom/To: payment (default: a sheet exists once paid) or the order. */
  createdAtIs: z.enum(['paidAt', 'orderedAt']).default('paidAt'),
  /** Day-mode ordersheet span at most this many days (undocumented). */
  dayRangeMaxDays: z.number().int().positive().default(31),
  /** Ordersheet pages: default and largest maxPerPage (docs: default 50; the cap is ours). */
  maxPerPage: z.number().int().positive().default(50),
  maxPerPageCap: z.number().int().positive().default(50),
  /** Seller-product pages (catalog): default and cap (undocumented). */
  productsPerPage: z.number().int().positive().default(10),
  /** Path vendorId other than the key's vendor: 401 `Request is not authorized.` or 403. */
  vendorMismatchStatus: z.union([z.literal(401), z.literal(403)]).default(401),
  /** Inquiry windows: `end − start ≤ 7 days` read as a difference (8 calendar days), or 7 calendar days at most. */
  inquiryWindow: z.enum(['difference', 'calendarDays']).default('difference'),
  /** A second reply to an answered product inquiry: refused (400), or appended. */
  secondOnlineReply: z.enum(['refuse', 'append']).default('refuse'),
  /** Call-centre `vendorItemId`: an array as the sample prints it, or a number as the field list says. */
  ccVendorItemId: z.enum(['array', 'number']).default('array'),
  /** A call-centre reply's parentAnswerId: the latest open agent row, any open agent row, or optional. */
  parentAnswerId: z.enum(['latestTransfer', 'anyTransfer', 'optional']).default('latestTransfer'),
  /** The longest answer taken (characters; null: no limit). */
  answerMaxChars: z.number().int().positive().nullable().default(4000),
  /** `replyBy`/`confirmBy` may also be the vendorId (the refusal's wording offers it). */
  replyByVendorId: z.boolean().default(false),
  maxLogEntries: z.number().int().positive().default(10_000),
});

export type CoupangOptions = z.output<typeof CoupangOptionsSchema>;
export type CoupangOptionsInput = z.input<typeof CoupangOptionsSchema>;
