/**
 * Asia/Seoul calendar arithmetic without the host's time zone and without `new Date`.
 * Korea has kept UTC+9 all year since 1988 (no daylight saving), so Seoul wall time is UTC + 9 h
 * and every conversion here is exact. Pure: time always comes in as epoch milliseconds.
 */

export const SEOUL_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

/** A calendar day in Seoul, `YYYY-MM-DD`. Only made by the functions below, so always valid. */
export type SeoulDay = string & { readonly __brand: 'SeoulDay' };

const p2 = (n: number): string => String(n).padStart(2, '0');

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
export function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Civil date of a day number (H. Hinnant's civil_from_days). */
export function civil(dayNo: number): { y: number; m: number; d: number } {
  const z = dayNo + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * A run writes the same few days again and again (each mall's order windows start and end on
 * today and its neighbours): each day's text is worked out once and kept. Bounded, so a
 * long-lived process (the specs, the local host) never grows it without end.
 */
const dayTexts = new Map<number, SeoulDay>();

function dayText(dayNo: number): SeoulDay {
  let text = dayTexts.get(dayNo);
  if (text === undefined) {
    if (dayTexts.size >= 512) dayTexts.clear();
    const { y, m, d } = civil(dayNo);
    dayTexts.set(dayNo, (text = `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}` as SeoulDay));
  }
  return text;
}

function dayNoOf(day: SeoulDay): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

/** Days since 1970-01-01 of the Seoul day an instant falls on. */
export const seoulDayNumber = (epochMs: number): number => Math.floor((epochMs + SEOUL_OFFSET_MS) / DAY_MS);

/** The Seoul day an instant falls on. */
export function seoulDayOf(epochMs: number): SeoulDay {
  return dayText(seoulDayNumber(epochMs));
}

/** 00:00 Seoul time of the day, as epoch ms. */
export function seoulDayStart(day: SeoulDay): number {
  return dayNoOf(day) * DAY_MS - SEOUL_OFFSET_MS;
}

export function addSeoulDays(day: SeoulDay, days: number): SeoulDay {
  return dayText(dayNoOf(day) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function seoulDaysBetween(a: SeoulDay, b: SeoulDay): number {
  return dayNoOf(b) - dayNoOf(a);
}

/** Calendar months later, the day clamped to the month's length (Jan 31 + 1 month = Feb 28/29). */
export function addSeoulMonths(day: SeoulDay, months: number): SeoulDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayText(dayNumber(ny, nm, Math.min(d, daysInMonth(ny, nm))));
}

/** `YYYY-MM-DD` → SeoulDay, or null when it is not a real calendar day. */
export function parseSeoulDay(text: string): SeoulDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return text as SeoulDay;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant from the date-time forms channels print: ISO 8601 with an offset
 * (`2026-11-23T09:00:00+09:00`), and Seoul wall time without one (`2017-07-10 15:55:51` on order
 * items, `2021-03-01T14:00:00.000` on tokens). Null when the text is none of these or not a real
 * date and time.
 */
export function parseSeoulDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const zone = m[8];
  let offsetMs = SEOUL_OFFSET_MS;
  if (zone === 'Z') offsetMs = 0;
  else if (zone !== undefined) {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offsetMs = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3_600_000 + Number(z[3]) * 60_000);
  }
  return dayNumber(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 + ms - offsetMs;
}

/** "11-23 14:05": a time in Seoul as a status cell shows when something happened. */
export function seoulStamp(epochMs: number): string {
  const d = new Date(epochMs + SEOUL_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
