/**
 * HTTP as plain values. Channels build requests and read responses; a shell executes them
 * (UrlFetchApp.fetchAll in Apps Script), so requests to several malls can go in one batch and
 * the channel code stays pure and testable.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Body text; JSON bodies are already serialised. */
  readonly payload?: string;
  readonly contentType?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A query string from pairs; undefined values are left out. No URLSearchParams in Apps Script. */
export function queryString(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
