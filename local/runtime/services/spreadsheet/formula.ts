/**
 * Formulas: this emulation stores formula text and evaluates what staff plausibly type in the
 * tabs the add-on reads: literals (numbers, "text", TRUE/FALSE), + - * / ^ & and comparisons
 * (= <> < > <= >=), parentheses, references to cells and rectangles of the same or another sheet
 * (A1, $B$2, A1:B3, Other!A1, 'Sheet 1'!A1:B2), and the functions SUM, IF, AVERAGE, MIN, MAX,
 * COUNT, COUNTA, ROUND, ABS, AND, OR, NOT, CONCATENATE, LEN. "=SUM(1,2)" reads 3.
 * Any other function reads "#NAME?" (as Sheets does for an unknown name), text that does not
 * parse reads "#ERROR!" (Sheets' "Formula parse error"), a reference to a missing sheet or off
 * the grid "#REF!", and a cycle "#REF!" (Sheets: "Circular dependency detected").
 * Whole-column references (A:A), named ranges and array results are not evaluated (#NAME?).
 */
import { columnToLetters, lettersToColumn } from './a1';

export type Scalar = string | number | boolean;

/** Reads a cell for a formula: 0-based coordinates, `sheet` undefined for the formula's own. */
export interface CellReader {
  /** The cell's value (formulas evaluated); throws FormulaError('#REF!') for a missing sheet. */
  value(sheet: string | undefined, r: number, c: number): Scalar;
}

interface RefTok {
  k: 'ref';
  sheet?: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

type Tok =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'op'; v: string }
  | { k: 'fn'; name: string }
  | RefTok
  | { k: 'ident' };

/** A rectangle's values, row by row. */
type Area = { k: 'area'; rows: Scalar[][] };
type Value = Scalar | Area;

const NAME_ERROR = '#NAME?';
const PARSE_ERROR = '#ERROR!';
const DIV_ERROR = '#DIV/0!';
const VALUE_ERROR = '#VALUE!';
export const REF_ERROR = '#REF!';

export class FormulaError {
  constructor(readonly code: string) {}
}

