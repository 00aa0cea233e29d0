/**
 * Node HTTP plumbing: where a request is going (mall by Host header, or by a `/{mall_id}`
 * path prefix for hand use), reading the body, and writing a prepared reply.
 */
import type * as http from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Already serialised; null for an empty body. */
  body: string | null;
  /** Kinds of injected faults that shaped this reply (for the log). */
  faults: string[];
  /** Wait this long for real before answering (standalone `slow` faults). */
  realDelayMs: number;
  /** Destroy the connection instead of answering. */
  reset: boolean;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? null : JSON.stringify(body),
    faults: [],
    realDelayMs: 0,
    reset: false,
  };
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: null, faults: [], realDelayMs: 0, reset: false };
}

export type Target =
  | { kind: 'mall'; mallId: string; path: string }
  | { kind: 'control'; path: string }
  | { kind: 'none'; path: string };

const HOST = /^([a-z0-9][a-z0-9_-]*)\.cafe24api\.com(?::\d+)?$/i;

/**
 * `https://{mall_id}.cafe24api.com/api/v2/...` arrives with that Host header (the Apps Script
 * runtime keeps it); `http://127.0.0.1:PORT/{mall_id}/api/v2/...` is the by-hand form.
 * `/_fake/...` is the control surface on any host.
 */
export function resolveTarget(hostHeader: string | undefined, pathname: string): Target {
  if (pathname === '/_fake' || pathname.startsWith('/_fake/')) return { kind: 'control', path: pathname };
  const host = HOST.exec(hostHeader ?? '');
  if (host && pathname.startsWith('/api/')) return { kind: 'mall', mallId: host[1]!.toLowerCase(), path: pathname };
  const prefixed = /^\/([a-z0-9][a-z0-9_-]*)(\/api\/.*)$/i.exec(pathname);
  if (prefixed) return { kind: 'mall', mallId: prefixed[1]!.toLowerCase(), path: prefixed[2]! };
  return { kind: 'none', path: pathname };
}

export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function writeReply(res: http.ServerResponse, reply: Reply): void {
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  const body = reply.body === null ? null : Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string | number> = { ...reply.headers };
  headers['Content-Length'] = body ? body.length : 0;
  res.writeHead(reply.status, headers);
  res.end(body ?? undefined);
}

export function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
