/**
 * Cell contents: setValues size checks, USER_ENTERED coercion, display values and number
 * formats, formulas, notes, checkboxes, data validation rules and range sorting.
 */
import { gasMessages } from '../../local/runtime/errors';
import { parseUserEntered } from '../../local/runtime/services/spreadsheet/coerce';
import { formatCell, formatGeneral } from '../../local/runtime/services/spreadsheet/format';
import { evaluateFormula, shiftFormula } from '../../local/runtime/services/spreadsheet/formula';
import { sheetMessages } from '../../local/runtime/services/spreadsheet/messages';
import { testBed } from '../../local/runtime/services/spreadsheet/testing';

const KST = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): Date => new Date(Date.UTC(y, m - 1, d, h - 9, mi, s));

describe('setValues size and shape checks (§1.4 rows 1–2, §1.2 row 35)', () => {
  const { sheet } = testBed();

  it('names both widths when the data is too wide or narrow', () => {
    expect(() => sheet.getRange('A1:D1').setValues([[1, 2, 3, 4, 5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.',
    );
  });

  it('names both heights when the data has too many or too few rows', () => {
    expect(() => sheet.getRange('A1:A3').setValues([[1], [2]])).toThrow(gasMessages.rowsMismatch(2, 3));
    expect(() => sheet.getRange('A1:A3').setValues([])).toThrow(gasMessages.rowsMismatch(0, 3));
  });

  it('checks every row of ragged data', () => {
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2], [3]])).toThrow(gasMessages.columnsMismatch(1, 2));
  });

  it('refuses a 1-D array or a string with the signature message', () => {
    expect(() => sheet.getRange('A1').setValues('foo' as unknown as unknown[][])).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => sheet.getRange('A1').setNotes('foo' as unknown as string[][])).toThrow(/don't match the method signature for SpreadsheetApp.Range.setNotes/);
  });

  it('writes nothing when the check fails', () => {
    const { sheet: fresh } = testBed();
    expect(() => fresh.getRange('A1:B1').setValues([[1, 2, 3]])).toThrow();
    expect(fresh.getLastRow()).toBe(0);
  });
});

