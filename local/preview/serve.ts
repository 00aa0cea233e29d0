import type { Scenario } from '../sandbox/scenario';
import { RealTimeClock } from './clock';
import { startServer } from './server';
import { PreviewSession } from './session';

/**
 * `npm start -- --serve`: the built add-on in the local runtime with the fake Cafe24, set up from
 * the scenario, served to a browser on loopback with a clock that follows the real one.
 */
export interface PreviewOptions {
  scenario: Scenario;
  bundleDir: string;
  /** 0: any free port. */
  port?: number;
  /** Simulated ms per real ms; 0 keeps the clock still until the page moves it. */
  speed?: number;
}

export interface Preview {
  readonly url: string;
  readonly session: PreviewSession;
  readonly clock: RealTimeClock;
  close(): Promise<void>;
}

export async function startPreview(o: PreviewOptions): Promise<Preview> {
  const session = await PreviewSession.open(o.scenario, o.bundleDir);
  const clock = new RealTimeClock(session, o.speed ?? 1);
  const server = await startServer(session, clock, o.port ?? 0);
  clock.start();
  return {
    url: server.url,
    session,
    clock,
    async close() {
      clock.stop();
      await server.close();
      await session.close();
    },
  };
}
