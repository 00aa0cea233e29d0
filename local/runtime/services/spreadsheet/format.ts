/**
 * Number formats: what getDisplayValues() prints for a value under a cell's pattern, and
 * whether a pattern makes a number a date (getValues() then returns a Date).
 *
 * Covered: the automatic ("general") format, digit patterns (0, #, thousands commas, decimals,
 * %, E+ scientific, quoted/escaped literals, up to 4 sections), plain text "@", and date/time
 * patterns (yyyy yy m mm mmm mmmm d dd ddd dddd h hh m mm s ss am/pm, with m read as minutes
 * next to h or s). Not covered: colours "[Red]", conditions "[>100]", elapsed "[h]", fractions
 * "# ?/?" and padding "* " — they print as far as the pieces above allow.
 */
import { serialToWallClock } from './serial';

/** getNumberFormat() for a cell with the automatic format (reference §1.2 row 29). */
export const GENERAL_PATTERN = '0.###############';

export type FormatKind = 'general' | 'number' | 'text' | 'date';

const kindCache = new Map<string, FormatKind>();

/** Classifies a pattern; `undefined` is the automatic format. */
export function formatKind(pattern: string | undefined): FormatKind {
  if (pattern === undefined) return 'general';
  let k = kindCache.get(pattern);
  if (k === undefined) {
    k = classify(pattern);
    kindCache.set(pattern, k);
  }
  return k;
}

