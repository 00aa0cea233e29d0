/**
 * What google.script.run can carry back to the page (apps-script-platform §3.4): primitives,
 * and arrays and plain objects of them. A Date, a function or a service object is illegal; in
 * Apps Script such a call fails, so the preview fails it too, with where the value was, instead
 * of letting JSON quietly turn a Date into a string that would never arrive in production.
 */
export type Carried = { ok: true; value: unknown } | { ok: false; message: string };

export function carry(value: unknown): Carried {
  const problem = illegal(value, 'result', new Set());
  return problem ? { ok: false, message: `google.script.run cannot return ${problem}` } : { ok: true, value: value === undefined ? null : value };
}

function illegal(v: unknown, at: string, seen: Set<object>): string | null {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return null;
  if (v instanceof Date) return `a Date (at ${at}); send an ISO string or epoch ms`;
  if (typeof v === 'function') return `a function (at ${at})`;
  if (typeof v !== 'object') return `a ${typeof v} (at ${at})`;
  if (seen.has(v)) return `a circular reference (at ${at})`;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return `an object of class ${proto?.constructor?.name ?? '?'} (at ${at})`;
  seen.add(v);
  for (const [k, x] of Object.entries(v)) {
    const p = illegal(x, Array.isArray(v) ? `${at}[${k}]` : `${at}.${k}`, seen);
    if (p) return p;
  }
  seen.delete(v);
  return null;
}

/**
 * The message a failure handler gets. The runtime records "Error: text" for a thrown Error and
 * "Exception: text" for a service's; the page shows the first without its class name.
 */
export function failureMessage(errors: readonly string[]): string {
  const first = errors[0] ?? 'The script failed without a message';
  return first.replace(/^Error: /, '');
}
