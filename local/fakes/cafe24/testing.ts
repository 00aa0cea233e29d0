/**
 * Test harness: the fake on an ephemeral loopback port with a hand-driven clock, and small
 * request helpers (fetch with the `/{mall_id}` prefix, or node:http with a real Host header).
 */
import { strictFromEnv } from './options';
import * as http from 'node:http';
import type { Cafe24Fake, Cafe24FakeOptions } from './index';
import { createCafe24Fake } from './index';
import { defaultSeed } from './default-seed';

export interface ManualClock {
  now: number;
  advance(ms: number): void;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it is empty or not JSON. */
  json: any;
}

export interface Harness {
  fake: Cafe24Fake;
  clock: ManualClock;
  port: number;
  base: string;
  close(): Promise<void>;
  /** Admin API call through the path prefix: `/{mall}/api/v2/admin{path}`. */
  api(mall: string, method: string, path: string, init?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiAnswer>;
  /** Any path under the mall (OAuth included), through the path prefix. */
  call(mall: string, method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<ApiAnswer>;
  /** Same request with a real `Host: {mall}.cafe24api.com` header (node:http). */
  viaHost(mall: string, method: string, path: string, headers?: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }>;
  /** A token for a mall without the OAuth dance. */
  token(mall: string, scopes?: string[]): string;
}

/** 2026-11-23 10:00 KST. */
export const T0 = Date.parse('2026-11-23T10:00:00+09:00');

async function answer(res: Response): Promise<ApiAnswer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function startFake(
  options: Partial<Omit<Cafe24FakeOptions, 'clock'>> & { start?: number } = {},
): Promise<Harness> {
  const clock: ManualClock = {
    now: options.start ?? T0,
    advance(ms: number) {
      this.now += ms;
    },
  };
  // The test matrix's reading (CAFE24_FAKE_STRICT) under the spec's own switches.
  const fake = createCafe24Fake({ ...options, strict: { ...strictFromEnv(), ...options.strict }, seed: options.seed ?? defaultSeed, clock: () => clock.now });
  const server = await fake.listen(0);
  const base = `http://127.0.0.1:${server.port}`;
  let closing: Promise<void> | null = null;
  return {
    fake,
    clock,
    port: server.port,
    base,
    /** Idempotent, so an afterEach can close whatever the test left open. */
    close: () => (closing ??= server.close()),
    async api(mall, method, path, init = {}) {
      const headers: Record<string, string> = { 'X-Cafe24-Api-Version': '2025-12-01', ...(init.headers ?? {}) };
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['Content-Type'] ??= 'application/json';
      }
      return answer(await fetch(`${base}/${mall}/api/v2/admin${path}`, { method, headers, body }));
    },
    async call(mall, method, path, init = {}) {
      return answer(await fetch(`${base}/${mall}${path}`, { method, headers: init.headers, body: init.body, redirect: 'manual' }));
    },
    viaHost(mall, method, path, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: server.port, method, path, headers: { ...headers, Host: `${mall}.cafe24api.com` } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined });
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
    },
    token(mall, scopes) {
      return String(fake.issueToken(mall, scopes ? { scopes } : {}).access_token);
    },
  };
}
