// Builds what Apps Script runs (build/) and the Node-side tools (out/).
//
// build/Code.js   src/gas/main.ts as one IIFE assigned to a global, followed by one real top-level
//                 function per export, so triggers, menus and google.script.run find them
//                 (apps-script-platform §5.1, pattern 1). Names ending in "_" stay private.
// build/Sidebar.html  sidebar/ bundled into a single self-contained page.
// build/appsscript.json  the manifest, copied.
// out/*.js        the local runtime's thread, the sandbox (and its local preview's page scripts), the
//                 bench, the fakes' CLIs and the marketplace relay (out/relay.js).
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import bcryptForAppsScript from './bcryptjs-for-apps-script.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
const outDir = path.join(root, 'out');
const GLOBAL = 'PartnerMall';

fs.rmSync(buildDir, { recursive: true, force: true });
fs.mkdirSync(buildDir, { recursive: true });
fs.mkdirSync(outDir, { recursive: true });

/**
 * zod re-exports every locale (about 380 KiB) through its namespace; Apps Script parses the whole
 * bundle on every execution, and the sheet's messages are our own, so only English is kept.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(root, 'node_modules/zod/v4/locales/en.js'))};`,
      resolveDir: root,
    }));
  },
};

async function buildCode() {
  const result = await build({
    plugins: [zodEnglishOnly, bcryptForAppsScript],
    entryPoints: [path.join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    // V8 in Apps Script rejects class fields and private members: lower them (§5).
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  let code = result.outputFiles[0].text.replace(/^var /, 'var ');
  // Load the bundle with no services at all: it must not touch one at top level (an add-on's
  // global code runs in AuthMode.NONE, §3.3), and this is how we learn its exports.
  const sandbox = {};
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox, { filename: 'Code.js' });
  const api = sandbox[GLOBAL];
  const names = Object.keys(api).filter((n) => typeof api[n] === 'function' && !n.endsWith('_')).sort();
  if (names.length === 0) throw new Error('src/gas/main.ts exports no entry points');
  const footer = names
    .map((n) => `/** Entry point: see src/gas/main.ts. */\nfunction ${n}() {\n  return ${GLOBAL}.${n}.apply(this, arguments);\n}`)
    .join('\n');
  code = `${code}\n${footer}\n`;
  fs.writeFileSync(path.join(buildDir, 'Code.js'), code);
  return names;
}

async function buildSidebar() {
  const entry = path.join(root, 'sidebar/main.ts');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    charset: 'utf8',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  const js = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = fs.readFileSync(path.join(root, 'sidebar/style.css'), 'utf8');
  const page = fs
    .readFileSync(path.join(root, 'sidebar/index.html'), 'utf8')
    .replace('/*__STYLE__*/', () => css)
    .replace('/*__SCRIPT__*/', () => js);
  fs.writeFileSync(path.join(buildDir, 'Sidebar.html'), page);
}

async function buildLocal() {
  const entries = {
    'execution-worker': 'local/runtime/execution-worker.ts',
    sandbox: 'local/sandbox/cli.ts',
    bench: 'local/bench/cli.ts',
    'fake-cafe24': 'local/fakes/cafe24/cli-main.ts',
    relay: 'relay/main.ts',
  };
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, f]) => [k, path.join(root, f)])),
    bundle: true,
    outdir: outDir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** The local preview's page scripts (browser code, Node serves them from out/). */
async function buildPreviewPage() {
  await build({
    entryPoints: { 'preview-page': path.join(root, 'local/preview/browser/page.ts'), 'preview-shim': path.join(root, 'local/preview/browser/shim.ts') },
    bundle: true,
    outdir: outDir,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    logLevel: 'warning',
  });
}

const names = await buildCode();
await buildSidebar();
fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(buildDir, 'appsscript.json'));
await buildLocal();
await buildPreviewPage();
const size = fs.statSync(path.join(buildDir, 'Code.js')).size;
console.log(`build/Code.js ${(size / 1024).toFixed(1)} KiB, entry points: ${names.join(', ')}`);
