import { BoundedLog } from '../bounded-log';
/** What the fake was asked and what it answered. Secrets (the signature, the token) are never kept. */
export interface NaverLogEntry {
  /** Simulated time (epoch ms). */
  at: number;
  /** The client id the request was made for (token calls: the form's; API calls: the token's), or null. */
  clientId: string | null;
  /** The caller's address as the socket saw it (the IP rule). */
  remoteAddress: string;
  method: string;
  /** Path after /external, e.g. /v1/pay-order/seller/product-orders/query. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** The gateway or API error code of the answer (GW.RATE_LIMIT …), or null. */
  code: string | null;
  requestBody?: unknown;
  faults: string[];
}

const SECRET_FIELDS = new Set(['client_secret_sign', 'client_secret', 'access_token']);

export function loggedBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) out[k] = SECRET_FIELDS.has(k) ? '***' : v;
    return out;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 500);
  }
}

export class RequestLog {
  private readonly entries: BoundedLog<NaverLogEntry>;
  constructor(max: number) {
    this.entries = new BoundedLog(max);
  }
  get dropped(): number {
    return this.entries.dropped;
  }
  add(e: NaverLogEntry): void {
    this.entries.add(e);
  }
  all(): NaverLogEntry[] {
    return [...this.entries.items()];
  }
  clear(): void {
    this.entries.clear();
  }
}
