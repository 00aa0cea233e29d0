/**
 * Orders as the sheet sees them, whatever channel they came from: one line per ordered item.
 * Channels map their own shapes into these; unpaid orders never become lines (DOMAIN: unpaid
 * orders are excluded), so no status here means "not paid".
 */
import type { Krw } from './krw';

export type ChannelId = 'cafe24' | 'naver' | 'coupang';

/**
 * Where an item stands. Fulfilment: paid (waiting to be worked on) → preparing → standby (tracking
 * number registered, not yet picked up) → shipping → delivered. Claims: *Requested while open,
 * then cancelled / returned / exchanged when done, or refunded when done and the money is back
 * (which claim it was is in `OrderLine.claim`).
 */
export const ORDER_LINE_STATUSES = [
  'paid',
  'preparing',
  'standby',
  'shipping',
  'delivered',
  'cancelRequested',
  'cancelled',
  'returnRequested',
  'returned',
  'exchangeRequested',
  'exchanged',
  'refunded',
] as const;
export type OrderLineStatus = (typeof ORDER_LINE_STATUSES)[number];

export type ClaimKind = 'cancel' | 'return' | 'exchange';

/** A carrier (택배사) as a channel names it: its code there and its display name. */
export interface Carrier {
  readonly code: string;
  readonly name: string;
}

export interface OrderLine {
  readonly channel: ChannelId;
  readonly partnerId: string;
  readonly orderId: string;
  /** The channel's id of the ordered item; unique within a channel account. */
  readonly itemId: string;
  /** Epoch ms. */
  readonly orderedAt: number;
  readonly paidAt: number | null;
  /** The seller's own code for what is picked and packed; null when the channel has none. */
  readonly sku: string | null;
  readonly productName: string;
  /** Option text as the channel prints it ("색상=베이지"); '' without options. */
  readonly optionText: string;
  readonly quantity: number;
  /** Price of one unit including its option surcharge, before discounts. */
  readonly unitPrice: Krw;
  /** unitPrice × quantity. */
  readonly amount: Krw;
  readonly buyerName: string;
  readonly receiverName: string;
  readonly receiverPhone: string;
  readonly receiverZip: string;
  readonly receiverAddress1: string;
  readonly receiverAddress2: string;
  /** The buyer's delivery message, verbatim (it may start with "=": write it as text). */
  readonly message: string;
  readonly status: OrderLineStatus;
  /** The claim the item is or was in, if any. */
  readonly claim: ClaimKind | null;
  /** The channel's id of that claim; null without a claim. */
  readonly claimCode: string | null;
  /** Why the buyer asked, as the channel gives it; '' when it gives none. */
  readonly claimReason: string;
  /** When the claim was requested (epoch ms), when the channel says. */
  readonly claimRequestedAt: number | null;
  /**
   * The replacement item an exchange creates (the channel marks it so): it ships once the
   * exchange completes, and is not itself a claim.
   */
  readonly replacement: boolean;
  /** The channel's own status code (e.g. N10), for the log and support. */
  readonly rawStatus: string;
  readonly carrier: Carrier | null;
  readonly trackingNo: string | null;
  readonly shippedAt: number | null;
  /** Channel ids needed to act on the line later (stock, shipments). */
  readonly channelProductId: string | null;
  readonly channelVariantId: string | null;
  readonly channelShipmentId: string | null;
}
