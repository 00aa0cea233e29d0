import { fromWallTime, wallTime } from '../tz';

/**
 * When a clock trigger fires next. Pure: the ScriptApp fake and the scheduler share it.
 * Apps Script only promises approximate times (an "at 9" trigger fires between 9 and 10 and
 * keeps that minute from day to day: apps-script-platform §2.1), so a daily trigger without
 * nearMinute gets a fixed minute derived from its id: deterministic, like a real one.
 */
export type ClockSchedule =
  | { kind: 'every'; periodMs: number; offset: EveryOffset }
  | { kind: 'daily'; days: number; hour: number; minute: number; tz: string }
  | { kind: 'weekly'; weeks: number; weekday: number; hour: number; minute: number; tz: string }
  | { kind: 'monthly'; monthDay: number; hour: number; minute: number; tz: string }
  | { kind: 'once'; at: number };

/**
 * Where in its interval an everyMinutes/everyHours trigger fires. Apps Script says only that
 * times "may be slightly randomized" and that a trigger's time, once chosen, stays consistent
 * (an "at 9" trigger fires between 9 and 10, at the same time each day: apps-script-platform
 * §2.1); an hourly trigger fires once somewhere inside each hour, not on the hour. It is silent
 * on how a minute trigger's offset moves from one interval to the next, so the runtime offers
 * each reading (the product must work under all; the specs run under the first two):
 * - `phase` (the default, closest to "stays consistent"): one seeded offset per trigger, the
 *   same in every interval (intervals aligned to the clock: minutes, hours);
 * - `spread`: every fire at its own seeded random offset inside its interval, so two fires are
 *   anywhere from a moment to almost two intervals apart;
 * - `exact`: every period from the moment of creation, on the millisecond (the runtime's old
 *   behaviour, for specs that need exact times).
 */
export type ClockTiming = { mode: 'spread' | 'phase'; seed: number } | { mode: 'exact' };
export const DEFAULT_CLOCK_TIMING: ClockTiming = { mode: 'phase', seed: 1 };

/**
 * The timing a runtime uses when none is asked for: DEFAULT_CLOCK_TIMING, or the reading a test
 * run names in GAS_TRIGGER_TIMING (JSON; jest.config.cjs runs the end-to-end specs under each).
 */
export function defaultClockTiming(): ClockTiming {
  const text = typeof process === 'undefined' ? undefined : process.env.GAS_TRIGGER_TIMING;
  if (!text) return DEFAULT_CLOCK_TIMING;
  const t = JSON.parse(text) as Partial<ClockTiming> & { seed?: number };
  if (t.mode === 'exact') return { mode: 'exact' };
  if (t.mode === 'spread' || t.mode === 'phase') return { mode: t.mode, seed: Number.isInteger(t.seed) ? t.seed! : 1 };
  throw new Error(`GAS_TRIGGER_TIMING: unknown timing ${text}`);
}

/** A trigger's own offsets: its timing with its id folded into the seed. */
export type EveryOffset = { mode: 'exact' } | { mode: 'spread' | 'phase'; key: string };

export function everyOffset(timing: ClockTiming, triggerId: string): EveryOffset {
  return timing.mode === 'exact' ? timing : { mode: timing.mode, key: `${timing.seed}:${triggerId}` };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function firstFire(s: ClockSchedule, createdAt: number): number {
  switch (s.kind) {
    case 'every':
      // In the interval after the one the trigger was created in (exact: one period on).
      return s.offset.mode === 'exact' ? createdAt + s.periodMs : inInterval(s, Math.floor(createdAt / s.periodMs) + 1);
    case 'once':
      return s.at;
    case 'daily':
      return nextWall(createdAt, s.tz, s.hour, s.minute, () => true);
    case 'weekly':
      return nextWall(createdAt, s.tz, s.hour, s.minute, (w) => w.weekday === s.weekday);
    case 'monthly':
      return nextWall(createdAt, s.tz, s.hour, s.minute, (w) => w.day === s.monthDay);
  }
}

/** The fire after one at `last`; null when the trigger does not fire again. */
export function nextFire(s: ClockSchedule, last: number): number | null {
  switch (s.kind) {
    case 'every':
      return s.offset.mode === 'exact' ? last + s.periodMs : inInterval(s, Math.floor(last / s.periodMs) + 1);
    case 'once':
      return null;
    case 'daily':
      return addDays(last, s.days, s.tz);
    case 'weekly':
      return addDays(last, 7 * s.weeks, s.tz);
    case 'monthly':
      return nextWall(last + MINUTE, s.tz, s.hour, s.minute, (w) => w.day === s.monthDay);
  }
}

/** The fire in interval `i` (from i × period to the next), at its seeded offset. */
function inInterval(s: Extract<ClockSchedule, { kind: 'every' }>, i: number): number {
  const o = s.offset as Extract<EveryOffset, { mode: 'spread' | 'phase' }>;
  const draw = hash32(o.mode === 'spread' ? `${o.key}:${i}` : o.key);
  // Whole milliseconds; never the interval's very start (a fire "on the minute" is what this is not).
  return i * s.periodMs + 1 + (draw % (s.periodMs - 1));
}

/** FNV-1a, then a final mix: a stable, well-spread 32-bit draw from a text. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function addDays(t: number, days: number, tz: string): number {
  const w = wallTime(t, tz);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return fromWallTime(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: w.hour, minute: w.minute, second: w.second },
    tz,
  );
}

function nextWall(after: number, tz: string, hour: number, minute: number, ok: (w: ReturnType<typeof wallTime>) => boolean): number {
  const start = wallTime(after, tz);
  for (let i = 0; i <= 62; i++) {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const t = fromWallTime({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute, second: 0 }, tz);
    if (t > after && ok(wallTime(t, tz))) return t;
  }
  return after + DAY;
}

/** A stable minute 0–59 from a trigger id, for "at hour" triggers without nearMinute. */
export function minuteFor(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 60;
}
