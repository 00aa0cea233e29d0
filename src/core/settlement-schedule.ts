/**
 * When the settlement runs by itself (the sync asks every run; the answer is pure arithmetic on
 * the time and a small record kept between runs, so an idle minute costs nothing):
 *
 * - weekly, from Monday 06:00 KST, for the week that ended at Monday 00:00;
 * - monthly, from the 1st 06:00 KST, for the month that ended at the 1st 00:00;
 * - the reseller sheets once a day, from 06:00 KST (and after every settlement run).
 *
 * 06:00 and not 00:00: a parcel scanned at 23:59 on Sunday reaches the orders tab with the next
 * sync runs, and staff find the statements ready when they start work.
 *
 * Only periods that end after the add-on's first sync run are settled by themselves: what ended
 * before it is history the business settled its own way, and billing it at install would surprise
 * everyone (staff may still settle it on demand). And only periods the add-on has seen whole: the
 * first sync reads orders paid in the last 7 days only (collect-orders FIRST_LOOKBACK_MS, by whole
 * Seoul days), so a week or month that started before `coveredFrom` is left to staff too
 * (runSettlement on demand, whose status then warns). Pure: time comes in as epoch ms.
 */
import { civil, DAY_MS, dayNumber, SEOUL_OFFSET_MS, seoulDayNumber, seoulDayOf, seoulDayStart, type SeoulDay } from './seoul-time';
import { mondayNoOf, monthOf, weekLabelOf, weekOf, type SeoulMonth, type SeoulWeek } from './seoul-week';

/** The Seoul hour from which the automatic runs are due. */
export const SETTLEMENT_HOUR = 6;
const HOUR_MS = 3_600_000;
/** As collect-orders' first read. */
export const FIRST_COLLECTION_LOOKBACK_MS = 7 * DAY_MS;

export interface SettlementSchedule {
  /** Epoch ms of the add-on's first sync run (with a connected mall). */
  readonly firstRun: number;
  /** Epoch ms from which the orders tab holds every paid order (first sync − 7 days, day start). */
  readonly coveredFrom: number;
  /** The last week settled by the automatic run (`2027-W04`), or null. */
  readonly week: string | null;
  /** The last month settled by the automatic run (`2027-01`), or null. */
  readonly month: string | null;
  /** The Seoul day of the last daily refresh of the reseller sheets, or null. */
  readonly refreshedDay: string | null;
}

export interface DueWork {
  /** The week to settle now, or null. */
  readonly week: SeoulWeek | null;
  /** The month to settle now, or null. */
  readonly month: SeoulMonth | null;
  /** The reseller sheets' daily refresh is due. */
  readonly refresh: boolean;
  /** The Seoul day that refresh stands for. */
  readonly today: SeoulDay;
}

/** The schedule of a sheet whose first sync runs at `now`. */
export function firstSchedule(now: number): SettlementSchedule {
  return { firstRun: now, coveredFrom: seoulDayStart(seoulDayOf(now - FIRST_COLLECTION_LOOKBACK_MS)), week: null, month: null, refreshedDay: null };
}

/** The week before the one holding `now`. */
export function previousWeek(now: number): SeoulWeek {
  return weekOf(weekOf(now).start - 1);
}

/** The month before the one holding `now`. */
export function previousMonth(now: number): SeoulMonth {
  return monthOf(monthOf(now).start - 1);
}

/**
 * What is due at `now` given what was done. The sync asks every minute: the periods' bounds and
 * labels are plain arithmetic, and a whole week or month (its days as text) is made only when due.
 */
export function dueWork(s: SettlementSchedule, now: number): DueWork {
  const dayNo = seoulDayNumber(now);
  const after6 = now >= dayNo * DAY_MS - SEOUL_OFFSET_MS + SETTLEMENT_HOUR * HOUR_MS;
  // The previous week ends where this one starts (Monday 00:00).
  const mondayNo = mondayNoOf(now);
  const weekEnd = mondayNo * DAY_MS - SEOUL_OFFSET_MS;
  const weekDue = now >= weekEnd + SETTLEMENT_HOUR * HOUR_MS && weekEnd > s.firstRun && weekEnd - 7 * DAY_MS >= s.coveredFrom && (s.week === null || s.week < weekLabelOf(mondayNo - 7));
  // The previous month ends where this one starts (the 1st, 00:00).
  const { y, m } = civil(dayNo);
  const monthEnd = dayNumber(y, m, 1) * DAY_MS - SEOUL_OFFSET_MS;
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const monthDue = now >= monthEnd + SETTLEMENT_HOUR * HOUR_MS && monthEnd > s.firstRun && dayNumber(py, pm, 1) * DAY_MS - SEOUL_OFFSET_MS >= s.coveredFrom && (s.month === null || s.month < monthLabel(py, pm));
  const today = seoulDayOf(now);
  return {
    week: weekDue ? previousWeek(now) : null,
    month: monthDue ? previousMonth(now) : null,
    refresh: after6 && s.refreshedDay !== today,
    today,
  };
}

/** `2026-11`, as SeoulMonth labels a month. */
const monthLabel = (y: number, m: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;

/** The schedule once the due work is done. */
export function afterRun(s: SettlementSchedule, done: { week?: SeoulWeek | null; month?: SeoulMonth | null; refreshedDay?: string | null }): SettlementSchedule {
  return {
    firstRun: s.firstRun,
    coveredFrom: s.coveredFrom,
    week: done.week ? done.week.label : s.week,
    month: done.month ? done.month.label : s.month,
    refreshedDay: done.refreshedDay ?? s.refreshedDay,
  };
}
