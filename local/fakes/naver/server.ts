/**
 * The HTTP face of the fake: `https://api.commerce.naver.com/external/...` as the local runtime
 * routes it (or `http://127.0.0.1:PORT/external/...` by hand), and `/_fake/...` for control.
 *
 * Order of checks on an API call: caller's address (403 GW.IP_NOT_ALLOWED, the token call
 * included) → injected fault → token call, or Bearer token (401 GW.AUTHN) → route (404
 * GW.NOT_FOUND) → the API's bucket (429 GW.RATE_LIMIT) → the handler. Every call is logged.
 */
import type * as http from 'node:http';
import { authenticate, issueToken } from './auth';
import type { Controls } from './control';
import { badRequest, gatewayError, gatewayServerError, MSG, type Reply } from './errors';
import { ControlError, type NaverCore, type StoreState } from './model';
import { claimCall, CLAIM_CALLS, confirm, dispatch, lastChangedStatuses, queryProductOrders } from './orders';
import { answerQna, listInquiries, listQnas, postInquiryAnswer, updateInquiryAnswer } from './inquiries';
import { getOriginProduct, multiUpdate, optionStock, searchProducts } from './products';
import { loggedBody } from './request-log';

interface Route {
  method: string;
  pattern: RegExp;
  /** The API's name: its own rate-limit bucket. */
  api: string;
  handle: (core: NaverCore, store: StoreState, m: RegExpExecArray, query: URLSearchParams, body: any) => Reply;
}

