/**
 * Text styles, rich text values and the text finder. TextStyle and RichTextValue are values a
 * script builds or reads (their builders and getters are client-side in Apps Script); a text
 * finder reads and writes cells, so its searches are round trips.
 */
import type { ExecutionEnv } from '../../env';
import { GasException } from '../../errors';
import { Remote, localMethods } from '../../remote';
import { type GridArea } from './a1';
import { readDisplayValues, writeCell } from './cells';
import { normaliseColor, signatureError, assertCanWrite } from './facade-common';
import type { CellStyle, RichRunModel, RichTextModel, TextStyleModel } from './grid';
import type { SheetModel } from './model';

/** Sheets' default font (a fresh cell). */
export const DEFAULT_FONT_FAMILY = 'Arial';
export const DEFAULT_FONT_SIZE = 10;
export const DEFAULT_FONT_COLOR = '#000000';

export class TextStyleFacade extends Remote {
  readonly gasName = 'SpreadsheetApp.TextStyle';
  override readonly localMethods = localMethods('copy', 'getFontFamily', 'getFontSize', 'getForegroundColor', 'isBold', 'isItalic', 'isStrikethrough', 'isUnderline');

  constructor(private readonly model: TextStyleModel) {
    super();
  }

  _model(): TextStyleModel {
    return { ...this.model };
  }

  copy(): TextStyleBuilderFacade {
    return new TextStyleBuilderFacade({ ...this.model });
  }

  getFontFamily(): string | null {
    return this.model.fontFamily ?? null;
  }

  getFontSize(): number | null {
    return this.model.fontSize ?? null;
  }

  getForegroundColor(): string | null {
    return this.model.foregroundColor ?? null;
  }

  isBold(): boolean | null {
    return this.model.bold ?? null;
  }

  isItalic(): boolean | null {
    return this.model.italic ?? null;
  }

  isStrikethrough(): boolean | null {
    return this.model.strikethrough ?? null;
  }

  isUnderline(): boolean | null {
    return this.model.underline ?? null;
  }
}

export class TextStyleBuilderFacade extends Remote {
  readonly gasName = 'SpreadsheetApp.TextStyleBuilder';
  override readonly localMethods = localMethods('build', 'setBold', 'setFontFamily', 'setFontSize', 'setForegroundColor', 'setItalic', 'setStrikethrough', 'setUnderline');

  constructor(private readonly model: TextStyleModel = {}) {
    super();
  }

  build(): TextStyleFacade {
    return new TextStyleFacade({ ...this.model });
  }

  setBold(bold: boolean): TextStyleBuilderFacade {
    return this._set('bold', Boolean(bold));
  }

  setItalic(italic: boolean): TextStyleBuilderFacade {
    return this._set('italic', Boolean(italic));
  }

  setUnderline(underline: boolean): TextStyleBuilderFacade {
    return this._set('underline', Boolean(underline));
  }

  setStrikethrough(strikethrough: boolean): TextStyleBuilderFacade {
    return this._set('strikethrough', Boolean(strikethrough));
  }

  setFontFamily(fontFamily: string | null): TextStyleBuilderFacade {
    return this._set('fontFamily', fontFamily === null ? undefined : String(fontFamily));
  }

  setFontSize(fontSize: number): TextStyleBuilderFacade {
    if (typeof fontSize !== 'number') throw signatureError(this.gasName, 'setFontSize', [fontSize]);
    return this._set('fontSize', fontSize);
  }

  setForegroundColor(cssString: string | null): TextStyleBuilderFacade {
    return this._set('foregroundColor', cssString === null ? undefined : normaliseColor(String(cssString)));
  }

  private _set<K extends keyof TextStyleModel>(k: K, v: TextStyleModel[K] | undefined): TextStyleBuilderFacade {
    if (v === undefined) delete this.model[k];
    else this.model[k] = v;
    return this;
  }
}

/** The style a whole cell's format gives its text (getTextStyle, a plain cell's rich text). */
export function cellTextStyle(s: CellStyle | undefined): TextStyleModel {
  return {
    bold: s?.fontWeight === 'bold',
    italic: s?.fontStyle === 'italic',
    underline: s?.fontLine === 'underline',
    strikethrough: s?.fontLine === 'line-through',
    fontFamily: s?.fontFamily ?? DEFAULT_FONT_FAMILY,
    fontSize: s?.fontSize ?? DEFAULT_FONT_SIZE,
    foregroundColor: s?.fontColor ?? DEFAULT_FONT_COLOR,
  };
}

