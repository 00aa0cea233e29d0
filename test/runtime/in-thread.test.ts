/**
 * What the script's thread answers without asking the host (remote.ts: `inThread`, `_answers`):
 * it must answer exactly what the host would, and leave to the host what only the host knows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime } from '../../local/runtime/runtime';
import { Utilities } from '../../local/runtime/services/utilities';
import { PropertiesService } from '../../local/runtime/services/properties';
import { SheetFacade } from '../../local/runtime/services/spreadsheet/facade-sheet';

const T0 = Date.parse('2026-11-23T00:00:00Z');

function runtime(code: string): Runtime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-in-thread-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return new Runtime({ start: T0, bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' } });
}

describe("the script's thread", () => {
  let rt: Runtime;
  afterEach(async () => {
    jest.restoreAllMocks();
    await rt?.close();
  });

  it('computes hashes, encodings, dates and CSV itself, with the host’s code: the same bytes, text and errors, and no message to the host', async () => {
    const asked = ['computeHmacSha256Signature', 'computeDigest', 'base64Encode', 'base64DecodeWebSafe', 'formatDate', 'parseCsv'].map((m) =>
      jest.spyOn(Utilities.prototype as unknown as Record<string, (...a: unknown[]) => unknown>, m),
    );
    rt = runtime(`function main() {
      var wrong = null;
      try { Utilities.computeDigest('SHA_256'); } catch (e) { wrong = e.name + ': ' + e.message; }
      return {
        hmac: Utilities.computeHmacSha256Signature('this is my input', 'my key - use a stronger one'),
        digest: Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, '한글', Utilities.Charset.UTF_8),
        b64: Utilities.base64Encode('hello'),
        back: Utilities.base64DecodeWebSafe('aGVsbG8_'),
        date: Utilities.formatDate(new Date(Date.UTC(2026, 10, 23, 15, 0)), 'Asia/Seoul', "yyyy-MM-dd'T'HH:mm:ssXXX EEE"),
        csv: Utilities.parseCsv('a,"b,c"\\n1,2'),
        isArray: Array.isArray(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, 'x')),
        wrong: wrong,
      };
    }`);
    const r = await rt.run('main');
    expect(r.errors).toEqual([]);
    const host = new Utilities({} as never, {} as never);
    let hostWrong = '';
    try {
      (host.computeDigest as (...a: unknown[]) => unknown)('SHA_256');
    } catch (e) {
      hostWrong = `${(e as Error).name}: ${(e as Error).message}`;
    }
    expect(r.result).toEqual({
      hmac: host.computeHmacSha256Signature('this is my input', 'my key - use a stronger one'),
      digest: host.computeDigest('MD5', '한글', 'UTF_8'),
      b64: 'aGVsbG8=',
      back: host.base64DecodeWebSafe('aGVsbG8_'),
      date: '2026-11-24T00:00:00+09:00 Tue',
      csv: [['a', 'b,c'], ['1', '2']],
      isArray: true,
      wrong: hostWrong,
    });
    expect(hostWrong).toMatch(/^Exception: /);
    // The spies saw only the calls above, made here: the script's thread never asked the host.
    expect(asked.map((s) => s.mock.calls.length)).toEqual([1, 2, 0, 1, 0, 0]);
  });

  it('leaves to the host a call with a service object among its arguments', async () => {
    const base64 = jest.spyOn(Utilities.prototype, 'base64Encode');
    rt = runtime(`function main() {
      try { return Utilities.base64Encode(Utilities.newBlob('x')); } catch (e) { return e.name + ': ' + e.message; }
    }`);
    const r = await rt.run('main');
    expect(String(r.result)).toMatch(/^Exception: /);
    expect(base64).toHaveBeenCalledTimes(1);
  });

  it('holds the stores, caches and locks a service hands out, and the active spreadsheet until the script sets another', async () => {
    const stores = jest.spyOn(PropertiesService.prototype, 'getScriptProperties');
    rt = runtime(`function main() {
      var p = PropertiesService.getScriptProperties();
      p.setProperty('k', 'v');
      var lock = LockService.getScriptLock();
      var got = lock.tryLock(1000);
      CacheService.getScriptCache().put('c', 'd');
      var before = SpreadsheetApp.getActive();
      var b = SpreadsheetApp.create('B');
      SpreadsheetApp.setActiveSpreadsheet(b);
      return [PropertiesService.getScriptProperties().getProperty('k'), got, LockService.getScriptLock().hasLock(),
        CacheService.getScriptCache().get('c'), before === null, SpreadsheetApp.getActive().getId() === b.getId(),
        SpreadsheetApp.getActiveSpreadsheet().getName(), ScriptApp.getScriptId() === ScriptApp.getScriptId()];
    }`);
    const r = await rt.run('main');
    expect(r.errors).toEqual([]);
    expect(r.result).toEqual(['v', true, true, 'd', true, true, 'B', true]);
    // Made once, with the service's handle, however often the script asks for it.
    expect(stores).toHaveBeenCalledTimes(1);
  });

  it("knows a fetched sheet's name and id, and asks the host again once the script renames it through that handle", async () => {
    const names = jest.spyOn(SheetFacade.prototype, 'getName');
    rt = runtime(`function main() {
      var ss = SpreadsheetApp.create('Book');
      ss.insertSheet('주문');
      var listed = ss.getSheets().map(function (s) { return [s.getName(), s.getSheetName(), s.getSheetId()]; });
      var orders = ss.getSheetByName('주문');
      orders.setName('Orders');
      return { listed: listed, renamed: orders.getName(), again: ss.getSheets()[1].getName() };
    }`);
    const r = await rt.run('main');
    expect(r.errors).toEqual([]);
    const listed = (r.result as { listed: [string, string, number][] }).listed;
    expect(listed.map(([n, alias]) => [n, alias])).toEqual([
      ['시트1', '시트1'],
      ['주문', '주문'],
    ]);
    expect(new Set(listed.map(([, , id]) => id)).size).toBe(2);
    expect(r.result).toMatchObject({ renamed: 'Orders', again: 'Orders' });
    // Only the renamed handle's getName reached the host; the listed sheets answered themselves.
    expect(names).toHaveBeenCalledTimes(1);
  });
});
