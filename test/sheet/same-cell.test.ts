import { sameCell } from '../../src/sheet/table';

/** Whether a write would change what the sheet shows: the one comparison every tab writer uses. */
describe('sameCell', () => {
  test('dates are the same to the second, as Sheets keeps them', () => {
    expect(sameCell(new Date(Date.UTC(2026, 11, 4, 0, 0, 1, 0)), new Date(Date.UTC(2026, 11, 4, 0, 0, 1, 999)))).toBe(true);
    expect(sameCell(new Date(Date.UTC(2026, 11, 4, 0, 0, 1)), new Date(Date.UTC(2026, 11, 4, 0, 0, 2)))).toBe(false);
  });

  test('a blank date cell equals any blank, and no date', () => {
    for (const blank of ['', null, undefined, '  ']) expect(sameCell(blank, '')).toBe(true);
    expect(sameCell(new Date(0), '')).toBe(false);
    expect(sameCell('', new Date(0))).toBe(false);
    expect(sameCell(null, new Date(0))).toBe(false);
  });

  test('anything else by the text it shows (numbers as typed, with or without separators; spaces at the ends ignored)', () => {
    expect(sameCell(17900, '17900')).toBe(true);
    expect(sameCell(1234567, '1,234,567')).toBe(true);
    expect(sameCell('1,234', 1234)).toBe(true);
    expect(sameCell(1234, '1,235')).toBe(false);
    expect(sameCell(0, '')).toBe(false);
    expect(sameCell(' 680000000001 ', '680000000001')).toBe(true);
    expect(sameCell('=1+1', '2')).toBe(false);
  });
});
