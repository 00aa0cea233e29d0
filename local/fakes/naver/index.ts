/**
 * A local fake of the Naver Commerce API (SmartStore): stores (applications) seeded in Naver's
 * shapes, bcrypt-signed token issuance, the order and product APIs the add-on uses, the gateway's
 * rate limits and error JSON, and the IP rule. See README.md for what it enforces and the
 * switches where the reference is silent.
 */
import * as http from 'node:http';
import { listen } from '../listen';
import { Controls } from './control';
import { ControlError, NaverCore } from './model';
import { NaverOptionsSchema, type NaverOptions, type NaverOptionsInput } from './options';
import { NaverSeed } from './seed-schema';
import { createListener } from './server';

export { defaultSeed, DEFAULT_ACCOUNT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './default-seed';
export type { FaultInput } from './faults';
export type { NaverLogEntry } from './request-log';
export type { PlaceOrderInput } from './control';
export { ControlError } from './model';

/** The real host: the local runtime routes it to the fake (local/runtime/network.ts). */
export const NAVER_HOST = 'api.commerce.naver.com';

export interface NaverFakeOptions extends Partial<NaverOptionsInput> {
  /** Simulated time, epoch ms (tokens, the feed, the buckets follow it; `advanceTime` adds to it). */
  clock: () => number;
  seed: unknown;
}

export interface NaverFake {
  readonly handle: http.RequestListener;
  listen(port?: number, host?: string): Promise<{ port: number; close(): Promise<void> }>;
  readonly options: Readonly<NaverOptions>;
  readonly controls: Controls;
  readonly core: NaverCore;
}

export function createNaverFake(options: NaverFakeOptions): NaverFake {
  const { clock, seed, ...rest } = options;
  const opts = NaverOptionsSchema.safeParse(rest);
  if (!opts.success) throw new ControlError(`Invalid Naver fake options: ${opts.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const parsed = NaverSeed.safeParse(seed);
  if (!parsed.success) throw new ControlError(`Invalid Naver seed: ${parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const core = new NaverCore(clock, parsed.data, opts.data);
  const controls = new Controls(core);
  const handle = createListener(core, controls);
  return {
    handle,
    options: opts.data,
    controls,
    core,
    listen: (port?: number, host?: string) => listen(handle, port, host),
  };
}
