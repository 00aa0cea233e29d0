/**
 * The one way the sidebar calls the server: a typed promise over google.script.run. The server
 * module's *type* is imported, so a renamed or retyped server function breaks the type check.
 */
import type * as Server from '../src/gas/main';

type ServerApi = typeof Server;
type Callable = { [K in keyof ServerApi]: ServerApi[K] extends (...a: never[]) => unknown ? K : never }[keyof ServerApi];

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export function call<K extends Callable>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>))
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
