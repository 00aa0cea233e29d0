/**
 * Settlement periods in Asia/Seoul: the Monday-start week (ISO 8601 weeks) and the calendar month.
 * Periods are half-open `[start, end)` in epoch ms, so Sunday 23:59:59.999 KST is in the week and
 * Monday 00:00:00.000 KST is in the next one. Pure: time comes in as epoch ms, no `new Date()`.
 */
import { DAY_MS, SEOUL_OFFSET_MS, addSeoulDays, addSeoulMonths, civil, dayNumber, daysInMonth, parseSeoulDay, seoulDayNumber, seoulDayOf, seoulDayStart, type SeoulDay } from './seoul-time';

export interface SeoulWeek {
  readonly kind: 'week';
  /** Monday 00:00 KST, epoch ms (inclusive). */
  readonly start: number;
  /** The next Monday 00:00 KST, epoch ms (exclusive). */
  readonly end: number;
  /** Monday. */
  readonly firstDay: SeoulDay;
  /** Sunday. */
  readonly lastDay: SeoulDay;
  /** ISO 8601 week, `2026-W47`: the period key used in ledger ids. */
  readonly label: string;
  /** `2026-11-16~2026-11-22`, for people. */
  readonly range: string;
  /** The Thursday after the week (Monday + 10 days): when the weekly settlement is due. */
  readonly dueDate: SeoulDay;
}

export interface SeoulMonth {
  readonly kind: 'month';
  /** The 1st, 00:00 KST, epoch ms (inclusive). */
  readonly start: number;
  /** The 1st of the next month, 00:00 KST, epoch ms (exclusive). */
  readonly end: number;
  readonly firstDay: SeoulDay;
  readonly lastDay: SeoulDay;
  /** `2026-11`: the period key used in ledger ids. */
  readonly label: string;
}

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

function assertInstant(epochMs: number): void {
  if (!Number.isFinite(epochMs)) throw new PeriodError(`not an instant: ${epochMs} (시각이 올바르지 않습니다)`);
}

/** Days since 1970-01-01 of the Seoul day an instant falls on. */
const seoulDayNo = seoulDayNumber;

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
const mondayIndex = (dayNo: number): number => (((dayNo + 3) % 7) + 7) % 7;

function weekStartingOn(mondayNo: number): SeoulWeek {
  const start = mondayNo * DAY_MS - SEOUL_OFFSET_MS;
  const firstDay = seoulDayOf(start);
  const lastDay = addSeoulDays(firstDay, 6);
  return {
    kind: 'week',
    start,
    end: start + 7 * DAY_MS,
    firstDay,
    lastDay,
    label: weekLabelOf(mondayNo),
    range: `${firstDay}~${lastDay}`,
    dueDate: addSeoulDays(firstDay, 10),
  };
}

/** The Seoul Monday–Sunday week holding the instant. */
/** The ISO 8601 label (`2026-W47`) of the week starting on day number `mondayNo`: arithmetic only. */
export function weekLabelOf(mondayNo: number): string {
  // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's first Thursday.
  const thursdayNo = mondayNo + 3;
  const isoYear = civil(thursdayNo).y;
  const weekNo = Math.floor((thursdayNo - dayNumber(isoYear, 1, 1)) / 7) + 1;
  return `${String(isoYear).padStart(4, '0')}-W${String(weekNo).padStart(2, '0')}`;
}

/** The Monday (day number) of the week holding `epochMs`. */
export const mondayNoOf = (epochMs: number): number => {
  const dayNo = seoulDayNo(epochMs);
  return dayNo - mondayIndex(dayNo);
};

export function weekOf(epochMs: number): SeoulWeek {
  assertInstant(epochMs);
  const dayNo = seoulDayNo(epochMs);
  return weekStartingOn(dayNo - mondayIndex(dayNo));
}

/** `2026-W47` → that week; null when the label is not an ISO week that exists. */
export function weekFromLabel(label: string): SeoulWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return null;
  const weekNo = Number(m[2]);
  if (weekNo < 1) return null;
  // January 4th is always in week 1.
  const jan4No = seoulDayNo(seoulDayStart(parseSeoulDay(`${m[1]}-01-04`)!));
  const week = weekStartingOn(jan4No - mondayIndex(jan4No) + (weekNo - 1) * 7);
  // week 53 of a 52-week year lands in the next year's week 1: the label then differs
  return week.label === label ? week : null;
}

/** The Seoul calendar month holding the instant. */
export function monthOf(epochMs: number): SeoulMonth {
  assertInstant(epochMs);
  const day = seoulDayOf(epochMs);
  const [y, m] = day.split('-').map(Number) as [number, number];
  const firstDay = parseSeoulDay(`${day.slice(0, 7)}-01`)!;
  const next = addSeoulMonths(firstDay, 1);
  return {
    kind: 'month',
    start: seoulDayStart(firstDay),
    end: seoulDayStart(next),
    firstDay,
    lastDay: addSeoulDays(firstDay, daysInMonth(y, m) - 1),
    label: day.slice(0, 7),
  };
}

/** True when the instant lies in the half-open period `[start, end)`. */
export function inPeriod(period: { readonly start: number; readonly end: number }, epochMs: number): boolean {
  return epochMs >= period.start && epochMs < period.end;
}