/** The cell format fields a TextStyle sets (its unset fields leave the cell's as they are). */
export function styleFieldsOf(t: TextStyleModel, old: CellStyle | undefined): CellStyle {
  const next: Record<string, unknown> = { ...(old ?? {}) };
  const put = (k: string, v: unknown): void => {
    if (v === undefined) delete next[k];
    else next[k] = v;
  };
  if (t.bold !== undefined) put('fontWeight', t.bold ? 'bold' : undefined);
  if (t.italic !== undefined) put('fontStyle', t.italic ? 'italic' : undefined);
  if (t.underline !== undefined || t.strikethrough !== undefined) {
    const line = t.underline ? 'underline' : t.strikethrough ? 'line-through' : undefined;
    put('fontLine', line);
  }
  if (t.fontFamily !== undefined) put('fontFamily', t.fontFamily === DEFAULT_FONT_FAMILY ? undefined : t.fontFamily);
  if (t.fontSize !== undefined) put('fontSize', t.fontSize === DEFAULT_FONT_SIZE ? undefined : t.fontSize);
  if (t.foregroundColor !== undefined) put('fontColor', t.foregroundColor === DEFAULT_FONT_COLOR ? undefined : t.foregroundColor);
  return next as CellStyle;
}

export class RichTextValueFacade extends Remote {
  readonly gasName = 'SpreadsheetApp.RichTextValue';
  override readonly localMethods = localMethods('copy', 'getEndIndex', 'getLinkUrl', 'getRuns', 'getStartIndex', 'getText', 'getTextStyle');

  constructor(
    private readonly model: RichTextModel,
    private readonly start = 0,
    private readonly end = model.text.length,
  ) {
    super();
  }

  _model(): RichTextModel {
    return { text: this.model.text, runs: this.model.runs.map((r) => ({ ...r, style: { ...r.style } })) };
  }

  getText(): string {
    return this.model.text.slice(this.start, this.end);
  }

  getStartIndex(): number {
    return this.start;
  }

  getEndIndex(): number {
    return this.end;
  }

  /** The style of [startOffset, endOffset), or of the whole value; fields differing inside it are null. */
  getTextStyle(startOffset?: number, endOffset?: number): TextStyleFacade {
    const s = startOffset ?? this.start;
    const e = endOffset ?? this.end;
    if (s < 0 || e > this.model.text.length || s >= e) {
      if (startOffset !== undefined) throw new GasException('Invalid argument: offset');
    }
    const runs = this.model.runs.filter((r) => r.start < e && r.end > s);
    const merged: TextStyleModel = {};
    const keys: (keyof TextStyleModel)[] = ['bold', 'italic', 'underline', 'strikethrough', 'fontFamily', 'fontSize', 'foregroundColor'];
    for (const k of keys) {
      const values = new Set(runs.map((r) => r.style[k]));
      if (values.size === 1) {
        const v = [...values][0];
        if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
      }
    }
    return new TextStyleFacade(merged);
  }

  getRuns(): RichTextValueFacade[] {
    return this.model.runs.filter((r) => r.start < this.end && r.end > this.start).map((r) => new RichTextValueFacade(this.model, Math.max(r.start, this.start), Math.min(r.end, this.end)));
  }

  getLinkUrl(startOffset?: number, endOffset?: number): string | null {
    const s = startOffset ?? this.start;
    const e = endOffset ?? this.end;
    const urls = new Set(this.model.runs.filter((r) => r.start < e && r.end > s).map((r) => r.style.linkUrl ?? null));
    return urls.size === 1 ? ([...urls][0] ?? null) : null;
  }

  copy(): RichTextValueBuilderFacade {
    return new RichTextValueBuilderFacade(this._model());
  }
}

export class RichTextValueBuilderFacade extends Remote {
  readonly gasName = 'SpreadsheetApp.RichTextValueBuilder';
  override readonly localMethods = localMethods('build', 'setLinkUrl', 'setText', 'setTextStyle');

  constructor(private model: RichTextModel = { text: '', runs: [] }) {
    super();
  }

  build(): RichTextValueFacade {
    return new RichTextValueFacade({ text: this.model.text, runs: normaliseRuns(this.model) });
  }

  /** A new text drops the styles set so far (the builder's docs). */
  setText(text: string): RichTextValueBuilderFacade {
    this.model = { text: String(text), runs: [] };
    return this;
  }