describe('USER_ENTERED coercion on write', () => {
  const { sheet } = testBed();
  // Each write goes to a fresh cell: formats Sheets detects on input (1,234 → #,##0) stick.
  let row = 100;
  const write = (v: unknown): unknown => sheet.getRange(++row, 1).setValue(v).getValue();

  it('turns number-like strings into numbers, leading zeros and all', () => {
    expect(write('123')).toBe(123);
    expect(write(' 1,234 ')).toBe(1234);
    expect(write('-5.5')).toBe(-5.5);
    expect(write('00123')).toBe(123);
    expect(write('1.5e3')).toBe(1500);
  });

  it('loses precision on 20-digit order numbers, as Sheets does', () => {
    expect(write('12345678901234567890')).toBe(12345678901234567000);
  });

  it('turns percentages into fractions with a percent format', () => {
    expect(write('12%')).toBeCloseTo(0.12);
    expect(sheet.getRange(row, 1).getNumberFormat()).toBe('0%');
    expect(sheet.getRange(row, 1).getDisplayValue()).toBe('12%');
  });

  it('keeps a format it detected: a Date written later shows as a number', () => {
    write('1,234');
    expect(sheet.getRange(row, 1).setValue(new Date(Date.UTC(2026, 0, 1))).getValue()).toBe(46023.375);
  });

  it('turns TRUE/FALSE in any case into booleans', () => {
    expect(write('TRUE')).toBe(true);
    expect(write('false')).toBe(false);
    expect(write('True')).toBe(true);
  });

  it('turns ISO-like dates into Dates at midnight in the spreadsheet time zone', () => {
    sheet.getRange('B1').setValue('2026-11-23');
    expect(sheet.getRange('B1').getValue()).toEqual(KST(2026, 11, 23));
    expect(sheet.getRange('B1').getDisplayValue()).toBe('2026-11-23');
    sheet.getRange('B2').setValue('2026-11-23 10:00');
    expect(sheet.getRange('B2').getValue()).toEqual(KST(2026, 11, 23, 10));
    expect(sheet.getRange('B2').getDisplayValue()).toBe('2026-11-23 10:00');
  });

  it('leaves impossible dates and ISO timestamps with a "T" as text', () => {
    expect(write('2026-02-30')).toBe('2026-02-30');
    expect(write('2026-11-23T10:00:00Z')).toBe('2026-11-23T10:00:00Z');
  });

  it("strips a leading apostrophe and keeps the rest as text", () => {
    expect(write("'007")).toBe('007');
    expect(write("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(sheet.getRange(row, 1).getFormula()).toBe('');
  });

  it('makes a string starting with "=" a formula', () => {
    sheet.getRange('C1').setValue('=1+2');
    expect(sheet.getRange('C1').getFormula()).toBe('=1+2');
    expect(sheet.getRange('C1').getValue()).toBe(3);
  });

  it('makes "+…" text a formula too, so an unquoted phone number breaks', () => {
    sheet.getRange('C2').setValue('+82 10-1234-5678');
    expect(sheet.getRange('C2').getFormula()).toBe('=+82 10-1234-5678');
    expect(sheet.getRange('C2').getValue()).toBe('#ERROR!');
  });

  it('keeps Korean phone numbers and other text as they are', () => {
    expect(write('010-1234-5678')).toBe('010-1234-5678');
    expect(write('  spaced  ')).toBe('  spaced  ');
    expect(write('-')).toBe('-');
  });

  it('stores numbers, booleans and Dates as they are', () => {
    expect(write(42.5)).toBe(42.5);
    expect(write(true)).toBe(true);
    const d = KST(2026, 1, 2, 3, 4, 5);
    expect(write(d)).toEqual(d);
  });

  it('clears the cell for null, undefined and ""', () => {
    for (const v of [null, undefined, '']) {
      sheet.getRange('D1').setValue('x');
      sheet.getRange('D1').setValue(v);
      expect(sheet.getRange('D1').isBlank()).toBe(true);
    }
  });

  it('refuses more than 50,000 characters in a cell', () => {
    expect(() => write('x'.repeat(50_001))).toThrow(sheetMessages.cellTooLong);
  });

  describe('in a plain-text "@" cell nothing is converted', () => {
    const { sheet: s } = testBed();
    s.getRange('A1:A10').setNumberFormat('@');
    const put = (v: string): unknown => s.getRange('A1').setValue(v).getValue();

    it('keeps "=" text as text, not a formula', () => {
      expect(put('=HYPERLINK("http://x")')).toBe('=HYPERLINK("http://x")');
      expect(s.getRange('A1').getFormula()).toBe('');
    });

    it('keeps leading zeros, long digit strings, dates, booleans and apostrophes verbatim', () => {
      expect(put('00123')).toBe('00123');
      expect(put('12345678901234567890')).toBe('12345678901234567890');
      expect(put('2026-11-23')).toBe('2026-11-23');
      expect(put('TRUE')).toBe('TRUE');
      expect(put("'x")).toBe("'x");
      expect(put('+82 10')).toBe('+82 10');
    });

    it('applies to setValues as well', () => {
      s.getRange('A2:A3').setValues([['=1+1'], ['0010']]);
      expect(s.getRange('A2:A3').getValues()).toEqual([['=1+1'], ['0010']]);
    });
  });

  it('parses the same way outside a sheet (coerce.ts)', () => {
    expect(parseUserEntered('1,234.50', 'ko_KR')).toEqual({ value: 1234.5, autoFormat: '#,##0.00' });
    expect(parseUserEntered('11/23/2026', 'en_US').autoFormat).toBe('m/d/yyyy');
    expect(parseUserEntered('11/23/2026', 'ko_KR')).toEqual({ value: '11/23/2026' });
  });
});

describe('display values and number formats (§1.2 rows 29–30)', () => {
  it('reads the automatic format as "0.###############", including after setNumberFormat("general") (row 29)', () => {
    const { sheet } = testBed();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
    sheet.getRange('A1').setNumberFormat('0.00').setNumberFormat('general');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });

  it('refuses setNumberFormat(null) (row 29)', () => {
    const { sheet } = testBed();
    expect(() => sheet.getRange('A1').setNumberFormat(null as unknown as string)).toThrow(/don't match the method signature/);
  });

  it('gives a rows × columns grid of formats (row 30)', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:B3').setNumberFormat('0.#');
    expect(r.getNumberFormat()).toBe('0.#');
    expect(r.getNumberFormats()).toEqual([
      ['0.#', '0.#'],
      ['0.#', '0.#'],
      ['0.#', '0.#'],
    ]);
  });

  it.each([
    [1234.5, undefined, '1234.5'],
    [1 / 3, undefined, '0.3333333333'],
    [1234567, undefined, '1234567'],
    [1e20, undefined, '1E+20'],
    [1234.5, '0', '1235'],
    [1234567.891, '#,##0', '1,234,568'],
    [-1234.5, '#,##0', '-1,235'],
    [1.005, '0.00', '1.01'],
    [1234.5, '#,##0.00', '1,234.50'],
    [0.125, '0%', '13%'],
    [0.125, '0.0%', '12.5%'],
    [12, '@', '12'],
    [15000, '#,##0"원"', '15,000원'],
    [15000, '[$₩]#,##0', '₩15,000'],
    [1234.5, '0.00E+00', '1.23E+03'],
  ])('prints %p under %p as %p', (value, pattern, text) => {
    expect(formatCell(value, pattern, { locale: 'ko_KR' })).toBe(text);
  });

  it('prints booleans as TRUE/FALSE and text as it is', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:B1').setValues([[true, 'hello']]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['TRUE', 'hello']]);
  });

  it('prints dates in the spreadsheet time zone under date patterns', () => {
    const { sheet } = testBed();
    const d = KST(2026, 11, 23, 14, 5, 9);
    const r = sheet.getRange('A1').setValue(d);
    const show = (p: string): string => r.setNumberFormat(p).getDisplayValue();
    expect(show('yyyy-mm-dd')).toBe('2026-11-23');
    expect(show('yyyy-mm-dd hh:mm')).toBe('2026-11-23 14:05');
    expect(show('yyyy-mm-dd hh:mm:ss')).toBe('2026-11-23 14:05:09');
    expect(show('hh:mm')).toBe('14:05');
    expect(show('yyyy. m. d am/pm h:mm:ss')).toBe('2026. 11. 23 오후 2:05:09');
  });

  it('gives a Date written into an automatic-format cell the locale\'s date pattern', () => {
    const { sheet } = testBed();
    expect(sheet.getRange('A1').setValue(KST(2026, 11, 23)).getDisplayValue()).toBe('2026. 11. 23');
    expect(sheet.getRange('A2').setValue(KST(2026, 11, 23, 9, 30)).getDisplayValue()).toBe('2026. 11. 23 오전 9:30:00');
  });

  it('reads a number under a date pattern as a Date, and a date under a number pattern as its serial', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1').setNumberFormat('yyyy-mm-dd').setValue(46349);
    expect(r.getValue()).toEqual(KST(2026, 11, 23));
    expect(r.setNumberFormat('0').getValue()).toBe(46349);
  });

  it('keeps the wall-clock text of dates when the spreadsheet time zone changes', () => {
    const { sheet, spreadsheet } = testBed();
    const r = sheet.getRange('A1').setValue('2026-11-23 10:00');
    spreadsheet.setSpreadsheetTimeZone('Etc/UTC');
    expect(r.getDisplayValue()).toBe('2026-11-23 10:00');
    expect(r.getValue()).toEqual(new Date(Date.UTC(2026, 10, 23, 10)));
  });

  it('converts dates across a daylight-saving change in the spreadsheet time zone', () => {
    const { sheet, spreadsheet } = testBed();
    spreadsheet.setSpreadsheetTimeZone('America/New_York');
    const before = new Date(Date.UTC(2026, 2, 8, 6, 30)); // 01:30 EST
    const after = new Date(Date.UTC(2026, 2, 8, 7, 30)); // 03:30 EDT
    const r = sheet.getRange('A1:A2').setNumberFormat('yyyy-mm-dd hh:mm').setValues([[before], [after]]);
    expect(r.getDisplayValues()).toEqual([['2026-03-08 01:30'], ['2026-03-08 03:30']]);
    expect(r.getValues()).toEqual([[before], [after]]);
  });

  it('formats the automatic format the way a default-width column shows it', () => {
    expect(formatGeneral(Math.PI)).toBe('3.141592654');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
  });
});

