/**
 * The order archive in Apps Script: one spreadsheet per year ("<sheet> 주문 보관 2026", made with
 * SpreadsheetApp.create, owned by whoever runs the pass: the sync trigger's owner), its id in
 * document properties, linked from the note of the orders tab's first header cell; the pass
 * (src/jobs/archive-orders.ts) over the live tab; and the reading of old rows for those who need
 * them (a settlement re-run of an archived period, the reseller sheets' shipped items).
 */
import type { ArchiveBooksPort, ArchivePorts, LiveOrdersPort } from '../jobs/archive-orders';
import { archiveMonthsOf } from '../jobs/archive-orders';
import { ARCHIVE_BOOKS_KEY, ARCHIVE_MONTHS_KEY, ARCHIVE_STATE_KEY } from '../jobs/kept';
import { archiveYearsFor } from '../core/order-archive';
import { readStoredJson } from '../core/stored-json';
import * as z from '../core/zod';
import { builtOnUse } from '../core/zod-helpers';
import { layoutOf } from '../sheet/layout';
import { bookNumberFormats, relayRow, widenedHeader, withArchivedRows } from '../sheet/order-archive';
import { ORDERS } from '../sheet/tabs';
import { keyOf } from '../sheet/table';
import type { KeyValueStore } from '../core/ports';
import { appendRows, findTab } from './adapters/tab';
import { columnLetter } from './adapters/workbook';
import { sheetTables } from './adapters/tables';
import { clock } from './channel-runtime';
import { openFailure } from './reseller-sheets';

/** The books by year, and the latest time of any row moved to them (epoch ms; 0: none yet). */
export interface ArchiveBooks {
  years: Record<string, string>;
  through: number;
}

const props = () => PropertiesService.getDocumentProperties();

/** The record as this execution last read or wrote it (a global scope lives for one execution). */
let known: ArchiveBooks | null = null;

export function readArchiveBooks(): ArchiveBooks {
  if (known) return { years: { ...known.years }, through: known.through };
  const r = readStoredJson(StoredBooks, props().getProperty(ARCHIVE_BOOKS_KEY) ?? '{}');
  if (!r) return { years: {}, through: 0 };
  known = { years: r.years ?? {}, through: r.through ?? 0 };
  return readArchiveBooks();
}

/** The books' record as kept (year → spreadsheet id, and the latest time archived). */
const StoredBooks = builtOnUse(() => z.object({ years: z.optional(z.record(z.string(), z.string())), through: z.optional(z.number()) }));

/** The record as the pass's store holds it (the run's one read of the document properties). */
function booksIn(store: KeyValueStore): ArchiveBooks {
  if (known) return { years: { ...known.years }, through: known.through };
  const r = readStoredJson(StoredBooks, store.get(ARCHIVE_BOOKS_KEY) ?? '{}');
  return { years: { ...(r?.years ?? {}) }, through: r?.through ?? 0 };
}

/**
 * Saved at once when a book is made (with the latest time of the rows about to go to it), and
 * when a run's copies are final: a run stopped later makes no second book, and readers open the
 * books for every period a deleted row belongs to.
 */
function saveArchiveBooks(store: KeyValueStore, b: ArchiveBooks): void {
  store.set(ARCHIVE_BOOKS_KEY, JSON.stringify(b));
  known = { years: { ...b.years }, through: b.through };
}

const bookName = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet, year: number) => `${ss.getName()} 주문 보관 ${year}`;

/** The year's book, or null when it is gone (deleted, or not made yet). */
function openBook(id: string | undefined): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
  if (!id) return null;
  try {
    return SpreadsheetApp.openById(id);
  } catch (e) {
    // Only a book that is gone is made again; no access or an outage stops the pass (nothing moves).
    if (openFailure((e as Error).message) === 'notFound') return null;
    throw e;
  }
}

/** The book's orders sheet: the one titled as the orders tab, else its first. */
function bookSheet(book: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  return book.getSheetByName(ORDERS.title.ko) ?? book.getSheets()[0]!;
}

/** Runs of consecutive row numbers, highest first (deleting from the bottom moves nothing above). */
function runsOf(rows: readonly number[]): Array<{ start: number; count: number }> {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const runs: Array<{ start: number; count: number }> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start - 1 === r) {
      last.start = r;
      last.count += 1;
    } else runs.push({ start: r, count: 1 });
  }
  return runs;
}

