import type { PreviewSession } from './session';

/**
 * Lets simulated time follow the real clock, `speed` times as fast (0: stopped; the page's
 * buttons move it on demand then). Time-driven triggers fire on the way, as in Apps Script.
 * When a step takes longer than a tick (a sync run), the next step catches up, at most
 * `MAX_STEP_MS` at once so a sidebar call never waits behind a whole simulated day.
 */
const MAX_STEP_MS = 10 * 60_000;

export class RealTimeClock {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private stepping = false;

  constructor(
    private readonly session: PreviewSession,
    public speed: number,
    private readonly tickMs = 500,
  ) {}

  start(): void {
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  setSpeed(speed: number): void {
    this.last = performance.now();
    this.speed = Math.max(0, speed);
  }

  private tick(): void {
    if (this.stepping) return;
    const now = performance.now();
    const ms = Math.min(MAX_STEP_MS, (now - this.last) * this.speed);
    this.last = now;
    if (ms < 1) return;
    this.stepping = true;
    this.session
      .advanceBy(ms)
      .catch((e: Error) => console.error(`clock: ${e.message}`))
      .finally(() => {
        this.stepping = false;
      });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
