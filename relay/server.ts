/**
 * The fixed-IP relay: takes signed requests from the add-on (UrlFetchApp comes from a changing
 * pool of Google addresses) and forwards them from its own registered address to Naver Commerce
 * or Coupang Wing, answering their answer verbatim. Node's http only. It keeps no secret beyond
 * its own shared secret, logs one line per request (no body, no query values), and refuses:
 * a bad signature, a timestamp outside the window, a replayed nonce, a host off the allow-list,
 * a path that could name another host, a method it does not forward. Wire format: relay/README.md
 * and src/channels/relay-wire.ts (shared with the add-on).
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  canonicalString,
  FORWARDED_HEADER_PREFIX,
  isRelayHost,
  isRelayMethod,
  NONCE_PATTERN,
  pathProblem,
  RELAY_ERROR_STATUS,
  RELAY_FORWARD_PATH,
  RELAY_HEADER,
  RELAY_HEALTH_PATH,
  RELAY_NEWS_PATH,
  RELAY_SELF_HOST,
  RELAY_WEBHOOK_PATH,
  RELAY_WINDOW_MS,
  TIMESTAMP_PATTERN,
  type RelayErrorKind,
  type RelayHost,
} from '../src/channels/relay-wire';
import { NonceSet } from './nonces';
import { logLine } from './log';
import { parseQuestion, WebhookBoard } from './webhooks';

/** How one allowed host is reached: in production https://{host}:443; locally a loopback fake. */
export interface Upstream {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: number;
  /**
   * Local only: opens the connection in process (from `localAddress`) instead of over the
   * network; the local world reaches its fakes this way. Unset in production.
   */
  readonly createConnection?: (localAddress: string | undefined) => Duplex;
}

