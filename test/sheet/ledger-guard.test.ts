import { planRepairs, postedInTab, type PostedCells } from '../../src/sheet/ledger-guard';

/**
 * The ledger guard's plan: the tab against the entries the add-on kept, by key. What a person
 * did to the tab (sorted, pasted over, deleted, typed an id) decides what is put back where.
 */
const HEADER = ['전표번호', '일시', '파트너ID', '구분', '금액', '근거', '사유', '품목 근거', '처리결과'];
const T = Date.parse('2026-11-23T10:00:00+09:00');
const entry = (n: number, partnerId = 'PNR002', amount = n * 100_000): PostedCells => ({ id: `${partnerId}:payment:BANK-${n}`, at: T + n * 60_000, partnerId, type: 'payment', amount, reference: `BANK-${n}`, reason: '' });
const rowOf = (e: PostedCells, status = '✓ 원장 기록') => [e.id, new Date(e.at), e.partnerId, '입금', e.amount, e.reference, e.reason, '', status];
const KEPT = [entry(1), entry(2, 'PNR003'), entry(3), entry(4)];
const tab = (rows: unknown[][]) => [HEADER, ...rows];

describe('planRepairs', () => {
  it('needs nothing for a sorted tab: rows are found by key', () => {
    expect(planRepairs(KEPT, tab([rowOf(KEPT[3]!), rowOf(KEPT[1]!), rowOf(KEPT[0]!), rowOf(KEPT[2]!)]))).toEqual([]);
  });

  it('puts a changed amount back in its row, saying what it was', () => {
    const rows = KEPT.map((e) => rowOf(e));
    rows[1]![4] = '9,999,999';
    expect(planRepairs(KEPT, tab(rows))).toEqual([{ kind: 'restore', row: 3, entry: KEPT[1], changes: ['금액 9,999,999원 → 200,000원'] }]);
  });

  it('a paste of rows 4-5 over rows 2-3: the pasted rows get their own entries back, the originals stay', () => {
    const rows = KEPT.map((e) => rowOf(e));
    rows[0] = rowOf(KEPT[2]!);
    rows[1] = rowOf(KEPT[3]!);
    const plan = planRepairs(KEPT, tab(rows), { from: 2, to: 3 });
    expect(plan.map((r) => [r.kind, 'row' in r ? r.row : null, r.kind === 'unpost' ? r.id : r.entry.id])).toEqual([
      ['restore', 2, KEPT[0]!.id],
      ['restore', 3, KEPT[1]!.id],
    ]);
  });

  it('a deleted row comes back below the entry posted before it', () => {
    const rows = [rowOf(KEPT[0]!), rowOf(KEPT[1]!), rowOf(KEPT[3]!)];
    expect(planRepairs(KEPT, tab(rows))).toEqual([{ kind: 'reinsert', after: 3, entry: KEPT[2] }]);
    expect(planRepairs(KEPT, tab(rows.slice(1)))).toEqual([
      { kind: 'reinsert', after: 1, entry: KEPT[0] },
      { kind: 'reinsert', after: 2, entry: KEPT[2] },
    ]);
  });

  it('a staff row the add-on was recording when its run stopped takes its entry (no second row)', () => {
    const typed = ['', '', 'PNR002', '입금', 400_000, 'BANK-4', '', '', ''];
    const plan = planRepairs(KEPT, tab([rowOf(KEPT[0]!), rowOf(KEPT[1]!), rowOf(KEPT[2]!), typed]));
    expect(plan).toEqual([{ kind: 'restore', row: 5, entry: KEPT[3], changes: expect.arrayContaining([`전표키 (빈칸) → ${KEPT[3]!.id}`]) }]);
  });

  it('an id the add-on never gave is cleared, and so is a second copy of a posted row', () => {
    const rows = KEPT.map((e) => rowOf(e));
    const typedId = ['PNR002:payment:MADE-UP', new Date(T), 'PNR002', '입금', 1_000_000, 'MADE-UP', '', '', ''];
    const plan = planRepairs(KEPT, tab([...rows, typedId, rowOf(KEPT[0]!)]), { from: 6, to: 7 });
    expect(plan).toEqual([
      { kind: 'unpost', row: 6, id: 'PNR002:payment:MADE-UP', copy: false },
      { kind: 'unpost', row: 7, id: KEPT[0]!.id, copy: true },
    ]);
  });

  it('a ledger from before the guard is taken as it is', () => {
    expect(postedInTab(tab([rowOf(KEPT[0]!), ['', '', 'PNR002', '입금', 5, '', '', '', ''], rowOf(KEPT[0]!)]))).toEqual([KEPT[0]]);
  });
});
