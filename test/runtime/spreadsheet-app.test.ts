/**
 * SpreadsheetApp, Spreadsheet and Sheet: opening and creating files, sheets and their
 * structure, sharing, protections, filters, named ranges, and the editor UI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gasMessages } from '../../local/runtime/errors';
import { createWorld } from '../../local/runtime/world';
import {
  createSpreadsheetApp,
  seedSpreadsheet,
  sheetMessages,
  SPREADSHEET_MIME_TYPE,
  spreadsheetStore,
  type HtmlOutputLike,
} from '../../local/runtime/services/spreadsheet';
import { fakeEnv, testBed } from '../../local/runtime/services/spreadsheet/testing';
import { deleteFile, driveSwitches, trashFile, unshareFile } from '../../local/runtime/services/drive';

describe('SpreadsheetApp root', () => {
  it('getActiveSpreadsheet is the bound container, and null for a standalone script', () => {
    const { app, model, world } = testBed();
    expect(app.getActiveSpreadsheet()?.getId()).toBe(model.id);
    expect(app.getActive()?.getId()).toBe(model.id);
    const standalone = createSpreadsheetApp(fakeEnv({ containerId: null }), world);
    expect(standalone.getActiveSpreadsheet()).toBeNull();
    expect(standalone.getActiveSheet()).toBeNull();
  });

  it('create() makes one 1000×26 sheet named 시트1 in a Korean locale, in the script time zone (§1.2 row 26)', () => {
    const world = createWorld();
    const env = fakeEnv();
    const ss = createSpreadsheetApp(env, world).create('New');
    const sheets = ss.getSheets();
    expect(sheets.map((s) => s.getName())).toEqual(['시트1']);
    expect([sheets[0]?.getMaxRows(), sheets[0]?.getMaxColumns()]).toEqual([1000, 26]);
    expect([ss.getSpreadsheetLocale(), ss.getSpreadsheetTimeZone()]).toEqual(['ko_KR', 'Asia/Seoul']);
    expect(env.quotaUsed.get('spreadsheetsCreated')).toBe(1);
  });

  it('create(name, 25, 10) sizes the sheet; an English locale names it Sheet1', () => {
    const ss = createSpreadsheetApp(fakeEnv({ userLocale: 'en' }), createWorld()).create('Sized', 25, 10);
    const s = ss.getSheets()[0];
    expect([s?.getName(), s?.getMaxRows(), s?.getMaxColumns(), ss.getSpreadsheetLocale()]).toEqual(['Sheet1', 25, 10, 'en_US']);
  });

  it('registers a created spreadsheet as a Drive file owned by the user, with the Sheets URL', () => {
    const world = createWorld();
    const ss = createSpreadsheetApp(fakeEnv({ effectiveUserEmail: 'me@example.com' }), world).create('Filed');
    const file = world.files.get(ss.getId());
    expect([file?.mimeType, file?.owner, file?.name]).toEqual([SPREADSHEET_MIME_TYPE, 'me@example.com', 'Filed']);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  it('create() stops at the daily quota with Apps Script\'s message', () => {
    const app = createSpreadsheetApp(fakeEnv({ quotaLimits: { spreadsheetsCreated: 1 } }), createWorld());
    app.create('one');
    expect(() => app.create('two')).toThrow(gasMessages.dailyQuota('spreadsheetsCreated'));
  });

  it('openById and openByUrl open files the user can see', () => {
    const world = createWorld();
    const other = seedSpreadsheet(world, { name: 'Shared', owner: 'boss@example.com', editors: ['me@example.com'] });
    const app = createSpreadsheetApp(fakeEnv({ effectiveUserEmail: 'me@example.com' }), world);
    expect(app.openById(other.id).getName()).toBe('Shared');
    expect(app.openByUrl(`https://docs.google.com/spreadsheets/d/${other.id}/edit#gid=0`).getId()).toBe(other.id);
  });

  it('openById refuses unknown ids, and files shared with someone else', () => {
    const world = createWorld();
    const secret = seedSpreadsheet(world, { name: 'Secret', owner: 'boss@example.com' });
    const app = createSpreadsheetApp(fakeEnv({ effectiveUserEmail: 'me@example.com' }), world);
    expect(() => app.openById('nope')).toThrow(sheetMessages.openByIdFailed);
    expect(() => app.openById(secret.id)).toThrow(sheetMessages.noAccess);
    expect(() => app.openByUrl('https://example.com/x')).toThrow(sheetMessages.invalidUrl);
  });

  it('openById tells a deleted file (not found) from one the user lost access to; a trashed file opens unless switched', () => {
    const world = createWorld();
    const mine = seedSpreadsheet(world, { name: 'Mine', owner: 'boss@example.com', editors: ['me@example.com'] });
    const me = createSpreadsheetApp(fakeEnv({ effectiveUserEmail: 'me@example.com' }), world);
    const boss = createSpreadsheetApp(fakeEnv({ effectiveUserEmail: 'boss@example.com' }), world);
    unshareFile(world, mine.id, 'me@example.com');
    expect(() => me.openById(mine.id)).toThrow(sheetMessages.noAccess);
    expect(boss.openById(mine.id).getName()).toBe('Mine');
    trashFile(world, mine.id);
    expect(boss.openById(mine.id).getName()).toBe('Mine');
    driveSwitches(world).trashedOpenById = 'notFound';
    expect(() => boss.openById(mine.id)).toThrow(sheetMessages.openByIdFailed);
    const gone = seedSpreadsheet(world, { name: 'Gone', owner: 'boss@example.com' });
    deleteFile(world, gone.id);
    expect(() => boss.openById(gone.id)).toThrow(sheetMessages.openByIdFailed);
    expect(spreadsheetStore(world).get(gone.id)).toBeUndefined();
  });

  it('getUi throws in a context without a UI, such as a time-driven trigger (§1.4 row 23)', () => {
    const { world, model } = testBed();
    const app = createSpreadsheetApp(fakeEnv({ containerId: model.id, uiAvailable: false }), world);
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  it('exposes Apps Script enums whose values are their names', () => {
    const { app } = testBed();
    const c = app.constants as Record<string, Record<string, string>>;
    expect(c.Dimension?.ROWS).toBe('ROWS');
    expect(c.ProtectionType?.SHEET).toBe('SHEET');
    expect(c.WrapStrategy?.CLIP).toBe('CLIP');
    expect(c.DataValidationCriteria?.VALUE_IN_LIST).toBe('VALUE_IN_LIST');
    expect(c.BorderStyle?.SOLID_MEDIUM).toBe('SOLID_MEDIUM');
    expect(c.Direction?.NEXT).toBe('NEXT');
  });

  it('counts builder calls and range geometry as client-side, cell access as round trips', () => {
    const { app, sheet } = testBed();
    const range = sheet.getRange('A1:B2');
    expect(app.localMethods.has('newDataValidation')).toBe(true);
    expect(app.localMethods.has('flush')).toBe(false);
    expect(['getRow', 'getNumColumns', 'getA1Notation', 'offset', 'getCell', 'getSheet'].every((m) => range.localMethods.has(m))).toBe(true);
    expect(['getValues', 'setValues', 'getDisplayValues', 'sort'].some((m) => range.localMethods.has(m))).toBe(false);
    expect(sheet.localMethods.has('getName') && sheet.localMethods.has('getRange') && !sheet.localMethods.has('getLastRow')).toBe(true);
    expect(app.newDataValidation().localMethods.has('requireValueInList')).toBe(true);
  });

  it('offers scripts no method that Apps Script lacks: every public method is in the official typings', () => {
    const { app, sheet, spreadsheet } = testBed();
    const range = sheet.getRange('A1');
    const objects: [string, object][] = [
      ['SpreadsheetApp', app],
      ['Spreadsheet', spreadsheet],
      ['Sheet', sheet],
      ['Range', range],
      ['RangeList', sheet.getRangeList(['A1'])],
      ['DataValidationBuilder', app.newDataValidation()],
      ['DataValidation', app.newDataValidation().requireDate().build()],
      ['Protection', range.protect()],
      ['Filter', range.createFilter()],
      ['FilterCriteriaBuilder', app.newFilterCriteria()],
      ['TextFinder', sheet.createTextFinder('x')],
      ['TextStyle', app.newTextStyle().build()],
      ['TextStyleBuilder', app.newTextStyle()],
      ['RichTextValue', app.newRichTextValue().build()],
      ['RichTextValueBuilder', app.newRichTextValue()],
    ];
    for (const [iface, obj] of objects) {
      const documented = typingsMethods('google-apps-script.spreadsheet.d.ts', iface);
      const exposed = Object.getOwnPropertyNames(Object.getPrototypeOf(obj)).filter((n) => n !== 'constructor' && !n.startsWith('_'));
      expect({ iface, extra: exposed.filter((n) => !documented.has(n)) }).toEqual({ iface, extra: [] });
    }
    const ui = app.getUi();
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(ui)).filter((n) => n !== 'constructor' && !n.startsWith('_') && !typingsMethods('google-apps-script.base.d.ts', 'Ui').has(n))).toEqual([]);
  });
});

/** Method names of `interface <name>` in one of @types/google-apps-script's files. */
function typingsMethods(file: string, name: string): Set<string> {
  const text = readFileSync(join(process.cwd(), 'node_modules/@types/google-apps-script', file), 'utf8');
  const start = text.indexOf(`interface ${name} {`);
  const end = text.indexOf('\n        }', start);
  const body = text.slice(start, end);
  return new Set([...body.matchAll(/(?:^|\*\/)\s*(\w+)\(/gm)].map((m) => m[1] ?? ''));
}

describe('sheets of a spreadsheet', () => {
  it('insertSheet takes a 0-based position while getIndex is 1-based (§1.2 row 27)', () => {
    const { spreadsheet } = testBed();
    spreadsheet.insertSheet('s3', 1);
    spreadsheet.insertSheet('s4', 0);
    expect(spreadsheet.getSheets().map((s) => `${s.getName()}:${s.getIndex()}`)).toEqual(['s4:1', '시트1:2', 's3:3']);
  });

  it('insertSheet() picks the next free default name and makes the new sheet active', () => {
    const { spreadsheet } = testBed();
    const s = spreadsheet.insertSheet();
    expect(s.getName()).toBe('시트2');
    expect(spreadsheet.getActiveSheet().getName()).toBe('시트2');
  });

  it('refuses a second sheet with the same name, whatever the case', () => {
    const { spreadsheet } = testBed();
    spreadsheet.insertSheet('Orders');
    expect(() => spreadsheet.insertSheet('orders')).toThrow(sheetMessages.sheetExists('orders'));
    expect(() => spreadsheet.getSheets()[0]?.setName('ORDERS')).toThrow(sheetMessages.sheetExists('ORDERS'));
  });

  it('getSheetByName ignores case and returns null for a missing sheet; getSheetById finds by gid', () => {
    const { spreadsheet } = testBed();
    const s = spreadsheet.insertSheet('Orders');
    expect(spreadsheet.getSheetByName('ORDERS')?.getSheetId()).toBe(s.getSheetId());
    expect(spreadsheet.getSheetByName('none')).toBeNull();
    expect(spreadsheet.getSheetById(0)?.getName()).toBe('시트1');
  });

  it('will not delete or hide the last sheet', () => {
    const { spreadsheet, sheet } = testBed();
    expect(() => spreadsheet.deleteSheet(sheet)).toThrow(sheetMessages.cannotRemoveAllSheets);
    expect(() => sheet.hideSheet()).toThrow(sheetMessages.cannotHideAllSheets);
    const other = spreadsheet.insertSheet('x');
    spreadsheet.deleteSheet(other);
    expect(spreadsheet.getNumSheets()).toBe(1);
  });

  it('hides and shows sheets, sets tab colours and moves the active sheet', () => {
    const { spreadsheet, sheet } = testBed();
    const b = spreadsheet.insertSheet('B');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    sheet.showSheet();
    expect(b.setTabColor('red').getTabColor()).toBe('#ff0000');
    spreadsheet.setActiveSheet(b);
    spreadsheet.moveActiveSheet(1);
    expect(spreadsheet.getSheets().map((s) => s.getName())).toEqual(['B', '시트1']);
  });

  it('renames the spreadsheet and its Drive file together', () => {
    const { spreadsheet, world, model } = testBed();
    spreadsheet.rename('Renamed');
    expect([spreadsheet.getName(), world.files.get(model.id)?.name]).toEqual(['Renamed', 'Renamed']);
  });

  it('copies a spreadsheet with its sheets and contents', () => {
    const { spreadsheet, sheet } = testBed();
    sheet.getRange('A1').setValue('orig');
    const copy = spreadsheet.copy('Copy of Test');
    expect(copy.getSheets()[0]?.getRange('A1').getValue()).toBe('orig');
    copy.getSheets()[0]?.getRange('A1').setValue('changed');
    expect(sheet.getRange('A1').getValue()).toBe('orig');
  });
});

describe('rows, columns and sorting a sheet', () => {
  it('appendRow grows the sheet by a row when it is full', () => {
    const { sheet } = testBed({ sheets: [{ rows: 2, columns: 2, values: [['a'], ['b']] }] });
    sheet.appendRow(['c', 'd', 'e']);
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow()]).toEqual([3, 3, 3]);
    expect(sheet.getRange('A3:C3').getValues()).toEqual([['c', 'd', 'e']]);
  });

  it('appendRow writes USER_ENTERED, so "=…" becomes a formula', () => {
    const { sheet } = testBed();
    sheet.appendRow(['=1+1', '007']);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[2, 7]]);
  });

  it('Sheet.sort(2) sorts every row, header included, when no row is frozen (§1.2 row 24)', () => {
    const { sheet } = testBed({ sheets: [{ values: [['name', 'qty'], ['b', 3], ['a', 1], ['c', 2]] }] });
    sheet.sort(2);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['a', 1],
      ['c', 2],
      ['b', 3],
      ['name', 'qty'],
    ]);
  });

  it('Sheet.sort leaves frozen rows in place and keeps each row together', () => {
    const { sheet } = testBed({ sheets: [{ frozenRows: 1, values: [['name', 'qty'], ['b', 3], ['a', 1], ['c', 2]] }] });
    sheet.getRange('A2').setNote('b row');
    sheet.sort(2, false);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['name', 'qty'],
      ['b', 3],
      ['c', 2],
      ['a', 1],
    ]);
    expect(sheet.getRange('A2').getNote()).toBe('b row');
  });

  it('inserted rows take the formatting of the row they follow, without its notes', () => {
    const { sheet } = testBed();
    sheet.getRange('A2').setNumberFormat('0.00').setNote('n');
    sheet.insertRowAfter(2);
    expect([sheet.getRange('A3').getNumberFormat(), sheet.getRange('A3').getNote()]).toEqual(['0.00', '']);
  });

  it('refuses rows beyond the sheet', () => {
    const { sheet } = testBed();
    expect(() => sheet.deleteRows(999, 5)).toThrow(sheetMessages.rowsOutOfBounds);
    expect(() => sheet.insertRowsAfter(1001, 1)).toThrow(sheetMessages.rowsOutOfBounds);
  });

  it('freezes rows and columns', () => {
    const { sheet } = testBed();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
  });

  it('moveColumns moves a column with its contents', () => {
    const { sheet } = testBed({ sheets: [{ values: [['a', 'b', 'c']] }] });
    sheet.moveColumns(sheet.getRange('C1'), 1);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['c', 'a', 'b']]);
  });

  it('sets and auto-resizes column widths', () => {
    const { sheet } = testBed({ sheets: [{ values: [['a very long product name here']] }] });
    expect(sheet.getColumnWidth(1)).toBe(100);
    sheet.setColumnWidths(2, 2, 40);
    expect(sheet.getColumnWidth(3)).toBe(40);
    sheet.autoResizeColumns(1, 1);
    expect(sheet.getColumnWidth(1)).toBeGreaterThan(100);
  });

  it('stops growth at 10,000,000 cells', () => {
    const { sheet } = testBed();
    expect(() => sheet.insertRowsAfter(1000, 400_000)).toThrow(sheetMessages.tooManyCells);
  });
});

