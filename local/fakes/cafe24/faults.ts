/**
 * Injected faults: what a test or scenario makes a mall do on its next requests. Each fault
 * lasts for `count` matching requests, or a simulated-time window (`from`/`until`, or
 * `forMs` from injection), or both (whichever ends first); with neither it lasts until
 * cleared. Pure matching; the HTTP layer applies the effect.
 *
 * Kinds:
 * - `rate_limit`: 429 storm, answered as the real bucket would (`X-Api-Call-Limit: 40/40`).
 * - `server_error`: 500 (or 502/503/504) with Cafe24's error body.
 * - `slow`: the answer carries `x-sim-delay-ms: <ms>` (the Apps Script runtime's network layer
 *   strips `x-sim-*` headers and charges that simulated latency); `real: true` also waits that
 *   long for real, for standalone use.
 * - `malformed_json`: a normal answer whose body is cut short (invalid JSON).
 * - `reset`: the connection is destroyed without an answer.
 */
import { z } from 'zod';

const Window = {
  /** How many matching requests the fault affects. */
  count: z.number().int().positive().optional(),
  /** Simulated epoch ms from which it applies (default: now). */
  from: z.number().optional(),
  /** Simulated epoch ms at which it stops. */
  until: z.number().optional(),
  /** Duration from injection (simulated ms); an alternative to `until`. */
  forMs: z.number().positive().optional(),
  /** Only requests whose path (after /api/v2, e.g. "/admin/orders") starts with this. */
  path: z.string().startsWith('/').optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** Which endpoints: the Admin API (default), the OAuth endpoints, or both. */
  target: z.enum(['api', 'oauth', 'all']).default('api'),
};

export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rate_limit'), ...Window }),
  z.strictObject({
    kind: z.literal('server_error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
    message: z.string().optional(),
    ...Window,
  }),
  z.strictObject({ kind: z.literal('slow'), delayMs: z.number().int().positive(), real: z.boolean().default(false), ...Window }),
  z.strictObject({ kind: z.literal('malformed_json'), ...Window }),
  z.strictObject({ kind: z.literal('reset'), ...Window }),
]);

export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.output<typeof FaultSchema>;

export interface ActiveFault {
  id: string;
  fault: Fault;
  from: number;
  until: number | null;
  remaining: number | null;
  hits: number;
}

export function activate(id: string, fault: Fault, now: number): ActiveFault {
  const until = fault.until ?? (fault.forMs !== undefined ? (fault.from ?? now) + fault.forMs : null);
  return { id, fault, from: fault.from ?? now, until, remaining: fault.count ?? null, hits: 0 };
}

export interface FaultRequest {
  now: number;
  method: string;
  /** Path after /api/v2 ("/admin/orders", "/oauth/token"). */
  path: string;
  target: 'api' | 'oauth';
}

function applies(a: ActiveFault, r: FaultRequest): boolean {
  const f = a.fault;
  if (r.now < a.from) return false;
  if (a.until !== null && r.now >= a.until) return false;
  if (a.remaining !== null && a.remaining <= 0) return false;
  if (f.target !== 'all' && f.target !== r.target) return false;
  if (f.method && f.method !== r.method) return false;
  if (f.path && !r.path.startsWith(f.path)) return false;
  return true;
}

/**
 * Faults that apply to this request, each consuming one of its `count`. Expired faults are
 * dropped from the list as a side effect.
 */
export function takeFaults(list: ActiveFault[], r: FaultRequest): Fault[] {
  const hit: Fault[] = [];
  for (const a of list) {
    if (!applies(a, r)) continue;
    if (a.remaining !== null) a.remaining -= 1;
    a.hits += 1;
    hit.push(a.fault);
  }
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i]!;
    if ((a.remaining !== null && a.remaining <= 0) || (a.until !== null && r.now >= a.until)) list.splice(i, 1);
  }
  return hit;
}
