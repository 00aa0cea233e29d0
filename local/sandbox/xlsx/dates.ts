/**
 * Date → Excel serial number. XLSX stores a date as a plain number of days with no time zone, so
 * an instant has to be turned into the wall-clock time of one chosen zone first.
 */

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** Days from 1899-12-30 (Excel's effective epoch in the 1900 system) to 1970-01-01. */
const EPOCH_OFFSET_DAYS = 25_569;
/** Bounds the offset cache; it is a speed-up only, so simply starting over is fine. */
const CACHE_LIMIT = 100_000;

/**
 * Returns a converter from Date to serial (fractional days since 1899-12-30, wall clock of
 * `timeZone`), or null for an invalid Date. Uses the IANA data in Intl, so the result does not
 * depend on the process's TZ. Throws RangeError for an unknown zone.
 *
 * Serials before 1900-03-01 follow the plain 1899-12-30 epoch; Excel's fictitious 1900-02-29 makes
 * it show those one day off, which LibreOffice (no such bug) does not. Pre-1900 values are
 * negative, which Excel cannot display as dates.
 */
export function dateSerialConverter(timeZone: string): (d: Date) => number | null {
  // 'longOffset' yields "GMT+09:00" (or "GMT+08:27:52" for local mean time, or "GMT"): the zone's
  // offset itself, with no calendar arithmetic (ICU's Gregorian calendar turns Julian before 1582).
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offsetAt = (ms: number): number => {
    const name = fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(name);
    if (!m) throw new RangeError(`Unrecognised offset "${name}" for time zone ${timeZone}`);
    if (!m[1]) return 0;
    const abs = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
    return m[1] === '-' ? -abs : abs;
  };
  // Formatting costs microseconds and a big sheet can hold millions of dates; offsets only change
  // at transitions, so cache per UTC hour whenever both ends of the hour agree.
  const cache = new Map<number, number>();
  const offsetFor = (ms: number): number => {
    const hour = Math.floor(ms / MS_PER_HOUR);
    const hit = cache.get(hour);
    if (hit !== undefined) return hit;
    const start = offsetAt(hour * MS_PER_HOUR);
    if (start !== offsetAt(hour * MS_PER_HOUR + MS_PER_HOUR - 1)) return offsetAt(ms);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(hour, start);
    return start;
  };
  return (d: Date): number | null => {
    const ms = d.getTime();
    if (!Number.isFinite(ms)) return null;
    return (ms + offsetFor(ms)) / MS_PER_DAY + EPOCH_OFFSET_DAYS;
  };
}