describe('protections', () => {
  it('a sheet protection\'s range has no A1 notation (§1.2 row 11)', () => {
    const { sheet } = testBed();
    const p = sheet.protect();
    expect(p.getRange().getA1Notation()).toBe('');
    expect(p.getProtectionType()).toBe('SHEET');
  });

  it('records description, warning-only and editors; the owner is never listed', () => {
    const { sheet } = testBed();
    const p = sheet.getRange('A1:C1').protect().setDescription('헤더').setWarningOnly(true);
    p.addEditors(['a@example.com', 'owner@example.com']);
    expect([p.getDescription(), p.isWarningOnly(), p.getEditors().map((u) => u.getEmail())]).toEqual(['헤더', true, ['a@example.com']]);
    p.removeEditors(p.getEditors());
    expect(p.getEditors()).toEqual([]);
    expect(sheet.getProtections('RANGE').map((x) => x.getRange().getA1Notation())).toEqual(['A1:C1']);
  });

  it('blocks script writes by a user who is not an editor, unless warning-only', () => {
    const { world, model, sheet } = testBed({ editors: ['clerk@example.com'] });
    sheet.getRange('A1:B1').protect();
    const clerkApp = createSpreadsheetApp(fakeEnv({ containerId: model.id, effectiveUserEmail: 'clerk@example.com' }), world);
    const clerkSheet = clerkApp.getActiveSheet();
    expect(() => clerkSheet?.getRange('A1').setValue('x')).toThrow(sheetMessages.protectedCell);
    expect(clerkSheet?.getRange('A2').setValue('ok').getValue()).toBe('ok');
    expect(clerkSheet?.getRange('A1').canEdit()).toBe(false);
    sheet.getProtections('RANGE')[0]?.setWarningOnly(true);
    expect(clerkSheet?.getRange('A1').setValue('x').getValue()).toBe('x');
  });

  it('unprotected ranges open holes in a sheet protection', () => {
    const { world, model, sheet } = testBed({ editors: ['clerk@example.com'] });
    sheet.protect().setUnprotectedRanges([sheet.getRange('B2:B100')]);
    const clerk = createSpreadsheetApp(fakeEnv({ containerId: model.id, effectiveUserEmail: 'clerk@example.com' }), world).getActiveSheet();
    expect(clerk?.getRange('B5').setValue(1).getValue()).toBe(1);
    expect(() => clerk?.getRange('A5').setValue(1)).toThrow(sheetMessages.protectedCell);
  });

  it('protected ranges follow inserted rows, and remove() drops them', () => {
    const { sheet, spreadsheet } = testBed();
    sheet.getRange('A5:B6').protect();
    sheet.insertRowsBefore(2, 3);
    const [p] = spreadsheet.getProtections('RANGE');
    expect(p?.getRange().getA1Notation()).toBe('A8:B9');
    p?.remove();
    expect(spreadsheet.getProtections('RANGE')).toEqual([]);
  });
});

