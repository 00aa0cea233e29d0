/**
 * What JavaScript Apps Script's V8 runtime offers, as far as the local runtime enforces it.
 *
 * Apps Script's V8 guide documents one gap only: private and static class fields do not parse
 * (reference apps-script-platform §5). Which newer built-ins exist is undocumented, so the
 * runtime takes ES2020, the level the build targets (esbuild `target: 'es2020'`), as the
 * level: the syntax check below refuses syntax newer than ES2020 and the execution context
 * hides built-ins newer than ES2020, so a dependency upgrade that brings them fails here, not in
 * production. `RuntimeOptions.newerBuiltins: 'allow'` (or `GAS_NEWER_BUILTINS=allow`) keeps
 * them, for the day Google documents them.
 */
/** Built-ins of ES2021 and later (and Web APIs Apps Script lacks), as `Global.path.name`. */
export const NEWER_BUILTINS: readonly string[] = [
  // ES2021
  'String.prototype.replaceAll',
  'Promise.any',
  'AggregateError',
  'WeakRef',
  'FinalizationRegistry',
  // ES2022
  'Object.hasOwn',
  'Array.prototype.at',
  'String.prototype.at',
  '%TypedArray%.prototype.at',
  // ES2023
  'Array.prototype.findLast',
  'Array.prototype.findLastIndex',
  'Array.prototype.toReversed',
  'Array.prototype.toSorted',
  'Array.prototype.toSpliced',
  'Array.prototype.with',
  '%TypedArray%.prototype.findLast',
  '%TypedArray%.prototype.findLastIndex',
  '%TypedArray%.prototype.toReversed',
  '%TypedArray%.prototype.toSorted',
  '%TypedArray%.prototype.with',
  // ES2024
  'Object.groupBy',
  'Map.groupBy',
  'Promise.withResolvers',
  'String.prototype.isWellFormed',
  'String.prototype.toWellFormed',
  'Atomics.waitAsync',
  // ES2025 and later
  'Set.prototype.union',
  'Set.prototype.intersection',
  'Set.prototype.difference',
  'Set.prototype.symmetricDifference',
  'Set.prototype.isSubsetOf',
  'Set.prototype.isSupersetOf',
  'Set.prototype.isDisjointFrom',
  'Iterator',
  'Promise.try',
  'RegExp.escape',
  'Array.fromAsync',
  'Math.sumPrecise',
  'Error.isError',
  // Web APIs, not in Apps Script (Node's vm contexts lack most; listed so they stay out)
  'structuredClone',
  'queueMicrotask',
];

export type NewerBuiltins = 'hide' | 'allow';

/** The switch's default: `GAS_NEWER_BUILTINS=allow` keeps them. */
export function defaultNewerBuiltins(): NewerBuiltins {
  const v = typeof process === 'undefined' ? undefined : process.env.GAS_NEWER_BUILTINS;
  if (v === undefined || v === '' || v === 'hide') return 'hide';
  if (v === 'allow') return 'allow';
  throw new Error(`GAS_NEWER_BUILTINS: expected "hide" or "allow", got ${v}`);
}

/**
 * Source run inside a fresh context (before the bundle) that deletes each of NEWER_BUILTINS.
 * `%TypedArray%` is the prototype every typed array constructor inherits from.
 */
export function hideNewerBuiltinsSource(): string {
  return `(function (paths) {
    var TA = Object.getPrototypeOf(Int8Array);
    for (var i = 0; i < paths.length; i++) {
      var parts = paths[i].split('.');
      var owner = parts[0] === '%TypedArray%' ? TA : globalThis;
      var start = parts[0] === '%TypedArray%' ? 1 : 0;
      for (var j = start; j < parts.length - 1 && owner; j++) owner = owner[parts[j]];
      if (owner) delete owner[parts[parts.length - 1]];
    }
  })(${JSON.stringify(NEWER_BUILTINS)});`;
}
