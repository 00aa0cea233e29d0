/**
 * The one port between the jobs and any sales channel (Cafe24 today; Naver SmartStore and
 * Coupang next). A channel is a folder under src/channels that implements `SalesChannel`; the
 * registry maps a partner row's channel to it. Jobs speak only this module's words: accounts,
 * requests, neutral results and `ChannelError`. A channel never sends anything itself: it builds
 * requests and reads answers, and the gateway (src/jobs/gateway.ts) sends every partner's
 * requests of every channel in the same `fetchAll` rounds, signing and pacing each with its
 * channel's transport.
 */
import type { HttpMethod, HttpRequest, HttpResponse } from '../core/http';
import type { CarrierRule } from '../core/carriers';
import type { MallClaimState, MallCommand } from '../core/claims';
import type { Krw } from '../core/krw';
import type { InquirySeen } from '../core/inquiries';
import type { Carrier, ChannelId, OrderLine } from '../core/order';
import type { Partner } from '../core/partner';
import type { Clock, HttpPort, KeyValueStore, LockPort } from '../core/ports';
import type { NewsAnswer, NewsQuestion } from './relay-wire';

/** A partner's account at its channel, made from the partner row by the channel (validated). */
export interface ChannelAccount {
  readonly channel: ChannelId;
  readonly partnerId: string;
  /** The account's id at the channel (a Cafe24 mall id, a seller id): logs and pacing use it. */
  readonly accountId: string;
}

// ---------------------------------------------------------------- errors

export type ChannelErrorKind =
  | 'network' // no answer (status 0: timeout, DNS, reset)
  | 'badRequest' // 400
  | 'auth' // 401: token missing, invalid or expired
  | 'scope' // 403 for a missing permission
  | 'forbidden' // 403 otherwise
  | 'notFound' // 404
  | 'conflict' // 409
  | 'invalid' // 422: a value the channel refused
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'client' // another 4xx
  | 'response' // a 2xx answer that cannot be read
  | 'oauth'; // the token endpoint refused

export interface ChannelErrorInfo {
  /** null when no channel can be named (a partner no longer listed). */
  readonly channel: ChannelId | null;
  readonly accountId: string;
  readonly call: string;
  readonly status: number;
  readonly kind: ChannelErrorKind;
  /** The channel's own error code, when it gave one. */
  readonly code: number | string | null;
  /** The channel's own message, verbatim. */
  readonly channelMessage: string | null;
  readonly retryable: boolean;
  /** Only a new consent (or new keys) helps. */
  readonly reconnect: boolean;
  /** Korean, for the sheet's status cells. */
  readonly userMessage: string;
  /** What the log line says after "[account] call: ". */
  readonly detail: string;
}

/**
 * What went wrong talking to one account, in two voices: `message` (English, for the log,
 * naming the account and the call) and `userMessage` (Korean, for the sheet).
 */
export class ChannelError extends Error {
  override readonly name: string = 'ChannelError';

  constructor(info: ChannelErrorInfo) {
    super(`[${info.accountId}] ${info.call}: ${info.detail}`);
    const { detail: _detail, ...fields } = info;
    Object.assign(this, fields);
  }
}
// The fields the constructor copies from its info (declared once, there).
export interface ChannelError extends Readonly<Omit<ChannelErrorInfo, 'detail'>> {}

/** An error that only a new consent cures: the account is left alone until then. */
export function endsConnection(e: ChannelError): boolean {
  return e.reconnect && (e.kind === 'oauth' || e.kind === 'auth');
}

// ---------------------------------------------------------------- requests and the gateway

declare const SESSION: unique symbol;
/** What signs a request: opaque to jobs; each channel knows its own (a token, keys). */
export type ChannelSession = { readonly [SESSION]: true };

export interface ChannelRequest<T> {
  readonly account: ChannelAccount;
  /** The call's name in logs and errors ("orders.list"). */
  readonly call: string;
  readonly build: (session: ChannelSession) => HttpRequest;
  /** Reads an accepted answer; may throw ChannelError (a body that does not fit). */
  readonly read: (r: HttpResponse) => T;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ChannelError; readonly deferred: boolean };

/**
 * Plain requests of no account (the relay's news) sent in the first fetchAll of a run of
 * channel requests, so they cost no round trip of their own; each is sent once, never retried,
 * and `answered` gets their answers in order (status 0: no answer).
 */
export interface Alongside {
  readonly requests: readonly HttpRequest[];
  answered(responses: readonly HttpResponse[]): void;
}

