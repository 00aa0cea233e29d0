import type * as http from 'node:http';
import { createCafe24Fake, defaultSeed, type Cafe24FakeOptions, type FaultInput, type WebhookDelivery } from '../fakes/cafe24';
import { strictFromEnv } from '../fakes/cafe24/options';
import { createCoupangFake, defaultSeed as coupangDefaultSeed, type CoupangOptionsInput, type FaultInput as CoupangFault } from '../fakes/coupang';
import { createNaverFake, defaultSeed as naverDefaultSeed, NAVER_HOST, type FaultInput as NaverFault } from '../fakes/naver';
import { optionsFromEnv as naverOptionsFromEnv } from '../fakes/naver/options';
import { CHANNEL_ACTIONS } from './channel-actions';

/**
 * A channel's fake as the sandbox drives it: the hosts it answers for, its HTTP listener, its
 * state and request log for channels.json, and the scenario's channel events and faults.
 */
export interface ChannelFake {
  readonly hosts: readonly string[];
  readonly listener: http.RequestListener;
  state(): unknown;
  /** Every request, oldest first, each with its body (secrets masked). */
  requestLog(): unknown[];
  /** Oldest entries the log dropped to stay within its cap (0 in the sandbox, which keeps all). */
  requestLogDropped(): number;
  control(action: string, args: unknown[]): unknown;
  fault(target: string, fault: Record<string, unknown>): unknown;
  /** The channel's webhooks, when the scenario turned them on: the host carries each delivery. */
  readonly webhooks?: { readonly apiKey: string; onDelivery(sink: (d: WebhookDelivery) => void): void };
}

export type ChannelFactory = (seed: unknown, clock: () => number) => ChannelFake;

/** Control operations a scenario may name for Cafe24, with their positional arguments. */
const CAFE24_ACTIONS = CHANNEL_ACTIONS.cafe24!;

/**
 * `channels.cafe24` of a scenario: a seed (`"default"` or null for the built-in three partner
 * malls, or `{ apps, malls }`), or `{ "seed": …, "strict": {…}, "limits": {…} }` to set the
 * fake's switches where the reference is silent (local/fakes/cafe24/options.ts). The
 * scenario's switches win over those of `CAFE24_FAKE_STRICT`.
 */
export interface Cafe24ChannelSetup {
  seed: unknown;
  strict?: Cafe24FakeOptions['strict'];
  limits?: Cafe24FakeOptions['limits'];
  webhooks?: Cafe24FakeOptions['webhooks'];
}

/** The webhook secret of the local app, shared by the fake and the local relay. */
export const LOCAL_WEBHOOK_KEY = 'local-cafe24-webhook-key';

export function cafe24Setup(value: unknown): Cafe24ChannelSetup {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('seed' in value)) return { seed: value };
  const { seed, strict, limits, webhooks, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new Error(`channels.cafe24: unknown key ${unknown.join(', ')} (known: seed, strict, limits, webhooks)`);
  // `"webhooks": true` is the fake's defaults with the local app's key.
  const hooks = webhooks === true ? { apiKey: LOCAL_WEBHOOK_KEY } : webhooks === false || webhooks == null ? undefined : { apiKey: LOCAL_WEBHOOK_KEY, ...(webhooks as object) };
  return { seed, strict: strict as Cafe24ChannelSetup['strict'], limits: limits as Cafe24ChannelSetup['limits'], ...(hooks ? { webhooks: hooks as Cafe24ChannelSetup['webhooks'] } : {}) };
}

const cafe24: ChannelFactory = (value, clock) => {
  const { seed, strict, limits, webhooks } = cafe24Setup(value);
  // "default" (or null) stands for the built-in three partner malls.
  // The sandbox keeps every request: a reader of channels.json must see the first ones too.
  const fake = createCafe24Fake({ clock, seed: seed === 'default' || seed == null ? defaultSeed : seed, strict: { ...strictFromEnv(), ...strict }, limits, maxLogEntries: Number.POSITIVE_INFINITY, ...(webhooks ? { webhooks } : {}) });
  return {
    hosts: ['*.cafe24api.com'],
    listener: (req, res) => fake.handle(req, res),
    ...(webhooks ? { webhooks: { apiKey: webhooks.apiKey, onDelivery: (sink: (d: WebhookDelivery) => void) => fake.onWebhook(sink) } } : {}),
    // With the switches it ran under, so channels.json says which reading of the reference it was;
    // and every webhook the mall sent (lost ones marked), as Cafe24's webhook log would list them.
    state: () => ({ ...fake.state(), strict: fake.options.strict, ...(webhooks ? { webhooks: fake.webhookDeliveries().map(({ headers: _h, body, ...d }) => ({ ...d, body: JSON.parse(body) as unknown })) } : {}) }),
    requestLog: () => fake.requestLog(),
    requestLogDropped: () => fake.requestLogDropped(),
    control(action, args) {
      if (!CAFE24_ACTIONS.includes(action)) {
        throw new Error(`cafe24 has no action "${action}" (known: ${CAFE24_ACTIONS.join(', ')})`);
      }
      return (fake as unknown as Record<string, (...a: unknown[]) => unknown>)[action]!(...args);
    },
    fault: (mallId, fault) => fake.injectFault(mallId, fault as FaultInput),
  };
};

