/**
 * An esbuild plugin for bundles that run in Apps Script (build.mjs; the spec that runs Naver's
 * signing in the local runtime). bcryptjs (Naver's token signature) is used only synchronously,
 * hashing with the given secret as salt. Two things at its top level would fail in Apps Script,
 * which has neither: the import of Node's `crypto` (used only to make random salts) becomes an
 * empty object, as the package's own "browser" field says; and `nextTick`, which reads
 * `setTimeout` when the module loads, is made to look for it only when an asynchronous call
 * runs. The build fails if the package's source changes shape.
 */
const fs = require('node:fs');
const path = require('node:path');

module.exports = {
  name: 'bcryptjs-for-apps-script',
  setup(b) {
    b.onResolve({ filter: /^crypto$/ }, (args) => (args.importer.includes(`${path.sep}bcryptjs${path.sep}`) ? { path: 'crypto', namespace: 'no-node-crypto' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-node-crypto' }, () => ({ contents: 'export default {};' }));
    b.onLoad({ filter: /[\\/]bcryptjs[\\/]index\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const eager = /var nextTick =\s*typeof setImmediate === "function"[\s\S]*?: setTimeout;/;
      if (!eager.test(source)) throw new Error('bcryptjs changed: its nextTick no longer looks as scripts/bcryptjs-for-apps-script.cjs expects');
      const lazy = 'var nextTick = function (fn) { return (typeof setImmediate === "function" ? setImmediate : setTimeout)(fn); };';
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};