describe('formulas (§1.2 row 21)', () => {
  it('setFormula on a 2×2 block moves relative references cell by cell', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:B2').setFormula('=A1');
    expect(r.getFormulas()).toEqual([
      ['=A1', '=B1'],
      ['=A2', '=B2'],
    ]);
  });

  it('keeps $-anchored parts and text in quotes when moving references', () => {
    expect(shiftFormula('=$A$1+A$1+$A1+"B2"&LOG10(C3)', 1, 1)).toBe('=$A$1+B$1+$A2+"B2"&LOG10(D4)');
  });

  it('setFormulas writes each formula as given', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:B1').setFormulas([['=1', '=A1']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=1', '=A1']]);
  });

  it('gives "" for cells without a formula', () => {
    const { sheet } = testBed();
    sheet.getRange('A1').setValue(5);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  it('evaluates literals and known functions on their own; a reference needs a sheet (without one it reads #NAME?)', () => {
    expect(evaluateFormula('=SUM(1,2)')).toBe(3);
    expect(evaluateFormula('=NOSUCHFUNCTION(1)')).toBe('#NAME?');
    expect(evaluateFormula('=1+2*3')).toBe(7);
    expect(evaluateFormula('="a"&"b"')).toBe('ab');
    expect(evaluateFormula('=TRUE')).toBe(true);
    expect(evaluateFormula('=1/0')).toBe('#DIV/0!');
    expect(evaluateFormula('=SUM(A1:A3)')).toBe('#NAME?');
    expect(evaluateFormula('=A1')).toBe('#NAME?');
    expect(evaluateFormula('=1 2')).toBe('#ERROR!');
  });

  it('moves references in formulas when rows are inserted or deleted above them', () => {
    const { sheet } = testBed();
    sheet.getRange('A10').setFormula('=A5+$B$5+A20');
    sheet.insertRowsBefore(3, 2);
    expect(sheet.getRange('A12').getFormula()).toBe('=A7+$B$7+A22');
    sheet.deleteRows(7, 1);
    expect(sheet.getRange('A11').getFormula()).toBe('=#REF!+#REF!+A21');
  });
});

