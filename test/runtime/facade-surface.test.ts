/**
 * Every class and method of @types/google-apps-script for the services the runtime fakes exists
 * on the fake, as a script sees it: emulated, or throwing `Not available in the local runtime:
 * Range.merge`, never `… is not a function`. Enum values are enum objects (name(), toString(),
 * ordinal(), compareTo()), as Apps Script's are, not strings.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime } from '../../local/runtime/runtime';
import { seedSpreadsheet } from '../../local/runtime/services/spreadsheet';
import { createWorld } from '../../local/runtime/world';
import { gasTypings, interfaceMethods, typingsName } from '../../local/runtime/typings';

/** The objects a script can reach, by typings interface; each built by a line of script. */
const OBJECTS: Record<string, string> = {
  'Spreadsheet.SpreadsheetApp': 'SpreadsheetApp',
  'Spreadsheet.Spreadsheet': 'SpreadsheetApp.getActiveSpreadsheet()',
  'Spreadsheet.Sheet': 'SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]',
  'Spreadsheet.Range': "SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1:B2')",
  'Spreadsheet.RangeList': "SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRangeList(['A1', 'B2'])",
  'Spreadsheet.DataValidationBuilder': 'SpreadsheetApp.newDataValidation()',
  'Spreadsheet.DataValidation': 'SpreadsheetApp.newDataValidation().requireCheckbox().build()',
  'Spreadsheet.FilterCriteriaBuilder': 'SpreadsheetApp.newFilterCriteria()',
  'Spreadsheet.Protection': "SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('C3').protect()",
  'Spreadsheet.Filter': "SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1:B5').createFilter()",
  'Spreadsheet.EmbeddedChartBuilder': 'SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].newChart()',
  'Spreadsheet.TextFinder': "SpreadsheetApp.getActiveSpreadsheet().createTextFinder('x')",
  'Spreadsheet.TextStyleBuilder': 'SpreadsheetApp.newTextStyle()',
  'Spreadsheet.TextStyle': 'SpreadsheetApp.newTextStyle().setBold(true).build()',
  'Spreadsheet.RichTextValueBuilder': 'SpreadsheetApp.newRichTextValue()',
  'Spreadsheet.RichTextValue': "SpreadsheetApp.newRichTextValue().setText('x').build()",
  'Base.Ui': 'SpreadsheetApp.getUi()',
  'Base.Menu': "SpreadsheetApp.getUi().createMenu('m')",
  'Properties.PropertiesService': 'PropertiesService',
  'Properties.Properties': 'PropertiesService.getScriptProperties()',
  'Cache.CacheService': 'CacheService',
  'Cache.Cache': 'CacheService.getScriptCache()',
  'Lock.LockService': 'LockService',
  'Lock.Lock': 'LockService.getScriptLock()',
  'URL_Fetch.UrlFetchApp': 'UrlFetchApp',
  'Script.ScriptApp': 'ScriptApp',
  'Script.TriggerBuilder': "ScriptApp.newTrigger('f')",
  'Script.ClockTriggerBuilder': "ScriptApp.newTrigger('f').timeBased()",
  'Script.StateTokenBuilder': 'ScriptApp.newStateToken()',
  'Utilities.Utilities': 'Utilities',
  'Base.Blob': "Utilities.newBlob('x')",
  'Base.Session': 'Session',
  'Base.User': 'Session.getActiveUser()',
  'HTML.HtmlService': 'HtmlService',
  'HTML.HtmlOutput': "HtmlService.createHtmlOutput('<b>x</b>')",
  'HTML.HtmlTemplate': "HtmlService.createTemplate('x')",
  'Mail.MailApp': 'MailApp',
  'Drive.DriveApp': 'DriveApp',
  'Drive.File': 'DriveApp.getFileById(SpreadsheetApp.getActiveSpreadsheet().getId())',
};

function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-surface-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return dir;
}

