/**
 * Leases: an execution that runs alone, with nothing else due before its next message to the
 * host, may have its thread serve some calls itself (PropertiesService, CacheService, locks,
 * getUuid): nothing else can read or change their state meanwhile, so the thread runs the
 * host's own service code on a copy of it, and the host replays each call in order, at its
 * simulated time, when that next message arrives, and checks that it answers the same. A quiet
 * minute's lock, cache and property calls then cost no thread crossing, while every count,
 * latency, quota and state change is still the host's. A lease lasts to the thread's next
 * message; the host grants a new one with its reply when the terms still hold, and none while
 * a spec watches calls one by one (beforeCall).
 */
import type { KernelEnv } from './kernel-env';
import type { QuotaName } from './env';
import type { Remote } from './remote';
import { Cache } from './services/cache';
import { LockFacade, type LockLease } from './services/lock';
import { Properties } from './services/properties';
import { Utilities } from './services/utilities';
import type { LeaseEnv } from './wire';
import type { KeyedLeaseCopy } from './lease-copies';

/** Thrown by the thread's env when the lease's quota is used up: the call goes to the host. */
export class LeaseExhausted extends Error {}

/** The thread's copy of a leased object, from its `_leaseState`; undefined for a class that cannot be leased. */
export function leasedInstance(cls: string, state: unknown, env: KernelEnv): Remote | undefined {
  switch (cls) {
    case 'PropertiesService.Properties':
      return Properties._fromLease(env, state as KeyedLeaseCopy);
    case 'CacheService.Cache':
      return Cache._fromLease(env, state as KeyedLeaseCopy);
    case 'LockService.Lock':
      return LockFacade._fromLease(env, state as LockLease);
    case 'Utilities':
      return Utilities._fromLease(env, state as { idCounter: number });
    default:
      return undefined;
  }
}

/**
 * The execution as the thread's copies see it: the clock of the call being served, the quota
 * left to the lease, and the execution's facts. Anything else a leased method would need (sleep,
 * the UI) is the host's: touching it is a bug, and throws.
 */
export function leaseEnv(facts: LeaseEnv, now: () => number, quota: Record<string, number>): KernelEnv {
  const env: Omit<KernelEnv, 'sleep' | 'ui' | 'log'> = {
    ...facts,
    now,
    useQuota(name: QuotaName, n = 1) {
      const left = quota[name] ?? 0;
      if (left < n) throw new LeaseExhausted(name);
      quota[name] = left - n;
    },
    // Nobody else runs during a lease: a released lock has nobody to wake (the replay wakes on the host).
    wake() {},
    hasScope() {
      throw new Error('a leased method asked for the scopes');
    },
  };
  const hostOnly = () => {
    throw new Error('a leased method reached for what only the host has');
  };
  return { ...env, sleep: hostOnly, log: hostOnly, get ui(): never { return hostOnly(); } } as KernelEnv;
}

