/**
 * The small tests hand-written recognizers (zod-helpers.ts `Recognizer`) are made of: each says
 * yes only where the schema's check surely says the same, so anything else is left to the schema.
 * Inputs are what JSON.parse makes (or plain strings the product assembled).
 */

/** What zod's z.object sees as an object, without an own `__proto__` key (zod's copy of one would set the copy's prototype: left to zod). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.prototype.hasOwnProperty.call(v, '__proto__');

/** An empty array: a list with no element for its element schema to check. */
export const isEmptyList = (v: unknown): v is [] => Array.isArray(v) && v.length === 0;

/** z.optional(z.string()) of a field read from JSON (absent or a string). */
export const isOptString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

/** z.nullish(z.string()). */
export const isNullishString = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';

/** z.number().check(z.int()): zod's int is a safe integer. */
export const isSafeInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * `v` as zod's object schema writes it out: the shape's keys first, in the shape's order (those
 * present), then the unknown ones a loose object passes, in their own order. What is read may be
 * written back as JSON, so the order is the schema's.
 */
export function inShapeOrder<T>(v: Record<string, unknown>, shape: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of shape) if (Object.prototype.hasOwnProperty.call(v, key)) out[key] = v[key];
  for (const key of Object.keys(v)) if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = v[key];
  return out as T;
}

/** z.number(): finite (zod refuses NaN and ±Infinity). */
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** z.record(z.string(), z.number()) of a JSON object: a copy, its keys in their order. */
export const numberRecord = (v: unknown): Record<string, number> | undefined =>
  isRecord(v) && Object.values(v).every(isNumber) ? ({ ...v } as Record<string, number>) : undefined;
