/**
 * Everything a run keeps for the next, in one place: each key, where it lives and for how long,
 * and the marks an edit leaves for the next run.
 *
 * Where: the document's cache (CacheService: fast, read in one round trip by the sync, lost at
 * will), the document's properties (what must last: what was pushed, the ledger's record), and
 * the connection owner's user properties (secrets, tokens, cursors: src/gas/adapters/stores.ts
 * routes those by the channel's `isConnectionKey`). A cache entry only ever saves work: losing
 * one costs a sheet read, never data.
 */
import type { CachePort, Clock } from '../core/ports';
import type { ChannelAccount } from '../channels/port';

/**
 * What a run keeps in the cache lives six hours (CacheService's longest): an Editor add-on runs
 * hourly, and its health, fingerprints and pacing must outlive the gap between two runs.
 */
export const KEEP_S = 21_600;

/**
 * The marks staff's edits leave for the next run, each read by the sync with its one cache read.
 * `cache` is the document's; `clock` stamps the marks that must tell one edit from another.
 */
export function editMarks(cache: CachePort, clock: Clock) {
  const keep = (key: string, value: string) => cache.putAll({ [key]: value }, KEEP_S);
  return {
    /** A tab the partners snapshot is made from changed: the next run reads it again. */
    partnersEdited: () => cache.remove(PARTNERS_SNAPSHOT_KEY),
    /** The products or stock-ratio tab changed: the next run recomputes stock. */
    stockEdited: () => keep(STOCK_DIRTY_KEY, '1'),
    /** The orders or import tab changed, or a parcel was scanned: the next run ships. */
    shippingAsked: () => keep(SHIP_DIRTY_KEY, shipDirtyMark(clock.now())),
    /** The claims tab changed: the next run looks at it. */
    claimsEdited: () => keep(CLAIMS_EDITED_KEY, String(clock.now())),
    /** The 문의 tab changed (an answer ticked, a template picked): the next run looks at it. */
    inquiriesEdited: () => keep(INQUIRIES_EDITED_KEY, String(clock.now())),
    /** The ledger or partners tab changed ('ledger'), or the products tab ('prices'). */
    settlementEdited: (why: 'ledger' | 'prices') => keep(SETTLEMENT_DIRTY_KEY, why === 'prices' ? 'prices' : '1'),
  };
}

/** A fresh mark: every ask to ship is told from every other. */
export function shipDirtyMark(now: number): string {
  return `${now}-${Math.random().toString(36).slice(2, 10)}`;
}

// ---------------------------------------------------------------- the document's cache
// Read by the sync in its one cache read; each lives KEEP_S unless a mark says otherwise.

/** The partners tab as the sync needs it (dropped by an edit of the tab). */
export const PARTNERS_SNAPSHOT_KEY = 'config.partners';
/** When the last sync ran. */
export const HEARTBEAT_KEY = 'sync.lastRunAt';
/** Order lines the orders tab holds as they are (fingerprints: an idle minute writes none). */
export const RECENT_ORDERS_KEY = 'orders.recent';
/** Per partner and job, what the health view shows. */
export const HEALTH_KEY = 'sync.health';
/** When stock was last recomputed (it is at least every half hour). */
export const STOCK_CHECKED_KEY = 'stock.checkedAt';
/** Set while stock numbers wait for the next run's slice of pushing. */
export const STOCK_PENDING_KEY = 'stock.pending';
/** The Seoul day the products tab's stock cover figures were last brought up to date. */
export const STOCK_COVER_DAY_KEY = 'stock.coverDay';
/** Set by onEdit of the products or stock-ratio tab: the next run recomputes stock. */
export const STOCK_DIRTY_KEY = 'stock.dirty';
/** Set by an edit of the orders or import tab, a scan that could not run, a hold released. */
export const SHIP_DIRTY_KEY = 'shipping.dirty';
/** The mark the last successful step answered: the ask stands while the flag carries another. */
export const SHIP_HANDLED_KEY = 'shipping.handled';
/** What the sync reads with its one cache read. */
export const SHIP_FLAG_KEYS = [SHIP_DIRTY_KEY, SHIP_HANDLED_KEY] as const;
/**
 * Set while import rows (or scans) name orders the orders tab does not have yet: the next run
 * that brings new orders looks again, without reading the tabs every quiet minute.
 */
