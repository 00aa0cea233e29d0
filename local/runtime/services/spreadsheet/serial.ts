/**
 * Dates in a sheet are serial numbers: days since 1899-12-30 on the wall clock of the
 * spreadsheet's time zone (no instant is stored). Apps Script turns them into Date objects with
 * the spreadsheet time zone when reading, and back when writing, so changing the spreadsheet's
 * time zone changes the instants scripts read while the displayed text stays the same.
 */

const DAY_MS = 86_400_000;
/** 1899-12-30T00:00 as if UTC: serial 0. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone id Intl knows ("Asia/Seoul", "Etc/GMT", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (ms) of `timeZone` from UTC at instant `ms`. Cached per zone and hour: bulk reads convert many dates. */
const offsetCache = new Map<string, Map<number, number>>();
export function zoneOffset(ms: number, timeZone: string): number {
  let perZone = offsetCache.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    offsetCache.set(timeZone, perZone);
  }
  // Offsets change on whole quarter hours at most, so a 15-minute bucket is exact.
  const bucket = Math.floor(ms / 900_000);
  const hit = perZone.get(bucket);
  if (hit !== undefined) return hit;
  const parts = formatter(timeZone).formatToParts(new Date(bucket * 900_000));
  const get = (t: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = asUtc - bucket * 900_000;
  if (perZone.size > 100_000) perZone.clear();
  perZone.set(bucket, offset);
  return offset;
}

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
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return new Date(guess);
}

/** Wall-clock fields of a serial: what a date format prints. */
export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function serialToWallClock(serial: number): WallClock {
  const ms = Math.round(SERIAL_EPOCH_MS + serial * DAY_MS);
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** Serial for wall-clock fields (used when parsing typed dates). */
export function wallClockToSerial(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return (Date.UTC(year, month - 1, day, hour, minute, second) - SERIAL_EPOCH_MS) / DAY_MS;
}

/** True for a Date from any realm (the script's vm has its own Date constructor). */
export function isDateObject(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
