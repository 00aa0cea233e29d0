/**
 * Utilities.parseCsv (fidelity §1.2 row 49): fields split on the delimiter, double-quoted
 * fields may hold the delimiter and line breaks, `""` inside quotes is one quote.
 *
 * Where the reference is silent: CRLF, LF and lone CR all end a record; a final line break does
 * not start an empty record; an empty line in the middle is a record with one empty field; a
 * quote that is never closed throws "Could not parse text." (the wording Apps Script is
 * reported to use for unparseable CSV).
 */
import { GasException } from '../../errors';

export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < csv.length) {
    const ch = csv[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && csv[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new GasException('Could not parse text.');
  // A trailing line break ends the last record; it does not open another.
  if (field !== '' || row.length > 0 || (csv.length > 0 && !/[\r\n]$/.test(csv))) endRow();
  return rows;
}
