/**
 * Which order rows leave the orders tab for the yearly archive: finished, settled in closed
 * periods, no open claim, older than the setting; past the tab's cap, younger settled rows too,
 * never a row that may not go.
 */
import { weekOf } from '../../src/core/seoul-week';
import { archiveYearOf, archiveYearsFor, cutoffOf, mayLeave, selectForArchive, type ArchiveCandidate } from '../../src/core/order-archive';

/** Seoul wall time → epoch ms (KST = UTC+9). */
const kst = (y: number, mo: number, d: number, h = 0) => Date.UTC(y, mo - 1, d, h - 9);

const shipped = (key: string, at: number, status: ArchiveCandidate['status'] = 'delivered'): ArchiveCandidate => ({ key, partnerId: key.split('|')[0]!, status, shippedAt: at, lastAt: at });
// 2026-08-05 is a Wednesday of 2026-W32; August 2026.
const AUG5 = kst(2026, 8, 5, 10);
const settled = new Set(['PNR002|2026-W32', 'PNR002|2026-08', 'PNR003|2026-W32']);
const rules = { cutoff: kst(2026, 9, 5), settled, openClaims: new Set<string>(), maxRows: 30_000 };

describe('the cutoff', () => {
  it('is the start of the Seoul day the setting\'s months before today', () => {
    expect(cutoffOf(kst(2026, 12, 5, 3), 3)).toBe(kst(2026, 9, 5));
    // Month ends clamp: 31 May − 3 months is 28 February.
    expect(cutoffOf(kst(2027, 5, 31, 23), 3)).toBe(kst(2027, 2, 28));
  });
});

describe('a row may leave the tab', () => {
  it('when shipped and both its week and its month are settled for its partner', () => {
    expect(mayLeave(shipped('PNR002|A-01', AUG5), rules)).toBe(true);
    // PNR003 has its week but not its month: the shipping fee is not closed yet.
    expect(mayLeave(shipped('PNR003|B-01', AUG5), rules)).toBe(false);
  });

  it('not while a claim on the item is open', () => {
    expect(mayLeave(shipped('PNR002|A-01', AUG5), { ...rules, openClaims: new Set(['PNR002|A-01']) })).toBe(false);
  });

  it('not while it waits to ship or a claim is asked, whatever its age', () => {
    for (const status of ['paid', 'preparing', 'standby', 'cancelRequested', 'returnRequested', 'exchangeRequested'] as const) {
      expect(mayLeave({ ...shipped('PNR002|A-01', AUG5), status, shippedAt: status === 'paid' ? null : AUG5 }, rules)).toBe(false);
    }
  });

  it('a cancel that never shipped needs no settlement; a shipped status without a shipping time stays', () => {
    expect(mayLeave({ key: 'PNR009|C-01', partnerId: 'PNR009', status: 'cancelled', shippedAt: null, lastAt: AUG5 }, rules)).toBe(true);
    expect(mayLeave({ key: 'PNR002|C-02', partnerId: 'PNR002', status: 'delivered', shippedAt: null, lastAt: AUG5 }, rules)).toBe(false);
  });

  it('not without a key or a time the add-on wrote', () => {
    expect(mayLeave({ ...shipped('PNR002|A-01', AUG5), key: '' }, rules)).toBe(false);
    expect(mayLeave({ ...shipped('PNR002|A-01', AUG5), status: null }, rules)).toBe(false);
  });
});

describe('the selection', () => {
  it('takes the old rows that may leave, oldest first, and leaves the young and the unsettled', () => {
    const rows = [shipped('PNR002|A-02', AUG5 + 1000), shipped('PNR002|A-01', AUG5), shipped('PNR003|B-01', AUG5), shipped('PNR002|N-01', kst(2026, 11, 30))];
    const s = selectForArchive(rows, rules);
    expect(s.rows.map((r) => r.key)).toEqual(['PNR002|A-01', 'PNR002|A-02']);
    expect(s.left).toBe(2);
    expect(s.overCap).toBe(false);
  });

  it('leaves both rows of a key that is on two rows', () => {
    const s = selectForArchive([shipped('PNR002|A-01', AUG5), shipped('PNR002|A-01', AUG5)], rules);
    expect(s.rows).toEqual([]);
  });

  it('past the cap, takes settled rows younger than the setting too, oldest first, down to 90% of the cap', () => {
    // A cap of 10: 14 rows, 2 old, 8 young and settled (November weeks), 4 waiting to ship.
    const nov = (i: number) => shipped(`PNR002|Y-${i}`, kst(2026, 11, 2 + i, 10));
    const young = Array.from({ length: 8 }, (_, i) => nov(i));
    const waiting = Array.from({ length: 4 }, (_, i): ArchiveCandidate => ({ key: `PNR002|W-${i}`, partnerId: 'PNR002', status: 'paid', shippedAt: null, lastAt: kst(2026, 12, 4) }));
    const novSettled = new Set([...settled, 'PNR002|2026-11', ...young.map((y) => `PNR002|${weekLabel(y.shippedAt!)}`)]);
    const s = selectForArchive([...waiting, ...young, shipped('PNR002|A-01', AUG5), shipped('PNR002|A-02', AUG5 + 1)], { ...rules, settled: novSettled, maxRows: 10 });
    // 14 rows − 9 (90% of 10) = 5 go: the two old ones and the three oldest young ones.
    expect(s.rows.map((r) => r.key)).toEqual(['PNR002|A-01', 'PNR002|A-02', 'PNR002|Y-0', 'PNR002|Y-1', 'PNR002|Y-2']);
    expect(s.left).toBe(9);
    expect(s.overCap).toBe(false);
  });

  it('past the cap with nothing more that may go: moves what may go and says the tab stays over', () => {
    const waiting = Array.from({ length: 12 }, (_, i): ArchiveCandidate => ({ key: `PNR002|W-${i}`, partnerId: 'PNR002', status: 'paid', shippedAt: null, lastAt: kst(2026, 12, 4) }));
    const s = selectForArchive([...waiting, shipped('PNR002|A-01', AUG5)], { ...rules, maxRows: 10 });
    expect(s.rows.map((r) => r.key)).toEqual(['PNR002|A-01']);
    expect(s.left).toBe(12);
    expect(s.overCap).toBe(true);
  });
});

describe('archive years', () => {
  it('a row is in the Seoul year of its latest time', () => {
    expect(archiveYearOf({ lastAt: kst(2027, 1, 1, 0) })).toBe(2027);
    expect(archiveYearOf({ lastAt: kst(2027, 1, 1, 0) - 1 })).toBe(2026);
  });

  it('a period is read from its years and the next one (an order placed in December may ship in January)', () => {
    expect(archiveYearsFor(kst(2026, 12, 28), kst(2027, 1, 4), [2025, 2026, 2027, 2028])).toEqual([2026, 2027, 2028]);
    expect(archiveYearsFor(kst(2026, 8, 1), kst(2026, 9, 1), [2025, 2026, 2027, 2028])).toEqual([2026, 2027]);
  });
});


const weekLabel = (t: number) => weekOf(t).label;