export const SHIP_WAITING_KEY = 'shipping.waiting';
/**
 * Set while 발주확인 requests wait for a later run (time, throttling, a server error): the next
 * run looks at the orders tab again. Ticks themselves are noticed through SHIP_DIRTY_KEY (an
 * edit of the orders tab).
 */
export const CONFIRM_RETRY_KEY = 'confirm.retry';
/** Set by onEdit of the claims tab (a time stamp, so an edit during a run is never lost). */
export const CLAIMS_EDITED_KEY = 'claims.edited';
/** What the step keeps between runs (see ClaimsState). */
export const CLAIMS_STATE_KEY = 'claims.state';
/** The cache entries the sync reads for this step, in its one read. */
export const CLAIMS_CACHE_KEYS = [CLAIMS_EDITED_KEY, CLAIMS_STATE_KEY] as const;
/** Set by onEdit of the 문의 tab (a time stamp, so an edit during a run is never lost). */
export const INQUIRIES_EDITED_KEY = 'inquiries.edited';
/** What the inquiries step keeps between runs (the edit it answered, when a row turns late next, work left). */
export const INQUIRIES_STATE_KEY = 'inquiries.state';
/** The cache entries the sync reads for the inquiries step, in its one read. */
export const INQUIRIES_CACHE_KEYS = [INQUIRIES_EDITED_KEY, INQUIRIES_STATE_KEY] as const;
/** The record, in document properties and (mirrored) in the script cache. */
export const SETTLEMENT_STATE_KEY = 'settlement.state';
/** Set by onEdit of the ledger or partners tab: the next run records staff's rows and works out holds. */
export const SETTLEMENT_DIRTY_KEY = 'settlement.dirty';
/** What the sync reads with its one cache read. */
export const SETTLEMENT_CACHE_KEYS = [SETTLEMENT_STATE_KEY, SETTLEMENT_DIRTY_KEY] as const;
/** The order archive's record (the Seoul day of the last whole pass), mirrored from document properties. */
export const ARCHIVE_STATE_KEY = 'archive.state';
/** What the sync reads for the archive step with its one cache read. */
export const ARCHIVE_CACHE_KEYS = [ARCHIVE_STATE_KEY] as const;
/** A copy of the product push's marks below (the properties are what lasts). */
export const PRODUCT_MARKS_CACHE_KEY = 'products.marks';
/** onEdit's mark in the cache too (the sync reads it with the copy, and never writes it). */
export const PRODUCT_EDITED_CACHE_KEY = 'products.editedAt';
/**
 * Each account's registered carriers, with the codes its shipments must carry. Kept in the
 * cache for six hours: accounts rarely change their carriers, and a stale list only costs one
 * refused shipment, after which the list is read again.
 */
export const carriersKey = (account: Pick<ChannelAccount, 'channel' | 'partnerId'>) => `${account.channel}.carriers.${account.partnerId}`;

// ---------------------------------------------------------------- the document's properties
// What must last: lost, it would cost a double send or a wrong figure.

