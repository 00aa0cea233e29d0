/**
 * A faithful fake of Coupang's Wing Open API (marketplaces-api.md part B) for tests, the sandbox
 * and hand use. One Node HTTP server for every vendor; time from an injected clock; seeded in
 * Coupang's own shapes. A request passes, in order: injected faults → CEA header → access key →
 * caller IP → signed-date window → signature → rate limit → route → vendor of the path → handler.
 * README.md lists every point where the reference is silent and the switch for it.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { z } from 'zod';
import { listen } from '../listen';
import { routeOf, pathVendor, type ApiContext } from './api';
import { parseCea, parseSignedDate, signature, signatureMatches } from './auth';
import { Controls, ControlError } from './control';
import { InquiryControlError, InquiryControls, RAW_NEWLINE } from './inquiries';
import { Ids, loadVendors, renderExchange, renderOrdersheet, renderReceipt, type Vendor } from './model';
import { CoupangOptionsSchema, type CoupangOptions, type CoupangOptionsInput } from './options';
import { CoupangSeed, defaultSeed, type CoupangSeedInput } from './seed';
import { BoundedLog } from '../bounded-log';

export { ControlError } from './control';
export { defaultSeed, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID, DEFAULT_WING_USER } from './seed';
export { ceaHeader } from './auth';

export const FaultSchema = z.strictObject({
  kind: z.enum(['server_error', 'timeout', 'reset', 'rate_limit']),
  /** server_error: which 5xx. */
  status: z.union([z.literal(500), z.literal(502), z.literal(503)]).default(500),
  /** How many matching requests it affects. */
  count: z.number().int().positive().default(1),
  /** Only requests whose path contains this. */
  path: z.string().optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).optional(),
  /** The request is carried out first and only its answer is lost (a write that went through unseen). */
  afterHandling: z.boolean().default(false),
});
export type FaultInput = z.input<typeof FaultSchema>;
type Fault = z.output<typeof FaultSchema> & { remaining: number };

export interface LogEntry {
  at: number;
  vendorId: string | null;
  method: string;
  path: string;
  query: string;
  remoteAddress: string;
  status: number;
  /** What refused or bent the answer: a fault kind, or the gateway check that failed. */
  note: string | null;
  requestBody?: unknown;
}

export interface CoupangFakeOptions {
  clock: () => number;
  seed?: CoupangSeedInput;
  options?: CoupangOptionsInput;
}

interface Reply {
  status: number;
  body: unknown;
  reset?: boolean;
  note?: string | null;
}

const gatewayError = (status: number, message: string): Reply => ({ status, body: { code: 'ERROR', message, transactionId: randomUUID() }, note: message });

export type CoupangFake = ReturnType<typeof createCoupangFake>;

