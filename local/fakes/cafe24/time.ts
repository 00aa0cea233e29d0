/**
 * Cafe24 speaks Korea Standard Time (UTC+9, no daylight saving) in every date it prints.
 * These helpers turn simulated epoch milliseconds into the three textual forms the API uses
 * and parse what callers and seeds send back. Pure: no clock, no host time zone.
 */

const KST_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

interface KstParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function kstParts(epochMs: number): KstParts {
  const t = new Date(epochMs + KST_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `2018-07-04T11:21:35+09:00`: resource dates (order_date, created_date…). */
export function kstIso(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)}T${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}+09:00`;
}

/** `2021-03-01T14:00:00.000`: token timestamps (KST, no zone designator). */
export function kstTokenTime(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)}T${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${String(p.ms).padStart(3, '0')}`;
}

/** `2017-07-10 15:55:51`: order item dates (ordered_date, shipped_date…). */
export function kstDateTime(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}

/** `20170710`: the date part of order ids and claim codes. */
export function kstCompactDate(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${p.y}${p2(p.mo)}${p2(p.d)}`;
}

function kstToEpoch(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - KST_OFFSET_MS;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function validCalendar(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * Parses any date form Cafe24 prints or accepts: `YYYY-MM-DD` (KST midnight),
 * `YYYY-MM-DD HH:MM:SS` / `YYYY-MM-DDTHH:MM:SS(.sss)` (KST wall time) and ISO 8601 with a zone.
 * Returns epoch ms, or null when the text is none of these.
 */
export function parseCafe24Date(text: string): number | null {
  const s = text.trim();
  let m = DATE_ONLY.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validCalendar(y, mo, d) ? kstToEpoch(y, mo, d) : null;
  }
  m = LOCAL_TIME.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validCalendar(y, mo, d)) return null;
    const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
    return kstToEpoch(y, mo, d, Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms);
  }
  if (ZONED.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** True when the text is a bare `YYYY-MM-DD` (a whole KST day). */
export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text.trim());
}

/**
 * Adds calendar months in KST, clamping the day (Jan 31 + 1 month = Feb 28/29), which is how
 * a "3 months" search window is read by people and, we assume, by Cafe24.
 */
export function addKstMonths(epochMs: number, months: number): number {
  const p = kstParts(epochMs);
  const total = p.y * 12 + (p.mo - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return kstToEpoch(y, mo, Math.min(p.d, lastDay), p.h, p.mi, p.s, p.ms);
}

/** Start of the KST day containing the instant. */
export function kstStartOfDay(epochMs: number): number {
  const p = kstParts(epochMs);
  return kstToEpoch(p.y, p.mo, p.d);
}
