/**
 * A fake's HTTP listener on a loopback port of its own, for specs and hand use that reach it
 * without the runtime's network (`port` 0: any free port). `close` drops open keep-alive
 * connections first, so a spec's afterAll never waits on them.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(listener: http.RequestListener, port = 0, host = '127.0.0.1'): Promise<Listening> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
