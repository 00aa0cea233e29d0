/**
 * A local fake of the Cafe24 Admin REST API: many malls in one server, routed by the Host
 * header `{mall_id}.cafe24api.com` (or a `/{mall_id}` path prefix by hand), time from an
 * injected clock. See README.md for what it enforces and the choices made where the reference
 * is silent.
 */
import * as http from 'node:http';
import { listen } from '../listen';
import { z } from 'zod';
import { Controls } from './control';
import { boardSnapshot, type AnswerInAdminInput, type AskInput, type DeleteArticleInput } from './boards';
import { FakeCore } from './core';
import { ControlError } from './errors';
import type { FaultInput } from './faults';
import type { ResolvedOptions, StrictOptions, LimitOptions, VersionOptions } from './options';
import { LimitOptionsSchema, StrictOptionsSchema, VersionOptionsSchema } from './options';
import type { AddOrderInputT } from './orders';
import type { BuyerRequestT } from './claims';
import type { RequestLogEntry } from './request-log';
import { Cafe24Seed } from './seed-schema';
import { createListener } from './server';
import { formatZodError } from './zod-format';
import { WebhookEmitter, WebhookOptionsSchema, type WebhookDelivery } from './webhooks';

export type { FaultInput } from './faults';
export type { AddOrderInputT as AddOrderInput } from './orders';
export type { BuyerRequestT as BuyerRequest } from './claims';
export type { RequestLogEntry } from './request-log';
export type { WebhookDelivery } from './webhooks';
export type { Cafe24SeedInput } from './seed-schema';
export { ControlError } from './errors';
export { defaultSeed } from './default-seed';

export interface Cafe24FakeOptions {
  /** Simulated time, epoch ms. Token expiry, the bucket and dates all follow it. */
  clock: () => number;
  /** Seed in Cafe24's object shapes (see seed-schema.ts); validated, errors name the JSON path. */
  seed: unknown;
  /** Answers to the reference's open questions (see options.ts and README.md). */
  strict?: Partial<z.input<typeof StrictOptionsSchema>>;
  /** Documented limits, adjustable for tests. */
  limits?: Partial<z.input<typeof LimitOptionsSchema>>;
  versions?: Partial<z.input<typeof VersionOptionsSchema>>;
  /** Request log entries kept (oldest dropped first). Default 10,000. */
  maxLogEntries?: number;
  /** Cafe24's webhooks: off unless given (webhooks.ts; the host takes the deliveries with `onWebhook`). */
  webhooks?: z.input<typeof WebhookOptionsSchema>;
}

export interface Cafe24Fake {
  /** A plain Node request listener. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Convenience: serve on a real port (0 = ephemeral). */
  listen(port?: number, host?: string): Promise<{ port: number; close(): Promise<void> }>;
  /** JSON-serialisable snapshot of every mall. */
  state(): ReturnType<Controls['state']>;
  requestLog(): RequestLogEntry[];
  /** Entries the log dropped, oldest first, to stay within `maxLogEntries`. */
  requestLogDropped(): number;
  clearRequestLog(): void;
  malls(): string[];
  readonly options: Readonly<ResolvedOptions>;
  /** Where webhook deliveries go (none: they are made and logged, not sent). */
  onWebhook(sink: (d: WebhookDelivery) => void): void;
  /** Every webhook delivery made, lost ones included (empty without `webhooks`). */
  webhookDeliveries(): readonly WebhookDelivery[];
  /** The mall's next `count` webhook deliveries are lost on the way. */
  loseWebhooks(mallId: string, count?: number): { mall_id: string; lost_next: number };

  // customer / carrier side
  addOrder(mallId: string, order: AddOrderInputT): Record<string, unknown>;
  payOrder(mallId: string, orderId: string, options?: { payment_status?: 'T' | 'A' | 'P' }): Record<string, unknown>;
  requestCancel(mallId: string, orderId: string, request?: BuyerRequestT): Record<string, unknown>;
  requestReturn(mallId: string, orderId: string, request?: BuyerRequestT): Record<string, unknown>;
  requestExchange(mallId: string, orderId: string, request?: BuyerRequestT): Record<string, unknown>;
  withdrawRequest(mallId: string, orderId: string, orderItemCode: string): Record<string, unknown>;
  /** The mall's operator cancels an order in the Cafe24 admin (not through the API). */
  adminCancel(mallId: string, orderId: string, reason?: string): Record<string, unknown>;
  markDelivered(mallId: string, orderId: string, options?: { items?: string[] }): Record<string, unknown>;
  expireUnpaid(mallId: string, orderId: string): Record<string, unknown>;
  /** A buyer asks on a board (product Q&A by default, or 1:1). */
  askQuestion(mallId: string, input: z.input<typeof AskInput>): Record<string, unknown>;
  /** Staff answer in the Cafe24 admin directly (not through the API). */
  answerInAdmin(mallId: string, input: z.input<typeof AnswerInAdminInput>): Record<string, unknown>;
  deleteArticle(mallId: string, input: z.input<typeof DeleteArticleInput>): Record<string, unknown>;
  /** Every article and comment of a mall. */
  boards(mallId: string): { articles: Record<string, unknown>[]; comments: Record<string, unknown>[] };
  // operator / warehouse side
  setStock(mallId: string, variantCode: string, quantity: number): Record<string, unknown>;
  revokeTokens(mallId: string): { mall_id: string; revoked_access_tokens: number };
  issueToken(mallId: string, options?: { client_id?: string; scopes?: string[] }): Record<string, unknown>;
  // faults
  injectFault(mallId: string, fault: FaultInput): { id: string };
  clearFaults(mallId?: string): { cleared: number };
}

