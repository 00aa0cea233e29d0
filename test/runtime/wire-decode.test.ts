/**
 * The wire's decode (wire.ts) walks a parsed text for its tags instead of giving JSON.parse a
 * reviver. Whatever the text, it must make exactly what the reviver made: the same values in the
 * same places, the same holes and removed keys for undefined, "__proto__" kept as a data key, and
 * handles and dates made in the same order (post-order, keys in text order).
 */
import { decode, encode, type Reviving } from '../../local/runtime/wire';

type Made = { kind: 'date' | 'handle'; at: unknown };

/** The reviver decode used before: the reference the walk is held to. */
function viaReviver(text: string, r: Reviving): unknown {
  return r.parse(text, (_k, v) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const t = v as Record<string, unknown>;
      if (typeof t.$d === 'number') return r.date(t.$d);
      if (typeof t.$h === 'number' && typeof t.$c === 'string') return r.handle(t.$h, t.$c, t.$a as Record<string, unknown> | undefined);
      if (t.$u === 1) return undefined;
      if (typeof t.$n === 'string') return Number(t.$n);
    }
    return v;
  });
}

function reviving(made: Made[]): Reviving {
  return {
    parse: JSON.parse,
    date: (ms) => (made.push({ kind: 'date', at: ms }), new Date(ms)),
    handle: (id, cls, answers) => (made.push({ kind: 'handle', at: [id, cls] }), { handle: id, cls, answers }),
  };
}

/** Equal, holes and own keys included (toEqual alone treats a hole as undefined). */
function shape(v: unknown): unknown {
  if (v instanceof Date) return { date: v.getTime() };
  if (Array.isArray(v)) return { length: v.length, holes: v.map((_, i) => i).filter((i) => !(i in v)), items: [...v.keys()].map((i) => (i in v ? shape(v[i]) : 'hole')) };
  if (v !== null && typeof v === 'object') {
    return { proto: Object.getPrototypeOf(v) === Object.prototype, keys: Object.keys(v), values: Object.keys(v).map((k) => shape((v as Record<string, unknown>)[k])) };
  }
  return v;
}

const texts: Record<string, string> = {
  'a response with answers, a blob handle among them': encode(
    [{ $h: 4, $c: 'UrlFetchApp.HTTPResponse', $a: { getResponseCode: 200, getContentText: '{"$h":1}', getBlob: { $h: 5, $c: 'Blob' } } }],
    () => undefined,
  ),
  'dates, big numbers and undefined in objects and lists': JSON.stringify({ a: { $d: 0 }, b: [1, { $u: 1 }, 3], c: { $u: 1 }, d: { $n: 'NaN' }, e: [{ $n: '-Infinity' }, { $d: -1 }] }),
  'a "__proto__" key beside a tag': '{"__proto__":{"$d":5},"x":{"$h":2,"$c":"Sheet"}}',
  'nested handles, inner first': '{"$h":1,"$c":"Outer","$a":{"inner":{"$h":2,"$c":"Inner","$a":{"deep":{"$h":3,"$c":"Deep"}}}}}',
  'a tag at the top': '{"$d":1700000000000}',
  'undefined at the top': '{"$u":1}',
  'a list of undefined only': '[{"$u":1},{"$u":1}]',
  'a tag-like key that is not a tag': '{"$h":"1","$c":"x","$d":"2","$n":3}',
  'no tag but a "$" in text': '["$h", {"a$":1}]',
};

describe("the wire's decode", () => {
  it.each(Object.entries(texts))('makes what the reviver made: %s', (_name, text) => {
    const walked: Made[] = [];
    const revived: Made[] = [];
    const a = decode(text, reviving(walked));
    const b = text === '{"$u":1}' ? undefined : viaReviver(text, reviving(revived));
    expect(shape(a)).toEqual(shape(b));
    expect(walked).toEqual(revived);
  });

  it('keeps "__proto__" an own data key, never the object\'s prototype', () => {
    const v = decode('{"__proto__":{"$d":5}}', reviving([])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual(new Date(5));
  });
});
