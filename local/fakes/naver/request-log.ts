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
  private entries: NaverLogEntry[] = [];
  dropped = 0;
  constructor(private readonly max: number) {}
  add(e: NaverLogEntry): void {
    this.entries.push(e);
    if (this.entries.length > this.max) {
      this.entries.shift();
      this.dropped++;
    }
  }
  all(): NaverLogEntry[] {
    return [...this.entries];
  }
  clear(): void {
    this.entries = [];
    this.dropped = 0;
  }
}
