/**
 * google.script.run for the built sidebar outside Google: each call is POSTed to the preview's
 * /rpc/{name}, which runs it as an execution of the built bundle in the local runtime. Handlers
 * behave as Apps Script's: asynchronous, the failure handler gets an Error, a call without one
 * only logs, withUserObject passes its object as the handlers' second argument.
 */
type Handler = (value: unknown, userObject?: unknown) => void;

interface Runner {
  withSuccessHandler(f: Handler): Runner;
  withFailureHandler(f: Handler): Runner;
  withUserObject(o: unknown): Runner;
  [name: string]: unknown;
}

const BUILDERS = new Set(['withSuccessHandler', 'withFailureHandler', 'withUserObject']);

function runner(success: Handler | null, failure: Handler | null, userObject: unknown): Runner {
  return new Proxy({} as Runner, {
    get(_target, name) {
      if (name === 'withSuccessHandler') return (f: Handler) => runner(f, failure, userObject);
      if (name === 'withFailureHandler') return (f: Handler) => runner(success, f, userObject);
      if (name === 'withUserObject') return (o: unknown) => runner(success, failure, o);
      if (typeof name !== 'string' || BUILDERS.has(name) || name === 'then') return undefined;
      return (...args: unknown[]) => {
        send(name, args).then(
          (value) => success?.(value, userObject),
          (e: Error) => (failure ? failure(e, userObject) : console.error(`google.script.run.${name}: ${e.message}`)),
        );
      };
    },
  });
}

/** Dates and functions cannot be sent to the server (apps-script-platform §3.4). */
function illegalArgument(args: unknown[]): string | null {
  const seen = new Set<unknown>();
  const walk = (v: unknown, at: string): string | null => {
    if (v instanceof Date || typeof v === 'function' || (typeof Node !== 'undefined' && v instanceof Node)) return at;
    if (v && typeof v === 'object') {
      if (seen.has(v)) return at;
      seen.add(v);
      for (const [k, x] of Object.entries(v)) {
        const p = walk(x, `${at}.${k}`);
        if (p) return p;
      }
    }
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const p = walk(args[i], String(i));
    if (p) return p;
  }
  return null;
}

async function send(name: string, args: unknown[]): Promise<unknown> {
  const bad = illegalArgument(args);
  if (bad) throw new Error(`Failed due to illegal value in property: ${bad}`);
  const res = await fetch(`/rpc/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // Undefined array entries become null, as Apps Script sends them.
    body: JSON.stringify({ args }),
  });
  const answer = (await res.json()) as { ok: boolean; value?: unknown; message?: string };
  if (!answer.ok) throw new Error(answer.message ?? 'The server call failed');
  return answer.value ?? null;
}

const host = {
  close: () => undefined,
  setHeight: () => undefined,
  setWidth: () => undefined,
  editor: { focus: () => undefined },
};

(window as unknown as { google: unknown }).google = { script: { run: runner(null, null, undefined), host } };
