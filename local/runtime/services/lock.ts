import { GasException, gasMessages, signatureTypes } from '../errors';
import { Suspend, type KernelEnv } from '../kernel-env';
import { localMethods, Remote } from '../remote';
import { createWorld, serviceState, type World } from '../world';

/**
 * LockService with real mutual exclusion between executions. Executions run concurrently in
 * simulated time (the scheduler interleaves them at service calls), so a second execution that
 * asks for a held lock waits in simulated time until the holder releases it or ends, or until
 * its own timeout passes. Facts: reference fidelity §1.2 rows 58–59 and apps-script-platform §1.4.
 */
interface LockTable {
  holders: Map<string, number>;
}

export function releaseLocksOf(world: World, execId: number, wake: (key: string) => void): void {
  const t = locks(world);
  for (const [key, holder] of t.holders) {
    if (holder === execId) {
      t.holders.delete(key);
      wake(key);
    }
  }
}

function locks(world: World): LockTable {
  return serviceState(world, 'locks', () => ({ holders: new Map<string, number>() }));
}

export class LockServiceFacade extends Remote implements Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getUserLock' | 'getDocumentLock'> {
  readonly gasName = 'LockService';
  // Getting a lock object asks no server; only taking or releasing it does.
  override readonly localMethods = localMethods('getScriptLock', 'getUserLock', 'getDocumentLock');
  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
  ) {
    super();
  }
  getScriptLock(): LockFacade {
    return new LockFacade(this.env, this.world, 'script');
  }

  override _answers(): Record<string, unknown> {
    return { getScriptLock: this.getScriptLock(), getUserLock: this.getUserLock(), getDocumentLock: this.getDocumentLock() };
  }
  getUserLock(): LockFacade {
    return new LockFacade(this.env, this.world, `user:${this.env.effectiveUserEmail}`);
  }
  getDocumentLock(): LockFacade {
    // The reference: null when there is no containing document.
    return this.env.containerId ? new LockFacade(this.env, this.world, `document:${this.env.containerId}`) : (null as never);
  }
}

/** A lock as a leased execution's thread gets it (lease.ts): its key and who holds it. */
export interface LockLease {
  key: string;
  holder: number | null;
}

export class LockFacade extends Remote implements Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'hasLock' | 'releaseLock'> {
  readonly gasName = 'LockService.Lock';
  override readonly localMethods = localMethods('hasLock');
  override readonly leased = localMethods('tryLock', 'waitLock', 'hasLock', 'releaseLock');
  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
    private readonly key: string,
  ) {
    super();
  }

  /** Only a free lock or one this execution holds: waiting for another's is the scheduler's. */
  override _leaseState(): LockLease | undefined {
    const holder = locks(this.world).holders.get(this.key);
    return holder === undefined || holder === this.env.execId ? { key: this.key, holder: holder ?? null } : undefined;
  }

  /** The thread's copy of a leased lock, in a world of its own. */
  static _fromLease(env: KernelEnv, state: LockLease): LockFacade {
    const world = createWorld();
    if (state.holder !== null) locks(world).holders.set(state.key, state.holder);
    return new LockFacade(env, world, state.key);
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.#acquire('tryLock', timeoutInMillis) as unknown as boolean;
  }

  waitLock(timeoutInMillis: number): void {
    // The kernel turns a Suspend into a wait; the script sees nothing returned.
    return this.#acquire('waitLock', timeoutInMillis) as unknown as void;
  }

  hasLock(): boolean {
    return locks(this.world).holders.get(this.key) === this.env.execId;
  }

  releaseLock(): void {
    const t = locks(this.world);
    if (t.holders.get(this.key) === this.env.execId) {
      t.holders.delete(this.key);
      this.env.wake(this.key);
    }
  }

  /** tryLock answers true/false; waitLock answers nothing or throws. Either may suspend. */
  #acquire(method: 'tryLock' | 'waitLock', timeout: number): boolean | undefined | Suspend {
    if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
      throw new GasException(gasMessages.signature(signatureTypes([timeout]), `LockService.Lock.${method}`));
    }
    const acquired = method === 'tryLock' ? true : undefined;
    const timedOut = (): false => {
      if (method === 'waitLock') throw new GasException(gasMessages.lockTimeout);
      return false;
    };
    // Row 59: a negative timeout never acquires (tryLock false, waitLock throws).
    if (timeout < 0) return timedOut();
    const deadline = this.env.now() + timeout;
    const attempt = (): boolean | undefined | Suspend => {
      const t = locks(this.world);
      const holder = t.holders.get(this.key);
      // Row 58: re-entrant for the execution that holds it.
      if (holder === undefined || holder === this.env.execId) {
        t.holders.set(this.key, this.env.execId);
        return acquired;
      }
      if (this.env.now() >= deadline) return timedOut();
      return new Suspend(deadline, this.key, attempt);
    };
    return attempt();
  }
}
