/**
 * HtmlService: HTML pages for sidebars and dialogs. Building output is client-side work in
 * Apps Script, so every method is local. Files are read from the bundle directory
 * (`Sidebar` → `<bundleDir>/Sidebar.html`), as clasp pushes them next to Code.js.
 *
 * Templates: variables are set on the template object in Apps Script (`t.rows = rows`). The
 * script holds a proxy, so the kernel must copy the proxy's own data properties to the host
 * with `_assign(vars)` before `evaluate()` runs; see html/template.ts for what evaluates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionEnv } from '../env';
import { GasException } from '../errors';
import { gasEnum, localMethods, Remote } from '../remote';
import type { World } from '../world';
import { Blob, blobOf } from './blob';
import { escapeHtml, evaluateTemplate, templateCode } from './html/template';
import { signatureError, toJavaInt } from './utilities/args';
import { encodeUtf8 } from './utilities/charset';

const SandboxMode = gasEnum('EMULATED', 'IFRAME', 'NATIVE');
const XFrameOptionsMode = gasEnum('ALLOWALL', 'DEFAULT');

/** What the Ui fake shows. Width and height are 0 when the script did not set them. */
export interface HtmlView {
  title: string;
  content: string;
  width: number;
  height: number;
}

/** The only meta tags HtmlOutput.addMetaTag accepts, per its documentation. */
const ALLOWED_META = new Set(['apple-mobile-web-app-capable', 'mobile-web-app-capable', 'viewport']);

type FileLoader = (name: string) => string;

export class HtmlOutputMetaTag extends Remote implements GoogleAppsScript.HTML.HtmlOutputMetaTag {
  readonly gasName = 'HtmlService.HtmlOutputMetaTag';
  override readonly localMethods = localMethods('getName', 'getContent');
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {
    super();
  }
  getName(): string {
    return this.name;
  }
  getContent(): string {
    return this.content;
  }
}

export class HtmlOutput extends Remote implements GoogleAppsScript.HTML.HtmlOutput {
  readonly gasName = 'HtmlService.HtmlOutput';
  override readonly localMethods = localMethods(
    'addMetaTag', 'append', 'appendUntrusted', 'asTemplate', 'clear', 'getAs', 'getBlob', 'getContent', 'getFaviconUrl',
    'getHeight', 'getMetaTags', 'getTitle', 'getWidth', 'setContent', 'setFaviconUrl', 'setHeight', 'setSandboxMode',
    'setTitle', 'setWidth', 'setXFrameOptionsMode',
  );
  private title = '';
  private width = 0;
  private height = 0;
  private faviconUrl = '';
  private sandboxMode: string = SandboxMode.IFRAME;
  private xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  private readonly metaTags: Array<{ name: string; content: string }> = [];

  constructor(
    private content: string,
    private readonly load: FileLoader,
  ) {
    super();
  }

  addMetaTag(name: string, content: string): HtmlOutput {
    if (typeof name !== 'string' || typeof content !== 'string') throw signatureError('HtmlService.HtmlOutput.addMetaTag', [...arguments]);
    // The documentation restricts the names; the live error text is not in the reference.
    if (!ALLOWED_META.has(name)) throw new GasException('Invalid argument: name');
    this.metaTags.push({ name, content });
    return this;
  }

  append(addedContent: string): HtmlOutput {
    this.content += this.#text('append', addedContent);
    return this;
  }

