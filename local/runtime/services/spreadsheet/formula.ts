/**
 * Formulas: this emulation stores formula text but does not run Sheets' calculation engine.
 * A formula's value is computed only when it is a trivial literal expression (numbers, "text",
 * TRUE/FALSE, + - * / ^ & and parentheses): "=1+2" reads 3, "=+82-10-1234" reads -1162.
 * Anything that names a function or a cell ("=SUM(A1:A3)", "=A1") reads "#NAME?", and text that
 * does not parse reads "#ERROR!" (Sheets' "Formula parse error"). Tests that need real formula
 * results must not rely on this fake.
 */
import { columnToLetters, lettersToColumn } from './a1';

export type Scalar = string | number | boolean;

type Tok =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'op'; v: string }
  | { k: 'ident' };

const NAME_ERROR = '#NAME?';
const PARSE_ERROR = '#ERROR!';
const DIV_ERROR = '#DIV/0!';
const VALUE_ERROR = '#VALUE!';

class FormulaError {
  constructor(readonly code: string) {}
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === ' ' && (toks.length === 0 || i + 1 >= src.length)) {
      i++;
      continue;
    }
    if (ch === ' ') {
      // Sheets ignores spaces around operators but "1 2" is a parse error: keep a marker.
      const prev = toks[toks.length - 1];
      let j = i;
      while (src.charAt(j) === ' ') j++;
      const next = src.charAt(j);
      if (prev && prev.k !== 'op' && next !== '' && !'+-*/^&)'.includes(next)) throw new FormulaError(PARSE_ERROR);
      i = j;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?/.exec(src.slice(i));
    if (num) {
      let v = Number(num[0].replace('%', ''));
      if (num[0].endsWith('%')) v /= 100;
      toks.push({ k: 'num', v });
      i += num[0].length;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) throw new FormulaError(PARSE_ERROR);
        const c = src.charAt(j);
        if (c === '"') {
          if (src.charAt(j + 1) === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += c;
        j++;
      }
      toks.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    if ('+-*/^&()'.includes(ch)) {
      toks.push({ k: 'op', v: ch });
      i++;
      continue;
    }
    const word = /^[A-Za-z_$][A-Za-z0-9_.$!:']*/.exec(src.slice(i));
    if (word) {
      const w = word[0].toUpperCase();
      if ((w === 'TRUE' || w === 'FALSE') && src.charAt(i + word[0].length) !== '(') toks.push({ k: 'bool', v: w === 'TRUE' });
      else toks.push({ k: 'ident' });
      i += word[0].length;
      continue;
    }
    throw new FormulaError(PARSE_ERROR);
  }
  return toks;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  parse(): Scalar {
    const v = this.concat();
    if (this.pos !== this.toks.length) throw new FormulaError(PARSE_ERROR);
    return v;
  }

  private peekOp(): string | undefined {
    const t = this.toks[this.pos];
    return t && t.k === 'op' ? t.v : undefined;
  }

  private concat(): Scalar {
    let v = this.additive();
    while (this.peekOp() === '&') {
      this.pos++;
      v = toText(v) + toText(this.additive());
    }
    return v;
  }

  private additive(): Scalar {
    let v = this.multiplicative();
    for (let op = this.peekOp(); op === '+' || op === '-'; op = this.peekOp()) {
      this.pos++;
      const r = toNumber(this.multiplicative());
      v = op === '+' ? toNumber(v) + r : toNumber(v) - r;
    }
    return v;
  }

  private multiplicative(): Scalar {
    let v = this.power();
    for (let op = this.peekOp(); op === '*' || op === '/'; op = this.peekOp()) {
      this.pos++;
      const r = toNumber(this.power());
      if (op === '/' && r === 0) throw new FormulaError(DIV_ERROR);
      v = op === '*' ? toNumber(v) * r : toNumber(v) / r;
    }
    return v;
  }

  private power(): Scalar {
    const base = this.unary();
    if (this.peekOp() === '^') {
      this.pos++;
      return Math.pow(toNumber(base), toNumber(this.power()));
    }
    return base;
  }

  private unary(): Scalar {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      this.pos++;
      const v = toNumber(this.unary());
      return op === '-' ? -v : v;
    }
    return this.primary();
  }

  private primary(): Scalar {
    const t = this.toks[this.pos];
    if (!t) throw new FormulaError(PARSE_ERROR);
    this.pos++;
    switch (t.k) {
      case 'num':
      case 'str':
      case 'bool':
        return t.v;
      case 'ident':
        // A function or a reference: needs the real engine.
        throw new FormulaError(NAME_ERROR);
      case 'op':
        if (t.v === '(') {
          const v = this.concat();
          if (this.peekOp() !== ')') throw new FormulaError(PARSE_ERROR);
          this.pos++;
          return v;
        }
        throw new FormulaError(PARSE_ERROR);
    }
  }
}

