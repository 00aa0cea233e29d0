/**
 * The wire between the add-on and our fixed-IP relay (relay/ in this repository), shared by both
 * ends so they cannot drift apart: the headers, the canonical string both sign, the hosts and
 * methods the relay forwards, what a path may look like, and how the relay says no. Pure: no
 * Node API and no Apps Script global (each end brings its own HMAC and SHA-256).
 *
 * A relayed call is the marketplace call itself, re-addressed: same method (UrlFetchApp sends
 * GET, POST, PUT, PATCH and DELETE), same body bytes, sent to `{RELAY_URL}/forward` with the
 * target host and path+query in headers, the marketplace's own headers prefixed (so nothing the
 * hops add, and nothing UrlFetchApp refuses to set, can change what the marketplace gets), and a
 * signature over method, host, path+query, a timestamp, a nonce and the body's SHA-256.
 */

/** The relay's paths: the one it forwards on, and its health check (Cloud Run reserves paths ending in "z"). */
export const RELAY_FORWARD_PATH = '/forward';
export const RELAY_HEALTH_PATH = '/health';
/** Where Cafe24 delivers its webhooks (checked with the app's `x-api-key`, answered 200 at once). */
export const RELAY_WEBHOOK_PATH = '/cafe24/webhook';
/** Where the add-on asks, once a minute, which of its malls have news (signed like a forward). */
export const RELAY_NEWS_PATH = '/cafe24/news';
/**
 * The host a news request signs in place of a marketplace's: the relay's own, whatever address
 * it is reached at (Cloud Run URL, a custom domain), so the signature never depends on it.
 */
export const RELAY_SELF_HOST = 'relay';

export const RELAY_HEADER = {
  host: 'x-relay-host',
  path: 'x-relay-path',
  timestamp: 'x-relay-timestamp',
  nonce: 'x-relay-nonce',
  signature: 'x-relay-signature',
  /** On every refusal of the relay itself, never on a marketplace's answer. */
  error: 'x-relay-error',
} as const;

/** A marketplace header `name` travels as `x-relay-h-name` (Content-Type travels as itself). */
export const FORWARDED_HEADER_PREFIX = 'x-relay-h-';

/** The only hosts the relay forwards to: it is never an open proxy. */
export const RELAY_HOSTS = ['api.commerce.naver.com', 'api-gateway.coupang.com'] as const;
export type RelayHost = (typeof RELAY_HOSTS)[number];

export function isRelayHost(host: string): host is RelayHost {
  return (RELAY_HOSTS as readonly string[]).includes(host);
}

export const RELAY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RelayMethod = (typeof RELAY_METHODS)[number];

export function isRelayMethod(method: string): method is RelayMethod {
  return (RELAY_METHODS as readonly string[]).includes(method);
}

/**
 * What a Cafe24 webhook says, as the relay keeps it: which kind of thing changed at a mall. The
 * relay keeps no payload (no buyer, no order), only the mall, the kind and when.
 */
export const NEWS_KINDS = ['orders', 'claims', 'stock', 'products', 'app'] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

/** Cafe24's event numbers (cafe24-api.md §10) by what they tell the add-on. */
export const CAFE24_EVENT_KINDS: Readonly<Record<number, NewsKind>> = {
  90023: 'orders', // order placed
  90024: 'orders', // shipping status changed
  90071: 'orders', // bulk shipping status change
  90025: 'orders', // payment status changed
  90026: 'claims', // cancellation status changed
  90072: 'claims', // bulk cancellation change
  90027: 'claims', // return status changed
  90074: 'claims', // bulk return change
  90075: 'stock', // variant inventory changed
  90150: 'stock', // sold-out status changed
  90001: 'products',
  90002: 'products',
  90041: 'products',
  90003: 'products',
  90022: 'products',
  90077: 'app', // app deleted from the mall
  90078: 'app', // app expired
  90079: 'app', // app renewed
};

/** The add-on's question: news after `after` (null: never asked) for these malls. */
export interface NewsQuestion {
  readonly after: { readonly boot: string; readonly seq: number } | null;
  readonly malls: readonly string[];
}

/**
 * The relay's answer. `boot` names this run of the relay: another boot than the add-on's `after`
 * means what was heard before it is gone (`gap`), so every mall may have news. `listening`: the
 * relay has a webhook key, so webhooks can arrive at all. Per mall asked: when a webhook of it
 * was last heard in this boot (null: never) and the kinds heard after `after`.
 */
