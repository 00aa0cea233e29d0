/**
 * Cell storage for one sheet. Row-major and sparse: a row that was never written is `undefined`,
 * and within a row, values, formulas and styles are separate arrays that only grow as far as
 * they are used. Styles are immutable and shared between cells (formatting a 100,000-row column
 * allocates one style object, not 100,000), so whole-row moves (insert, delete, sort) are array
 * splices and a 100,000 × 25 read is a plain double loop.
 *
 * Coordinates here are 0-based; the model and facades speak 1-based.
 */
import type { Scalar } from './formula';
import type { ValidationRule } from './validation';

export type WrapName = 'WRAP' | 'OVERFLOW' | 'CLIP';

/** Everything about a cell except its value and formula. Absent fields are Sheets' defaults. */
export interface CellStyle {
  /** Absent: the automatic format. */
  readonly numberFormat?: string;
  readonly note?: string;
  readonly validation?: ValidationRule;
  readonly fontWeight?: 'bold' | 'normal';
  readonly background?: string;
  readonly fontColor?: string;
  /** "left" | "center" | "right" | "general-left" (what 'normal' reads back as, row 32). */
  readonly hAlign?: string;
  readonly wrapStrategy?: WrapName;
  readonly fontStyle?: 'italic';
  readonly fontLine?: 'underline' | 'line-through';
  /** Absent: Arial. */
  readonly fontFamily?: string;
  /** Absent: 10. */
  readonly fontSize?: number;
  /** "top" | "middle"; absent: bottom. */
  readonly vAlign?: string;
  /** Rich text set with setRichTextValue, kept while the cell still holds its text. */
  readonly richText?: RichTextModel;
}

/** A run of a rich text value: [start, end) in UTF-16 units, with its style. */
export interface RichRunModel {
  start: number;
  end: number;
  style: TextStyleModel;
}

export interface RichTextModel {
  text: string;
  runs: RichRunModel[];
}

/** A TextStyle's settings; absent fields are "not set" (getters answer null). */
export interface TextStyleModel {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  fontFamily?: string;
  fontSize?: number;
  foregroundColor?: string;
  linkUrl?: string;
}

export type StyleField = keyof CellStyle;

interface Row {
  v: Scalar[];
  f?: (string | undefined)[];
  s?: (CellStyle | undefined)[];
}

/** One cell lifted out of the grid (for sorting and copying). */
export interface CellRecord {
  v: Scalar;
  f?: string;
  s?: CellStyle;
}

const EMPTY_RECORD: CellRecord = { v: '' };

/** Normalises a style: drops undefined fields, returns undefined when nothing is left. */
export function cleanStyle(s: { [K in StyleField]?: CellStyle[K] | undefined }): CellStyle | undefined {
  const out: { [K in StyleField]?: CellStyle[K] } = {};
  let any = false;
  for (const k of Object.keys(s) as StyleField[]) {
    const v = s[k];
    if (v !== undefined) {
      (out as Record<string, unknown>)[k] = v;
      any = true;
    }
  }
  return any ? (out as CellStyle) : undefined;
}

/**
 * Memoises style edits within one operation: cells that shared a style before the edit share
 * the edited style after it.
 */
export class StyleEditor {
  private readonly setMemo = new Map<CellStyle | undefined, Map<StyleField, Map<unknown, CellStyle | undefined>>>();
  private readonly dropMemo = new Map<CellStyle | undefined, Map<string, CellStyle | undefined>>();

  set<K extends StyleField>(old: CellStyle | undefined, field: K, value: CellStyle[K] | undefined): CellStyle | undefined {
    if ((old?.[field] ?? undefined) === value) return old;
    let perOld = this.setMemo.get(old);
    if (!perOld) {
      perOld = new Map();
      this.setMemo.set(old, perOld);
    }
    let perField = perOld.get(field);
    if (!perField) {
      perField = new Map();
      perOld.set(field, perField);
    }
    if (perField.has(value)) return perField.get(value);
    const next = cleanStyle({ ...(old ?? {}), [field]: value });
    perField.set(value, next);
    return next;
  }

  /** Drops several fields at once (clearFormat and friends). */
  drop(old: CellStyle | undefined, fields: readonly StyleField[]): CellStyle | undefined {
    if (!old) return old;
    const key = fields.join(',');
    let perOld = this.dropMemo.get(old);
    if (!perOld) {
      perOld = new Map();
      this.dropMemo.set(old, perOld);
    }
    if (perOld.has(key)) return perOld.get(key);
    const copy: Record<string, unknown> = { ...old };
    for (const f of fields) delete copy[f];
    const next = cleanStyle(copy as CellStyle);
    perOld.set(key, next);
    return next;
  }
}

export class Grid {
  private rows: (Row | undefined)[] = [];
  /** Bumped on every change; caches key on it. */
  private version = 0;
  private lastCache: { version: number; row: number; col: number } | null = null;

  constructor(
    public maxRows: number,
    public maxCols: number,
  ) {}

  private touch(): void {
    this.version++;
  }