const PROBE = `function probe(lists) {
  var out = {};
  ${Object.entries(OBJECTS)
    .map(([k, expr]) => `out[${JSON.stringify(k)}] = check(${expr}, lists[${JSON.stringify(k)}]);`)
    .join('\n  ')}
  return out;
}
/** Each documented method: 'ok' when the fake serves it, the error text when it says it cannot, or what went wrong. */
function check(obj, methods) {
  var bad = [];
  for (var i = 0; i < methods.length; i++) {
    var m = methods[i];
    if (typeof obj[m] !== 'function') { bad.push(m + ': ' + typeof obj[m]); continue; }
  }
  return bad;
}
function unavailable() {
  try { SpreadsheetApp.getActiveSheet().getRange('A1').getDataSourceTables(); return 'no error'; }
  catch (e) { return [e instanceof Error, e.message, /is not a function/.test(e.message)]; }
}
function logsEnum() {
  Logger.log(SpreadsheetApp.Dimension.ROWS);
  console.log(ScriptApp.AuthMode.FULL);
}
function enums() {
  var D = SpreadsheetApp.Dimension, W = SpreadsheetApp.WrapStrategy;
  var r = SpreadsheetApp.getActiveSheet().getRange('A1');
  r.setWrapStrategy(W.CLIP);
  var got = r.getWrapStrategy();
  return [typeof D.ROWS, D.ROWS.name(), String(D.COLUMNS), D.ROWS.toString(), D.ROWS.ordinal(), D.COLUMNS.ordinal(),
    D.ROWS.compareTo(D.COLUMNS) < 0, D.ROWS === SpreadsheetApp.Dimension.ROWS, got === W.CLIP, got.name(),
    JSON.stringify({ d: D.ROWS }), ScriptApp.AuthMode.FULL.name(), Utilities.DigestAlgorithm.SHA_256.ordinal() >= 0,
    Charts.ChartType.COMBO.name(), Charts.ChartType.COMBO === Charts.ChartType.COMBO, typeof Charts.ChartType.AREA.ordinal()];
}`;

describe('the fake as a script sees it, against @types/google-apps-script', () => {
  let rt: Runtime;
  beforeAll(() => {
    const world = createWorld();
    const ss = seedSpreadsheet(world, { name: 'Surface', owner: 'owner@example.com' });
    rt = new Runtime({ start: Date.UTC(2026, 10, 23), bundleDir: bundle(PROBE), manifest: { timeZone: 'Asia/Seoul' }, world, containerId: ss.id });
  });
  afterAll(async () => rt && (await rt.close()));

  it('walks the typings: each probed interface has its documented methods', () => {
    for (const k of Object.keys(OBJECTS)) expect({ k, n: interfaceMethods(k).size > 0 }).toEqual({ k, n: true });
    expect(interfaceMethods('Spreadsheet.Range').has('merge')).toBe(true);
    expect(gasTypings().enums.get('Spreadsheet.Dimension')).toEqual(['COLUMNS', 'ROWS']);
  });

  it('every class the runtime serves is an interface of the typings (so none escapes the walk)', () => {
    const names = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/gasName = '([^']+)'/g)) names.add(m[1] ?? '');
      }
    };
    walk(path.join(process.cwd(), 'local/runtime'));
    expect(names.size).toBeGreaterThan(40);
    expect([...names].filter((n) => typingsName(n) === undefined)).toEqual([]);
  });

  it('every documented method of every class is a function on the script side', async () => {
    const lists = Object.fromEntries(Object.keys(OBJECTS).map((k) => [k, [...interfaceMethods(k).keys()]]));
    const r = await rt.run('probe', [lists], 'menu');
    expect(r.errors).toEqual([]);
    const bad = Object.entries(r.result as Record<string, string[]>).filter(([, b]) => b.length > 0);
    expect(bad).toEqual([]);
  });

  it('a method the fake does not emulate throws a clear Error naming class and method', async () => {
    const r = await rt.run('unavailable', [], 'menu');
    expect(r.result).toEqual([true, 'Not available in the local runtime: Range.getDataSourceTables', false]);
  });

  it('an enum value logs as its name', async () => {
    const r = await rt.run('logsEnum', [], 'menu');
    expect(r.logs.map((l) => l.text)).toEqual(['ROWS', 'FULL']);
  });

  it('enums are enum objects: name(), toString(), ordinal() in declaration order, compareTo(), and results are the same objects', async () => {
    const r = await rt.run('enums', [], 'menu');
    expect(r.errors).toEqual([]);
    expect(r.result).toEqual(['object', 'ROWS', 'COLUMNS', 'ROWS', 1, 0, false, true, true, 'CLIP', '{"d":"ROWS"}', 'FULL', true, 'COMBO', true, 'number']);
  });
});
