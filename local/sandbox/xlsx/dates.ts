/**
 * Date → Excel serial number. XLSX stores a date as a plain number of days with no time zone, so
 * an instant has to be turned into the wall-clock time of one chosen zone first.
 */
import { isValidTimeZone, zoneOffset } from '../../runtime/tz';

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's effective epoch in the 1900 system) to 1970-01-01. */
const EPOCH_OFFSET_DAYS = 25_569;

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
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  return (d: Date): number | null => {
    const ms = d.getTime();
    if (!Number.isFinite(ms)) return null;
    return (ms + zoneOffset(ms, timeZone)) / MS_PER_DAY + EPOCH_OFFSET_DAYS;
  };
}
