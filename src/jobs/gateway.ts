import type { HttpRequest, HttpResponse } from '../core/http';
import type { CachePort, Clock, HttpPort, Sleeper } from '../core/ports';
import type { ChannelAccount } from '../channels/port';
import { ChannelError, endsConnection, type Alongside, type ChannelRequest, type ChannelSession, type Gateway, type Outcome, type Transport } from '../channels/port';

/**
 * Runs channel calls for many accounts of every channel at once. Each round sends, in one
 * UrlFetchApp.fetchAll, what every account's pacing allows (never a burst it cannot take), then
 * reads each answer as its channel's transport says: accepted, resent after the wait it asks
 * for (429, 5xx), resent once after a token refresh (401), or failed with the channel's own
 * message. One account's trouble (a revoked token, a 429 storm) stays that account's: the
 * others go on. Past the deadline nothing new is sent and what is left comes back deferred, so
 * a run ends well inside Apps Script's six minutes and the next run goes on.
 */
export interface GatewayDeps {
  http: HttpPort;
  sleeper: Sleeper;
  clock: Clock;
  cache: CachePort;
  /** One per channel whose accounts may be called. */
  transports: readonly Transport[];
  /** Epoch ms after which nothing new is sent. */
  deadline: number;
  /** The caller saves `ratesToSave()` itself, together with its own cache entries. */
  deferSave?: boolean;
}

interface Pending<T> {
  readonly index: number;
  readonly req: ChannelRequest<T>;
  readonly transport: Transport;
  history: unknown;
  readyAt: number;
  /** The last answer that asked for a resend: what the caller hears if the resend is deferred. */
  last?: HttpResponse;
}

/**
 * Longer waits are not slept: a blocked account's work is deferred to the next run instead, since
 * every second asleep counts against the daily trigger runtime (90 min on consumer accounts).
 */
export const MAX_SLEEP_MS = 2_000;
export const RATE_TTL_S = 3600;

export class ChannelGateway implements Gateway {
  /** Per transport, each account's pacing state: one cache entry per channel, read once a run. */
  private pacing: Map<Transport, Map<string, unknown>> | null = null;
  private readonly transports: ReadonlyMap<string, Transport>;
  /** Rounds of fetchAll sent, for the log. */
  rounds = 0;
  requests = 0;

  constructor(private readonly d: GatewayDeps) {
    this.transports = new Map(d.transports.map((t) => [t.channel, t]));
  }

  /**
   * Sends nothing new after `at` (never later than the deadline it was made with): the sync's
   * pushes stop in time for the next minute's run, which collects orders first.
   */
  narrowDeadline(at: number): void {
    this.d.deadline = Math.min(this.d.deadline, at);
  }

