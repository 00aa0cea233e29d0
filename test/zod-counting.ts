import * as vm from 'node:vm';

/**
 * A fresh global scope whose Object.defineProperty counts definitions of `_zod`: zod's
 * $constructor installs `_zod` on every schema it builds (node_modules/zod/v4/core/core.js,
 * `init`), so code run in it shows how many schemas it built. Counted, not timed.
 */
export function zodCountingContext(): { context: vm.Context; schemasBuilt: () => number } {
  let built = 0;
  const context = vm.createContext({ countZod: () => built++ });
  vm.runInContext(
    `(() => {
      const define = Object.defineProperty;
      Object.defineProperty = function defineProperty(o, key, descriptor) {
        if (key === '_zod') countZod();
        return define(o, key, descriptor);
      };
    })();`,
    context,
  );
  return { context, schemasBuilt: () => built };
}
