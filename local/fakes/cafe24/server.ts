/**
 * The request listener: finds the mall, applies injected faults, hands the request to the
 * OAuth or Admin pipeline or the control surface, logs, and writes the answer.
 */
import type * as http from 'node:http';
import { createAdminHandler } from './api';
import type { Controls } from './control';
import { handleControl } from './control';
import type { FakeCore } from './core';
import { apiErrorBody, MSG } from './errors';
import type { Fault } from './faults';
import { takeFaults } from './faults';
import type { Reply } from './http';
import { headerValue, jsonReply, readBody, resolveTarget, writeReply } from './http';
import { handleOAuth } from './oauth';
import { loggedBody, selectHeaders } from './request-log';

/** Faults that replace the answer outright. */
function preFault(core: FakeCore, faults: Fault[]): Reply | null {
  for (const f of faults) {
    if (f.kind === 'reset') return { ...jsonReply(500, null), reset: true, faults: ['reset'] };
    if (f.kind === 'server_error') {
      const r = jsonReply(f.status, apiErrorBody(f.status, f.message ?? MSG.serverError));
      r.faults.push('server_error');
      return r;
    }
    if (f.kind === 'rate_limit') {
      const cap = core.bucketCfg.capacity;
      const headers: Record<string, string> = { 'X-Api-Call-Limit': `${cap}/${cap}` };
      if (core.opts.strict.sendRetryAfter) headers['Retry-After'] = '1';
      const r = jsonReply(429, apiErrorBody(429, MSG.tooMany), headers);
      r.faults.push('rate_limit');
      return r;
    }
  }
  return null;
}

/** Faults that bend a normal answer. */
function postFault(reply: Reply, faults: Fault[]): Reply {
  for (const f of faults) {
    if (f.kind === 'slow') {
      const prev = Number(reply.headers['x-sim-delay-ms'] ?? 0);
      reply.headers['x-sim-delay-ms'] = String(prev + f.delayMs);
      if (f.real) reply.realDelayMs += f.delayMs;
      reply.faults.push('slow');
    }
    if (f.kind === 'malformed_json') {
      const text = reply.body ?? '{';
      reply.body = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      reply.faults.push('malformed_json');
    }
  }
  return reply;
}

function requestBodyField(b: unknown): { requestBody?: unknown } {
  return b === undefined ? {} : { requestBody: b };
}

export function createListener(core: FakeCore, controls: Controls): http.RequestListener {
  const admin = createAdminHandler(core);

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const now = core.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://fake.invalid');
    const target = resolveTarget(headerValue(req, 'host'), url.pathname);
    const body = await readBody(req, core.opts.limits.maxBodyBytes);
    let mallId: string | null = null;
    let reply: Reply;

    if (body === 'too_large') reply = jsonReply(413, apiErrorBody(413, 'Request Entity Too Large'));
    else if (target.kind === 'control') reply = handleControl(controls, method, target.path, body);
    else if (target.kind === 'none') reply = jsonReply(404, apiErrorBody(404, MSG.noApi));
    else {
      mallId = target.mallId;
      const mall = core.malls.get(mallId);
      const path = target.path;
      if (!mall) reply = jsonReply(404, apiErrorBody(404, `The mall (${mallId}) does not exist.`));
      else {
        const isOAuth = path.startsWith('/api/v2/oauth/');
        const isAdmin = path === '/api/v2/admin' || path.startsWith('/api/v2/admin/');
        const faults = takeFaults(mall.faults, { now, method, path: path.slice('/api/v2'.length), target: isOAuth ? 'oauth' : 'api' });
        const header = (name: string): string | undefined => headerValue(req, name);
        const extraCostMs = faults.reduce((s, f) => s + (f.kind === 'slow' ? f.delayMs : 0), 0);
        reply =
          preFault(core, faults) ??
          (isOAuth
            ? handleOAuth(core, mall, { method, path, query: url.searchParams, header, body }, now)
            : isAdmin
              ? // A write through the API may fire webhooks, as any change of an order does.
                (core.webhooks && method !== 'GET' ? core.webhooks.around(mall, () => admin(mall, { method, path, rawUrl, query: url.searchParams, header, body, extraCostMs }, now), 'api') : admin(mall, { method, path, rawUrl, query: url.searchParams, header, body, extraCostMs }, now))
              : jsonReply(404, apiErrorBody(404, MSG.noApi)));
        reply = postFault(reply, faults);
      }
    }

    core.log.add({
      at: now,
      mall: mallId,
      method,
      path: target.path,
      query: Object.fromEntries(url.searchParams),
      status: reply.reset ? 0 : reply.status,
      headers: selectHeaders(reply.headers),
      ...(body === 'too_large' ? {} : requestBodyField(loggedBody(body, headerValue(req, 'content-type')))),
      bodyBytes: reply.body === null ? 0 : Buffer.byteLength(reply.body, 'utf8'),
      faults: [...reply.faults],
    });
    if (reply.realDelayMs > 0) await new Promise((r) => setTimeout(r, reply.realDelayMs));
    writeReply(res, reply);
  }

  return (req, res) => {
    serve(req, res).catch((err: unknown) => {
      // A bug in the fake, not a simulated fault: answer 500 and say why on stderr.
      console.error('[cafe24 fake] internal error:', err);
      if (!res.headersSent) writeReply(res, jsonReply(500, apiErrorBody(500, MSG.serverError)));
      else res.end();
    });
  };
}
