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

/**
 * Offset (ms) of `timeZone` from UTC at instant `ms`. Intl is slow (microseconds a call) and
 * bulk reads convert many dates, so offsets are cached: per UTC day when the offset is the same
 * at both ends of the day (no zone changes offset twice in a day), else per 15 minutes (zones
 * change offset on quarter hours).
 */
const dayCache = new Map<string, Map<number, number>>();
const quarterCache = new Map<string, Map<number, number>>();

function cacheFor(store: Map<string, Map<number, number>>, timeZone: string): Map<number, number> {
  let m = store.get(timeZone);
  if (!m) {
    m = new Map();
    store.set(timeZone, m);
  }
  if (m.size > 200_000) m.clear();
  return m;
}

function rawOffset(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

export function zoneOffset(ms: number, timeZone: string): number {
  const days = cacheFor(dayCache, timeZone);
  const day = Math.floor(ms / DAY_MS);
  const hit = days.get(day);
  if (hit !== undefined) return hit;
  const quarters = cacheFor(quarterCache, timeZone);
  const q = Math.floor(ms / 900_000);
  const qHit = quarters.get(q);
  if (qHit !== undefined) return qHit;
  const start = rawOffset(day * DAY_MS, timeZone);
  const end = rawOffset(day * DAY_MS + DAY_MS - 1000, timeZone);
  if (start === end) {
    days.set(day, start);
    return start;
  }
  const offset = rawOffset(q * 900_000, timeZone);
  quarters.set(q, offset);
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
