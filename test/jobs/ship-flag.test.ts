import { shipDirtyMark, SHIP_DIRTY_KEY } from '../../src/jobs/kept';
import { shippingAsked, startShipping } from '../../src/jobs/ship-flag';
import { MemoryCache, T0 } from './memory-ports';

/**
 * A tracking number typed (or an import pasted, a hold released) asks the next run for a
 * shipping step. The ask is forgotten only once a step has succeeded: a run that dies in its
 * step (the six minutes, an error) leaves it for the next run, and an edit made while a step
 * runs is not lost either.
 */
const mark = (cache: MemoryCache, at: number) => cache.putAll({ [SHIP_DIRTY_KEY]: shipDirtyMark(at) }, 21_600);
/** One sync run: its one cache read, the step, and (if it gets there) its one cache write. */
function run(cache: MemoryCache, step: () => void = () => {}): boolean {
  const kept = cache.getAll([SHIP_DIRTY_KEY, 'shipping.handled']);
  if (!shippingAsked(kept)) return false;
  const s = startShipping(kept, cache);
  step();
  cache.putAll(s.done(), 21_600);
  return true;
}

test('a run that dies in its shipping step leaves the ask for the next run', () => {
  const cache = new MemoryCache();
  mark(cache, T0);
  expect(() =>
    run(cache, () => {
      throw new Error('Exceeded maximum execution time');
    }),
  ).toThrow();
  expect(run(cache)).toBe(true);
  // Done now: the run after that has nothing to ship.
  expect(run(cache)).toBe(false);
});

test('an edit while the step runs is asked again of the next run', () => {
  const cache = new MemoryCache();
  mark(cache, T0);
  expect(run(cache, () => mark(cache, T0 + 1))).toBe(true);
  expect(run(cache)).toBe(true);
  expect(run(cache)).toBe(false);
});

test('nothing asked, no step', () => {
  expect(run(new MemoryCache())).toBe(false);
});