const PO = '/v1/pay-order/seller/product-orders';
const ROUTES: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${PO}/last-changed-statuses$`), api: 'lastChangedStatuses', handle: (c, s, _m, q) => lastChangedStatuses(c, s, q) },
  { method: 'POST', pattern: new RegExp(`^${PO}/query$`), api: 'query', handle: (c, s, _m, _q, b) => queryProductOrders(c, s, b) },
  { method: 'POST', pattern: new RegExp(`^${PO}/confirm$`), api: 'confirm', handle: (c, s, _m, _q, b) => confirm(c, s, b) },
  { method: 'POST', pattern: new RegExp(`^${PO}/dispatch$`), api: 'dispatch', handle: (c, s, _m, _q, b) => dispatch(c, s, b) },
  ...CLAIM_CALLS.map<Route>((call) => ({
    method: 'POST',
    pattern: new RegExp(`^${PO}/([^/]+)/claim/${call}$`),
    api: `claim/${call}`,
    handle: (c, s, m, _q, b) => claimCall(c, s, decodeURIComponent(m[1]!), call, b),
  })),
  { method: 'POST', pattern: /^\/v1\/products\/search$/, api: 'productSearch', handle: (c, s, _m, _q, b) => searchProducts(c, s, b) },
  { method: 'GET', pattern: /^\/v2\/products\/origin-products\/([^/]+)$/, api: 'productGet', handle: (c, s, m) => getOriginProduct(c, s, m[1]!) },
  { method: 'PATCH', pattern: /^\/v1\/products\/origin-products\/multi-update$/, api: 'multiUpdate', handle: (c, s, _m, _q, b) => multiUpdate(c, s, b) },
  { method: 'PUT', pattern: /^\/v1\/products\/origin-products\/([^/]+)\/option-stock$/, api: 'optionStock', handle: (c, s, m, _q, b) => optionStock(c, s, m[1]!, b) },
  { method: 'GET', pattern: /^\/v1\/contents\/qnas$/, api: 'qnas', handle: (c, s, _m, q) => listQnas(c, s, q) },
  { method: 'PUT', pattern: /^\/v1\/contents\/qnas\/([^/]+)$/, api: 'qnaAnswer', handle: (c, s, m, _q, b) => answerQna(c, s, decodeURIComponent(m[1]!), b) },
  { method: 'GET', pattern: /^\/v1\/pay-user\/inquiries$/, api: 'inquiries', handle: (c, s, _m, q) => listInquiries(c, s, q) },
  { method: 'POST', pattern: /^\/v1\/pay-merchant\/inquiries\/([^/]+)\/answer$/, api: 'inquiryAnswer', handle: (c, s, m, _q, b) => postInquiryAnswer(c, s, decodeURIComponent(m[1]!), b) },
  { method: 'PUT', pattern: /^\/v1\/pay-merchant\/inquiries\/([^/]+)\/answer\/([^/]+)$/, api: 'inquiryAnswerUpdate', handle: (c, s, m, _q, b) => updateInquiryAnswer(c, s, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), b) },
];

export const TOKEN_PATH = '/v1/oauth2/token';

/** The caller's IPv4 address without the IPv6-mapped prefix. */
export function callerAddress(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  // Events rather than `for await`: the async iterator costs more than the whole small request.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A caller gone before the whole body came (what the iterator reported as a premature close).
    req.on('close', () => (req.readableEnded ? undefined : reject(new Error('the request was cut off'))));
  });
}

/** One API call, given everything the socket told: pure of HTTP, so specs may call it in process. */
export function answerApi(core: NaverCore, call: { method: string; path: string; query: URLSearchParams; headers: Record<string, string | undefined>; body: string; remoteAddress: string }): { reply: Reply; clientId: string | null } {
  if (!core.options.registeredIps.includes(call.remoteAddress)) return { reply: gatewayError(core, 403, 'GW.IP_NOT_ALLOWED', MSG.ipNotAllowed), clientId: null };
  const isToken = call.path === TOKEN_PATH;
  const form = isToken ? new URLSearchParams(call.body) : null;
  const bearerStore = isToken ? null : authenticate(core, call.headers['authorization']);
  const clientId = isToken ? form!.get('client_id') : (bearerStore?.clientId ?? null);
  const fault = core.faults.take(call.method, call.path, clientId);
  if (fault) {
    const faults = [fault.kind];
    if (fault.kind === 'timeout') return { reply: { status: 0, headers: {}, body: null, drop: true, faults }, clientId };
    if (fault.kind === 'server_error') return { reply: { ...gatewayServerError(core, fault.status), faults }, clientId };
    if (fault.kind === 'rate_limit') return { reply: { ...rateLimited(core), faults }, clientId };
    // slow: answered as usual, late.
    const inner = answer(core, call, isToken, form, bearerStore, clientId);
    return { reply: { ...inner, delayMs: fault.delayMs, faults }, clientId };
  }
  return { reply: answer(core, call, isToken, form, bearerStore, clientId), clientId };
}

type Call = Parameters<typeof answerApi>[1];

/** The answer without faults: the token call, or the Bearer, route, bucket and handler. */
function answer(core: NaverCore, call: Call, isToken: boolean, form: URLSearchParams | null, bearerStore: StoreState | null, clientId: string | null): Reply {
  if (isToken) {
    if (call.method !== 'POST') return gatewayError(core, 404, 'GW.NOT_FOUND', MSG.notFound);
    if (!/application\/x-www-form-urlencoded/i.test(call.headers['content-type'] ?? '')) return badRequest(core, 'Content-Type은 application/x-www-form-urlencoded여야 합니다.');
    const take = clientId ? core.limits.take('token', clientId, core.now()) : null;
    if (take && !take.ok) return rateLimited(core, take.headers);
    const issued = issueToken(core, form!);
    return { ...issued.reply, headers: { ...issued.reply.headers, ...(take?.headers ?? {}) } };
  }
  if (!bearerStore) return gatewayError(core, 401, 'GW.AUTHN', MSG.authn);
  const route = ROUTES.find((r) => r.method === call.method && r.pattern.test(call.path));
  if (!route) return gatewayError(core, 404, 'GW.NOT_FOUND', MSG.notFound);
  const take = core.limits.take(route.api, bearerStore.clientId, core.now());
  if (!take.ok) return rateLimited(core, take.headers);
  let body: unknown = undefined;
  if (call.body !== '') {
    try {
      body = JSON.parse(call.body);
    } catch {
      return { ...badRequest(core, '요청 본문이 올바른 JSON이 아닙니다.'), headers: take.headers };
    }
  }
  const reply = route.handle(core, bearerStore, route.pattern.exec(call.path)!, call.query, body);
  return { ...reply, headers: { ...take.headers, ...reply.headers } };
}

function rateLimited(core: NaverCore, headers: Record<string, string> = {}): Reply {
  return gatewayError(core, 429, 'GW.RATE_LIMIT', MSG.rateLimit, { ...headers, ...(core.options.sendRetryAfter ? { 'Retry-After': '1' } : {}) });
}

function write(res: http.ServerResponse, reply: Reply): void {
  if (reply.drop) {
    res.socket?.destroy();
    return;
  }
  const text = reply.body === null || reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=UTF-8', ...reply.headers, ...(reply.delayMs ? { 'x-sim-delay-ms': String(reply.delayMs) } : {}) });
  res.end(text);
}

export function createListener(core: NaverCore, controls: Controls): http.RequestListener {
  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = await readBody(req);
    if (url.pathname.startsWith('/_fake/')) {
      write(res, control(controls, core, req.method ?? 'GET', url.pathname.slice('/_fake/'.length), text));
      return;
    }
    const path = url.pathname.replace(/^\/external(?=\/)/, '');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
    const remoteAddress = callerAddress(req);
    const { reply, clientId } = url.pathname.startsWith('/external/')
      ? answerApi(core, { method: req.method ?? 'GET', path, query: url.searchParams, headers, body: text, remoteAddress })
      : { reply: gatewayError(core, 404, 'GW.NOT_FOUND', MSG.notFound), clientId: null };
    const body = reply.body as { code?: unknown } | null;
    core.log.add({
      at: core.now(),
      clientId,
      remoteAddress,
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      status: reply.drop ? 0 : reply.status,
      code: reply.status >= 400 && typeof body?.code === 'string' ? body.code : null,
      ...(text === '' ? {} : { requestBody: loggedBody(text, headers['content-type']) }),
      faults: reply.faults ?? [],
    });
    write(res, reply);
  }
  return (req, res) => {
    serve(req, res).catch((err: unknown) => {
      console.error('[naver fake] internal error:', err);
      if (!res.headersSent) write(res, gatewayServerError(core, 500));
      else res.end();
    });
  };
}

/** `POST /_fake/{operation}` with a JSON body; `GET /_fake/state`, `GET /_fake/log`. */
function control(controls: Controls, core: NaverCore, method: string, op: string, text: string): Reply {
  const json = (status: number, body: unknown): Reply => ({ status, headers: {}, body });
  try {
    if (method === 'GET' && op === 'state') return json(200, controls.state());
    if (method === 'GET' && op === 'log') return json(200, { log: core.log.all(), dropped: core.log.dropped });
    if (method !== 'POST') return json(404, { error: `unknown control ${method} ${op}` });
    const b = (text === '' ? {} : JSON.parse(text)) as Record<string, any>;
    switch (op) {
      case 'placeOrder':
        return json(200, controls.placeOrder(b.clientId, b.order));
      case 'pay':
        return json(200, controls.pay(b.clientId, b.orderId));
      case 'expireUnpaid':
        return json(200, controls.expireUnpaid(b.clientId, b.orderId));
      case 'requestCancel':
        return json(200, controls.requestCancel(b.clientId, b.productOrderId, b.reason));
      case 'requestReturn':
        return json(200, controls.requestReturn(b.clientId, b.productOrderId, b.reason));
      case 'requestExchange':
        return json(200, controls.requestExchange(b.clientId, b.productOrderId, b.reason));
      case 'collect':
        return json(200, controls.collect(b.clientId, b.productOrderId, b.done ?? true));
      case 'markDelivered':
        return json(200, controls.markDelivered(b.clientId, b.productOrderId));
      case 'purchaseDecide':
        return json(200, controls.purchaseDecide(b.clientId, b.productOrderId));
      case 'setStock':
        return json(200, controls.setStock(b.clientId, b.originProductNo, b.quantity, b.optionId));
      case 'askProductQuestion':
        return json(200, controls.askProductQuestion(b.clientId, b.input));
      case 'askInquiry':
        return json(200, controls.askInquiry(b.clientId, b.input));
      case 'answerInSellerCenter':
        return json(200, controls.answerInSellerCenter(b.clientId, b.input));
      case 'deleteInquiry':
        return json(200, controls.deleteInquiry(b.clientId, b.input));
      case 'issueToken':
        return json(200, controls.issueToken(b.clientId));
      case 'revokeTokens':
        return json(200, controls.revokeTokens(b.clientId));
      case 'advanceTime':
        return json(200, controls.advanceTime(b.ms));
      case 'injectFault':
        return json(200, controls.injectFault(b.fault));
      case 'clearFaults':
        return json(200, controls.clearFaults());
      case 'clearLog':
        core.log.clear();
        return json(200, {});
      default:
        return json(404, { error: `unknown control ${op}` });
    }
  } catch (e) {
    if (e instanceof ControlError || e instanceof SyntaxError) return json(400, { error: e.message });
    throw e;
  }
}
