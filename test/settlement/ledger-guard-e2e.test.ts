import { snapshotWorkbooks } from '../../local/runtime/services/spreadsheet';
import type { SandboxResult } from '../../local/sandbox/run';
import { demoMorning, runClean, tabRows } from '../e2e';

/**
 * The ledger (원장) is append-only on every path, end to end on the built bundle: staff record
 * three payments; then someone types over a posted amount, pastes over two posted rows, deletes
 * a posted row (no onEdit for that) and sorts the tab. Every posted entry is back as it was,
 * found by key, the person is told, and balances, holds and the reseller sheets never see the
 * changed figures.
 */
const payment = (at: string, row: number, partnerId: string, amount: number, reference: string) => ({ at, type: 'edit', sheet: '원장', range: `C${row}`, values: [[partnerId, '입금', amount, reference]] });
const refresh = (at: string) => ({ at, type: 'sidebar', function: 'refreshResellerSheets', args: [] });

const POSTED = [
  ['PNR002:payment:BANK-1', 'PNR002', 500_000],
  ['PNR003:payment:BANK-2', 'PNR003', 300_000],
  ['PNR002:payment:BANK-3', 'PNR002', 200_000],
] as const;

describe('the ledger keeps every posted entry: a typed cell, a paste, a deleted row, a sort', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      duration: '35m',
      events: [
        ...demoMorning(),
        payment('+13m', 2, 'PNR002', 500_000, 'BANK-1'),
        payment('+13m', 3, 'PNR003', 300_000, 'BANK-2'),
        payment('+13m', 4, 'PNR002', 200_000, 'BANK-3'),
        // One cell typed over a posted amount.
        { at: '+17m', type: 'editRow', sheet: '원장', where: { 전표번호: 'PNR002:payment:BANK-1' }, set: { 금액: 9_999_999 } },
        // A paste over two posted rows: partner, type, amount and reference of rows 2 and 3.
        { at: '+19m', type: 'edit', sheet: '원장', range: 'C2', values: [['PNR003', '입금', 1, 'X-1'], ['PNR003', '입금', 2, 'X-2']] },
        // Row 4 (BANK-3) deleted: no onEdit; the next read of the ledger finds it.
        { at: '+23m', type: 'deleteRows', sheet: '원장', row: 4, count: 1 },
        refresh('+25m'),
        // A sort moves rows; nothing is changed, nothing is put back.
        { at: '+27m', type: 'sort', sheet: '원장', column: '금액', ascending: false },
        refresh('+29m'),
        { at: '+31m', type: 'edit', sheet: '파트너', range: 'P1', values: [['처리결과']] },
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  const ledger = () => tabRows(r, '원장').filter((x) => x['전표번호'] !== '' || x['금액'] !== '');
  const logs = () => tabRows(r, '로그').map((x) => String(x['내용']));

  it('holds each posted entry exactly once, as it was posted', () => {
    const rows = ledger();
    expect(rows.map((x) => [x['전표번호'], x['파트너ID'], x['구분'], x['금액']]).sort()).toEqual(POSTED.map(([id, p, a]) => [id, p, '입금', a]).sort());
    expect(rows.map((x) => x['근거']).sort()).toEqual(['BANK-1', 'BANK-2', 'BANK-3']);
  });

  it('put back the typed cell and the paste at once, and said so', () => {
    const toasts = r.runtime.ui.toasts.map((t) => t.message).filter((m) => m.startsWith('기록된 원장 행은 바꿀 수 없습니다'));
    expect(toasts.length).toBeGreaterThanOrEqual(2);
    const pasteLog = logs().filter((l) => /되돌렸습니다/.test(l));
    expect(pasteLog.some((l) => l.includes('PNR002:payment:BANK-1') && l.includes('금액'))).toBe(true);
    expect(pasteLog.some((l) => l.includes('PNR003:payment:BANK-2') && l.includes('X-2'))).toBe(true);
  });

  it('put the deleted row back when the ledger was next read, and said so', () => {
    expect(logs().some((l) => l.includes('PNR002:payment:BANK-3') && /되살렸습니다/.test(l))).toBe(true);
    const back = ledger().find((x) => x['전표번호'] === 'PNR002:payment:BANK-3')!;
    expect(String(back['처리결과'])).toMatch(/되살림/);
  });

  it('took the sort for what it is: rows found by key, nothing put back after it', () => {
    const sortedAt = Date.parse('2026-11-23T09:27:00+09:00');
    const after = r.runtime.executions.filter((x) => x.start > sortedAt);
    expect(after.length).toBeGreaterThan(0);
    const repairs = logs().filter((l) => /되돌렸습니다|되살렸습니다|지웠습니다/.test(l));
    // the cell (1), the paste (2 rows) and the deletion (1): nothing more
    expect(repairs).toHaveLength(4);
  });

  it('balances and the reseller sheet never show the changed figures', () => {
    const partners = tabRows(r, '파트너');
    expect(partners.find((x) => x['파트너ID'] === 'PNR002')!['정산잔액']).toBe(700_000);
    expect(partners.find((x) => x['파트너ID'] === 'PNR003')!['정산잔액']).toBe(300_000);
    const book = snapshotWorkbooks(r.runtime.world).find((b) => b.name === '보라색 정산 시트')!;
    const [header, ...rows] = book.sheets.find((s) => s.name === '원장')!.values as unknown[][];
    const balance = rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i]]))).find((x) => x['구분'] === '현재 잔액')!;
    expect(balance['금액']).toBe(700_000);
  });
});
