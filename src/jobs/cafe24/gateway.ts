import type { HttpRequest, HttpResponse } from '../../core/http';
import type { Cafe24Call, Cafe24Connection, Cafe24Session, RateState, RetryHistory } from '../../channels/cafe24';
import { batchAllowance, Cafe24Error, decideRetry, errorFromResponse, FIRST_TRY, initialRateState, nextDelayMs, observe, recordSent } from '../../channels/cafe24';
import type { CachePort, Clock, HttpPort, Sleeper } from '../ports';
import { endsConnection, type TokenVault } from './token-vault';

/**
 * Runs Cafe24 calls for many malls at once. Each round sends, in one UrlFetchApp.fetchAll, what
 * every mall's bucket can take (never a burst it cannot), then reads each answer: accepted,
 * resent after the wait it asks for (429, 5xx), resent once after a token refresh (401), or
 * failed with Cafe24's own message. One mall's trouble (a revoked token, a 429 storm) stays that
 * mall's: the others go on. Past the deadline nothing new is sent and what is left comes back
 * deferred, so a run ends well inside Apps Script's six minutes and the next run goes on.
 */
export interface Cafe24Request<T> {
  readonly conn: Cafe24Connection;
  readonly call: Cafe24Call;
  readonly build: (s: Cafe24Session) => HttpRequest;
  /** Reads an accepted answer; may throw Cafe24Error (a body that does not fit). */
  readonly read: (r: HttpResponse) => T;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: Cafe24Error; readonly deferred: boolean };

export interface GatewayDeps {
  http: HttpPort;
  sleeper: Sleeper;
  clock: Clock;
  cache: CachePort;
  tokens: TokenVault;
  /** Epoch ms after which nothing new is sent. */
  deadline: number;
  /** The caller saves `ratesToSave()` itself, together with its own cache entries. */
  deferSave?: boolean;
}

interface Pending<T> {
  readonly index: number;
  readonly req: Cafe24Request<T>;
  history: RetryHistory;
  readyAt: number;
  /** The last answer that asked for a resend: what the caller hears if the resend is deferred. */
  last?: HttpResponse;
}

/** All malls' pacing state in one cache entry: one read and one write a run. */
export const RATES_KEY = 'cafe24.rates';
/**
 * Longer waits are not slept: a blocked mall's work is deferred to the next run instead, since
 * every second asleep counts against the daily trigger runtime (90 min on consumer accounts).
 */
export const MAX_SLEEP_MS = 2_000;
export const RATE_TTL_S = 3600;

export class Cafe24Gateway {
  private rates: Map<string, RateState> | null = null;
  /** Rounds of fetchAll sent, for the log. */
  rounds = 0;
  requests = 0;

  constructor(private readonly d: GatewayDeps) {}

  /**
   * Sends nothing new after `at` (never later than the deadline it was made with): the sync's
   * pushes stop in time for the next minute's run, which collects orders first.
   */
  narrowDeadline(at: number): void {
    this.d.deadline = Math.min(this.d.deadline, at);
  }

  run<T>(requests: readonly Cafe24Request<T>[]): Outcome<T>[] {
    const out: Outcome<T>[] = new Array<Outcome<T>>(requests.length);
    let pending: Pending<T>[] = requests.map((req, index) => ({ index, req, history: FIRST_TRY, readyAt: 0 }));
    const sessions = new Map<string, Cafe24Session | Cafe24Error>();
    const rates = this.loadRates(requests.map((r) => r.conn.mallId));

    const fail = (p: Pending<T>, error: Cafe24Error, deferred = false) => {
      out[p.index] = { ok: false, error, deferred };
    };
    const sessionOf = (conn: Cafe24Connection): Cafe24Session | Cafe24Error => {
      let s = sessions.get(conn.partnerId);
      if (!s) {
        const t = this.d.tokens.fresh(conn);
        s = t.ok ? { connection: conn, accessToken: t.token.accessToken } : t.error;
        sessions.set(conn.partnerId, s);
      }
      return s;
    };

    while (pending.length > 0) {
      const now = this.d.clock.now();
      // Past the deadline nothing is sent, not even a token refresh.
      if (now >= this.d.deadline) {
        for (const p of pending) fail(p, this.deferral(p, 'budget'), true);
        break;
      }
      // Malls without a usable token fail at once; the rest go on.
      pending = pending.filter((p) => {
        const s = sessionOf(p.req.conn);
        if (s instanceof Cafe24Error) fail(p, s, s.retryable);
        return !(s instanceof Cafe24Error);
      });
      if (pending.length === 0) break;
      const batch = this.pickBatch(pending, rates, now);
      if (batch.length === 0) {
        const waits = pending.map((p) => this.waitFor([p], rates, now));
        const wait = Math.min(...waits);
        if (wait > MAX_SLEEP_MS || now + wait >= this.d.deadline) {
          for (const p of pending) fail(p, this.deferral(p, now + wait >= this.d.deadline ? 'budget' : 'throttled'), true);
          break;
        }
        // Those that would wait long go to the next run; the rest wait a moment.
        pending = pending.filter((p, i) => {
          if (waits[i]! <= MAX_SLEEP_MS) return true;
          fail(p, this.deferral(p, 'throttled'), true);
          return false;
        });
        this.d.sleeper.sleep(wait);
        continue;
      }
      const sessionsUsed = batch.map((p) => sessionOf(p.req.conn) as Cafe24Session);
      const sent = batch.map((p, i) => p.req.build(sessionsUsed[i]!));
      const responses = this.d.http.executeAll(sent);
      this.rounds++;
      this.requests += batch.length;
      const at = this.d.clock.now();
      this.observe(batch, responses, rates, now, at);
      const done = new Set<Pending<T>>();
      batch.forEach((p, i) => {
        const response = responses[i]!;
        const step = decideRetry(sent[i]!.method, response, p.history, at);
        const d = step.decision;
        p.history = step.history;
        switch (d.action) {
          case 'accept':
            done.add(p);
            try {
              out[p.index] = { ok: true, value: p.req.read(response) };
            } catch (e) {
              if (!(e instanceof Cafe24Error)) throw e;
              fail(p, e);
            }
            return;
          case 'retry':
            p.readyAt = at + d.delayMs;
            p.last = response;
            return;
          case 'refreshToken': {
            // The token this request went with: if another 401 of this round already refreshed
            // it, the vault finds the stored one newer and does not rotate again.
            const t = this.d.tokens.refresh(p.req.conn, sessionsUsed[i]!.accessToken);
            sessions.set(p.req.conn.partnerId, t.ok ? { connection: p.req.conn, accessToken: t.token.accessToken } : t.error);
            return;
          }
          case 'defer':
            done.add(p);
            fail(p, errorFromResponse(p.req.call, p.req.conn.mallId, response), true);
            return;
          case 'fail': {
            done.add(p);
            const error = errorFromResponse(p.req.call, p.req.conn.mallId, response);
            fail(p, error);
            // Refused even with a fresh token: the mall is left alone until it is reconnected,
            // and its other requests of this call are not sent.
            if (endsConnection(error)) {
              this.d.tokens.endConnection(p.req.conn, error, sessionsUsed[i]!.accessToken);
              sessions.set(p.req.conn.partnerId, error);
            }
            return;
          }
        }
      });
      pending = pending.filter((p) => !done.has(p));
    }
    this.saveRates(rates);
    return out;
  }

