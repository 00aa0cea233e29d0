/** The marks an edit leaves for the next run (see src/jobs/kept.ts), on the document's cache. */
import { editMarks } from '../jobs/kept';
import { documentCache } from './adapters/stores';
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
/**
 * onEdit: of the ledger or partners tab ('ledger': rows to record, holds to work out again), or of
 * the products tab ('prices': matters only while a period waits for a missing price).
 */
export const markSettlementDirty = (why: 'ledger' | 'prices' = 'ledger'): void => marks().settlementEdited(why);
