/**
 * The relay's settings from its environment (Cloud Run sets PORT and K_SERVICE; the secret comes
 * from Secret Manager as RELAY_SECRET). Local mode is RELAY_UPSTREAMS: the marketplace hosts
 * mapped to loopback fakes, calls leaving from 127.0.0.2, and a default secret.
 */
import { isRelayHost, type RelayHost } from '../src/channels/relay-wire';
import type { RelayOptions, Upstream } from './server';

/** For local use only (npm run relay, the sandbox, the preview); production refuses to start without its own. */
export const LOCAL_RELAY_SECRET = 'local-relay-secret-for-the-sandbox-only-0000';
/** The loopback address the local relay's calls leave from: the one the local fakes register. */
export const LOCAL_EGRESS_ADDRESS = '127.0.0.2';

/** `api.commerce.naver.com=http://127.0.0.1:4001,api-gateway.coupang.com=http://127.0.0.1:4002`. */
export function parseUpstreams(text: string): Map<RelayHost, Upstream> {
  const out = new Map<RelayHost, Upstream>();
  for (const entry of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=\s]+)=(https?):\/\/([^:/\s]+):(\d{1,5})\/?$/.exec(entry);
    if (!m) throw new Error(`RELAY_UPSTREAMS: "${entry}" is not host=http://address:port`);
    const host = m[1]!;
    if (!isRelayHost(host)) throw new Error(`RELAY_UPSTREAMS: ${host} is not a host the relay forwards to (api.commerce.naver.com, api-gateway.coupang.com)`);
    out.set(host, { protocol: m[2] === 'https' ? 'https:' : 'http:', hostname: m[3]!, port: Number(m[4]) });
  }
  return out;
}

export interface RelayConfig {
  readonly options: RelayOptions;
  readonly port: number;
  readonly host: string;
  readonly local: boolean;
  readonly warnings: string[];
}

export function configFromEnv(env: Readonly<Record<string, string | undefined>>): RelayConfig {
  const warnings: string[] = [];
  const upstreams = env.RELAY_UPSTREAMS ? parseUpstreams(env.RELAY_UPSTREAMS) : null;
  const local = upstreams !== null;
  let secret = env.RELAY_SECRET ?? '';
  if (secret === '') {
    if (!local || env.K_SERVICE) throw new Error('RELAY_SECRET is not set (in production it comes from Secret Manager; locally set RELAY_UPSTREAMS for the local default)');
    secret = LOCAL_RELAY_SECRET;
    warnings.push('RELAY_SECRET not set: using the local default secret (never in production)');
  }
  if (secret.length < 32) throw new Error('RELAY_SECRET must be at least 32 characters (openssl rand -hex 32)');
  const number = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: a whole number expected, got "${v}"`);
    return n;
  };
  const localAddress = env.RELAY_LOCAL_ADDRESS ?? (local ? LOCAL_EGRESS_ADDRESS : undefined);
  const options: RelayOptions = {
    secret,
    ...(upstreams ? { upstream: (h: RelayHost) => upstreams.get(h) ?? null } : {}),
    ...(localAddress ? { localAddress } : {}),
    timeoutMs: number('RELAY_TIMEOUT_MS', 30_000),
    windowMs: number('RELAY_WINDOW_S', 300) * 1000,
    ...(env.CAFE24_WEBHOOK_KEY ? { webhookKey: env.CAFE24_WEBHOOK_KEY } : {}),
  };
  return { options, port: number('PORT', 8080), host: env.RELAY_LISTEN ?? (local ? '127.0.0.1' : '0.0.0.0'), local, warnings };
}
