/** The inquiries step in Apps Script: src/jobs/inquiries.ts on the spreadsheet's tabs and the run's channels. */
import type { ChannelAccount } from '../channels/port';
import { runInquiries } from '../jobs/inquiries';
import type { Lang } from '../sheet/schema';
import type { LogEntry } from './adapters/log-tab';
import { sheetTables } from './adapters/tables';
import { clock, type ChannelRuntime } from './channel-runtime';

export interface InquiriesRun {
  readonly conns: ReadonlyMap<string, ChannelAccount>;
  readonly kept: Readonly<Record<string, string>>;
  readonly lang: Lang;
  readonly started: Date;
  /** The sync's own: what it keeps in the cache and logs at its end. */
  readonly keep: Record<string, string>;
  readonly log: LogEntry[];
}

/**
 * Runs the step and folds what it did into the sync's keep and log (a read with nothing to say
 * is a quiet entry: the health view counts it, the log tab does not get it). Whether it wrote the sheet.
 */
export function inquiriesStep(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, run: InquiriesRun, rt: ChannelRuntime): boolean {
  const report = runInquiries({ conns: run.conns, kept: run.kept, lang: run.lang }, { tables: sheetTables(ss), gateway: rt.gateway, store: rt.store, clock });
  Object.assign(run.keep, report.keep);
  const at = () => Date.now() - run.started.getTime();
  for (const m of report.messages) run.log.push({ job: 'inquiries', startedAt: run.started, durationMs: at(), level: m.level, message: m.message });
  if (report.messages.length === 0 && report.read.length > 0) {
    run.log.push({ job: 'inquiries', startedAt: run.started, durationMs: at(), level: 'info', message: `문의 확인 (${report.read.join(', ')})`, quiet: true });
  }
  return report.wroteSheet;
}
