/**
 * When the settlement runs by itself: the last week from Monday 06:00 KST, the last month from the
 * 1st 06:00 KST, the reseller sheets once a day from 06:00; never a period that began before the
 * orders tab was complete (the first sync reads 7 days back, by whole Seoul days).
 */
import { afterRun, dueWork, firstSchedule, previousMonth, previousWeek, type SettlementSchedule } from '../../src/core/settlement-schedule';

const kst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h - 9, mi, s);
/** Installed on Thursday 2027-01-07 10:00 KST: complete from Thursday 2026-12-31 00:00. */
const installed = firstSchedule(kst(2027, 1, 7, 10));

describe('the first schedule', () => {
  test('covers from the start of the Seoul day 7 days before the first sync', () => {
    expect(installed).toEqual({ firstRun: kst(2027, 1, 7, 10), coveredFrom: kst(2026, 12, 31), week: null, month: null, refreshedDay: null });
    // 00:30 KST is still the previous day in UTC: the Seoul day counts
    expect(firstSchedule(kst(2027, 1, 8, 0, 30)).coveredFrom).toBe(kst(2027, 1, 1));
  });
});

describe('weekly: from Monday 06:00 KST, for the week that just ended', () => {
  // W01 of 2027 is Mon 2027-01-04 – Sun 01-10; W02 01-11 – 01-17.
  const s: SettlementSchedule = { ...installed, refreshedDay: '2027-01-18' };

  test('not before 06:00 on Monday; due at 06:00:00 exactly; the week that ended', () => {
    expect(dueWork(s, kst(2027, 1, 11, 5, 59, 59)).week).toBeNull();
    expect(dueWork(s, kst(2027, 1, 11, 6)).week?.label).toBe('2027-W01');
    expect(dueWork(s, kst(2027, 1, 13, 15)).week?.label).toBe('2027-W01');
  });

  test('done once: not due again that week; the next Monday the next week', () => {
    const done = afterRun(s, { week: dueWork(s, kst(2027, 1, 11, 6)).week });
    expect(done.week).toBe('2027-W01');
    expect(dueWork(done, kst(2027, 1, 16, 23)).week).toBeNull();
    expect(dueWork(done, kst(2027, 1, 18, 6, 1)).week?.label).toBe('2027-W02');
  });

  test('a week that ended before the first sync run, or began before the orders tab was complete, is left to staff', () => {
    // installed on a Monday morning: the last week is complete in the tab, but ended before the add-on ran
    const monday = firstSchedule(kst(2027, 1, 11, 9));
    expect(monday.coveredFrom).toBe(kst(2027, 1, 4));
    expect(dueWork(monday, kst(2027, 1, 11, 9)).week).toBeNull();
    expect(dueWork(monday, kst(2027, 1, 18, 6)).week?.label).toBe('2027-W02');
    // installed on a Thursday: the 7 days back reach the Monday before, so that week is settled
    const thursday = firstSchedule(kst(2027, 1, 14, 9));
    expect(thursday.coveredFrom).toBe(kst(2027, 1, 7));
    expect(dueWork(thursday, kst(2027, 1, 18, 6)).week?.label).toBe('2027-W02');
    // a week that began before the tab was complete is not (had the first read gone back only 2 days)
    expect(dueWork({ ...thursday, coveredFrom: kst(2027, 1, 12) }, kst(2027, 1, 18, 6)).week).toBeNull();
  });

  test('across the year: 2026-W53 done, 2027-W01 is due', () => {
    const s2: SettlementSchedule = { firstRun: kst(2026, 12, 8), coveredFrom: kst(2026, 12, 1), week: '2026-W53', month: null, refreshedDay: null };
    expect(dueWork(s2, kst(2027, 1, 11, 6)).week?.label).toBe('2027-W01');
    expect(previousWeek(kst(2027, 1, 4, 6)).label).toBe('2026-W53');
  });
});

describe('monthly: from the 1st 06:00 KST, for the month that just ended', () => {
  const s: SettlementSchedule = { firstRun: kst(2026, 12, 8), coveredFrom: kst(2026, 12, 1), week: null, month: null, refreshedDay: null };

  test('due on the 1st from 06:00, not before; once', () => {
    expect(dueWork(s, kst(2027, 1, 1, 5, 59)).month).toBeNull();
    const due = dueWork(s, kst(2027, 1, 1, 6));
    expect(due.month?.label).toBe('2026-12');
    expect(dueWork(afterRun(s, { month: due.month }), kst(2027, 1, 20)).month).toBeNull();
    expect(dueWork(afterRun(s, { month: due.month }), kst(2027, 2, 1, 6)).month?.label).toBe('2027-01');
  });

  test('a month that began before the orders tab was complete is left to staff', () => {
    // complete from 2026-12-31: December is not settled by itself, January is
    expect(dueWork(installed, kst(2027, 1, 1, 6)).month).toBeNull();
    expect(dueWork(installed, kst(2027, 2, 1, 6)).month?.label).toBe('2027-01');
    expect(previousMonth(kst(2027, 3, 1)).label).toBe('2027-02');
  });
});

describe('the reseller sheets once a day', () => {
  test('from 06:00, once per Seoul day', () => {
    expect(dueWork(installed, kst(2027, 1, 8, 5)).refresh).toBe(false);
    expect(dueWork(installed, kst(2027, 1, 8, 6)).refresh).toBe(true);
    const s = afterRun(installed, { refreshedDay: '2027-01-08' });
    expect(dueWork(s, kst(2027, 1, 8, 23, 59)).refresh).toBe(false);
    expect(dueWork(s, kst(2027, 1, 9, 5, 59)).refresh).toBe(false);
    expect(dueWork(s, kst(2027, 1, 9, 6))).toMatchObject({ refresh: true, today: '2027-01-09' });
  });
});

describe('the minute’s due-check (arithmetic, asked every minute) agrees with the calendar periods', () => {
  test('every 2 h 35 min over two years: the week and month due are the ones that ended, until done', () => {
    const from = kst(2025, 12, 20);
    // Installed long before: every period is its own to settle.
    const s: SettlementSchedule = { firstRun: 0, coveredFrom: 0, week: null, month: null, refreshedDay: null };
    for (let now = from; now < kst(2028, 1, 20); now += 155 * 60_000) {
      const week = previousWeek(now);
      const month = previousMonth(now);
      const due = dueWork(s, now);
      expect(due.week).toEqual(now >= week.end + 6 * 3_600_000 ? week : null);
      expect(due.month).toEqual(now >= month.end + 6 * 3_600_000 ? month : null);
      // Done, it is not due again; the one before being done, it is.
      expect(dueWork({ ...s, week: week.label, month: month.label }, now)).toMatchObject({ week: null, month: null });
      expect(dueWork({ ...s, week: previousWeek(week.start).label, month: previousMonth(month.start).label }, now)).toMatchObject({ week: due.week, month: due.month });
    }
  });
});
