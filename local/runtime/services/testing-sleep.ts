import type { ExecutionEnv } from '../env';
import { localMethods, Remote } from '../remote';

/** A stand-in Utilities with only sleep, for kernel tests that must not depend on the full fake. */
export class SleepOnly extends Remote {
  readonly gasName = 'Utilities';
  override readonly localMethods = localMethods('sleep');
  constructor(private readonly env: ExecutionEnv) {
    super();
  }
  sleep(ms: number): void {
    this.env.sleep(ms);
  }
}
