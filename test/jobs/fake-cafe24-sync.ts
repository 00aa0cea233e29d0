/**
 * The local Cafe24 fake behind a synchronous HttpPort, in process: what the gateway needs to run
 * against the real fake from a job specification (UrlFetchApp blocks; the fake's HTTP server
 * does not). Requests go through the fake's own Admin pipeline (token, bucket, version, route,
 * scope, body), exactly as over HTTP; only the socket is left out.
 */
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import type { HttpPort } from '../../src/jobs/ports';
import { createAdminHandler } from '../../local/fakes/cafe24/api';
import { Controls } from '../../local/fakes/cafe24/control';
import { FakeCore } from '../../local/fakes/cafe24/core';
import { defaultSeed } from '../../local/fakes/cafe24/default-seed';
import { LimitOptionsSchema, StrictOptionsSchema, VersionOptionsSchema } from '../../local/fakes/cafe24/options';
import { Cafe24Seed } from '../../local/fakes/cafe24/seed-schema';

const URL_RE = /^https:\/\/([a-z0-9]+)\.cafe24api\.com(\/api\/v2\/admin\/[^?]*)(\?.*)?$/;

export interface SyncFake {
  readonly core: FakeCore;
  readonly controls: Controls;
  readonly http: HttpPort;
  /** Every request sent, in order. */
  readonly sent: HttpRequest[];
}

export function syncFake(clock: () => number, seed: unknown = defaultSeed): SyncFake {
  const opts = {
    strict: StrictOptionsSchema.parse({}),
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
    if (!m) throw new Error(`syncFake: not an Admin API URL: ${req.url}`);
    const mall = core.requireMall(m[1]!);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const reply = admin(
      mall,
      {
        method: req.method.toUpperCase(),
        path: m[2]!,
        rawUrl: `${m[2]}${m[3] ?? ''}`,
        query: new URLSearchParams(m[3] ?? ''),
        header: (name) => headers[name.toLowerCase()],
        body: Buffer.from(req.payload ?? '', 'utf8'),
        extraCostMs: 0,
      },
      clock(),
    );
    return { status: reply.status, headers: reply.headers, body: reply.body ?? '' };
  };
  return { core, controls, sent, http: { executeAll: (requests) => requests.map(one) } };
}