  private rowFor(r: number): Row {
    let row = this.rows[r];
    if (!row) {
      while (this.rows.length < r) this.rows.push(undefined);
      row = { v: [] };
      this.rows[r] = row;
    }
    return row;
  }

  value(r: number, c: number): Scalar {
    return this.rows[r]?.v[c] ?? '';
  }

  formula(r: number, c: number): string | undefined {
    return this.rows[r]?.f?.[c];
  }

  style(r: number, c: number): CellStyle | undefined {
    return this.rows[r]?.s?.[c];
  }

  /** Writes a value (and formula, or none). */
  setCell(r: number, c: number, v: Scalar, formula?: string): void {
    const row = this.rowFor(r);
    padTo(row.v, c, '');
    row.v[c] = v;
    if (formula !== undefined) {
      row.f ??= [];
      padTo(row.f, c, undefined);
      row.f[c] = formula;
    } else if (row.f && c < row.f.length) {
      row.f[c] = undefined;
    }
    this.touch();
  }

  setStyle(r: number, c: number, s: CellStyle | undefined): void {
    const row = s === undefined ? this.rows[r] : this.rowFor(r);
    if (!row) return;
    if (s === undefined && (!row.s || c >= row.s.length)) return;
    row.s ??= [];
    padTo(row.s, c, undefined);
    row.s[c] = s;
  }

  record(r: number, c: number): CellRecord {
    const row = this.rows[r];
    if (!row) return EMPTY_RECORD;
    const rec: CellRecord = { v: row.v[c] ?? '' };
    const f = row.f?.[c];
    if (f !== undefined) rec.f = f;
    const s = row.s?.[c];
    if (s !== undefined) rec.s = s;
    return rec;
  }

  putRecord(r: number, c: number, rec: CellRecord): void {
    this.setCell(r, c, rec.v, rec.f);
    this.setStyle(r, c, rec.s);
  }

  /** Raw values of a block; blanks are "". */
  readValues(r0: number, c0: number, nr: number, nc: number): Scalar[][] {
    const out: Scalar[][] = new Array<Scalar[]>(nr);
    for (let i = 0; i < nr; i++) {
      const src = this.rows[r0 + i]?.v;
      const line = new Array<Scalar>(nc);
      if (!src) line.fill('');
      else for (let j = 0; j < nc; j++) line[j] = src[c0 + j] ?? '';
      out[i] = line;
    }
    return out;
  }

  /** Calls `fn` for each cell of a block with its value and style (read paths that need formats). */
  forEach(r0: number, c0: number, nr: number, nc: number, fn: (i: number, j: number, v: Scalar, s: CellStyle | undefined, f: string | undefined) => void): void {
    for (let i = 0; i < nr; i++) {
      const row = this.rows[r0 + i];
      for (let j = 0; j < nc; j++) {
        const c = c0 + j;
        fn(i, j, row?.v[c] ?? '', row?.s?.[c], row?.f?.[c]);
      }
    }
  }

  /** True when some cell of the block has a style (lets bulk reads skip format checks). */
  hasStyles(r0: number, nr: number): boolean {
    for (let i = 0; i < nr; i++) if (this.rows[r0 + i]?.s?.some((s) => s !== undefined)) return true;
    return false;
  }