/** Sends requests (any accounts, any channels) and answers each, in order. */
export interface Gateway {
  run<T>(requests: readonly ChannelRequest<T>[], alongside?: Alongside): Outcome<T>[];
}

/** What to do with one answer (see each channel's retry rules). */
export type RetryDecision =
  | { readonly action: 'accept' }
  | { readonly action: 'retry'; readonly delayMs: number }
  | { readonly action: 'refreshToken' }
  /** Give up for this run, the request may succeed later. */
  | { readonly action: 'defer' }
  | { readonly action: 'fail' };

/**
 * A channel's way of sending: sessions (tokens and their refresh), pacing (how many requests an
 * account may take now), and what each answer means. `P` is its pacing state per account, kept
 * between runs under `pacingKey`; `H` what it remembers of one request's tries.
 */
export interface Transport<P = unknown, H = unknown> {
  readonly channel: ChannelId;
  /** The cache key under which every account's pacing state of this channel is kept. */
  readonly pacingKey: string;
  session(account: ChannelAccount): ChannelSession | ChannelError;
  /** After a refusal of `used`: a new session, or why there is none. */
  refresh(account: ChannelAccount, used: ChannelSession): ChannelSession | ChannelError;
  /** The account refused what only a new consent cures: nothing calls it until then. */
  endConnection(account: ChannelAccount, error: ChannelError, used: ChannelSession): void;
  initialPacing(now: number): P;
  /** How many requests the account may take in one round now. */
  allowance(state: P, now: number): number;
  /** How long until it may take one more. */
  delayMs(state: P, now: number): number;
  /** After a round: `responses` are this account's answers, sent at `sentAt`. */
  observe(state: P, responses: readonly HttpResponse[], sentAt: number, at: number): P;
  firstTry(): H;
  decide(method: HttpMethod, response: HttpResponse, history: H, at: number): { readonly decision: RetryDecision; readonly history: H };
  errorFrom(call: string, account: ChannelAccount, response: HttpResponse): ChannelError;
  /** Why a request goes to the next run: the time budget is spent, or the account throttles. */
  deferred(call: string, account: ChannelAccount, why: 'budget' | 'throttled'): ChannelError;
}

export interface TransportDeps {
  readonly store: KeyValueStore;
  readonly lock: LockPort;
  readonly http: HttpPort;
  readonly clock: Clock;
  readonly base64: (text: string) => string;
  /** Where an OAuth consent comes back to (the add-on's /usercallback). */
  readonly redirectUri: string;
  /** HMAC-SHA256 of `message` (UTF-8) under `key` (UTF-8), lower-case hex (Coupang's signature, the relay's). */
  readonly hmacSha256Hex: (key: string, message: string) => string;
  /** Our fixed-IP relay, for channels that accept calls only from registered addresses; null when none is set. */
  readonly relay: RelayPort | null;
}

/**
 * Carries a request to a marketplace through our relay (relay/ in this repository): turns the
 * request the channel built for the marketplace's own host into a signed request to the relay,
 * which forwards it from its registered address and answers the marketplace's answer verbatim.
 */
export interface RelayPort {
  forward(request: HttpRequest): HttpRequest;
  /** A signed POST of JSON `payload` to the relay's own `path` (its Cafe24 news), forwarded nowhere. */
  own(path: string, payload: string): HttpRequest;
}

// ---------------------------------------------------------------- capabilities

/** One paged read: its request answers a page and, unless done, the read that follows. */
export interface PagedRead<T> {
  readonly request: ChannelRequest<{ readonly items: readonly T[]; readonly next: PagedRead<T> | null }>;
}

/**
 * Orders changed since an opaque cursor. A collect is one or more paged reads; the one marked
 * `movesCursor` carries the cursor to keep once it has been read to its end (the job keeps it
 * only after the lines are in the sheet).
 */
export interface OrderRead {
  readonly read: PagedRead<OrderLine>;
  /** The cursor to keep when this read completes; null for reads that move none. */
  readonly cursorWhenDone: string | null;
}

/**
 * How deep a collect looks for claims on orders older than its order read (Cafe24 lists those by
 * claim date, one date type a request): not at all, the date type whose turn it is, or all.
 */
export type ClaimDepth = 'none' | 'turn' | 'all';

/** What one collect reads; a channel whose order feed carries its claims reads it whole. */
export interface CollectScope {
  /** The orders since the cursor (false: only claims, the orders were read this run already). */
  readonly orders: boolean;
  readonly claims: ClaimDepth;
  /** Advances by one each backstop period: which claim date type is read in turn. */
  readonly claimTurn: number;
}

