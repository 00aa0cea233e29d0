/**
 * The fakes' request logs keep their newest entries only; a full log must cost a request no more
 * than an empty one (a month of minutes sends each fake far more requests than the cap).
 */
import { BoundedLog } from '../../local/fakes/bounded-log';

describe('a bounded request log', () => {
  it('keeps the newest `max` entries, oldest first, and counts the dropped ones', () => {
    const log = new BoundedLog<number>(3);
    for (let i = 1; i <= 2; i++) log.add(i);
    expect([log.items(), log.dropped]).toEqual([[1, 2], 0]);
    for (let i = 3; i <= 8; i++) log.add(i);
    expect([log.items(), log.dropped]).toEqual([[6, 7, 8], 5]);
    log.add(9);
    expect([log.dropped, log.items(), log.dropped]).toEqual([6, [7, 8, 9], 6]);
    log.clear();
    log.add(10);
    expect([log.items(), log.dropped]).toEqual([[10], 0]);
  });

  it('drops old entries without copying the whole log on every request once it is full', () => {
    const log = new BoundedLog<{ at: number }>(20_000);
    const started = performance.now();
    for (let i = 0; i < 400_000; i++) log.add({ at: i });
    const ms = performance.now() - started;
    expect(log.items()[0]).toEqual({ at: 380_000 });
    expect(log.dropped).toBe(380_000);
    // Copying the full log on each of the 380,000 requests past the cap takes minutes.
    expect(ms).toBeLessThan(2_000);
  });
});
