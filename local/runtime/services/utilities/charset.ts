/**
 * Strings to bytes and back the way Java does it, which is what Apps Script runs underneath.
 * - US-ASCII: every code point above 0x7F (an emoji included, i.e. a whole surrogate pair)
 *   becomes one '?' (fidelity §1.2 row 44).
 * - UTF-8: a lone surrogate becomes '?', as Java's encoder replaces malformed input with '?'
 *   where Node would write U+FFFD.
 * - Decoding replaces malformed input with U+FFFD, as `new String(bytes, charset)` does.
 */
import { GasException } from '../../errors';

const QUESTION = 0x3f;

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    // A lone surrogate is malformed: -1 marks it for replacement.
    out.push(c >= 0xd800 && c <= 0xdfff ? -1 : c);
  }
  return out;
}

export function encodeAscii(s: string): Uint8Array {
  return Uint8Array.from(codePoints(s), (cp) => (cp >= 0 && cp <= 0x7f ? cp : QUESTION));
}

export function encodeLatin1(s: string): Uint8Array {
  return Uint8Array.from(codePoints(s), (cp) => (cp >= 0 && cp <= 0xff ? cp : QUESTION));
}

export function encodeUtf8(s: string): Uint8Array {
  if (!/[\ud800-\udfff]/.test(s)) return new Uint8Array(Buffer.from(s, 'utf8'));
  const fixed = codePoints(s)
    .map((cp) => (cp < 0 ? '?' : String.fromCodePoint(cp)))
    .join('');
  return new Uint8Array(Buffer.from(fixed, 'utf8'));
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

type JavaCharset = 'utf-8' | 'us-ascii' | 'iso-8859-1' | 'utf-16be' | 'utf-16le' | 'utf-16' | 'other';

/** Java charset names are case-insensitive and have aliases; these are the common ones. */
function classify(name: string): JavaCharset {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (n === 'us-ascii' || n === 'ascii' || n === 'iso646-us') return 'us-ascii';
  if (n === 'iso-8859-1' || n === 'latin1' || n === 'iso8859-1' || n === 'iso-latin-1') return 'iso-8859-1';
  if (n === 'utf-16be') return 'utf-16be';
  if (n === 'utf-16le') return 'utf-16le';
  if (n === 'utf-16') return 'utf-16';
  return 'other';
}

/**
 * Java's UnsupportedCharsetException carries just the name; Apps Script's wrapping of it is
 * not in the reference, so the name is prefixed to say what went wrong.
 */
function unsupported(name: string): GasException {
  return new GasException(`Unsupported charset: ${name}`);
}

/** Decodes with a Java charset name (Blob.getDataAsString(charset), e.g. "EUC-KR", "Shift_JIS"). */
export function decodeCharset(bytes: Uint8Array, name: string): string {
  switch (classify(name)) {
    case 'utf-8':
      return decodeUtf8(bytes);
    case 'us-ascii':
      // WHATWG maps "us-ascii" to windows-1252; Java's US-ASCII decoder yields U+FFFD above 0x7F.
      return Array.from(bytes, (b) => (b <= 0x7f ? String.fromCharCode(b) : '\ufffd')).join('');
    case 'iso-8859-1':
      // WHATWG maps "iso-8859-1" to windows-1252 too; Java's Latin-1 is the identity on 0..255.
      return Buffer.from(bytes).toString('latin1');
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(bytes);
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(bytes);
    case 'utf-16': {
      // Java's UTF-16 decoder honours a BOM and defaults to big-endian.
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
      return new TextDecoder('utf-16be').decode(bytes);
    }
    default:
      try {
        return new TextDecoder(name.trim()).decode(bytes);
      } catch {
        throw unsupported(name);
      }
  }
}

/** Encodes with a Java charset name (Blob.setDataFromString(s, charset)). */
export function encodeCharset(s: string, name: string): Uint8Array {
  switch (classify(name)) {
    case 'utf-8':
      return encodeUtf8(s);
    case 'us-ascii':
      return encodeAscii(s);
    case 'iso-8859-1':
      return encodeLatin1(s);
    case 'utf-16le':
      return new Uint8Array(Buffer.from(s, 'utf16le'));
    case 'utf-16be':
      return new Uint8Array(Buffer.from(s, 'utf16le').swap16());
    case 'utf-16': {
      // Java writes a big-endian BOM first.
      const body = Buffer.from(s, 'utf16le').swap16();
      return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), body]));
    }
    default:
      // Node has decoders for the legacy CJK charsets but no encoders; say so instead of guessing.
      throw unsupported(name);
  }
}