export interface RelayOptions {
  /** The shared secret (RELAY_SECRET); at least 32 characters. */
  readonly secret: string;
  /** Where a host is reached; null: not reachable (answered as an upstream error). Default: https://{host}. */
  readonly upstream?: (host: RelayHost) => Upstream | null;
  /** The local address the relay's calls leave from (locally 127.0.0.2, the address the fakes register). */
  readonly localAddress?: string;
  /** The whole upstream exchange must end within this (default 30 s; UrlFetchApp gives up at about 60 s). */
  readonly timeoutMs?: number;
  readonly windowMs?: number;
  /** Nonces remembered at most (default 100,000: far above what Apps Script's fetch quota can send in a window). */
  readonly maxNonces?: number;
  readonly maxBodyBytes?: number;
  /** Epoch ms; the sandbox passes its simulated clock. */
  readonly now?: () => number;
  /** One line per request; default stdout. */
  readonly log?: (line: string) => void;
  /**
   * The secret set for Cafe24's webhooks in the developer centre (CAFE24_WEBHOOK_KEY), which
   * Cafe24 sends as `x-api-key`; unset: the relay takes no webhooks (and tells the add-on so).
   */
  readonly webhookKey?: string;
  /** Where webhooks are remembered (a test passes its own, with a known boot). */
  readonly board?: WebhookBoard;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
/** A webhook or a news question is small; anything bigger is not one. */
const MAX_SMALL_BODY = 256 * 1024;

/** Never forwarded, whatever the add-on asks: hop-by-hop, or set by the relay itself. */
const DROPPED_REQUEST_HEADERS = new Set(['host', 'content-length', 'content-type', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-connection', 'expect']);
/** Hop-by-hop headers of the marketplace's answer (the length is set again for the buffered body). */
const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-connection', 'content-length']);

export const defaultUpstream = (host: RelayHost): Upstream => ({ protocol: 'https:', hostname: host, port: 443 });

class Refusal extends Error {
  constructor(
    readonly kind: RelayErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface Relay {
  readonly listener: http.RequestListener;
  /** Closes the pooled connections to the marketplaces. */
  close(): void;
}

export function createRelay(o: RelayOptions): Relay {
  if (o.secret.length < 32) throw new Error('RELAY_SECRET must be at least 32 characters (openssl rand -hex 32)');
  const now = o.now ?? Date.now;
  const windowMs = o.windowMs ?? RELAY_WINDOW_MS;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = o.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const upstreamOf = o.upstream ?? defaultUpstream;
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const nonces = new NonceSet(o.maxNonces ?? 100_000);
  // Made once: an HMAC keyed by a KeyObject skips preparing the raw key on every request.
  const key = createSecretKey(Buffer.from(o.secret, 'utf8'));
  const board = o.board ?? new WebhookBoard();
  const webhookKey = o.webhookKey ? Buffer.from(o.webhookKey, 'utf8') : null;
  // Connections to the marketplaces are reused: behind Cloud NAT every new connection to the
  // same address takes a NAT port for minutes, and a burst of fetchAll rounds would run out of
  // them. Idle ones are closed after 15 s, well before a server would drop them.
  const pool = { keepAlive: true, maxSockets: 16, timeout: 15_000 };
  const agents = { 'http:': new http.Agent(pool), 'https:': new https.Agent(pool) };
  const inProcess = new InProcessAgent(pool);

  const listener: http.RequestListener = (req, res) => {
    const started = Date.now();
    const method = req.method ?? '';
    const url = req.url ?? '';
    let host = header(req, RELAY_HEADER.host);
    let path = header(req, RELAY_HEADER.path);
    const done = (status: number, kind: RelayErrorKind | null) =>
      log(logLine({ at: now(), method, host: host ?? '-', path: path ?? url, status, ms: Date.now() - started, relayError: kind }));
    const refuse = (e: Refusal) => {
      const status = RELAY_ERROR_STATUS[e.kind];
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', [RELAY_HEADER.error]: e.kind, 'cache-control': 'no-store' });
        res.end(JSON.stringify({ relayError: e.kind, message: e.message }));
      } else res.destroy();
      done(status, e.kind);
    };

    if (url === RELAY_HEALTH_PATH && (method === 'GET' || method === 'HEAD')) {
      host = null;
      path = url;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : JSON.stringify({ ok: true }));
      done(200, null);
      return;
    }
    if (url === RELAY_WEBHOOK_PATH || url === RELAY_NEWS_PATH) {
      host = RELAY_SELF_HOST;
      path = url;
      if (method !== 'POST') {
        req.resume();
        return refuse(new Refusal('method', 'only POST'));
      }
      readBody(req, MAX_SMALL_BODY).then(
        (body) => {
          try {
            const answer = url === RELAY_WEBHOOK_PATH ? hearWebhook(req, body) : news(req, body);
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
            res.end(JSON.stringify(answer));
            done(200, null);
          } catch (e) {
            if (e instanceof Refusal) return refuse(e);
            throw e;
          }
        },
        (e: unknown) => refuse(e instanceof Refusal ? e : new Refusal('malformed', 'the body could not be read')),
      );
      return;
    }
    if (url !== RELAY_FORWARD_PATH) {
      req.resume();
      return refuse(new Refusal('not-found', `only ${RELAY_FORWARD_PATH}, ${RELAY_NEWS_PATH}, ${RELAY_WEBHOOK_PATH} and ${RELAY_HEALTH_PATH}`));
    }
    if (!isRelayMethod(method)) {
      req.resume();
      return refuse(new Refusal('method', 'only GET, POST, PUT, PATCH and DELETE are forwarded'));
    }
    readBody(req, maxBody).then(
      (body) => {
        let target: { host: RelayHost; path: string };
        try {
          target = verify(req, method, body);
        } catch (e) {
          if (e instanceof Refusal) return refuse(e);
          throw e;
        }
        forward(req, method, target, body, res).then(
          (status) => done(status, null),
          (e: unknown) => refuse(e instanceof Refusal ? e : new Refusal('upstream', 'the marketplace could not be reached')),
        );
      },
      (e: unknown) => refuse(e instanceof Refusal ? e : new Refusal('malformed', 'the body could not be read')),
    );
  };

  /**
   * Cafe24's delivery: its `x-api-key` must be the app's webhook secret. Answered at once, with
   * nothing but the mall and the kind kept; an event of no use to the add-on is taken and dropped.
   */
  function hearWebhook(req: http.IncomingMessage, body: Buffer): { ok: true } {
    if (!webhookKey) throw new Refusal('not-found', 'this relay takes no Cafe24 webhooks (CAFE24_WEBHOOK_KEY is not set)');
    const given = header(req, 'x-api-key');
    const givenBytes = Buffer.from(given ?? '', 'utf8');
    if (given === null || givenBytes.length !== webhookKey.length || !timingSafeEqual(givenBytes, webhookKey)) throw new Refusal('signature', 'x-api-key is not the webhook key set for the app');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new Refusal('malformed', 'the webhook body is not JSON');
    }
    const heard = board.hear(parsed, now());
    if (heard.kind === 'malformed') throw new Refusal('malformed', heard.message);
    return { ok: true };
  }

  /** The add-on's minute question: signed like a forward, to the relay itself. */
  function news(req: http.IncomingMessage, body: Buffer): ReturnType<WebhookBoard['answer']> {
    const target = verify(req, 'POST', body, 'self');
    if (target.path !== RELAY_NEWS_PATH) throw new Refusal('path', `${RELAY_HEADER.path}: ${RELAY_NEWS_PATH} expected`);
    const q = parseQuestion(body);
    if (typeof q === 'string') throw new Refusal('malformed', q);
    return board.answer(q, webhookKey !== null);
  }

  /** The signed target, or a refusal; a nonce is remembered only once the rest holds. */
  function verify(req: http.IncomingMessage, method: string, body: Buffer): { host: RelayHost; path: string };
  function verify(req: http.IncomingMessage, method: string, body: Buffer, to: 'self'): { host: string; path: string };
  function verify(req: http.IncomingMessage, method: string, body: Buffer, to?: 'self'): { host: string; path: string } {
    const host = header(req, RELAY_HEADER.host);
    const path = header(req, RELAY_HEADER.path);
    const timestamp = header(req, RELAY_HEADER.timestamp);
    const nonce = header(req, RELAY_HEADER.nonce);
    const signature = header(req, RELAY_HEADER.signature);
    if (host === null || path === null || timestamp === null || nonce === null || signature === null) {
      throw new Refusal('malformed', `headers ${Object.values(RELAY_HEADER).filter((h) => h !== RELAY_HEADER.error).join(', ')} are required`);
    }
    if (!TIMESTAMP_PATTERN.test(timestamp)) throw new Refusal('malformed', `${RELAY_HEADER.timestamp}: epoch milliseconds expected`);
    if (!NONCE_PATTERN.test(nonce)) throw new Refusal('malformed', `${RELAY_HEADER.nonce}: 16 to 128 of A-Z a-z 0-9 _ - expected`);
    if (!/^[0-9a-f]{64}$/.test(signature)) throw new Refusal('malformed', `${RELAY_HEADER.signature}: 64 lower-case hex digits expected`);
    const bodySha256 = createHash('sha256').update(body).digest('hex');
    const expected = createHmac('sha256', key).update(canonicalString({ method, host, path, timestamp, nonce, bodySha256 }), 'utf8').digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw new Refusal('signature', 'the signature does not match (is RELAY_SECRET the same at both ends?)');
    const at = Number(timestamp);
    if (Math.abs(now() - at) > windowMs) throw new Refusal('expired', `the timestamp is more than ${windowMs / 1000} s from the relay's clock`);
    if (to === 'self' ? host !== RELAY_SELF_HOST : !isRelayHost(host)) throw new Refusal('host', to === 'self' ? `${RELAY_HEADER.host}: ${RELAY_SELF_HOST} expected` : 'the relay forwards only to api.commerce.naver.com and api-gateway.coupang.com');
    const problem = pathProblem(path);
    if (problem) throw new Refusal('path', `${RELAY_HEADER.path}: ${problem}`);
    const seen = nonces.add(nonce, at + windowMs, now());
    if (seen === 'seen') throw new Refusal('replay', 'this nonce was already used');
    if (seen === 'full') throw new Refusal('busy', 'too many requests in the window; try again shortly');
    return { host, path };
  }

  /** Sends the request on and copies the answer back; resolves with its status. */
  function forward(req: http.IncomingMessage, method: string, target: { host: RelayHost; path: string }, body: Buffer, res: http.ServerResponse): Promise<number> {
    const up = upstreamOf(target.host);
    if (!up) return Promise.reject(new Refusal('upstream', `no route to ${target.host}`));
    const headers: Record<string, string> = { 'user-agent': 'partner-mall-relay/1' };
    for (const [name, value] of Object.entries(req.headers)) {
      if (!name.startsWith(FORWARDED_HEADER_PREFIX) || value === undefined) continue;
      const real = name.slice(FORWARDED_HEADER_PREFIX.length);
      if (real === '' || DROPPED_REQUEST_HEADERS.has(real)) continue;
      headers[real] = Array.isArray(value) ? value.join(', ') : value;
    }
    const contentType = req.headers['content-type'];
    if (contentType !== undefined) headers['content-type'] = contentType;
    headers['host'] = target.host;
    if (body.length > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH') headers['content-length'] = String(body.length);

    return new Promise<number>((resolve, reject) => {
      const send = up.protocol === 'https:' && !up.createConnection ? https.request : http.request;
      const connect = up.createConnection;
      const call = send({
        protocol: connect ? 'http:' : up.protocol,
        hostname: up.hostname,
        port: up.port,
        method,
        path: target.path,
        headers,
        ...(o.localAddress ? { localAddress: o.localAddress } : {}),
        ...(up.protocol === 'https:' && !connect ? { servername: target.host } : {}),
        ...(connect ? { agent: inProcess, connect: () => connect(o.localAddress) } : { agent: agents[up.protocol] }),
      } as http.RequestOptions);
      const timer = setTimeout(() => call.destroy(new Refusal('upstream-timeout', `the marketplace did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
      call.on('error', (e) => {
        clearTimeout(timer);
        reject(e instanceof Refusal ? e : new Refusal('upstream', 'the marketplace could not be reached'));
      });
      call.on('response', (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('error', (e) => {
          clearTimeout(timer);
          reject(e instanceof Refusal ? e : new Refusal('upstream', 'the answer was cut off'));
        });
        answer.on('end', () => {
          clearTimeout(timer);
          const data = Buffer.concat(chunks);
          const out = new Map<string, string[]>();
          const raw = answer.rawHeaders;
          for (let i = 0; i + 1 < raw.length; i += 2) {
            const name = raw[i]!;
            const lower = name.toLowerCase();
            // The relay's own header is never passed on: the add-on tells our refusals by it.
            if (DROPPED_RESPONSE_HEADERS.has(lower) || lower.startsWith('x-relay-')) continue;
            const existing = [...out.keys()].find((k) => k.toLowerCase() === lower);
            out.set(existing ?? name, [...(existing ? out.get(existing)! : []), raw[i + 1]!]);
          }
          const status = answer.statusCode ?? 502;
          res.statusCode = status;
          if (answer.statusMessage) res.statusMessage = answer.statusMessage;
          for (const [name, values] of out) res.setHeader(name, values.length === 1 ? values[0]! : values);
          res.setHeader('content-length', String(data.length));
          res.end(data);
          resolve(status);
        });
      });
      call.end(body);
    });
  }

  return {
    listener,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
      inProcess.destroy();
    },
  };
}

/** Pools the connections an upstream's `createConnection` opens (the request carries it as `connect`). */
class InProcessAgent extends http.Agent {
  override createConnection(options: http.ClientRequestArgs & { connect?: () => Duplex }): Duplex {
    return options.connect!();
  }
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v.length === 1 ? v[0]! : null) : v;
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => (over ? reject(new Refusal('too-large', `the body is over ${max} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export interface RunningRelay {
  readonly port: number;
  /** http://127.0.0.1:{port} (or the listening host). */
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (0: any free port). */
export async function startRelay(o: RelayOptions & { readonly port?: number; readonly host?: string }): Promise<RunningRelay> {
  const relay = createRelay(o);
  const server = http.createServer(relay.listener);
  // Behind Cloud Run's front end, which keeps connections open longer than Node's default.
  server.keepAliveTimeout = 620_000;
  server.headersTimeout = 621_000;
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