export function resolveOptions(o: Cafe24FakeOptions): ResolvedOptions {
  const parse = <S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> => {
    const r = schema.safeParse(value ?? {});
    if (!r.success) throw new ControlError(formatZodError('Invalid Cafe24 fake options:', root, r.error));
    return r.data;
  };
  return {
    strict: parse(StrictOptionsSchema, o.strict, 'strict') as StrictOptions,
    limits: parse(LimitOptionsSchema, o.limits, 'limits') as LimitOptions,
    versions: parse(VersionOptionsSchema, o.versions, 'versions') as VersionOptions,
    maxLogEntries: o.maxLogEntries ?? 10_000,
  };
}

export function createCafe24Fake(options: Cafe24FakeOptions): Cafe24Fake {
  if (typeof options?.clock !== 'function') throw new ControlError('createCafe24Fake: options.clock must be a function returning epoch ms');
  const opts = resolveOptions(options);
  const parsed = Cafe24Seed.safeParse(options.seed);
  if (!parsed.success) throw new ControlError(formatZodError('Invalid Cafe24 seed:', '$', parsed.error));
  const core = new FakeCore(options.clock, parsed.data, opts);
  const controls = new Controls(core);
  const listener = createListener(core, controls);
  if (options.webhooks) {
    const w = WebhookOptionsSchema.safeParse(options.webhooks);
    if (!w.success) throw new ControlError(formatZodError('Invalid Cafe24 fake options:', 'webhooks', w.error));
    core.webhooks = new WebhookEmitter(w.data, options.clock);
  }
  /** A buyer's or operator's change of a mall, with the webhooks it fires. */
  const change = <T>(mallId: string, fn: () => T): T => (core.webhooks ? core.webhooks.around(core.malls.get(mallId), fn) : fn());

  return {
    handle: (req, res) => listener(req, res),
    listen: (port?: number, host?: string) => listen(listener, port, host),
    state: () => controls.state(),
    requestLog: () => controls.requestLog(),
    requestLogDropped: () => controls.requestLogDropped(),
    clearRequestLog: () => controls.clearRequestLog(),
    malls: () => [...core.malls.keys()],
    options: opts,
    onWebhook: (sink) => core.webhooks?.onDelivery(sink),
    webhookDeliveries: () => core.webhooks?.deliveries ?? [],
    loseWebhooks: (m, count = 1) => {
      if (!core.webhooks) throw new ControlError('loseWebhooks: this scenario has no Cafe24 webhooks (channels.cafe24.webhooks)');
      core.requireMall(m);
      return core.webhooks.loseNext(m, count);
    },
    addOrder: (m, o) => change(m, () => controls.addOrder(m, o)),
    payOrder: (m, id, o) => change(m, () => controls.payOrder(m, id, o)),
    requestCancel: (m, id, r) => change(m, () => controls.requestCancel(m, id, r)),
    requestReturn: (m, id, r) => change(m, () => controls.requestReturn(m, id, r)),
    requestExchange: (m, id, r) => change(m, () => controls.requestExchange(m, id, r)),
    withdrawRequest: (m, id, code) => change(m, () => controls.withdrawRequest(m, id, code)),
    adminCancel: (m, id, reason) => change(m, () => controls.adminCancel(m, id, reason)),
    markDelivered: (m, id, o) => change(m, () => controls.markDelivered(m, id, o)),
    expireUnpaid: (m, id) => change(m, () => controls.expireUnpaid(m, id)),
    setStock: (m, code, q) => change(m, () => controls.setStock(m, code, q)),
    askQuestion: (m, i) => controls.askQuestion(m, i),
    answerInAdmin: (m, i) => controls.answerInAdmin(m, i),
    deleteArticle: (m, i) => controls.deleteArticle(m, i),
    boards: (m) => boardSnapshot(core.requireMall(m)),
    revokeTokens: (m) => controls.revokeTokens(m),
    issueToken: (m, o) => controls.issueToken(m, o),
    injectFault: (m, f) => controls.injectFault(m, f),
    clearFaults: (m) => controls.clearFaults(m),
  };
}
