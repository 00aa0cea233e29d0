/**
 * Range geometry: A1/R1C1 parsing, getRange forms and their errors, offset/getCell, data ranges.
 * Row numbers refer to shared/reference/fidelity-and-marketplaces.md §1.2 (facts) and §1.4
 * (error texts).
 */
import { gasMessages } from '../../local/runtime/errors';
import { areaToA1, columnToLetters, lettersToColumn, parseRangeNotation } from '../../local/runtime/services/spreadsheet/a1';
import { sheetMessages } from '../../local/runtime/services/spreadsheet/messages';
import { testBed } from '../../local/runtime/services/spreadsheet/testing';

describe('A1 notation (§1.2 rows 1–8)', () => {
  const { sheet } = testBed();

  it('getRange("B2:D5") starts at row 2, column 2 and spans 4 rows × 3 columns (row 1)', () => {
    const r = sheet.getRange('B2:D5');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getA1Notation()]).toEqual([2, 2, 4, 3, 'B2:D5']);
  });

  it('drops the $ signs in getA1Notation (row 2)', () => {
    expect(sheet.getRange('$C$3').getA1Notation()).toBe('C3');
    expect(sheet.getRange('$A$1:B$2').getA1Notation()).toBe('A1:B2');
  });

  it('reads "5:7" as whole rows across all columns (row 3)', () => {
    const r = sheet.getRange('5:7');
    expect([r.getRow(), r.getNumRows(), r.getNumColumns(), r.getA1Notation()]).toEqual([5, 3, sheet.getMaxColumns(), '5:7']);
  });

  it('reads "D:F" as whole columns down all rows (row 4)', () => {
    const r = sheet.getRange('D:F');
    expect([r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getA1Notation()]).toEqual([4, sheet.getMaxRows(), 3, 'D:F']);
  });

  it('prints no sheet prefix for "<Sheet>!E10:F12" (row 5)', () => {
    expect(sheet.getRange(`${sheet.getName()}!E10:F12`).getA1Notation()).toBe('E10:F12');
    expect(sheet.getRange(`'${sheet.getName()}'!E10`).getA1Notation()).toBe('E10');
  });

  it('normalises inverted ranges "C5:B2", "5:2", "D:B" (row 6)', () => {
    expect(sheet.getRange('C5:B2').getA1Notation()).toBe('B2:C5');
    expect(sheet.getRange('5:2').getA1Notation()).toBe('2:5');
    expect(sheet.getRange('D:B').getA1Notation()).toBe('B:D');
  });

  it('accepts R1C1 text, upper or lower case (row 7)', () => {
    expect(sheet.getRange('R5C3').getA1Notation()).toBe('C5');
    const r = sheet.getRange('R2C2:R4C5');
    expect([r.getA1Notation(), r.getNumRows(), r.getNumColumns()]).toEqual(['B2:E4', 3, 4]);
    expect(sheet.getRange('R10C5:R1C2').getA1Notation()).toBe('B1:E10');
    expect(sheet.getRange('r1c1:r2c2').getA1Notation()).toBe('A1:B2');
  });

  it('falls back to A1 for "RC1", which is column RC, row 1 (row 8)', () => {
    const p = parseRangeNotation('RC1');
    expect(p).toEqual({ r1: 1, c1: lettersToColumn('RC'), r2: 1, c2: lettersToColumn('RC') });
  });

  it('accepts lower-case A1 and open-ended "A2:B"', () => {
    expect(sheet.getRange('b2:c3').getA1Notation()).toBe('B2:C3');
    const open = sheet.getRange('A2:B');
    expect([open.getNumRows(), open.getA1Notation(), open.isEndRowBounded()]).toEqual([sheet.getMaxRows() - 1, 'A2:B', false]);
  });

  it('converts column numbers and letters both ways up to ZZZ', () => {
    expect([columnToLetters(1), columnToLetters(26), columnToLetters(27), columnToLetters(18278)]).toEqual(['A', 'Z', 'AA', 'ZZZ']);
    expect(lettersToColumn('AZ')).toBe(52);
  });

  it('prints an area open on every edge as "" (used for sheet protections, row 11)', () => {
    expect(areaToA1({ row: 1, col: 1, numRows: 5, numCols: 5, open: { startRow: true, endRow: true, startCol: true, endCol: true } })).toBe('');
  });
});

