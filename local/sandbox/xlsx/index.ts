/**
 * A small, dependency-free XLSX (Office Open XML SpreadsheetML) writer.
 *
 * Parts written: [Content_Types].xml, _rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels,
 * xl/styles.xml, xl/worksheets/sheetN.xml, and for sheets with notes xl/commentsN.xml,
 * xl/drawings/vmlDrawingN.vml and xl/worksheets/_rels/sheetN.xml.rels. No docProps: they would
 * carry a creation time and break byte-for-byte determinism, and Excel does not need them.
 *
 * Strings are inline (t="inlineStr") so each row can be written on its own, with no shared-string
 * table to build first; formulas are never written, so "=SUM(A1)" stays text.
 */
import { columnToLetters } from '../../runtime/services/spreadsheet/a1';
import { writeZip, type ZipEntry } from '../../runtime/zip';
import { dateSerialConverter } from './dates';
import { sanitizeSheetNames, truncate } from './sheet-names';
import { XML_DECL, escapeAttr, escapeXstring, tElement } from './xml';

export { readZip, writeZip, type ZipEntry } from '../../runtime/zip';
export { sanitizeSheetName, sanitizeSheetNames } from './sheet-names';
export { dateSerialConverter } from './dates';

export type CellValue = string | number | boolean | Date | null;

export interface SheetInput {
  /** Sanitised to Excel's rules; see sanitizeSheetNames for the deterministic mapping. */
  name: string;
  /** Rows of cells. Rows may be ragged; null, undefined and '' cells are omitted. */
  values: CellValue[][];
  /** Rows kept in view while scrolling (0 or absent: none). */
  frozenRows?: number;
  /** Widths in Excel's character units, by column from A; a non-positive/non-finite entry keeps the default. */
  columnWidths?: number[];
  /** Cell notes (comments) aligned with `values`; null or '' means no note. */
  notes?: (string | null)[][];
}

export interface WorkbookInput {
  sheets: SheetInput[];
}

export interface WriteXlsxOptions {
  /** IANA zone whose wall-clock time Dates are written in. Default 'Asia/Seoul'. */
  timeZone?: string;
}

// Excel's hard limits: beyond them Excel refuses the file or "repairs" (truncates) it.
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MAX_CELL_CHARS = 32_767;
const MAX_COL_WIDTH = 255;

/** cellXfs indexes in styles.xml below. */
const STYLE_DATE = 1;
const STYLE_BOLD = 2;
const STYLE_BOLD_DATE = 3;

/** Rows are gathered into strings of about this length before becoming one Buffer. */
const ROW_BATCH_CHARS = 1 << 16;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_PREFIX = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnName(index: number): string {
  return columnToLetters(index + 1);
}

/** A1-style reference for 0-based row and column. */
export function cellRef(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Excel keeps at most 32,767 characters per cell; longer text makes it "repair" the file. */
function clampText(s: string): string {
  return truncate(s, MAX_CELL_CHARS);
}

function checkFrozenRows(n: number | undefined, sheet: string): number {
  if (n === undefined || n === 0) return 0;
  if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS) {
    throw new RangeError(`writeXlsx: frozenRows of sheet "${sheet}" must be an integer in 0..${MAX_ROWS - 1}, got ${n}`);
  }
  return n;
}

interface Note {
  row: number;
  col: number;
  text: string;
}

function collectNotes(notes: (string | null)[][] | undefined): Note[] {
  const out: Note[] = [];
  if (!notes) return out;
  notes.forEach((row, r) => {
    row?.forEach((text, c) => {
      if (text === null || text === undefined || text === '') return;
      if (r >= MAX_ROWS || c >= MAX_COLS) throw new RangeError(`writeXlsx: note at ${r},${c} is outside Excel's grid`);
      out.push({ row: r, col: c, text: String(text) });
    });
  });
  return out;
}

/** The used range, so <dimension> is right; null when the sheet has no cells. */
function usedRange(values: CellValue[][]): { rows: number; cols: number } | null {
  let rows = 0;
  let cols = 0;
  values.forEach((row, r) => {
    if (!row) return;
    for (let c = row.length - 1; c >= 0; c--) {
      const v = row[c];
      if (v !== null && v !== undefined && v !== '') {
        rows = r + 1;
        cols = Math.max(cols, c + 1);
        break;
      }
    }
  });
  return rows === 0 ? null : { rows, cols };
}

/**
 * Yields the worksheet XML in Buffers of roughly ROW_BATCH_CHARS, one batch of rows at a time, so
 * a 100k-row sheet is never one giant string (nor, with writeZip's chunked deflate, one buffer).
 */
