/**
 * builtOnUse: a schema built the first time it is read, standing in for the schema everywhere a
 * product schema goes (the bundle's top level then builds none: test/build-top-level.test.ts).
 */
import * as z from '../../src/core/zod';
import { builtOnUse, builtOnUseSharing } from '../../src/core/zod-helpers';

const makeItem = () => z.looseObject({ id: z.string().check(z.minLength(1)), qty: z.number().check(z.int(), z.nonnegative()), note: z.optional(z.nullable(z.string())) });
const eager = makeItem();

/** Inputs that pass, and inputs that fail in different ways (missing, wrong type, checks, not an object). */
const INPUTS: unknown[] = [
  { id: 'A1', qty: 2 },
  { id: 'A1', qty: 2, note: null, extra: { kept: true } },
  { id: '', qty: 2 },
  { id: 'A1', qty: 2.5 },
  { id: 'A1', qty: -1, note: 3 },
  { qty: '2' },
  null,
  'A1',
];

/** A parse's outcome as data: the value, or the issues as zod finalises them. */
function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (e) {
    if (e instanceof z.core.$ZodError) return { issues: e.issues, message: e.message };
    throw e;
  }
}

function safeOutcome(r: { success: boolean; data?: unknown; error?: { issues: unknown } }): unknown {
  return r.success ? { ok: r.data } : { issues: r.error!.issues };
}

describe('builtOnUse', () => {
  it('runs make only on first use, and once', () => {
    const make = jest.fn(makeItem);
    const lazy = builtOnUse(make);
    const wrapped = z.array(z.optional(lazy));
    expect(make).not.toHaveBeenCalled();
    expect(lazy.safeParse({ id: 'A1', qty: 1 }).success).toBe(true);
    expect(make).toHaveBeenCalledTimes(1);
    wrapped.parse([{ id: 'B', qty: 3 }, undefined]);
    z.parse(lazy, { id: 'C', qty: 0 });
    expect(lazy.safeParse('nope').success).toBe(false);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('is not built by the schemas it is put in: z.array, z.optional, z.nullable, z.union, z.looseObject, z.object, z.pipe', () => {
    const make = jest.fn(makeItem);
    const lazy = builtOnUse(make);
    z.looseObject({ a: lazy, b: z.array(lazy), c: z.optional(z.nullable(lazy)), d: z.union([lazy, z.string()]) });
    z.object({ e: z.pipe(lazy, z.transform((v) => v.id)) });
    expect(make).not.toHaveBeenCalled();
  });

  const lazy = builtOnUse(makeItem);
  const cases: Array<[string, (s: typeof eager) => (v: unknown) => unknown]> = [
    ['z.parse(S, v)', (s) => (v) => outcome(() => z.parse(s, v))],
    ['S.parse(v)', (s) => (v) => outcome(() => s.parse(v))],
    ['S.safeParse(v)', (s) => (v) => safeOutcome(s.safeParse(v))],
    ['z.safeParse(S, v) with reportInput', (s) => (v) => safeOutcome(z.safeParse(s, v, { reportInput: true }))],
    ['z.array(S)', (s) => (v) => safeOutcome(z.array(s).safeParse([v, v]))],
    ['z.optional(S)', (s) => (v) => safeOutcome(z.optional(s).safeParse(v))],
    ['z.union([S, z.string()])', (s) => (v) => safeOutcome(z.union([s, z.string()]).safeParse(v))],
    ['z.looseObject({ a: S })', (s) => (v) => safeOutcome(z.looseObject({ a: s }).safeParse({ a: v, b: 1 }))],
    ['z.pipe(S, z.transform(…))', (s) => (v) => safeOutcome(z.pipe(s, z.transform((x) => x.qty * 2)).safeParse(v))],
    ['S.check(…)', (s) => (v) => safeOutcome(s.check(z.refine((x) => x.qty < 10, 'too many')).safeParse(v))],
  ];
  it.each(cases)('%s gives the value and the issues the eagerly built schema gives', (_, use) => {
    const viaLazy = use(lazy);
    const viaEager = use(eager);
    for (const input of INPUTS) expect(viaLazy(input)).toEqual(viaEager(input));
  });

  it('is its schema to zod: instanceof, prototype, own keys, `in`, `_zod` (a non-configurable property)', () => {
    const s = builtOnUse(makeItem);
    expect(s instanceof z.ZodMiniObject).toBe(true);
    expect(s instanceof z.core.$ZodObject).toBe(true);
    expect(s instanceof z.core.$ZodType).toBe(true);
    expect(s instanceof z.ZodMiniString).toBe(false);
    expect(Object.getPrototypeOf(s)).toBe(Object.getPrototypeOf(eager));
    expect(Reflect.ownKeys(s)).toEqual(expect.arrayContaining(['_zod', 'def', 'type']));
    expect('_zod' in s && 'safeParse' in s).toBe(true);
    // Read twice: the first mirrors the descriptor onto the proxy's target, the second finds it there.
    for (let i = 0; i < 2; i++) {
      const d = Object.getOwnPropertyDescriptor(s, '_zod');
      expect(d).toMatchObject({ configurable: false, enumerable: false });
      expect(d!.value).toBe(s._zod);
    }
    expect(s._zod.def.type).toBe('object');
    // Once `_zod` is mirrored onto the target, listing the keys still keeps the proxy invariants.
    expect(Reflect.ownKeys(s)).toContain('_zod');
    expect(Object.keys(s)).toEqual(Object.keys(makeItem()));
  });

  it('hands out methods bound to the built schema (zod binds a method on first read), so a detached one works', () => {
    const s = builtOnUse(makeItem);
    const { safeParse } = s;
    expect(safeParse({ id: 'A1', qty: 1 }).success).toBe(true);
    expect(s.safeParse).toBe(safeParse);
  });

  it('keeps its type: z.output<typeof S> is the schema output', () => {
    const s = builtOnUse(makeItem);
    const item: z.output<typeof s> = s.parse({ id: 'A1', qty: 1 });
    // @ts-expect-error qty is a number
    const wrong: z.output<typeof s> = { id: 'A1', qty: '1' };
    expect([item.qty, wrong.id]).toEqual([1, 'A1']);
  });
});

describe('builtOnUseSharing', () => {
  it('makes the shared blocks once, with the first schema built, and hands them on as plain schemas', () => {
    const makeBlocks = jest.fn(() => ({ text: z.string() }));
    const lazily = builtOnUseSharing(makeBlocks);
    let seen: unknown;
    const A = lazily(({ text }) => {
      seen = text;
      return z.looseObject({ a: text });
    });
    const B = lazily(({ text }) => z.looseObject({ b: z.array(text) }));
    expect(makeBlocks).not.toHaveBeenCalled();
    expect(A.parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(B.safeParse({ b: [1] }).success).toBe(false);
    expect(makeBlocks).toHaveBeenCalledTimes(1);
    // A plain schema: no proxy in a field's place (own keys of a proxy come from its schema; a
    // plain schema's prototype chain is zod's own, so compare to a fresh one).
    expect(seen).toBe(makeBlocks.mock.results[0]!.value.text);
    expect(Object.getPrototypeOf(seen)).toBe(Object.getPrototypeOf(z.string()));
  });
});
