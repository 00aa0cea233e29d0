import type { HttpRequest, HttpResponse } from '../../core/http';

/**
 * Executes request values with UrlFetchApp: one fetchAll round trip for a batch (several malls
 * at once). HTTP errors come back as responses (muteHttpExceptions); a network failure makes
 * Apps Script throw for the whole batch, although the other requests may have reached their
 * malls and been carried out. So only requests that may be repeated (GET, PUT) are then sent
 * again one by one; any other (a POST: a shipment, a product create, a claim action) answers
 * status 0, outcome unknown, and its caller reads the mall back instead of sending it twice.
 */
export function executeAll(requests: readonly HttpRequest[]): HttpResponse[] {
  if (requests.length === 0) return [];
  const params = requests.map(toFetch);
  try {
    fetched += params.length;
    return UrlFetchApp.fetchAll(params).map(fromFetch);
  } catch (batchError) {
    const why = String((batchError as Error).message ?? batchError);
    return requests.map((r, i) => {
      if (!REPEATABLE.has(r.method)) return { status: 0, headers: {}, body: `${why} (${r.method.toUpperCase()} not sent again: its outcome is unknown)` };
      const p = params[i]!;
      try {
        fetched++;
        return fromFetch(UrlFetchApp.fetch(p.url, p));
      } catch (e) {
        return { status: 0, headers: {}, body: String((e as Error).message ?? e) };
      }
    });
  }
}

/** Requests whose repetition does no harm here (a PUT sets an absolute value or state). */
const REPEATABLE: ReadonlySet<HttpRequest['method']> = new Set(['get', 'put']);

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
