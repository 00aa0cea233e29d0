/**
 * XML text helpers for the XLSX writer. Everything that reaches a part goes through here, so user
 * data can never break the markup or smuggle in characters XML 1.0 forbids.
 */

/**
 * Characters outside XML 1.0's Char production (C0 controls other than tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF). With the `u` flag a lone surrogate is its own code point, so it matches too.
 */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Quick test: does the text need any rewriting at all? Most cells don't, and skipping is fast. */
const NEEDS_WORK = /[&<>"\r_\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Excel reads `_xHHHH_` inside strings (ST_Xstring) as an escaped UTF-16 unit. A literal one must
 * have its underscore escaped as `_x005F_`, or "_x0041_" would come back as "A".
 */
const XSTRING_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** Removes characters that are illegal in XML 1.0; they cannot be written even as references. */
export function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL_XML, '');
}

/**
 * Escapes text content. CR is written as a character reference because parsers normalise a raw
 * CR (and CRLF) to LF, which would silently change the cell's value.
 */
export function escapeText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return stripIllegalXml(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes a spreadsheet string (cell text, note text): XML escaping plus Excel's `_xHHHH_` rule. */
export function escapeXstring(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return escapeText(s).replace(XSTRING_ESCAPE, '_x005F_');
}

/** Escapes an attribute value (always written in double quotes); whitespace would be normalised. */
export function escapeAttr(s: string): string {
  return stripIllegalXml(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * A `<t>` element for spreadsheet text. Leading/trailing whitespace (judged on the raw text, so an
 * escaped CR counts) is dropped by Excel unless xml:space="preserve" is present.
 */
export function tElement(raw: string): string {
  const escaped = escapeXstring(raw);
  return /^\s|\s$/.test(raw) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
