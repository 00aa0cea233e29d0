import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { memoryConnection } from './memory-socket';

/**
 * The simulated internet: which local server answers for which host name. Product code keeps
 * the real URLs (https://{mall}.cafe24api.com/...); each request is sent as real HTTP to the
 * server registered for that host, with the original Host header, so a fake routes by host as
 * the real service does. A server this network started itself is reached over an in-memory
 * connection (Node's HTTP on both ends, the kernel's loopback skipped: it cost more than the
 * fakes' work); it also listens on its loopback port for tests and curl. A server routed by port
 * (started by hand) is reached over TCP.
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
  /** The server, when this network started it (reached in memory); null: routed to a port. */
  server: http.Server | null;
}

/** Where UrlFetchApp's calls come from, as a fake's IP check sees them. */
const URLFETCH_ADDRESS = '127.0.0.1';

export class Network {
  private readonly routes: Route[] = [];
  private readonly servers: http.Server[] = [];
  /** Keep-alive pool of in-memory connections, as `keepAlive` is of TCP ones. */
  private readonly memoryAgent = new ConnectingAgent({ keepAlive: true, maxSockets: 16 });

  /** Serves `pattern` from `listener` on a fresh loopback port. */
  async serve(pattern: string, listener: http.RequestListener): Promise<number> {
    const server = http.createServer(listener);
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    this.servers.push(server);
    this.routes.push({ pattern: pattern.toLowerCase(), port, server });
    return port;
  }

  /** Routes `pattern` to a server already listening on loopback (e.g. a fake started by hand). */
  route(pattern: string, port: number): void {
    this.routes.push({ pattern: pattern.toLowerCase(), port, server: null });
  }

  resolve(host: string): number | undefined {
    return this.routeOf(host)?.port;
  }

  /**
   * Opens in-memory connections from a given address to the server this network started for
   * `host` (the local relay reaches the fakes so); undefined when the host is routed to a port
   * or not at all.
   */
  connector(host: string): ((fromAddress: string) => Duplex) | undefined {
    const route = this.routeOf(host);
    return route && connectorTo(route);
  }

  private routeOf(host: string): Route | undefined {
    const h = host.toLowerCase();
    for (const r of this.routes) {
      if (r.pattern === h) return r;
      if (r.pattern.startsWith('*.') && h.endsWith(r.pattern.slice(1))) return r;
    }
    return undefined;
  }

  /** Sends one request; undefined when no server answers for the host. */
  async send(x: HttpExchange): Promise<HttpResult | undefined> {
    const u = new URL(x.url);
    const route = this.routeOf(u.hostname);
    if (route === undefined) return undefined;
    const connect = connectorTo(route);
    const options: ConnectingOptions = {
      host: '127.0.0.1',
      port: route.port,
      method: x.method,
      path: u.pathname + u.search,
      headers: { ...x.headers, host: u.host, 'content-length': String(x.body.length) },
      agent: connect ? this.memoryAgent : keepAlive,
    };
    if (connect) options.connect = () => connect(URLFETCH_ADDRESS);
    return new Promise((resolve, reject) => {
      const req = http.request(
        options,
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
    this.memoryAgent.destroy();
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

/** In-memory connections to a route's server, when this network started it; undefined for a port. */
function connectorTo(route: Route): ((fromAddress: string) => Duplex) | undefined {
  const server = route.server;
  if (!server) return undefined;
  return (fromAddress) => {
    const [clientEnd, serverEnd] = memoryConnection(fromAddress, '127.0.0.1', route.port);
    server.emit('connection', serverEnd);
    return clientEnd;
  };
}

/** Request options that say how to open a new connection (the agent passes them through). */
interface ConnectingOptions extends http.RequestOptions {
  connect?: () => Duplex;
}

/** A keep-alive agent whose new connections are made by the request's own `connect`. */
class ConnectingAgent extends http.Agent {
  override createConnection(options: ConnectingOptions): Duplex {
    return options.connect!();
  }
}