describe('notes (§1.2 row 34)', () => {
  it('setNote(25) reads "25" but setNotes([[25]]) reads "25.0", as live GAS does', () => {
    const { sheet } = testBed();
    expect(sheet.getRange('A1').setNote(25 as unknown as string).getNote()).toBe('25');
    expect(sheet.getRange('A1').setNotes([[25 as unknown as string]]).getNotes()).toEqual([['25.0']]);
  });

  it('clears with setNote(null), setNote("") and clearNote()', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1').setNote('hi');
    expect(r.setNote(null).getNote()).toBe('');
    expect(r.setNote('again').clearNote().getNote()).toBe('');
  });
});

describe('fonts, colours, alignment, wrap (§1.2 rows 31–32, 37)', () => {
  const { sheet } = testBed();

  it('reports Sheets\' defaults on a fresh cell', () => {
    const r = sheet.getRange('A1');
    expect([r.getFontWeight(), r.getBackground(), r.getFontColor(), r.getFontLine(), r.getHorizontalAlignment()]).toEqual([
      'normal',
      '#ffffff',
      '#000000',
      'none',
      'general',
    ]);
  });

  it('reports wrap true with strategy OVERFLOW on a fresh cell (live-GAS inconsistency)', () => {
    const r = sheet.getRange('Z1');
    expect([r.getWrap(), r.getWrapStrategy()]).toEqual([true, 'OVERFLOW']);
    expect(r.setWrap(false).getWrap()).toBe(false);
    expect(r.setWrapStrategy('CLIP').getWrapStrategies()).toEqual([['CLIP']]);
  });

  it('reads setHorizontalAlignment(null) back as general and "normal" as general-left (row 32)', () => {
    const r = sheet.getRange('B1');
    expect(r.setHorizontalAlignment('normal').getHorizontalAlignment()).toBe('general-left');
    expect(r.setHorizontalAlignment(null).getHorizontalAlignment()).toBe('general');
    expect(r.setHorizontalAlignment('center').getHorizontalAlignment()).toBe('center');
  });

  it('stores colours as lower-case hex and accepts invalid ones silently (row 37)', () => {
    const r = sheet.getRange('C1:D1');
    expect(r.setBackground('RED').getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(() => r.setBackground('#gggggg')).not.toThrow();
    expect(r.setFontColor('#ABC').getFontColors()).toEqual([['#aabbcc', '#aabbcc']]);
  });

  it('sets bold per cell with setFontWeights and clears formats with clearFormat', () => {
    const r = sheet.getRange('E1:F1').setFontWeights([['bold', null]]);
    expect(r.getFontWeights()).toEqual([['bold', 'normal']]);
    r.setValues([[1, 2]]).setNumberFormat('0.00').clearFormat();
    expect([r.getFontWeight(), r.getNumberFormat(), r.getValue()]).toEqual(['normal', '0.###############', 1]);
  });
});

describe('checkboxes (§1.2 row 33)', () => {
  it('insertCheckboxes sets every cell to FALSE with a checkbox rule', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:A3').insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false], [false]]);
    expect(r.getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    expect(r.getDisplayValues()).toEqual([['FALSE'], ['FALSE'], ['FALSE']]);
  });

  it('isChecked is true when all are ticked, false when none, null when mixed or not checkboxes', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:A2').insertCheckboxes();
    expect(r.isChecked()).toBe(false);
    r.check();
    expect(r.isChecked()).toBe(true);
    sheet.getRange('A1').uncheck();
    expect(r.isChecked()).toBeNull();
    expect(sheet.getRange('B1').isChecked()).toBeNull();
  });

  it('custom checked/unchecked values are honoured', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1').insertCheckboxes('yes', 'no');
    expect(r.getValue()).toBe('no');
    expect(r.check().getValue()).toBe('yes');
    expect(r.isChecked()).toBe(true);
  });

  it('removeCheckboxes drops the rule and blanks checkbox values', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1').insertCheckboxes().check().removeCheckboxes();
    expect([r.getValue(), r.getDataValidation()]).toEqual(['', null]);
  });
});