describe('getRange errors (§1.4 rows 3, 4, 6)', () => {
  const { sheet, spreadsheet } = testBed();

  it('refuses unparsable A1 text with "Range not found"', () => {
    expect(() => sheet.getRange('B')).toThrow(gasMessages.rangeNotFound);
    expect(() => sheet.getRange('A0')).toThrow(gasMessages.rangeNotFound);
    expect(() => sheet.getRange('Nope!A1')).toThrow(gasMessages.rangeNotFound);
  });

  it('refuses zero rows or columns, as getLastRow()-1 on a header-only sheet does', () => {
    expect(() => sheet.getRange(2, 1, 0, 3)).toThrow(gasMessages.rowsAtLeastOne);
    expect(() => sheet.getRange(2, 1, 1, 0)).toThrow(gasMessages.columnsAtLeastOne);
  });

  it('refuses coordinates beyond the sheet', () => {
    expect(() => sheet.getRange(1001, 1)).toThrow(gasMessages.outsideSheet);
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow(gasMessages.outsideSheet);
    expect(() => sheet.getRange('A1001')).toThrow(gasMessages.outsideSheet);
  });

  it('refuses row or column 0', () => {
    expect(() => sheet.getRange(0, 1)).toThrow(sheetMessages.startRowTooSmall);
    expect(() => sheet.getRange(1, 0)).toThrow(sheetMessages.startColumnTooSmall);
  });

  it('refuses arguments of the wrong type with the signature message (§1.4 row 18)', () => {
    expect(() => sheet.getRange(null as unknown as string)).toThrow(
      "The parameters (null) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  it('Spreadsheet.getRange resolves "Sheet!A1" on the named sheet, and plain A1 on the active sheet', () => {
    const other = spreadsheet.insertSheet('Orders');
    other.getRange('B2').setValue('x');
    expect(spreadsheet.getRange('Orders!B2').getValue()).toBe('x');
    expect(spreadsheet.getRange('B2').getSheet().getName()).toBe('Orders'); // insertSheet made it active
  });
});

describe('offset and getCell (§1.2 rows 9–10, §1.4 row 7)', () => {
  const { sheet } = testBed({ sheets: [{ values: [['a', 'b'], ['c', 'd']] }] });
  const data = sheet.getDataRange();

  it('offset(0,0,1,1) and offset(1,1,1,1) of the data range are A1 and B2', () => {
    expect(data.offset(0, 0, 1, 1).getA1Notation()).toBe('A1');
    expect(data.offset(1, 1, 1, 1).getA1Notation()).toBe('B2');
  });

  it('offset(r, c) without a size keeps the size', () => {
    expect(data.offset(1, 1).getA1Notation()).toBe('B2:C3');
  });

  it('offset to zero rows or columns throws a "number of rows"/"number of columns" message', () => {
    expect(() => data.offset(0, 0, 0)).toThrow(/number of rows/);
    expect(() => data.offset(0, 0, 1, 0)).toThrow(/number of columns/);
  });

  it('getCell is 1-based within the range and refuses cells outside it', () => {
    expect(data.getCell(2, 2).getValue()).toBe('d');
    expect(() => data.getCell(3, 1)).toThrow(gasMessages.cellOutOfRange);
  });
});

describe('data range and last row/column (§1.2 rows 12–17)', () => {
  it('an empty sheet\'s data range is A1 and reads [[""]] (row 12)', () => {
    const { sheet } = testBed();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
  });

  it('getValues always returns a full rectangle with "" for blanks (row 13)', () => {
    const { sheet } = testBed();
    sheet.getRange('B3').setValue(5);
    expect(sheet.getRange('A1:C3').getValues()).toEqual([
      ['', '', ''],
      ['', '', ''],
      ['', 5, ''],
    ]);
  });

  it('appendRow on a fresh sheet gives last row 1 and last column 3 (row 14)', () => {
    const { sheet } = testBed();
    sheet.appendRow(['sample1', 'sample2', 'sample3']);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([1, 3]);
  });

  it('blank rows inserted by any insertRow* method do not move the last row (row 15)', () => {
    const { sheet } = testBed({ sheets: [{ values: [['a'], ['b'], ['c']] }] });
    sheet.insertRowAfter(4);
    sheet.insertRowBefore(5);
    sheet.insertRows(6, 2);
    sheet.insertRowsAfter(8, 2);
    sheet.insertRowsBefore(10, 2);
    expect(sheet.getLastRow()).toBe(3);
  });

  it('a column inserted inside the data shifts it right by one, and further inserts by two each (row 16)', () => {
    const { sheet } = testBed({ sheets: [{ values: [['a', 'b', 'c']] }] });
    sheet.insertColumnAfter(2);
    expect(sheet.getLastColumn()).toBe(4);
    expect(sheet.getRange('C1').getValue()).toBe('');
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getLastColumn()).toBe(6);
    sheet.insertColumnsBefore(1, 2);
    expect(sheet.getLastColumn()).toBe(8);
    sheet.insertColumns(1, 2);
    expect(sheet.getLastColumn()).toBe(10);
  });

  it('deleteColumn(2) then deleteColumns(2, 2) lower the last column by 1 and then 3 in total (row 17)', () => {
    const { sheet } = testBed({ sheets: [{ values: [['a', 'b', 'c', 'd', 'e']] }] });
    sheet.deleteColumn(2);
    expect(sheet.getLastColumn()).toBe(4);
    sheet.deleteColumns(2, 2);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['a', 'e']]);
  });
});

describe('getDataRegion (§1.2 row 18)', () => {
  const { sheet } = testBed();
  sheet.getRange('B2:D4').setValues([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  sheet.getRange('F6:G7').setValues([
    [1, 2],
    [3, 4],
  ]);

  it('grows from a cell to its block of data', () => {
    expect(sheet.getRange('C3').getDataRegion().getA1Notation()).toBe('B2:D4');
  });

  it('stays A1 from an empty A1 that only touches the data diagonally', () => {
    expect(sheet.getRange('A1').getDataRegion().getA1Notation()).toBe('A1');
  });

  it('includes an empty start cell next to the block', () => {
    expect(sheet.getRange('B1').getDataRegion().getA1Notation()).toBe('B1:D4');
    expect(sheet.getRange('E3').getDataRegion().getA1Notation()).toBe('B2:E4');
  });

  it('keeps the other axis for Dimension.ROWS and Dimension.COLUMNS', () => {
    expect(sheet.getRange('C3').getDataRegion('ROWS').getA1Notation()).toBe('C2:C4');
    expect(sheet.getRange('C3').getDataRegion('COLUMNS').getA1Notation()).toBe('B3:D3');
  });
});
