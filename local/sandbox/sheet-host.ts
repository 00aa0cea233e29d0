import { headerNames } from '../../src/sheet/schema';
import { TABS } from '../../src/sheet/tabs';
import { sharingOf } from '../runtime/services/drive';
import type { CellValue } from '../runtime/services/spreadsheet';
import { SheetUser, seedSpreadsheet, snapshotSpreadsheet, spreadsheetStore, type EditEvent, type SheetSnapshot, type SpreadsheetSnapshot } from '../runtime/services/spreadsheet';
import type { World } from '../runtime/world';

export type { EditEvent };

type TabPicture = { name: string; values: CellValue[][]; frozenRows: number; notes: (string | null)[][]; sheet: SheetSnapshot };

/** A spreadsheet the add-on created (a reseller's settlement sheet), as its owner and Drive see it. */
export interface CreatedSpreadsheet {
  id: string;
  name: string;
  url: string;
  owner: string;
  createdAt: number;
  viewers: string[];
  editors: string[];
  /** Drive's general access ("anyone with the link…") and what it grants. */
  linkAccess: string;
  linkPermission: string;
  trashed: boolean;
  tabs: TabPicture[];
  /** The whole spreadsheet as the fake holds it (for its XLSX). */
  book: SpreadsheetSnapshot;
}

/**
 * The bound spreadsheet as the sandbox handles it: created from the scenario, edited by "the
 * user" (typed text, sorts, inserted rows, moved columns: with Sheets' own rules, such as data
 * validation), and read back for the output files.
 */
export class SheetHost {
  private id = '';
  private user: SheetUser | null = null;

  constructor(
    private readonly world: World,
    readonly timeZone: string,
  ) {}

  create(name: string, sheets: ReadonlyArray<{ name: string; values: unknown[][]; frozenRows?: number }>, owner: string): string {
    const model = seedSpreadsheet(this.world, {
      name,
      owner,
      timeZone: this.timeZone,
      sheets: sheets.length ? sheets.map((s) => ({ name: s.name, values: s.values, frozenRows: s.frozenRows })) : undefined,
    });
    this.id = model.id;
    this.user = new SheetUser(this.world, model.id, owner);
    return model.id;
  }

  bind(id: string): void {
    this.id = id;
  }

  /** Types the values in, cell by cell from the range's top-left, as a person would. */
  edit(sheet: string, a1: string, values: unknown[][]): EditEvent {
    const rows = values.map((r) => r.map((v) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v))));
    const single = rows.length === 1 && rows[0]!.length === 1;
    const topLeft = a1.split(':')[0]!;
    return single ? this.person().editCell(sheet, topLeft, rows[0]![0]!) : this.person().paste(sheet, topLeft, rows);
  }

  /**
   * Types into the first row whose cells match `where` (header → text), one cell at a time in
   * the order given, as a person finding a row by its order number or receiver would. With no
   * `where`, types on the first empty row below the tab's last row with content, as a person
   * recording a new entry (a payment in the ledger) would.
   */
  editRow(sheet: string, where: Readonly<Record<string, string>> | undefined, set: Readonly<Record<string, unknown>>): EditEvent[] {
    const tab = this.snapshot().find((s) => s.name === sheet);
    if (!tab) throw new Error(`no tab "${sheet}"`);
    const header = (tab.values[0] ?? []).map((h) => String(h));
    const col = (name: string) => {
      const i = headerIndex(header, name);
      if (i < 0) throw new Error(`tab "${sheet}" has no column "${name}"`);
      return i;
    };
    const targets = Object.keys(set).map(col);
    let row: number;
    if (where === undefined) {
      // The grid ends at the last row with content (getValues' shape): the next one is empty.
      row = tab.values.length;
    } else {
      const conditions = Object.entries(where).map(([h, v]) => [col(h), v] as const);
      row = tab.values.findIndex((r, i) => i > 0 && conditions.every(([c, v]) => String(r[c] ?? '') === v));
      if (row < 0) throw new Error(`no row of "${sheet}" where ${JSON.stringify(where)}`);
    }
    return Object.values(set).map((v, k) => this.edit(sheet, `${columnLetter(targets[k]! + 1)}${row + 1}`, [[v]]));
  }

  sort(sheet: string, column: number | string, ascending: boolean): void {
    this.person().sortSheet(sheet, typeof column === 'number' ? column : this.columnOf(sheet, column), ascending);
  }

  insertRows(sheet: string, before: number, count: number): void {
    this.person().insertRows(sheet, before, count);
  }

  deleteRows(sheet: string, row: number, count: number): void {
    this.person().deleteRows(sheet, row, count);
  }

  moveColumn(sheet: string, from: number, to: number): void {
    this.person().moveColumn(sheet, from, to);
  }

  /** A person's Data > Remove filter. */
  removeFilter(sheet: string): void {
    this.person().removeFilter(sheet);
  }

  /** The whole bound spreadsheet as the fake holds it (for the XLSX), or null before it exists. */
  book(): SpreadsheetSnapshot | null {
    const ss = spreadsheetStore(this.world).get(this.id);
    return ss ? snapshotSpreadsheet(ss) : null;
  }

  /** Every tab as getValues returns it, plus what XLSX can carry. */
  snapshot(): TabPicture[] {
    const ss = spreadsheetStore(this.world).get(this.id);
    if (!ss) return [];
    return snapshotSpreadsheet(ss).sheets.map(tabPicture);
  }

  /** Every other spreadsheet in Drive (the ones the add-on created), oldest first, with its sharing. */
  createdSpreadsheets(): CreatedSpreadsheet[] {
    return spreadsheetStore(this.world)
      .list()
      .filter((ss) => ss.id !== this.id)
      .map((ss) => {
        const snap = snapshotSpreadsheet(ss);
        const sharing = sharingOf(this.world, ss.file);
        return {
          id: snap.id,
          name: snap.name,
          url: snap.url,
          owner: snap.owner,
          createdAt: ss.file.createdAt,
          viewers: snap.viewers,
          editors: snap.editors,
          linkAccess: sharing.access,
          linkPermission: sharing.permission,
          trashed: sharing.trashed,
          tabs: snap.sheets.map(tabPicture),
          book: snap,
        };
      });
  }

  private columnOf(sheet: string, header: string): number {
    const tab = this.snapshot().find((s) => s.name === sheet);
    const i = headerIndex((tab?.values[0] ?? []).map((v) => String(v)), header);
    if (i < 0) throw new Error(`no column headed "${header}" in ${sheet}`);
    return i + 1;
  }

  private person(): SheetUser {
    if (!this.user) throw new Error('no spreadsheet yet');
    return this.user;
  }
}

function tabPicture(s: SheetSnapshot): TabPicture {
  return { name: s.name, values: s.values, frozenRows: s.frozenRows, notes: s.notes.map((r) => r.map((n) => n || null)), sheet: s };
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * A column by the header a scenario names: as written, else by any name the add-on's column has
 * had (a scenario written for an earlier version says "몰ID" where the tab now says "채널계정").
 */
function headerIndex(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  for (const tab of TABS) {
    for (const c of tab.columns) {
      const names = [...headerNames(c), ...(c.formerLabels ?? [])];
      if (!names.includes(name)) continue;
      const i = header.findIndex((h) => names.includes(h));
      if (i >= 0) return i;
    }
  }
  return -1;
}
