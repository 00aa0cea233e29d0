/**
 * What formatting a sheet add-on and its staff touch: font and text styles (singular and plural),
 * RangeList formatting, merges, hidden rows and columns, the text finder, rich text values and
 * autoFill. Expected values from Apps Script's reference pages and the reference's fixed facts
 * (fidelity-and-marketplaces §1.2, by row).
 */
import { testBed } from '../../local/runtime/services/spreadsheet/testing';
import type { RangeFacade } from '../../local/runtime/services/spreadsheet/facade-range';

describe('font and text styles', () => {
  it('a fresh cell is Arial 10, normal, no line, bottom-aligned, black (§1.2 row 31: line "none")', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1');
    expect([r.getFontFamily(), r.getFontSize(), r.getFontStyle(), r.getFontLine(), r.getVerticalAlignment(), r.getFontWeight(), r.getFontColor()]).toEqual(['Arial', 10, 'normal', 'none', 'bottom', 'normal', '#000000']);
  });

  it('setters and their plural forms read back per cell', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:B1');
    r.setFontStyles([['italic', 'normal']]).setFontLines([['underline', 'line-through']]).setFontSizes([[14, 10]]).setFontFamilies([['Nanum Gothic', 'Arial']]).setVerticalAlignments([['middle', 'top']]).setFontWeights([['bold', 'normal']]);
    expect([r.getFontStyles(), r.getFontLines(), r.getFontSizes(), r.getFontFamilies(), r.getVerticalAlignments(), r.getFontWeights()]).toEqual([
      [['italic', 'normal']],
      [['underline', 'line-through']],
      [[14, 10]],
      [['Nanum Gothic', 'Arial']],
      [['middle', 'top']],
      [['bold', 'normal']],
    ]);
    r.clearFormat();
    expect([r.getFontStyle(), r.getFontLine(), r.getFontSize()]).toEqual(['normal', 'none', 10]);
  });

  it('a TextStyle sets what it sets and leaves the rest; getTextStyle reads a cell', () => {
    const { app, sheet } = testBed();
    const r = sheet.getRange('A1').setFontSize(12);
    r.setTextStyle(app.newTextStyle().setBold(true).setForegroundColor('red').build());
    const t = r.getTextStyle();
    expect([t.isBold(), t.isItalic(), t.getFontSize(), t.getForegroundColor(), t.getFontFamily(), r.getFontWeight(), r.getFontColor()]).toEqual([true, false, 12, '#ff0000', 'Arial', 'bold', '#ff0000']);
    const unset = app.newTextStyle().build();
    expect([unset.isBold(), unset.getFontSize()]).toEqual([null, null]);
  });

  it('a RangeList formats each of its ranges', () => {
    const { sheet } = testBed();
    sheet.getRangeList(['A1', 'C3:D3']).setFontStyle('italic').setFontSize(8).setVerticalAlignment('middle').setFontFamily('Courier New').setFontLine('underline');
    const r = sheet.getRange('C3:D3');
    expect([r.getFontStyles(), r.getFontSizes(), r.getVerticalAlignments(), sheet.getRange('A1').getFontFamily(), sheet.getRange('B2').getFontStyle(), r.getFontLine()]).toEqual([
      [['italic', 'italic']],
      [[8, 8]],
      [['middle', 'middle']],
      'Courier New',
      'normal',
      'underline',
    ]);
  });
});

