/**
 * Apps Script's surface as @types/google-apps-script declares it, for the services the runtime
 * fakes: each interface's methods (with inherited ones) and the return type each names, and
 * each enum's members in declaration order (their `ordinal()`). The kernel uses it to give a
 * script every documented method (the ones not emulated throw `Not available in the local
 * runtime: Range.merge`) and to hand enum results back as enum objects. Host-side only: parsed
 * with the TypeScript compiler (about 1 s with loading it) once per typings version, then read
 * from out/gas-typings.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { paths } from '../paths';

/** The typings files of the services the runtime fakes (GmailApp is not faked: MailApp is). */
export const FAKED_TYPINGS = ['base', 'spreadsheet', 'charts', 'properties', 'cache', 'lock', 'url-fetch', 'script', 'utilities', 'html', 'mail', 'drive'];

/** A service root's global name → its typings namespace. */
const NAMESPACE: Readonly<Record<string, string>> = {
  SpreadsheetApp: 'Spreadsheet',
  Charts: 'Charts',
  PropertiesService: 'Properties',
  CacheService: 'Cache',
  LockService: 'Lock',
  UrlFetchApp: 'URL_Fetch',
  ScriptApp: 'Script',
  Utilities: 'Utilities',
  HtmlService: 'HTML',
  MailApp: 'Mail',
  DriveApp: 'Drive',
  Session: 'Base',
  Blob: 'Base',
  Ui: 'Base',
  Menu: 'Base',
};

export interface TypingsInterface {
  /** Method name → the type it returns, qualified when it is one of the typings' own. */
  methods: Map<string, string>;
  /** Property name → qualified enum name, for `Dimension: typeof Dimension`. */
  enumProperties: Map<string, string>;
  extends: string[];
}

export interface GasTypings {
  interfaces: Map<string, TypingsInterface>;
  /** Qualified enum name → members in declaration order. */
  enums: Map<string, string[]>;
}

let parsed: GasTypings | undefined;

export function gasTypings(): GasTypings {
  if (parsed) return parsed;
  const dir = path.dirname(require.resolve('@types/google-apps-script/package.json'));
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const key = `${version} ${FAKED_TYPINGS.join(',')}`;
  const cacheFile = path.join(paths.out, 'gas-typings.json');
  try {
    const c = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { key: string; interfaces: [string, { methods: [string, string][]; enumProperties: [string, string][]; extends: string[] }][]; enums: [string, string[]][] };
    if (c.key === key) {
      parsed = {
        interfaces: new Map(c.interfaces.map(([k, i]) => [k, { methods: new Map(i.methods), enumProperties: new Map(i.enumProperties), extends: i.extends }])),
        enums: new Map(c.enums),
      };
      return parsed;
    }
  } catch {
    // No cache yet: parse below.
  }
  parsed = parseTypings(dir);
  try {
    const interfaces = [...parsed.interfaces].map(([k, i]) => [k, { methods: [...i.methods], enumProperties: [...i.enumProperties], extends: i.extends }]);
    fs.mkdirSync(paths.out, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify({ key, interfaces, enums: [...parsed.enums] }));
    fs.renameSync(tmp, cacheFile);
  } catch {
    // A read-only checkout parses every time.
  }
  return parsed;
}

