/**
 * wallTime in UTC (tz.ts) reads the Date's own fields instead of asking Intl: it must give Intl's
 * reading exactly, BC years, year 0 and the ends of the Date range included.
 */
import { wallTime } from '../../local/runtime/tz';

/** Intl's reading, as wallTime gives it for any other zone. */
function intlReading(ms: number): ReturnType<typeof wallTime> {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? 'Sun'),
  };
}

describe('the wall clock in UTC', () => {
  it("is Intl's reading at every instant", () => {
    const instants = [0, -1, 999, Date.parse('2026-11-23T23:59:59.999Z'), Date.parse('2024-02-29T12:00:00Z'), Date.UTC(0, 0, 1) - 1, Date.UTC(-1, 11, 31, 23, 59, 59), 8.64e15, -8.64e15, -62_135_596_800_001];
    for (let i = 0; i < 2000; i++) instants.push(Math.round((Math.sin(i * 7.1) * 4e14) / 1000) * 1000 + (i % 1000));
    for (const ms of instants) expect([ms, wallTime(ms, 'UTC')]).toEqual([ms, intlReading(ms)]);
  });

  it('still refuses an invalid instant as Intl does', () => {
    expect(() => wallTime(NaN, 'UTC')).toThrow(RangeError);
    expect(() => wallTime(8.64e15 + 1, 'UTC')).toThrow(RangeError);
  });
});
