/**
 * Voucher numbers (전표번호) people can read out and write on a transfer slip: `2026-11-0003`,
 * the third entry posted for November 2026 (Seoul time of the entry). The entry's key
 * (`PNR002:payment:BANK-…`) stays the row's identity; the number is derived from the entries the
 * add-on keeps in posting order (src/gas/adapters/ledger-vault.ts), so it never changes once
 * given, a row put back by the ledger guard gets its own number again, and a number typed over
 * is put back.
 */
import { seoulDayOf } from '../core/seoul-time';
import { cellText, readTable } from './table';
import { LEDGER } from './tabs';

type Grid = readonly (readonly unknown[])[];

/** The number of each kept entry, by id: per Seoul month, counted in posting order. */
export function voucherNumbers(kept: ReadonlyArray<{ readonly id: string; readonly at: number }>): Map<string, string> {
  const perMonth = new Map<string, number>();
  const out = new Map<string, string>();
  for (const e of kept) {
    if (out.has(e.id)) continue;
    const month = seoulDayOf(e.at).slice(0, 7);
    const n = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, n);
    out.set(e.id, `${month}-${String(n).padStart(4, '0')}`);
  }
  return out;
}

/** Rows (1-based) whose 전표번호 cell is not their entry's number; none when the tab has no such column. */
export function voucherFixes(numbers: ReadonlyMap<string, string>, grid: Grid): Array<{ row: number; value: string }> {
  const table = readTable(LEDGER, grid);
  if (!table.layout.index.has('voucherNo')) return [];
  return table.rows.flatMap((r) => {
    const value = numbers.get(cellText(r.get('entryId'))) ?? '';
    return cellText(r.get('voucherNo')) === value ? [] : [{ row: r.rowNumber, value }];
  });
}
