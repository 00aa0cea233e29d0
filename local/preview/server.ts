import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { paths } from '../paths';
import type { RealTimeClock } from './clock';
import { callbackToLoopback, loopbackToCafe24, rewriteCafe24Links } from './links';
import { PAGE_HTML } from './page-html';
import { carry, failureMessage } from './script-run';
import type { PreviewSession } from './session';

/**
 * The preview's HTTP side, on loopback only:
 *   /                 the page (tabs as tables, the sidebar in an iframe, clock and test-order controls)
 *   /sidebar          build/Sidebar.html as deployed, with /shim.js giving it google.script.run
 *   POST /rpc/{name}  google.script.run over HTTP: an execution of the built bundle
 *   /api/…            the workbook, the clock, the fake's catalog, a test order, removing a tab's filter, toasts and dialogs
 *   /cafe24/{mall}/…  the fake's OAuth authorize page (the sidebar's connect link, rewritten)
 *   /usercallback     where the fake's consent redirects: the runtime's /usercallback
 */
export interface PreviewServer {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

export async function startServer(session: PreviewSession, clock: RealTimeClock, port = 0): Promise<PreviewServer> {
  let origin = '';
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: Error) => send(res, 500, 'application/json', JSON.stringify({ error: e.message })));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
    if (route === 'GET /preview.js') return send(res, 200, 'text/javascript; charset=utf-8', readOut('preview-page.js'));
    if (route === 'GET /shim.js') return send(res, 200, 'text/javascript; charset=utf-8', readOut('preview-shim.js'));
    if (route === 'GET /sidebar') return send(res, 200, 'text/html; charset=utf-8', sidebarPage(session));
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) return rpc(decodeURIComponent(url.pathname.slice(5)), await bodyOf(req), res);
    if (route === 'GET /api/state') return json(res, stateOf(session, clock));
    if (route === 'GET /api/workbook') return workbook(req, res);
    if (route === 'GET /api/catalog') return json(res, catalogOf(session));
    if (route === 'POST /api/clock') return clockControl(await bodyOf(req), res);
    if (route === 'POST /api/test-order') return testOrder(await bodyOf(req), res);
    if (route === 'POST /api/filter-off') return filterOff(await bodyOf(req), res);
    if (req.method === 'GET' && /^\/dialog\/\d+$/.test(url.pathname)) return dialog(Number(url.pathname.slice(8)), res);
    if ((req.method === 'GET' || req.method === 'POST') && url.pathname.startsWith('/cafe24/')) return cafe24(req, url, res);
    if (route === 'GET /usercallback') return userCallback(url, res);
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  async function rpc(name: string, body: unknown, res: http.ServerResponse): Promise<void> {
    const args = (body as { args?: unknown }).args;
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name.endsWith('_') || !Array.isArray(args)) {
      return json(res, { ok: false, message: `Script function not found: ${name}` });
    }
    const r = await session.callServer(name, args);
    if (!r.ok) return json(res, { ok: false, message: failureMessage(r.errors) });
    const carried = carry(r.result);
    // The connect flow's link points at Cafe24; in the preview, Cafe24 is this server.
    return json(res, carried.ok ? { ok: true, value: rewriteCafe24Links(carried.value, origin) } : carried);
  }

  function workbook(req: http.IncomingMessage, res: http.ServerResponse): void {
    const book = session.sandbox.sheets.book();
    // The rows a tab's filter hides (1-based), and the tab the product last activated: a click in
    // 오늘 할 일 opens its tab filtered, as Sheets would show it.
    const sheets = (book?.sheets ?? []).map((s) => ({ name: s.name, rows: s.displayValues, hiddenRows: s.filter?.hiddenRows ?? [], filtered: s.filter !== null }));
    const text = JSON.stringify({ sheets, active: book?.activeSheet ?? '' });
    const etag = `"${crypto.createHash('sha1').update(text).digest('base64url')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag, 'Cache-Control': 'no-cache' });
    res.end(text);
  }

  async function clockControl(body: unknown, res: http.ServerResponse): Promise<void> {
    const b = body as { speed?: unknown; advanceMs?: unknown };
    if (typeof b.speed === 'number' && Number.isFinite(b.speed)) clock.setSpeed(b.speed);
    if (typeof b.advanceMs === 'number' && b.advanceMs > 0) await session.advanceBy(Math.min(b.advanceMs, 7 * 86_400_000));
    // Whatever a step started (a trigger's run) has ended when the answer comes.
    await session.exclusive(() => session.runtime.settle());
    json(res, stateOf(session, clock));
  }

  async function testOrder(body: unknown, res: http.ServerResponse): Promise<void> {
    const b = body as { mallId?: unknown; productNo?: unknown; variantCode?: unknown; quantity?: unknown; buyer?: unknown };
    if (typeof b.mallId !== 'string' || !Number.isInteger(b.productNo)) return json(res, { ok: false, message: '몰과 상품을 고르세요' }, 400);
    const quantity = Number.isInteger(b.quantity) && (b.quantity as number) > 0 ? (b.quantity as number) : 1;
    const buyer = typeof b.buyer === 'string' && b.buyer.trim() ? b.buyer.trim() : '미리보기 고객';
    try {
      // A product with options is ordered by the variant picked (its first when none was).
      const item = typeof b.variantCode === 'string' && b.variantCode ? { variant_code: b.variantCode, quantity } : { product_no: b.productNo, quantity };
      const order = (await session.channel('cafe24', 'addOrder', [b.mallId, { buyer: { name: buyer }, items: [item] }])) as { order_id?: string };
      json(res, { ok: true, orderId: order.order_id ?? '' });
    } catch (e) {
      json(res, { ok: false, message: (e as Error).message }, 400);
    }
  }

  /** The person removes a tab's filter (Data > Remove filter), as in Sheets. */
  async function filterOff(body: unknown, res: http.ServerResponse): Promise<void> {
    const sheet = (body as { sheet?: unknown }).sheet;
    if (typeof sheet !== 'string') return json(res, { ok: false, message: '탭을 고르세요' }, 400);
    try {
      await session.exclusive(async () => session.sandbox.sheets.removeFilter(sheet));
      json(res, { ok: true });
    } catch (e) {
      json(res, { ok: false, message: (e as Error).message }, 400);
    }
  }

  function dialog(index: number, res: http.ServerResponse): void {
    const d = session.runtime.ui.dialogs[index];
    // The product's own dialog, shown in a sandboxed frame as Apps Script does.
    if (!d) return send(res, 404, 'text/plain; charset=utf-8', 'No such dialog');
    send(res, 200, 'text/html; charset=utf-8', d.content);
  }

  /** Only the consent page and its agree button: the browser needs nothing else of Cafe24. */
  async function cafe24(req: http.IncomingMessage, url: URL, res: http.ServerResponse): Promise<void> {
    const target = loopbackToCafe24(url.pathname + url.search);
    if (!target || !new URL(target).pathname.endsWith('/oauth/authorize')) return send(res, 404, 'text/plain; charset=utf-8', 'Only the Cafe24 consent page is served here');
    const post = req.method === 'POST';
    const body = post ? await rawBodyOf(req) : Buffer.alloc(0);
    const forward: Record<string, string> = { 'User-Agent': 'local preview', ...(post ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) };
    const r = await session.exclusive(() => session.runtime.network.send({ url: target, method: post ? 'POST' : 'GET', headers: forward, body }));
    if (!r) return send(res, 502, 'text/plain; charset=utf-8', `No fake answers for ${new URL(target).host}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of r.rawHeaders) {
      const name = k.toLowerCase();
      if (name === 'location') headers.Location = callbackToLoopback(v, session.runtime.scriptId, origin) ?? v;
      else if (name === 'content-type') headers['Content-Type'] = v;
    }
    res.writeHead(r.status, headers);
    res.end(r.body);
  }

  async function userCallback(url: URL, res: http.ServerResponse): Promise<void> {
    const r = await session.userCallback(Object.fromEntries(url.searchParams.entries()));
    // The product's page, served as Apps Script serves it: its own markup, never ours around data.
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    const title = r.title ? `<title>${escapeHtml(r.title)}</title>` : '';
    res.end(`<!DOCTYPE html><meta charset="utf-8">${title}${r.ok ? r.html : `<p>${escapeHtml(failureMessage(r.errors))}</p>`}`);
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The deployed sidebar with the google.script.run shim loaded before its own script. */
function sidebarPage(session: PreviewSession): string {
  const html = fs.readFileSync(path.join(session.runtime.bundleDir, 'Sidebar.html'), 'utf8');
  return html.replace(/<head>/i, (head) => `${head}\n<script src="/shim.js"></script>`);
}

function stateOf(session: PreviewSession, clock: RealTimeClock) {
  const rt = session.runtime;
  const ui = rt.ui;
  return {
    now: rt.now(),
    speed: clock.speed,
    timeZone: rt.manifest.timeZone,
    triggers: rt.triggers().map((t) => ({ handler: t.handler, nextAt: t.nextAt })),
    executions: rt.executions.length,
    failedExecutions: rt.executions.filter((x) => x.errors.length > 0).length,
    quotas: {
      account: rt.quotas.account,
      urlfetch: { used: rt.quotaUsed('urlfetch'), limit: rt.quotas.limit('urlfetch') },
      triggerRuntimeMs: { used: rt.quotaUsed('triggerRuntime'), limit: rt.quotas.limit('triggerRuntime') },
    },
    toasts: ui.toasts.slice(-3).map((t) => ({ title: t.title, message: t.message })),
    toastCount: ui.toasts.length,
    dialogs: ui.dialogs.map((d) => ({ title: d.title, width: d.width, height: d.height })),
    eventErrors: session.sandbox.eventErrors,
  };
}

/**
 * What a test order can be placed for: every product of every mall, one entry per option (a
 * product with options is ordered by its variant, as a customer picks one).
 */
function catalogOf(session: PreviewSession) {
  const fake = session.sandbox.channels.get('cafe24');
  type V = { variant_code: string; custom_variant_code?: string; options?: Array<{ name?: string; value?: string }> | null };
  type P = { product_no: number; product_name: string; custom_product_code?: string; variants?: V[] };
  const state = (fake?.state() ?? { malls: {} }) as { malls: Record<string, { shop_name?: string; products: P[] }> };
  return {
    malls: Object.entries(state.malls).map(([mallId, m]) => ({
      mallId,
      name: m.shop_name ?? mallId,
      products: m.products.flatMap((p): Array<{ productNo: number; variantCode: string | null; name: string; sku: string }> => {
        const variants = p.variants ?? [];
        if (variants.length <= 1) return [{ productNo: p.product_no, variantCode: null, name: p.product_name, sku: p.custom_product_code ?? '' }];
        return variants.map((v) => ({
          productNo: p.product_no,
          variantCode: v.variant_code,
          name: `${p.product_name} / ${(v.options ?? []).map((o) => o.value ?? '').filter(Boolean).join(', ') || v.variant_code}`,
          sku: v.custom_variant_code || p.custom_product_code || '',
        }));
      }),
    })),
  };
}

function readOut(file: string): string {
  return fs.readFileSync(path.join(paths.out, file), 'utf8');
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function json(res: http.ServerResponse, value: unknown, status = 200): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function rawBodyOf(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function bodyOf(req: http.IncomingMessage): Promise<unknown> {
  const raw = await rawBodyOf(req);
  try {
    return raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    throw new Error('the request body is not JSON');
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
