/**
 * Size sanity: a 100,000-row × 25-column tab must be workable on the host. These tests assert
 * correctness only; timings are logged, never asserted (CI machines vary).
 */
import { testBed } from '../../local/runtime/services/spreadsheet/testing';

const ROWS = 100_000;
const COLS = 25;

function bigGrid(): (string | number)[][] {
  return Array.from({ length: ROWS }, (_, i) => Array.from({ length: COLS }, (_, j) => (j === 0 ? `ORD-${i}` : j % 2 === 0 ? i * j : `v${i}:${j}`)));
}

describe('a 100,000 × 25 tab', () => {
  const { sheet } = testBed({ sheets: [{ rows: ROWS + 1, columns: COLS }] });
  const data = bigGrid();

  it('setValues writes the whole block and getValues reads it back exactly', () => {
    let t = Date.now();
    sheet.getRange(2, 1, ROWS, COLS).setValues(data);
    const wrote = Date.now() - t;
    t = Date.now();
    const read = sheet.getRange(2, 1, ROWS, COLS).getValues();
    const took = Date.now() - t;
    console.info(`setValues ${wrote} ms, getValues ${took} ms for ${ROWS * COLS} cells`);
    // A plain loop: Jest's deep equality is far slower than the code under test at this size.
    let mismatches = 0;
    for (let i = 0; i < ROWS; i++) for (let j = 0; j < COLS; j++) if (read[i]?.[j] !== data[i]?.[j]) mismatches++;
    expect(mismatches).toBe(0);
    expect(read).toHaveLength(ROWS);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([ROWS + 1, COLS]);
  });

  it('getDataRange().getValues() includes the blank header row and every data row', () => {
    const all = sheet.getDataRange().getValues();
    expect(all).toHaveLength(ROWS + 1);
    expect(all[0]).toEqual(new Array(COLS).fill(''));
    expect(all[ROWS]?.[0]).toBe(`ORD-${ROWS - 1}`);
  });

  it('formats a whole column and reads dates back from it', () => {
    // A year of order timestamps, one every ~5 minutes.
    const stamps = Array.from({ length: ROWS }, (_, i) => [new Date(Date.UTC(2026, 0, 1) + i * 315_000)]);
    sheet.getRange(2, 3, ROWS, 1).setValues(stamps);
    let t = Date.now();
    const col = sheet.getRange(2, 3, ROWS, 1).setNumberFormat('yyyy-mm-dd hh:mm');
    const values = col.getValues();
    console.info(`format + getValues of ${ROWS} dates: ${Date.now() - t} ms`);
    t = Date.now();
    const shown = col.getDisplayValues();
    console.info(`getDisplayValues of ${ROWS} dates: ${Date.now() - t} ms`);
    expect(values[10]?.[0]).toEqual(stamps[10]?.[0]);
    expect(shown[0]?.[0]).toBe('2026-01-01 09:00'); // 00:00 UTC is 09:00 in Seoul
  });

  it('sorts all rows by a column and keeps rows intact', () => {
    sheet.setFrozenRows(1);
    sheet.sort(1, false);
    const first = sheet.getRange(2, 1, 1, COLS).getValues()[0];
    expect(first?.[0]).toBe('ORD-99999');
    expect(first?.[1]).toBe('v99999:1');
  });
});
