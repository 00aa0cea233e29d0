/** What the fake was asked and what it answered, for tests and the sandbox's output. Never
 * records credentials or bodies, only their size. */

export interface RequestLogEntry {
  /** Simulated time the request arrived (epoch ms). */
  at: number;
  /** null for requests no mall was found for, and for /_fake control calls. */
  mall: string | null;
  method: string;
  /** Path without the mall prefix, e.g. /api/v2/admin/orders. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Rate-limit, usage, version, location and x-sim-* headers of the answer. */
  headers: Record<string, string>;
  /** Bytes of the answer body. */
  bodyBytes: number;
  /** Injected faults that shaped the answer. */
  faults: string[];
}

const LOGGED_HEADERS = [
  'x-api-call-limit',
  'x-cafe24-call-usage',
  'x-cafe24-call-remain',
  'x-cafe24-time-usage',
  'x-cafe24-time-remain',
  'x-cafe24-api-version',
  'retry-after',
  'location',
  'x-sim-delay-ms',
];

export function selectHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (LOGGED_HEADERS.includes(k.toLowerCase())) out[k.toLowerCase()] = v;
  return out;
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  constructor(private readonly max: number) {}

  add(e: RequestLogEntry): void {
    this.entries.push(e);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query }, headers: { ...e.headers }, faults: [...e.faults] }));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
