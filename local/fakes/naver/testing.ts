/**
 * Test harness: the fake on an ephemeral loopback port with a hand-driven clock, and a request
 * helper over node:http that chooses the caller's address (`from`: the relay's 127.0.0.2, or the
 * runtime's 127.0.0.1) so the IP rule is exercised through a real socket.
 */
import * as http from 'node:http';
import { bcryptSign } from './sign-for-tests';
import { createNaverFake, defaultSeed, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, type NaverFake, type NaverFakeOptions } from './index';
import { optionsFromEnv } from './options';

/** 2026-11-23 10:00 KST. */
export const T0 = Date.parse('2026-11-23T10:00:00+09:00');

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface CallInit {
  token?: string;
  body?: unknown;
  /** Form fields (the token call). */
  form?: Record<string, string>;
  query?: Record<string, string | number>;
  /** The caller's address; default 127.0.0.2 (registered by default). */
  from?: string;
}

export interface NaverHarness {
  fake: NaverFake;
  clock: { now: number; advance(ms: number): void };
  port: number;
  base: string;
  close(): Promise<void>;
  /** `/external{path}` as Naver's host would be called. */
  call(method: string, path: string, init?: CallInit): Promise<Answer>;
  /** A signed token request for the default store (or the given keys) at the fake's time. */
  tokenForm(overrides?: Partial<Record<string, string>>, keys?: { clientId: string; clientSecret: string }): Record<string, string>;
  /** A token without the signature dance. */
  token(clientId?: string): string;
  control(op: string, body?: unknown): Promise<Answer>;
}

export function send(port: number, method: string, path: string, headers: Record<string, string>, body: string | undefined, from: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, localAddress: from, headers: { ...headers, host: 'api.commerce.naver.com', ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function startNaverFake(options: Partial<Omit<NaverFakeOptions, 'clock'>> & { start?: number } = {}): Promise<NaverHarness> {
  const clock = {
    now: options.start ?? T0,
    advance(ms: number) {
      this.now += ms;
    },
  };
  const { start: _start, ...rest } = options;
  const fake = createNaverFake({ ...optionsFromEnv(), ...rest, seed: options.seed ?? defaultSeed, clock: () => clock.now });
  const server = await fake.listen(0);
  let closing: Promise<void> | null = null;
  const h: NaverHarness = {
    fake,
    clock,
    port: server.port,
    base: `http://127.0.0.1:${server.port}`,
    close: () => (closing ??= server.close()),
    call(method, path, init = {}) {
      const headers: Record<string, string> = {};
      let body: string | undefined;
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(init.form).toString();
      } else if (init.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.body);
      }
      const q = init.query ? `?${new URLSearchParams(Object.fromEntries(Object.entries(init.query).map(([k, v]) => [k, String(v)]))).toString()}` : '';
      return send(server.port, method, `/external${path}${q}`, headers, body, init.from ?? '127.0.0.2');
    },
    tokenForm(overrides = {}, keys = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }) {
      const timestamp = overrides.timestamp ?? String(fake.core.now());
      const form: Record<string, string> = {
        client_id: keys.clientId,
        timestamp,
        grant_type: 'client_credentials',
        client_secret_sign: bcryptSign(keys.clientId, timestamp, keys.clientSecret),
        type: 'SELF',
      };
      for (const [k, v] of Object.entries(overrides)) if (v !== undefined) form[k] = v;
      return form;
    },
    token(clientId = DEFAULT_CLIENT_ID) {
      return fake.controls.issueToken(clientId).access_token;
    },
    control(op, body) {
      return send(server.port, 'POST', `/_fake/${op}`, { 'content-type': 'application/json' }, JSON.stringify(body ?? {}), '127.0.0.1');
    },
  };
  return h;
}