  /** The last 1-based row where some cell has a style (validation often reaches below the data). */
  lastStyledRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) if (this.rows[r]?.s?.some((s) => s !== undefined)) return r + 1;
    return 0;
  }

  /** Applies `edit` to the style of every cell in a block. */
  editStyles(r0: number, c0: number, nr: number, nc: number, edit: (old: CellStyle | undefined, i: number, j: number) => CellStyle | undefined): void {
    for (let i = 0; i < nr; i++) {
      const r = r0 + i;
      for (let j = 0; j < nc; j++) {
        const c = c0 + j;
        const old = this.rows[r]?.s?.[c];
        const next = edit(old, i, j);
        if (next !== old) this.setStyle(r, c, next);
      }
    }
    this.touch();
  }

  /** Blanks values and formulas in a block, keeping styles. */
  clearValues(r0: number, c0: number, nr: number, nc: number): void {
    const end = Math.min(r0 + nr, this.rows.length);
    for (let r = r0; r < end; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const stop = Math.min(c0 + nc, row.v.length);
      for (let c = c0; c < stop; c++) row.v[c] = '';
      if (row.f) for (let c = c0; c < Math.min(c0 + nc, row.f.length); c++) row.f[c] = undefined;
    }
    this.touch();
  }

  /** The last 1-based row and column holding a value or formula; 0 when the sheet is empty. */
  lastRowAndColumn(): { row: number; col: number } {
    if (this.lastCache && this.lastCache.version === this.version) return this.lastCache;
    let lastRow = 0;
    let lastCol = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      let c = row.v.length - 1;
      while (c >= 0 && row.v[c] === '' && row.f?.[c] === undefined) c--;
      if (row.f) {
        for (let k = row.f.length - 1; k > c; k--) {
          if (row.f[k] !== undefined) {
            c = k;
            break;
          }
        }
      }
      if (c >= 0) {
        lastRow = r + 1;
        if (c + 1 > lastCol) lastCol = c + 1;
      }
    }
    this.lastCache = { version: this.version, row: lastRow, col: lastCol };
    return this.lastCache;
  }

  /** Inserts `n` blank rows before 0-based row `at`, copying styles (not notes) from row `inheritFrom`. */
  insertRows(at: number, n: number, inheritFrom?: number): void {
    const template = inheritFrom === undefined ? undefined : this.rows[inheritFrom]?.s;
    const fresh: (Row | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      if (template && template.some((s) => s !== undefined)) {
        fresh.push({ v: [], s: template.map((s) => (s?.note !== undefined ? cleanStyle({ ...s, note: undefined }) : s)) });
      } else fresh.push(undefined);
    }
    if (at <= this.rows.length) this.rows.splice(at, 0, ...fresh);
    else if (fresh.some((r) => r !== undefined)) {
      while (this.rows.length < at) this.rows.push(undefined);
      this.rows.push(...fresh);
    }
    this.maxRows += n;
    this.touch();
  }

  deleteRows(at: number, n: number): void {
    if (at < this.rows.length) this.rows.splice(at, n);
    this.maxRows -= n;
    this.touch();
  }

  /** Inserts `n` blank columns before 0-based column `at`, copying styles (not notes) from column `inheritFrom`. */
  insertColumns(at: number, n: number, inheritFrom?: number): void {
    for (const row of this.rows) {
      if (!row) continue;
      if (at < row.v.length) row.v.splice(at, 0, ...new Array<Scalar>(n).fill(''));
      if (row.f && at < row.f.length) row.f.splice(at, 0, ...new Array<undefined>(n).fill(undefined));
      if (row.s) {
        const src = inheritFrom === undefined ? undefined : row.s[inheritFrom];
        const copy = src?.note !== undefined ? cleanStyle({ ...src, note: undefined }) : src;
        if (at < row.s.length) row.s.splice(at, 0, ...new Array<CellStyle | undefined>(n).fill(copy));
        else if (copy !== undefined) {
          padTo(row.s, at + n - 1, undefined);
          for (let k = at; k < at + n; k++) row.s[k] = copy;
        }
      }
    }
    this.maxCols += n;
    this.touch();
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) {
      if (!row) continue;
      if (at < row.v.length) row.v.splice(at, n);
      if (row.f && at < row.f.length) row.f.splice(at, n);
      if (row.s && at < row.s.length) row.s.splice(at, n);
    }
    this.maxCols -= n;
    this.touch();
  }

  /** Moves `n` columns starting at `from` so they start at `to` (indices before the move). */
  moveColumns(from: number, n: number, to: number): void {
    const width = Math.max(from + n, to);
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const recs: CellRecord[] = [];
      for (let c = 0; c < width; c++) recs.push(this.record(r, c));
      const moved = recs.splice(from, n);
      const dest = to > from ? to - n : to;
      recs.splice(dest, 0, ...moved);
      for (let c = 0; c < width; c++) this.putRecord(r, c, recs[c] ?? EMPTY_RECORD);
    }
    this.touch();
  }

  /** Reorders whole rows r0..r0+order.length-1: new row i is old row order[i] (relative). */
  permuteRows(r0: number, order: readonly number[]): void {
    const old = order.map((_, i) => this.rows[r0 + i]);
    const needed = r0 + order.length;
    while (this.rows.length < needed) this.rows.push(undefined);
    for (let i = 0; i < order.length; i++) this.rows[r0 + i] = old[order[i] ?? i];
    this.touch();
  }

  /** Reorders the cells of a block by rows: new row i of the block is old row order[i]. */
  permuteBlockRows(r0: number, c0: number, nc: number, order: readonly number[]): void {
    const recs = order.map((_, i) => {
      const line: CellRecord[] = [];
      for (let j = 0; j < nc; j++) line.push(this.record(r0 + i, c0 + j));
      return line;
    });
    for (let i = 0; i < order.length; i++) {
      const src = recs[order[i] ?? i] ?? [];
      for (let j = 0; j < nc; j++) this.putRecord(r0 + i, c0 + j, src[j] ?? EMPTY_RECORD);
    }
    this.touch();
  }

  /** A deep copy (Spreadsheet.insertSheet with a template, Sheet.copyTo). */
  clone(): Grid {
    const g = new Grid(this.maxRows, this.maxCols);
    g.rows = this.rows.map((row) => {
      if (!row) return undefined;
      const copy: Row = { v: row.v.slice() };
      if (row.f) copy.f = row.f.slice();
      if (row.s) copy.s = row.s.slice();
      return copy;
    });
    return g;
  }

  /** Rewrites every formula (structural edits move the references in formulas). */
  mapFormulas(fn: (formula: string, r: number, c: number) => string): void {
    for (let r = 0; r < this.rows.length; r++) {
      const f = this.rows[r]?.f;
      if (!f) continue;
      for (let c = 0; c < f.length; c++) {
        const old = f[c];
        if (old !== undefined) f[c] = fn(old, r, c);
      }
    }
    this.touch();
  }
}

function padTo<T>(arr: T[], index: number, fill: T): void {
  while (arr.length <= index) arr.push(fill);
}