/** Each row's key by the key columns of `header`, from a block of those columns read from row 2. */
function keyColumns(header: readonly unknown[]): { first: number; last: number; cols: number[] } | null {
  const layout = layoutOf(ORDERS, header);
  const cols = ORDERS.rowKey.map((k) => layout.index.get(k));
  if (cols.some((c) => c === undefined)) return null;
  return { first: Math.min(...(cols as number[])), last: Math.max(...(cols as number[])), cols: cols as number[] };
}

/** A book as this execution knows it: the pass is its only writer, so one read serves every batch. */
interface OpenBook {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  header: unknown[];
  /** Rows written so far (0: a book just made, its header not written yet). */
  lastRow: number;
  maxRows: number;
  rowOf: Map<string, number>;
}

/** Whole columns `first`..`last` (1-based) from row `row` to the sheet's last row: one read, no size asked first. */
const columnsFrom = (sheet: GoogleAppsScript.Spreadsheet.Sheet, row: number, first: number, last: number) => sheet.getRange(`${columnLetter(first)}${row}:${columnLetter(last)}`);

export function archiveBooks(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, store: KeyValueStore): ArchiveBooksPort {
  const opened = new Map<number, OpenBook>();
  /** The latest time of the rows copied this run, kept by commit(). */
  let through = 0;
  /** The year's book (made when missing, sized for `rows` rows), its header widened to take rows under `header`. */
  const bookFor = (year: number, header: readonly unknown[], rows: number, upTo: number): { book: OpenBook; made: string | null } => {
    const known = opened.get(year);
    if (known && widenedHeader(known.header, header).length === known.header.length) return { book: known, made: null };
    const books = booksIn(store);
    let book = known ? null : openBook(books.years[String(year)]);
    let sheet = known?.sheet ?? null;
    if (!sheet && !book) {
      const gone = books.years[String(year)] !== undefined;
      // Made with room for the rows and the header: no rows to insert, one write fills it.
      book = SpreadsheetApp.create(bookName(ss, year), rows + 1, Math.max(1, header.length));
      books.years[String(year)] = book.getId();
      saveArchiveBooks(store, { ...books, through: Math.max(books.through, upTo) });
      sheet = book.getSheets()[0]!.setName(ORDERS.title.ko);
      // The header stays in view (frozen); it is not made bold: a call more for looks alone.
      sheet.setFrozenRows(1);
      const made = book.getUrl();
      linkFromOrdersTab(ss, year, made, gone);
      const fresh: OpenBook = { sheet, header: header.slice(), lastRow: 0, maxRows: rows + 1, rowOf: new Map() };
      opened.set(year, fresh);
      return { book: fresh, made };
    }
    sheet ??= bookSheet(book!);
    const lastRow = known?.lastRow ?? sheet.getLastRow();
    // The header row whole (as wide as the sheet): one read, its width asked of nobody.
    const row1 = known ? null : (sheet.getRange('1:1').getValues()[0] ?? []);
    const own = known?.header ?? widenedHeader(row1 ?? [], []);
    // The book keeps its columns and gains any the live tab has since (a staff column).
    const target = widenedHeader(own, header);
    if (target.length > own.length) {
      const width = row1?.length ?? sheet.getMaxColumns();
      if (width < target.length) sheet.insertColumnsAfter(width, target.length - width);
      sheet.getRange(1, 1, 1, target.length).setValues([target]);
    }
    const keys = keyColumns(target);
    if (!keys) throw new Error(`주문 보관 시트 ${year}년의 머리글에 파트너ID·품목주문번호 열이 없습니다`);
    const rowOf = known?.rowOf ?? new Map<string, number>();
    let maxRows = known?.maxRows ?? 0;
    if (!known) {
      // The key columns to the sheet's end: the rows the book has, and its size, in one read.
      const block = columnsFrom(sheet, 1, keys.first + 1, keys.last + 1).getValues();
      maxRows = block.length;
      block.forEach((r, i) => {
        const k = i === 0 || i + 1 > lastRow ? '' : keyOf(keys.cols.map((c) => r[c - keys.first]));
        if (k && !rowOf.has(k)) rowOf.set(k, i + 1);
      });
    }
    const open: OpenBook = { sheet, header: target, lastRow, maxRows, rowOf };
    opened.set(year, open);
    return { book: open, made: null };
  };
  return {
    copy(year, header, rows, upTo) {
      const { book, made } = bookFor(year, header, rows.length, upTo);
      through = Math.max(through, upTo);
      const { sheet, header: target, rowOf } = book;
      const liveKeys = keyColumns(header);
      const fresh: unknown[][] = [];
      const freshKeys: string[] = [];
      const again: Array<{ row: number; cells: unknown[] }> = [];
      for (const r of rows) {
        const cells = relayRow(header, target, r);
        const key = liveKeys ? keyOf(liveKeys.cols.map((c) => r[c])) : '';
        const at = rowOf.get(key);
        if (at === undefined) {
          fresh.push(cells);
          freshKeys.push(key);
        } else again.push({ row: at, cells });
      }
      // Rows the book has already (a run stopped before it deleted them, or an order back from a
      // claim) are rewritten in place, a run of adjacent rows at a time.
      again.sort((a, b) => a.row - b.row);
      for (let i = 0; i < again.length; ) {
        let j = i;
        while (j + 1 < again.length && again[j + 1]!.row === again[j]!.row + 1) j++;
        sheet.getRange(again[i]!.row, 1, j - i + 1, target.length).setValues(again.slice(i, j + 1).map((x) => x.cells));
        i = j + 1;
      }
      // A book just made gets its header in the same write as its first rows.
      const block = book.lastRow === 0 ? [target.slice(), ...fresh] : fresh;
      if (block.length > 0) {
        const at = book.lastRow + 1;
        const short = at + block.length - 1 - book.maxRows;
        if (short > 0) {
          sheet.insertRowsAfter(book.maxRows, short);
          book.maxRows += short;
        }
        // Formats before values: the book's cells take the tab's, so text is never read as a formula or a number.
        sheet.getRange(at, 1, block.length, target.length).setNumberFormats(bookNumberFormats(target, block.length, book.lastRow === 0)).setValues(block);
        const first = book.lastRow === 0 ? 2 : at;
        freshKeys.forEach((k, i) => k && rowOf.set(k, first + i));
        book.lastRow = at + block.length - 1;
      }
      return { made };
    },
    commit() {
      // In the books before anything leaves the live tab.
      SpreadsheetApp.flush();
      const books = booksIn(store);
      if (through > books.through) saveArchiveBooks(store, { ...books, through });
    },
  };
}

