/**
 * Sheets' sort order. Ascending: numbers (dates are numbers) < text < booleans (FALSE < TRUE),
 * with blanks always last in either direction; descending reverses everything but the blanks
 * (reference §1.2 row 25: descending over false, 10, 15 puts false first). Text compares
 * case-insensitively. Equal keys keep their order (stable), so a later key can break ties.
 * [R] Error values (#NAME?) sort as text here; Sheets puts them after booleans.
 */
import type { Scalar } from './formula';

function typeRank(v: Scalar): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

const collator = new Intl.Collator('ko', { sensitivity: 'base', numeric: false });

/** Compares two non-blank values ascending. */
function compareValues(a: Scalar, b: Scalar): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return Number(a) - Number(b);
}

export interface SortKey {
  /** 0-based index into each row's key tuple. */
  index: number;
  ascending: boolean;
}

/**
 * Returns the new order of rows: result[i] is the old position of the row that goes to i.
 * `keyOf(row, index)` gives a row's value for a key.
 */
export function sortOrder(count: number, keys: readonly SortKey[], keyOf: (row: number, index: number) => Scalar): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const cache = keys.map((k) => Array.from({ length: count }, (_, row) => keyOf(row, k.index)));
  order.sort((x, y) => {
    for (let k = 0; k < keys.length; k++) {
      const vals = cache[k];
      const key = keys[k];
      if (!vals || !key) continue;
      const a = vals[x] ?? '';
      const b = vals[y] ?? '';
      const blankA = a === '';
      const blankB = b === '';
      if (blankA && blankB) continue;
      if (blankA) return 1;
      if (blankB) return -1;
      const c = compareValues(a, b);
      if (c !== 0) return key.ascending ? c : -c;
    }
    return x - y;
  });
  return order;
}