function toNumber(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new FormulaError(VALUE_ERROR);
}

function toText(v: Scalar): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** The value a formula cell reads as (see the module comment). `formula` starts with "=". */
export function evaluateFormula(formula: string): Scalar {
  const body = formula.replace(/^=/, '');
  try {
    const toks = tokenize(body);
    if (toks.some((t) => t.k === 'ident')) {
      // Parse anyway so a broken formula reads #ERROR! rather than #NAME?.
      try {
        new Parser(toks).parse();
      } catch (e) {
        if (e instanceof FormulaError && e.code === PARSE_ERROR) return PARSE_ERROR;
      }
      return NAME_ERROR;
    }
    const v = new Parser(toks).parse();
    if (typeof v === 'number' && !Number.isFinite(v)) return '#NUM!';
    return v;
  } catch (e) {
    if (e instanceof FormulaError) return e.code;
    throw e;
  }
}

/** True for the error values a formula can read as. */
export function isErrorValue(v: unknown): boolean {
  return typeof v === 'string' && /^#(NAME\?|ERROR!|DIV\/0!|VALUE!|NUM!|REF!|N\/A|NULL!)$/.test(v);
}

const REF = /("(?:[^"]|"")*")|(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(])/g;

/**
 * Moves a formula's relative A1 references by (dRows, dCols), as Sheets does when one formula is
 * set on a block (reference §1.2 row 21: "=A1" on A1:B2 gives =A1 =B1 / =A2 =B2). `$` parts stay.
 * Text in quotes and names followed by "(" (functions such as LOG10) are left alone. References
 * pushed off the sheet become #REF!.
 */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  return formula.replace(REF, (match, quoted: string | undefined, colAbs: string, letters: string, rowAbs: string, digits: string, offset: number, whole: string) => {
    if (quoted !== undefined) return match;
    const before = offset > 0 ? whole.charAt(offset - 1) : '';
    if (/[A-Za-z0-9_.]/.test(before)) return match;
    const col = lettersToColumn(letters) + (colAbs ? 0 : dCols);
    const row = Number(digits) + (rowAbs ? 0 : dRows);
    if (col < 1 || row < 1) return '#REF!';
    return `${colAbs}${columnToLetters(col)}${rowAbs}${row}`;
  });
}

/**
 * Keeps a formula pointing at the same cells after rows or columns of its own sheet are inserted
 * (`count` > 0, before 1-based index `at`) or deleted (`count` < 0, starting at `at`). References
 * to deleted cells become #REF!. References qualified with a sheet name ("Other!A1") are left
 * alone: they usually point at another sheet.
 */
export function adjustFormulaForStructure(formula: string, axis: 'row' | 'col', at: number, count: number): string {
  return formula.replace(REF, (match, quoted: string | undefined, colAbs: string, letters: string, rowAbs: string, digits: string, offset: number, whole: string) => {
    if (quoted !== undefined) return match;
    const before = offset > 0 ? whole.charAt(offset - 1) : '';
    if (/[A-Za-z0-9_.!]/.test(before)) return match;
    let col = lettersToColumn(letters);
    let row = Number(digits);
    const move = (n: number): number | null => {
      if (n < at) return n;
      if (count > 0) return n + count;
      if (n < at - count) return null;
      return n + count;
    };
    if (axis === 'row') {
      const r = move(row);
      if (r === null) return '#REF!';
      row = r;
    } else {
      const c = move(col);
      if (c === null) return '#REF!';
      col = c;
    }
    return `${colAbs}${columnToLetters(col)}${rowAbs}${row}`;
  });
}
