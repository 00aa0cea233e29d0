/**
 * The sync's health as the sidebar shows it: what each run leaves behind (per partner for the
 * order collection, per job for the stock and product pushes), today's use of the Apps Script
 * quotas, and what staff should do about an error. Pure: the record is a JSON string kept in
 * the script cache with the other things a run keeps (one cache read, one cache write a run).
 */
import { seoulDayOf } from '../core/seoul-time';


export type HealthJob = 'orders' | 'stock' | 'products' | 'shipping' | 'claims' | 'inquiries' | 'settlement';
/** Jobs that run for every connected mall in one step (orders are collected per mall). */
export type StepJob = Exclude<HealthJob, 'orders'>;
export const HEALTH_JOBS: readonly HealthJob[] = ['orders', 'stock', 'products', 'shipping', 'claims', 'inquiries', 'settlement'];

/** The last success and the last error of one job (for one partner, or for all at once). */
export interface JobState {
  okAt?: number;
  errorAt?: number;
  error?: string;
}

export interface HealthRecord {
  v: 1;
  lastRunAt: number;
  lastRunMs: number;
  /** The Seoul day the tallies below are for. */
  day: string;
  /** URL fetches of the runs today. */
  fetches: number;
  /** Time-driven runs today, in ms (what the "Triggers total runtime" quota counts). */
  triggerMs: number;
  /** Stock, products and tracking numbers go to every connected mall in one step: their state is the step's. */
  jobs: Partial<Record<StepJob, JobState>>;
  /** Order collection, per partner. */
  partners: Record<string, { orders?: JobState }>;
}

/** What one run did, as the sync knows it at its end. */
export interface RunOutcome {
  at: number;
  durationMs: number;
  trigger: 'tick' | 'manual';
  fetches: number;
  /** Per partner: '' when its orders were collected, else the reason it was not. */
  orders: ReadonlyArray<{ partnerId: string; error: string }>;
  /** Steps that ran this time: '' when fine, else what went wrong. */
  steps: ReadonlyArray<{ job: StepJob; error: string }>;
}

export function parseHealth(text: string | null | undefined): HealthRecord | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as HealthRecord;
    return v && v.v === 1 && typeof v.lastRunAt === 'number' ? v : null;
  } catch {
    return null;
  }
}

/** The record after one more run. A job's last success survives its errors, and the reverse. */
export function nextHealth(prev: HealthRecord | null, run: RunOutcome): HealthRecord {
  const day = seoulDayOf(run.at);
  const sameDay = prev?.day === day;
  const next: HealthRecord = {
    v: 1,
    lastRunAt: run.at,
    lastRunMs: run.durationMs,
    day,
    fetches: (sameDay ? prev!.fetches : 0) + run.fetches,
    triggerMs: (sameDay ? prev!.triggerMs : 0) + (run.trigger === 'tick' ? run.durationMs : 0),
    jobs: { ...(prev?.jobs ?? {}) },
    partners: {},
  };
  for (const [id, jobs] of Object.entries(prev?.partners ?? {})) next.partners[id] = { ...jobs };
  for (const o of run.orders) {
    const jobs = (next.partners[o.partnerId] ??= {});
    jobs.orders = advance(jobs.orders, run.at, o.error);
  }
  for (const s of run.steps) next.jobs[s.job] = advance(next.jobs[s.job], run.at, s.error);
  return next;
}

function advance(prev: JobState | undefined, at: number, error: string): JobState {
  // The other half is kept: the sidebar shows an error that has since cleared as such.
  return error ? { ...prev, errorAt: at, error } : { ...prev, okAt: at };
}

/** A job's state is an error when its last error came after its last success. */
export function currentError(s: JobState | undefined): { text: string; at: number } | null {
  if (!s?.error || s.errorAt === undefined) return null;
  return s.okAt !== undefined && s.okAt >= s.errorAt ? null : { text: s.error, at: s.errorAt };
}

/**
 * What staff should do about an error, in plain Korean. The texts come from our own messages
 * (channel errors' userMessage, the partners tab's row problems), so their words are known.
 */
export function adviceFor(text: string, reconnect = false): string {
  if (reconnect || /다시 연결하세요|인증이 만료/.test(text)) {
    if (/권한\(scope\)/.test(text)) return '카페24 개발자센터에서 앱 권한을 켠 뒤 파트너의 [다시 연결]을 누르세요';
    return "파트너의 [다시 연결]을 눌러 카페24에서 다시 승인하세요";
  }
  if (/호출 한도/.test(text)) return '할 일 없음: 다음 실행에서 자동으로 이어서 보냅니다';
  if (/네트워크|시간 초과|서버 오류/.test(text)) return '할 일 없음: 자동으로 다시 시도합니다. 한 시간 넘게 계속되면 카페24 상태를 확인하세요';
  if (/몰에 이 SKU의 상품이 없습니다/.test(text)) return '할 일 없음: 상품이 몰에 등록되면 재고가 연동됩니다';
  if (/비어 있습니다|형식 오류|여러 행|숫자가 아닙니다|0~100|알 수 없는/.test(text)) return '해당 탭의 처리결과 열에 적힌 칸을 고치세요';
  if (/앱 정보/.test(text)) return '카페24 앱의 client id와 secret을 먼저 저장하세요';
  return "로그 탭에서 자세한 내용을 확인하고, 고친 뒤 [지금 동기화]를 누르세요";
}

/** The Apps Script daily quotas the sync spends (apps-script-platform §1.1). */
export const QUOTA_LIMITS = {
  consumer: { fetches: 20_000, triggerMinutes: 90 },
  workspace: { fetches: 100_000, triggerMinutes: 360 },
} as const;

export type AccountType = keyof typeof QUOTA_LIMITS;

/** The account kind as the document property says it: "workspace", else consumer (the lower limits). */
export const accountTypeOf = (text: string | null | undefined): AccountType => (text === 'workspace' ? 'workspace' : 'consumer');

export interface QuotaUse {
  account: AccountType;
  day: string;
  fetches: { used: number; limit: number };
  triggerMinutes: { used: number; limit: number };
}

/** Today's tallies (zero when the record is from another day) against the account's limits. */
export function quotaUse(record: HealthRecord | null, now: number, account: AccountType): QuotaUse {
  const day = seoulDayOf(now);
  const today = record?.day === day ? record : null;
  const limits = QUOTA_LIMITS[account];
  return {
    account,
    day,
    fetches: { used: today?.fetches ?? 0, limit: limits.fetches },
    triggerMinutes: { used: Math.round(((today?.triggerMs ?? 0) / 60_000) * 10) / 10, limit: limits.triggerMinutes },
  };
}

/** What the sync knows at its `STEP: health`, in the shapes it already has. */
export interface RunFacts {
  trigger: 'tick' | 'manual';
  startedAt: number;
  /** When the run ends (the record's duration runs to here). */
  now: number;
  /** URL fetches this execution has made. */
  fetches: number;
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
  const record = nextHealth(parseHealth(previous), { at: run.startedAt, durationMs: run.now - run.startedAt, trigger: run.trigger, fetches: run.fetches, orders, steps });
  return JSON.stringify(record);
}
