/**
 * The Admin API pipeline, in the order we believe Cafe24 checks things (the reference does not
 * say): URL encoding (400) → access token (401) → usage quota (429) → leaky bucket (429) →
 * version (400) → route (404) → scope (403) → content type and JSON body (400) → the endpoint
 * (422/404/409…). Unauthenticated
 * calls do not touch the bucket (it is per mall, and a call without a valid token has not
 * reached a mall). Every answer after authentication carries the limit and usage headers.
 */
import { checkQuery } from './query-spec';
import { callLimitHeader, displayed, drain, take } from './bucket';
import { boardRoutes } from './boards';
import type { FakeCore } from './core';
import { ApiError, apiErrorBody, MSG } from './errors';
import type { Reply } from './http';
import { jsonReply } from './http';
import type { MallState } from './model';
import type { Route } from './router';
import { compileRoutes } from './router';
import { claimRoutes } from './routes/claims';
import { miscRoutes } from './routes/misc';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { shipmentRoutes } from './routes/shipments';
import { requiredScope } from './scopes';
import { formatPct, isThrottled, read, record } from './usage';
import { resolveVersion } from './versions';

export interface AdminRequest {
  method: string;
  /** Full API path, e.g. /api/v2/admin/orders. */
  path: string;
  rawUrl: string;
  query: URLSearchParams;
  header: (name: string) => string | undefined;
  body: Buffer;
  /** Simulated processing time an injected `slow` fault adds (charged to the time quota). */
  extraCostMs: number;
}

export function adminRoutes(core: FakeCore): Route[] {
  return [
    ...productRoutes(core.opts),
    ...orderRoutes(core.opts),
    ...shipmentRoutes(core.opts),
    ...claimRoutes(core.opts),
    ...miscRoutes(),
    ...boardRoutes(core.opts),
  ];
}

function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, apiErrorBody(status, message), headers);
}

function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^application\/json\s*(;.*)?$/i.test(value.trim());
}

export function createAdminHandler(core: FakeCore): (mall: MallState, req: AdminRequest, now: number) => Reply {
  const match = compileRoutes(adminRoutes(core));
  const opts = core.opts;

  return (mall, req, now) => {
    // Un-encoded Korean or special characters in the URL (status-code guide: 400).
    if (/[^\x21-\x7e]/.test(req.rawUrl)) return errorReply(400, MSG.badUrl);

    const auth = req.header('authorization');
    const bearer = auth && /^Bearer\s+(\S+)$/i.exec(auth.trim());
    const check = core.tokens.checkAccess(bearer ? bearer[1] : undefined, mall.mall_id, now);
    if (!check.ok) {
      const message = check.reason === 'expired' ? MSG.expiredToken : check.reason === 'missing' ? MSG.noToken : MSG.invalidToken;
      return errorReply(401, message);
    }
    const grant = check.grant;
    const app = core.app(grant.clientId);

    const headers: Record<string, string> = {};
    const finish = (reply: Reply): Reply => {
      Object.assign(reply.headers, headers);
      return reply;
    };

    // Usage quota: every authenticated call counts, refused ones included.
    if (opts.limits.usageLimit) {
      const before = read(mall.usage, now, core.usageCfg);
      record(mall.usage, now, opts.limits.processingMsPerCall + req.extraCostMs);
      const after = read(mall.usage, now, core.usageCfg);
      headers['X-Cafe24-Call-Usage'] = formatPct(after.callPct);
      headers['X-Cafe24-Time-Usage'] = formatPct(after.timePct);
      if (after.callRemainSec > 0) headers['X-Cafe24-Call-Remain'] = String(after.callRemainSec);
      if (after.timeRemainSec > 0) headers['X-Cafe24-Time-Remain'] = String(after.timeRemainSec);
      if (isThrottled(before)) {
        const bucket = drain(core.bucket(core.bucketKey(mall.mall_id, grant.clientId), now), now, core.bucketCfg);
        headers['X-Api-Call-Limit'] = callLimitHeader(displayed(bucket.level, core.bucketCfg), core.bucketCfg);
        if (opts.strict.sendRetryAfter) headers['Retry-After'] = String(Math.max(after.callRemainSec, after.timeRemainSec, 1));
        return finish(errorReply(429, MSG.tooMany));
      }
    }

    const key = core.bucketKey(mall.mall_id, grant.clientId);
    const taken = take(core.bucket(key, now), now, core.bucketCfg);
    core.setBucket(key, taken.state);
    headers['X-Api-Call-Limit'] = callLimitHeader(taken.used, core.bucketCfg);
    if (!taken.allowed) {
      if (opts.strict.sendRetryAfter) {
        headers['Retry-After'] = String(Math.max(1, Math.ceil((taken.state.level + 1 - core.bucketCfg.capacity) / core.bucketCfg.leakPerSecond)));
      }
      return finish(errorReply(429, MSG.tooMany));
    }

    const version = resolveVersion(req.header('x-cafe24-api-version'), app?.version ?? opts.versions.fallback, opts.versions.known, now);
    if (!version.ok) return finish(errorReply(400, MSG.badVersion(req.header('x-cafe24-api-version') ?? '')));
    headers['X-Cafe24-Api-Version'] = version.version;

    const sub = req.path.slice('/api/v2/admin'.length) || '/';
    const found = match(req.method, sub);
    if (!found || (found.route.minVersion && version.version < found.route.minVersion)) return finish(errorReply(404, MSG.noApi));

    const scope = requiredScope(found.route.scope, req.method !== 'GET');
    if (!grant.scopes.includes(scope)) return finish(errorReply(403, MSG.insufficientScope(scope)));

    const isWrite = req.method === 'POST' || req.method === 'PUT';
    const needsJson = isWrite || (req.method === 'GET' && opts.strict.requireJsonContentTypeOnGet);
    if (needsJson && !isJsonContentType(req.header('content-type'))) return finish(errorReply(400, MSG.contentType));
    let body: unknown = undefined;
    if (isWrite && req.body.length > 0) {
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch {
        return finish(errorReply(400, MSG.badJson));
      }
    }

    try {
      const query = found.route.query ? checkQuery(found.route.query, req.query, opts.strict.unknownQueryParams) : req.query;
      const result = found.route.handler({
        mall,
        now,
        params: found.params,
        query,
        body,
        path: req.path,
        grant,
        version: version.version,
      });
      return finish(jsonReply(result.status, result.body));
    } catch (e) {
      if (e instanceof ApiError) return finish(errorReply(e.status, e.message, { ...e.headers }));
      throw e;
    }
  };
}

