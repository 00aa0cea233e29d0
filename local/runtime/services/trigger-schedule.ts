import { fromWallTime, wallTime } from '../tz';

/**
 * When a clock trigger fires next. Pure: the ScriptApp fake and the scheduler share it.
 * Apps Script only promises approximate times (an "at 9" trigger fires between 9 and 10 and
 * keeps that minute from day to day: apps-script-platform §2.1), so a daily trigger without
 * nearMinute gets a fixed minute derived from its id: deterministic, like a real one.
 */
export type ClockSchedule =
  | { kind: 'every'; periodMs: number }
  | { kind: 'daily'; days: number; hour: number; minute: number; tz: string }
  | { kind: 'weekly'; weeks: number; weekday: number; hour: number; minute: number; tz: string }
  | { kind: 'monthly'; monthDay: number; hour: number; minute: number; tz: string }
  | { kind: 'once'; at: number };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function firstFire(s: ClockSchedule, createdAt: number): number {
  switch (s.kind) {
    case 'every':
      return createdAt + s.periodMs;
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
      return last + s.periodMs;
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
