import type * as z from './zod';
import type { Schema } from './zod-helpers';

/**
 * A value the add-on keeps as JSON (a cursor, a partner's keys): what `schema` makes of it, or
 * null when there is none or it is damaged, so the caller starts afresh instead of failing.
 */
export function readStoredJson<S extends Schema>(schema: S, text: string | null | undefined): z.output<S> | null {
  if (!text) return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