describe('filters (§1.2 row 38)', () => {
  it('refuses a second filter on a sheet', () => {
    const { sheet } = testBed({ sheets: [{ values: [['h'], ['a']] }] });
    sheet.getDataRange().createFilter();
    expect(() => sheet.getRange('C1:D2').createFilter()).toThrow("You can't create a filter in a sheet that already has a filter.");
  });

  it('hides rows by displayed value without changing values', () => {
    const { app, sheet } = testBed({ sheets: [{ values: [['status'], ['신규'], ['취소'], ['신규']] }] });
    const f = sheet.getDataRange().createFilter();
    f.setColumnFilterCriteria(1, app.newFilterCriteria().setHiddenValues(['취소']).build());
    expect([2, 3, 4].map((r) => sheet.isRowHiddenByFilter(r))).toEqual([false, true, false]);
    expect(sheet.getRange('A3').getValue()).toBe('취소');
    expect(f.getColumnFilterCriteria(1)?.getHiddenValues()).toEqual(['취소']);
    f.remove();
    expect(sheet.getFilter()).toBeNull();
  });
});

describe('named ranges', () => {
  it('sets, finds (ignoring case), moves with rows and removes named ranges', () => {
    const { spreadsheet, sheet } = testBed();
    spreadsheet.setNamedRange('Orders', sheet.getRange('A2:D10'));
    expect(spreadsheet.getRangeByName('orders')?.getA1Notation()).toBe('A2:D10');
    sheet.insertRowBefore(1);
    expect(spreadsheet.getRangeByName('Orders')?.getA1Notation()).toBe('A3:D11');
    spreadsheet.removeNamedRange('Orders');
    expect(spreadsheet.getRangeByName('Orders')).toBeNull();
  });

  it('refuses names that look like cell references', () => {
    const { spreadsheet, sheet } = testBed();
    expect(() => spreadsheet.setNamedRange('A1', sheet.getRange('A1'))).toThrow(sheetMessages.namedRangeInvalid('A1'));
  });
});