describe('data validation rules', () => {
  it('builds a list rule that reads back its criteria, help text and allowInvalid', () => {
    const { app, sheet } = testBed();
    const rule = app.newDataValidation().requireValueInList(['신규', '배송중'], false).setAllowInvalid(false).setHelpText('목록에서 고르세요').build();
    const read = sheet.getRange('C2:C10').setDataValidation(rule).getDataValidation();
    expect(read?.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(read?.getCriteriaValues()).toEqual([['신규', '배송중'], false]);
    expect(read?.getAllowInvalid()).toBe(false);
    expect(read?.getHelpText()).toBe('목록에서 고르세요');
  });

  it('a new rule allows invalid data until told otherwise; the builder has no help text', () => {
    const { app } = testBed();
    const b = app.newDataValidation().requireNumberBetween(1, 10);
    expect([b.getAllowInvalid(), b.getHelpText(), b.getCriteriaValues()]).toEqual([true, null, [1, 10]]);
  });

  it('copy() gives an independent builder from a rule', () => {
    const { app } = testBed();
    const rule = app.newDataValidation().requireCheckbox().build();
    const changed = rule.copy().requireTextIsEmail().build();
    expect([rule.getCriteriaType(), changed.getCriteriaType()]).toEqual(['CHECKBOX', 'TEXT_IS_VALID_EMAIL']);
  });

  it('scripts may write values that break a rule (only people are checked)', () => {
    const { app, sheet } = testBed();
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireValueInList(['a']).setAllowInvalid(false).build());
    expect(sheet.getRange('A1').setValue('zzz').getValue()).toBe('zzz');
  });

  it('getDataValidations returns null where a cell has no rule, and clearDataValidations removes rules', () => {
    const { app, sheet } = testBed();
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireDate().build());
    const grid = sheet.getRange('A1:B1').getDataValidations();
    expect([grid[0]?.[0]?.getCriteriaType(), grid[0]?.[1]]).toEqual(['DATE_IS_VALID_DATE', null]);
    sheet.getRange('A1:B1').clearDataValidations();
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });

  it('requireValueInRange returns the range among its criteria values', () => {
    const { app, sheet } = testBed();
    const rule = app.newDataValidation().requireValueInRange(sheet.getRange('Z1:Z5')).build();
    const [range, dropdown] = rule.getCriteriaValues() as [{ getA1Notation(): string }, boolean];
    expect([range.getA1Notation(), dropdown]).toEqual(['Z1:Z5', true]);
  });

  it('refuses a builder argument of the wrong type', () => {
    const { app } = testBed();
    expect(() => app.newDataValidation().requireNumberBetween('1' as unknown as number, 2)).toThrow(/don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireNumberBetween/);
  });
});

