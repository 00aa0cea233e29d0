/**
 * Data validation rules as stored on cells, and the check Sheets runs when a person types into a
 * validated cell. Scripts are never checked: setValue/setValues write anything and Sheets only
 * flags the cell as invalid (this is real Apps Script behaviour, not a shortcut).
 */
import type { GridArea } from './a1';
import type { Scalar } from './formula';
import { dateToSerial, isDateObject } from './serial';

export const CRITERIA = [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const;
export type CriteriaName = (typeof CRITERIA)[number];

/** A range named by a VALUE_IN_RANGE rule. */
export interface RangeRef {
  readonly kind: 'range';
  readonly spreadsheetId: string;
  readonly sheetId: number;
  readonly area: GridArea;
}

export type RuleArg = string | number | boolean | Date | readonly string[] | RangeRef | null;

export interface ValidationRule {
  readonly criteria: CriteriaName;
  /** In the order getCriteriaValues() returns them. */
  readonly args: readonly RuleArg[];
  readonly allowInvalid: boolean;
  readonly helpText: string | null;
}

export function isRangeRef(a: unknown): a is RangeRef {
  return typeof a === 'object' && a !== null && (a as { kind?: unknown }).kind === 'range';
}

/** The checked and unchecked values of a checkbox rule (TRUE/FALSE unless custom). */
export function checkboxValues(rule: ValidationRule): { checked: Scalar; unchecked: Scalar } {
  const [c, u] = rule.args;
  if (rule.args.length >= 2) return { checked: toScalar(c), unchecked: toScalar(u) };
  if (rule.args.length === 1) return { checked: toScalar(c), unchecked: '' };
  return { checked: true, unchecked: false };
}

function toScalar(a: RuleArg | undefined): Scalar {
  if (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean') return a;
  return a === null || a === undefined ? '' : String(a);
}

export interface CheckContext {
  timeZone: string;
  /** Whether the candidate value is a date (a number under a date pattern). */
  isDate: boolean;
  /** Values of a VALUE_IN_RANGE rule's range. */
  rangeValues(ref: RangeRef): Scalar[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL = /^(https?|ftp):\/\/[^\s]+\.[^\s]+$/i;

function argNumber(a: RuleArg | undefined, ctx: CheckContext): number {
  if (typeof a === 'number') return a;
  if (isDateObject(a)) return dateToSerial(a, ctx.timeZone);
  return Number(a);
}

function sameAsListItem(value: Scalar, item: string): boolean {
  if (typeof value === 'boolean') return item.toUpperCase() === (value ? 'TRUE' : 'FALSE');
  if (typeof value === 'number') return item.trim() !== '' && Number(item) === value;
  return value === item;
}

/** Whether `value` satisfies `rule`. Blank always passes: Sheets lets a person clear a cell. */
export function satisfies(rule: ValidationRule, value: Scalar, ctx: CheckContext): boolean {
  if (value === '') return true;
  const a = rule.args;
  const n = typeof value === 'number' ? value : NaN;
  const num = (i: number): number => argNumber(a[i], ctx);
  const text = typeof value === 'string' ? value : String(value);
  switch (rule.criteria) {
    case 'VALUE_IN_LIST': {
      const list = Array.isArray(a[0]) ? (a[0] as readonly string[]) : [];
      return list.some((item) => sameAsListItem(value, String(item)));
    }
    case 'VALUE_IN_RANGE': {
      const ref = a[0];
      if (!isRangeRef(ref)) return true;
      return ctx.rangeValues(ref).some((v) => v !== '' && (v === value || sameAsListItem(value, String(v))));
    }
    case 'CHECKBOX': {
      const { checked, unchecked } = checkboxValues(rule);
      const eq = (x: Scalar): boolean => x === value || (typeof x === 'string' && sameAsListItem(value, x));
      return eq(checked) || eq(unchecked);
    }
    case 'NUMBER_BETWEEN':
      return !ctx.isDate && typeof value === 'number' && n >= Math.min(num(0), num(1)) && n <= Math.max(num(0), num(1));
    case 'NUMBER_NOT_BETWEEN':
      return typeof value === 'number' && (n < Math.min(num(0), num(1)) || n > Math.max(num(0), num(1)));
    case 'NUMBER_EQUAL_TO':
      return typeof value === 'number' && n === num(0);
    case 'NUMBER_NOT_EQUAL_TO':
      return typeof value === 'number' && n !== num(0);
    case 'NUMBER_GREATER_THAN':
      return typeof value === 'number' && n > num(0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && n >= num(0);
    case 'NUMBER_LESS_THAN':
      return typeof value === 'number' && n < num(0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && n <= num(0);
    case 'DATE_IS_VALID_DATE':
      return ctx.isDate;
    case 'DATE_AFTER':
      return ctx.isDate && Math.floor(n) > Math.floor(num(0));
    case 'DATE_BEFORE':
      return ctx.isDate && Math.floor(n) < Math.floor(num(0));
    case 'DATE_ON_OR_AFTER':
      return ctx.isDate && Math.floor(n) >= Math.floor(num(0));
    case 'DATE_ON_OR_BEFORE':
      return ctx.isDate && Math.floor(n) <= Math.floor(num(0));
    case 'DATE_EQUAL_TO':
      return ctx.isDate && Math.floor(n) === Math.floor(num(0));
    case 'DATE_BETWEEN':
      return ctx.isDate && Math.floor(n) >= Math.floor(num(0)) && Math.floor(n) <= Math.floor(num(1));
    case 'DATE_NOT_BETWEEN':
      return ctx.isDate && (Math.floor(n) < Math.floor(num(0)) || Math.floor(n) > Math.floor(num(1)));
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(String(a[0] ?? '').toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(String(a[0] ?? '').toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text === String(a[0] ?? '');
    case 'TEXT_IS_VALID_EMAIL':
      return EMAIL.test(text);
    case 'TEXT_IS_VALID_URL':
      return URL.test(text);
    case 'CUSTOM_FORMULA':
      // Needs the calculation engine, which this emulation does not have: accepted.
      return true;
  }
}