describe('sharing (the Drive file)', () => {
  it('adds editors and viewers to the Drive file; an editor is not demoted by addViewer', () => {
    const { spreadsheet, world, model } = testBed();
    spreadsheet.addEditor('ed@example.com').addViewers(['v@example.com', 'ed@example.com']);
    expect(spreadsheet.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', 'ed@example.com']);
    expect(spreadsheet.getViewers().map((u) => u.getEmail())).toEqual(['v@example.com']);
    expect([...(world.files.get(model.id)?.editors ?? [])]).toEqual(['ed@example.com']);
    spreadsheet.removeEditor('ed@example.com');
    expect(spreadsheet.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
  });
});

describe('time zone, locale and toasts', () => {
  it('defaults to the script time zone and refuses unknown zones', () => {
    const { spreadsheet } = testBed();
    expect(spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Seoul');
    expect(() => spreadsheet.setSpreadsheetTimeZone('Mars/Olympus')).toThrow(sheetMessages.invalidArgument('timeZone'));
  });

  it('toast goes to the UI sink with a 5-second default', () => {
    const { spreadsheet, env, model } = testBed();
    spreadsheet.toast('동기화 완료');
    spreadsheet.toast('msg', 'title', -1);
    expect(env.uiEvents).toEqual([
      { kind: 'toast', spreadsheetId: model.id, message: '동기화 완료', title: '', timeoutSeconds: 5 },
      { kind: 'toast', spreadsheetId: model.id, message: 'msg', title: 'title', timeoutSeconds: -1 },
    ]);
  });
});

describe('Ui: menus, sidebars, dialogs, alerts', () => {
  const html: HtmlOutputLike = { _html: () => ({ title: '주문', content: '<p>hi</p>', width: 600, height: 400 }) };

  it('adds a menu with items, separators and flattened submenus', () => {
    const { app, env } = testBed();
    const ui = app.getUi();
    ui.createMenu('파트너몰')
      .addItem('동기화', 'syncNow')
      .addSeparator()
      .addSubMenu(ui.createMenu('설정').addItem('열기', 'openSettings'))
      .addToUi();
    expect(env.uiEvents).toEqual([
      {
        kind: 'menu',
        name: '파트너몰',
        items: [{ caption: '동기화', functionName: 'syncNow' }, null, { caption: '설정 › 열기', functionName: 'openSettings' }],
      },
    ]);
  });

  it('names the add-on menu after the add-on', () => {
    const { world, model } = testBed();
    const env = fakeEnv({ containerId: model.id });
    createSpreadsheetApp(env, world, { addonMenuName: 'Partner Mall' }).getUi().createAddonMenu().addItem('Open', 'open').addToUi();
    expect(env.uiEvents[0]).toMatchObject({ kind: 'menu', name: 'Partner Mall' });
  });

  it('shows sidebars 300 px wide whatever the output asks, and dialogs at their size', () => {
    const { app, env } = testBed();
    app.getUi().showSidebar(html);
    app.getUi().showModalDialog(html, '상세');
    expect(env.uiEvents).toEqual([
      { kind: 'sidebar', title: '주문', content: '<p>hi</p>', width: 300 },
      { kind: 'dialog', title: '상세', content: '<p>hi</p>', width: 600, height: 400 },
    ]);
  });

  it('refuses something that is not an HtmlOutput', () => {
    const { app } = testBed();
    expect(() => app.getUi().showSidebar('<p>' as unknown as HtmlOutputLike)).toThrow("The parameters (String) don't match the method signature for Ui.showSidebar.");
  });

  it('alert records the message and answers with the affirmative button', () => {
    const { app, env } = testBed();
    const ui = app.getUi();
    expect(ui.alert('Saved')).toBe('OK');
    expect(ui.alert('Confirm', 'Delete all?', 'YES_NO')).toBe('YES');
    expect(env.uiEvents).toEqual([
      { kind: 'alert', title: '', prompt: 'Saved' },
      { kind: 'alert', title: 'Confirm', prompt: 'Delete all?' },
    ]);
  });
});

describe('the store in the world', () => {
  it('keeps spreadsheets between executions: a second execution sees the first one\'s writes', () => {
    const { world, model } = testBed();
    createSpreadsheetApp(fakeEnv({ containerId: model.id }), world).getActiveSheet()?.getRange('A1').setValue('persisted');
    const second = createSpreadsheetApp(fakeEnv({ containerId: model.id }), world);
    expect(second.getActiveSheet()?.getRange('A1').getValue()).toBe('persisted');
    expect(spreadsheetStore(world).get(model.id)).toBe(model);
  });
});
