/**
 * The pure methods the script's thread runs itself (Remote.inThread): the host's own classes,
 * one instance each, built with an execution and a world that throw when touched, so a method
 * listed by mistake fails loudly instead of reading another execution's state.
 */
import type { ExecutionEnv } from './env';
import { Utilities } from './services/utilities';
import type { World } from './world';

type Method = (...args: unknown[]) => unknown;

function untouchable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_t, key) {
      throw new Error(`an in-thread method read ${String(key)} of the ${what}`);
    },
  });
}

const instances: ReadonlyMap<string, object> = new Map([['Utilities', new Utilities(untouchable<ExecutionEnv>('execution'), untouchable<World>('world'))]]);

/** The class's own code for `method`, bound to its instance; undefined when the host must serve it. */
export function inThreadMethod(cls: string, method: string): Method | undefined {
  const o = instances.get(cls) as { inThread?: ReadonlySet<string> } & Record<string, unknown> | undefined;
  if (!o?.inThread?.has(method) || typeof o[method] !== 'function') return undefined;
  return (o[method] as Method).bind(o);
}
