import type { ExecutionRecord } from '../runtime/runtime';
import { openSandbox, play, type SandboxResult } from '../sandbox/run';
import { resolveTime, type Scenario } from '../sandbox/scenario';
import { setupEvents } from './scenario';

/**
 * One person's try of the product: the built bundle in the local runtime with the fake channels,
 * set up from a scenario, driven from the browser. The runtime's scheduler has one driver at a
 * time, so every use (a sidebar call, the clock moving, a test order, the OAuth callback) goes
 * through `exclusive`, in arrival order.
 */
export class PreviewSession {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly sandbox: SandboxResult) {}

  /** Installs the add-on and plays the scenario's setup, then lets the sync tick once more. */
  static async open(scenario: Scenario, bundleDir: string): Promise<PreviewSession> {
    const sandbox = await openSandbox(scenario, { bundleDir });
    const rt = sandbox.runtime;
    const start = Date.parse(scenario.start);
    let last = rt.now();
    for (const e of setupEvents(scenario)) {
      const at = resolveTime(e.at, start);
      last = Math.max(last, at);
      rt.at(at, () => play(e, sandbox));
    }
    await rt.advanceTo(last + 60_000);
    await rt.settle();
    return new PreviewSession(sandbox);
  }

  get runtime() {
    return this.sandbox.runtime;
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A google.script.run call: an execution of kind "sidebar", as the page's user. */
  callServer(name: string, args: unknown[]): Promise<ExecutionRecord> {
    return this.exclusive(() => this.runtime.run(name, args, 'sidebar'));
  }

  /** The provider sent the browser back to /usercallback: the state token's function runs. */
  userCallback(query: Record<string, string>): Promise<ExecutionRecord & { html: string; title: string }> {
    return this.exclusive(() => this.runtime.userCallback(query));
  }

  /** Moves the simulated clock; due triggers fire on the way. */
  advanceBy(ms: number): Promise<number> {
    return this.exclusive(async () => {
      await this.runtime.advanceTo(this.runtime.now() + Math.max(0, ms));
      return this.runtime.now();
    });
  }

  /** A control operation of a channel's fake (a customer orders, pays…), at the current time. */
  channel(name: string, action: string, args: unknown[]): Promise<unknown> {
    return this.exclusive(async () => {
      const fake = this.sandbox.channels.get(name);
      if (!fake) throw new Error(`no channel "${name}" in this preview`);
      return fake.control(action, args);
    });
  }

  close(): Promise<void> {
    return this.exclusive(() => this.runtime.close());
  }
}
