/**
 * Utilities.formatString: Java's String.format (fidelity §1.2 row 48: `%d + %d = %d` → `1 + 2 = 3`,
 * no `%j`). Supported: %s %S %b %B %c %C %d %o %x %X %e %E %f %g %G %% %n with argument
 * indexes (`%2$s`, `%<s`), flags `-#+ 0,(`, width and precision. Date/time (`%t`) and `%a`/`%h`
 * are not emulated and throw.
 *
 * Choices where the reference is silent:
 * - JS numbers reach Java as doubles, yet `%d` with 3 works live, so integral numbers are taken
 *   as integers; a fractional number with `%d` throws Java's `d != java.lang.Double`.
 * - `%f`/`%e` round half-up on the shortest decimal form of the double, as Java's Formatter
 *   does (so `%.2f` of 2.675 is `2.68`, where JS toFixed gives `2.67`).
 * - Exceptions carry Java's messages (`Format specifier '%s'`, `Conversion = 'j'`).
 */
import { GasException } from '../../errors';

const SPEC = /%(\d+\$|<)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conversion: string;
  text: string;
}

export function formatString(template: string, args: readonly unknown[]): string {
  let out = '';
  let last = 0;
  let ordinary = 0;
  let previous: number | undefined;
  SPEC.lastIndex = 0;
  for (let m = SPEC.exec(template); m; m = SPEC.exec(template)) {
    out += checkLiteral(template.slice(last, m.index));
    last = SPEC.lastIndex;
    const [text, index, flags = '', width, precision, conversion = ''] = m;
    const spec: Spec = {
      flags,
      width: width === undefined ? undefined : Number(width),
      precision: precision === undefined ? undefined : Number(precision.slice(1)),
      conversion,
      text,
    };
    if (conversion === '%') {
      out += pad('%', spec);
      continue;
    }
    if (conversion === 'n') {
      out += '\n';
      continue;
    }
    let argIndex: number;
    if (index === '<') {
      if (previous === undefined) throw new GasException(`Format specifier '${text}'`);
      argIndex = previous;
    } else if (index !== undefined) {
      argIndex = Number(index.slice(0, -1)) - 1;
    } else {
      argIndex = ordinary++;
    }
    if (argIndex < 0 || argIndex >= args.length) throw new GasException(`Format specifier '${text}'`);
    previous = argIndex;
    out += convert(args[argIndex], spec);
  }
  return out + checkLiteral(template.slice(last));
}

/** A '%' left over between specifiers is a conversion Java does not know. */
function checkLiteral(s: string): string {
  const i = s.indexOf('%');
  if (i >= 0) throw new GasException(`Conversion = '${s[i + 1] ?? '%'}'`);
  return s;
}

function convert(arg: unknown, spec: Spec): string {
  const c = spec.conversion;
  switch (c) {
    case 'b':
    case 'B': {
      const s = arg === null || arg === undefined ? 'false' : typeof arg === 'boolean' ? String(arg) : 'true';
      return pad(truncate(c === 'B' ? s.toUpperCase() : s, spec), spec);
    }
    case 's':
    case 'S': {
      const s = truncate(stringOf(arg), spec);
      return pad(c === 'S' ? s.toUpperCase() : s, spec);
    }
    case 'c':
    case 'C': {
      if (arg === null || arg === undefined) return pad('null', spec);
      let ch: string;
      if (typeof arg === 'number' && Number.isInteger(arg) && arg >= 0 && arg <= 0x10ffff) ch = String.fromCodePoint(arg);
      else if (typeof arg === 'string' && [...arg].length === 1) ch = arg;
      else throw mismatch(c, arg);
      return pad(c === 'C' ? ch.toUpperCase() : ch, spec);
    }
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      if (arg === null || arg === undefined) return pad('null', spec);
      if (typeof arg !== 'number' || !Number.isInteger(arg)) throw mismatch(c, arg);
      return c === 'd' ? pad(signed(groupInt(String(Math.abs(arg)), spec), arg < 0, spec), spec, true) : radix(arg, spec);
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      if (arg === null || arg === undefined) return pad('null', spec);
      if (typeof arg !== 'number') throw mismatch(c, arg);
      if (!Number.isFinite(arg)) {
        const s = Number.isNaN(arg) ? 'NaN' : signed('Infinity', arg < 0, spec);
        return pad(s, { ...spec, flags: spec.flags.replace('0', '') });
      }
      const negative = arg < 0 || Object.is(arg, -0);
      const body = floatBody(Math.abs(arg), spec);
      const cased = c === 'E' || c === 'G' ? body.toUpperCase() : body;
      return pad(signed(cased, negative, spec), spec, true);
    }
    default:
      throw new GasException(`Conversion = '${c}'`);
  }
}

/** Integral numbers print without ".0", consistent with their being taken as integers for %d. */
function stringOf(arg: unknown): string {
  return arg === null || arg === undefined ? 'null' : String(arg);
}

/** `IllegalFormatConversionException`: e.g. `d != java.lang.String`. */
function mismatch(conversion: string, arg: unknown): GasException {
  const javaType =
    typeof arg === 'string' ? 'java.lang.String' : typeof arg === 'boolean' ? 'java.lang.Boolean' : typeof arg === 'number' ? 'java.lang.Double' : 'java.lang.Object';
  return new GasException(`${conversion} != ${javaType}`);
}

function truncate(s: string, spec: Spec): string {
  return spec.precision === undefined ? s : s.slice(0, spec.precision);
}

/** Width padding: spaces on the left, on the right with '-', zeros after the sign with '0'. */
function pad(s: string, spec: Spec, numeric = false): string {
  const width = spec.width ?? 0;
  if (s.length >= width) return s;
  if (spec.flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (numeric && spec.flags.includes('0')) {
    const sign = /^[-+ (]/.test(s) ? s[0] ?? '' : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

function signed(magnitude: string, negative: boolean, spec: Spec): string {
  if (negative) return spec.flags.includes('(') ? `(${magnitude})` : `-${magnitude}`;
  if (spec.flags.includes('+')) return `+${magnitude}`;
  if (spec.flags.includes(' ')) return ` ${magnitude}`;
  return magnitude;
}

function groupInt(digits: string, spec: Spec): string {
  return spec.flags.includes(',') ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits;
}

/** %o and %x print negative values in two's complement (32-bit when they fit an int). */
function radix(n: number, spec: Spec): string {
  const base = spec.conversion === 'o' ? 8 : 16;
  let v = BigInt(n);
  if (v < 0n) v = n >= -2147483648 ? BigInt.asUintN(32, v) : BigInt.asUintN(64, v);
  let s = v.toString(base);
  if (spec.flags.includes('#')) s = (base === 8 ? '0' : '0x') + s;
  if (spec.conversion === 'X') s = s.toUpperCase();
  return pad(s, spec, true);
}

// ---- decimal rendering with Java's half-up rounding -------------------------------------

/** The shortest decimal digits of x > 0 and the power of ten of the first digit. */
function shortestDigits(x: number): { digits: string; exp: number } {
  const [mantissa = '0', e = '0'] = x.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exp: Number(e) };
}

/** x rendered with `precision` fraction digits, half-up on the shortest digits. */
export function toFixedHalfUp(x: number, precision: number): string {
  let scaled: bigint;
  if (x === 0) scaled = 0n;
  else {
    const { digits, exp } = shortestDigits(x);
    const shift = exp - (digits.length - 1) + precision;
    if (shift >= 0) scaled = BigInt(digits) * 10n ** BigInt(shift);
    else {
      const cut = -shift;
      if (cut > digits.length) scaled = 0n;
      else {
        const kept = digits.slice(0, digits.length - cut);
        scaled = BigInt(kept === '' ? '0' : kept) + ((digits[digits.length - cut] ?? '0') >= '5' ? 1n : 0n);
      }
    }
  }
  const s = scaled.toString().padStart(precision + 1, '0');
  return precision === 0 ? s : `${s.slice(0, -precision)}.${s.slice(-precision)}`;
}

/** x as d.ddd×10^e with `precision` fraction digits: [mantissa digits, exponent]. */
function scientificParts(x: number, precision: number): { mantissa: string; exp: number } {
  if (x === 0) return { mantissa: '0'.repeat(precision + 1), exp: 0 };
  let { digits, exp } = shortestDigits(x);
  const keep = precision + 1;
  if (digits.length > keep) {
    let m = BigInt(digits.slice(0, keep)) + ((digits[keep] ?? '0') >= '5' ? 1n : 0n);
    if (m.toString().length > keep) {
      m /= 10n;
      exp += 1;
    }
    digits = m.toString();
  }
  return { mantissa: digits.padEnd(keep, '0'), exp };
}

function scientific(x: number, precision: number): string {
  const { mantissa, exp } = scientificParts(x, precision);
  const head = precision === 0 ? mantissa.slice(0, 1) : `${mantissa.slice(0, 1)}.${mantissa.slice(1)}`;
  return `${head}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function floatBody(x: number, spec: Spec): string {
  const c = spec.conversion.toLowerCase();
  if (c === 'e') return scientific(x, spec.precision ?? 6);
  if (c === 'f') return groupFixed(toFixedHalfUp(x, spec.precision ?? 6), spec);
  // %g: Java picks fixed notation for 10^-4 <= rounded value < 10^precision, never trims zeros.
  const precision = spec.precision === undefined ? 6 : Math.max(spec.precision, 1);
  const { exp } = scientificParts(x, precision - 1);
  if (x !== 0 && (exp < -4 || exp >= precision)) return scientific(x, precision - 1);
  return groupFixed(toFixedHalfUp(x, Math.max(precision - 1 - (x === 0 ? 0 : exp), 0)), spec);
}

function groupFixed(s: string, spec: Spec): string {
  if (!spec.flags.includes(',')) return s;
  const [int = '0', frac] = s.split('.');
  const g = groupInt(int, spec);
  return frac === undefined ? g : `${g}.${frac}`;
}
