import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime, type RuntimeOptions } from '../../local/runtime/runtime';

/**
 * One script in several documents (an Editor add-on installed in two spreadsheets): each
 * execution runs in a document, with that document's properties, cache and lock; script and
 * user stores are shared; a clock trigger belongs to the document it was created in and runs
 * there (apps-script-platform §1.2–1.4, §2.2).
 */
const T0 = Date.parse('2026-11-23T00:00:00Z');
const CODE = `
function remember(v) {
  PropertiesService.getDocumentProperties().setProperty('k', v);
  CacheService.getDocumentCache().put('k', v, 600);
  PropertiesService.getScriptProperties().setProperty('last', v);
}
function recall() {
  return [PropertiesService.getDocumentProperties().getProperty('k'), CacheService.getDocumentCache().get('k'), PropertiesService.getScriptProperties().getProperty('last')];
}
function hold() { LockService.getDocumentLock().waitLock(1000); Utilities.sleep(120000); }
function tryDoc() { return LockService.getDocumentLock().tryLock(0); }
function install() { return ScriptApp.newTrigger('tick').timeBased().everyHours(1).create().getUniqueId(); }
function installTwice() { install(); return install(); }
function mine() { return ScriptApp.getProjectTriggers().map(function (t) { return [t.getUniqueId(), t.getTriggerSourceId()]; }); }
function tick() { PropertiesService.getDocumentProperties().setProperty('ticked', 'yes'); }
function ticked() { return PropertiesService.getDocumentProperties().getProperty('ticked'); }
`;

function runtime(o: Partial<RuntimeOptions> = {}): Runtime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-docs-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), CODE);
  return new Runtime({ start: T0, bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' }, deployment: 'addon', containerId: 'docA', ...o });
}

describe('one add-on in two documents', () => {
  let rt: Runtime;
  afterEach(async () => rt && (await rt.close()));
  const inDoc = (doc: string, fn: string, args: unknown[] = []) => rt.run(fn, args, 'menu', { containerId: doc });

  it('gives each document its own properties and cache; script properties are one store', async () => {
    rt = runtime();
    await inDoc('docA', 'remember', ['a']);
    await inDoc('docB', 'remember', ['b']);
    expect((await inDoc('docA', 'recall')).result).toEqual(['a', 'a', 'b']);
    expect((await inDoc('docB', 'recall')).result).toEqual(['b', 'b', 'b']);
  });

  it('locks per document: one document\'s run does not hold the other\'s lock', async () => {
    rt = runtime();
    rt.startExecution('hold', [], 'menu', rt.user, undefined, 'docA');
    await rt.advanceTo(T0 + 1000);
    expect((await inDoc('docB', 'tryDoc')).result).toBe(true);
    expect((await inDoc('docA', 'tryDoc')).result).toBe(false);
  });

  it('keeps one clock trigger per user per document, lists the user\'s triggers of every document, and fires each in its own document', async () => {
    rt = runtime();
    const a = (await inDoc('docA', 'install')).result as string;
    expect((await inDoc('docA', 'installTwice')).errors).toEqual([expect.stringContaining('only one CLOCK trigger per user per document')]);
    const b = (await inDoc('docB', 'install')).result as string;
    // A clock trigger names no source (the default reading): a script must remember its own.
    expect((await inDoc('docA', 'mine')).result).toEqual([
      [a, null],
      [b, null],
    ]);
    await rt.advanceTo(T0 + 2 * 3_600_000);
    expect((await inDoc('docA', 'ticked')).result).toBe('yes');
    expect((await inDoc('docB', 'ticked')).result).toBe('yes');
  });

  it('answers the document\'s id as a clock trigger\'s source under the other reading (clockTriggerSourceId: "document")', async () => {
    rt = runtime({ clockTriggerSourceId: 'document' });
    const a = (await inDoc('docA', 'install')).result as string;
    const b = (await inDoc('docB', 'install')).result as string;
    expect((await inDoc('docB', 'mine')).result).toEqual([
      [a, 'docA'],
      [b, 'docB'],
    ]);
  });
});
