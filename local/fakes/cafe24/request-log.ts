/** What the fake was asked and what it answered, for tests and the sandbox's output. Never
 * records credentials: request bodies are kept with their OAuth secrets masked, answer bodies
 * only by their size. */

import { BoundedLog } from '../bounded-log';

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
  /**
   * The request body: parsed JSON, a form's fields (OAuth secrets masked), or the text; absent
   * when the request had none.
   */
  requestBody?: unknown;
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

/** Form fields that are credentials (authorization code, refresh token, client secret). */
const SECRET_FIELDS = new Set(['code', 'refresh_token', 'client_secret', 'code_verifier', 'access_token']);
export const MASKED = '***';

/** What a request body said, for the log: JSON parsed, a form as its fields, else the text. */
export function loggedBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) fields[k] = SECRET_FIELDS.has(k) ? MASKED : v;
    return fields;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class RequestLog {
  private readonly entries: BoundedLog<RequestLogEntry>;

  constructor(max: number) {
    this.entries = new BoundedLog(max);
  }

  add(e: RequestLogEntry): void {
    this.entries.add(e);
  }

  list(): RequestLogEntry[] {
    return this.entries.items().map((e) => ({ ...e, query: { ...e.query }, headers: { ...e.headers }, faults: [...e.faults] }));
  }

  /** Oldest entries dropped so far to stay within the cap (the log says so rather than hide it). */
  dropped(): number {
    return this.entries.dropped;
  }

  clear(): void {
    this.entries.clear();
  }
}
