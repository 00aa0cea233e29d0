/**
 * A relay on loopback with a stand-in marketplace behind it (no marketplace fake is needed to
 * specify the relay), and a client that signs as the add-on does, with node:crypto.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRelay, type RelayOptions, type RunningRelay } from '../../relay/server';
import { relayPort, relaySettingsFrom } from '../../src/channels/relay';
import { canonicalString, FORWARDED_HEADER_PREFIX, RELAY_FORWARD_PATH, RELAY_HEADER } from '../../src/channels/relay-wire';

export const SECRET = 'test-relay-secret-0123456789abcdef0123456789';

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

/** A stand-in for a marketplace: records what it gets, answers what the test says. */
export async function standIn(answer: (seen: Seen, res: http.ServerResponse) => void = (_s, res) => res.end('{"ok":true}')) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), remoteAddress: req.socket.remoteAddress ?? '' };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function relayTo(port: number, o: Partial<RelayOptions> = {}) {
  const lines: string[] = [];
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const relay: RunningRelay = await startRelay({
    secret: SECRET,
    localAddress: '127.0.0.2',
    upstream: () => ({ protocol: 'http:', hostname: '127.0.0.1', port }),
    now: () => clock,
    log: (l) => lines.push(l),
    ...o,
  });
  return {
    relay,
    lines,
    now: () => clock,
    setNow: (ms: number) => (clock = ms),
  };
}

export interface Signed {
  method: string;
  host: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  timestamp?: number;
  nonce?: string;
  secret?: string;
  /** Change what is sent after signing (a tampered request). */
  tamper?: (h: Record<string, string>) => void;
  /** What is sent instead of the signed body. */
  sentBody?: Buffer;
}

/** Signs as the add-on does and sends to the relay from 127.0.0.1. */
export function send(relay: RunningRelay, now: number, s: Signed): Promise<Answer> {
  const body = s.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(s.body) ? s.body : Buffer.from(s.body, 'utf8');
  const timestamp = String(s.timestamp ?? now);
  const nonce = s.nonce ?? randomUUID();
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const signature = createHmac('sha256', s.secret ?? SECRET).update(canonicalString({ method: s.method, host: s.host, path: s.path, timestamp, nonce, bodySha256 }), 'utf8').digest('hex');
  const headers: Record<string, string> = {
    [RELAY_HEADER.host]: s.host,
    [RELAY_HEADER.path]: s.path,
    [RELAY_HEADER.timestamp]: timestamp,
    [RELAY_HEADER.nonce]: nonce,
    [RELAY_HEADER.signature]: signature,
  };
  for (const [k, v] of Object.entries(s.headers ?? {})) headers[k.toLowerCase() === 'content-type' ? k : FORWARDED_HEADER_PREFIX + k.toLowerCase()] = v;
  s.tamper?.(headers);
  return raw(relay.port, s.method, RELAY_FORWARD_PATH, headers, s.sentBody ?? body);
}

export function raw(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer = Buffer.alloc(0)): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const NAVER = 'api.commerce.naver.com';
export const COUPANG = 'api-gateway.coupang.com';

/**
 * The add-on's relayPort for the relay named in `props` (the script properties), signing with
 * node:crypto on the given clock: what the bundle builds, built in the spec.
 */
export function nodeRelayPort(props: Readonly<Record<string, string>>, now: () => number) {
  const setup = relaySettingsFrom(props);
  if (setup.kind !== 'ok') throw new Error(`relay settings: ${JSON.stringify(setup)}`);
  return relayPort(setup.settings, {
    clock: { now },
    hmacSha256Hex: (k, m) => createHmac('sha256', k).update(m, 'utf8').digest('hex'),
    sha256Hex: (t) => createHash('sha256').update(t, 'utf8').digest('hex'),
    nonce: randomUUID,
  });
}
