/** The marks an edit leaves for the next run (see src/jobs/kept.ts), on the document's cache. */
import type { KeyValueStore } from '../core/ports';
import { EDITED_KEY, editMarks, KEEP_S, PRODUCT_EDITED_CACHE_KEY } from '../jobs/kept';
import { addonStore, documentCache, documentCacheService } from './adapters/stores';
import { clock } from './channel-runtime';

const marks = () => editMarks(documentCache(), clock);

/** Someone edited a tab the partners snapshot is made from: the next run reads it again. */
export const forgetPartnersSnapshot = (): void => marks().partnersEdited();
/** Someone edited the products or stock-ratio tab: the next run recomputes stock. */
export const markStockDirty = (): void => marks().stockEdited();
/** Someone edited the orders or import tab, or scanned a parcel: the next run looks. */
export const markShippingDirty = (): void => marks().shippingAsked();
/** onEdit of the claims tab: the next run looks at it. */
export const markClaimsEdited = (): void => marks().claimsEdited();
/** onEdit of the 문의 tab (an answer ticked, a template picked): the next run looks at it. */
export const markInquiriesEdited = (): void => marks().inquiriesEdited();
/**
 * onEdit: of the ledger or partners tab ('ledger': rows to record, holds to work out again), or of
 * the products tab ('prices': matters only while a period waits for a missing price).
 */
export const markSettlementDirty = (why: 'ledger' | 'prices' = 'ledger'): void => marks().settlementEdited(why);
/**
 * onEdit of the products, ratio or partners tab (and a mall just connected): the next run reads
 * the tabs and sends what changed. A script property, not a cache entry: it must not vanish.
 */
export function markProductsEdited(store: KeyValueStore = addonStore()): void {
  const at = String(Date.now());
  store.set(EDITED_KEY, at);
  // The sync reads this with its one cache read; the property above is what lasts.
  documentCacheService().put(PRODUCT_EDITED_CACHE_KEY, at, KEEP_S);
}