export interface OrdersCapability {
  /**
   * The reads of one collect. `cursor` null: never collected (the channel picks how far back).
   * `turn` advances by one each minute, for what a channel reads in rotation. Without `scope`:
   * the orders and the claim date type of this `turn`.
   */
  collect(account: ChannelAccount, cursor: string | null, now: number, turn: number, scope?: CollectScope): readonly OrderRead[];
  /**
   * Whether a completed read's new cursor is worth a property write (absent: whenever it moved).
   * A cursor that moves with the clock may stay behind while the feed is quiet: the next read
   * covers a little more, and a quiet minute writes nothing. `sawLines`: the read brought lines.
   */
  keepCursor?(stored: string | null, next: string, sawLines: boolean): boolean;
  /**
   * Reads given orders again, whole; each request names the orders it answers for. `items` are
   * the order items the caller has in hand: a channel that reads by item, not by order (Naver's
   * product orders), reads those.
   */
  reread(
    account: ChannelAccount,
    orderIds: readonly string[],
    now: number,
    items?: ReadonlyArray<{ readonly orderId: string; readonly itemId: string }>,
  ): ReadonlyArray<RereadStep & { readonly orderIds: readonly string[] }>;
}

/**
 * One read of a re-read. `then`: for a channel that keeps an order and its claims apart
 * (Coupang), the read that completes these lines, made from them; its lines replace them.
 */
export interface RereadStep {
  readonly request: ChannelRequest<OrderLine[]>;
  readonly then?: (lines: OrderLine[]) => RereadStep | null;
}

/** Where a SKU's stock lives in a channel account: its product and option there. */
export interface StockAddress {
  readonly productNo: string;
  readonly variantCode: string;
}

export interface StockCapability {
  /** The account's catalog, paged: which product and option carry each of our SKUs. */
  catalog(account: ChannelAccount): PagedRead<{ readonly sku: string; readonly address: StockAddress }>;
  setQuantity(account: ChannelAccount, address: StockAddress, quantity: number): ChannelRequest<void>;
}

/** A parcel to announce: items of one order under one tracking number. */
export interface Parcel {
  readonly account: ChannelAccount;
  readonly orderId: string;
  readonly itemIds: readonly string[];
  readonly carrier: Carrier;
  readonly trackingNo: string;
  /** The channel's id of a shipment already registered as standby for these items, if any. */
  readonly standbyId: string | null;
}

/**
 * The channel's answer to one parcel. `unknown`: it may have been carried out (a create that got
 * no answer), so it is checked, never resent blindly; `already`: refused as already registered.
 */
export type ParcelAnswer =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly retry: boolean; readonly unknown: boolean; readonly already: boolean; readonly text: string };

export interface ShippingCapability {
  /**
   * The carriers the account has registered, with the codes a shipment must carry: a request, or
   * the list itself for a channel whose codes are fixed and has no carrier endpoint (Naver, Coupang).
   */
  carriers(account: ChannelAccount): ChannelRequest<Carrier[]> | readonly Carrier[];
  /** The account's carrier for a rule, or null when it has not registered that carrier. */
  carrierFor(rule: CarrierRule, registered: readonly Carrier[]): Carrier | null;
  /** Announces parcels (every account in the same rounds); answers in parcel order. */
  send(parcels: readonly Parcel[], gateway: Gateway): ParcelAnswer[];
  /** The channel's own status code of an item in transit, for the row until it is read again. */
  readonly inTransitCode: string;
}

export interface ClaimAction {
  readonly orderId: string;
  readonly itemId: string;
  readonly claimCode: string;
  readonly quantity: number;
  readonly command: MallCommand;
  /** The seller refunds the buyer at the payment gateway (the own mall; a reseller refunds its own). */
  readonly refundAtGateway: boolean;
}

export interface ClaimsCapability {
  /** Where a claim stands from the channel's status code; null for a code it does not document. */
  stateOf(rawStatus: string): MallClaimState | null;
  /** The call that carries out staff's answer; its value is the claim's status word as the channel says it. */
  act(account: ChannelAccount, action: ClaimAction): ChannelRequest<string>;
}

/** What a product is, as every channel needs it told. */
export interface ListingFields {
  readonly productName: string;
  readonly price: Krw;
  readonly supplyPrice: Krw;
  readonly retailPrice?: Krw;
  /** Our SKU, the code the product carries at the channel. */
  readonly customProductCode?: string;
  readonly display?: boolean;
  readonly selling?: boolean;
}

