/**
 * Semantics where the fake used to differ from Apps Script (issue 14): clearing, colours, A1
 * notation, the cache's void methods. Expected values from Apps Script's reference pages (quoted)
 * and the reference's fixed facts (fidelity-and-marketplaces §1.2, cited by row).
 */
import { createCacheService } from '../../local/runtime/services/cache';
import { testBed, fakeEnv } from '../../local/runtime/services/spreadsheet/testing';
import { createWorld } from '../../local/runtime/world';

describe('clearing', () => {
  it('Sheet.clear() clears contents and formats ("Clears the sheet of content and formatting information") and keeps notes and data validation', () => {
    const { app, sheet } = testBed();
    const r = sheet.getRange('B2').setValue(7).setBackground('#ff0000').setNote('keep me');
    r.setDataValidation(app.newDataValidation().requireNumberBetween(1, 9).build());
    sheet.clear();
    expect([r.getValue(), r.getBackground(), r.getNote(), r.getDataValidation()?.getCriteriaType()]).toEqual(['', '#ffffff', 'keep me', 'NUMBER_BETWEEN']);
    sheet.clearNotes();
    expect(r.getNote()).toBe('');
  });

  it('Sheet.clear({contentsOnly: true}) keeps formats; clear({formatOnly: true}) keeps contents', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1').setValue('x').setFontColor('#00ff00');
    sheet.clear({ contentsOnly: true });
    expect([r.getValue(), r.getFontColor()]).toEqual(['', '#00ff00']);
    r.setValue('y');
    sheet.clear({ formatOnly: true });
    expect([r.getValue(), r.getFontColor()]).toEqual(['y', '#000000']);
  });

  it('RangeList.clear() clears contents, formats and data validation of each range ("…and data validation rules for each Range in the RangeList"); notes stay', () => {
    const { app, sheet } = testBed();
    const r = sheet.getRange('C3').setValue(1).setFontWeight('bold').setNote('n');
    r.setDataValidation(app.newDataValidation().requireCheckbox().build());
    sheet.getRangeList(['A1', 'C3']).clear();
    expect([r.getValue(), r.getFontWeight(), r.getNote(), r.getDataValidation()]).toEqual(['', 'normal', 'n', null]);
  });
});

describe('colours', () => {
  it('a CSS colour name reads back as lower-case hex, in any case', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:C1');
    r.setBackgrounds([['Red', 'cornflowerblue', 'REBECCAPURPLE']]);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#6495ed', '#663399']]);
    r.setFontColor('DarkSlateGray');
    expect(r.getFontColor()).toBe('#2f4f4f');
    expect(sheet.getRange('D1').setBackground('#ABC').getBackground()).toBe('#aabbcc');
  });
});

describe('A1 notation, as leniently as Apps Script parses it', () => {
  it('lower case and $ anchors (§1.2 rows 1–2)', () => {
    const { sheet } = testBed();
    expect(sheet.getRange('b2:d5').getA1Notation()).toBe('B2:D5');
    expect(sheet.getRange('$c$3').getA1Notation()).toBe('C3');
    expect(sheet.getRange('$A1:B$2').getA1Notation()).toBe('A1:B2');
  });

  it('whole columns and whole rows (§1.2 rows 3–4)', () => {
    const { sheet } = testBed();
    const col = sheet.getRange('A:A');
    expect([col.getA1Notation(), col.getNumRows(), col.getNumColumns()]).toEqual(['A:A', sheet.getMaxRows(), 1]);
    const row = sheet.getRange('1:1');
    expect([row.getA1Notation(), row.getNumRows(), row.getNumColumns()]).toEqual(['1:1', 1, sheet.getMaxColumns()]);
    expect(sheet.getRange('d:b').getA1Notation()).toBe('B:D');
  });

  it("sheet-qualified, with quotes for names with spaces and '' for a quote; no prefix in the output (§1.2 row 5)", () => {
    const { spreadsheet } = testBed({ sheets: [{ name: 'Sheet 1' }, { name: "It's" }] });
    const a = spreadsheet.getRange("'Sheet 1'!a1:b2");
    expect([a.getSheet().getName(), a.getA1Notation()]).toEqual(['Sheet 1', 'A1:B2']);
    const b = spreadsheet.getRange("'It''s'!$B$3");
    expect([b.getSheet().getName(), b.getA1Notation()]).toEqual(["It's", 'B3']);
  });
});

describe('CacheService', () => {
  it('put, putAll, remove and removeAll return nothing (void in the reference: undefined)', () => {
    const cache = createCacheService(fakeEnv(), createWorld()).getScriptCache();
    expect([cache.put('a', '1'), cache.putAll({ b: '2' }), cache.remove('a'), cache.removeAll(['b'])]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('formulas staff type in the tabs the add-on reads', () => {
  it('SUM, IF, arithmetic and & concatenation evaluate; =SUM(1,2) is 3, not #ERROR!', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:F1');
    r.setFormulas([['=SUM(1,2)', '=IF(1>2,"yes","no")', '=2*(3+4)-1', '="a"&"b"&1', '=ROUND(2.5)', '=AVERAGE(2,4)']]);
    expect(r.getValues()).toEqual([[3, 'no', 13, 'ab1', 3, 3]]);
  });

  it('references to cells and rectangles of the same sheet follow the cells they read', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:B3').setValues([
      [1, 10],
      [2, 'text'],
      [3, true],
    ]);
    const c = sheet.getRange('C1').setFormula('=SUM(A1:B3)');
    const d = sheet.getRange('D1').setFormula('=A1+$A$2*A3');
    const e = sheet.getRange('E1').setFormula('=IF(A1=1,"one",B2)');
    expect([c.getValue(), d.getValue(), e.getValue()]).toEqual([16, 7, 'one']);
    sheet.getRange('A1').setValue(5);
    expect([c.getValue(), d.getValue(), e.getValue()]).toEqual([20, 11, 'text']);
    expect(sheet.getRange('C1:E1').getDisplayValues()).toEqual([['20', '11', 'text']]);
  });

  it("references to other sheets, quoted or not; a missing sheet or a cycle reads #REF!", () => {
    const { spreadsheet } = testBed({ sheets: [{ name: 'Main' }, { name: 'Stock 2' }, { name: 'Prices' }] });
    spreadsheet.getSheetByName('Stock 2')?.getRange('B2').setValue(4);
    spreadsheet.getSheetByName('Prices')?.getRange('A1:A2').setValues([[1000], [2500]]);
    const main = spreadsheet.getSheetByName('Main');
    const r = main?.getRange('A1:D1');
    r?.setFormulas([["='Stock 2'!B2*2", '=SUM(Prices!A1:A2)', '=Nowhere!A1', '=A1+D1']]);
    expect(r?.getValues()).toEqual([[8, 3500, '#REF!', '#REF!']]);
  });

  it('an unknown function reads #NAME?, broken text #ERROR!, errors propagate', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:D1');
    r.setFormulas([['=VLOOKUP(1,B1:B2,1)', '=SUM(1,', '=1/0', '=A1+1']]);
    expect(r.getValues()).toEqual([['#NAME?', '#ERROR!', '#DIV/0!', '#NAME?']]);
    expect(sheet.getRange('E1').setFormula('=C1*2').getValue()).toBe('#DIV/0!');
  });
});
