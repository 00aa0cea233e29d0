/**
 * The orders tab and its yearly archive books as data: which rows are candidates to leave
 * (src/core/order-archive.ts decides), which statements are posted, and the grids readers need
 * (the live tab with the archived rows it no longer has). Columns are found by header, in the
 * live tab and in each book alike: a book keeps the columns it was made with and gains any the
 * live tab has since, so no staff column is lost.
 */
import type { ArchiveCandidate } from '../core/order-archive';
import { statusFromCell } from './orders';
import { timeOfCell } from './settlement-data';
import { headerNames, numberFormatOf } from './schema';
import { ORDERS, SETTLEMENTS } from './tabs';
import { cellText, readTable, type Table } from './table';

type Grid = readonly (readonly unknown[])[];

/** The orders tab's rows as the archive selection sees them. */
export function archiveCandidates(table: Table): ArchiveCandidate[] {
  return table.rows.map((row) => {
    const times = ['orderedAt', 'paidAt', 'shippedAt'].map((k) => timeOfCell(row.get(k))).filter((t): t is number => t !== null);
    return {
      key: row.key,
      partnerId: cellText(row.get('partnerId')),
      status: statusFromCell(row.get('orderStatus')),
      shippedAt: timeOfCell(row.get('shippedAt')),
      lastAt: times.length > 0 ? Math.max(...times) : null,
    };
  });
}

/** `partner|period` of every statement the settlement tab shows as posted (✓). */
export function postedStatements(grid: Grid): Set<string> {
  return new Set(
    readTable(SETTLEMENTS, grid)
      .rows.filter((r) => r.key && cellText(r.get('status')).startsWith('✓'))
      .map((r) => r.key),
  );
}

/** The header a book needs to take rows laid out under `live`: its own, then any name it lacks. */
export function widenedHeader(book: readonly unknown[], live: readonly unknown[]): unknown[] {
  const names = new Set(book.map((h) => cellText(h)).filter(Boolean));
  const out = [...book];
  while (out.length > 0 && cellText(out[out.length - 1]) === '') out.pop();
  for (const h of live) {
    const name = cellText(h);
    if (name && !names.has(name)) {
      names.add(name);
      out.push(h);
    }
  }
  return out;
}

/**
 * The number formats of a book's block of rows under `header`: each orders column its own (text
 * stays text, so a channel's "=…" or "0068…" is kept as it came, never a formula or a number;
 * dates stay dates), a column the tab does not know (a staff column) plain text, the header row
 * (when the block starts with it) plain text.
 */
export function bookNumberFormats(header: readonly unknown[], rows: number, withHeader: boolean): string[][] {
  const formatOf = (label: unknown) => {
    const spec = ORDERS.columns.find((c) => headerNames(c).includes(String(label)));
    return spec ? numberFormatOf(spec) : '@';
  };
  const body = header.map(formatOf);
  return Array.from({ length: rows }, (_, i) => (withHeader && i === 0 ? header.map(() => '@') : body.slice()));
}

/** A row laid out under `from` as cells under `to`, matched by header name (unnamed cells are left out). */
export function relayRow(from: readonly unknown[], to: readonly unknown[], row: readonly unknown[]): unknown[] {
  const at = new Map<string, number>();
  from.forEach((h, i) => {
    const name = cellText(h);
    if (name && !at.has(name)) at.set(name, i);
  });
  return to.map((h) => {
    const i = at.get(cellText(h));
    return i === undefined ? '' : (row[i] ?? '');
  });
}

/**
 * The live tab with the archived rows it does not carry, under the live header: what a reader
 * of old periods works on. A key on the live tab wins (an archived order that came back with a
 * claim is newer there).
 */
export function withArchivedRows(live: Grid, books: readonly Grid[]): unknown[][] {
  const header = live[0] ?? [];
  const keys = new Set(readTable(ORDERS, live).rows.map((r) => r.key).filter(Boolean));
  const out: unknown[][] = live.map((r) => r.slice());
  for (const book of books) {
    const table = readTable(ORDERS, book);
    const from = book[0] ?? [];
    for (const r of table.rows) {
      if (!r.key || keys.has(r.key)) continue;
      keys.add(r.key);
      out.push(relayRow(from, header, book[r.rowNumber - 1]!));
    }
  }
  return out;
}
