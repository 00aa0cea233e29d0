import type { CellValue } from '../runtime/services/spreadsheet';
import { SheetUser, seedSpreadsheet, snapshotSpreadsheet, spreadsheetStore, type EditEvent, type SheetSnapshot, type SpreadsheetSnapshot } from '../runtime/services/spreadsheet';
import type { World } from '../runtime/world';

export type { EditEvent };

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
   * the order given, as a person finding a row by its order number or receiver would.
   */
  editRow(sheet: string, where: Readonly<Record<string, string>>, set: Readonly<Record<string, unknown>>): EditEvent[] {
    const tab = this.snapshot().find((s) => s.name === sheet);
    if (!tab) throw new Error(`no tab "${sheet}"`);
    const header = (tab.values[0] ?? []).map((h) => String(h));
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`tab "${sheet}" has no column "${name}"`);
      return i;
    };
    const conditions = Object.entries(where).map(([h, v]) => [col(h), v] as const);
    const row = tab.values.findIndex((r, i) => i > 0 && conditions.every(([c, v]) => String(r[c] ?? '') === v));
    if (row < 0) throw new Error(`no row of "${sheet}" where ${JSON.stringify(where)}`);
    return Object.entries(set).map(([h, v]) => this.edit(sheet, `${columnLetter(col(h) + 1)}${row + 1}`, [[v]]));
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

  /** Every tab as getValues returns it, plus what XLSX can carry. */
  /** The whole bound spreadsheet as the fake holds it (for the XLSX), or null before it exists. */
  book(): SpreadsheetSnapshot | null {
    const ss = spreadsheetStore(this.world).get(this.id);
    return ss ? snapshotSpreadsheet(ss) : null;
  }

  snapshot(): Array<{ name: string; values: CellValue[][]; frozenRows: number; notes: (string | null)[][]; sheet: SheetSnapshot }> {
    const ss = spreadsheetStore(this.world).get(this.id);
    if (!ss) return [];
    return snapshotSpreadsheet(ss).sheets.map((s) => ({
      name: s.name,
      values: s.values,
      frozenRows: s.frozenRows,
      notes: s.notes.map((r) => r.map((n) => n || null)),
      sheet: s,
    }));
  }

  private columnOf(sheet: string, header: string): number {
    const tab = this.snapshot().find((s) => s.name === sheet);
    const i = tab?.values[0]?.findIndex((v) => String(v) === header) ?? -1;
    if (i < 0) throw new Error(`no column headed "${header}" in ${sheet}`);
    return i + 1;
  }

  private person(): SheetUser {
    if (!this.user) throw new Error('no spreadsheet yet');
    return this.user;
  }
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