/** The orders tab's first header cell keeps the links to the books in its note. */
function linkFromOrdersTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, year: number, url: string, again: boolean): void {
  const tab = findTab(ss, ORDERS);
  if (!tab) return;
  const cell = tab.getRange(1, 1);
  const line = `주문 보관 ${year}년${again ? ' (다시 만듦)' : ''}: ${url}`;
  const note = cell.getNote().split('\n').filter((l) => !l.startsWith(`주문 보관 ${year}년`));
  cell.setNote([...note, line].join('\n').trim());
}

/** The live orders tab as the pass needs it. */
export function liveOrders(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): LiveOrdersPort {
  const sheet = () => findTab(ss, ORDERS);
  return {
    grid() {
      const s = sheet();
      return s ? s.getDataRange().getValues() : null;
    },
    remove(keys, snapshot, until) {
      const s = sheet();
      if (!s) return { removed: 0, restored: [], lost: [], unfinished: false };
      /** The header as last read (the pass's own read first): its key columns are read with the keys. */
      let header: readonly unknown[] = snapshot.header;
      /** Every row's identity (its key columns' text, blank ones too), from a block of those columns read from row 1. */
      const idsOf = (block: unknown[][], k: { first: number; cols: number[] }) =>
        block.slice(1).map((r) => (k.cols.some((c) => String(r[c - k.first] ?? '').trim() !== '') ? k.cols.map((c) => String(r[c - k.first] ?? '').trim()).join('|') : ''));
      /** The keys now, and the sheet's row count (the block runs to its end). */
      const read = (): { ids: string[]; rows: number } => {
        const k = keyColumns(header);
        if (k) {
          // The key columns whole, header cell first, in one read: their header cells still
          // name them, or a person moved a column and the header is read whole below.
          const block = columnsFrom(s, 1, k.first + 1, k.last + 1).getValues();
          const still = keyColumns(header.map((h, i) => (i >= k.first && i <= k.last ? block[0]![i - k.first] : h)));
          if (still && still.cols.every((c, i) => c === k.cols[i])) return { ids: idsOf(block, k), rows: block.length };
        }
        header = s.getRange('1:1').getValues()[0] ?? [];
        const k2 = keyColumns(header);
        if (!k2) return { ids: [], rows: 0 };
        const block = columnsFrom(s, 1, k2.first + 1, k2.last + 1).getValues();
        return { ids: idsOf(block, k2), rows: block.length };
      };
      let removed = 0;
      const restored: string[] = [];
      const lost: string[] = [];
      let unfinished = false;
      let now = read();
      // A person may sort between the read and the deletes: the deletes are checked after, and
      // rows still to go (moved) are looked for again, a few times at most.
      for (let attempt = 0; attempt < 3 && !unfinished; attempt++) {
        const doomed = now.ids.flatMap((id, i) => (keys.has(id) ? [i + 2] : []));
        if (doomed.length === 0) break;
        const before = new Map<string, number>();
        for (const id of now.ids) if (id && !keys.has(id)) before.set(id, (before.get(id) ?? 0) + 1);
        // Sheets refuses to delete every row below a frozen header: keep one blank row.
        if (doomed.length === now.rows - 1) s.insertRowsAfter(now.rows, 1);
        for (const run of runsOf(doomed)) {
          if (clock.now() > until) {
            unfinished = true;
            break;
          }
          s.deleteRows(run.start, run.count);
        }
        const after = read();
        const present = new Map<string, number>();
        for (const id of after.ids) if (id) present.set(id, (present.get(id) ?? 0) + 1);
        removed += now.ids.filter((id) => keys.has(id)).length - after.ids.filter((id) => keys.has(id)).length;
        // Rows that were not to go and went (a sort moved them under a delete): back, as read.
        const back: unknown[][] = [];
        for (const [id, n] of before) {
          const missing = n - (present.get(id) ?? 0);
          if (missing <= 0) continue;
          const cells = snapshot.rows.get(id);
          if (cells) {
            for (let i = 0; i < missing; i++) back.push(relayRow(snapshot.header, header, cells));
            restored.push(id);
          } else lost.push(id);
        }
        // Rare (a sort under a delete): the sheet's last row asked for then.
        if (back.length > 0) appendRows(s, back);
        now = back.length > 0 ? read() : after;
      }
      return { removed, restored, lost, unfinished };
    },
  };
}

