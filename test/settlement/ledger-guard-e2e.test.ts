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
        { at: '+17m', type: 'editRow', sheet: '원장', where: { 전표키: 'PNR002:payment:BANK-1' }, set: { 금액: 9_999_999 } },
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

  const ledger = () => tabRows(r, '원장').filter((x) => x['전표키'] !== '' || x['금액'] !== '');
  const logs = () => tabRows(r, '로그').map((x) => String(x['내용']));

  it('holds each posted entry exactly once, as it was posted', () => {
    const rows = ledger();
    expect(rows.map((x) => [x['전표키'], x['파트너ID'], x['구분'], x['금액']]).sort()).toEqual(POSTED.map(([id, p, a]) => [id, p, '입금', a]).sort());
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
    const back = ledger().find((x) => x['전표키'] === 'PNR002:payment:BANK-3')!;
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

  it('shows each entry a voucher number people can read, its own again after the paste, the deletion and the sort', () => {
    const numbers = Object.fromEntries(ledger().map((x) => [String(x['전표키']), x['전표번호']]));
    expect(numbers).toEqual({ 'PNR002:payment:BANK-1': '2026-11-0001', 'PNR003:payment:BANK-2': '2026-11-0002', 'PNR002:payment:BANK-3': '2026-11-0003' });
    // The key is the tab's last column, for the add-on; the number is the first.
    const header = r.sheets.snapshot().find((s) => s.name === '원장')!.values[0]!;
    expect([header[0], header[header.length - 1]]).toEqual(['전표번호', '전표키']);
    // The reseller's own sheet quotes the same numbers.
    const book = snapshotWorkbooks(r.runtime.world).find((b) => b.name === '보라색 정산 시트')!;
    const [h, ...rows] = book.sheets.find((s) => s.name === '원장')!.values as unknown[][];
    const shown = rows.map((row) => row[h!.indexOf('전표번호')]).filter((v) => v !== '');
    expect(shown.sort()).toEqual(['2026-11-0001', '2026-11-0003']);
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

/**
 * A ledger set up when its first column was the key headed 전표번호: its entries keep their keys
 * (balances unchanged); setup heads that column 전표키 and adds 전표번호, and the posted rows get
 * their numbers.
 */
describe('a ledger from before voucher numbers', () => {
  let r: SandboxResult;
  const OLD = ['전표번호', '일시', '파트너ID', '구분', '금액', '근거', '사유', '품목 근거', '처리결과'];
  beforeAll(async () => {
    r = await runClean({
      name: 'old ledger',
      duration: '25m',
      spreadsheet: {
        name: '분양몰 운영',
        sheets: [{ name: '원장', values: [OLD, ['PNR002:payment:OLD-1', '2026-11-20 10:00', 'PNR002', '입금', 100_000, 'OLD-1', '', '', '']] }],
      },
      events: [...demoMorning(), payment2('+14m', 'PNR002', 50_000, 'BANK-9'), refresh('+20m')],
    });
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('keeps the old key column where it was, headed 전표키, and adds 전표번호 at the right end', () => {
    expect(r.sheets.snapshot().find((s) => s.name === '원장')!.values[0]).toEqual(['전표키', ...OLD.slice(1), '전표번호']);
  });

  it('numbers the old entry and the new payment, and counts both in the balance', () => {
    const rows = tabRows(r, '원장').filter((x) => x['전표키'] !== '');
    expect(rows.map((x) => [x['전표키'], x['전표번호']])).toEqual([
      ['PNR002:payment:OLD-1', '2026-11-0001'],
      ['PNR002:payment:BANK-9', '2026-11-0002'],
    ]);
    expect(tabRows(r, '파트너').find((x) => x['파트너ID'] === 'PNR002')!['정산잔액']).toBe(150_000);
  });
});

/** A payment typed on the first empty row, by header. */
function payment2(at: string, partnerId: string, amount: number, reference: string) {
  return { at, type: 'editRow', sheet: '원장', set: { 파트너ID: partnerId, 구분: '입금', 금액: amount, 근거: reference } };
}
