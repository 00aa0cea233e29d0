import type { CellValue } from '../runtime/services/spreadsheet';
import { SheetUser, seedSpreadsheet, snapshotSpreadsheet, spreadsheetStore, type EditEvent, type SheetSnapshot } from '../runtime/services/spreadsheet';
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
