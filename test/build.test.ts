import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { BUNDLE_BUDGET_KIB } from '../local/bench/case-load';
import { paths } from '../local/paths';
import { Runtime } from '../local/runtime/runtime';

/** `npm test` builds first; these read what `npm run build` wrote into build/. */
const code = fs.readFileSync(path.join(paths.build, 'Code.js'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(paths.build, 'appsscript.json'), 'utf8'));

/** Every function Apps Script calls by name: simple triggers, menu items, the sync trigger, the sidebar's calls. */
const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'onEdit',
  'openSidebar',
  'setupWorkbook',
  'installSync',
  'removeSync',
  'onSyncTick',
  'syncNow',
  'getSidebarState',
  'previewNextRun',
  'scanToShip',
  'openPickingLists',
  'saveCafe24App',
  'connectPartner',
  'cafe24AuthCallback',
];

describe('build/Code.js', () => {
  it('defines every entry point as a top-level function when loaded into an empty global scope', () => {
    const ctx = vm.createContext({});
    vm.runInContext(code, ctx, { filename: 'Code.js' });
    for (const name of ENTRY_POINTS) expect(typeof (ctx as Record<string, unknown>)[name]).toBe('function');
  });

  it('calls no Apps Script service at top level (an add-on loads in AuthMode.NONE)', () => {
    // Loading with no services defined would throw a ReferenceError if it did.
    expect(() => vm.runInContext(code, vm.createContext({}))).not.toThrow();
  });

  it('is a plain script: no ES module syntax, no class fields or private members V8 in Apps Script rejects', () => {
    expect(code).not.toMatch(/^\s*(export|import)\s/m);
    expect(code).not.toMatch(/\s#[A-Za-z_]\w*\s*[=;(]/);
    expect(code).not.toMatch(/^\s+static\s+\w+\s*=/m);
  });

  it(`weighs at most ${BUNDLE_BUDGET_KIB} KiB: Apps Script parses all of it at the start of every execution (local/runtime/latency.ts)`, () => {
    const kib = Buffer.byteLength(code, 'utf8') / 1024;
    expect(kib).toBeLessThanOrEqual(BUNDLE_BUDGET_KIB);
  });

  it('is what the local runtime sees too', async () => {
    const rt = new Runtime({ start: Date.UTC(2026, 10, 23), bundleDir: paths.build, manifest });
    try {
      const globals = await rt.globals();
      for (const name of ENTRY_POINTS) expect(globals).toContain(name);
      expect(globals.filter((g) => g.endsWith('_'))).toEqual([]);
    } finally {
      await rt.close();
    }
  });
});

describe('build/appsscript.json', () => {
  it('runs on V8 in Asia/Seoul with Stackdriver logging and explicit scopes', () => {
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Asia/Seoul', exceptionLogging: 'STACKDRIVER' });
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.container.ui',
      ]),
    );
  });

  it('allows fetches only to the channel hosts and our marketplace relay on Cloud Run, each prefix https with a host and a path', () => {
    expect(manifest.urlFetchWhitelist).toEqual(['https://*.cafe24api.com/', 'https://api.commerce.naver.com/', 'https://api-gateway.coupang.com/', 'https://*.run.app/']);
    for (const p of manifest.urlFetchWhitelist as string[]) expect(p).toMatch(/^https:\/\/[^/]+\/.*/);
  });
});

describe('build/Sidebar.html', () => {
  const html = fs.readFileSync(path.join(paths.build, 'Sidebar.html'), 'utf8');
  it('is one self-contained page: its script and style inline, nothing loaded from elsewhere', () => {
    expect(html).toMatch(/<script>[\s\S]+google\.script\.run[\s\S]+<\/script>/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toContain('/*__SCRIPT__*/');
  });
});

describe('.clasp.json', () => {
  it('pushes build/ and nothing else', () => {
    const clasp = JSON.parse(fs.readFileSync(path.join(paths.build, '..', '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('build');
  });
});