function parseTypings(dir: string): GasTypings {
  // Loaded only when the cache misses: requiring the compiler alone takes over half a second.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TS;
  const interfaces = new Map<string, TypingsInterface>();
  const enums = new Map<string, string[]>();
  const raw: { ns: string; name: string; node: TS.InterfaceDeclaration; sf: TS.SourceFile }[] = [];
  for (const f of FAKED_TYPINGS) {
    const file = path.join(dir, `google-apps-script.${f}.d.ts`);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
    const walk = (node: TS.Node, ns: string[]): void => {
      if (ts.isModuleDeclaration(node)) {
        const inner = [...ns, node.name.getText(sf)];
        if (node.body) ts.forEachChild(node.body, (c) => walk(c, inner));
        return;
      }
      const nsName = ns.slice(1).join('.');
      if (ts.isEnumDeclaration(node)) enums.set(`${nsName}.${node.name.text}`, node.members.map((m) => m.name.getText(sf)));
      else if (ts.isInterfaceDeclaration(node)) raw.push({ ns: nsName, name: node.name.text, node, sf });
      else ts.forEachChild(node, (c) => walk(c, ns));
    };
    walk(sf, []);
  }
  const qualify = (ns: string, text: string): string => {
    const bare = text.replace(/\[\]/g, '').replace(/^typeof /, '').trim();
    if (bare.includes('.')) return bare.replace(/^GoogleAppsScript\./, '');
    return `${ns}.${bare}`;
  };
  for (const { ns, name, node, sf } of raw) {
    const key = `${ns}.${name}`;
    const entry: TypingsInterface = interfaces.get(key) ?? { methods: new Map(), enumProperties: new Map(), extends: [] };
    for (const h of node.heritageClauses ?? []) for (const t of h.types) entry.extends.push(qualify(ns, t.expression.getText(sf)));
    for (const m of node.members) {
      if (ts.isMethodSignature(m) && m.name) {
        const ret = m.type ? m.type.getText(sf) : 'void';
        const q = qualify(ns, ret);
        entry.methods.set(m.name.getText(sf), q);
      } else if (ts.isPropertySignature(m) && m.type && m.type.getText(sf).startsWith('typeof ')) {
        entry.enumProperties.set(m.name.getText(sf), qualify(ns, m.type.getText(sf)));
      }
    }
    interfaces.set(key, entry);
  }
  return { interfaces, enums };
}

/** `SpreadsheetApp.Range` → `Spreadsheet.Range`; `SpreadsheetApp` → `Spreadsheet.SpreadsheetApp`. */
export function typingsName(gasName: string): string | undefined {
  const [root = '', cls] = gasName.split('.');
  const ns = NAMESPACE[root];
  if (!ns) return undefined;
  const t = gasTypings();
  for (const candidate of [`${ns}.${cls ?? root}`, `Base.${cls ?? root}`]) if (t.interfaces.has(candidate)) return candidate;
  return undefined;
}

/** Every method of an interface, inherited ones included. */
export function interfaceMethods(qualified: string): Map<string, string> {
  const t = gasTypings();
  const out = new Map<string, string>();
  const add = (q: string): void => {
    const i = t.interfaces.get(q);
    if (!i) return;
    for (const e of i.extends) add(e);
    for (const [m, r] of i.methods) out.set(m, r);
  };
  add(qualified);
  return out;
}

/** What the kernel tells a script thread about a class beyond the methods it serves. */
export interface SurfaceInfo {
  /** Documented methods the fake does not emulate. */
  unavailable: string[];
  /** Method → qualified enum name of what it returns (alone or in arrays). */
  enumReturns: Record<string, string>;
  /** Constant name → qualified enum name. */
  enumConstants: Record<string, string>;
}

export function surfaceInfo(gasName: string, served: readonly string[]): SurfaceInfo {
  const q = typingsName(gasName);
  if (!q) return { unavailable: [], enumReturns: {}, enumConstants: {} };
  const t = gasTypings();
  const methods = interfaceMethods(q);
  const have = new Set(served);
  const unavailable = [...methods.keys()].filter((m) => !have.has(m)).sort();
  const enumReturns: Record<string, string> = {};
  for (const [m, r] of methods) if (t.enums.has(r)) enumReturns[m] = r;
  const enumConstants: Record<string, string> = {};
  for (const [p, e] of t.interfaces.get(q)?.enumProperties ?? []) if (t.enums.has(e)) enumConstants[p] = e;
  return { unavailable, enumReturns, enumConstants };
}