/** Per SKU and partner, the product each account holds and the fingerprint of what it was sent. */
export const PUSHED_KEY = 'products.pushed';
/** When the last batch that sent anything went (epoch ms). */
export const LAST_BATCH_KEY = 'products.lastBatchAt';
/** When staff last edited the products, ratio or partners tab, or a mall was connected (onEdit). */
export const EDITED_KEY = 'products.editedAt';
/** When a run last read the tabs for products (its start). */
export const CHECKED_KEY = 'products.checkedAt';
/** How many pairs wait for a later batch, as the last read left them. */
export const WAITING_KEY = 'products.waiting';
/** Units that left the warehouse, noted before the shipped row is written (warehouse-out.ts). */
export const WAREHOUSE_OUT_KEY = 'warehouse.out';
/** Document property: per reseller, its sheet id, the addresses shared and the periods mailed. */
export const RESELLER_SHEETS_KEY = 'reseller.sheets';
/** Document property: e-mail resellers when a statement is ready (on unless set off). */
export const STATEMENT_MAIL_KEY = 'statementMail';
/**
 * The posted ledger entries as the add-on keeps them, to tell and undo any change people make
 * to the ledger tab (src/sheet/ledger-guard.ts). A fingerprint would tell a change but could not
 * put a deleted row back, so the entries themselves are kept: compact tuples, gzip, base64, in
 * chunks of under 8 KB (a property value holds 9 KB). Full chunks never change; an append
 * rewrites only the last one, so posting costs one or two property writes.
 *
 * Keys: `ledger.posted` (the index: entries per chunk) and `ledger.posted.N`.
 */
export const LEDGER_KEPT_KEY = 'ledger.posted';
/** Document property: accept cancel requests of unshipped items automatically (on unless set off). */
export const AUTO_ACCEPT_CANCEL_KEY = 'autoAcceptCancel';
/**
 * Document property: answers sent whose outcome is not known yet, and answers a channel refused
 * (so they are not sent again until staff change them). An answer pending here is read back at
 * its channel before anything is sent again: an answer is never posted twice.
 */
export const INQUIRY_POSTS_KEY = 'inquiries.posts';
/** Cache: which malls the minute reads, from the relay's webhook news (src/jobs/order-cadence.ts). */
export const CADENCE_KEY = 'orders.cadence';
/** Document property: minutes between two reads of a quiet mall, and of its claim dates (default 10). */
export const BACKSTOP_MINUTES_KEY = 'backstopMinutes';
/** Document property: minutes between two reads of each account's inquiries (default 10). */
export const INQUIRY_MINUTES_KEY = 'inquiryMinutes';
/**
 * Document property: the kind of account the add-on runs on ("workspace", else consumer). Apps
 * Script cannot be asked; the quota gauge and the quiet stride (order-cadence) go by it.
 */
export const QUOTA_ACCOUNT_KEY = 'quota.account';
/** Document property: months an order row stays on the orders tab once finished and settled (default 3; 0 or 끄기: never archived). */
export const ARCHIVE_MONTHS_KEY = 'archiveMonths';
/** Document property: the yearly archive books (year → spreadsheet id) and the latest time of any row moved there. */
export const ARCHIVE_BOOKS_KEY = 'archive.books';
/** The unique id of this document's sync trigger. */
export const TRIGGER_KEY = 'sync.triggerId';
/**
 * Who owns this spreadsheet's channel connections: the person who saved the app's credentials.
 * The client secret, the accounts' tokens and the sync trigger are theirs (their user
 * properties, their trigger: src/gas/adapters/stores.ts), so calls to the channels run as them.
 * The owner's address is no secret: it lives in the document properties, and the sidebar shows it.
 */
export const OWNER_KEY = 'cafe24.owner';

// ---------------------------------------------------------------- the connection owner's properties
// Besides each channel's own (its app, its tokens: src/channels/<name>), the order cursors.

/**
 * Whether a key is an order cursor: it means something only with the connection's tokens, so it
 * lives with them, in the connection owner's properties.
 */
export const isCursorKey = (key: string) => /^[a-z0-9]+\.(orders|inquiries)\.since\./.test(key);
/**
 * Where an account's inquiry cursor is kept (with the connection's owner, beside its tokens, so an
 * idle minute asks it of the store it has already read): the channel's cursor and when the account
 * is read next.
 */
export const inquiryCursorKey = (account: Pick<ChannelAccount, 'channel' | 'partnerId'>) => `${account.channel}.inquiries.since.${account.partnerId}`;
/** Where an account's order cursor is kept (with the connection's owner: stores.ts). */
export const cursorKey = (account: Pick<ChannelAccount, 'channel' | 'partnerId'>) => `${account.channel}.orders.since.${account.partnerId}`;
