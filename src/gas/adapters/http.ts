import type { HttpRequest, HttpResponse } from '../../core/http';

/**
 * Executes request values with UrlFetchApp: one fetchAll round trip for a batch (several malls
 * at once). HTTP errors come back as responses (muteHttpExceptions); a network failure makes
 * Apps Script throw for the whole batch, so the batch is then sent one by one to find the
 * request that failed, which answers status 0 with Apps Script's message as its body.
 */
export function executeAll(requests: readonly HttpRequest[]): HttpResponse[] {
  if (requests.length === 0) return [];
  const params = requests.map(toFetch);
  try {
    fetched += params.length;
    return UrlFetchApp.fetchAll(params).map(fromFetch);
  } catch {
    return params.map((p) => {
      try {
        fetched++;
        return fromFetch(UrlFetchApp.fetch(p.url, p));
      } catch (e) {
        return { status: 0, headers: {}, body: String((e as Error).message ?? e) };
      }
    });
  }
}

/**
 * URL fetches of this execution (a global scope lives for one execution): Apps Script does not
 * say how much of the daily URL Fetch quota is used, so the sync counts its own for the sidebar.
 */
let fetched = 0;

export function fetchesSoFar(): number {
  return fetched;
}

function toFetch(r: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const p: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: r.url,
    method: r.method,
    headers: { ...r.headers },
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (r.payload !== undefined) p.payload = r.payload;
  if (r.contentType !== undefined) p.contentType = r.contentType;
  return p;
}

function fromFetch(res: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.getHeaders() as Record<string, string>)) headers[k.toLowerCase()] = String(v);
  return { status: res.getResponseCode(), headers, body: res.getContentText() };
}