/** The pass's ports on this spreadsheet. */
export function archivePorts(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, store: KeyValueStore): ArchivePorts {
  return {
    clock,
    tables: sheetTables(ss),
    live: liveOrders(ss),
    books: archiveBooks(ss, store),
    months: () => archiveMonthsOf(store.get(ARCHIVE_MONTHS_KEY)),
    state: {
      load: () => store.get(ARCHIVE_STATE_KEY),
      save: (text) => store.set(ARCHIVE_STATE_KEY, text),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// readers

/** Which old rows a reader needs: those of a period, or every year's (the reseller sheets). */
export type ArchiveReach = { readonly start: number; readonly end: number } | 'all';

/**
 * The orders grid a reader works on: the live tab, with the archived rows it does not carry when
 * the reach goes back before the latest archived row. Opens only the years the reach needs; no
 * book (or a reach after every archived row) costs nothing.
 */
export function ordersWithArchive(live: unknown[][], reach: ArchiveReach | undefined): { grid: unknown[][]; problems: string[] } {
  if (!reach) return { grid: live, problems: [] };
  const books = readArchiveBooks();
  const known = Object.keys(books.years).map(Number);
  if (known.length === 0 || (reach !== 'all' && reach.start >= books.through)) return { grid: live, problems: [] };
  const years = reach === 'all' ? known.sort((a, b) => a - b) : archiveYearsFor(reach.start, reach.end, known);
  const grids: unknown[][][] = [];
  const problems: string[] = [];
  for (const y of years) {
    try {
      const book = openBook(books.years[String(y)]);
      if (!book) {
        problems.push(`주문 보관 시트 ${y}년을 찾을 수 없습니다 (삭제됨): 그 해의 보관 주문은 빠집니다`);
        continue;
      }
      grids.push(bookSheet(book).getDataRange().getValues());
    } catch (e) {
      problems.push(`주문 보관 시트 ${y}년을 열 수 없습니다: ${(e as Error).message}`);
    }
  }
  return { grid: withArchivedRows(live, grids), problems };
}