describe('merges (§1.2 row 28)', () => {
  it('merge keeps the top-left value, which the merge displays; isPartOfMerge and getMergedRanges see it', () => {
    const { sheet } = testBed();
    const r = sheet.getRange('A1:B2').setValues([
      ['top', 'x'],
      ['y', 'z'],
    ]);
    r.merge();
    expect([r.getDisplayValue(), r.getValues(), r.isPartOfMerge(), sheet.getRange('B2').isPartOfMerge(), sheet.getRange('C1').isPartOfMerge()]).toEqual([
      'top',
      [
        ['top', ''],
        ['', ''],
      ],
      true,
      true,
      false,
    ]);
    expect(sheet.getRange('B1:C1').getMergedRanges().map((m) => m.getA1Notation())).toEqual(['A1:B2']);
  });

  it('mergeAcross on 2 rows makes 2 merges, mergeVertically on 2 columns makes 2', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:C2').mergeAcross();
    expect(sheet.getRange('A1:C2').getMergedRanges().map((m) => m.getA1Notation())).toEqual(['A1:C1', 'A2:C2']);
    sheet.getRange('E1:F3').mergeVertically();
    expect(sheet.getRange('E1:F3').getMergedRanges().map((m) => m.getA1Notation())).toEqual(['E1:E3', 'F1:F3']);
  });

  it('breakApart unmerges; a range holding part of a merge is refused', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:B2').merge();
    expect(() => sheet.getRange('A1').breakApart()).toThrow('You must select all cells in a merged range to merge or unmerge them.');
    sheet.getRange('A1:C3').breakApart();
    expect(sheet.getRange('A1:B2').isPartOfMerge()).toBe(false);
  });

  it('merges follow inserted rows', () => {
    const { sheet } = testBed();
    sheet.getRange('B2:C2').merge();
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('A1:D9').getMergedRanges().map((m) => m.getA1Notation())).toEqual(['B4:C4']);
  });
});

describe('hidden rows and columns', () => {
  it('hideRows/showRows and hideColumns/showColumns, read back by isRowHiddenByUser/isColumnHiddenByUser', () => {
    const { sheet } = testBed();
    sheet.hideRows(2, 3);
    sheet.hideColumns(2);
    expect([1, 2, 4, 5].map((r) => sheet.isRowHiddenByUser(r))).toEqual([false, true, true, false]);
    expect([sheet.isColumnHiddenByUser(2), sheet.isColumnHiddenByUser(3)]).toEqual([true, false]);
    sheet.showRows(3);
    sheet.unhideColumn(sheet.getRange('B:B'));
    expect([sheet.isRowHiddenByUser(3), sheet.isRowHiddenByUser(4), sheet.isColumnHiddenByUser(2)]).toEqual([false, true, false]);
    sheet.hideRow(sheet.getRange('7:8'));
    expect([sheet.isRowHiddenByUser(7), sheet.isRowHiddenByUser(8), sheet.isRowHiddenByFilter(7)]).toEqual([true, true, false]);
  });

  it('hidden rows stay with their row when rows are inserted above', () => {
    const { sheet } = testBed();
    sheet.hideRows(5);
    sheet.insertRowsBefore(2, 3);
    expect([sheet.isRowHiddenByUser(5), sheet.isRowHiddenByUser(8)]).toEqual([false, true]);
  });
});