const CELL = String.raw`\$?([A-Za-z]{1,3})\$?([0-9]+)`;
const REF_TEXT = new RegExp(String.raw`^(?:(?:'((?:[^']|'')+)'|([A-Za-z_\u0080-\uffff][A-Za-z0-9_.\u0080-\uffff]*))!)?${CELL}(?::${CELL})?(?![A-Za-z0-9_(!])`);

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
      if (prev && prev.k !== 'op' && prev.k !== 'fn' && next !== '' && !'+-*/^&),=<>'.includes(next)) throw new FormulaError(PARSE_ERROR);
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
    const two = src.slice(i, i + 2);
    if (two === '<>' || two === '<=' || two === '>=') {
      toks.push({ k: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&(),=<>'.includes(ch)) {
      toks.push({ k: 'op', v: ch });
      i++;
      continue;
    }
    const ref = REF_TEXT.exec(src.slice(i));
    if (ref) {
      const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
      const c1 = lettersToColumn(ref[3] ?? '');
      const r1 = Number(ref[4]);
      const c2 = ref[5] === undefined ? c1 : lettersToColumn(ref[5]);
      const r2 = ref[6] === undefined ? r1 : Number(ref[6]);
      const t: RefTok = { k: 'ref', r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
      if (sheet !== undefined) t.sheet = sheet;
      toks.push(t);
      i += ref[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][A-Za-z0-9_.$!:']*/.exec(src.slice(i));
    if (word) {
      const raw = word[0].trimEnd();
      const w = raw.toUpperCase();
      const after = src.slice(i + raw.length).trimStart().charAt(0);
      if (after === '(' && /^[A-Z][A-Z0-9_.]*$/.test(w)) toks.push({ k: 'fn', name: w });
      else if ((w === 'TRUE' || w === 'FALSE') && after !== '(') toks.push({ k: 'bool', v: w === 'TRUE' });
      else toks.push({ k: 'ident' });
      i += raw.length;
      continue;
    }
    throw new FormulaError(PARSE_ERROR);
  }
  return toks;
}

type Fn = (args: (() => Value)[]) => Value;

class Parser {
  private pos = 0;
  /** The first unknown name met: the result is #NAME? once the text is known to parse. */
  unknownName = false;
  constructor(
    private readonly toks: Tok[],
    private readonly cells: CellReader | undefined,
    /** Parse only (no evaluation): checks the text. */
    private readonly dry: boolean,
  ) {}

  parse(): Value {
    const v = this.comparison();
    if (this.pos !== this.toks.length) throw new FormulaError(PARSE_ERROR);
    return v;
  }

  private peekOp(): string | undefined {
    const t = this.toks[this.pos];
    return t && t.k === 'op' ? t.v : undefined;
  }

  private comparison(): Value {
    let v = this.concat();
    for (let op = this.peekOp(); op === '=' || op === '<>' || op === '<' || op === '>' || op === '<=' || op === '>='; op = this.peekOp()) {
      this.pos++;
      const r = this.concat();
      if (this.dry) continue;
      v = compare(op, scalar(v), scalar(r));
    }
    return v;
  }

  private concat(): Value {
    let v = this.additive();
    while (this.peekOp() === '&') {
      this.pos++;
      const r = this.additive();
      if (!this.dry) v = toText(scalar(v)) + toText(scalar(r));
    }
    return v;
  }

  private additive(): Value {
    let v = this.multiplicative();
    for (let op = this.peekOp(); op === '+' || op === '-'; op = this.peekOp()) {
      this.pos++;
      const r = this.multiplicative();
      if (this.dry) continue;
      const rn = toNumber(scalar(r));
      v = op === '+' ? toNumber(scalar(v)) + rn : toNumber(scalar(v)) - rn;
    }
    return v;
  }

  private multiplicative(): Value {
    let v = this.power();
    for (let op = this.peekOp(); op === '*' || op === '/'; op = this.peekOp()) {
      this.pos++;
      const r = this.power();
      if (this.dry) continue;
      const rn = toNumber(scalar(r));
      if (op === '/' && rn === 0) throw new FormulaError(DIV_ERROR);
      v = op === '*' ? toNumber(scalar(v)) * rn : toNumber(scalar(v)) / rn;
    }
    return v;
  }

  private power(): Value {
    const base = this.unary();
    if (this.peekOp() === '^') {
      this.pos++;
      const e = this.power();
      return this.dry ? 0 : Math.pow(toNumber(scalar(base)), toNumber(scalar(e)));
    }
    return base;
  }

  private unary(): Value {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      this.pos++;
      const v = this.unary();
      if (this.dry) return 0;
      const n = toNumber(scalar(v));
      return op === '-' ? -n : n;
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.toks[this.pos];
    if (!t) throw new FormulaError(PARSE_ERROR);
    this.pos++;
    switch (t.k) {
      case 'num':
      case 'str':
      case 'bool':
        return t.v;
      case 'ref':
        return this.dry ? 0 : this.read(t);
      case 'ident':
        this.unknownName = true;
        return 0;
      case 'fn':
        return this.call(t.name);
      case 'op':
        if (t.v === '(') {
          const v = this.comparison();
          if (this.peekOp() !== ')') throw new FormulaError(PARSE_ERROR);
          this.pos++;
          return v;
        }
        throw new FormulaError(PARSE_ERROR);
    }
  }

  /** NAME( args ): arguments are parsed now and evaluated when the function asks (IF is lazy). */
  private call(name: string): Value {
    if (this.peekOp() !== '(') throw new FormulaError(PARSE_ERROR);
    this.pos++;
    const starts: number[] = [];
    if (this.peekOp() !== ')') {
      for (;;) {
        starts.push(this.pos);
        new Parser(this.toks.slice(this.pos), this.cells, true).skipArgument(this);
        const op = this.peekOp();
        if (op === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    if (this.peekOp() !== ')') throw new FormulaError(PARSE_ERROR);
    const end = this.pos;
    this.pos++;
    const fn = FUNCTIONS[name];
    if (!fn) {
      this.unknownName = true;
      return 0;
    }
    if (this.dry) return 0;
    const args = starts.map((s, k) => () => {
      const stop = k + 1 < starts.length ? (starts[k + 1] ?? end) - 1 : end;
      const p = new Parser(this.toks.slice(s, stop), this.cells, false);
      const v = p.parse();
      if (p.unknownName) throw new FormulaError(NAME_ERROR);
      return v;
    });
    return fn(args);
  }

  /** Parses one argument (dry) and moves the outer parser past it. */
  skipArgument(outer: Parser): void {
    this.comparison();
    if (this.unknownName) outer.unknownName = true;
    outer.pos += this.pos;
  }

  private read(t: RefTok): Value {
    const cells = this.cells;
    if (!cells) throw new FormulaError(NAME_ERROR);
    if (t.r1 === t.r2 && t.c1 === t.c2) return cells.value(t.sheet, t.r1 - 1, t.c1 - 1);
    const rows: Scalar[][] = [];
    for (let r = t.r1; r <= t.r2; r++) {
      const line: Scalar[] = [];
      for (let c = t.c1; c <= t.c2; c++) line.push(cells.value(t.sheet, r - 1, c - 1));
      rows.push(line);
    }
    return { k: 'area', rows };
  }
}

/** A value used where one value is wanted: a one-cell area is its cell; errors propagate. */
function scalar(v: Value): Scalar {
  if (typeof v === 'object') {
    if (v.rows.length === 1 && v.rows[0]?.length === 1) return scalar(v.rows[0][0] ?? '');
    throw new FormulaError(VALUE_ERROR);
  }
  if (isErrorValue(v)) throw new FormulaError(v as string);
  return v;
}

/** Every value of the arguments, areas flattened; `fromArea` says which came from cells. */
function flatten(args: (() => Value)[]): { v: Scalar; fromArea: boolean }[] {
  const out: { v: Scalar; fromArea: boolean }[] = [];
  for (const a of args) {
    const v = a();
    if (typeof v === 'object') for (const line of v.rows) for (const x of line) out.push({ v: x, fromArea: true });
    else out.push({ v, fromArea: false });
  }
  return out;
}

/** Numbers as SUM counts them: text and booleans in cells are skipped, typed ones converted. */
function numbers(args: (() => Value)[]): number[] {
  const out: number[] = [];
  for (const { v, fromArea } of flatten(args)) {
    if (isErrorValue(v)) throw new FormulaError(v as string);
    if (typeof v === 'number') out.push(v);
    else if (!fromArea && v !== '') out.push(toNumber(v));
  }
  return out;
}

function arity(args: unknown[], min: number, max: number): void {
  // Sheets: "Wrong number of arguments to IF. Expected between 2 and 3 arguments" (#N/A).
  if (args.length < min || args.length > max) throw new FormulaError('#N/A');
}

const FUNCTIONS: Record<string, Fn> = {
  SUM: (a) => numbers(a).reduce((s, x) => s + x, 0),
  AVERAGE: (a) => {
    const n = numbers(a);
    if (n.length === 0) throw new FormulaError(DIV_ERROR);
    return n.reduce((s, x) => s + x, 0) / n.length;
  },
  MIN: (a) => {
    const n = numbers(a);
    return n.length === 0 ? 0 : Math.min(...n);
  },
  MAX: (a) => {
    const n = numbers(a);
    return n.length === 0 ? 0 : Math.max(...n);
  },
  COUNT: (a) => flatten(a).filter(({ v, fromArea }) => typeof v === 'number' || (!fromArea && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))).length,
  COUNTA: (a) => flatten(a).filter(({ v, fromArea }) => !fromArea || v !== '').length,
  IF: (a) => {
    arity(a, 2, 3);
    const cond = toBoolean(scalar((a[0] as () => Value)()));
    if (cond) return (a[1] as () => Value)();
    return a[2] ? a[2]() : false;
  },
  AND: (a) => flatten(a).filter(({ v, fromArea }) => !(fromArea && v === '')).every(({ v }) => toBoolean(v)),
  OR: (a) => flatten(a).filter(({ v, fromArea }) => !(fromArea && v === '')).some(({ v }) => toBoolean(v)),
  NOT: (a) => {
    arity(a, 1, 1);
    return !toBoolean(scalar((a[0] as () => Value)()));
  },
  ROUND: (a) => {
    arity(a, 1, 2);
    const x = toNumber(scalar((a[0] as () => Value)()));
    const d = a[1] ? Math.trunc(toNumber(scalar(a[1]()))) : 0;
    const f = Math.pow(10, d);
    return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  },
  ABS: (a) => {
    arity(a, 1, 1);
    return Math.abs(toNumber(scalar((a[0] as () => Value)())));
  },
  CONCATENATE: (a) => flatten(a).map(({ v }) => toText(v)).join(''),
  LEN: (a) => {
    arity(a, 1, 1);
    return toText(scalar((a[0] as () => Value)())).length;
  },
};

function compare(op: string, a: Scalar, b: Scalar): boolean {
  // Sheets compares numbers with numbers, text case-insensitively, and orders number < text < boolean.
  const rank = (x: Scalar): number => (typeof x === 'number' || x === '' ? 0 : typeof x === 'string' ? 1 : 2);
  const norm = (x: Scalar): Scalar => (x === '' ? 0 : typeof x === 'string' ? x.toLowerCase() : x);
  let d: number;
  if (a === '' && typeof b === 'string') d = b === '' ? 0 : -1;
  else if (b === '' && typeof a === 'string') d = a === '' ? 0 : 1;
  else if (rank(a) !== rank(b)) d = rank(a) - rank(b);
  else {
    const x = norm(a);
    const y = norm(b);
    d = x < y ? -1 : x > y ? 1 : 0;
  }
  switch (op) {
    case '=':
      return d === 0;
    case '<>':
      return d !== 0;
    case '<':
      return d < 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    default:
      return d >= 0;
  }
}

function toBoolean(v: Scalar): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === '') return false;
  const u = v.toUpperCase();
  if (u === 'TRUE') return true;
  if (u === 'FALSE') return false;
  throw new FormulaError(VALUE_ERROR);
}

function toNumber(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new FormulaError(VALUE_ERROR);
}

function toText(v: Scalar): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** True when the formula reads cells (its value can change when they do). */
export function formulaHasReferences(formula: string): boolean {
  try {
    return tokenize(formula.replace(/^=/, '')).some((t) => t.k === 'ref');
  } catch {
    return false;
  }
}

/**
 * The value a formula cell reads as (see the module comment). `formula` starts with "=";
 * `cells` reads the cells it refers to (without it, a reference reads #NAME?).
 */
export function evaluateFormula(formula: string, cells?: CellReader): Scalar {
  const body = formula.replace(/^=/, '');
  try {
    const toks = tokenize(body);
    // Parse first so a broken formula reads #ERROR! whatever it names.
    const check = new Parser(toks, cells, true);
    check.parse();
    if (check.unknownName) return NAME_ERROR;
    const v = scalar(new Parser(toks, cells, false).parse());
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
