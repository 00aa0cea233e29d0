/**
 * Order windows and paging: a long span becomes Seoul-day windows under Cafe24's 3-month limit,
 * and the scan never asks for an offset past 15,000.
 */
import {
  advanceOrderScan,
  advanceProductScan,
  nextOrderPage,
  ORDER_WINDOW_MAX_DAYS,
  orderWindows,
  splitWindow,
  startOrderScan,
  startProductScan,
  windowDays,
} from '../../src/channels/cafe24/paging';
import type { DayWindow, OrderScan } from '../../src/channels/cafe24/paging';
import type { SeoulDay } from '../../src/core/seoul-time';
import { addSeoulDays, addSeoulMonths, seoulDayOf, seoulDayStart } from '../../src/core/seoul-time';
import { kst } from './cafe24-helpers';

const day = (s: string): SeoulDay => s as SeoulDay;

/** Cafe24's rule as the local fake reads it: the end day's last instant before start + 3 months. */
function under3Months(w: DayWindow): boolean {
  return seoulDayStart(addSeoulDays(w.endDate, 1)) <= seoulDayStart(addSeoulMonths(w.startDate, 3));
}

describe('orderWindows', () => {
  test('a 7-month span: windows each under 3 months, contiguous, no gap or overlap, covering exactly the span', () => {
    const from = kst('2026-04-23T10:00:00');
    const to = kst('2026-11-23T09:59:59');
    const windows = orderWindows(from, to);
    expect(windows).toEqual([
      { startDate: '2026-04-23', endDate: '2026-07-20' },
      { startDate: '2026-07-21', endDate: '2026-10-17' },
      { startDate: '2026-10-18', endDate: '2026-11-23' },
    ]);
    expect(windows[0]!.startDate).toBe(seoulDayOf(from));
    expect(windows[windows.length - 1]!.endDate).toBe(seoulDayOf(to));
    for (const [i, w] of windows.entries()) {
      expect(under3Months(w)).toBe(true);
      expect(windowDays(w)).toBeLessThanOrEqual(89);
      if (i > 0) expect(w.startDate).toBe(addSeoulDays(windows[i - 1]!.endDate, 1));
    }
    expect(windows.reduce((n, w) => n + windowDays(w), 0)).toBe(215);
  });

  test('days are Seoul days: 23:30 UTC is already the next day in Seoul', () => {
    expect(orderWindows(Date.parse('2026-11-22T15:00:00Z'), Date.parse('2026-11-22T23:30:00Z'))).toEqual([
      { startDate: '2026-11-23', endDate: '2026-11-23' },
    ]);
    expect(orderWindows(Date.parse('2026-11-22T14:59:59Z'), Date.parse('2026-11-22T15:00:00Z'))).toEqual([
      { startDate: '2026-11-22', endDate: '2026-11-23' },
    ]);
  });

  test('89 days is under 3 months from every start day, the shortest (Feb–Apr) included', () => {
    for (let d = day('2027-01-01'); d <= day('2028-12-31'); d = addSeoulDays(d, 1)) {
      expect(under3Months({ startDate: d, endDate: addSeoulDays(d, ORDER_WINDOW_MAX_DAYS - 1) })).toBe(true);
    }
    expect(under3Months({ startDate: day('2027-02-01'), endDate: day('2027-05-01') })).toBe(false);
  });

  test('a span inside one day is one window; a reversed span is refused', () => {
    expect(orderWindows(kst('2026-11-23T09:00:00'), kst('2026-11-23T09:01:00'))).toEqual([{ startDate: '2026-11-23', endDate: '2026-11-23' }]);
    expect(() => orderWindows(kst('2026-11-23T09:00:00'), kst('2026-11-22T09:00:00'))).toThrow('before');
  });

  test('split halves a window with no gap', () => {
    expect(splitWindow({ startDate: day('2026-11-01'), endDate: day('2026-11-05') })).toEqual([
      { startDate: '2026-11-01', endDate: '2026-11-02' },
      { startDate: '2026-11-03', endDate: '2026-11-05' },
    ]);
  });
});