  /** setTextStyle(style) for the whole text, or setTextStyle(start, end, style). */
  setTextStyle(a: unknown, b?: unknown, c?: unknown): RichTextValueBuilderFacade {
    const [start, end, style] = c === undefined ? [0, this.model.text.length, a] : [a, b, c];
    if (!(style instanceof TextStyleFacade) || typeof start !== 'number' || typeof end !== 'number') throw signatureError(this.gasName, 'setTextStyle', [a, b, c].filter((x) => x !== undefined));
    this.model.runs.push({ start, end, style: style._model() });
    return this;
  }

  setLinkUrl(a: unknown, b?: unknown, c?: unknown): RichTextValueBuilderFacade {
    const [start, end, url] = b === undefined ? [0, this.model.text.length, a] : [a, b, c];
    if (typeof start !== 'number' || typeof end !== 'number') throw signatureError(this.gasName, 'setLinkUrl', [a, b, c].filter((x) => x !== undefined));
    this.model.runs.push({ start, end, style: url === null ? {} : { linkUrl: String(url) } });
    return this;
  }
}

/** Runs over the whole text, later settings over earlier ones, adjacent equal runs joined. */
function normaliseRuns(model: RichTextModel): RichRunModel[] {
  const n = model.text.length;
  if (n === 0) return [{ start: 0, end: 0, style: {} }];
  const styles: TextStyleModel[] = Array.from({ length: n }, () => ({}));
  for (const r of model.runs) for (let i = Math.max(0, r.start); i < Math.min(n, r.end); i++) styles[i] = { ...styles[i], ...r.style };
  const runs: RichRunModel[] = [];
  for (let i = 0; i < n; i++) {
    const last = runs[runs.length - 1];
    const s = styles[i] ?? {};
    if (last && JSON.stringify(last.style) === JSON.stringify(s)) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, style: s });
  }
  return runs;
}

/** The rich text a cell reads as: what was set while the cell still shows that text, else its format. */
export function cellRichText(text: string, s: CellStyle | undefined): RichTextModel {
  if (s?.richText && s.richText.text === text) return s.richText;
  return { text, runs: [{ start: 0, end: text.length, style: cellTextStyle(s) }] };
}

export function richTextOf(v: unknown): RichTextModel | null {
  return v instanceof RichTextValueFacade ? v._model() : null;
}

// ---- the text finder ----------------------------------------------------------------------

/** Where a finder searches: rectangles of sheets, in order (a spreadsheet: every sheet). */
export interface FinderScope<R extends Remote> {
  areas: () => { sheet: SheetModel; area: GridArea }[];
  makeRange: (sheet: SheetModel, area: GridArea) => R;
}

interface Hit {
  sheet: SheetModel;
  row: number;
  col: number;
}

/**
 * Sheets' Find and replace: by default a case-insensitive substring over what cells show
 * (formulas' text only with matchFormulaText), row by row (reference §1.2 row 41).
 */