function* worksheetXml(
  sheet: SheetInput,
  index: number,
  toSerial: (d: Date) => number | null,
  hasNotes: boolean,
): Generator<Buffer> {
  const values = sheet.values ?? [];
  if (values.length > MAX_ROWS) throw new RangeError(`writeXlsx: sheet "${sheet.name}" has ${values.length} rows; Excel allows ${MAX_ROWS}`);
  const frozen = checkFrozenRows(sheet.frozenRows, sheet.name);
  const range = usedRange(values);
  if (range && range.cols > MAX_COLS) throw new RangeError(`writeXlsx: sheet "${sheet.name}" has ${range.cols} columns; Excel allows ${MAX_COLS}`);

  let head = `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`;
  head += `<dimension ref="${range ? `A1:${cellRef(range.rows - 1, range.cols - 1)}` : 'A1'}"/>`;
  head += `<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}>`;
  if (frozen > 0) {
    const topLeft = `A${frozen + 1}`;
    head += `<pane ySplit="${frozen}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/>`;
    head += `<selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  head += '</sheetView></sheetViews>';
  const cols: string[] = [];
  (sheet.columnWidths ?? []).slice(0, MAX_COLS).forEach((w, c) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) return;
    cols.push(`<col min="${c + 1}" max="${c + 1}" width="${Math.min(w, MAX_COL_WIDTH)}" customWidth="1"/>`);
  });
  if (cols.length > 0) head += `<cols>${cols.join('')}</cols>`;
  head += '<sheetData>';
  yield Buffer.from(head, 'utf8');

  const letters: string[] = [];
  for (let c = 0; c < (range?.cols ?? 0); c++) letters.push(columnName(c));

  let batch = '';
  for (let r = 0; r < (range?.rows ?? 0); r++) {
    const row = values[r];
    if (!row || row.length === 0) continue;
    const rn = String(r + 1);
    const header = r === 0; // row 1 is the header: bold
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === '') continue; // empty cells are simply absent
      const ref = letters[c]! + rn;
      if (typeof v === 'string') {
        cells += `<c r="${ref}"${header ? ` s="${STYLE_BOLD}"` : ''} t="inlineStr"><is>${tElement(clampText(v))}</is></c>`;
      } else if (typeof v === 'number') {
        // NaN/±Infinity have no xsd:double form Excel accepts; an error cell keeps the file valid and visible.
        cells += Number.isFinite(v)
          ? `<c r="${ref}"${header ? ` s="${STYLE_BOLD}"` : ''} t="n"><v>${v}</v></c>`
          : `<c r="${ref}"${header ? ` s="${STYLE_BOLD}"` : ''} t="e"><v>#NUM!</v></c>`;
      } else if (typeof v === 'boolean') {
        cells += `<c r="${ref}"${header ? ` s="${STYLE_BOLD}"` : ''} t="b"><v>${v ? 1 : 0}</v></c>`;
      } else if (v instanceof Date) {
        const serial = toSerial(v);
        cells += serial === null
          ? `<c r="${ref}"${header ? ` s="${STYLE_BOLD}"` : ''} t="e"><v>#NUM!</v></c>`
          : `<c r="${ref}" s="${header ? STYLE_BOLD_DATE : STYLE_DATE}" t="n"><v>${serial}</v></c>`;
      } else {
        // Outside the type (a JS caller's object, bigint…): keep it as its text rather than drop it.
        cells += `<c r="${ref}"${header ? ` s="${STYLE_BOLD}"` : ''} t="inlineStr"><is>${tElement(clampText(String(v)))}</is></c>`;
      }
    }
    if (cells === '') continue;
    batch += `<row r="${rn}">${cells}</row>`;
    if (batch.length >= ROW_BATCH_CHARS) {
      yield Buffer.from(batch, 'utf8');
      batch = '';
    }
  }
  // legacyDrawing is what makes Excel draw the note boxes; its place is fixed by the schema's order.
  batch += `</sheetData>${hasNotes ? '<legacyDrawing r:id="rId2"/>' : ''}</worksheet>`;
  yield Buffer.from(batch, 'utf8');
}

function commentsXml(notes: Note[]): string {
  // One empty author: notes here are data, not a conversation.
  let s = `${XML_DECL}<comments xmlns="${NS_MAIN}"><authors><author></author></authors><commentList>`;
  for (const n of notes) {
    s += `<comment ref="${cellRef(n.row, n.col)}" authorId="0"><text>${tElement(clampText(n.text))}</text></comment>`;
  }
  return `${s}</commentList></comments>`;
}

