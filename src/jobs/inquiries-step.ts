/** The inquiries step of the sync: src/jobs/inquiries.ts on the run's tabs and channels, folded into its keep and log. */
import type { ChannelAccount } from '../channels/port';
import type { Clock, KeyValueStore } from '../core/ports';
import type { Lang } from '../sheet/schema';
import type { ChannelGateway } from './gateway';
import { parseHealth } from './health';
import { runInquiries } from './inquiries';
import { HEALTH_KEY } from './kept';
import type { LogEntry } from './run-log';
import type { TablesPort } from './tables';

export interface InquiriesRun {
  readonly conns: ReadonlyMap<string, ChannelAccount>;
  /** The sync's one cache read (its health record is advanced here for a read with nothing to say). */
  readonly kept: Record<string, string>;
  readonly lang: Lang;
  readonly started: Date;
  /** The sync's own: what it keeps in the cache and logs at its end. */
  readonly keep: Record<string, string>;
  readonly log: LogEntry[];
}

/**
 * Runs the step and folds what it did into the sync's keep and log (a read with nothing to say
 * goes to the health view only, never to the log tab). Whether it wrote the sheet.
 */
export function inquiriesStep(tables: TablesPort, run: InquiriesRun, rt: { readonly gateway: ChannelGateway; readonly store: KeyValueStore }, clock: Clock): boolean {
  const report = runInquiries({ conns: run.conns, kept: run.kept, lang: run.lang }, { tables, gateway: rt.gateway, store: rt.store, clock });
  Object.assign(run.keep, report.keep);
  const at = () => clock.now() - run.started.getTime();
  for (const m of report.messages) run.log.push({ job: 'inquiries', startedAt: run.started, durationMs: at(), level: m.level, message: m.message });
  if (report.messages.length === 0 && report.read.length > 0) {
    if (report.wroteSheet) run.log.push({ job: 'inquiries', startedAt: run.started, durationMs: at(), level: 'info', message: `문의 확인 (${report.read.join(', ')})`, quiet: true });
    else {
      // A log entry, even one the log tab never gets, makes the sync flush the sheet: a read that
      // wrote nothing is put straight into the health record the sync is about to advance.
      const health = parseHealth(run.kept[HEALTH_KEY]);
      if (health) {
        health.jobs.inquiries = { ...health.jobs.inquiries, okAt: run.started.getTime() };
        run.kept[HEALTH_KEY] = JSON.stringify(health);
      }
    }
  }
  return report.wroteSheet;
}
