/**
 * Time zones as Java's TimeZone.getTimeZone(id) sees them, which is what Utilities.formatDate
 * and parseDate use. Offsets come from Intl (real IANA rules); the Java-specific parts are:
 * - custom ids `GMT+9`, `GMT+09`, `GMT+0900`, `GMT+09:00` are fixed offsets;
 * - the old three-letter ids Java still accepts (`JST`, `PST`, `EST`…) map as Java maps them;
 * - anything else Java does not know, e.g. `KST` or `UTC+9`, silently becomes GMT. That is
 *   Java's documented behaviour; the reference does not say whether Apps Script checks first,
 *   and the silent fallback is the trap most likely to be met live, so it is kept.
 */
import { intlOffset, resolvedTimeZone, settleWallTime } from '../../tz';

export interface Zone {
  /** The id as Java would report it. */
  readonly id: string;
  /** Offset from UTC in ms at the instant. */
  offsetAt(epochMs: number): number;
  /** `z` (1–3 letters) in English. */
  shortName(epochMs: number): string;
  /** `zzzz` in English. */
  longName(epochMs: number): string;
}

/** java.time.ZoneId.SHORT_IDS, which TimeZone.getTimeZone also honours. */
const JAVA_SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
};

/** Java's fixed-offset legacy ids. */
const JAVA_FIXED: Readonly<Record<string, number>> = { EST: -5, MST: -7, HST: -10 };

/**
 * English short names Java prints for `z` where Intl's en-US data has only "GMT+9".
 * [standard, daylight].
 */
const SHORT_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  'Asia/Seoul': ['KST', 'KDT'],
  'Asia/Tokyo': ['JST', 'JDT'],
  'Asia/Shanghai': ['CST', 'CDT'],
  'Asia/Taipei': ['CST', 'CDT'],
  'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Singapore': ['SGT', 'SGT'],
  'Asia/Kolkata': ['IST', 'IST'],
  'Asia/Ho_Chi_Minh': ['ICT', 'ICT'],
  'Asia/Bangkok': ['ICT', 'ICT'],
  'Asia/Jakarta': ['WIB', 'WIB'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/Paris': ['CET', 'CEST'],
  'Europe/Berlin': ['CET', 'CEST'],
  'Europe/Madrid': ['CET', 'CEST'],
  'Europe/Rome': ['CET', 'CEST'],
  'Europe/Amsterdam': ['CET', 'CEST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Pacific/Auckland': ['NZST', 'NZDT'],
};

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function isIanaZone(id: string): string | null {
  const resolved = resolvedTimeZone(id);
  // Intl ignores case; Java does not ("asia/seoul" is unknown to Java, hence GMT).
  if (resolved && resolved.toLowerCase() === id.toLowerCase() && resolved !== id) return null;
  return resolved;
}

function intlName(tz: string, ms: number, style: 'short' | 'long'): string {
  const key = `${tz}\u0000${style}`;
  let f = nameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style });
    nameFormatters.set(key, f);
  }
  return f.formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName')?.value ?? tz;
}

/** Java's custom-id form: `GMT+09:00`. */
export function gmtOffsetName(offsetMs: number): string {
  if (offsetMs === 0) return 'GMT';
  const total = Math.round(Math.abs(offsetMs) / 60000);
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `GMT${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Intl's "GMT+9" style becomes Java's "GMT+09:00". */
function javaStyle(name: string, offsetMs: number): string {
  return /^GMT[+-]\d/.test(name) || name === 'GMT' ? gmtOffsetName(offsetMs) : name;
}

function fixedZone(id: string, offsetMs: number, short = gmtOffsetName(offsetMs), long = short): Zone {
  return { id, offsetAt: () => offsetMs, shortName: () => short, longName: () => long };
}

function ianaBacked(id: string, tz: string): Zone {
  return {
    id,
    offsetAt: (ms) => intlOffset(ms, tz),
    shortName(ms) {
      const offset = intlOffset(ms, tz);
      const known = SHORT_NAMES[tz];
      if (known) {
        const january = intlOffset(Date.UTC(new Date(ms).getUTCFullYear(), 0, 1), tz);
        const july = intlOffset(Date.UTC(new Date(ms).getUTCFullYear(), 6, 1), tz);
        const standard = Math.min(january, july);
        return offset > standard ? known[1] : known[0];
      }
      return javaStyle(intlName(tz, ms, 'short'), offset);
    },
    longName: (ms) => javaStyle(intlName(tz, ms, 'long'), intlOffset(ms, tz)),
  };
}

const GMT = fixedZone('GMT', 0, 'GMT', 'Greenwich Mean Time');
const zones = new Map<string, Zone>();

export function resolveZone(id: string): Zone {
  let z = zones.get(id);
  if (!z) {
    z = lookup(id);
    zones.set(id, z);
  }
  return z;
}

function lookup(id: string): Zone {
  if (id === 'GMT') return GMT;
  if (id === 'UTC') return fixedZone('UTC', 0, 'UTC', 'Coordinated Universal Time');
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(id);
  if (custom) {
    const [, sign, h, m = '0'] = custom;
    const hours = Number(h);
    const minutes = Number(m);
    if (hours > 23 || minutes > 59) return GMT;
    const offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60000;
    return fixedZone(gmtOffsetName(offset), offset);
  }
  const fixed = JAVA_FIXED[id];
  if (fixed !== undefined) return fixedZone(id, fixed * 3_600_000, id);
  const shortTarget = JAVA_SHORT_IDS[id];
  if (shortTarget) return ianaBacked(id, shortTarget);
  const iana = isIanaZone(id);
  return iana ? ianaBacked(id, iana) : GMT;
}

/** The instant at which the zone's wall clock reads `wallAsUtcMs` (earlier one at DST folds). */
export function wallToEpoch(zone: Zone, wallAsUtcMs: number): number {
  return settleWallTime(wallAsUtcMs, (ms) => zone.offsetAt(ms), 4);
}