/**
 * The VML drawing Excel needs to show notes (the text itself lives in commentsN.xml). Shape ids
 * come in blocks of 1024 announced by <o:idmap>; `firstBlock` keeps sheets' blocks apart.
 */
function vmlDrawing(notes: Note[], firstBlock: number): string {
  const blocks = Math.ceil(notes.length / 1023);
  const ids = Array.from({ length: blocks }, (_, i) => firstBlock + i).join(',');
  let s = '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">';
  s += `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${ids}"/></o:shapelayout>`;
  s += '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">';
  s += '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';
  notes.forEach((n, i) => {
    const id = (firstBlock + Math.floor(i / 1023)) * 1024 + 1 + (i % 1023);
    // Anchor: left col, dx, top row, dy, right col, dx, bottom row, dy — a box right of the cell.
    const anchor = `${n.col + 1}, 15, ${Math.max(0, n.row - 1)}, 10, ${n.col + 3}, 15, ${Math.max(0, n.row - 1) + 4}, 4`;
    s += `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`;
    s += '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>';
    s += '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>';
    s += `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData>`;
    s += '</v:shape>';
  });
  return `${s}</xml>`;
}

const STYLES_XML =
  `${XML_DECL}<styleSheet xmlns="${NS_MAIN}">` +
  // 164 is the first id free for custom formats (0–163 are built in).
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '</fonts>' +
  // Excel requires the first two fills to be "none" and "gray125".
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + // 0: default
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' + // 1: date
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' + // 2: bold header
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' + // 3: bold date
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * Writes the workbook as .xlsx bytes. Same input and options → byte-identical output.
 * Throws RangeError for no sheets, data beyond Excel's grid, a bad frozenRows or an unknown zone.
 */
export function writeXlsx(workbook: WorkbookInput, options: WriteXlsxOptions = {}): Buffer {
  const sheets = workbook.sheets ?? [];
  if (sheets.length === 0) throw new RangeError('writeXlsx: a workbook needs at least one sheet');
  const toSerial = dateSerialConverter(options.timeZone ?? 'Asia/Seoul');
  const names = sanitizeSheetNames(sheets.map((s) => s.name));

  const ct: string[] = [
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
  ];
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT_PREFIX}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT_PREFIX}.styles+xml"/>`,
  ];
  const sheetEntries: ZipEntry[] = [];
  const workbookSheets: string[] = [];
  const workbookRels: string[] = [];
  let nextVmlBlock = 1;
  let anyVml = false;

  sheets.forEach((sheet, i) => {
    const n = i + 1;
    const notes = collectNotes(sheet.notes);
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT_PREFIX}.worksheet+xml"/>`);
    workbookSheets.push(`<sheet name="${escapeAttr(names[i]!)}" sheetId="${n}" r:id="rId${n}"/>`);
    workbookRels.push(`<Relationship Id="rId${n}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    sheetEntries.push({ name: `xl/worksheets/sheet${n}.xml`, data: worksheetXml({ ...sheet, name: names[i]! }, i, toSerial, notes.length > 0) });
    if (notes.length > 0) {
      anyVml = true;
      overrides.push(`<Override PartName="/xl/comments${n}.xml" ContentType="${CT_PREFIX}.comments+xml"/>`);
      sheetEntries.push(
        {
          name: `xl/worksheets/_rels/sheet${n}.xml.rels`,
          data: Buffer.from(
            `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">` +
              `<Relationship Id="rId1" Type="${NS_REL}/comments" Target="../comments${n}.xml"/>` +
              `<Relationship Id="rId2" Type="${NS_REL}/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/>` +
              '</Relationships>',
          ),
        },
        { name: `xl/comments${n}.xml`, data: Buffer.from(commentsXml(notes)) },
        { name: `xl/drawings/vmlDrawing${n}.vml`, data: Buffer.from(vmlDrawing(notes, nextVmlBlock)) },
      );
      nextVmlBlock += Math.ceil(notes.length / 1023);
    }
  });
  if (anyVml) ct.push('<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>');
  const stylesRel = `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;

  const text = (name: string, xml: string): ZipEntry => ({ name, data: Buffer.from(xml, 'utf8') });
  return writeZip([
    text('[Content_Types].xml', `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${ct.join('')}${overrides.join('')}</Types>`),
    text(
      '_rels/.rels',
      `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      'xl/workbook.xml',
      `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${workbookSheets.join('')}</sheets></workbook>`,
    ),
    text('xl/_rels/workbook.xml.rels', `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${workbookRels.join('')}${stylesRel}</Relationships>`),
    text('xl/styles.xml', STYLES_XML),
    ...sheetEntries,
  ]);
}
