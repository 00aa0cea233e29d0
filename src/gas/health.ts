/**
 * The sync's health record, written at the end of each run with what the run keeps in the cache
 * (no extra round trip), and read back for the sidebar.
 */
import { nextHealth, parseHealth, type StepJob } from '../jobs/health';
import { fetchesSoFar } from './adapters/http';
import { HEALTH_KEY } from '../jobs/kept';

export { HEALTH_KEY };

/** What the sync knows at its `STEP: health`, in the shapes it already has. */
export interface RunFacts {
  trigger: 'tick' | 'manual';
  startedAt: number;
  /** Partners whose orders were collected this run. */
  connected: readonly string[];
  /** The partner row marks of this run: a status is a problem ('' when it cleared). */
  marks: ReadonlyArray<{ partnerId: string; status?: string }>;
  /** This run's log lines: a step's warning or error is its problem. */
  log: ReadonlyArray<{ job: string; level: string; message: string }>;
  /** Steps that ran even if they had nothing to log. */
  ran: Partial<Record<StepJob, boolean>>;
}

const STEPS: readonly StepJob[] = ['stock', 'products', 'shipping', 'claims', 'inquiries', 'settlement'];

/** The record after this run, as the text to keep under HEALTH_KEY. */
export function healthAfterRun(previous: string | undefined, run: RunFacts): string {
  const problem = new Map<string, string>();
  for (const m of run.marks) if (m.status) problem.set(m.partnerId, m.status);
  const orders = [...new Set([...run.connected, ...problem.keys()])].map((partnerId) => ({ partnerId, error: problem.get(partnerId) ?? '' }));
  const steps = STEPS.flatMap((job) => {
    const lines = run.log.filter((l) => l.job === job);
    if (!run.ran[job] && lines.length === 0) return [];
    return [{ job, error: lines.find((l) => l.level !== 'info')?.message ?? '' }];
  });
  const record = nextHealth(parseHealth(previous), { at: run.startedAt, durationMs: Date.now() - run.startedAt, trigger: run.trigger, fetches: fetchesSoFar(), orders, steps });
  return JSON.stringify(record);
}
