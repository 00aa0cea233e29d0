/**
 * Sheet names as Excel accepts them: 1–31 characters, none of []:*?/\, not starting or ending with
 * an apostrophe, not "History" (reserved), unique ignoring case. Excel refuses, or "repairs", a
 * file that breaks these, so names are rewritten rather than rejected. The mapping depends only on
 * the list of names and their order, so the same input always gives the same output.
 */

const MAX_LEN = 31;
/** Excel's forbidden characters, plus controls and anything XML 1.0 cannot carry. */
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cuts to at most `max` UTF-16 units (Excel's count) without splitting a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function stripApostrophes(s: string): string {
  return s.replace(/^'+|'+$/g, '');
}

/** Rewrites one name into Excel's rules (without the uniqueness step); `index` is 0-based. */
export function sanitizeSheetName(name: string, index: number): string {
  let s = stripApostrophes(String(name ?? '').replace(FORBIDDEN, '_'));
  s = stripApostrophes(truncate(s, MAX_LEN));
  if (s.trim() === '') s = `Sheet${index + 1}`;
  if (s.toUpperCase() === 'HISTORY') s = `${s}_`;
  return s;
}

/**
 * Sanitises every name and makes them unique (case-insensitively, as Excel compares): the first
 * holder keeps a name, later ones get " (2)", " (3)", … with the stem shortened to stay within 31.
 */
export function sanitizeSheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw, i) => {
    const base = sanitizeSheetName(raw, i);
    let name = base;
    for (let n = 2; taken.has(name.toUpperCase()); n++) {
      const suffix = ` (${n})`;
      name = truncate(base, MAX_LEN - suffix.length) + suffix;
    }
    taken.add(name.toUpperCase());
    return name;
  });
}
