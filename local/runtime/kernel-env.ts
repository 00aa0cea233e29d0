import type { ExecutionEnv } from './env';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

/** What the kernel's own services (lock, triggers, fetch) need beyond a plain ExecutionEnv. */
export interface KernelEnv extends ExecutionEnv {
  readonly execId: number;
  readonly authMode: AuthMode;
  /** Scopes granted by the manifest's explicit oauthScopes (all scopes when none are listed). */
  hasScope(scope: string): boolean;
  /** Wakes executions suspended on `key` (a released lock). */
  wake(key: string): void;
}

/**
 * Returned by a host method instead of a value when the calling execution must wait in
 * simulated time (a lock held by another execution). The scheduler parks the execution until
 * `wakeAt` or until someone wakes `key`, then calls `retry` at that time.
 */
export class Suspend {
  constructor(
    readonly wakeAt: number,
    readonly key: string | null,
    readonly retry: () => unknown,
  ) {}
}
