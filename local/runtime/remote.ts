/**
 * The contract between the local Apps Script runtime's kernel and the service fakes.
 *
 * Every Apps Script service object a script can hold (SpreadsheetApp, a Range, a Lock, an
 * HTTPResponse, a Blob…) is a host-side instance of a class that extends `Remote`. The script
 * runs in another thread and sees a proxy; each method call on the proxy is marshalled to the
 * host, counted as a round trip under `gasName + "." + method`, charged its simulated latency,
 * and run here. Methods named in `localMethods` are pure client-side work in real Apps Script
 * (builders, getters of already-fetched data) and are neither counted nor charged.
 *
 * Public prototype methods are the script-visible API. Names that start with `_` are host-only
 * (for the kernel, the sandbox and tests) and are never exposed to the script.
 */
export abstract class Remote {
  /** The Apps Script name used in round-trip counts, e.g. "SpreadsheetApp.Range". */
  abstract readonly gasName: string;
  /** Methods that are not backend round trips in real Apps Script. */
  readonly localMethods: ReadonlySet<string> = NO_METHODS;
  /**
   * Plain data exposed as properties on the script-side object (enums such as
   * `SpreadsheetApp.Dimension`). Values must be JSON-serialisable.
   */
  readonly constants: Readonly<Record<string, unknown>> = NO_CONSTANTS;
  /**
   * Answers to argument-less `localMethods` that are fixed once the object exists (an HTTP
   * response's code, text and headers; the stores and locks a service hands out). They travel
   * with the object's first handle, and the script's thread answers those calls itself: one
   * message less each, nothing else changes (local methods are neither counted nor charged).
   * Values are JSON data or service objects (those travel as handles, with their own answers).
   * A method that throws in some setting must be left out there: the host then throws it.
   */
  _answers(): Readonly<Record<string, unknown>> | undefined {
    return undefined;
  }
  /**
   * Methods after whose call the object's fixed answers no longer hold (setActiveSpreadsheet
   * changes what getActive answers): the script's thread drops them and asks the host again.
   */
  readonly answersStaleAfter: ReadonlySet<string> = NO_METHODS;
  /**
   * Local methods that are pure functions of their JSON arguments (hashes, encodings): the
   * script's thread runs this same class's code for them, with the same argument checks and
   * errors, instead of asking the host. They must touch neither the execution nor the world.
   */
  readonly inThread: ReadonlySet<string> = NO_METHODS;
  /**
   * Methods the script's thread may serve itself while its execution holds a lease (lease.ts:
   * it runs alone, and nothing else is due before its next message to the host): the thread runs
   * this class's own code on a copy of the object's state (`_leaseState`, rebuilt there by
   * `leasedInstance`), and the host replays each such call, in order and at its simulated time,
   * when that next message arrives, checking that it answers the same. Counts, latency, quotas
   * and the world's state all come from the replay, so nothing is charged or kept differently.
   */
  readonly leased: ReadonlySet<string> = NO_METHODS;
  /** The JSON state the thread's copy is built from; undefined when this object cannot be leased now. */
  _leaseState(): unknown {
    return undefined;
  }
}

const NO_METHODS: ReadonlySet<string> = new Set();
const NO_CONSTANTS: Readonly<Record<string, unknown>> = Object.freeze({});

export function localMethods(...names: string[]): ReadonlySet<string> {
  return new Set(names);
}

/** Builds an Apps Script-style enum: each member's value is its own name. */
export function gasEnum<const K extends string>(...names: K[]): Readonly<Record<K, K>> {
  const e = {} as Record<K, K>;
  for (const n of names) e[n] = n;
  return Object.freeze(e);
}

/**
 * The methods `K` of an Apps Script interface as a host facade serves them: the same
 * parameters, while the result may come later (a Promise, for HTTP) and service objects come
 * back as our facades. Use with `implements` to check parameter lists against the typings.
 */
export type Served<T, K extends keyof T> = {
  [P in K]: T[P] extends (...a: infer A) => unknown ? (...a: A) => unknown : never;
};
