/**
 * wallTime in UTC (tz.ts) reads the Date's own fields instead of asking Intl: it must give Intl's
 * reading exactly, BC years, year 0 and the ends of the Date range included.
 */
import { intlWallTime, wallTime } from '../../local/runtime/tz';

describe('the wall clock in UTC', () => {
  it("is Intl's reading at every instant", () => {
    const instants = [0, -1, 999, Date.parse('2026-11-23T23:59:59.999Z'), Date.parse('2024-02-29T12:00:00Z'), Date.UTC(0, 0, 1) - 1, Date.UTC(-1, 11, 31, 23, 59, 59), 8.64e15, -8.64e15, -62_135_596_800_001];
    for (let i = 0; i < 2000; i++) instants.push(Math.round((Math.sin(i * 7.1) * 4e14) / 1000) * 1000 + (i % 1000));
    for (const ms of instants) expect([ms, wallTime(ms, 'UTC')]).toEqual([ms, intlWallTime(ms, 'UTC')]);
  });

  it('still refuses an invalid instant as Intl does', () => {
    expect(() => wallTime(NaN, 'UTC')).toThrow(RangeError);
    expect(() => wallTime(8.64e15 + 1, 'UTC')).toThrow(RangeError);
  });
});
