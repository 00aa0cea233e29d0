/**
 * Dates in a sheet are serial numbers: days since 1899-12-30 on the wall clock of the
 * spreadsheet's time zone (no instant is stored). Apps Script turns them into Date objects with
 * the spreadsheet time zone when reading, and back when writing, so changing the spreadsheet's
 * time zone changes the instants scripts read while the displayed text stays the same.
 */
import { settleWallTime, wallClockOf, zoneOffset, type WallClock } from '../../tz';

const DAY_MS = 86_400_000;
/** 1899-12-30T00:00 as if UTC: serial 0. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Instant → serial number on the wall clock of `timeZone`. */
export function dateToSerial(date: Date, timeZone: string): number {
  const ms = date.getTime();
  const wall = ms + zoneOffset(ms, timeZone);
  return (wall - SERIAL_EPOCH_MS) / DAY_MS;
}

/** Wall-clock serial in `timeZone` → instant. In a DST gap or overlap, the earlier offset wins. */
export function serialToDate(serial: number, timeZone: string): Date {
  const wall = Math.round(SERIAL_EPOCH_MS + serial * DAY_MS);
  // Two passes settle the offset except in a DST gap, where either answer is acceptable.
  return new Date(settleWallTime(wall, (ms) => zoneOffset(ms, timeZone), 2));
}

/** Wall-clock fields of a serial: what a date format prints. */
export function serialToWallClock(serial: number): WallClock {
  return wallClockOf(Math.round(SERIAL_EPOCH_MS + serial * DAY_MS));
}

/** Serial for wall-clock fields (used when parsing typed dates). */
export function wallClockToSerial(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return (Date.UTC(year, month - 1, day, hour, minute, second) - SERIAL_EPOCH_MS) / DAY_MS;
}

/** True for a Date from any realm (the script's vm has its own Date constructor). */
export function isDateObject(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
