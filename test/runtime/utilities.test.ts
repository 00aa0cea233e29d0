/**
 * Utilities: encoding, hashing, text helpers and sleep, as Apps Script behaves
 * (shared/reference/fidelity-and-marketplaces.md §1.2 rows 42–57).
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { createUtilities } from '../../local/runtime/services/utilities';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

const hex = (bytes: number[]) => bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');

function setup() {
  const env = fakeEnv();
  const world = createWorld();
  return { env, world, u: createUtilities(env, world) };
}

describe('Utilities as a remote object', () => {
  it('is named Utilities and every method is local computation', () => {
    const { u } = setup();
    expect(u.gasName).toBe('Utilities');
    for (const m of ['base64Encode', 'computeDigest', 'formatDate', 'newBlob', 'sleep', 'zip']) expect(u.localMethods.has(m)).toBe(true);
  });

  it('exposes the enums as name-valued constants', () => {
    const { u } = setup();
    expect(u.constants).toEqual({
      Charset: { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' },
      DigestAlgorithm: { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' },
      MacAlgorithm: { HMAC_MD5: 'HMAC_MD5', HMAC_SHA_1: 'HMAC_SHA_1', HMAC_SHA_256: 'HMAC_SHA_256', HMAC_SHA_384: 'HMAC_SHA_384', HMAC_SHA_512: 'HMAC_SHA_512' },
      RsaAlgorithm: { RSA_SHA_1: 'RSA_SHA_1', RSA_SHA_256: 'RSA_SHA_256' },
    });
  });
});

describe('computeHmacSha256Signature (rows 42–44)', () => {
  const input = 'this is my input';
  const key = 'my key - use a stronger one';
  const expected = '35b5cce7d156eb0efec705f31869feac7f73d8b5a3e5eb22c98bdc99d174c9c3';

  it('gives the same 32 signed bytes for strings, bytes, UTF-8 and US-ASCII', () => {
    const { u } = setup();
    const bytes = (s: string) => u.newBlob(s).getBytes();
    const results = [
      u.computeHmacSha256Signature(input, key),
      u.computeHmacSha256Signature(bytes(input), bytes(key)),
      u.computeHmacSha256Signature(input, key, 'UTF_8'),
      u.computeHmacSha256Signature(input, key, 'US_ASCII'),
    ];
    for (const r of results) {
      expect(r).toHaveLength(32);
      expect(hex(r)).toBe(expected);
      expect(r.every((b) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true);
    }
    expect(results[0]!.slice(0, 4)).toEqual([53, -75, -52, -25]);
  });

  it('encodes non-ASCII text as UTF-8 when asked', () => {
    const { u } = setup();
    expect(hex(u.computeHmacSha256Signature('café', '€🙂', 'UTF_8'))).toBe('4cf02363806aeaef9aed0461b5406b4f6313cafa5a3679d9820d02d8ac6dfe73');
  });

  it('defaults strings to US-ASCII: every non-ASCII code point, emoji included, becomes one "?"', () => {
    const { u } = setup();
    const ascii = '83498180d5d963f627cf801b088b0488e69110728d01ffbce558077537a985cc';
    expect(hex(u.computeHmacSha256Signature('café', '€🙂'))).toBe(ascii);
    expect(hex(u.computeHmacSha256Signature('café', '€🙂', 'US_ASCII'))).toBe(ascii);
    expect(hex(u.computeHmacSha256Signature('caf?', '??', 'UTF_8'))).toBe(ascii);
  });

  it('applies the default to value and key separately', () => {
    const { u } = setup();
    expect(u.computeHmacSha256Signature('café', key).slice(0, 3)).toEqual([-108, -2, -46]);
    expect(u.computeHmacSha256Signature(input, '€🙂').slice(0, 3)).toEqual([13, -56, -124]);
  });
});

describe('computeHmacSignature (row 57)', () => {
  it('returns 32 bytes for HMAC_SHA_256 and matches the SHA-256 shortcut', () => {
    const { u } = setup();
    const r = u.computeHmacSignature('HMAC_SHA_256', 'value', 'key');
    expect(r).toHaveLength(32);
    expect(r).toEqual(u.computeHmacSha256Signature('value', 'key'));
  });

  it('supports the other MAC algorithms', () => {
    const { u } = setup();
    expect(u.computeHmacSignature('HMAC_MD5', 'value', 'key')).toHaveLength(16);
    expect(u.computeHmacSignature('HMAC_SHA_1', 'value', 'key')).toHaveLength(20);
    expect(u.computeHmacSignature('HMAC_SHA_512', 'value', 'key', 'UTF_8')).toHaveLength(64);
  });
});

describe('computeDigest (rows 45–46)', () => {
  it('hashes "input to hash" with MD5, SHA-1 and SHA-256', () => {
    const { u } = setup();
    expect(hex(u.computeDigest('SHA_256', 'input to hash'))).toBe('36b8bac0174eaa39b3bf2d03a12f8637a56ba527c914a9bfef1d6f7688bb5da3');
    expect(hex(u.computeDigest('MD5', 'input to hash'))).toMatch(/^f0ec9040.*7599$/);
    expect(hex(u.computeDigest('SHA_1', 'input to hash'))).toMatch(/^a2a07557.*8d5f$/);
  });

  it('hashes a string without a charset as US-ASCII ("€🙂" is "??")', () => {
    const { u } = setup();
    const ascii = hex(u.computeDigest('SHA_256', '€🙂'));
    expect(ascii).toMatch(/^e270aeb3.*42f0$/);
    expect(ascii).toBe(hex(u.computeDigest('SHA_256', '??')));
  });

  it('hashes UTF-8 when asked, and bytes as given (newBlob bytes are UTF-8)', () => {
    const { u } = setup();
    const utf8 = hex(u.computeDigest('SHA_256', '€🙂', 'UTF_8'));
    expect(utf8).toMatch(/^a871c80b.*eebb$/);
    expect(hex(u.computeDigest('SHA_256', u.newBlob('€🙂').getBytes()))).toBe(utf8);
  });

  it('gives the longer digests their lengths', () => {
    const { u } = setup();
    expect(u.computeDigest('SHA_384', 'input to hash').slice(0, 3)).toEqual([85, -35, -41]);
    expect(u.computeDigest('SHA_512', 'input to hash')).toHaveLength(64);
  });
});

describe('argument checks (row 47)', () => {
  const signature = /^The parameters \(.*\) don't match the method signature for Utilities\.computeHmacSha256Signature\.$/;

  it('rejects a wrong count, bytes with a charset, a fake charset and mixed string/bytes', () => {
    const { u } = setup();
    const bytes = u.newBlob('x').getBytes();
    expect(() => u.computeHmacSha256Signature('a', 'b', 'US_ASCII', 4)).toThrow(signature);
    expect(() => u.computeHmacSha256Signature('a')).toThrow(signature);
    expect(() => u.computeHmacSha256Signature(bytes, 'key')).toThrow(signature);
    expect(() => u.computeHmacSha256Signature('value', bytes)).toThrow(signature);
    expect(() => u.computeHmacSha256Signature(bytes, bytes, 'UTF_8')).toThrow(signature);
    expect(() => u.computeHmacSha256Signature('a', 'b', 'fake')).toThrow(signature);
  });

  it('names the method and prints the argument types', () => {
    const { u } = setup();
    expect(() => u.computeDigest('fake', 'x', 'US_ASCII')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.computeDigest.",
    );
    expect(() => u.computeDigest('MD5', [0, 1, 2], 'UTF_8')).toThrow(/don't match the method signature for Utilities\.computeDigest/);
    expect(() => u.computeDigest('MD5', 'x', 'fake')).toThrow(/don't match/);
  });

  it('throws "Cannot convert" for byte arrays holding non-numbers', () => {
    const { u } = setup();
    const bad = u.newBlob('abc').getBytes().map((b) => `${b}woah`);
    expect(() => u.computeHmacSha256Signature(bad, [1, 2])).toThrow(/^Cannot convert 97woah to byte\.$/);
    expect(() => u.computeHmacSha256Signature([1, 2], bad)).toThrow(/Cannot convert/);
    expect(() => u.computeDigest('MD5', bad)).toThrow(/Cannot convert/);
    // With a charset there is no bytes overload at all, so it is the signature error instead.
    expect(() => u.computeHmacSha256Signature(bad, bad, 'UTF_8')).toThrow(/don't match/);
    expect(() => u.computeDigest('MD5', bad, 'UTF_8')).toThrow(/don't match/);
  });

  it('accepts only Java bytes, -128..127', () => {
    const { u } = setup();
    expect(() => u.newBlob([128])).toThrow('Cannot convert 128 to byte.');
    expect(u.newBlob([-128, 127, 1.9]).getBytes()).toEqual([-128, 127, 1]);
  });

  it('throws an Exception-named error, as scripts see it', () => {
    const { u } = setup();
    try {
      u.computeDigest('MD5');
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });
});

describe('base64 (row 56)', () => {
  it('encodes bytes and ASCII strings alike', () => {
    const { u } = setup();
    const text = 'A string here';
    expect(u.base64Encode(u.newBlob(text).getBytes())).toBe(u.base64Encode(text));
    expect(u.base64Encode(text)).toBe('QSBzdHJpbmcgaGVyZQ==');
    expect(u.base64EncodeWebSafe(u.newBlob(text).getBytes())).toBe(u.base64EncodeWebSafe(text));
  });

  it('encodes strings as US-ASCII unless UTF_8 is given', () => {
    const { u } = setup();
    expect(u.base64Encode('グーグルグループ', 'UTF_8')).toBe('44Kw44O844Kw44Or44Kw44Or44O844OX');
    expect(u.base64Encode('한')).toBe(u.base64Encode('?'));
  });

  it('round-trips text with + / = through the web-safe variants, keeping the padding', () => {
    const { u } = setup();
    const trouble = 'subjects?_d=1&x>>>+/=';
    const web = u.base64EncodeWebSafe(trouble);
    expect(web).not.toMatch(/[+/]/);
    expect(web.endsWith('=')).toBe(u.base64Encode(trouble).endsWith('='));
    expect(u.newBlob(u.base64DecodeWebSafe(web)).getDataAsString()).toBe(trouble);
  });

  it('lets base64Decode read web-safe text too', () => {
    const { u } = setup();
    const trouble = 'subjects?_d=1&x>>>+/=';
    expect(u.newBlob(u.base64Decode(u.base64EncodeWebSafe(trouble))).getDataAsString()).toBe(trouble);
    expect(u.base64Decode('_-8=')).toEqual([-1, -17]);
  });

  it('refuses text that is not base64', () => {
    const { u } = setup();
    expect(() => u.base64Decode('not base64!')).toThrow('Could not decode string.');
    expect(() => u.base64Decode(5)).toThrow(/don't match the method signature for Utilities\.base64Decode/);
  });
});

describe('formatString (row 48)', () => {
  it('formats Java-style', () => {
    const { u } = setup();
    expect(u.formatString('%d + %d = %d', 1, 2, 3)).toBe('1 + 2 = 3');
    expect(u.formatString('hello %s', 'world')).toBe('hello world');
    expect(u.formatString('%05d|%.2f|%%|%-4s|%4s', 42, 3.14159, 'ab', 'cd')).toBe('00042|3.14|%|ab  |  cd');
  });

  it('rounds half-up on the decimal digits, like Java and unlike toFixed', () => {
    const { u } = setup();
    expect(u.formatString('%.2f', 2.675)).toBe('2.68');
    expect(u.formatString('%.0f', 0.5)).toBe('1');
    expect(u.formatString('%f', 1)).toBe('1.000000');
    expect(u.formatString('%,d / %,.1f', 1234567, 9876.54)).toBe('1,234,567 / 9,876.5');
    expect(u.formatString('%e', 12.3456)).toBe('1.234560e+01');
    expect(u.formatString('%x %X %o', 255, 255, 8)).toBe('ff FF 10');
    expect(u.formatString('%2$s %1$s', 'a', 'b')).toBe('b a');
  });

  it('has no %j and throws Java errors for bad specifiers and arguments', () => {
    const { u } = setup();
    expect(() => u.formatString('%j', {})).toThrow("Conversion = 'j'");
    expect(() => u.formatString('%s %s', 'one')).toThrow("Format specifier '%s'");
    expect(() => u.formatString('%d', 'x')).toThrow('d != java.lang.String');
    expect(() => u.formatString('%d', 1.5)).toThrow('d != java.lang.Double');
  });
});

describe('parseCsv (row 49)', () => {
  it('splits rows and fields, honouring quotes', () => {
    const { u } = setup();
    expect(u.parseCsv('a,b,"c,d"\ne,f,g')).toEqual([['a', 'b', 'c,d'], ['e', 'f', 'g']]);
    expect(u.parseCsv('a,"b ""quoted"" c",d')).toEqual([['a', 'b "quoted" c', 'd']]);
  });

  it('takes another delimiter, quoted line breaks and CRLF', () => {
    const { u } = setup();
    expect(u.parseCsv('a\tb\r\n"x\ny"\tz\n', '\t')).toEqual([['a', 'b'], ['x\ny', 'z']]);
    expect(u.parseCsv('')).toEqual([]);
  });

  it('throws for an unclosed quote', () => {
    const { u } = setup();
    expect(() => u.parseCsv('a,"b')).toThrow('Could not parse text.');
  });
});

describe('sleep (row 52)', () => {
  it('advances the simulated clock', () => {
    const { u, env } = setup();
    const before = env.now();
    u.sleep(1500);
    expect(env.now() - before).toBe(1500);
  });

  it('throws "Cannot convert" for a non-number', () => {
    const { u } = setup();
    expect(() => u.sleep('rubbish' as unknown as number)).toThrow(/Cannot convert/);
  });

  it('caps a sleep at the documented 5 minutes', () => {
    const { u, env } = setup();
    u.sleep(10 * 60_000);
    expect(env.sleeps).toEqual([300_000]);
  });
});

describe('getUuid', () => {
  it('gives v4-shaped ids that differ per call and repeat per world seed', () => {
    const a = setup().u;
    const b = setup().u;
    const first = a.getUuid();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.getUuid()).not.toBe(first);
    expect(b.getUuid()).toBe(first);
  });
});

describe('computeRsaSha256Signature', () => {
  it('signs with a PEM key the way a service-account JWT needs', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { u } = setup();
    const sig = u.computeRsaSha256Signature('header.payload', pem);
    const ok = createVerify('sha256').update('header.payload').verify(publicKey, Buffer.from(sig.map((b) => b & 0xff)));
    expect(ok).toBe(true);
    expect(() => u.computeRsaSha256Signature('x', 'not a key')).toThrow('Invalid argument: key');
  });
});

describe('what scripts see', () => {
  it('exposes the Utilities API and no helpers', () => {
    expect(exposedMethods(setup().u)).toEqual([
      'base64Decode', 'base64DecodeWebSafe', 'base64Encode', 'base64EncodeWebSafe', 'computeDigest', 'computeHmacSha256Signature',
      'computeHmacSignature', 'computeRsaSha1Signature', 'computeRsaSha256Signature', 'computeRsaSignature', 'formatDate',
      'formatString', 'getUuid', 'gzip', 'newBlob', 'parseCsv', 'parseDate', 'sleep', 'ungzip', 'unzip', 'zip',
    ]);
  });
});