  run<T>(requests: readonly ChannelRequest<T>[], alongside?: Alongside): Outcome<T>[] {
    const out: Outcome<T>[] = new Array<Outcome<T>>(requests.length);
    /** Plain requests still to go: in the first round that sends anything, or alone at the end. */
    let extra: readonly HttpRequest[] = alongside?.requests ?? [];
    let pending: Pending<T>[] = requests.map((req, index) => {
      const transport = this.transportOf(req.account);
      return { index, req, transport, history: transport.firstTry(), readyAt: 0 };
    });
    const sessions = new Map<string, ChannelSession | ChannelError>();
    const pacing = this.loadPacing();

    const fail = (p: Pending<T>, error: ChannelError, deferred = false) => {
      out[p.index] = { ok: false, error, deferred };
    };
    const sessionOf = (p: Pending<T>): ChannelSession | ChannelError => {
      const key = sessionKey(p.req.account);
      let s = sessions.get(key);
      if (!s) sessions.set(key, (s = p.transport.session(p.req.account)));
      return s;
    };

    while (pending.length > 0) {
      const now = this.d.clock.now();
      // Past the deadline nothing is sent, not even a token refresh.
      if (now >= this.d.deadline) {
        for (const p of pending) fail(p, this.deferral(p, 'budget'), true);
        break;
      }
      // Accounts without a usable session fail at once; the rest go on.
      pending = pending.filter((p) => {
        const s = sessionOf(p);
        if (s instanceof ChannelError) fail(p, s, s.retryable);
        return !(s instanceof ChannelError);
      });
      if (pending.length === 0) break;
      let batch = this.pickBatch(pending, pacing, now);
      if (batch.length === 0) {
        const waits = pending.map((p) => this.waitFor(p, pacing, now));
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
      // A request the channel cannot build (a key it needs is missing) fails alone, saying why.
      const built = batch.flatMap((p) => {
        const session = sessionOf(p) as ChannelSession;
        try {
          return [{ p, session, request: p.req.build(session) }];
        } catch (e) {
          if (!(e instanceof ChannelError)) throw e;
          fail(p, e);
          pending = pending.filter((x) => x !== p);
          return [];
        }
      });
      if (built.length === 0) continue;
      batch = built.map((b) => b.p);
      const sessionsUsed = built.map((b) => b.session);
      const sent: HttpRequest[] = built.map((b) => b.request);
      const all = this.d.http.executeAll(extra.length > 0 ? [...sent, ...extra] : sent);
      this.rounds++;
      this.requests += batch.length;
      const responses = all.slice(0, sent.length);
      if (extra.length > 0) {
        extra = [];
        alongside!.answered(all.slice(sent.length));
      }
      const at = this.d.clock.now();
      this.observe(batch, responses, pacing, now, at);
      const done = new Set<Pending<T>>();
      batch.forEach((p, i) => {
        const response = responses[i]!;
        const step = p.transport.decide(sent[i]!.method, response, p.history, at);
        const d = step.decision;
        p.history = step.history;
        switch (d.action) {
          case 'accept':
            done.add(p);
            try {
              out[p.index] = { ok: true, value: p.req.read(response) };
            } catch (e) {
              if (!(e instanceof ChannelError)) throw e;
              fail(p, e);
            }
            return;
          case 'retry':
            p.readyAt = at + d.delayMs;
            p.last = response;
            return;
          case 'refreshToken':
            // The session this request went with: if another 401 of this round already
            // refreshed it, the transport finds the stored one newer and does not rotate again.
            sessions.set(sessionKey(p.req.account), p.transport.refresh(p.req.account, sessionsUsed[i]!));
            return;
          case 'defer':
            done.add(p);
            fail(p, p.transport.errorFrom(p.req.call, p.req.account, response), true);
            return;
          case 'fail': {
            done.add(p);
            const error = p.transport.errorFrom(p.req.call, p.req.account, response);
            fail(p, error);
            // Refused even with a fresh token: the account is left alone until it is
            // reconnected, and its other requests of this call are not sent.
            if (endsConnection(error)) {
              p.transport.endConnection(p.req.account, error, sessionsUsed[i]!);
              sessions.set(sessionKey(p.req.account), error);
            }
            return;
          }
        }
      });
      pending = pending.filter((p) => !done.has(p));
    }
    if (extra.length > 0) {
      alongside!.answered(this.d.http.executeAll(extra));
      this.rounds++;
    }
    if (!this.d.deferSave) this.d.cache.putAll(this.ratesToSave(), RATE_TTL_S);
    return out;
  }

  private transportOf(account: ChannelAccount): Transport {
    const t = this.transports.get(account.channel);
    if (!t) throw new Error(`no transport for channel ${account.channel} (partner ${account.partnerId})`);
    return t;
  }

  /** Why a request goes to the next run: its last refusal when it had one, else the reason. */
  private deferral<T>(p: Pending<T>, why: 'budget' | 'throttled'): ChannelError {
    return p.last ? p.transport.errorFrom(p.req.call, p.req.account, p.last) : p.transport.deferred(p.req.call, p.req.account, why);
  }

  private stateOf(pacing: Map<Transport, Map<string, unknown>>, p: Pending<unknown>, now: number): unknown {
    return pacing.get(p.transport)!.get(p.req.account.accountId) ?? p.transport.initialPacing(now);
  }

  /** Per account, the ready requests its pacing allows now, in request order. */
  private pickBatch<T>(pending: Pending<T>[], pacing: Map<Transport, Map<string, unknown>>, now: number): Pending<T>[] {
    const room = new Map<string, number>();
    const batch: Pending<T>[] = [];
    for (const p of pending) {
      if (p.readyAt > now) continue;
      const key = paceKey(p.req.account);
      let left = room.get(key);
      if (left === undefined) left = p.transport.allowance(this.stateOf(pacing, p, now), now);
      if (left <= 0) continue;
      room.set(key, left - 1);
      batch.push(p);
    }
    return batch;
  }

  private waitFor<T>(p: Pending<T>, pacing: Map<Transport, Map<string, unknown>>, now: number): number {
    const wait = Math.max(p.readyAt - now, p.transport.delayMs(this.stateOf(pacing, p, now), now));
    return Math.max(1, Number.isFinite(wait) ? wait : 1000);
  }

  private observe<T>(batch: Pending<T>[], responses: HttpResponse[], pacing: Map<Transport, Map<string, unknown>>, sentAt: number, at: number): void {
    const byAccount = new Map<string, { p: Pending<T>; list: HttpResponse[] }>();
    batch.forEach((p, i) => {
      const key = paceKey(p.req.account);
      const entry = byAccount.get(key) ?? { p, list: [] };
      entry.list.push(responses[i]!);
      byAccount.set(key, entry);
    });
    for (const { p, list } of byAccount.values()) {
      const state = this.stateOf(pacing, p, sentAt);
      pacing.get(p.transport)!.set(p.req.account.accountId, p.transport.observe(state, list, sentAt, at));
    }
  }

  private loadPacing(): Map<Transport, Map<string, unknown>> {
    if (this.pacing) return this.pacing;
    const transports = [...this.transports.values()];
    // Every channel's pacing in one cache read.
    const kept = this.d.cache.getAll(transports.map((t) => t.pacingKey));
    this.pacing = new Map(
      transports.map((t) => {
        const states = new Map<string, unknown>();
        const text = kept[t.pacingKey];
        if (text) {
          try {
            for (const [account, s] of Object.entries(JSON.parse(text) as Record<string, unknown>)) states.set(account, s);
          } catch {
            // A damaged entry is as good as none: start from empty estimates.
          }
        }
        return [t, states];
      }),
    );
    return this.pacing;
  }

  /** The pacing state to keep for the next run (the caller writes it with its own cache entries). */
  ratesToSave(): Record<string, string> {
    if (!this.pacing) return {};
    return Object.fromEntries([...this.pacing].map(([t, states]) => [t.pacingKey, JSON.stringify(Object.fromEntries(states))]));
  }
}

const sessionKey = (a: ChannelAccount) => `${a.channel}|${a.partnerId}`;
const paceKey = (a: ChannelAccount) => `${a.channel}|${a.accountId}`;
