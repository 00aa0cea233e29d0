/**
 * The relay's log line: when, method, host, path with the query's names but not its values,
 * status, milliseconds, and the relay's own refusal if any. Never a body, never a query value
 * (a phone number, a name, a token), and mobile numbers in the path itself are masked too.
 */
export interface LogFields {
  readonly at: number;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
  readonly relayError: string | null;
}

export function logLine(f: LogFields): string {
  const parts = [new Date(f.at).toISOString(), clean(f.method, 10), clean(f.host, 100), safePath(f.path), String(f.status), `${f.ms}ms`];
  if (f.relayError) parts.push(`relay-error=${f.relayError}`);
  return parts.join(' ');
}

/** `/v1/orders?from=2024…&tel=010…` → `/v1/orders?from=&tel=`. */
export function safePath(path: string): string {
  const q = path.indexOf('?');
  const base = q < 0 ? path : path.slice(0, q);
  const names = q < 0 ? null : path.slice(q + 1).split('&').map((pair) => `${pair.split('=')[0]}=`).join('&');
  const masked = base.replace(/(?<!\d)01[016789]-?\d{3,4}-?\d{4}(?!\d)/g, '***');
  return clean(names === null ? masked : `${masked}?${names}`, 300);
}

/** Printable ASCII only, cut to `max`: a log line is one line whatever a caller sends. */
function clean(s: string, max: number): string {
  const printable = s.replace(/[^\x21-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable || '-';
}
