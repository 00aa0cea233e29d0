/** What the product's zod schemas share (zod/mini spells these as functions, not methods). */
import { once } from './once';
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

/**
 * The schema `make` returns, built the first time anything reads it rather than when the module
 * loads. Apps Script runs the whole bundle's top level at the start of every execution (every
 * minute's trigger), and building the channels' schemas there cost most of that time although a
 * quiet minute parses nothing; so every module-level schema of the product is one of these.
 *
 * It stands in for the schema everywhere: `z.parse(S, v)`, `S.safeParse(v)`, inside `z.array(S)`,
 * `z.optional(S)`, `z.union([S, …])`, `z.looseObject({ a: S })`, zod's `instanceof` checks (they
 * read `_zod.traits`), `z.output<typeof S>`. It is a Proxy whose every read goes to the built
 * schema (so its methods are the built schema's, bound to it); `make` runs once, and a read
 * allocates nothing.
 *
 * A read through the proxy costs more than a plain one (a parse reads `_zod` of every schema it
 * runs): use it for the schemas a module names, and builtOnUseSharing for the small blocks
 * repeated in many fields (`text`, `optText`).
 */
export function builtOnUse<S extends Schema>(make: () => S, recognize?: Recognizer<S>): S {
  if (!recognize) return new Proxy<StandIn>({ [MAKE]: make }, throughToBuilt) as unknown as S;
  return new Proxy<StandIn>({ [MAKE]: make, [RECOGNIZE]: recognize as Recognizer<Schema> }, recognizingFirst) as unknown as S;
}

/**
 * A hand-written reader of a schema's common valid input (a quiet minute's empty list, settings
 * as they were saved): the schema's own output for that input, or undefined for any input it
 * does not know, which the schema then decides. `safeParse` asks it first, so the schema is
 * never built for what it recognizes: a fetch minute on a quiet sheet reads its channels' empty
 * answers without building their schemas (the first schema of an execution pays zod's cold
 * start). Each recognizer is held to the schema's answer by a spec over many inputs.
 */
export type Recognizer<S extends Schema> = (input: unknown) => z.output<S> | undefined;

/**
 * builtOnUse for the schemas of a module that share small blocks (`text`, `optText`…): each
 * schema's `make` is handed the blocks as plain schemas, made once with the first schema built.
 * A builtOnUse in every field's place would make a parse twice as slow (a proxy read per field).
 */
export function builtOnUseSharing<B>(makeBlocks: () => B): <S extends Schema>(make: (blocks: B) => S) => S {
  const blocks = once(makeBlocks);
  return (make) => builtOnUse(() => make(blocks()));
}

const MAKE = Symbol('make');
const BUILT = Symbol('built');
const RECOGNIZE = Symbol('recognize');
const SAFE_PARSE = Symbol('safeParse');
/** The proxy's target: how to build the schema, then the schema (symbol keys: never a schema's). */
type StandIn = { [MAKE]: () => Schema; [BUILT]?: Schema; [RECOGNIZE]?: Recognizer<Schema>; [SAFE_PARSE]?: Schema['safeParse'] };

const built = (t: StandIn): Record<PropertyKey, unknown> & Schema => (t[BUILT] ??= t[MAKE]()) as Record<PropertyKey, unknown> & Schema;

/** One handler for every builtOnUse: its state lives on the target. */
const throughToBuilt: ProxyHandler<StandIn> = {
  get: (t, key) => built(t)[key],
  set: (t, key, value) => Reflect.set(built(t), key, value),
  has: (t, key) => key in built(t),
  getPrototypeOf: (t) => Object.getPrototypeOf(built(t)),
  ownKeys: (t) => Reflect.ownKeys(built(t)),
  getOwnPropertyDescriptor: (t, key) => {
    const d = Reflect.getOwnPropertyDescriptor(built(t), key);
    // A proxy may report a property non-configurable (zod's `_zod` is) only if its target has it
    // so too: mirror it onto the target, once.
    if (d && !d.configurable && !Object.prototype.hasOwnProperty.call(t, key)) Object.defineProperty(t, key, d);
    return d;
  },
};

/** throughToBuilt, but `safeParse` asks the recognizer first (zod's own parsing never reads `safeParse`). */
const recognizingFirst: ProxyHandler<StandIn> = {
  ...throughToBuilt,
  get: (t, key) => (key === 'safeParse' ? (t[SAFE_PARSE] ??= recognizedThenBuilt(t)) : built(t)[key]),
};

function recognizedThenBuilt(t: StandIn): Schema['safeParse'] {
  const recognize = t[RECOGNIZE]!;
  return ((input: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>) => {
    const known = recognize(input);
    return known !== undefined ? { success: true, data: known } : built(t).safeParse(input, params);
  }) as Schema['safeParse'];
}