describe('order scan', () => {
  const span = [kst('2026-11-01T00:00:00'), kst('2026-11-30T23:59:59')] as const;

  test('a short page ends the window; the next window starts at offset 0; then done', () => {
    let scan = startOrderScan(kst('2026-06-01T00:00:00'), kst('2026-11-23T12:00:00'), 1000);
    expect(nextOrderPage(scan)).toEqual({ window: { startDate: '2026-06-01', endDate: '2026-08-28' }, offset: 0, limit: 1000 });
    scan = advanceOrderScan(scan, 1000);
    expect(nextOrderPage(scan)).toMatchObject({ offset: 1000 });
    scan = advanceOrderScan(scan, 17);
    expect(nextOrderPage(scan)).toEqual({ window: { startDate: '2026-08-29', endDate: '2026-11-23' }, offset: 0, limit: 1000 });
    scan = advanceOrderScan(scan, 0);
    expect(nextOrderPage(scan)).toBeNull();
  });

  test('full pages walk up to offset 15,000, the last offset Cafe24 accepts', () => {
    let scan: OrderScan = startOrderScan(span[0], span[1], 1000);
    const offsets: number[] = [];
    for (let i = 0; i < 16; i++) {
      offsets.push(nextOrderPage(scan)!.offset);
      scan = advanceOrderScan(scan, 1000);
    }
    expect(offsets[offsets.length - 1]).toBe(15000);
    expect(offsets).toEqual(Array.from({ length: 16 }, (_, i) => i * 1000));
  });

  test('when the next offset would pass the cap, the window is halved and read again from offset 0', () => {
    const atCap: OrderScan = { windows: [{ startDate: day('2026-11-01'), endDate: day('2026-11-30') }], offset: 15000, limit: 1000 };
    const next = advanceOrderScan(atCap, 1000);
    expect(next).toEqual({
      windows: [
        { startDate: '2026-11-01', endDate: '2026-11-15' },
        { startDate: '2026-11-16', endDate: '2026-11-30' },
      ],
      offset: 0,
      limit: 1000,
    });
    // With limit 500 the cap is reached at offset 15,000 as well (15,000 + 500 > 15,000).
    expect(advanceOrderScan({ ...atCap, limit: 500, offset: 14500 }, 500).offset).toBe(15000);
    expect(advanceOrderScan({ ...atCap, limit: 500, offset: 15000 }, 500).windows).toHaveLength(2);
  });

  test('a later window stays queued behind the halves', () => {
    const scan: OrderScan = {
      windows: [
        { startDate: day('2026-11-01'), endDate: day('2026-11-02') },
        { startDate: day('2026-11-03'), endDate: day('2026-11-30') },
      ],
      offset: 15000,
      limit: 1000,
    };
    expect(advanceOrderScan(scan, 1000).windows.map((w) => `${w.startDate}..${w.endDate}`)).toEqual([
      '2026-11-01..2026-11-01',
      '2026-11-02..2026-11-02',
      '2026-11-03..2026-11-30',
    ]);
  });

  test('one day holding more than the cap allows cannot be paged by date: a clear error', () => {
    const scan: OrderScan = { windows: [{ startDate: day('2026-11-11'), endDate: day('2026-11-11') }], offset: 15000, limit: 1000 };
    expect(() => advanceOrderScan(scan, 1000)).toThrow('orders on 2026-11-11 exceed 16000');
  });

  test('the scan is plain data (kept in properties between executions)', () => {
    const scan = advanceOrderScan(startOrderScan(span[0], span[1]), 500);
    expect(JSON.parse(JSON.stringify(scan))).toEqual(scan);
  });
});

describe('product scan (since_product_no)', () => {
  test('continues after the highest product number seen; a short page ends it', () => {
    let scan = startProductScan(3);
    expect(scan).toEqual({ sinceProductNo: 0, limit: 3, done: false });
    scan = advanceProductScan(scan, [11, 12, 13]);
    expect(scan).toEqual({ sinceProductNo: 13, limit: 3, done: false });
    scan = advanceProductScan(scan, [14]);
    expect(scan).toEqual({ sinceProductNo: 14, limit: 3, done: true });
  });
});