interface PushStepBase {
  readonly sku: string;
  readonly partnerId: string;
  /** What the account holds once the step succeeds: kept as the pair's fingerprint. */
  readonly fingerprint: string;
}

export type ProductPushStep =
  | (PushStepBase & {
      readonly kind: 'create';
      readonly fields: ListingFields;
      /** What to send instead when the account already carries the SKU (for a reseller no price). */
      readonly whenFound: Partial<ListingFields>;
    })
  | (PushStepBase & {
      readonly kind: 'update';
      readonly productNo: string;
      readonly patch: Partial<ListingFields>;
      /** Never sent to this product: it is read first, and only one whose own code is the SKU gets the patch. */
      readonly firstSend: boolean;
    })
  | (PushStepBase & {
      /** Turn on stock management of a product option we created. */
      readonly kind: 'stockManagement';
      readonly productNo: string;
      readonly variantCode: string;
    });

/** The fingerprint of a SKU the account sells as one option of a product shared with others. */
export const OPTION_ITEM = 'option';

interface PushResultBase {
  readonly sku: string;
  readonly partnerId: string;
  /** Korean, for the pair's status cell; '' when all went well. */
  readonly status: string;
}

/**
 * What became of one step. `productNo` is the pair's product as now known; `fingerprint` what it
 * holds: on success the step's, '' when a product was found but not updated (content unknown),
 * null when what we knew does not change.
 */
export type ProductPushResult =
  /** `stockOff`: the option whose stock management could not be turned on yet (null when on). */
  | (PushResultBase & { readonly ok: true; readonly action: 'created'; readonly productNo: string; readonly variantCode: string | null; readonly fingerprint: string; readonly stockOff: string | null })
  | (PushResultBase & { readonly ok: true; readonly action: 'updated'; readonly productNo: string; readonly fingerprint: string })
  /** The SKU is one option of a product: linked (its stock goes), no information sent. */
  | (PushResultBase & { readonly ok: true; readonly action: 'optionItem'; readonly productNo: string; readonly variantCode: string; readonly fingerprint: typeof OPTION_ITEM })
  | (PushResultBase & { readonly ok: false; readonly action: 'failed'; readonly productNo: string | null; readonly fingerprint: '' | null })
  /** Not sent (time, throttling, no token yet): the step goes again next time. */
  | (PushResultBase & { readonly ok: false; readonly action: 'deferred'; readonly productNo: string | null; readonly fingerprint: '' | null })
  /** The product is gone from the account: forget the link; the next attempt looks up and creates. */
  | (PushResultBase & { readonly ok: false; readonly action: 'unlinked'; readonly productNo: null; readonly fingerprint: null });

export interface ProductsCapability {
  /** What the channel would refuse in these fields, said before sending (Korean), or null. */
  refusal(fields: Partial<ListingFields>): string | null;
  /**
   * Carries out the steps for accounts of this channel (all in the gateway's rounds), never
   * creating a product twice: a create first looks the SKU up. Results in step order.
   */
  push(steps: readonly ProductPushStep[], accounts: ReadonlyMap<string, ChannelAccount>, gateway: Gateway): ProductPushResult[];
}

/** How staff connect an account of the channel. */
export type ConnectKind = 'oauth' | 'apiKeys';

/** One field staff enter (in the sidebar, never in a cell) to connect an API-key channel. */
export interface ApiKeyField {
  readonly name: string;
  /** Korean, as the channel's own seller centre names it ("애플리케이션 ID"). */
  readonly label: string;
  /** Never shown again once saved. */
  readonly secret: boolean;
  /** May be left empty: only some calls need it, and they say so when it is missing. */
  readonly optional?: boolean;
}

/** One order item to confirm (발주확인) at the channel, as its row names it. */
export interface ConfirmItem {
  readonly orderId: string;
  readonly itemId: string;
  /** The channel's id the confirm call needs beyond the item (a shipment box), when it has one. */
  readonly channelShipmentId: string | null;
}

export type ConfirmAnswer =
  | { readonly itemId: string; readonly ok: true }
  | { readonly itemId: string; readonly ok: false; readonly text: string };

/**
 * 발주확인: telling a marketplace the seller has taken new paid orders in hand (Naver confirm,
 * Coupang acknowledgement). Before it the buyer may cancel freely; after it shipping can begin.
 */
export interface ConfirmCapability {
  /** The calls confirming these items, grouped as the channel allows (each names the items it carries and answers each). */
  confirm(account: ChannelAccount, items: readonly ConfirmItem[]): ReadonlyArray<{ readonly itemIds: readonly string[]; readonly request: ChannelRequest<ConfirmAnswer[]> }>;
}