export function createCoupangFake(o: CoupangFakeOptions) {
  const opts: CoupangOptions = CoupangOptionsSchema.parse(o.options ?? {});
  const seed = CoupangSeed.parse(o.seed ?? defaultSeed);
  const ids = new Ids();
  const vendors = loadVendors(seed, ids);
  let offset = 0;
  const now = () => o.clock() + offset;
  const controls = new Controls(vendors, ids, now);
  const ctx: ApiContext = { opts, ids };
  const inquiryControls = new InquiryControls(
    (vendorId) => {
      const v = vendors.get(String(vendorId));
      if (!v) throw new InquiryControlError(`unknown vendorId ${vendorId}`);
      return v;
    },
    ids,
    now,
  );
  let faults: Fault[] = [];
  const log = new BoundedLog<LogEntry>(opts.maxLogEntries);

  function takeFault(method: string, path: string): Fault | null {
    const f = faults.find((x) => x.remaining > 0 && (!x.path || path.includes(x.path)) && (!x.method || x.method === method));
    if (!f) return null;
    f.remaining--;
    faults = faults.filter((x) => x.remaining > 0);
    return f;
  }

  function rateLimited(v: Vendor, at: number): boolean {
    v.calls = v.calls.filter((t) => at - t < 1000);
    return v.calls.length >= opts.rateLimitPerSecond;
  }

  /** The whole pipeline for one Open API request. */
  /** The answer a fault gives in place of the real one. */
  function lost(fault: Fault): Reply {
    if (fault.kind === 'reset') return { status: 0, body: null, reset: true, note: 'reset' };
    if (fault.kind === 'timeout') return { ...gatewayError(504, 'Request timed out, please try again.'), note: 'timeout' };
    return { ...gatewayError(fault.status, 'Internal Server Error'), note: 'server_error' };
  }

  function api(method: string, path: string, rawQuery: string, authorization: string | undefined, remoteAddress: string, body: unknown, faultTaken = false): { reply: Reply; vendor: Vendor | null } {
    const at = now();
    const fault = faultTaken ? null : takeFault(method, path);
    if (fault?.afterHandling && fault.kind !== 'rate_limit') {
      const done = api(method, path, rawQuery, authorization, remoteAddress, body, true);
      return { reply: lost(fault), vendor: done.vendor };
    }
    if (fault?.kind === 'reset') return { reply: { status: 0, body: null, reset: true, note: 'reset' }, vendor: null };
    if (fault?.kind === 'timeout') return { reply: { ...gatewayError(504, 'Request timed out, please try again.'), note: 'timeout' }, vendor: null };
    if (fault?.kind === 'server_error') return { reply: { ...gatewayError(fault.status, 'Internal Server Error'), note: 'server_error' }, vendor: null };
    const cea = parseCea(authorization);
    if (!cea) return { reply: gatewayError(401, 'HMAC format is invalid.'), vendor: null };
    const vendor = [...vendors.values()].find((v) => v.accessKey === cea.accessKey) ?? null;
    if (!vendor) return { reply: gatewayError(401, 'Request is not authorized.'), vendor: null };
    const allowed = vendor.registeredIps ?? opts.registeredIps;
    if (!allowed.includes(remoteAddress)) return { reply: gatewayError(403, 'Not allowed IP'), vendor };
    const signedAt = parseSignedDate(cea.signedDate);
    if (!Number.isFinite(signedAt) || Math.abs(at - signedAt) > opts.signatureWindowMs) return { reply: gatewayError(401, 'Specified signature is expired.'), vendor };
    if (!signatureMatches(signature(vendor.secretKey, cea.signedDate, method, path, rawQuery), cea.signature.toLowerCase())) return { reply: gatewayError(401, 'Invalid signature'), vendor };
    if (fault?.kind === 'rate_limit' || rateLimited(vendor, at)) {
      if (opts.refusedCallsCount) vendor.calls.push(at);
      return { reply: { ...gatewayError(429, 'Too Many Requests'), note: fault ? 'rate_limit' : 'Too Many Requests' }, vendor };
    }
    vendor.calls.push(at);
    const found = routeOf(method, path, ctx);
    if (found === null) return { reply: gatewayError(404, 'No matching API.'), vendor };
    if (found === 'method') return { reply: gatewayError(405, 'Method Not Allowed'), vendor };
    if (found.route.vendorInPath && pathVendor(path) !== vendor.vendorId) {
      return { reply: gatewayError(opts.vendorMismatchStatus, 'Request is not authorized.'), vendor };
    }
    const query = new URLSearchParams(rawQuery);
    const r = found.route.handle({ method, path, query, body, vendor, now: at }, found.match, ctx);
    return { reply: { status: r.status, body: r.body, note: null }, vendor };
  }

  function state() {
    return {
      now: now(),
      vendors: [...vendors.values()].map((v) => ({
        vendorId: v.vendorId,
        ordersheets: [...v.boxes.values()].sort((a, b) => a.shipmentBoxId - b.shipmentBoxId).map((b) => ({ ...renderOrdersheet(v, b), paid: v.orders.get(b.orderId)?.paidAt != null })),
        receipts: [...v.receipts.values()].map(renderReceipt),
        exchanges: [...v.exchanges.values()].map((x) => renderExchange(v, x)),
        stock: v.products.flatMap((p) => p.items.map((i) => ({ vendorItemId: i.vendorItemId, externalVendorSku: i.externalVendorSku, quantity: i.quantity }))),
        ...inquiryControls.state(v, ctx),
      })),
      faults: faults.map(({ remaining, ...f }) => ({ ...f, remaining })),
    };
  }

  const operations: Record<string, (b: Record<string, any>) => unknown> = {
    addOrder: (b) => controls.addOrder(b.vendorId, b.order),
    payOrder: (b) => controls.payOrder(b.vendorId, b.orderId),
    changeAddress: (b) => controls.changeAddress(b.vendorId, b.orderId, b.receiver),
    requestCancel: (b) => controls.requestCancel(b.vendorId, b.orderId, b.claim),
    requestReturn: (b) => controls.requestReturn(b.vendorId, b.orderId, b.claim),
    requestExchange: (b) => controls.requestExchange(b.vendorId, b.orderId, b.claim),
    advanceDelivery: (b) => controls.advanceDelivery(b.vendorId, b.orderId, b.to),
    completeReturn: (b) => controls.completeReturn(b.vendorId, b.receiptId),
    setStock: (b) => controls.setStock(b.vendorId, b.vendorItemId, b.quantity),
    askProductQuestion: (b) => inquiryControls.askProductQuestion(b.vendorId, b.inquiry),
    buyerFollowUp: (b) => inquiryControls.buyerFollowUp(b.vendorId, b as { inquiryId: number; content: string }),
    addCallCenterInquiry: (b) => inquiryControls.addCallCenterInquiry(b.vendorId, b.inquiry),
    answerInWing: (b) => inquiryControls.answerInWing(b.vendorId, { kind: b.kind, inquiryId: b.inquiryId, content: b.content, by: b.by }),
    advanceTime: (b) => fake.advanceTime(Number(b.ms)),
    injectFault: (b) => fake.injectFault(b.fault),
    clearFaults: () => fake.clearFaults(),
    clearLog: () => (log.clear(), { cleared: true }),
  };

  function control(method: string, path: string, body: unknown): Reply {
    const name = path.slice('/_fake/'.length);
    if (method === 'GET' && name === 'state') return { status: 200, body: state() };
    if (method === 'GET' && name === 'log') return { status: 200, body: { log: log.items() } };
    const op = operations[name];
    if (method !== 'POST' || !op) return { status: 404, body: { error: `no control operation ${method} ${path}` } };
    try {
      return { status: 200, body: op((body ?? {}) as Record<string, unknown>) };
    } catch (e) {
      if (e instanceof ControlError || e instanceof InquiryControlError) return { status: 400, body: { error: e.message } };
      throw e;
    }
  }

  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const path = q < 0 ? raw : raw.slice(0, q);
      const rawQuery = q < 0 ? '' : raw.slice(q + 1);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let badJson = false;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        badJson = true;
      }
      const remoteAddress = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      let reply: Reply;
      let vendorId: string | null = null;
      if (path.startsWith('/_fake/')) reply = control(method, path, body);
      // A raw line break inside a JSON string: Jackson's words, as the CS answer docs print them.
      else if (badJson && /"[^"]*[\u0000-\u001f][^"]*"/.test(text)) reply = { status: 400, body: { code: 400, message: RAW_NEWLINE } };
      else if (badJson) reply = { status: 400, body: { code: 400, message: 'The request body is not valid JSON.' } };
      else {
        const r = api(method, path, rawQuery, req.headers.authorization, remoteAddress, body);
        reply = r.reply;
        vendorId = r.vendor?.vendorId ?? null;
        log.add({ at: now(), vendorId, method, path, query: rawQuery, remoteAddress, status: reply.reset ? 0 : reply.status, note: reply.note ?? null, ...(body === undefined ? {} : { requestBody: body }) });
      }
      if (reply.reset) {
        res.socket?.destroy();
        return;
      }
      const out = Buffer.from(JSON.stringify(reply.body ?? null), 'utf8');
      res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': out.length });
      res.end(out);
    });
  };

  const fake = {
    handle: listener,
    options: opts,
    now,
    listen: (port?: number, host?: string) => listen(listener, port, host),
    state,
    requestLog: (): readonly LogEntry[] => log.items(),
    clearRequestLog: () => log.clear(),
    advanceTime(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new ControlError('advanceTime: ms must be 0 or more');
      offset += ms;
      return { now: now() };
    },
    injectFault(input: FaultInput) {
      const r = FaultSchema.safeParse(input);
      if (!r.success) throw new ControlError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      faults.push({ ...r.data, remaining: r.data.count });
      return { injected: r.data.kind };
    },
    clearFaults() {
      const n = faults.length;
      faults = [];
      return { cleared: n };
    },
    addOrder: controls.addOrder.bind(controls),
    payOrder: controls.payOrder.bind(controls),
    changeAddress: controls.changeAddress.bind(controls),
    requestCancel: controls.requestCancel.bind(controls),
    requestReturn: controls.requestReturn.bind(controls),
    requestExchange: controls.requestExchange.bind(controls),
    advanceDelivery: controls.advanceDelivery.bind(controls),
    completeReturn: controls.completeReturn.bind(controls),
    setStock: controls.setStock.bind(controls),
    askProductQuestion: inquiryControls.askProductQuestion.bind(inquiryControls),
    buyerFollowUp: inquiryControls.buyerFollowUp.bind(inquiryControls),
    addCallCenterInquiry: inquiryControls.addCallCenterInquiry.bind(inquiryControls),
    answerInWing: inquiryControls.answerInWing.bind(inquiryControls),
  };
  return fake;
}

/** Every vendor's options type, for callers that build them. */
export type { CoupangOptions, CoupangOptionsInput };
