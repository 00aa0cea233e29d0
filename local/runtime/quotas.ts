import { gasMessages, GasException } from './errors';
import type { QuotaName } from './env';

/**
 * Daily quotas, per user (shared/reference/apps-script-platform.md §1.1). Apps Script resets a
 * quota 24 hours after the first request of the window, so each quota keeps its own window.
 */
export type AccountType = 'consumer' | 'workspace';

export const DAILY_LIMITS: Record<AccountType, Record<QuotaName, number>> = {
  consumer: {
    urlfetch: 20_000,
    properties: 50_000,
    propertyWrites: 50_000,
    email: 100,
    spreadsheetsCreated: 250,
    triggerRuntime: 90 * 60_000,
  },
  workspace: {
    urlfetch: 100_000,
    properties: 500_000,
    propertyWrites: 500_000,
    email: 1_500,
    spreadsheetsCreated: 3_200,
    triggerRuntime: 6 * 3_600_000,
  },
};

/** What Apps Script throws when a quota runs out. */
export const QUOTA_MESSAGES: Readonly<Record<QuotaName, string>> = {
  urlfetch: gasMessages.dailyQuota('urlfetch'),
  properties: gasMessages.dailyQuota('properties'),
  propertyWrites: gasMessages.propertyWrites,
  email: gasMessages.dailyQuota('email'),
  spreadsheetsCreated: gasMessages.dailyQuota('spreadsheets'),
  triggerRuntime: gasMessages.triggerRuntimeQuota,
};

const DAY = 24 * 3_600_000;

interface Window {
  start: number;
  used: number;
}

export class QuotaBook {
  private readonly windows = new Map<string, Window>();
  constructor(readonly account: AccountType) {}

  limit(name: QuotaName): number {
    return DAILY_LIMITS[this.account][name];
  }

  /** Charges n units at time `now`; throws Apps Script's message when the day's limit is passed. */
  use(user: string, name: QuotaName, n: number, now: number): void {
    const w = this.window(user, name, now);
    if (w.used + n > this.limit(name)) throw new GasException(QUOTA_MESSAGES[name]);
    w.used += n;
  }

  /** Adds usage that has already happened (trigger runtime is known only at the end). */
  add(user: string, name: QuotaName, n: number, now: number): void {
    this.window(user, name, now).used += n;
  }

  used(user: string, name: QuotaName, now: number): number {
    return this.window(user, name, now).used;
  }

  remaining(user: string, name: QuotaName, now: number): number {
    return Math.max(0, this.limit(name) - this.used(user, name, now));
  }

  private window(user: string, name: QuotaName, now: number): Window {
    const key = `${user}\u0000${name}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= DAY) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    return w;
  }
}
