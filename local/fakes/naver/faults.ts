/**
 * Injected faults: what a test or scenario makes the fake do on its next matching requests, for
 * `count` of them (or until cleared). Kinds: `server_error` (500 GW.INTERNAL_SERVER_ERROR, or
 * 502/503/504 with their gateway codes), `timeout` (the connection is dropped without an
 * answer, what a client sees as a timeout), `rate_limit` (429 GW.RATE_LIMIT whatever the bucket
 * holds: a burst), `slow` (the answer carries x-sim-delay-ms for the local runtime to charge).
 */
import { z } from 'zod';

const Match = {
  count: z.number().int().positive().optional(),
  /** Only paths (after /external) starting with this, e.g. "/v1/oauth2/token". */
  path: z.string().startsWith('/').optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).optional(),
  /** Only this application's calls. */
  clientId: z.string().optional(),
};

export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('server_error'), status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500), ...Match }),
  z.strictObject({ kind: z.literal('timeout'), ...Match }),
  z.strictObject({ kind: z.literal('rate_limit'), ...Match }),
  z.strictObject({ kind: z.literal('slow'), delayMs: z.number().int().positive(), ...Match }),
]);
export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.output<typeof FaultSchema>;

interface Active {
  id: string;
  fault: Fault;
  left: number;
}

export class Faults {
  private active: Active[] = [];
  private n = 0;

  add(input: FaultInput): { id: string } {
    const fault = FaultSchema.parse(input);
    const id = `fault-${++this.n}`;
    this.active.push({ id, fault, left: fault.count ?? Infinity });
    return { id };
  }

  clear(): { cleared: number } {
    const cleared = this.active.length;
    this.active = [];
    return { cleared };
  }

  /** The first fault matching this request, used up by one. */
  take(method: string, path: string, clientId: string | null): Fault | null {
    for (const a of this.active) {
      const f = a.fault;
      if (f.path !== undefined && !path.startsWith(f.path)) continue;
      if (f.method !== undefined && f.method !== method) continue;
      if (f.clientId !== undefined && f.clientId !== clientId) continue;
      a.left--;
      if (a.left <= 0) this.active = this.active.filter((x) => x !== a);
      return f;
    }
    return null;
  }
}