/** One page of an inquiry read: what it shows, the page after it, and (on the last page) the cursor to keep. */
export interface InquiryPage {
  readonly items: readonly InquirySeen[];
  readonly next: InquiryRead | null;
  /** Set on the last page of a collect: what to pass next time. */
  readonly cursor: string | null;
}

export interface InquiryRead {
  readonly request: ChannelRequest<InquiryPage>;
}

/** The channel's answer to an answer posted: its id there, to read back and to edit. */
export interface PostedAnswer {
  readonly answerId: string | null;
  /**
   * The call that still has to go, built from this one's answer (Coupang reads a call-centre
   * inquiry to learn which message its answer replies to, or that it wants a confirm).
   */
  readonly then?: ChannelRequest<PostedAnswer>;
}

/**
 * Buyers' questions (product Q&A, 1:1, CS inquiries) and their answers. A collect is a chain of
 * paged reads of what is new or changed since an opaque cursor (null: never read; the channel
 * picks how far back). Posting is never blind: an answer whose outcome is unknown is looked for
 * with `readBack` before anything is sent again.
 */
export interface InquiriesCapability {
  collect(account: ChannelAccount, cursor: string | null, now: number): InquiryRead;
  /**
   * Posts an answer to one inquiry (its title, for channels whose answers carry one). For an
   * inquiry of kind `transfer` the text is empty: the call confirms the hand-over.
   */
  answer(account: ChannelAccount, inquiry: { readonly inquiryId: string; readonly title: string }, text: string): ChannelRequest<PostedAnswer>;
  /** Replaces an answer posted before; absent where the channel keeps answers as they were posted. */
  update?(account: ChannelAccount, inquiryId: string, answerId: string, text: string): ChannelRequest<void>;
  /**
   * Reads these inquiries again as they are now (answers included), looking from `since` on.
   * `askedFrom`: when the oldest of them was asked, for channels whose lists filter on that.
   */
  readBack(account: ChannelAccount, inquiryIds: readonly string[], since: number, now: number, askedFrom?: number): InquiryRead;
}

export interface SalesChannel {
  readonly id: ChannelId;
  /** Its name in the sheet's messages ("카페24"). */
  readonly label: string;
  readonly connect: ConnectKind;
  /** For `apiKeys` channels: what staff enter to connect (kept in properties, never in cells). */
  readonly apiKeys?: readonly ApiKeyField[];
  /**
   * Keeps keys staff entered (checked against `apiKeys`), and forgets what was made from the old
   * ones (a token, a reconnect mark). Absent: kept as they are under `{channel}.keys.{partnerId}`.
   */
  saveKeys?(store: KeyValueStore, partnerId: string, keys: Readonly<Record<string, string>>): void;
  /** The account a partner row names; throws an Error whose message tells staff what to fix. */
  account(partner: Partner): ChannelAccount;
  /** The cache key of its transport's pacing state (read with the sync's other kept values). */
  readonly pacingKey: string;
  /** The keys of a document's connection to this channel (kept with the connection's owner). */
  isConnectionKey(key: string): boolean;
  /** Connected and usable now (a consent given and not found revoked). */
  isConnected(store: KeyValueStore, partnerId: string): boolean;
  /** Why a connected account waits for a reconnect, or null. */
  reconnectReason(store: KeyValueStore, partnerId: string): string | null;
  transport(deps: TransportDeps): Transport;
  readonly orders: OrdersCapability;
  readonly stock?: StockCapability;
  readonly products?: ProductsCapability;
  readonly shipping?: ShippingCapability;
  readonly claims?: ClaimsCapability;
  readonly confirm?: ConfirmCapability;
  readonly inquiries?: InquiriesCapability;
  readonly webhooks?: WebhookCapability;
}

/**
 * A channel whose webhooks our relay hears: once a minute the sync asks the relay which accounts
 * have news (in the run's first fetchAll), reads those now and the quiet ones on its backstop
 * cadence (src/jobs/order-cadence.ts).
 */
export interface WebhookCapability {
  /** The question for these accounts (their `accountId`s), signed for the relay. */
  request(relay: RelayPort, question: NewsQuestion): HttpRequest;
  /** The relay's answer, or why there is none (then every account is read as without a relay). */
  read(response: HttpResponse): { readonly ok: true; readonly answer: NewsAnswer } | { readonly ok: false; readonly why: string };
}
