/**
 * The Admin API route table type and matcher. Each route states the scope group it needs; the
 * HTTP layer checks read/write scope from the method before calling the handler.
 */
import type { MallState } from './model';
import type { QuerySpec } from './query-spec';
import type { ScopeGroup } from './scopes';
import type { TokenPair } from './tokens';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  mall: MallState;
  now: number;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Path after the host, e.g. /api/v2/admin/orders. */
  path: string;
  grant: TokenPair;
  version: string;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

export interface Route {
  method: Method;
  /** After /api/v2/admin, with :params, e.g. /products/:product_no/variants. */
  pattern: string;
  scope: ScopeGroup;
  /** Least API version that has the endpoint. */
  minVersion?: string;
  /** Every GET route says what it does with each query parameter (query-spec.ts). */
  query?: QuerySpec;
  handler: (ctx: RouteContext) => RouteResult;
}

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

export type Match = { route: Route; params: Record<string, string> } | null;

export function compileRoutes(routes: Route[]): (method: string, path: string) => Match {
  const compiled: Compiled[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          names.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { route, regex: new RegExp(`^${source}/?$`), names };
  });
  return (method, path) => {
    for (const c of compiled) {
      if (c.route.method !== method) continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      return { route: c.route, params };
    }
    return null;
  };
}

export function intPathParam(params: Record<string, string>, name: string): number {
  const raw = params[name] ?? '';
  if (!/^\d+$/.test(raw)) return -1;
  return Number(raw);
}
