/**
 * Utilities.formatDate / parseDate: Java SimpleDateFormat patterns in real time zones
 * (fidelity §1.2 rows 50–51; the shop runs in Asia/Seoul).
 */
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createUtilities } from '../../local/runtime/services/utilities';
import { createWorld } from '../../local/runtime/world';

const u = createUtilities(fakeEnv({ now: Date.UTC(2026, 10, 23) }), createWorld());
const at = (iso: string) => new Date(iso);
const KST_MIDNIGHT_UTC = at('2026-11-23T00:00:00Z'); // a Monday

describe('formatDate (row 50)', () => {
  it('formats with Java tokens in GMT', () => {
    expect(u.formatDate(new Date(Date.UTC(2023, 0, 1, 12)), 'GMT', 'yyyy-MM-dd HH:mm:ss')).toBe('2023-01-01 12:00:00');
  });

  it('shifts to the wall clock of an IANA zone', () => {
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-11-23 09:00:00');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'America/Los_Angeles', 'yyyy-MM-dd HH:mm')).toBe('2026-11-22 16:00');
  });

  it('prints English names whatever the user locale', () => {
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'EEE')).toBe('Mon');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'EEEE, MMMM d, yyyy')).toBe('Monday, November 23, 2026');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'MMM yy G')).toBe('Nov 26 AD');
  });

  it('covers the hour letters, AM/PM and milliseconds', () => {
    const d = at('2026-11-23T15:05:09.007Z'); // 00:05:09.007 on the 24th in Seoul
    expect(u.formatDate(d, 'Asia/Seoul', 'H k K h a')).toBe('0 24 0 12 AM');
    expect(u.formatDate(d, 'GMT', 'H k K h a')).toBe('15 15 3 3 PM');
    expect(u.formatDate(d, 'GMT', 'HH:mm:ss.SSS S')).toBe('15:05:09.007 7');
    expect(u.formatDate(d, 'Asia/Seoul', 'u F D')).toBe('2 4 328');
  });

  it('prints zones as Java does: z, zzzz, Z and X', () => {
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'z|Z|X|XX|XXX')).toBe('KST|+0900|+09|+0900|+09:00');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'zzzz')).toBe('Korean Standard Time');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'GMT', 'z Z X')).toBe('GMT +0000 Z');
    expect(u.formatDate(at('2026-07-01T12:00:00Z'), 'America/New_York', 'z Z')).toBe('EDT -0400');
    expect(u.formatDate(at('2026-01-01T12:00:00Z'), 'America/New_York', 'z Z')).toBe('EST -0500');
    expect(u.formatDate(at('2026-01-01T12:00:00Z'), 'Asia/Kolkata', 'XXX')).toBe('+05:30');
  });

  it('reads quoted text, with two quotes for one', () => {
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2026-11-23T09:00:00Z');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', "h 'o''clock' ''")).toBe("9 o'clock '");
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'Asia/Seoul', 'yyyy년 M월 d일')).toBe('2026년 11월 23일');
  });

  it('throws Java errors for letters that are not pattern letters', () => {
    expect(() => u.formatDate(KST_MIDNIGHT_UTC, 'GMT', 'yyyy-MM-ddTHH:mm')).toThrow("Illegal pattern character 'T'");
    expect(() => u.formatDate(KST_MIDNIGHT_UTC, 'GMT', "yyyy 'open")).toThrow('Unterminated quote');
  });

  it('uses US week rules: weeks start on Sunday, week 1 holds 1 January', () => {
    expect(u.formatDate(at('2026-01-01T12:00:00Z'), 'GMT', 'Y-w W')).toBe('2026-1 1');
    expect(u.formatDate(at('2025-12-28T12:00:00Z'), 'GMT', 'Y-w yyyy')).toBe('2026-1 2025');
    expect(u.formatDate(at('2026-01-04T12:00:00Z'), 'GMT', 'w W')).toBe('2 2');
  });

  it('takes Java zone ids: GMT offsets and the old short ids; unknown ids fall back to GMT', () => {
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'GMT+9', 'HH:mm z')).toBe('09:00 GMT+09:00');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'GMT+09:00', 'HH:mm')).toBe('09:00');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'JST', 'HH:mm')).toBe('09:00');
    // Java does not know "KST" or "UTC+9": the time silently comes out in GMT.
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'KST', 'HH:mm z')).toBe('00:00 GMT');
    expect(u.formatDate(KST_MIDNIGHT_UTC, 'UTC+9', 'HH:mm')).toBe('00:00');
  });

  it('wants a Date, a zone and a pattern', () => {
    expect(() => u.formatDate(KST_MIDNIGHT_UTC.getTime() as unknown as Date, 'GMT', 'yyyy')).toThrow(
      "The parameters (number,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('parseDate (row 51)', () => {
  it('reads back the instant of row 50', () => {
    const d = u.parseDate('2023-01-01T12:00:00Z', 'GMT', "yyyy-MM-dd'T'HH:mm:ss'Z'");
    expect(d.getTime()).toBe(Date.UTC(2023, 0, 1, 12));
  });

  it('throws for text that does not fit the pattern', () => {
    expect(() => u.parseDate('invalid date', 'GMT', 'yyyy')).toThrow();
    expect(() => u.parseDate('2026-11', 'GMT', 'yyyy-MM-dd')).toThrow('Unparseable date: "2026-11"');
  });

  it('reads the wall clock of the zone given', () => {
    expect(u.parseDate('2026-11-23 09:00:00', 'Asia/Seoul', 'yyyy-MM-dd HH:mm:ss').toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('lets a zone in the text win over the argument', () => {
    expect(u.parseDate('2026-11-23T09:00:00+0900', 'GMT', "yyyy-MM-dd'T'HH:mm:ssZ").toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(u.parseDate('2026-11-23T09:00:00+09:00', 'GMT', "yyyy-MM-dd'T'HH:mm:ssXXX").toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(u.parseDate('2026-11-23 09:00 KST', 'GMT', 'yyyy-MM-dd HH:mm z').toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('splits abutting numeric fields by their letter counts', () => {
    expect(u.parseDate('20261123093015', 'Asia/Seoul', 'yyyyMMddHHmmss').toISOString()).toBe('2026-11-23T00:30:15.000Z');
  });

  it('reads month and day names, and 12-hour times', () => {
    expect(u.parseDate('Mon, Nov 23, 2026 1:30 PM', 'GMT', 'EEE, MMM d, yyyy h:mm a').toISOString()).toBe('2026-11-23T13:30:00.000Z');
    expect(u.parseDate('23 november 2026 12:05 am', 'GMT', 'd MMMM yyyy hh:mm a').toISOString()).toBe('2026-11-23T00:05:00.000Z');
  });

  it('places two-digit years within 80 years before and 20 after now', () => {
    expect(u.parseDate('26/01/02', 'GMT', 'yy/MM/dd').getUTCFullYear()).toBe(2026);
    expect(u.parseDate('50/01/02', 'GMT', 'yy/MM/dd').getUTCFullYear()).toBe(1950);
    expect(u.parseDate('45/01/02', 'GMT', 'yy/MM/dd').getUTCFullYear()).toBe(2045);
  });

  it('is lenient as Java: values roll over and trailing text is ignored', () => {
    expect(u.parseDate('2026-13-01', 'GMT', 'yyyy-MM-dd').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(u.parseDate('2026-02-30', 'GMT', 'yyyy-MM-dd').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(u.parseDate('2026-11-23 and more', 'GMT', 'yyyy-MM-dd').toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('fills missing fields from 1 January 1970, midnight, in the zone', () => {
    expect(u.parseDate('09:30', 'Asia/Seoul', 'HH:mm').toISOString()).toBe('1970-01-01T00:30:00.000Z');
  });
});
