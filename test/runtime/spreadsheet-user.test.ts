/**
 * Host-only helpers: a simulated person editing the sheet mid-session (user-actions.ts),
 * seeding spreadsheets (seed.ts) and the output snapshot (snapshot.ts).
 */
import { createWorld } from '../../local/runtime/world';
import {
  checkboxRule,
  createSpreadsheetApp,
  listRule,
  seedSpreadsheet,
  SheetUser,
  snapshotWorkbooks,
  spreadsheetStore,
  UserActionRefused,
} from '../../local/runtime/services/spreadsheet';
import { protectedRangeMessage, validationRejected } from '../../local/runtime/services/spreadsheet/messages';
import { fakeEnv } from '../../local/runtime/services/spreadsheet/testing';

const OWNER = 'owner@example.com';

function orders(locale = 'ko_KR') {
  const world = createWorld();
  const ss = seedSpreadsheet(world, {
    name: '주문',
    owner: OWNER,
    editors: ['staff@example.com'],
    viewers: ['guest@example.com'],
    locale,
    sheets: [
      {
        name: 'Orders',
        frozenRows: 1,
        numberFormats: { 'A2:A100': '@' },
        values: [
          ['주문번호', '상품', '수량', '상태'],
          ['00123', '티셔츠', 3, '신규'],
          ['00077', '모자', 1, '배송중'],
          ['00501', '양말', 2, '신규'],
        ],
        validations: [{ range: 'D2:D100', rule: listRule(['신규', '배송중', '완료']) }],
        notes: { A1: '채널 주문번호' },
      },
    ],
  });
  const env = fakeEnv({ containerId: ss.id, effectiveUserEmail: OWNER });
  const app = createSpreadsheetApp(env, world);
  return { world, ss, app, sheet: app.getActiveSheet(), user: new SheetUser(world, ss.id, 'staff@example.com') };
}

describe('seeding a spreadsheet', () => {
  it('types values in as a person would, after applying number formats', () => {
    const { sheet } = orders();
    expect(sheet?.getRange('A2:C2').getValues()).toEqual([['00123', '티셔츠', 3]]);
  });

  it('can store strings raw, and registers editors and viewers on the Drive file', () => {
    const world = createWorld();
    const ss = seedSpreadsheet(world, { name: 'raw', owner: OWNER, editors: ['e@x.com'], input: 'RAW', sheets: [{ values: [['=1+1', '007']] }] });
    expect(ss.sheets[0]?.grid.value(0, 0)).toBe('=1+1');
    expect(ss.sheets[0]?.grid.formula(0, 0)).toBeUndefined();
    expect([...(world.files.get(ss.id)?.editors ?? [])]).toEqual(['e@x.com']);
  });

  it('names sheets, sizes them to fit, and sets named ranges', () => {
    const world = createWorld();
    const ss = seedSpreadsheet(world, {
      name: 'sized',
      owner: OWNER,
      sheets: [{ name: 'A', rows: 2, columns: 2, values: [[1, 2, 3], [4], [5]] }, { name: 'B' }],
      namedRanges: { Totals: 'A!A1:C1' },
    });
    expect(ss.sheets.map((s) => [s.name, s.maxRows, s.maxColumns])).toEqual([
      ['A', 3, 3],
      ['B', 1000, 26],
    ]);
    expect(ss.namedRanges[0]?.name).toBe('Totals');
  });
});

