/**
 * Java SimpleDateFormat patterns, as Utilities.formatDate uses them (fidelity §1.2 row 50).
 *
 * Letters: G y Y M L w W D d F E u a H k K h m s S z Z X; text in '…' is literal and '' is a
 * quote; any other ASCII letter throws Java's `Illegal pattern character 'x'`.
 *
 * Choices where the reference is silent:
 * - Names are English (Mon, January, AM), whatever the user's locale: formatDate takes no
 *   locale, and Apps Script is reported to print English names for Korean and Japanese users.
 * - Week fields (w W Y) follow Java's US week rules: weeks start on Sunday and week 1 is the
 *   week that holds January 1.
 * - The proleptic Gregorian calendar is used throughout (Java switches to Julian before 1582).
 */
import { GasException } from '../errors';
import { wallClockOf, type WallClock } from '../tz';
import { resolveZone, type Zone } from './utilities/time-zone';

export type PatternToken = { kind: 'field'; letter: string; count: number } | { kind: 'text'; text: string };

const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const SHORT_WEEKDAYS = WEEKDAYS.map((d) => d.slice(0, 3));

const compiled = new Map<string, PatternToken[]>();

/** Splits a pattern into fields and literal text, with Java's errors for bad patterns. */
export function compilePattern(pattern: string): PatternToken[] {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const tokens: PatternToken[] = [];
  const text = (t: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') last.text += t;
    else tokens.push({ kind: 'text', text: t });
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] as string;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        text("'");
        i += 2;
        continue;
      }
      let j = i + 1;
      let quoted = '';
      for (;;) {
        if (j >= pattern.length) throw new GasException('Unterminated quote');
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            quoted += "'";
            j += 2;
            continue;
          }
          break;
        }
        quoted += pattern[j];
        j++;
      }
      text(quoted);
      i = j + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw new GasException(`Illegal pattern character '${c}'`);
      let j = i;
      while (pattern[j] === c) j++;
      const count = j - i;
      if (c === 'X' && count > 3) throw new GasException(`invalid ISO 8601 format: length=${count}`);
      tokens.push({ kind: 'field', letter: c, count });
      i = j;
      continue;
    }
    text(c);
    i++;
  }
  compiled.set(pattern, tokens);
  return tokens;
}

/** The calendar fields of an instant on a zone's wall clock. */
export interface CalendarFields extends WallClock {
  dayOfYear: number;
  offsetMs: number;
}

export function calendarFields(epochMs: number, zone: Zone): CalendarFields {
  const offsetMs = zone.offsetAt(epochMs);
  const wall = wallClockOf(epochMs + offsetMs);
  const startOfYear = utcDate(wall.year, 0, 1);
  return { ...wall, dayOfYear: Math.floor((utcDate(wall.year, wall.month - 1, wall.day) - startOfYear) / 86_400_000) + 1, offsetMs };
}

/** Date.UTC without its two-digit-year mapping (year 23 is 23 AD, not 1923). */
export function utcDate(year: number, monthIndex: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  if (year < 0 || year > 99) return Date.UTC(year, monthIndex, day, h, m, s, ms);
  // 400 Gregorian years are exactly 146,097 days, so shift out of Date.UTC's 0..99 range and back.
  return Date.UTC(year + 400, monthIndex, day, h, m, s, ms) - 146_097 * 86_400_000;
}

const DAY = 86_400_000;

/** Sunday on or before 1 January: the start of week 1 under US rules. */
function weekOneStart(year: number): number {
  const jan1 = utcDate(year, 0, 1);
  return jan1 - new Date(jan1).getUTCDay() * DAY;
}

function weekYearAndWeek(f: CalendarFields): { weekYear: number; week: number } {
  const today = utcDate(f.year, f.month - 1, f.day);
  const weekYear = today >= weekOneStart(f.year + 1) ? f.year + 1 : f.year;
  return { weekYear, week: Math.floor((today - weekOneStart(weekYear)) / (7 * DAY)) + 1 };
}

function pad(n: number, count: number): string {
  const s = String(Math.abs(n)).padStart(count, '0');
  return n < 0 ? `-${s}` : s;
}

function isoOffset(offsetMs: number, count: number): string {
  if (offsetMs === 0) return 'Z';
  const total = Math.round(Math.abs(offsetMs) / 60000);
  const sign = offsetMs < 0 ? '-' : '+';
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return count === 1 ? sign + hh : count === 2 ? sign + hh + mm : `${sign}${hh}:${mm}`;
}

function rfcOffset(offsetMs: number): string {
  const total = Math.round(Math.abs(offsetMs) / 60000);
  return `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(total / 60)).padStart(2, '0')}${String(total % 60).padStart(2, '0')}`;
}

function formatField(letter: string, count: number, f: CalendarFields, zone: Zone, epochMs: number): string {
  const yearOfEra = f.year <= 0 ? 1 - f.year : f.year;
  switch (letter) {
    case 'G':
      return f.year <= 0 ? 'BC' : 'AD';
    case 'y':
      return count === 2 ? pad(yearOfEra % 100, 2) : pad(yearOfEra, count);
    case 'Y': {
      const { weekYear } = weekYearAndWeek(f);
      return count === 2 ? pad(weekYear % 100, 2) : pad(weekYear, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month - 1] as string;
      if (count === 3) return SHORT_MONTHS[f.month - 1] as string;
      return pad(f.month, count);
    case 'w':
      return pad(weekYearAndWeek(f).week, count);
    case 'W': {
      const firstWeekday = (f.weekday - ((f.day - 1) % 7) + 7) % 7;
      return pad(Math.floor((f.day - 1 + firstWeekday) / 7) + 1, count);
    }
    case 'D':
      return pad(f.dayOfYear, count);
    case 'd':
      return pad(f.day, count);
    case 'F':
      return pad(Math.floor((f.day - 1) / 7) + 1, count);
    case 'E':
      return (count >= 4 ? WEEKDAYS : SHORT_WEEKDAYS)[f.weekday] as string;
    case 'u':
      return pad(f.weekday === 0 ? 7 : f.weekday, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      // Java's S is the millisecond count, not a fraction: "S" of 5 ms is "5".
      return pad(f.millisecond, count);
    case 'z':
      return count >= 4 ? zone.longName(epochMs) : zone.shortName(epochMs);
    case 'Z':
      return rfcOffset(f.offsetMs);
    case 'X':
      return isoOffset(f.offsetMs, count);
    default:
      throw new GasException(`Illegal pattern character '${letter}'`);
  }
}

/** Formats an instant in a time zone id (IANA, `GMT+09:00`, …) with a Java pattern. */
export function formatJavaDate(epochMs: number, timeZone: string, pattern: string): string {
  const tokens = compilePattern(pattern);
  const zone = resolveZone(timeZone);
  const fields = calendarFields(epochMs, zone);
  let out = '';
  for (const t of tokens) out += t.kind === 'text' ? t.text : formatField(t.letter, t.count, fields, zone, epochMs);
  return out;
}
