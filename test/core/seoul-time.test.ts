/** Times as the sheet shows them: Seoul, whatever the machine's zone. */
import { addSeoulDays, DAY_MS, seoulDayOf, seoulDaysBetween, seoulDayStart, seoulStamp, type SeoulDay } from '../../src/core/seoul-time';

test('a status stamp is the Seoul month, day, hour and minute', () => {
  expect(seoulStamp(Date.parse('2026-11-23T05:05:00Z'))).toBe('11-23 14:05');
  // New Year in Seoul is still 31 December in UTC.
  expect(seoulStamp(Date.parse('2026-12-31T15:00:00Z'))).toBe('01-01 00:00');
});

test('a day is written and counted the same however often it is converted (each day worked out once per run, kept)', () => {
  // Over more days than are kept at once, twice: the second pass reads what the first kept.
  const start = Date.parse('2023-12-31T15:00:00Z');
  const wrong: string[] = [];
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < 1200; i++) {
      const instant = start + i * DAY_MS + 3_600_000;
      const day = seoulDayOf(instant);
      if (day !== new Date(instant + 9 * 3_600_000).toISOString().slice(0, 10)) wrong.push(`${i}: ${day}`);
      if (seoulDayStart(day) !== start + i * DAY_MS) wrong.push(`${i}: start of ${day}`);
      if (addSeoulDays(day, 1) !== seoulDayOf(instant + DAY_MS)) wrong.push(`${i}: day after ${day}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('a day given as its caller wrote it is counted right and never changes how that day is written', () => {
  const unpadded = '2026-1-5' as SeoulDay;
  expect(seoulDaysBetween(unpadded, seoulDayOf(Date.parse('2026-01-06T03:00:00Z')))).toBe(1);
  expect(addSeoulDays(unpadded, 0)).toBe('2026-01-05');
  expect(seoulDayOf(seoulDayStart(unpadded))).toBe('2026-01-05');
});
