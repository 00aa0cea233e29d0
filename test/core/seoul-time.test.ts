/** Times as the sheet shows them: Seoul, whatever the machine's zone. */
import { seoulStamp } from '../../src/core/seoul-time';

test('a status stamp is the Seoul month, day, hour and minute', () => {
  expect(seoulStamp(Date.parse('2026-11-23T05:05:00Z'))).toBe('11-23 14:05');
  // New Year in Seoul is still 31 December in UTC.
  expect(seoulStamp(Date.parse('2026-12-31T15:00:00Z'))).toBe('01-01 00:00');
});