  /** Why a request goes to the next run: its last refusal when it had one, else the reason. */
  private deferral<T>(p: Pending<T>, why: 'budget' | 'throttled'): Cafe24Error {
    return p.last ? errorFromResponse(p.req.call, p.req.conn.mallId, p.last) : deferredError(p.req, why);
  }

  /** Per mall, the ready requests its bucket can take now, in request order. */
  private pickBatch<T>(pending: Pending<T>[], rates: Map<string, RateState>, now: number): Pending<T>[] {
    const room = new Map<string, number>();
    const batch: Pending<T>[] = [];
    for (const p of pending) {
      if (p.readyAt > now) continue;
      const mall = p.req.conn.mallId;
      let left = room.get(mall);
      if (left === undefined) left = batchAllowance(rates.get(mall) ?? initialRateState(now), now);
      if (left <= 0) continue;
      room.set(mall, left - 1);
      batch.push(p);
    }
    return batch;
  }

  private waitFor<T>(pending: Pending<T>[], rates: Map<string, RateState>, now: number): number {
    let wait = Infinity;
    for (const p of pending) {
      const rate = nextDelayMs(rates.get(p.req.conn.mallId) ?? initialRateState(now), now);
      wait = Math.min(wait, Math.max(p.readyAt - now, rate));
    }
    return Math.max(1, Number.isFinite(wait) ? wait : 1000);
  }

  private observe<T>(batch: Pending<T>[], responses: HttpResponse[], rates: Map<string, RateState>, sentAt: number, at: number): void {
    const byMall = new Map<string, HttpResponse[]>();
    batch.forEach((p, i) => {
      const list = byMall.get(p.req.conn.mallId) ?? [];
      list.push(responses[i]!);
      byMall.set(p.req.conn.mallId, list);
    });
    for (const [mall, list] of byMall) {
      const sent = recordSent(rates.get(mall) ?? initialRateState(sentAt), list.length, sentAt);
      rates.set(mall, observe(sent, list, at));
    }
  }

  private loadRates(_malls: readonly string[]): Map<string, RateState> {
    if (this.rates) return this.rates;
    const rates = new Map<string, RateState>();
    const text = this.d.cache.getAll([RATES_KEY])[RATES_KEY];
    if (text) {
      try {
        for (const [m, s] of Object.entries(JSON.parse(text) as Record<string, RateState>)) rates.set(m, s);
      } catch {
        // A damaged entry is as good as none: start from empty bucket estimates.
      }
    }
    this.rates = rates;
    return rates;
  }

  /** The pacing state to keep for the next run (the caller writes it with its own cache entries). */
  ratesToSave(): Record<string, string> {
    return this.rates ? { [RATES_KEY]: JSON.stringify(Object.fromEntries(this.rates)) } : {};
  }

  private saveRates(_rates: Map<string, RateState>): void {
    if (!this.d.deferSave) this.d.cache.putAll(this.ratesToSave(), RATE_TTL_S);
  }
}

function deferredError<T>(r: Cafe24Request<T>, why: 'budget' | 'throttled'): Cafe24Error {
  const budget = why === 'budget';
  return new Cafe24Error({
    mallId: r.conn.mallId,
    call: r.call,
    status: 0,
    kind: budget ? 'network' : 'rateLimited',
    code: null,
    cafe24Message: null,
    retryable: true,
    reconnect: false,
    detail: budget ? 'deferred to the next run (time budget of this execution spent)' : 'deferred to the next run (the mall is throttling calls)',
    userMessage: budget ? '이번 실행 시간이 부족해 다음 실행에서 이어서 처리합니다' : '카페24 호출 한도 초과: 다음 실행에서 이어서 처리합니다',
  });
}
