/**
 * A small ExecutionEnv for service-level tests: the clock is settable, quotas are counted and
 * throw Apps Script's message once a limit given by the test is passed, and the UI is recorded.
 * Facades are called directly, without the kernel, worker or latency model.
 */
import type { ExecutionEnv, QuotaName, UiSink } from '../env';
import { GasException } from '../errors';
import { QUOTA_MESSAGES } from '../quotas';

export interface FakeEnvOptions extends Partial<Omit<ExecutionEnv, 'now' | 'useQuota' | 'sleep' | 'ui' | 'log'>> {
  /** Start of the simulated clock (epoch ms). Default 2026-11-23T00:00:00Z. */
  now?: number;
  /** Daily limits to enforce; a quota without a limit is only counted. */
  limits?: Partial<Record<QuotaName, number>>;
}

export interface FakeEnv extends ExecutionEnv {
  setNow(ms: number): void;
  advance(ms: number): void;
  /** Units charged so far, per quota. */
  readonly quotaUsed: Partial<Record<QuotaName, number>>;
  /** Every sleep requested, in ms. */
  readonly sleeps: number[];
  readonly logs: Array<{ level: string; text: string }>;
  readonly uiEvents: Array<{ kind: keyof UiSink; args: unknown[] }>;
}

export const DEFAULT_TEST_NOW = Date.UTC(2026, 10, 23, 0, 0, 0);

export function fakeEnv(options: FakeEnvOptions = {}): FakeEnv {
  const { now: start = DEFAULT_TEST_NOW, limits = {}, ...rest } = options;
  let clock = start;
  const quotaUsed: Partial<Record<QuotaName, number>> = {};
  const sleeps: number[] = [];
  const logs: Array<{ level: string; text: string }> = [];
  const uiEvents: Array<{ kind: keyof UiSink; args: unknown[] }> = [];
  const record =
    (kind: keyof UiSink) =>
    (...args: unknown[]) => {
      uiEvents.push({ kind, args });
    };
  return {
    scriptTimeZone: 'Asia/Seoul',
    userLocale: 'ko',
    effectiveUserEmail: 'owner@example.com',
    activeUserEmail: 'owner@example.com',
    containerId: 'container-1',
    uiAvailable: true,
    scriptId: 'script-1',
    ...rest,
    now: () => clock,
    setNow(ms: number) {
      clock = ms;
    },
    advance(ms: number) {
      clock += ms;
    },
    useQuota(name: QuotaName, n = 1) {
      const used = quotaUsed[name] ?? 0;
      const limit = limits[name];
      if (limit !== undefined && used + n > limit) throw new GasException(QUOTA_MESSAGES[name]);
      quotaUsed[name] = used + n;
    },
    sleep(ms: number) {
      sleeps.push(ms);
      clock += ms;
    },
    ui: {
      toast: record('toast'),
      addMenu: record('addMenu'),
      showSidebar: record('showSidebar'),
      showModalDialog: record('showModalDialog'),
      alert: record('alert'),
    },
    log(level, text) {
      logs.push({ level, text });
    },
    quotaUsed,
    sleeps,
    logs,
    uiEvents,
  };
}
