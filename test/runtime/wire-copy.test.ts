/**
 * The wire's round trip without the wire (wire.ts: wireCopy, wireResult): a pure in-thread
 * method's arguments and result are copied directly when they are text, numbers, byte arrays or
 * enum values. What the method and the script get must be exactly what encode and decode make
 * of the same values (JSON has no -0, no holes, no undefined in a list), in the right realm; for
 * anything else the copy declines and the wire decides.
 */
import * as vm from 'node:vm';
import { decode, encode, NOT_WIRED, wireCopy, wireResult } from '../../local/runtime/wire';

const ctx = vm.createContext({});
const inScript = <T>(code: string): T => vm.runInContext(code, ctx) as T;
const ScriptArray = inScript<ArrayConstructor>('Array');
const ScriptJSON = inScript<JSON>('JSON');

/** An enum value as the script's thread makes them: its JSON is its name. */
const UTF_8 = inScript<object>(`Object.freeze({ name: function () { return 'UTF_8'; }, toJSON: function () { return 'UTF_8'; } })`);
const enumNames = new WeakMap<object, string>([[UTF_8, 'UTF_8']]);

/** What the host's method gets through the wire (execution-worker's plainArgs). */
const viaWireToHost = (args: unknown[]) => decode(encode(args, () => undefined), { parse: JSON.parse, date: (ms) => new Date(ms), handle: () => null });
/** What the script gets back through the wire (its decode, with its realm's JSON). */
const viaWireToScript = (v: unknown) => decode(encode(v, () => undefined), { parse: (t, r) => ScriptJSON.parse(t, r as never), date: (ms) => new Date(ms), handle: () => null });

const copied: unknown[][] = [
  ['this is my input', 'my key', UTF_8],
  [inScript('[104, -1, 0, -0, 127, -128, 3.5]'), inScript('[]')],
  [0, -0, NaN, Infinity, -Infinity, 1e21, true, false, null, undefined],
  [[NaN, -Infinity, 1]],
];
const declined: unknown[][] = [
  [inScript('[1, , 3]')],
  [inScript('[1, "2"]')],
  [[[1, 2]]],
  [{ a: 1 }],
  [new Date(0)],
  [inScript('(function () { var a = [1]; a.toJSON = function () { return "x"; }; return a; })()')],
  [() => 1],
  [Symbol('s')],
  [inScript(`Object.freeze({ toJSON: function () { return 'NOT_KNOWN'; } })`)],
];

describe("a pure in-thread method's arguments, copied without the wire", () => {
  it.each(copied.map((a) => [a]))('are what the wire brings the host: %p', (args) => {
    const copy = wireCopy(args, enumNames);
    expect(copy).toBeDefined();
    expect(copy).toEqual(viaWireToHost(args));
    for (const v of copy!) if (Array.isArray(v)) expect(v).toBeInstanceOf(Array);
  });

  it.each(declined.map((a) => [a]))('are left to the wire when they are anything else: %p', (args) => {
    expect(wireCopy(args, enumNames)).toBeUndefined();
  });
});

describe("a pure in-thread method's result, copied without the wire", () => {
  it.each(['abc', '', 0, -0, NaN, -Infinity, 42, true, null, undefined, [-128, 0, -0, 127], [], [NaN, 2.5]].map((v) => [v]))('is what the wire brings the script: %p', (v) => {
    const copy = wireResult(v, ScriptArray);
    expect(copy).not.toBe(NOT_WIRED);
    expect(copy).toEqual(viaWireToScript(v));
    if (Array.isArray(v)) {
      expect(copy).toBeInstanceOf(ScriptArray);
      expect(copy).not.toBe(v);
    }
  });

  it.each([[[['a', 'b']]], [{ a: 1 }], [[1, 'x']], [new Date(0)], [[1, , 2]]])('is left to the wire when it is anything else: %p', (v) => {
    expect(wireResult(v, ScriptArray)).toBe(NOT_WIRED);
  });
});
