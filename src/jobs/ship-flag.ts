/**
 * "Staff asked for shipping" between runs: an edit of the orders or import tab, a scan that could
 * not run, a settlement hold released. The flag lives in the script cache (read with the sync's
 * one cache read). It is forgotten only once a shipping step has succeeded.
 */
import type { CachePort } from '../core/ports';
import { SHIP_DIRTY_KEY, SHIP_HANDLED_KEY } from './kept';


/** Whether a shipping step is asked for. */
export function shippingAsked(kept: Readonly<Record<string, string>>): boolean {
  const mark = kept[SHIP_DIRTY_KEY];
  return Boolean(mark) && mark !== kept[SHIP_HANDLED_KEY];
}

/**
 * A shipping step begins. `done()` gives what to keep with the run's cache write once the step
 * has succeeded.
 */
export function startShipping(kept: Readonly<Record<string, string>>, _cache: CachePort): { done(): Record<string, string> } {
  // Nothing is cleared now: a run that dies in the step leaves the ask. Once done, the mark read
  // at the start is recorded as answered; an edit during the step left a new mark, still asked.
  const mark = kept[SHIP_DIRTY_KEY];
  return { done: (): Record<string, string> => (mark ? { [SHIP_HANDLED_KEY]: mark } : {}) };
}
