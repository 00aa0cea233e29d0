import { statusFromCell } from '../sheet/orders';
import { layoutOf } from '../sheet/layout';
import { ORDERS } from '../sheet/tabs';

/** Columns of an order that stay as they were once the parcel is in transit. */
const LOCKED_AFTER_SHIPPING = ['carrier', 'trackingNo'] as const;
const SHIPPED = new Set(['shipping', 'delivered']);

/**
 * After "in transit" no change is possible (DOMAIN): an edit of a shipped row's carrier or
 * tracking number is put back and the person told why. Only single-cell edits carry the old
 * value (Apps Script gives `oldValue` for those only), so a paste over several cells is left to
 * the sync, which never sends a number for a shipped row. Returns the message shown, or null.
 */
export function guardShippedRow(e: GoogleAppsScript.Events.SheetsOnEdit): string | null {
  const range = e.range;
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1 || range.getRow() < 2) return null;
  const sheet = range.getSheet();
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] ?? [];
  const layout = layoutOf(ORDERS, header);
  const column = range.getColumn() - 1;
  if (!LOCKED_AFTER_SHIPPING.some((k) => layout.index.get(k) === column)) return null;
  const statusCol = layout.index.get('orderStatus');
  const shippedCol = layout.index.get('shippedAt');
  if (statusCol === undefined || shippedCol === undefined) return null;
  // A parcel has left when the mall says so or the row has a shipping time (a returned item
  // keeps it); an exchange's replacement waiting to ship has neither.
  const lo = Math.min(statusCol, shippedCol);
  const cells = sheet.getRange(range.getRow(), lo + 1, 1, Math.max(statusCol, shippedCol) - lo + 1).getValues()[0] ?? [];
  const status = statusFromCell(cells[statusCol - lo]);
  const shipped = (status !== null && SHIPPED.has(status)) || String(cells[shippedCol - lo] ?? '') !== '';
  if (!shipped) return null;
  range.setValue(e.oldValue ?? '');
  return '출고된 주문의 택배사·송장번호는 바꿀 수 없습니다. 카페24 관리자에서 수정하세요';
}