/**
 * `channels.coupang` of a scenario: a seed (`"default"` or null for the built-in vendor
 * A00012345, or `{ vendors }` in Wing's own shapes), or `{ "seed": …, "options": {…} }` with the
 * fake's switches where the reference is silent (local/fakes/coupang/README.md). The fake
 * registers only the relay's address: a direct call from the add-on gets Coupang's 403.
 */
function coupangOptionsFromEnv(): CoupangOptionsInput {
  const raw = process.env.COUPANG_FAKE_OPTIONS;
  return raw ? (JSON.parse(raw) as CoupangOptionsInput) : {};
}

const coupang: ChannelFactory = (value, clock) => {
  const setup = typeof value === 'object' && value !== null && !Array.isArray(value) && 'seed' in value ? (value as { seed: unknown; options?: CoupangOptionsInput }) : { seed: value };
  const fake = createCoupangFake({
    clock,
    seed: (setup.seed === 'default' || setup.seed == null ? coupangDefaultSeed : setup.seed) as typeof coupangDefaultSeed,
    // The sandbox keeps every request: a reader of channels.json must see the first ones too.
    // COUPANG_FAKE_OPTIONS (JSON): the spec matrix's reading, under the scenario's own switches.
    options: { ...coupangOptionsFromEnv(), ...setup.options, maxLogEntries: Number.MAX_SAFE_INTEGER },
  });
  const actions = CHANNEL_ACTIONS.coupang!;
  return {
    hosts: ['api-gateway.coupang.com'],
    listener: (req, res) => fake.handle(req, res),
    state: () => ({ ...fake.state(), options: fake.options }),
    requestLog: () => [...fake.requestLog()],
    requestLogDropped: () => 0,
    control(action, args) {
      if (!actions.includes(action)) throw new Error(`coupang has no action "${action}" (known: ${actions.join(', ')})`);
      return (fake as unknown as Record<string, (...a: unknown[]) => unknown>)[action]!(...args);
    },
    // Coupang's faults are not per vendor: the target names the vendor for the reader only.
    fault: (_vendorId, fault) => fake.injectFault(fault as CoupangFault),
  };
};

/**
 * `channels.naver` of a scenario: a seed (`"default"` or null for the built-in SmartStore
 * application of the fake, or `{ applications }` in the Commerce API's own shapes), or
 * `{ "seed": …, "options": {…} }` with the fake's switches (local/fakes/naver/README.md). Like
 * Coupang's, the fake registers only the relay's address.
 */
const naver: ChannelFactory = (value, clock) => {
  const setup = typeof value === 'object' && value !== null && !Array.isArray(value) && 'seed' in value ? (value as { seed: unknown; options?: Record<string, unknown> }) : { seed: value };
  // The sandbox keeps every request: a reader of channels.json must see the first ones too.
  const fake = createNaverFake({ clock, seed: setup.seed === 'default' || setup.seed == null ? naverDefaultSeed : setup.seed, ...naverOptionsFromEnv(), ...setup.options, maxLogEntries: Number.MAX_SAFE_INTEGER });
  const actions = CHANNEL_ACTIONS.naver!;
  return {
    hosts: [NAVER_HOST],
    listener: (req, res) => fake.handle(req, res),
    state: () => ({ ...fake.controls.state(), options: fake.options }),
    requestLog: () => fake.core.log.all(),
    requestLogDropped: () => 0,
    control(action, args) {
      if (!actions.includes(action)) throw new Error(`naver has no action "${action}" (known: ${actions.join(', ')})`);
      return (fake.controls as unknown as Record<string, (...a: unknown[]) => unknown>)[action]!.apply(fake.controls, args);
    },
    fault: (_clientId, fault) => fake.controls.injectFault(fault as NaverFault),
  };
};

export const channelFactories: Record<string, ChannelFactory> = { cafe24, naver, coupang };
