/** A line of the log tab, as the jobs that write it say it (the adapter words it for staff). */
import type { LogJob, LogLevel } from '../i18n/messages';

export interface LogEntry {
  job: LogJob;
  startedAt: Date;
  durationMs: number;
  roundTrips?: number;
  rowsChanged?: number;
  level: LogLevel;
  message: string;
  /** For the health view only: not written to the log tab (a step that ran with nothing to say). */
  quiet?: boolean;
}