export interface NewsAnswer {
  readonly boot: string;
  readonly seq: number;
  readonly listening: boolean;
  readonly gap: boolean;
  readonly malls: Readonly<Record<string, { readonly heardAt: number | null; readonly news: readonly NewsKind[] }>>;
}

/** How far a request's timestamp may be from the relay's clock, either way. */
export const RELAY_WINDOW_MS = 5 * 60_000;

export interface SignedParts {
  /** Upper case, as sent. */
  readonly method: string;
  readonly host: string;
  /** Path and query exactly as the marketplace will get them. */
  readonly path: string;
  /** Epoch milliseconds, decimal. */
  readonly timestamp: string;
  readonly nonce: string;
  /** SHA-256 of the body's bytes (UTF-8 of the payload text), lower-case hex; of '' when none. */
  readonly bodySha256: string;
}

/** What both ends HMAC: one field a line, after a version tag (a later format gets another). */
export function canonicalString(p: SignedParts): string {
  return ['RELAY-HMAC-SHA256-V1', p.method, p.host, p.path, p.timestamp, p.nonce, p.bodySha256].join('\n');
}

export const TIMESTAMP_PATTERN = /^\d{1,15}$/;
/** A UUID fits; at least 16 characters so a nonce cannot be guessed into a collision. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
export const MAX_PATH_LENGTH = 4096;

/**
 * Why a path+query cannot be forwarded, or null. The relay fixes the host itself, but a path is
 * refused whenever it could read as another host or another API to anyone down the line:
 * `//evil.com`, `@evil.com`, absolute URLs, encoded slashes or at-signs, dot segments.
 */
export function pathProblem(path: string): string | null {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return `length ${path.length}, expected 1 to ${MAX_PATH_LENGTH}`;
  if (!/^[\x21-\x7e]+$/.test(path)) return 'only printable ASCII without spaces (percent-encode the rest)';
  if (!path.startsWith('/')) return 'must start with "/" (no scheme, no host)';
  if (path.startsWith('//')) return 'must not start with "//"';
  if (/[\\#@]/.test(path)) return 'no "\\", "#" or "@"';
  const pathOnly = path.split('?')[0]!;
  if (/%(2f|5c|40|2e)/i.test(pathOnly)) return 'no encoded "/", "\\", "@" or "." in the path';
  if (/(^|\/)\.\.?(\/|$)/.test(pathOnly)) return 'no "." or ".." segments';
  return null;
}

/** Why the relay refused a request; each with its status and header value. */
export type RelayErrorKind =
  | 'malformed' // a relay header missing or ill-formed
  | 'signature' // the HMAC does not match: RELAY_SECRET differs from the relay's
  | 'expired' // the timestamp is outside the window (clock, or a stale request)
  | 'replay' // this nonce was already used within the window
  | 'host' // the target host is not on the allow-list
  | 'path' // the path+query is not a plain path
  | 'method' // not one of RELAY_METHODS
  | 'too-large' // the body is over the relay's limit
  | 'busy' // the relay cannot remember more nonces now
  | 'not-found' // not a relay path
  | 'upstream-timeout' // the marketplace did not answer in time (a POST may have been carried out)
  | 'upstream'; // the marketplace could not be reached (connection refused, reset, DNS)

export const RELAY_ERROR_STATUS: Readonly<Record<RelayErrorKind, number>> = {
  malformed: 400,
  signature: 401,
  expired: 401,
  replay: 409,
  host: 403,
  path: 400,
  method: 405,
  'too-large': 413,
  busy: 503,
  'not-found': 404,
  'upstream-timeout': 504,
  upstream: 502,
};

const KINDS = new Set(Object.keys(RELAY_ERROR_STATUS));

/** The body of every refusal. */
export interface RelayErrorBody {
  readonly relayError: RelayErrorKind;
  readonly message: string;
}

/**
 * The relay's own refusal in an answer (header names lower-cased, as HttpResponse has them), or
 * null for a marketplace's answer: the relay strips `x-relay-*` from those, so the two never mix.
 */
export function relayErrorOf(response: { readonly headers: Readonly<Record<string, string>> }): RelayErrorKind | null {
  const v = response.headers[RELAY_HEADER.error];
  return v !== undefined && KINDS.has(v) ? (v as RelayErrorKind) : null;
}