describe('a person editing cells', () => {
  it('types USER_ENTERED and returns the onEdit range, value and old value as text', () => {
    const { user, sheet } = orders();
    const e = user.editCell('Orders', 'C2', '5');
    expect(e).toEqual({ spreadsheetId: expect.any(String), sheetName: 'Orders', range: 'C2', value: '5', oldValue: '3', user: 'staff@example.com' });
    expect(sheet?.getRange('C2').getValue()).toBe(5);
  });

  it('omits oldValue for a blank cell and value for a cleared cell', () => {
    const { user } = orders();
    expect(user.editCell('Orders', 'E2', 'memo')).not.toHaveProperty('oldValue');
    const cleared = user.clear('Orders', 'E2');
    expect([cleared.oldValue, cleared.value]).toEqual(['memo', undefined]);
  });

  it('keeps text typed into a plain-text column as typed', () => {
    const { user, sheet } = orders();
    user.editCell('Orders', 'A5', '00999');
    expect(sheet?.getRange('A5').getValue()).toBe('00999');
  });

  it('refuses a value a rejecting rule does not allow, with the Korean dialog text, and leaves the cell alone', () => {
    const { user, sheet } = orders();
    let refused: unknown;
    try {
      user.editCell('Orders', 'D2', '취소');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(UserActionRefused);
    expect((refused as UserActionRefused).message).toBe('입력한 데이터가 이 셀에 설정된 데이터 확인 규칙을 위반합니다');
    expect((refused as UserActionRefused).reason).toBe('validation');
    expect(sheet?.getRange('D2').getValue()).toBe('신규');
  });

  it('uses the English dialog text, naming the cell, in an English-locale file', () => {
    const { user } = orders('en_US');
    expect(() => user.editCell('Orders', 'D3', 'cancelled')).toThrow(
      'There was a problem: The data you entered in cell D3 violates the data validation rules set on this cell.',
    );
    expect(validationRejected('en_US', 'D3', 'Pick from the list')).toBe('There was a problem: Pick from the list');
  });

  it('accepts an allowed value and lets a warning-only rule through', () => {
    const { user, ss, sheet } = orders();
    expect(user.editCell('Orders', 'D2', '완료').value).toBe('완료');
    const s = ss.sheetByName('Orders');
    s?.grid.setStyle(1, 4, { validation: listRule(['x'], { allowInvalid: true }) });
    expect(user.editCell('Orders', 'E2', 'anything').value).toBe('anything');
    expect(sheet?.getRange('E2').getValue()).toBe('anything');
  });

  it('ticks a checkbox and reports TRUE/FALSE as text', () => {
    const { ss, user, sheet } = orders();
    ss.sheetByName('Orders')?.grid.setStyle(1, 5, { validation: checkboxRule() });
    ss.sheetByName('Orders')?.grid.setCell(1, 5, false);
    expect(user.toggleCheckbox('Orders', 'F2')).toMatchObject({ range: 'F2', value: 'TRUE', oldValue: 'FALSE' });
    expect(sheet?.getRange('F2').isChecked()).toBe(true);
  });

  it('refuses edits in ranges protected against the person, and viewers altogether', () => {
    const { world, ss, sheet, user } = orders();
    sheet?.getRange('A1:D1').protect();
    expect(() => user.editCell('Orders', 'B1', 'x')).toThrow(protectedRangeMessage('ko_KR'));
    expect(new SheetUser(world, ss.id, OWNER).editCell('Orders', 'B1', '제품').value).toBe('제품');
    expect(() => new SheetUser(world, ss.id, 'guest@example.com').editCell('Orders', 'B9', 'x')).toThrow(UserActionRefused);
  });

  it('pastes a block as one edit', () => {
    const { user, sheet } = orders();
    const e = user.paste('Orders', 'B6', [
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(e.range).toBe('B6:C7');
    expect(sheet?.getRange('B6:C7').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('a person changing structure mid-session', () => {
  it('sorting the sheet keeps every value attached to its row and the frozen header in place', () => {
    const { user, sheet } = orders();
    // A script remembered where order 00077 was, then the person sorts by quantity, descending.
    const before = sheet?.getDataRange().getValues() ?? [];
    expect(user.sortSheet('Orders', 3, false)).toMatchObject({ changeType: 'OTHER' });
    const after = sheet?.getDataRange().getValues() ?? [];
    expect(after[0]).toEqual(before[0]);
    expect(after.slice(1).map((r) => r[0])).toEqual(['00123', '00501', '00077']);
    const byId = (rows: unknown[][]): Map<unknown, unknown[]> => new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId(after)).toEqual(byId(before));
    expect(sheet?.getRange('A1').getNote()).toBe('채널 주문번호');
  });

  it('inserting and deleting rows moves data; validation follows its cells', () => {
    const { user, sheet } = orders();
    expect(user.insertRows('Orders', 3, 2)).toMatchObject({ changeType: 'INSERT_ROW' });
    expect(sheet?.getRange('A5').getValue()).toBe('00077');
    expect(sheet?.getRange('D5').getDataValidation()?.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(sheet?.getLastRow()).toBe(6);
    expect(user.deleteRows('Orders', 3, 2)).toMatchObject({ changeType: 'REMOVE_ROW' });
    expect(sheet?.getRange('A3').getValue()).toBe('00077');
  });

  it('moving a column reorders the values in every row', () => {
    const { user, sheet } = orders();
    user.moveColumn('Orders', 4, 1);
    expect(sheet?.getRange('A1:D1').getValues()).toEqual([['상태', '주문번호', '상품', '수량']]);
    user.moveColumn('Orders', 1, 4);
    expect(sheet?.getRange('A1:D1').getValues()).toEqual([['주문번호', '상품', '수량', '상태']]);
  });

  it('a filter hides rows but getValues still returns every row unchanged', () => {
    const { user, sheet } = orders();
    const before = sheet?.getDataRange().getValues();
    expect(user.setFilter('Orders', 4, ['배송중'])).toEqual([3]);
    expect(sheet?.isRowHiddenByFilter(3)).toBe(true);
    expect(sheet?.getDataRange().getValues()).toEqual(before);
    expect(sheet?.getFilter()?.getRange().getA1Notation()).toBe('A1:D4');
    user.removeFilter('Orders');
    expect(sheet?.getFilter()).toBeNull();
  });

  it('selecting a sheet and cell is what getActiveSheet/getActiveRange report', () => {
    const { world, ss, user } = orders();
    spreadsheetStore(world).get(ss.id)?.addSheet('Other');
    user.select('Other', 'B3');
    const app = createSpreadsheetApp(fakeEnv({ containerId: ss.id }), world);
    expect([app.getActiveSheet()?.getName(), app.getActiveRange()?.getA1Notation()]).toEqual(['Other', 'B3']);
    expect(user.look('Orders', 'C2')).toBe('3');
  });
});

describe('snapshot for output', () => {
  it('gives each sheet\'s used grid with values, display text, formulas, notes and formats', () => {
    const { world, sheet } = orders();
    sheet?.getRange('E2').setFormula('=1+1');
    sheet?.getRange('C2:C4').setNumberFormat('#,##0');
    const [book] = snapshotWorkbooks(world);
    const s = book?.sheets[0];
    expect([book?.name, book?.locale, book?.timeZone, s?.name, s?.range, s?.frozenRows]).toEqual(['주문', 'ko_KR', 'Asia/Seoul', 'Orders', 'A1:E4', 1]);
    expect(s?.values[1]).toEqual(['00123', '티셔츠', 3, '신규', 2]);
    expect(s?.displayValues[1]).toEqual(['00123', '티셔츠', '3', '신규', '2']);
    expect(s?.formulas[1]?.[4]).toBe('=1+1');
    expect(s?.notes[0]?.[0]).toBe('채널 주문번호');
    expect(s?.numberFormats[1]?.slice(0, 3)).toEqual(['@', '0.###############', '#,##0']);
  });

  it('summarises validation rules as ranges, and protections and filters', () => {
    const { world, sheet, user } = orders();
    sheet?.protect().setDescription('시트 보호');
    user.setFilter('Orders', 4, ['배송중']);
    const s = snapshotWorkbooks(world)[0]?.sheets[0];
    expect(s?.validations).toEqual([{ ranges: ['D2:D100'], criteria: 'VALUE_IN_LIST', values: [['신규', '배송중', '완료'], true], allowInvalid: false, helpText: null }]);
    expect(s?.protections).toEqual([{ type: 'SHEET', range: '', description: '시트 보호', warningOnly: false, editors: [], unprotectedRanges: [] }]);
    expect(s?.filter).toEqual({ range: 'A1:D4', hiddenValues: { D: ['배송중'] }, hiddenRows: [3] });
  });

  it('gives an empty sheet as a 1×1 grid', () => {
    const world = createWorld();
    seedSpreadsheet(world, { name: 'empty', owner: OWNER });
    const s = spreadsheetStore(world)._snapshot()[0]?.sheets[0];
    expect([s?.range, s?.values, s?.displayValues]).toEqual(['A1', [['']], [['']]]);
  });

  it('is plain data that survives JSON', () => {
    const { world } = orders();
    const json = JSON.parse(JSON.stringify(snapshotWorkbooks(world))) as unknown[];
    expect(json).toHaveLength(1);
  });
});
