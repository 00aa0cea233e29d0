import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The simulated internet: which local server answers for which host name. Product code keeps
 * the real URLs (https://{mall}.cafe24api.com/...); each request is sent as real HTTP to the
 * loopback server registered for that host, with the original Host header, so a fake routes by
 * host as the real service does.
 */
export interface HttpExchange {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpResult {
  status: number;
  /** Header names as the server wrote them, in order; repeated names keep every value. */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  /** Extra simulated latency the server asked for (x-sim-delay-ms), already stripped. */
  delayMs: number;
}

interface Route {
  /** Exact host ("api.commerce.naver.com") or a suffix wildcard ("*.cafe24api.com"). */
  pattern: string;
  port: number;
}

export class Network {
  private readonly routes: Route[] = [];
  private readonly servers: http.Server[] = [];

  /** Serves `pattern` from `listener` on a fresh loopback port. */
  async serve(pattern: string, listener: http.RequestListener): Promise<number> {
    const server = http.createServer(listener);
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    this.servers.push(server);
    this.routes.push({ pattern: pattern.toLowerCase(), port });
    return port;
  }

  /** Routes `pattern` to a server already listening on loopback (e.g. a fake started by hand). */
  route(pattern: string, port: number): void {
    this.routes.push({ pattern: pattern.toLowerCase(), port });
  }

  resolve(host: string): number | undefined {
    const h = host.toLowerCase();
    for (const r of this.routes) {
      if (r.pattern === h) return r.port;
      if (r.pattern.startsWith('*.') && h.endsWith(r.pattern.slice(1))) return r.port;
    }
    return undefined;
  }

  /** Sends one request; undefined when no server answers for the host. */
  async send(x: HttpExchange): Promise<HttpResult | undefined> {
    const u = new URL(x.url);
    const port = this.resolve(u.hostname);
    if (port === undefined) return undefined;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: x.method,
          path: u.pathname + u.search,
          headers: { ...x.headers, host: u.host, 'content-length': String(x.body.length) },
          agent: keepAlive,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const rawHeaders: Array<[string, string]> = [];
            let delayMs = 0;
            for (let i = 0; i < res.rawHeaders.length; i += 2) {
              const name = res.rawHeaders[i] ?? '';
              const value = res.rawHeaders[i + 1] ?? '';
              if (name.toLowerCase() === 'x-sim-delay-ms') delayMs += Number(value) || 0;
              else if (!name.toLowerCase().startsWith('x-sim-')) rawHeaders.push([name, value]);
            }
            resolve({ status: res.statusCode ?? 0, rawHeaders, body: Buffer.concat(chunks), delayMs });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(x.body);
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((r) => {
            s.closeAllConnections();
            s.close(() => r());
          }),
      ),
    );
    this.servers.length = 0;
  }
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });
