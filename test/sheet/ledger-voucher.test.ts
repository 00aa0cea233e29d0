/**
 * Voucher numbers people can read (`2026-11-0003`), beside the internal key the add-on finds rows
 * by (`PNR002:payment:BANK-…`), and ledgers set up when the key was the column headed 전표번호.
 */
import { layoutOf } from '../../src/sheet/layout';
import { voucherFixes, voucherNumbers } from '../../src/sheet/ledger-voucher';
import { LEDGER } from '../../src/sheet/tabs';

const at = (iso: string) => Date.parse(iso);

describe('voucher numbers', () => {
  test('count per Seoul month in posting order, four digits', () => {
    const kept = [
      { id: 'PNR002:2026-W47:settlement', at: at('2026-11-30T10:00:00+09:00') },
      { id: 'PNR002:payment:BANK-1', at: at('2026-12-01T00:30:00+09:00') }, // 2026-11-30 15:30Z: December in Seoul
      { id: 'PNR003:payment:BANK-2', at: at('2026-11-02T09:00:00+09:00') }, // posted later, dated earlier
      { id: 'PNR002:payment:BANK-1', at: at('2026-12-01T00:30:00+09:00') },
    ];
    expect([...voucherNumbers(kept)]).toEqual([
      ['PNR002:2026-W47:settlement', '2026-11-0001'],
      ['PNR002:payment:BANK-1', '2026-12-0001'],
      ['PNR003:payment:BANK-2', '2026-11-0002'],
    ]);
  });

  test('a row shows its entry number; a row without a kept key shows none, a number typed over is put back', () => {
    const header = LEDGER.columns.map((c) => c.label.ko);
    const row = (voucher: string, key: string) => LEDGER.columns.map((c) => (c.key === 'voucherNo' ? voucher : c.key === 'entryId' ? key : ''));
    const numbers = new Map([['A:payment:1', '2026-11-0001'], ['A:payment:2', '2026-11-0002']]);
    const grid = [header, row('2026-11-0001', 'A:payment:1'), row('', 'A:payment:2'), row('9999', ''), row('2026-11-0001', 'A:payment:3')];
    expect(voucherFixes(numbers, grid)).toEqual([
      { row: 3, value: '2026-11-0002' },
      { row: 4, value: '' },
      { row: 5, value: '' },
    ]);
  });
});

describe('a ledger set up when its key column was headed 전표번호', () => {
  const OLD = ['전표번호', '일시', '파트너ID', '구분', '금액', '근거', '사유', '품목 근거', '처리결과'];

  test('the old 전표번호 column is the key; the voucher column is missing until setup adds it', () => {
    const l = layoutOf(LEDGER, OLD);
    expect(l.index.get('entryId')).toBe(0);
    expect(l.index.has('voucherNo')).toBe(false);
    expect(l.former).toEqual(new Map([['entryId', 0]]));
    expect(l.missing.map((c) => c.key)).toEqual(['voucherNo']);
  });

  test('once setup renamed it and appended the voucher column, each is found by its own header', () => {
    const l = layoutOf(LEDGER, ['전표키', ...OLD.slice(1), '전표번호']);
    expect([l.index.get('entryId'), l.index.get('voucherNo'), l.former.size]).toEqual([0, 9, 0]);
  });

  test('in English too', () => {
    const l = layoutOf(LEDGER, ['Entry ID', 'At', 'Partner ID']);
    expect([l.index.get('entryId'), l.index.has('voucherNo')]).toEqual([0, false]);
  });
});
