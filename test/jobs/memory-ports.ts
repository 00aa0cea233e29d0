/**
 * In-memory ports for the job specifications: a simulated clock that moves only when slept
 * (and, optionally, a fixed time per executeAll), script properties with the per-execution copy
 * the Apps Script adapter keeps, a cache, a lock that can be refused, and a small scripted
 * Cafe24: per mall a queue of answers (then a default 200 from a leaky-bucket model), every
 * request recorded with the round and the simulated time it was sent at.
 *
 * Everything the ports do is also written to one journal, so a specification can state the
 * order of things across ports ("the new pair is stored before the resend").
 */
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import type { CachePort, Clock, HttpPort, KeyValueStore, LockPort, Sleeper } from '../../src/core/ports';
import type { Cafe24Connection, Cafe24Token } from '../../src/channels/cafe24';
import { BUCKET_CAPACITY, cafe24Connection, DRAIN_PER_SECOND } from '../../src/channels/cafe24';
import { APP_KEY, tokenKey, TokenVault } from '../../src/channels/cafe24/token-vault';
import { ChannelGateway } from '../../src/jobs/gateway';
import { cafe24Transport } from '../../src/channels/cafe24/transport';

/** 2026-03-10 10:00 in Seoul. */
export const T0 = Date.parse('2026-03-10T10:00:00+09:00');
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type Journal = string[];

/** Clock and sleeper in one: time moves only when slept or advanced. */
export class SimClock implements Clock, Sleeper {
  readonly sleeps: number[] = [];
  constructor(
    private t: number,
    private readonly journal: Journal = [],
  ) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.journal.push(`sleep ${ms}`);
    this.t += ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  /** Total time slept. */
  get slept(): number {
    return this.sleeps.reduce((a, b) => a + b, 0);
  }
}

/**
 * Script properties as the adapter has them: `get` answers from a copy read once per execution,
 * `getLatest` asks the store (and refreshes the copy), writes go to both.
 */
export class MemoryStore implements KeyValueStore {
  private readonly live = new Map<string, string>();
  private copy: Map<string, string> | null = null;
  readonly writes: Array<{ key: string; value: string }> = [];
  readonly latestReads: string[] = [];

  constructor(private readonly journal: Journal = []) {}

  /** Present before the execution started. */
  seed(key: string, value: string): void {
    this.live.set(key, value);
  }
  /** Another execution writes: the store changes, this execution's copy does not. */
  setElsewhere(key: string, value: string): void {
    this.live.set(key, value);
  }
  deleteElsewhere(key: string): void {
    this.live.delete(key);
  }
  /** What the store holds now (not a port call). */
  peek(key: string): string | null {
    return this.live.get(key) ?? null;
  }

  get(key: string): string | null {
    this.copy ??= new Map(this.live);
    return this.copy.get(key) ?? null;
  }
  getLatest(key: string): string | null {
    this.latestReads.push(key);
    this.journal.push(`store.getLatest ${key}`);
    const v = this.live.get(key) ?? null;
    if (this.copy) {
      if (v === null) this.copy.delete(key);
      else this.copy.set(key, v);
    }
    return v;
  }
  set(key: string, value: string): void {
    this.writes.push({ key, value });
    this.journal.push(`store.set ${key}`);
    this.live.set(key, value);
    this.copy?.set(key, value);
  }
  delete(key: string): void {
    this.journal.push(`store.delete ${key}`);
    this.live.delete(key);
    this.copy?.delete(key);
  }
}

export class MemoryCache implements CachePort {
  readonly entries = new Map<string, string>();
  readonly getAllCalls: string[][] = [];
  readonly putAllCalls: Array<{ values: Record<string, string>; seconds: number }> = [];