describe('Range.sort (§1.2 row 25)', () => {
  it('sorts descending with booleans before numbers, since booleans sort after numbers ascending', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:A3').setValues([[10], [false], [15]]);
    r.sort({ column: 1, ascending: false });
    expect(r.getValues()).toEqual([[false], [15], [10]]);
  });

  it('puts numbers, then text, then booleans ascending, with blanks last either way', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:A6').setValues([[true], ['b'], [''], [2], ['A'], [1]]);
    r.sort(1);
    expect(r.getValues().flat()).toEqual([1, 2, 'A', 'b', true, '']);
    r.sort({ column: 1, ascending: false });
    expect(r.getValues().flat()).toEqual([true, 'b', 'A', 2, 1, '']);
  });

  it('moves whole rows of the range and only the range', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:C3').setValues([
      ['x', 3, 'keep1'],
      ['y', 1, 'keep2'],
      ['z', 2, 'keep3'],
    ]);
    sheet.getRange('A1:B3').sort([{ column: 2, ascending: true }]);
    expect(sheet.getRange('A1:C3').getValues()).toEqual([
      ['y', 1, 'keep1'],
      ['z', 2, 'keep2'],
      ['x', 3, 'keep3'],
    ]);
  });

  it('breaks ties with the next key and keeps equal rows in order', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:B4').setValues([
      ['a', 2],
      ['b', 1],
      ['a', 1],
      ['b', 1],
    ]);
    r.sort([1, { column: 2, ascending: false }]);
    expect(r.getValues()).toEqual([
      ['a', 2],
      ['a', 1],
      ['b', 1],
      ['b', 1],
    ]);
  });
});

describe('other range operations', () => {
  it('removeDuplicates keeps first occurrences and returns the rows left (§1.2 row 20)', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:B4').setValues([
      ['foo', 'bar'],
      ['bar', 'foo'],
      ['foo', 'foo'],
      ['bar', 'foo'],
    ]);
    const left = r.removeDuplicates();
    expect(left.getA1Notation()).toBe('A1:B3');
    expect(r.getValues()).toEqual([
      ['foo', 'bar'],
      ['bar', 'foo'],
      ['foo', 'foo'],
      ['', ''],
    ]);
  });

  it('copyTo copies values, formulas and formats at the source size; bad arguments get the signature message (rows 35–36)', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:B1').setValues([[1, '=A1']]).setNumberFormat('0.00');
    sheet.getRange('A1:B1').copyTo(sheet.getRange('A3'));
    expect(sheet.getRange('A3:B3').getFormulas()).toEqual([['', '=A3']]);
    expect(sheet.getRange('A3').getDisplayValue()).toBe('1.00');
    expect(() => sheet.getRange('A1').copyTo(undefined as unknown as never)).toThrow(/don't match the method signature/);
    expect(() => sheet.getRange('A1').copyTo('not a range' as unknown as never)).toThrow(/don't match the method signature/);
    expect(() => sheet.getRange('A1').copyTo(sheet.getRange('C1'), 'INVALID_TYPE' as unknown as never)).not.toThrow();
  });

  it('clear() removes contents and formats and keeps notes and validation ("Clears the range of contents and formats"); clear({}) removes all; clearContent keeps formats', () => {
    const { app, sheet } = testBed();
    const r = sheet.getRange('A1').setValue(5).setNumberFormat('0.00').setNote('n');
    r.setDataValidation(app.newDataValidation().requireNumberBetween(1, 9).build());
    r.clearContent();
    expect([r.getValue(), r.getNumberFormat(), r.getNote()]).toEqual(['', '0.00', 'n']);
    r.setValue(5);
    r.clear();
    expect([r.getValue(), r.getNumberFormat(), r.getNote(), r.getDataValidation()?.getCriteriaType()]).toEqual(['', '0.###############', 'n', 'NUMBER_BETWEEN']);
    r.setNumberFormat('0.00').clear({});
    expect([r.getNumberFormat(), r.getNote(), r.getDataValidation()]).toEqual(['0.###############', '', null]);
  });

  it('setValue on a block fills every cell', () => {
    const { sheet } = testBed();
    expect(sheet.getRange('A1:B2').setValue('x').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });
});
