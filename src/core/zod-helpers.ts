/** What the product's zod schemas share (zod/mini spells these as functions, not methods). */
import * as z from './zod';

/** Any schema of ours (what a reader takes). */
export type Schema = z.ZodMiniType;

/**
 * Reports `message` as a custom issue on the value being transformed and returns what makes the
 * transform fail (classic zod's `ctx.addIssue(…); return z.NEVER`).
 */
export function fail(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}

/** `schema` read, then mapped by `to` (classic zod's `schema.transform(to)`). */
export const map = <S extends Schema, O>(schema: S, to: (value: z.output<S>, ctx: z.core.ParsePayload) => O) => z.pipe(schema, z.transform(to));
