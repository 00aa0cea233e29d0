/**
 * Test harness: the fake on an ephemeral loopback port with a hand-driven clock, and a signed
 * request helper that can send from a chosen loopback address (the relay sends from 127.0.0.2).
 */
import * as http from 'node:http';
import { ceaHeader } from './auth';
import { createCoupangFake, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID, type CoupangFake } from './index';
import type { CoupangOptionsInput } from './options';
import type { CoupangSeedInput } from './seed';

/** 2026-11-23 10:00 KST. */
export const T0 = Date.parse('2026-11-23T10:00:00+09:00');
export const OPEN = `/v2/providers/openapi/apis/api/v4/vendors/${DEFAULT_VENDOR_ID}`;
export const SELLER = '/v2/providers/seller_api/apis/api/v1/marketplace';

export interface Answer {
  status: number;
  json: any;
}

export interface SendInit {
  body?: unknown;
  /** From which loopback address (default 127.0.0.2, the relay's). */
  from?: string;
  keys?: { accessKey: string; secretKey: string };
  /** Replaces the computed Authorization header. */
  authorization?: string;
  /** Sign at this time instead of the clock's. */
  signedAt?: number;
  method?: string;
}

export interface Harness {
  fake: CoupangFake;
  clock: { now: number };
  port: number;
  /** `path` with its raw query (`/v2/...?a=1`). */
  send(method: string, pathAndQuery: string, init?: SendInit): Promise<Answer>;
  close(): Promise<void>;
}

export async function startCoupangFake(init: { options?: CoupangOptionsInput; seed?: CoupangSeedInput; start?: number } = {}): Promise<Harness> {
  const clock = { now: init.start ?? T0 };
  const fake = createCoupangFake({ clock: () => clock.now, ...(init.seed ? { seed: init.seed } : {}), ...(init.options ? { options: init.options } : {}) });
  const server = await fake.listen(0, '127.0.0.1');
  return {
    fake,
    clock,
    port: server.port,
    close: server.close,
    send(method, pathAndQuery, s = {}) {
      const q = pathAndQuery.indexOf('?');
      const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
      const query = q < 0 ? '' : pathAndQuery.slice(q + 1);
      const keys = s.keys ?? { accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY };
      const authorization = s.authorization ?? ceaHeader(keys.accessKey, keys.secretKey, method, path, query, s.signedAt ?? clock.now);
      const payload = s.body === undefined ? undefined : Buffer.from(JSON.stringify(s.body), 'utf8');
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            localAddress: s.from ?? '127.0.0.2',
            method,
            path: pathAndQuery,
            headers: { Authorization: authorization, 'Content-Type': 'application/json;charset=UTF-8', Host: 'api-gateway.coupang.com', ...(payload ? { 'Content-Length': String(payload.length) } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
            });
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? resolve({ status: 0, json: undefined }) : reject(e)));
        if (payload) req.write(payload);
        req.end();
      });
    },
  };
}