function classify(pattern: string): FormatKind {
  const p = pattern.trim().toLowerCase();
  if (p === 'general' || p === '') return 'general';
  const first = splitSections(pattern)[0] ?? '';
  const bare = stripLiterals(first).toLowerCase();
  if (/^@$/.test(bare.trim())) return 'text';
  if (/am\/pm|a\/p|[ydhs]/.test(bare)) return 'date';
  if (/[0#?]/.test(bare)) return 'number';
  if (/m/.test(bare)) return 'date';
  return 'number';
}

function stripLiterals(section: string): string {
  return section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/** `compute` remembered per key; the memory starts over past 10,000 keys. */
function memoized<V>(compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let cached = cache.get(key);
    if (cached === undefined) {
      cached = compute(key);
      if (cache.size > 10_000) cache.clear();
      cache.set(key, cached);
    }
    return cached;
  };
}

const splitSections = memoized(splitSectionsUncached);

function splitSectionsUncached(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + pattern.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** The automatic format: integers in full below 1e15, otherwise 10 significant digits. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : n < 0 ? '-#NUM!' : '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  // Sheets fits the automatic format to a default-width column, which shows about 10
  // significant digits (1/3 → 0.3333333333, PI() → 3.141592654) [R: observed UI behaviour].
  if (Number.isInteger(n) && abs < 1e15) return String(n);
  if (abs >= 1e15 || abs < 1e-9) {
    const [mant = '0', exp = '0'] = n.toExponential(5).split('e');
    const m = trimZeros(mant);
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return trimZeros(n.toPrecision(10));
}

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** Rounds half away from zero in decimal, so 1.005 to 2 places is 1.01 like Sheets, not JS's 1.00. */
function roundDecimal(n: number, places: number): number {
  const sign = n < 0 ? -1 : 1;
  const abs = Math.abs(n);
  if (abs >= 1e15 || String(abs).includes('e')) return Math.round(n * Math.pow(10, places)) / Math.pow(10, places);
  const shifted = Number(`${abs}e${places}`);
  return sign * Number(`${Math.round(shifted)}e-${places}`);
}

export interface DisplayOptions {
  locale: string;
}

/** getDisplayValue() of one stored cell value. */
export function formatCell(value: string | number | boolean, pattern: string | undefined, opts: DisplayOptions): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return formatText(value, pattern);
  const kind = formatKind(pattern);
  if (kind === 'general' || kind === 'text' || pattern === undefined) return formatGeneral(value);
  const sections = splitSections(pattern);
  let section = sections[0] ?? '';
  let v = value;
  let forceMinus = false;
  if (value < 0 && sections.length >= 2) {
    section = sections[1] ?? section;
    v = -value;
  } else if (value === 0 && sections.length >= 3) {
    section = sections[2] ?? section;
  } else if (value < 0) {
    forceMinus = true;
    v = -value;
  }
  const sectionKind = formatKind(section);
  if (sectionKind === 'date') return formatDateSection(value, section, opts);
  const body = formatNumberSection(v, section);
  return forceMinus && /[1-9]/.test(body) ? `-${body}` : body;
}

function formatText(value: string, pattern: string | undefined): string {
  if (pattern === undefined) return value;
  const sections = splitSections(pattern);
  // A fourth section (or a lone "@" section) formats text; "@" stands for the text itself.
  const textSection = sections.length >= 4 ? sections[3] : undefined;
  if (textSection === undefined || !textSection.includes('@')) return value;
  return renderLiterals(textSection).replace(/\u0000/g, value);
}

/** Unquotes literals; "@" becomes a placeholder the caller fills. */
function renderLiterals(section: string): string {
  let out = '';
  for (let i = 0; i < section.length; i++) {
    const ch = section.charAt(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      out += section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      out += section.charAt(i + 1);
      i++;
    } else if (ch === '@') {
      out += '\u0000';
    } else {
      out += ch;
    }
  }
  return out;
}

interface NumberPiece {
  kind: 'lit' | 'num';
  text: string;
}

/** Splits a digit section into literal text around one run of digit placeholders. */
function tokenizeNumber(section: string): NumberPiece[] {
  const pieces: NumberPiece[] = [];
  let lit = '';
  let num = '';
  const flushLit = (): void => {
    if (lit) pieces.push({ kind: 'lit', text: lit });
    lit = '';
  };
  const flushNum = (): void => {
    if (num) pieces.push({ kind: 'num', text: num });
    num = '';
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section.charAt(i);
    if (ch === '"') {
      flushNum();
      const end = section.indexOf('"', i + 1);
      lit += section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      flushNum();
      lit += section.charAt(i + 1);
      i++;
    } else if (ch === '[') {
      // "[$₩]" currency tags print their symbol; colours and conditions print nothing.
      const end = section.indexOf(']', i);
      const tag = section.slice(i + 1, end < 0 ? undefined : end);
      if (tag.startsWith('$')) {
        flushNum();
        lit += tag.slice(1).split('-')[0] ?? '';
      }
      i = end < 0 ? section.length : end;
    } else if (ch === '_' || ch === '*') {
      i++; // padding: skip the following character
    } else if ('0#?'.includes(ch) || (num !== '' && (ch === ',' || ch === '.')) || (ch === '.' && /[0#?]/.test(section.charAt(i + 1)))) {
      flushLit();
      num += ch;
    } else if ((ch === 'E' || ch === 'e') && num !== '' && (section.charAt(i + 1) === '+' || section.charAt(i + 1) === '-')) {
      num += section.slice(i, i + 2);
      i++;
    } else {
      flushNum();
      lit += ch;
    }
  }
  flushNum();
  flushLit();
  return pieces;
}

function formatNumberSection(v: number, section: string): string {
  const pieces = tokenizeNumber(section);
  const percentCount = pieces.filter((p) => p.kind === 'lit').reduce((n, p) => n + (p.text.split('%').length - 1), 0);
  let scaled = v * Math.pow(100, percentCount);
  let out = '';
  let numberDone = false;
  for (const p of pieces) {
    if (p.kind === 'lit') {
      out += p.text;
      continue;
    }
    if (numberDone) {
      out += p.text.replace(/[#?]/g, '');
      continue;
    }
    numberDone = true;
    out += renderDigits(scaled, p.text);
    scaled = 0;
  }
  if (!numberDone) out += '';
  return out;
}

function renderDigits(v: number, placeholder: string): string {
  const expMatch = /[Ee]([+-])(0+)$/.exec(placeholder);
  let mantissaPattern = placeholder;
  let exponent = 0;
  if (expMatch) {
    mantissaPattern = placeholder.slice(0, expMatch.index);
    if (v !== 0) {
      exponent = Math.floor(Math.log10(v));
      v = v / Math.pow(10, exponent);
    }
  }
  // Trailing commas scale by 1000 each.
  let intPattern = mantissaPattern;
  let fracPattern = '';
  const dot = mantissaPattern.indexOf('.');
  if (dot >= 0) {
    intPattern = mantissaPattern.slice(0, dot);
    fracPattern = mantissaPattern.slice(dot + 1).replace(/,/g, '');
  }
  while (intPattern.endsWith(',')) {
    intPattern = intPattern.slice(0, -1);
    v = v / 1000;
  }
  const grouping = intPattern.includes(',');
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const maxFrac = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  let rounded = roundDecimal(v, maxFrac);
  if (expMatch && rounded >= 10) {
    rounded = rounded / 10;
    exponent += 1;
  }
  const fixed = rounded.toFixed(maxFrac);
  let [intDigits = '0', fracDigits = ''] = fixed.split('.');
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  while (fracDigits.length > minFrac && fracDigits.endsWith('0')) fracDigits = fracDigits.slice(0, -1);
  if (grouping) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let s = intDigits;
  if (dot >= 0 && (fracDigits.length > 0 || mantissaPattern.endsWith('.'))) s += `.${fracDigits}`;
  if (expMatch) {
    const sign = exponent < 0 ? '-' : expMatch[1] === '+' ? '+' : '';
    s += `E${sign}${String(Math.abs(exponent)).padStart((expMatch[2] ?? '0').length, '0')}`;
  }
  return s;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const KO_DAYS = ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'];

function isKorean(locale: string): boolean {
  return locale.toLowerCase().startsWith('ko');
}

type DateToken =
  | { t: 'lit'; text: string }
  | { t: 'year'; len: number }
  | { t: 'month'; len: number }
  | { t: 'minute'; len: number }
  | { t: 'mOrMin'; len: number }
  | { t: 'day'; len: number }
  | { t: 'hour'; len: number }
  | { t: 'second'; len: number }
  | { t: 'ampm'; upper: boolean; short: boolean };

const tokenizeDate = memoized(tokenizeDateUncached);

function tokenizeDateUncached(section: string): DateToken[] {
  const tokens: DateToken[] = [];
  const s = section;
  for (let i = 0; i < s.length; ) {
    const ch = s.charAt(i);
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      tokens.push({ t: 'lit', text: s.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      tokens.push({ t: 'lit', text: s.charAt(i + 1) });
      i += 2;
      continue;
    }
    if (ch === '[') {
      const end = s.indexOf(']', i);
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    if (s.slice(i, i + 5).toLowerCase() === 'am/pm') {
      tokens.push({ t: 'ampm', upper: s.charAt(i) === 'A', short: false });
      i += 5;
      continue;
    }
    if (s.slice(i, i + 3).toLowerCase() === 'a/p') {
      tokens.push({ t: 'ampm', upper: s.charAt(i) === 'A', short: true });
      i += 3;
      continue;
    }
    if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < s.length && s.charAt(j).toLowerCase() === lower) j++;
      const len = j - i;
      if (lower === 'y') tokens.push({ t: 'year', len });
      else if (lower === 'd') tokens.push({ t: 'day', len });
      else if (lower === 'h') tokens.push({ t: 'hour', len });
      else if (lower === 's') tokens.push({ t: 'second', len });
      else tokens.push({ t: 'mOrMin', len });
      i = j;
      continue;
    }
    tokens.push({ t: 'lit', text: ch });
    i++;
  }
  // "m"/"mm" are minutes right after an hour or right before a second, otherwise months.
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (!tok || tok.t !== 'mOrMin') continue;
    if (tok.len > 2) {
      tokens[k] = { t: 'month', len: tok.len };
      continue;
    }
    const prev = tokens.slice(0, k).reverse().find((x) => x.t !== 'lit');
    const next = tokens.slice(k + 1).find((x) => x.t !== 'lit');
    const minute = prev?.t === 'hour' || next?.t === 'second';
    tokens[k] = minute ? { t: 'minute', len: tok.len } : { t: 'month', len: tok.len };
  }
  return tokens;
}

function formatDateSection(serial: number, section: string, opts: DisplayOptions): string {
  const w = serialToWallClock(serial);
  // Seconds round to the nearest whole second before printing.
  if (w.millisecond >= 500) return formatDateSection(serial + (1000 - w.millisecond) / 86_400_000, section, opts);
  const ko = isKorean(opts.locale);
  const tokens = tokenizeDate(section);
  const twelveHour = tokens.some((t) => t.t === 'ampm');
  const pad = (n: number, len: number): string => String(n).padStart(len, '0');
  let out = '';
  for (const tok of tokens) {
    switch (tok.t) {
      case 'lit':
        out += tok.text;
        break;
      case 'year':
        out += tok.len <= 2 ? pad(w.year % 100, 2) : String(w.year);
        break;
      case 'month':
        if (tok.len <= 2) out += pad(w.month, tok.len);
        else if (ko) out += `${w.month}월`;
        else {
          const name = EN_MONTHS[w.month - 1] ?? '';
          out += tok.len === 3 ? name.slice(0, 3) : tok.len === 5 ? name.charAt(0) : name;
        }
        break;
      case 'minute':
        out += pad(w.minute, tok.len);
        break;
      case 'mOrMin':
        break;
      case 'day':
        if (tok.len <= 2) out += pad(w.day, tok.len);
        else {
          const name = (ko ? KO_DAYS : EN_DAYS)[w.weekday] ?? '';
          out += tok.len === 3 ? (ko ? name.charAt(0) : name.slice(0, 3)) : name;
        }
        break;
      case 'hour': {
        const h = twelveHour ? ((w.hour + 11) % 12) + 1 : w.hour;
        out += pad(h, Math.min(tok.len, 2));
        break;
      }
      case 'second':
        out += pad(w.second, Math.min(tok.len, 2));
        break;
      case 'ampm': {
        const pm = w.hour >= 12;
        if (ko) out += pm ? '오후' : '오전';
        else {
          const text = tok.short ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
          out += tok.upper ? text : text.toLowerCase();
        }
        break;
      }
    }
  }
  return out;
}

/**
 * The pattern Sheets gives a cell with the automatic format when a script writes a Date into it.
 * [R] The reference is silent; these follow the locale's date style (ko_KR "2026. 11. 23",
 * en_US "11/23/2026"), date-only when the time is midnight.
 */
export function defaultDatePattern(locale: string, hasTime: boolean): string {
  if (isKorean(locale)) return hasTime ? 'yyyy. m. d am/pm h:mm:ss' : 'yyyy. m. d';
  return hasTime ? 'm/d/yyyy h:mm:ss' : 'm/d/yyyy';
}
