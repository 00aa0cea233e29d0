/**
 * Utilities.parseDate: Java SimpleDateFormat.parse(String), lenient as Java's default is
 * (fidelity §1.2 row 51). What that means here:
 * - leading spaces before a field are skipped; literal text must match exactly;
 * - a numeric field followed directly by another field takes exactly its letter count of
 *   digits ("yyyyMMdd"), otherwise as many digits as there are;
 * - out-of-range values roll over (month 13 is January of the next year);
 * - `yy` with exactly two digits lands within 80 years before and 20 after now;
 * - text after the end of the pattern is ignored, as DateFormat.parse(String) ignores it;
 * - a zone in the text (z Z X) wins over the timeZone argument.
 * A failure throws `Unparseable date: "…"` (Java's text; the reference only says it throws).
 * Day-of-week and week fields are read but do not move the date, which Java's calendar
 * resolution does only when day and month are absent.
 */
import { GasException } from '../../errors';
import { calendarFields, compilePattern, MONTHS, SHORT_MONTHS, SHORT_WEEKDAYS, utcDate, WEEKDAYS, type PatternToken } from '../java-date-format';
import { resolveZone, wallToEpoch } from './time-zone';

const TEXT_FIELDS = new Set(['G', 'E', 'a', 'z', 'Z', 'X']);

/** Zone abbreviations accepted in the text, with their offsets in minutes. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0,
  KST: 540, KDT: 600, JST: 540, HKT: 480, SGT: 480, IST: 330,
  CET: 60, CEST: 120, BST: 60, EET: 120, EEST: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AEST: 600, AEDT: 660,
};

interface Parsed {
  era?: 'AD' | 'BC';
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour24?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  milli?: number;
  offsetMin?: number;
}

class Fail extends Error {}

function isNumericField(t: PatternToken | undefined): boolean {
  if (!t || t.kind !== 'field') return false;
  if ((t.letter === 'M' || t.letter === 'L') && t.count >= 3) return false;
  return !TEXT_FIELDS.has(t.letter);
}

export function parseJavaDate(text: string, timeZone: string, pattern: string, nowMs: number): Date {
  const tokens = compilePattern(pattern);
  const zone = resolveZone(timeZone);
  const p: Parsed = {};
  let pos = 0;

  const skipSpaces = () => {
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
  };
  const number = (maxDigits: number | null): { value: number; digits: number } => {
    const end = maxDigits === null ? text.length : Math.min(text.length, pos + maxDigits);
    let i = pos;
    const negative = text[i] === '-';
    if (negative) i++;
    const startDigits = i;
    while (i < end && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === startDigits) throw new Fail();
    const digits = i - startDigits;
    const value = Number(text.slice(startDigits, i)) * (negative ? -1 : 1);
    pos = i;
    return { value, digits };
  };
  const oneOf = (names: readonly string[]): number => {
    let best = -1;
    let bestLen = 0;
    names.forEach((n, idx) => {
      if (n.length > bestLen && text.slice(pos, pos + n.length).toLowerCase() === n.toLowerCase()) {
        best = idx;
        bestLen = n.length;
      }
    });
    if (best < 0) throw new Fail();
    pos += bestLen;
    return best;
  };
  const offset = (): number => {
    const m = /^(?:(GMT|UTC|UT)?([+-])(\d{1,2}):?(\d{2})?|(GMT|UTC|UT|Z|[A-Z]{3,4}))/.exec(text.slice(pos));
    if (!m) throw new Fail();
    if (m[5] !== undefined) {
      const known = ZONE_NAMES[m[5]];
      if (known === undefined) throw new Fail();
      pos += m[0].length;
      return known;
    }
    pos += m[0].length;
    const minutes = Number(m[3]) * 60 + Number(m[4] ?? 0);
    return m[2] === '-' ? -minutes : minutes;
  };

  try {
    tokens.forEach((t, i) => {
      if (t.kind === 'text') {
        if (text.slice(pos, pos + t.text.length) !== t.text) throw new Fail();
        pos += t.text.length;
        return;
      }
      skipSpaces();
      const next = tokens[i + 1];
      const obeyCount = next !== undefined && next.kind === 'field';
      const num = () => number(obeyCount && isNumericField(t) ? t.count : null).value;
      switch (t.letter) {
        case 'G':
          p.era = oneOf(['AD', 'BC']) === 0 ? 'AD' : 'BC';
          break;
        case 'y':
        case 'Y': {
          const start = pos;
          const { value, digits } = number(obeyCount ? t.count : null);
          const twoDigits = t.count <= 2 && digits === 2 && pos - start === 2;
          p.year = twoDigits ? ambiguousYear(value, nowMs, timeZone) : value;
          break;
        }
        case 'M':
        case 'L':
          if (t.count >= 3) {
            const idx = oneOf([...MONTHS, ...SHORT_MONTHS]);
            p.month = (idx % 12) + 1;
          } else p.month = num();
          break;
        case 'd':
          p.day = num();
          break;
        case 'D':
          p.dayOfYear = num();
          break;
        case 'E':
          oneOf([...WEEKDAYS, ...SHORT_WEEKDAYS]);
          break;
        case 'a':
          p.pm = oneOf(['AM', 'PM']) === 1;
          break;
        case 'H':
          p.hour24 = num();
          break;
        case 'k': {
          const v = num();
          p.hour24 = v === 24 ? 0 : v;
          break;
        }
        case 'K':
          p.hour12 = num();
          break;
        case 'h': {
          const v = num();
          p.hour12 = v === 12 ? 0 : v;
          break;
        }
        case 'm':
          p.minute = num();
          break;
        case 's':
          p.second = num();
          break;
        case 'S':
          p.milli = num();
          break;
        case 'z':
        case 'Z':
        case 'X':
          p.offsetMin = offset();
          break;
        default:
          // w W F u: read and validated, not used to place the date.
          num();
      }
    });
  } catch (e) {
    if (e instanceof Fail) throw new GasException(`Unparseable date: "${text}"`);
    throw e;
  }

  let year = p.year ?? 1970;
  if (p.era === 'BC') year = 1 - year;
  const useDayOfYear = p.dayOfYear !== undefined && p.month === undefined && p.day === undefined;
  const month = useDayOfYear ? 1 : (p.month ?? 1);
  const day = useDayOfYear ? (p.dayOfYear as number) : (p.day ?? 1);
  const hour = p.hour24 ?? (p.hour12 ?? 0) + (p.pm ? 12 : 0);
  const wall = utcDate(year, month - 1, day, hour, p.minute ?? 0, p.second ?? 0, p.milli ?? 0);
  return new Date(p.offsetMin !== undefined ? wall - p.offsetMin * 60000 : wallToEpoch(zone, wall));
}

/** Java's default century: two-digit years fall in [now − 80 years, now + 20 years). */
function ambiguousYear(twoDigit: number, nowMs: number, timeZone: string): number {
  const startYear = calendarFields(nowMs, resolveZone(timeZone)).year - 80;
  const century = Math.floor(startYear / 100) * 100;
  const ambiguous = startYear % 100;
  return twoDigit + century + (twoDigit < ambiguous ? 100 : 0);
}