  getAll(keys: readonly string[]): Record<string, string> {
    this.getAllCalls.push([...keys]);
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.entries.get(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  putAll(values: Readonly<Record<string, string>>, seconds: number): void {
    this.putAllCalls.push({ values: { ...values }, seconds });
    for (const [k, v] of Object.entries(values)) this.entries.set(k, v);
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
}

/** A lock that is free unless `busy` (another execution holds it past the timeout). */
export class MemoryLock implements LockPort {
  busy = false;
  held = false;
  readonly timeouts: number[] = [];

  constructor(private readonly journal: Journal = []) {}

  withLock<T>(timeoutMs: number, fn: () => T): T | null {
    this.timeouts.push(timeoutMs);
    if (this.busy) {
      this.journal.push('lock refused');
      return null;
    }
    this.held = true;
    this.journal.push('lock');
    try {
      return fn();
    } finally {
      this.held = false;
      this.journal.push('unlock');
    }
  }
}

/** An answer, or a function of the request and the simulated time it arrived. */
export type Answer = HttpResponse | ((req: HttpRequest, at: number) => HttpResponse);

export interface SentRequest {
  readonly round: number;
  /** Simulated time it was sent. */
  readonly at: number;
  readonly mall: string;
  readonly kind: 'admin' | 'oauth';
  readonly method: string;
  readonly url: string;
  /** Path after /api/v2, without the query. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string | undefined;
  /** The Bearer token sent, if any. */
  readonly bearer: string | null;
  /** Whether the lock was held when it was sent. */
  readonly underLock: boolean;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

const URL_RE = /^https:\/\/([a-z0-9]+)\.cafe24api\.com\/api\/v2(\/(admin|oauth)\/[^?]*)/;

/**
 * A scripted Cafe24 for many malls. Admin calls take the mall's next scripted answer, else a 200
 * echoing the call with the bucket's `X-Api-Call-Limit` (and a 429 when the bucket overflows).
 * Every admin call counts in the mall's bucket, scripted or not. Token calls take the mall's
 * next scripted token answer; one that was not scripted fails the specification.
 */
export class FakeCafe24 implements HttpPort {
  readonly sent: SentRequest[] = [];
  readonly rounds: SentRequest[][] = [];
  private readonly answers = new Map<string, Answer[]>();
  private readonly tokenAnswers = new Map<string, Answer[]>();
  private readonly buckets = new Map<string, { level: number; at: number }>();
  /** Highest bucket fill per mall after any call (the default answers keep it ≤ 40). */
  readonly peak = new Map<string, number>();

  constructor(
    private readonly clock: SimClock,
    private readonly opts: { roundTripMs?: number; journal?: Journal; lock?: MemoryLock } = {},
  ) {}

  /** Queues answers for the mall's next admin calls. */
  answer(mall: string, ...answers: Answer[]): this {
    this.answers.set(mall, [...(this.answers.get(mall) ?? []), ...answers]);
    return this;
  }
  /** Queues answers for the mall's next token calls. */
  answerToken(mall: string, ...answers: Answer[]): this {
    this.tokenAnswers.set(mall, [...(this.tokenAnswers.get(mall) ?? []), ...answers]);
    return this;
  }
  /** The mall's bucket already holds `level` calls now (other apps, an earlier execution). */
  fillBucket(mall: string, level: number): this {
    this.buckets.set(mall, { level, at: this.clock.now() });
    return this;
  }

  adminCalls(mall?: string): SentRequest[] {
    return this.sent.filter((r) => r.kind === 'admin' && (mall === undefined || r.mall === mall));
  }
  tokenCalls(mall?: string): SentRequest[] {
    return this.sent.filter((r) => r.kind === 'oauth' && (mall === undefined || r.mall === mall));
  }

  executeAll(requests: readonly HttpRequest[]): HttpResponse[] {
    const at = this.clock.now();
    const round = this.rounds.length;
    const batch: SentRequest[] = [];
    const responses = requests.map((req) => {
      const m = URL_RE.exec(req.url);
      if (!m) throw new Error(`FakeCafe24: not a Cafe24 URL: ${req.url}`);
      const mall = m[1]!;
      const kind = m[3] === 'oauth' ? ('oauth' as const) : ('admin' as const);
      const auth = req.headers['Authorization'] ?? '';
      const sent: SentRequest = {
        round,
        at,
        mall,
        kind,
        method: req.method,
        url: req.url,
        path: m[2]!,
        headers: { ...req.headers },
        payload: req.payload,
        bearer: auth.startsWith('Bearer ') ? auth.slice(7) : null,
        underLock: this.opts.lock?.held ?? false,
      };
      batch.push(sent);
      this.sent.push(sent);
      this.opts.journal?.push(kind === 'oauth' ? `token ${mall}` : `${req.method.toUpperCase()} ${mall}${sent.path} ${auth}`);
      return kind === 'oauth' ? this.tokenAnswer(mall, req, at) : this.adminAnswer(mall, req, sent.path, at);
    });
    this.rounds.push(batch);
    this.clock.advance(this.opts.roundTripMs ?? 0);
    return responses;
  }

  private tokenAnswer(mall: string, req: HttpRequest, at: number): HttpResponse {
    const next = this.tokenAnswers.get(mall)?.shift();
    if (next === undefined) throw new Error(`FakeCafe24: unexpected token call for ${mall}`);
    return typeof next === 'function' ? next(req, at) : next;
  }

  private adminAnswer(mall: string, req: HttpRequest, path: string, at: number): HttpResponse {
    const b = this.buckets.get(mall) ?? { level: 0, at };
    const drained = Math.max(0, b.level - (Math.max(0, at - b.at) / 1000) * DRAIN_PER_SECOND);
    const overflow = drained + 1 > BUCKET_CAPACITY;
    const level = overflow ? BUCKET_CAPACITY : drained + 1;
    this.buckets.set(mall, { level, at });
    this.peak.set(mall, Math.max(this.peak.get(mall) ?? 0, level));
    const scripted = this.answers.get(mall)?.shift();
    if (scripted !== undefined) return typeof scripted === 'function' ? scripted(req, at) : scripted;
    const limit = { 'x-api-call-limit': `${Math.ceil(level)}/${BUCKET_CAPACITY}` };
    if (overflow) return json(429, { error: { code: 429, message: 'Too Many Requests' } }, limit);
    return json(200, { mall, method: req.method, path }, limit);
  }
}

// ---- tokens --------------------------------------------------------------------------------

export const APP = { clientId: 'pmSheetClientId0001', clientSecret: 's3cret' };
export const REDIRECT_URI = 'https://script.google.com/macros/d/SCRIPT/usercallback';
export const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** Seoul wall time without a zone, as Cafe24's token endpoint prints it. */
export const seoulWallTime = (ms: number): string => new Date(ms + 9 * HOUR).toISOString().slice(0, 23);

/** A stored pair: access for 2 h, refresh for 14 days from `issuedAt`, unless overridden. */
export function tokenOf(mall: string, access: string, over: Partial<Cafe24Token> = {}, issuedAt = T0): Cafe24Token {
  return {
    mallId: mall,
    accessToken: access,
    accessExpiresAt: issuedAt + 2 * HOUR,
    refreshToken: `refresh-of-${access}`,
    refreshExpiresAt: issuedAt + 14 * DAY,
    scopes: ['mall.read_product', 'mall.write_product', 'mall.read_order', 'mall.write_order'],
    ...over,
  };
}

/** The token endpoint's answer issuing a new pair at `at`. */
export function tokenAnswer(mall: string, access: string, refresh: string, at: number): HttpResponse {
  return json(200, {
    access_token: access,
    expires_at: seoulWallTime(at + 2 * HOUR),
    refresh_token: refresh,
    refresh_token_expires_at: seoulWallTime(at + 14 * DAY),
    client_id: APP.clientId,
    mall_id: mall,
    user_id: mall,
    scopes: ['mall.read_product', 'mall.write_product', 'mall.read_order', 'mall.write_order'],
    issued_at: seoulWallTime(at),
    shop_no: '1',
    token_type: 'Bearer',
  });
}

/** Answers a token call with a new pair issued at the time the call arrives. */
export const issues =
  (mall: string, access: string, refresh: string): Answer =>
  (_req, at) =>
    tokenAnswer(mall, access, refresh, at);

// ---- one execution's world ---------------------------------------------------------------

export const najalran = cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' });
export const borasaeg = cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg' });
export const sodamhan = cafe24Connection({ partnerId: 'PNR003', mallId: 'sodamhan' });

export interface World {
  journal: Journal;
  clock: SimClock;
  http: FakeCafe24;
  store: MemoryStore;
  cache: MemoryCache;
  lock: MemoryLock;
  /** Stores a pair for the partner before the execution starts. */
  connect(conn: Cafe24Connection, token: Cafe24Token): void;
  vault(): TokenVault;
  gateway(opts?: { deadline?: number; tokens?: TokenVault }): ChannelGateway;
}

/** Ports of one execution starting at T0, with the app's credentials stored. */
export function world(opts: { roundTripMs?: number } = {}): World {
  const journal: Journal = [];
  const clock = new SimClock(T0, journal);
  const lock = new MemoryLock(journal);
  const http = new FakeCafe24(clock, { journal, lock, ...(opts.roundTripMs === undefined ? {} : { roundTripMs: opts.roundTripMs }) });
  const store = new MemoryStore(journal);
  const cache = new MemoryCache();
  store.seed(APP_KEY, JSON.stringify(APP));
  const vault = () => new TokenVault({ store, lock, http, clock, base64, redirectUri: REDIRECT_URI });
  return {
    journal,
    clock,
    http,
    store,
    cache,
    lock,
    connect(conn, token) {
      store.seed(tokenKey(conn.partnerId), JSON.stringify(token));
    },
    vault,
    gateway(g = {}) {
      return new ChannelGateway({ http, sleeper: clock, clock, cache, transports: [cafe24Transport(g.tokens ?? vault())], deadline: g.deadline ?? T0 + 5 * 60_000 });
    },
  };
}
