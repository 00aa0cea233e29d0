/**
 * USER_ENTERED parsing: what Sheets makes of a string typed into a cell or written with
 * setValue/setValues/appendRow (Apps Script writes strings the way a person types them; see the
 * oddities note under reference §1.2: values are written USER_ENTERED).
 *
 *   "123", " 1,234 ", "-5.5", "1.5e3", "00123"  → numbers (leading zeros are lost: 00123 → 123,
 *                                                and 20-digit order numbers lose precision)
 *   "12%"                                        → 0.12 with format 0%
 *   "TRUE"/"false"                               → booleans
 *   "2026-11-23", "2026/11/23", "2026. 11. 23",
 *   "2026-11-23 10:00[:00]", "10:30"             → dates/times (serials on the sheet's wall clock)
 *   "'0012"                                      → text "0012" (the apostrophe is dropped)
 *   "=…"                                         → a formula
 *   "+…"/"-…" that is not a number               → a formula too ("+82 10-1234-5678" becomes
 *                                                  "=+82 10-1234-5678" and reads #ERROR!) [R:
 *                                                  Sheets, like Excel, starts a formula on + and -]
 * None of this happens in a cell formatted as plain text "@": the string is stored verbatim.
 * Not recognised here (kept as text, unlike Sheets): currency ("₩1,000", "$5"), accounting
 * negatives "(5)", month names ("Nov 23, 2026") and fractions ("1/2").
 */
import { wallClockToSerial } from './serial';

export interface Entered {
  value: string | number | boolean;
  /** Set when the input is a formula; `value` is then unset by the caller and computed. */
  formula?: string;
  /** The pattern Sheets gives a cell with the automatic format for this input, if any. */
  autoFormat?: string;
}

const PLAIN_TEXT_START = /^[^\s0-9+\-=.'tTfF]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const DATE_YMD = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DATE_MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function validTime(h: number, mi: number, s: number): boolean {
  return h < 24 && mi < 60 && s < 60;
}

/** Parses `raw` as Sheets would for a cell whose format is not plain text. */
export function parseUserEntered(raw: string, locale: string): Entered {
  if (raw === '') return { value: '' };
  // Fast path for ordinary text (most of a big write): it cannot be a number, date, boolean
  // or formula if it starts with a letter other than t/f and has no trailing %.
  if (PLAIN_TEXT_START.test(raw) && !raw.endsWith('%')) return { value: raw };
  if (raw.startsWith("'")) return { value: raw.slice(1) };
  if (raw.startsWith('=') && raw.length > 1) return { value: '', formula: raw };

  const s = raw.trim();
  if (s === '') return { value: raw };
  const upper = s.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };

  if (PLAIN_NUMBER.test(s)) {
    const n = Number(s);
    if (Number.isFinite(n)) return /[eE]/.test(s) ? { value: n, autoFormat: '0.00E+00' } : { value: n };
  }
  if (GROUPED_NUMBER.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    return { value: n, autoFormat: s.includes('.') ? '#,##0.00' : '#,##0' };
  }
  const pct = /^(.*?)\s*%$/.exec(s);
  if (pct && pct[1] !== undefined && (PLAIN_NUMBER.test(pct[1]) || GROUPED_NUMBER.test(pct[1]))) {
    const n = Number(pct[1].replace(/,/g, '')) / 100;
    if (Number.isFinite(n)) return { value: n, autoFormat: pct[1].includes('.') ? '0.00%' : '0%' };
  }

  const ymd = DATE_YMD.exec(s);
  if (ymd) {
    const [y, mo, d] = [Number(ymd[1]), Number(ymd[3]), Number(ymd[4])];
    const [h, mi, sec] = [Number(ymd[5] ?? 0), Number(ymd[6] ?? 0), Number(ymd[7] ?? 0)];
    if (validDate(y, mo, d) && validTime(h, mi, sec)) {
      // [R] Sheets keeps the shape of what was typed as the cell's pattern.
      const sep = ymd[2] === '.' ? '. ' : (ymd[2] ?? '-');
      let pattern = `yyyy${sep}mm${sep}dd`;
      if (ymd[5] !== undefined) pattern += ymd[7] !== undefined ? ' hh:mm:ss' : ' hh:mm';
      return { value: wallClockToSerial(y, mo, d, h, mi, sec), autoFormat: pattern };
    }
  }
  if (!locale.toLowerCase().startsWith('ko')) {
    // [R] Month-first dates are read in English locales only.
    const mdy = DATE_MDY.exec(s);
    if (mdy) {
      const [mo, d, y] = [Number(mdy[1]), Number(mdy[2]), Number(mdy[3])];
      const [h, mi, sec] = [Number(mdy[4] ?? 0), Number(mdy[5] ?? 0), Number(mdy[6] ?? 0)];
      if (validDate(y, mo, d) && validTime(h, mi, sec)) {
        let pattern = 'm/d/yyyy';
        if (mdy[4] !== undefined) pattern += mdy[6] !== undefined ? ' h:mm:ss' : ' h:mm';
        return { value: wallClockToSerial(y, mo, d, h, mi, sec), autoFormat: pattern };
      }
    }
  }
  const time = TIME.exec(s);
  if (time) {
    const [h, mi, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (validTime(h, mi, sec)) {
      return { value: (h * 3600 + mi * 60 + sec) / 86400, autoFormat: time[3] !== undefined ? 'hh:mm:ss' : 'hh:mm' };
    }
  }

  if ((s.startsWith('+') || s.startsWith('-')) && s.length > 1 && /[0-9A-Za-z(]/.test(s.charAt(1))) {
    return { value: '', formula: `=${s}` };
  }
  return { value: raw };
}
