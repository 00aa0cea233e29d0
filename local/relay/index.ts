/**
 * Our relay (relay/) inside the local world, beside the fakes: the runtime's network routes the
 * relay's host to it, and it reaches whatever loopback server the network routes each
 * marketplace host to (the sandbox registers the fakes; none, and the relay answers its upstream
 * error), leaving from 127.0.0.2, the address the fakes register, while the runtime's UrlFetchApp
 * connects from 127.0.0.1. So a relayed call passes a fake's IP check and a direct one does not.
 */
import * as http from 'node:http';
import type { Network } from '../runtime/network';
import { LOCAL_EGRESS_ADDRESS, LOCAL_RELAY_SECRET } from '../../relay/config';
import { createRelay, DEFAULT_TIMEOUT_MS } from '../../relay/server';
import { RELAY_ERROR_STATUS, RELAY_HEADER, RELAY_WEBHOOK_PATH } from '../../src/channels/relay-wire';

/** Shaped like a Cloud Run service URL, so the manifest's https://*.run.app/ allows it as it will the real one. */
export const LOCAL_RELAY_HOST = 'marketplace-relay-000000000000.asia-northeast3.run.app';
export const LOCAL_RELAY_URL = `https://${LOCAL_RELAY_HOST}`;
export { LOCAL_EGRESS_ADDRESS, LOCAL_RELAY_SECRET };

export interface LocalRelay {
  readonly url: string;
  readonly secret: string;
  /** The relay's log, one line per request, oldest first. */
  readonly lines: string[];
}

export async function serveRelay(network: Network, opts: { readonly now: () => number; readonly secret?: string; readonly timeoutMs?: number; readonly webhookKey?: string }): Promise<LocalRelay> {
  const secret = opts.secret ?? LOCAL_RELAY_SECRET;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lines: string[] = [];
  let timedOut = 0;
  const relay = createRelay({
    secret,
    now: opts.now,
    timeoutMs,
    localAddress: LOCAL_EGRESS_ADDRESS,
    ...(opts.webhookKey ? { webhookKey: opts.webhookKey } : {}),
    // The relay logs a request just after answering it: a timed-out one is logged as such.
    log: (line) => {
      if (timedOut > 0) {
        timedOut--;
        line = line.replace(/ \d{3} (\d+ms)$/, ` ${RELAY_ERROR_STATUS['upstream-timeout']} $1 relay-error=upstream-timeout`);
      }
      lines.push(line);
    },
    upstream: (host) => {
      const port = network.resolve(host);
      if (port === undefined) return null;
      // A fake this network serves is reached in memory, from the relay's address as over TCP.
      const connect = network.connector(host);
      return { protocol: 'http:', hostname: '127.0.0.1', port, ...(connect ? { createConnection: (from) => connect(from ?? LOCAL_EGRESS_ADDRESS) } : {}) };
    },
  });
  await network.serve(LOCAL_RELAY_HOST, (req, res) => {
    withSimulatedTimeout(res, timeoutMs, () => timedOut++);
    relay.listener(req, res);
  });
  return { url: LOCAL_RELAY_URL, secret, lines };
}

/**
 * A fake's slow answer arrives at once in real time, carrying its simulated latency in
 * `x-sim-delay-ms`, which the runtime charges when the answer reaches UrlFetchApp. The relay
 * would have given up after `timeoutMs` of that: so does this one, answering its 504
 * `upstream-timeout` after charging just `timeoutMs`, as the real relay would on a slow marketplace.
 */
function withSimulatedTimeout(res: http.ServerResponse, timeoutMs: number, onTimeout: () => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.end = ((...args: unknown[]) => {
    const delay = Number(res.getHeader('x-sim-delay-ms') ?? 0);
    if (res.headersSent || !(delay > timeoutMs)) return end(...args);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = RELAY_ERROR_STATUS['upstream-timeout'];
    res.statusMessage = 'Gateway Timeout';
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader(RELAY_HEADER.error, 'upstream-timeout');
    res.setHeader('x-sim-delay-ms', String(timeoutMs));
    onTimeout();
    return end(JSON.stringify({ relayError: 'upstream-timeout', message: `the marketplace did not answer within ${timeoutMs / 1000} s` }));
  }) as typeof res.end;
}

/**
 * A channel's webhook delivery, POSTed to the local relay's webhook path as the channel would to
 * the relay's public URL; resolves with the relay's status (0: it could not be reached).
 */
export function deliverWebhook(network: Network, d: { readonly headers: Readonly<Record<string, string>>; readonly body: string }): Promise<number> {
  const port = network.resolve(LOCAL_RELAY_HOST);
  if (port === undefined) return Promise.resolve(0);
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: RELAY_WEBHOOK_PATH, headers: { ...d.headers, host: LOCAL_RELAY_HOST, 'content-length': String(Buffer.byteLength(d.body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(d.body);
  });
}
