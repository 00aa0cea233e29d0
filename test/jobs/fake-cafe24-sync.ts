/**
 * The local Cafe24 fake behind a synchronous HttpPort, in process: what the gateway needs to run
 * against the real fake from a job specification (UrlFetchApp blocks; the fake's HTTP server
 * does not). Requests go through the fake's own Admin pipeline (token, bucket, version, route,
 * scope, body), exactly as over HTTP; only the socket is left out.
 */
import type { z } from 'zod';
import type { Cafe24Connection } from '../../src/channels/cafe24';
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import { ChannelGateway } from '../../src/jobs/gateway';
import { cafe24Transport } from '../../src/channels/cafe24/transport';
import { APP_KEY, tokenKey, TokenVault } from '../../src/channels/cafe24/token-vault';
import { APP, base64, MemoryCache, MemoryLock, MemoryStore, REDIRECT_URI, tokenOf, type SimClock } from './memory-ports';
import type { HttpPort } from '../../src/core/ports';
import { createAdminHandler } from '../../local/fakes/cafe24/api';
import { Controls } from '../../local/fakes/cafe24/control';
import { FakeCore } from '../../local/fakes/cafe24/core';
import { defaultSeed } from '../../local/fakes/cafe24/default-seed';
import { handleOAuth } from '../../local/fakes/cafe24/oauth';
import { LimitOptionsSchema, StrictOptionsSchema, strictFromEnv, VersionOptionsSchema } from '../../local/fakes/cafe24/options';
import { Cafe24Seed } from '../../local/fakes/cafe24/seed-schema';

const URL_RE = /^https:\/\/([a-z0-9]+)\.cafe24api\.com(\/api\/v2\/(?:admin|oauth)\/[^?]*)(\?.*)?$/;

export interface SyncFake {
  readonly core: FakeCore;
  readonly controls: Controls;
  readonly http: HttpPort;
  /** Every request sent, in order. */
  readonly sent: HttpRequest[];
}

/** `strict`: the fake's switches, over those of `CAFE24_FAKE_STRICT` (the test matrix's reading). */
export function syncFake(clock: () => number, seed: unknown = defaultSeed, strict: Partial<z.input<typeof StrictOptionsSchema>> = {}): SyncFake {
  const opts = {
    strict: StrictOptionsSchema.parse({ ...strictFromEnv(), ...strict }),
    limits: LimitOptionsSchema.parse({}),
    versions: VersionOptionsSchema.parse({}),
    maxLogEntries: 10_000,
  };
  const core = new FakeCore(clock, Cafe24Seed.parse(seed), opts);
  const controls = new Controls(core);
  const admin = createAdminHandler(core);
  const sent: HttpRequest[] = [];
  const one = (req: HttpRequest): HttpResponse => {
    sent.push(req);
    const m = URL_RE.exec(req.url);
    if (!m) throw new Error(`syncFake: not an Admin API or OAuth URL: ${req.url}`);
    const mall = core.requireMall(m[1]!);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = Buffer.from(req.payload ?? '', 'utf8');
    const query = new URLSearchParams(m[3] ?? '');
    const header = (name: string) => headers[name.toLowerCase()];
    const method = req.method.toUpperCase();
    const path = m[2]!;
    const reply = path.startsWith('/api/v2/oauth/')
      ? handleOAuth(core, mall, { method, path, query, header, body }, clock())
      : admin(mall, { method, path, rawUrl: `${path}${m[3] ?? ''}`, query, header, body, extraCostMs: 0 }, clock());
    return { status: reply.status, headers: reply.headers, body: reply.body ?? '' };
  };
  return { core, controls, sent, http: { executeAll: (requests) => requests.map(one) } };
}

/**
 * A gateway to the in-process fake for the given connections: the Cafe24 app saved, a fresh token
 * per mall, memory ports, a five-minute budget from T0 on the simulated clock.
 */
export function fakeGateway(connections: readonly Cafe24Connection[], clock: SimClock, at: number): { fake: SyncFake; gateway: ChannelGateway; cache: MemoryCache } {
  const fake = syncFake(() => clock.now());
  const store = new MemoryStore();
  store.seed(APP_KEY, JSON.stringify(APP));
  for (const c of connections) {
    const access = String(fake.controls.issueToken(c.mallId).access_token);
    store.seed(tokenKey(c.partnerId), JSON.stringify(tokenOf(c.mallId, access, {}, at)));
  }
  const tokens = new TokenVault({ store, lock: new MemoryLock(), http: fake.http, clock, base64, redirectUri: REDIRECT_URI });
  const cache = new MemoryCache();
  const gateway = new ChannelGateway({ http: fake.http, sleeper: clock, clock, cache, transports: [cafe24Transport(tokens)], deadline: at + 5 * 60_000 });
  return { fake, gateway, cache };
}