describe('the text finder (§1.2 row 41)', () => {
  function seeded() {
    const bed = testBed();
    bed.sheet.getRange('A1:A5').setValues([['sample'], ['SampleA'], ['other'], ['sam ple'], ['']]);
    bed.sheet.getRange('A5').setFormula('="SAMPLE"&"x"');
    return bed;
  }

  it('by default a case-insensitive substring of what cells show: A1, A2 and the formula result in A5', () => {
    const { sheet } = seeded();
    expect(sheet.createTextFinder('sample').findAll().map((r) => r.getA1Notation())).toEqual(['A1', 'A2', 'A5']);
  });

  it('matchCase and matchEntireCell narrow it; matchFormulaText searches formulas instead of their results', () => {
    const { sheet } = seeded();
    expect(sheet.createTextFinder('Sample').matchCase(true).findAll().map((r) => r.getA1Notation())).toEqual(['A2']);
    expect(sheet.createTextFinder('sample').matchEntireCell(true).findAll().map((r) => r.getA1Notation())).toEqual(['A1']);
    expect(sheet.createTextFinder('"sample"').matchFormulaText(true).findAll().map((r) => r.getA1Notation())).toEqual(['A5']);
  });

  it('findNext walks the matches and returns null when there are none; replaceAllWith returns the count', () => {
    const { sheet } = seeded();
    const f = sheet.getRange('A1:A4').createTextFinder('sample');
    expect([f.findNext()?.getA1Notation(), f.findNext()?.getA1Notation(), f.getCurrentMatch()?.getA1Notation()]).toEqual(['A1', 'A2', 'A2']);
    expect(sheet.createTextFinder('nothing here').findNext()).toBeNull();
    expect(sheet.getRange('A1:A4').createTextFinder('sample').replaceAllWith('demo')).toBe(2);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['demo'], ['demoA']]);
  });

  it('replaceAllWith counts occurrences, not cells ("may be different from the number of matched cells"); a formula result is not rewritten', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:A2').setValues([['ab ab ab'], ['ab']]);
    sheet.getRange('A3').setFormula('="ab"');
    expect(sheet.createTextFinder('ab').replaceAllWith('x')).toBe(4);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['x x x'], ['x'], ['ab']]);
    expect(sheet.getRange('A3').getFormula()).toBe('="ab"');
    expect(sheet.createTextFinder('(x) (x)').useRegularExpression(true).replaceAllWith('$2-$1')).toBe(1);
    expect(sheet.getRange('A1').getValue()).toBe('x-x x');
  });

  it('a spreadsheet-wide finder searches every sheet in tab order', () => {
    const { spreadsheet } = testBed({ sheets: [{ name: 'One', values: [['x'], ['key']] }, { name: 'Two', values: [['KEY']] }] });
    expect(spreadsheet.createTextFinder('key').findAll().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['One!A2', 'Two!A1']);
  });
});

describe('rich text values', () => {
  it('newRichTextValue builds text with styled runs; setRichTextValue stores it as text and reads it back', () => {
    const { app, sheet } = testBed();
    const bold = app.newTextStyle().setBold(true).build();
    const value = app.newRichTextValue().setText('주문 12345').setTextStyle(3, 8, bold).build();
    const r = sheet.getRange('A1').setRichTextValue(value);
    const back = r.getRichTextValue();
    expect([r.getValue(), back?.getText(), back?.getRuns().map((run) => [run.getText(), run.getTextStyle().isBold()])]).toEqual([
      '주문 12345',
      '주문 12345',
      [
        ['주문 ', null],
        ['12345', true],
      ],
    ]);
    expect(sheet.getRange('B1').setRichTextValue(app.newRichTextValue().setText('007').build()).getValue()).toBe('007');
  });

  it('a plain text cell reads as one run in its own format; a number cell reads null (the method\'s docs)', () => {
    const { sheet } = testBed();
    sheet.getRange('A1:B1').setValues([['plain', 42]]);
    sheet.getRange('A1').setFontWeight('bold');
    const values = sheet.getRange('A1:B1').getRichTextValues();
    expect([values[0]?.[0]?.getText(), values[0]?.[0]?.getTextStyle().isBold(), values[0]?.[1]]).toEqual(['plain', true, null]);
  });
});

describe('autoFill', () => {
  it('a run of numbers goes on as a series; text repeats; formulas move their references', () => {
    const { app, sheet } = testBed();
    sheet.getRange('A1:C2').setValues([
      [1, 'a', ''],
      [3, 'b', ''],
    ]);
    sheet.getRange('C1:C2').setFormulas([['=A1*2'], ['=A2*2']]);
    const fill = app.constants as unknown as { AutoFillSeries?: Record<string, string> };
    sheet.getRange('A1:C2').autoFill(sheet.getRange('A1:C5') as RangeFacade, fill.AutoFillSeries?.DEFAULT_SERIES ?? 'DEFAULT_SERIES');
    expect(sheet.getRange('A3:C5').getValues()).toEqual([
      [5, 'a', 10],
      [7, 'b', 14],
      [9, 'a', 18],
    ]);
    expect(sheet.getRange('C5').getFormula()).toBe('=A5*2');
  });
});
