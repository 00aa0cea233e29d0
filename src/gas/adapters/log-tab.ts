import { LOG_JOBS, LOG_LEVELS } from '../../i18n/messages';
import type { LogEntry } from '../../jobs/run-log';

export type { LogEntry };
import { layoutOf } from '../../sheet/layout';
import { labelOf, type Lang } from '../../sheet/schema';
import { LOG } from '../../sheet/tabs';
import { rowCells } from '../../sheet/table';
import { appendRows, findTab } from './tab';


/**
 * Appends entries to the log tab, columns found by header: one read of the header, then the
 * lines (an appendRow each for one or two, one block write for more). A missing log tab (setup
 * not run yet) is not an error: the entries go to the execution log instead.
 */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, all: readonly LogEntry[]): void {
  const entries = all.filter((e) => !e.quiet);
  if (entries.length === 0) return;
  const sheet = findTab(ss, LOG);
  if (!sheet) {
    for (const e of entries) console.log(`[${LOG_LEVELS[e.level][lang]}] ${LOG_JOBS[e.job][lang]}: ${e.message}`);
    return;
  }
  // The header row whole (row 1 as wide as the sheet), one read: no width asked first.
  const header = sheet.getRange('1:1').getValues()[0] ?? [];
  let width = header.length;
  while (width > 1 && String(header[width - 1] ?? '') === '') width--;
  const layout = layoutOf(LOG, header.slice(0, width));
  const rows = entries.map((e, i) =>
    rowCells(layout.index, width, {
      runId: `${e.startedAt.getTime().toString(36)}-${i}`,
      startedAt: e.startedAt,
      // Staff read the tab: the job and level in their words, not the code's.
      job: LOG_JOBS[e.job][lang],
      durationMs: e.durationMs,
      roundTrips: e.roundTrips ?? '',
      rowsChanged: e.rowsChanged ?? '',
      level: LOG_LEVELS[e.level][lang],
      message: e.message,
    }),
  );
  // A few lines: appendRow is one call each and grows the sheet itself.
  if (rows.length <= 2) for (const r of rows) sheet.appendRow(r);
  else appendRows(sheet, rows);
}
