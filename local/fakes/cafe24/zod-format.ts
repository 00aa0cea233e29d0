/** Turns zod issues into one message per issue, each with the JSON path of the bad value. */
import type { z } from 'zod';

export function jsonPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function formatZodError(title: string, root: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 20).map((i) => `  ${jsonPath(root, i.path)}: ${i.message}`);
  if (error.issues.length > 20) lines.push(`  … and ${error.issues.length - 20} more`);
  return `${title}\n${lines.join('\n')}`;
}

/** Parses or throws `makeError(message)` with every issue and its path. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  title: string,
  root: string,
  makeError: (message: string) => Error,
): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw makeError(formatZodError(title, root, r.error));
  return r.data;
}