export class TextFinderFacade<R extends Remote = Remote> extends Remote {
  readonly gasName = 'SpreadsheetApp.TextFinder';
  override readonly localMethods = localMethods('ignoreDiacritics', 'matchCase', 'matchEntireCell', 'matchFormulaText', 'useRegularExpression', 'startFrom');
  private opts = { matchCase: false, entireCell: false, formulaText: false, regex: false, ignoreDiacritics: false };
  private current = -1;
  private start: Hit | null = null;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly scope: FinderScope<R>,
    private readonly findText: string,
  ) {
    super();
  }

  matchCase(matchCase: boolean): this {
    this.opts.matchCase = Boolean(matchCase);
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): this {
    this.opts.entireCell = Boolean(matchEntireCell);
    return this;
  }

  matchFormulaText(matchFormulaText: boolean): this {
    this.opts.formulaText = Boolean(matchFormulaText);
    return this;
  }

  useRegularExpression(useRegEx: boolean): this {
    this.opts.regex = Boolean(useRegEx);
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): this {
    this.opts.ignoreDiacritics = Boolean(ignoreDiacritics);
    return this;
  }

  /** The search goes on after this cell. */
  startFrom(startRange: Remote): this {
    const t = (startRange as unknown as { _target?: () => { sheet: SheetModel; area: GridArea } })._target?.();
    if (!t) throw signatureError(this.gasName, 'startFrom', [startRange]);
    this.start = { sheet: t.sheet, row: t.area.row, col: t.area.col };
    this.current = -1;
    return this;
  }

  findAll(): R[] {
    return this._hits().map((h) => this._range(h));
  }

  findNext(): R | null {
    const hits = this._hits();
    if (hits.length === 0) return null;
    if (this.current < 0 && this.start) {
      const s = this.start;
      const order = this.scope.areas().map((a) => a.sheet);
      const after = hits.findIndex((h) => order.indexOf(h.sheet) > order.indexOf(s.sheet) || (h.sheet === s.sheet && (h.row > s.row || (h.row === s.row && h.col > s.col))));
      this.current = after < 0 ? 0 : after;
    } else this.current = (this.current + 1) % hits.length;
    return this._range(hits[this.current] as Hit);
  }

  findPrevious(): R | null {
    const hits = this._hits();
    if (hits.length === 0) return null;
    this.current = this.current <= 0 ? hits.length - 1 : this.current - 1;
    return this._range(hits[this.current] as Hit);
  }

  getCurrentMatch(): R | null {
    const hits = this._hits();
    const h = this.current >= 0 ? hits[this.current] : undefined;
    return h ? this._range(h) : null;
  }

  /**
   * Replaces in every matching cell; "Returns the number of occurrences replaced, which may be
   * different from the number of matched cells" (the method's docs; §1.2 row 41).
   */
  replaceAllWith(replaceText: string): number {
    let n = 0;
    for (const h of this._hits()) n += this._replace(h, String(replaceText));
    return n;
  }

  /** In the current match's cell; the number of occurrences replaced there. */
  replaceWith(replaceText: string): number {
    const h = this.current >= 0 ? this._hits()[this.current] : undefined;
    return h ? this._replace(h, String(replaceText)) : 0;
  }

  private _pattern(global: boolean): RegExp {
    const flags = (this.opts.matchCase ? '' : 'i') + (global ? 'g' : '');
    const body = this.opts.regex ? this.findText : this.findText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(this.opts.entireCell ? `^(?:${body})$` : body, flags);
  }

  private _fold(text: string): string {
    return this.opts.ignoreDiacritics ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text;
  }

  /** The text a cell is searched in: its formula (with matchFormulaText) or what it shows. */
  private _text(sheet: SheetModel, row: number, col: number, shown: string): string {
    const f = sheet.grid.formula(row - 1, col - 1);
    if (f !== undefined) return this.opts.formulaText ? f : shown;
    return shown;
  }

  private _hits(): Hit[] {
    if (this.findText === '') return [];
    const re = this._pattern(false);
    const hits: Hit[] = [];
    for (const { sheet, area } of this.scope.areas()) {
      const shown = readDisplayValues(sheet, area);
      for (let i = 0; i < area.numRows; i++) {
        for (let j = 0; j < area.numCols; j++) {
          const text = this._text(sheet, area.row + i, area.col + j, shown[i]?.[j] ?? '');
          if (text !== '' && re.test(this._fold(text))) hits.push({ sheet, row: area.row + i, col: area.col + j });
        }
      }
    }
    return hits;
  }

  /** Replaces in one cell; returns the occurrences replaced (a formula's result is never rewritten). */
  private _replace(h: Hit, replaceText: string): number {
    const area = { row: h.row, col: h.col, numRows: 1, numCols: 1 };
    const f = h.sheet.grid.formula(h.row - 1, h.col - 1);
    if (f !== undefined && !this.opts.formulaText) return 0;
    assertCanWrite(h.sheet, area, this.env.effectiveUserEmail);
    const shown = readDisplayValues(h.sheet, area)[0]?.[0] ?? '';
    const text = this._text(h.sheet, h.row, h.col, shown);
    let n = 0;
    const replaced = text.replace(this._pattern(true), (...m: unknown[]) => {
      n++;
      // With regular expressions, $1… in the replacement name the groups.
      if (!this.opts.regex) return replaceText;
      const groups = m.slice(1, -2) as (string | undefined)[];
      return replaceText.replace(/\$(\d)/g, (_x, d: string) => groups[Number(d) - 1] ?? '');
    });
    writeCell(h.sheet, h.row - 1, h.col - 1, replaced);
    return n;
  }

  private _range(h: Hit): R {
    return this.scope.makeRange(h.sheet, { row: h.row, col: h.col, numRows: 1, numCols: 1 });
  }
}
