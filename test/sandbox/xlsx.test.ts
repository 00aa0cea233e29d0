import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { snapshotSpreadsheet } from '../../local/runtime/services/spreadsheet';
import { testBed } from '../../local/runtime/services/spreadsheet/testing';
import { columnWidths, displayWidth, workbookXlsx } from '../../local/sandbox/xlsx';

/**
 * workbook.xlsx is what a person opens to see the sheet: it must look like the sheet, not like a
 * dump of its values (no ### for a date, 5,000,000 not 5000000, no 00:00:00 on a date).
 */
async function sample(): Promise<ExcelJS.Workbook> {
  const { app, spreadsheet, sheet, model } = testBed({ sheets: [{ name: '주문', rows: 20, columns: 6 }, { name: '설정', rows: 5, columns: 2 }] });
  sheet.getRange(1, 1, 1, 6).setValues([['주문번호', '주문일시', '결제금액', '출고일', '보류', '메모']]);
  sheet.getRange(1, 1, 1, 6).setFontWeight('bold').setBackground('#d9ead3');
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(6, 240);
  const ordered = new Date('2026-11-23T05:07:00Z'); // 14:07 in Seoul
  const shipped = new Date('2026-11-23T15:00:00Z'); // midnight of the 24th in Seoul
  sheet.getRange(2, 1, 2, 1).setNumberFormat('@');
  sheet.getRange(2, 6, 2, 1).setNumberFormat('@');
  sheet.getRange(2, 1, 2, 6).setValues([
    ['20261123-0000001', ordered, 5_000_000, shipped, true, '=HYPERLINK("http://x")'],
    ['20261123-0000002', ordered, 17_900, '', false, '문 앞에 놓아 주세요'],
  ]);
  sheet.getRange(2, 2, 2, 1).setNumberFormat('yyyy-mm-dd hh:mm');
  sheet.getRange(2, 3, 2, 1).setNumberFormat('#,##0');
  sheet.getRange(2, 5, 2, 1).setDataValidation(app.newDataValidation().requireCheckbox().build());
  sheet.getRange(2, 1).setNote('카페24 주문');
  const other = spreadsheet.getSheetByName('설정')!;
  other.getRange(1, 1, 3, 1).setValues([['CJ대한통운'], ['우체국택배'], ['롯데택배']]);
  const carriers = app.newDataValidation().requireValueInList(['CJ대한통운', '우체국택배', '롯데택배'], true).build();
  sheet.getRange(2, 6, 2, 1).setDataValidation(carriers);
  sheet.getRange(2, 1, 19, 1).protect().setDescription('주문번호는 동기화가 씁니다');
  const buf = await workbookXlsx(snapshotSpreadsheet(model), { at: new Date('2026-11-23T09:00:00Z') });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('workbook.xlsx looks like the sheet', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    wb = await sample();
    ws = wb.getWorksheet('주문')!;
  });

  it('keeps every tab, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['주문', '설정']);
  });

  it('writes amounts with thousands separators and dates in Seoul time without 00:00:00', () => {
    expect(ws.getCell('C2').value).toBe(5_000_000);
    expect(ws.getCell('C2').numFmt).toBe('#,##0');
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm');
    // A date cell holds the wall-clock time of Seoul (exceljs reads a date serial back as UTC).
    expect(ws.getCell('B2').value).toEqual(new Date('2026-11-23T14:07:00Z'));
    // A date with no format of its own shows the day only (no 00:00:00).
    expect(ws.getCell('D2').value).toEqual(new Date('2026-11-24T00:00:00Z'));
    expect(ws.getCell('D2').numFmt).toBe('yyyy. m. d'); // the format Sheets gave the date in a Korean sheet
  });

  it('keeps text as text: an order number and a formula from a channel are never computed', () => {
    expect(ws.getCell('A2').value).toBe('20261123-0000001');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('F2').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('F2').formula).toBeUndefined();
  });

  it('shows checkboxes as ☑ and ☐, not TRUE and FALSE', () => {
    expect(ws.getCell('E2').value).toBe('☑');
    expect(ws.getCell('E3').value).toBe('☐');
  });

  it('keeps the bold, filled header, the frozen row and the notes', () => {
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9EAD3' } });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A2').note).toBe('카페24 주문');
  });

  it('gives every column room for what it shows, and keeps a width set in the sheet', () => {
    // "2026-11-23 14:07" is 16 characters; 5,000,000 is 9.
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(16);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(9);
    expect(ws.getColumn(6).width).toBeCloseTo(240 / 7, 3);
  });

  it('carries the dropdowns and the protected range', () => {
    const dv = ws.getCell('F2').dataValidation;
    expect(dv).toMatchObject({ type: 'list', formulae: ['"CJ대한통운,우체국택배,롯데택배"'] });
    // Excel locks a cell unless told otherwise, and enforces it once the sheet is protected.
    const locked = (p: Partial<ExcelJS.Protection> | undefined) => p?.locked !== false;
    expect((ws as unknown as { sheetProtection: { sheet?: boolean } }).sheetProtection).toMatchObject({ sheet: true });
    expect(locked(ws.getCell('A3').protection)).toBe(true);
    expect(locked(ws.getCell('B3').protection)).toBe(false);
    // Below the data, each column keeps what the sheet protects there.
    expect(locked(ws.getColumn(1).protection)).toBe(true);
    expect(locked(ws.getColumn(2).protection)).toBe(false);
  });

  it('prints on A4 landscape, one page wide, headers repeated', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  });
});

describe('column widths', () => {
  it('count Hangul as two columns, Latin and digits as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('우체국')).toBe(6);
    expect(displayWidth('CJ대한통운')).toBe(10);
  });

  it('are at least the longest display text of the column, and at most 60', () => {
    const { model, sheet } = testBed({ sheets: [{ name: 'S', rows: 3, columns: 2 }] });
    sheet.getRange(1, 1, 2, 2).setValues([['짧음', 'x'.repeat(200)], ['매우 긴 한글 상품명입니다', 'y']]);
    const widths = columnWidths(snapshotSpreadsheet(model).sheets[0]!);
    expect(widths[0]).toBeGreaterThanOrEqual(displayWidth('매우 긴 한글 상품명입니다'));
    expect(widths[1]).toBe(60);
  });
});

/** Opened as a person would: LibreOffice renders it to PDF, and no cell reads ###. */
const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const pdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
(soffice && pdftotext ? describe : describe.skip)('opened in LibreOffice (when it is installed)', () => {
  it('shows formatted numbers and dates, and no ###', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-lo-'));
    const { model, sheet } = testBed({ sheets: [{ name: '주문', rows: 5, columns: 3 }] });
    sheet.getRange(1, 1, 2, 3).setValues([['주문일시', '결제금액', '출고일'], [new Date('2026-11-23T05:07:00Z'), 5_000_000, new Date('2026-11-23T15:00:00Z')]]);
    sheet.getRange(2, 1).setNumberFormat('yyyy-mm-dd hh:mm');
    sheet.getRange(2, 2).setNumberFormat('#,##0');
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, await workbookXlsx(snapshotSpreadsheet(model)));
    execFileSync(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'book.pdf'), '-'], { encoding: 'utf8' });
    expect(text).not.toContain('###');
    expect(text).toContain('2026-11-23 14:07');
    expect(text).toContain('5,000,000');
    expect(text).toContain('2026. 11. 24'); // the date format Sheets gives a Korean sheet
  });
});
