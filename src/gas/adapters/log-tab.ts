import { layoutOf } from '../../sheet/layout';
import { labelOf, type Lang } from '../../sheet/schema';
import { LOG } from '../../sheet/tabs';

export interface LogEntry {
  job: string;
  startedAt: Date;
  durationMs: number;
  roundTrips?: number;
  rowsChanged?: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/**
 * Appends entries to the log tab, columns found by header. Three round trips for any number
 * of entries. A missing log tab (setup not run yet) is not an error: the entries go to the
 * execution log instead.
 */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, entries: readonly LogEntry[]): void {
  if (entries.length === 0) return;
  const sheet = ss.getSheetByName(labelOf(LOG.title, lang)) ?? ss.getSheetByName(LOG.title.ko) ?? ss.getSheetByName(LOG.title.en);
  if (!sheet) {
    for (const e of entries) console.log(`[${e.level}] ${e.job}: ${e.message}`);
    return;
  }
  const width = Math.max(1, sheet.getLastColumn());
  const layout = layoutOf(LOG, sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const rows = entries.map((e, i) => {
    const row: unknown[] = new Array<unknown>(width).fill('');
    const put = (key: string, v: unknown) => {
      const c = layout.index.get(key);
      if (c !== undefined) row[c] = v;
    };
    put('runId', `${e.startedAt.getTime().toString(36)}-${i}`);
    put('startedAt', e.startedAt);
    put('job', e.job);
    put('durationMs', e.durationMs);
    put('roundTrips', e.roundTrips ?? '');
    put('rowsChanged', e.rowsChanged ?? '');
    put('level', e.level);
    put('message', e.message);
    return row;
  });
  const at = sheet.getLastRow() + 1;
  const short = at + rows.length - 1 - sheet.getMaxRows();
  // New rows take the formats and rules of the row above them.
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  sheet.getRange(at, 1, rows.length, width).setValues(rows);
}
