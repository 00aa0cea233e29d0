/**
 * Wall-clock arithmetic in an IANA time zone, on the host (Intl; no library needed). The one
 * place the runtime asks Intl about zones: triggers, spreadsheet date serials and
 * Utilities.formatDate/parseDate all build on it.
 */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

/** A wall-clock reading to the millisecond. */
export interface WallClock extends WallTime {
  millisecond: number;
}

/** The fields of a wall-clock reading held as the instant `Date.UTC` gives for those fields. */
export function wallClockOf(wallAsUtcMs: number): WallClock {
  const d = new Date(wallAsUtcMs);
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

const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The IANA id Intl resolves `tz` to ("asia/seoul" → "Asia/Seoul"), or null for an unknown one. */
export function resolvedTimeZone(tz: string): string | null {
  try {
    return formatter(tz).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True for a time zone id Intl knows ("Asia/Seoul", "Etc/GMT", "UTC"). */
export function isValidTimeZone(tz: string): boolean {
  return resolvedTimeZone(tz) !== null;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallTime(ms: number, tz: string): WallTime {
  // UTC (every clock trigger's event object) is the Date's own fields: Intl's reading, without Intl's cost.
  if (tz === 'UTC' && Number.isFinite(new Date(ms).getTime())) {
    const { millisecond: _, ...w } = wallClockOf(ms);
    return w;
  }
  return intlWallTime(ms, tz);
}

/** The wall time at `ms` in `tz` as Intl reads it (what wallTime gives for every zone but UTC). */
export function intlWallTime(ms: number, tz: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

function wallAsUtc(w: Omit<WallTime, 'weekday'>): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offset (ms) of `tz` from UTC at instant `ms`, asked of Intl every time. 'longOffset' names the
 * offset itself ("GMT+09:00", "GMT+08:27:52" for local mean time, "GMT"), so no calendar
 * arithmetic is involved and every year, 0–99 and BC included, comes out right.
 */
export function intlOffset(ms: number, tz: string): number {
  let f = offsetFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    offsetFormatters.set(tz, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(name);
  if (!m) throw new RangeError(`Unrecognised offset "${name}" for time zone ${tz}`);
  if (!m[1]) return 0;
  const abs = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -abs : abs;
}

/**
 * `intlOffset`, cached for bulk conversions (Intl costs microseconds a call and a sheet can hold
 * millions of dates). An offset the same at both ends of a UTC day is taken for the whole day (no
 * zone changes offset twice in a day); else the same per quarter hour (DST changes fall on
 * quarter hours); else, in the quarter of an odd-minute change (local mean time ending), the
 * instant is asked for itself.
 */
const dayCache = new Map<string, Map<number, number>>();
const quarterCache = new Map<string, Map<number, number | null>>();

function cacheFor<V>(store: Map<string, Map<number, V>>, tz: string): Map<number, V> {
  let m = store.get(tz);
  if (!m) {
    m = new Map();
    store.set(tz, m);
  }
  if (m.size > 200_000) m.clear();
  return m;
}

/** The offset over [from, from + span), or null when it is not the same at both ends. */
function steadyOffset(from: number, span: number, tz: string): number | null {
  const start = intlOffset(from, tz);
  return start === intlOffset(from + span - 1, tz) ? start : null;
}

export function zoneOffset(ms: number, tz: string): number {
  const days = cacheFor(dayCache, tz);
  const day = Math.floor(ms / DAY_MS);
  const hit = days.get(day);
  if (hit !== undefined) return hit;
  const quarters = cacheFor(quarterCache, tz);
  const q = Math.floor(ms / QUARTER_MS);
  let quarter = quarters.get(q);
  if (quarter === undefined) {
    const whole = steadyOffset(day * DAY_MS, DAY_MS, tz);
    if (whole !== null) {
      days.set(day, whole);
      return whole;
    }
    quarter = steadyOffset(q * QUARTER_MS, QUARTER_MS, tz);
    quarters.set(q, quarter);
  }
  return quarter ?? intlOffset(ms, tz);
}

/**
 * The instant at which a wall clock with offsets `offsetOf` reads `wallAsUtcMs`, found by
 * iterating instant = wall − offset(instant) at most `passes` times. Where the wall time exists
 * this settles in two passes (the first match at DST folds). In a DST gap the iteration swings
 * between the two offsets, so the answer depends on whether `passes` is odd or even; callers
 * keep the count they have always used.
 */
export function settleWallTime(wallAsUtcMs: number, offsetOf: (ms: number) => number, passes: number): number {
  let t = wallAsUtcMs;
  for (let i = 0; i < passes; i++) {
    const next = wallAsUtcMs - offsetOf(t);
    if (next === t) break;
    t = next;
  }
  return t;
}

/** The instant at which the wall clock in `tz` shows the given time (first match at DST folds). */
export function fromWallTime(w: Omit<WallTime, 'weekday'>, tz: string): number {
  return settleWallTime(wallAsUtc(w), (ms) => intlOffset(ms, tz), 3);
}
