/**
 * HtmlService: outputs for sidebars and dialogs, bundle files, and templates as far as they
 * can be evaluated without running script code on the host (see html/template.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHtmlService } from '../../local/runtime/services/html';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'html-bundle-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return createHtmlService(fakeEnv(), createWorld(), dir);
}

describe('HtmlOutput', () => {
  it('builds content, title and size for the Ui', () => {
    const out = setup().createHtmlOutput('<p>Hi</p>').setTitle('주문').setWidth(300).setHeight(200);
    out.append('<b>x</b>').appendUntrusted('<script>alert(1)</script>');
    expect(out.getContent()).toBe('<p>Hi</p><b>x</b>&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out._html()).toEqual({ title: '주문', content: out.getContent(), width: 300, height: 200 });
  });

  it('starts empty, untitled and unsized', () => {
    const out = setup().createHtmlOutput();
    expect(out._html()).toEqual({ title: '', content: '', width: 0, height: 0 });
    expect(out.setContent('a').clear().getContent()).toBe('');
  });

  it('records modes, favicon and the allowed meta tags', () => {
    const html = setup();
    const out = html
      .createHtmlOutput('x')
      .setSandboxMode('IFRAME' as unknown as GoogleAppsScript.HTML.SandboxMode)
      .setXFrameOptionsMode('ALLOWALL' as unknown as GoogleAppsScript.HTML.XFrameOptionsMode)
      .setFaviconUrl('https://example.com/f.png')
      .addMetaTag('viewport', 'width=device-width');
    expect(out._settings()).toEqual({
      sandboxMode: 'IFRAME',
      xFrameOptionsMode: 'ALLOWALL',
      faviconUrl: 'https://example.com/f.png',
      metaTags: [{ name: 'viewport', content: 'width=device-width' }],
    });
    expect(out.getMetaTags().map((m) => [m.getName(), m.getContent()])).toEqual([['viewport', 'width=device-width']]);
    expect(() => out.addMetaTag('description', 'x')).toThrow('Invalid argument: name');
    expect(() => out.setSandboxMode('SAFE' as unknown as GoogleAppsScript.HTML.SandboxMode)).toThrow(/don't match the method signature/);
    expect(html.constants).toEqual({
      SandboxMode: { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' },
      XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    });
  });

  it('gives its content as a text/html blob', () => {
    const blob = setup().createHtmlOutput('<p>한</p>').getBlob();
    expect(blob.getContentType()).toBe('text/html');
    expect(blob.getDataAsString()).toBe('<p>한</p>');
  });

  it('is all local work', () => {
    const html = setup();
    expect(html.localMethods.has('createHtmlOutputFromFile')).toBe(true);
    expect(html.createHtmlOutput('x').localMethods.has('setTitle')).toBe(true);
  });
});

describe('Bundle files', () => {
  it('reads Name.html from the bundle, with or without the extension', () => {
    const html = setup({ 'Sidebar.html': '<div>sidebar</div>' });
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<div>sidebar</div>');
    expect(html.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<div>sidebar</div>');
  });

  it("throws Apps Script's message for a missing file", () => {
    expect(() => setup().createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  it('does not evaluate scriptlets in a plain output', () => {
    const html = setup({ 'Raw.html': '<?= x ?>' });
    expect(html.createHtmlOutputFromFile('Raw').getContent()).toBe('<?= x ?>');
  });
});

describe('HtmlTemplate', () => {
  it('prints assigned variables, escaped with <?= and raw with <?!=', () => {
    const t = setup().createTemplate('<h1><?= title ?></h1><div><?!= html; ?></div>');
    t._assign({ title: '<주문 & 배송>', html: '<b>ok</b>' });
    const out = t.evaluate();
    expect(out.getContent()).toBe('<h1>&lt;주문 &amp; 배송&gt;</h1><div><b>ok</b></div>');
    expect(out.gasName).toBe('HtmlService.HtmlOutput');
  });

  it('reads property paths, literals and JSON.stringify', () => {
    const t = setup().createTemplate("<?= order.items[0].name ?>|<?= order['id'] ?>|<?= 'lit' ?>|<?= 7 ?>|<?!= JSON.stringify(order.items) ?>");
    t._assign({ order: { id: 'A-1', items: [{ name: '양말' }] } });
    expect(t.evaluate().getContent()).toBe('양말|A-1|lit|7|[{"name":"양말"}]');
  });

  it("inlines include('File') from the bundle, the usual helper", () => {
    const html = setup({ 'Page.html': '<style><?!= include("Css") ?></style><?= who ?>', 'Css.html': 'p{color:red}' });
    const t = html.createTemplateFromFile('Page');
    t._assign({ who: 'me' });
    expect(t.evaluate().getContent()).toBe('<style>p{color:red}</style>me');
  });

  it('throws ReferenceError for a variable never assigned, as live', () => {
    const t = setup().createTemplate('<?= missing ?>');
    expect(() => t.evaluate()).toThrow('missing is not defined');
  });

  it('refuses code scriptlets rather than render them differently', () => {
    const t = setup().createTemplate('<? for (var i = 0; i < 3; i++) { ?>x<? } ?>');
    expect(() => t.evaluate()).toThrow(/cannot run this scriptlet: <\? for/);
  });

  it('keeps the raw text, and evaluates afresh each time', () => {
    const html = setup();
    const t = html.createTemplate('<?= n ?>');
    expect(t.getRawContent()).toBe('<?= n ?>');
    t._assign({ n: 1 });
    const first = t.evaluate();
    t._assign({ n: 2 });
    expect(first.getContent()).toBe('1');
    expect(t.evaluate().getContent()).toBe('2');
    expect(html.createHtmlOutput('<?= n ?>').asTemplate().getRawContent()).toBe('<?= n ?>');
  });
});

describe('what scripts see', () => {
  it('exposes the HtmlService API and no helpers', () => {
    const html = setup();
    expect(exposedMethods(html)).toEqual(['createHtmlOutput', 'createHtmlOutputFromFile', 'createTemplate', 'createTemplateFromFile']);
    expect(exposedMethods(html.createTemplate(''))).toEqual(['evaluate', 'getCode', 'getCodeWithComments', 'getRawContent']);
    expect(exposedMethods(html.createHtmlOutput(''))).not.toContain('text');
  });
});
