/**
 * Our relay (relay/) inside the local world, beside the fakes: the runtime's network routes the
 * relay's host to it, and it reaches whatever loopback server the network routes each
 * marketplace host to (the sandbox registers the fakes; none, and the relay answers its upstream
 * error), leaving from 127.0.0.2, the address the fakes register, while the runtime's UrlFetchApp
 * connects from 127.0.0.1. So a relayed call passes a fake's IP check and a direct one does not.
 */
import type { Network } from '../runtime/network';
import { LOCAL_EGRESS_ADDRESS, LOCAL_RELAY_SECRET } from '../../relay/config';
import { createRelay } from '../../relay/server';

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

export async function serveRelay(network: Network, opts: { readonly now: () => number; readonly secret?: string; readonly timeoutMs?: number }): Promise<LocalRelay> {
  const secret = opts.secret ?? LOCAL_RELAY_SECRET;
  const lines: string[] = [];
  const relay = createRelay({
    secret,
    now: opts.now,
    localAddress: LOCAL_EGRESS_ADDRESS,
    log: (line) => lines.push(line),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    upstream: (host) => {
      const port = network.resolve(host);
      return port === undefined ? null : { protocol: 'http:', hostname: '127.0.0.1', port };
    },
  });
  await network.serve(LOCAL_RELAY_HOST, relay.listener);
  return { url: LOCAL_RELAY_URL, secret, lines };
}