  /** Appended HTML-escaped, so user data cannot inject markup. */
  appendUntrusted(addedContent: string): HtmlOutput {
    this.content += escapeHtml(this.#text('appendUntrusted', addedContent));
    return this;
  }

  asTemplate(): HtmlTemplate {
    return new HtmlTemplate(this.content, this.load);
  }

  clear(): HtmlOutput {
    this.content = '';
    return this;
  }

  /** Only text/html itself; PDF rendering is not emulated (Blob.getAs says so). */
  getAs(contentType: string): Blob {
    return this.getBlob().getAs(contentType);
  }

  getBlob(): Blob {
    return new Blob(encodeUtf8(this.content), 'text/html', null);
  }

  getContent(): string {
    return this.content;
  }

  getFaviconUrl(): string {
    return this.faviconUrl;
  }

  getHeight(): number {
    return this.height;
  }

  getMetaTags(): HtmlOutputMetaTag[] {
    return this.metaTags.map((m) => new HtmlOutputMetaTag(m.name, m.content));
  }

  getTitle(): string {
    return this.title;
  }

  getWidth(): number {
    return this.width;
  }

  setContent(content: string): HtmlOutput {
    this.content = this.#text('setContent', content);
    return this;
  }

  setFaviconUrl(iconUrl: string): HtmlOutput {
    this.faviconUrl = this.#text('setFaviconUrl', iconUrl);
    return this;
  }

  setHeight(height: number): HtmlOutput {
    this.height = toJavaInt(height);
    return this;
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    if (typeof mode !== 'string' || !Object.hasOwn(SandboxMode, mode)) throw signatureError('HtmlService.HtmlOutput.setSandboxMode', [mode]);
    this.sandboxMode = mode;
    return this;
  }

  setTitle(title: string): HtmlOutput {
    this.title = this.#text('setTitle', title);
    return this;
  }

  setWidth(width: number): HtmlOutput {
    this.width = toJavaInt(width);
    return this;
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    if (typeof mode !== 'string' || !Object.hasOwn(XFrameOptionsMode, mode)) {
      throw signatureError('HtmlService.HtmlOutput.setXFrameOptionsMode', [mode]);
    }
    this.xFrameOptionsMode = mode;
    return this;
  }

  /** Host-only: what the Ui fake renders. */
  _html(): HtmlView {
    return { title: this.title, content: this.content, width: this.width, height: this.height };
  }

  /** Host-only: the modes and meta tags, for a web-app fake. */
  _settings(): { sandboxMode: string; xFrameOptionsMode: string; faviconUrl: string; metaTags: Array<{ name: string; content: string }> } {
    return { sandboxMode: this.sandboxMode, xFrameOptionsMode: this.xFrameOptionsMode, faviconUrl: this.faviconUrl, metaTags: [...this.metaTags] };
  }

  #text(method: string, v: unknown): string {
    if (typeof v !== 'string') throw signatureError(`HtmlService.HtmlOutput.${method}`, [v]);
    return v;
  }
}

export class HtmlTemplate extends Remote implements GoogleAppsScript.HTML.HtmlTemplate {
  readonly gasName = 'HtmlService.HtmlTemplate';
  override readonly localMethods = localMethods('evaluate', 'getCode', 'getCodeWithComments', 'getRawContent');
  /** Host-only: the variables the script assigned on the template object. */
  readonly _vars: Record<string, unknown> = {};
  // Required by the typings' index signature; scripts' properties live in _vars.
  [propName: string]: unknown;

  constructor(
    private readonly raw: string,
    private readonly load: FileLoader,
  ) {
    super();
  }

  evaluate(): HtmlOutput {
    return new HtmlOutput(evaluateTemplate(this.raw, { vars: this._vars, include: this.load }), this.load);
  }

  getCode(): string {
    return templateCode(this.raw);
  }

  getCodeWithComments(): string {
    return templateCode(this.raw);
  }

  getRawContent(): string {
    return this.raw;
  }

  /** Host-only: copies the template object's properties from the script side. */
  _assign(vars: Record<string, unknown>): void {
    Object.assign(this._vars, vars);
  }
}

export class HtmlService extends Remote implements Pick<
  GoogleAppsScript.HTML.HtmlService,
  'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'
> {
  readonly gasName = 'HtmlService';
  override readonly localMethods = localMethods('createHtmlOutput', 'createHtmlOutputFromFile', 'createTemplate', 'createTemplateFromFile');
  override readonly constants = { SandboxMode, XFrameOptionsMode };
  private readonly load: FileLoader;

  constructor(bundleDir: string) {
    super();
    this.load = (name) => readBundleFile(bundleDir, name);
  }

  createHtmlOutput(html?: unknown): HtmlOutput {
    if (arguments.length === 0 || html === undefined) return new HtmlOutput('', this.load);
    return new HtmlOutput(this.#source('createHtmlOutput', html), this.load);
  }

  createHtmlOutputFromFile(filename: string): HtmlOutput {
    if (typeof filename !== 'string') throw signatureError('HtmlService.createHtmlOutputFromFile', [...arguments]);
    return new HtmlOutput(this.load(filename), this.load);
  }

  createTemplate(html: unknown): HtmlTemplate {
    return new HtmlTemplate(this.#source('createTemplate', html), this.load);
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    if (typeof filename !== 'string') throw signatureError('HtmlService.createTemplateFromFile', [...arguments]);
    return new HtmlTemplate(this.load(filename), this.load);
  }

  #source(method: string, html: unknown): string {
    if (typeof html === 'string') return html;
    const blob = blobOf(html);
    if (blob) return blob.getDataAsString();
    throw signatureError(`HtmlService.${method}`, [html]);
  }
}

/** `Name` or `Name.html` in the bundle; Apps Script's message when there is none. */
function readBundleFile(bundleDir: string, name: string): string {
  const base = name.endsWith('.html') ? name.slice(0, -'.html'.length) : name;
  try {
    return readFileSync(join(bundleDir, `${base}.html`), 'utf8');
  } catch {
    throw new GasException(`No HTML file named ${base} was found.`);
  }
}

export function createHtmlService(_env: ExecutionEnv, _world: World, bundleDir: string): HtmlService {
  return new HtmlService(bundleDir);
}
