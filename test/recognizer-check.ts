/**
 * Holding a hand-written recognizer (src/core/zod-helpers.ts `Recognizer`) to its schema: over the
 * common inputs and many damaged ones made from them, `S.safeParse` (the recognizer first) answers
 * exactly as `z.safeParse(S, v)` (the schema alone, which never reads `S.safeParse`): the same
 * success, the same output in the same key order, the same issues.
 */
import * as z from '../src/core/zod';
import type { Schema } from '../src/core/zod-helpers';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ODD: Json[] = [null, true, 0, 1, -1, 1.5, 2 ** 60, '', ' ', 'x', '0', [], [1], [{}], {}, { a: 1 }];

/** `v` and, for every value inside it, `v` with that value removed, replaced by each odd value, or beside an unknown key. */
export function damaged(v: Json): Json[] {
  const out: Json[] = [v, ...ODD];
  if (Array.isArray(v)) {
    v.forEach((item, i) => damaged(item).forEach((d) => out.push(v.map((x, j) => (j === i ? d : x)))));
    out.push([...v, ...ODD]);
  } else if (v !== null && typeof v === 'object') {
    for (const key of Object.keys(v)) {
      const { [key]: _gone, ...rest } = v;
      out.push(rest);
      for (const d of damaged(v[key]!)) out.push({ ...v, [key]: d });
    }
    for (const odd of ODD) out.push({ ...v, unknownField: odd });
  }
  return out;
}

/** Each input as JSON.parse makes it (a `__proto__` key, too, becomes an own key). */
export function inputs(common: readonly Json[], extraTexts: readonly string[] = []): unknown[] {
  const texts = new Set([...common.flatMap(damaged).map((v) => JSON.stringify(v)), ...extraTexts]);
  for (const c of common) texts.add(JSON.stringify(c).replace(/^\{/, '{"__proto__":{"orders":[]},'));
  return [...texts].map((t) => JSON.parse(t) as unknown);
}

export function holdsToSchema(schema: Schema, all: readonly unknown[]): { recognized: number; refused: number } {
  let recognized = 0;
  let refused = 0;
  for (const input of all) {
    const fast = schema.safeParse(input);
    const alone = z.safeParse(schema, input);
    expect({ input, success: fast.success }).toEqual({ input, success: alone.success });
    if (alone.success) {
      expect(fast.data).toStrictEqual(alone.data);
      // In the same key order too: what is read may be written back as JSON.
      expect(JSON.stringify(fast.data)).toBe(JSON.stringify(alone.data));
    }
    else expect(fast.error?.issues).toEqual(alone.error.issues);
    if (alone.success) recognized++;
    else refused++;
  }
  return { recognized, refused };
}
