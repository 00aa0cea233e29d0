import type * as http from 'node:http';
import { createCafe24Fake, defaultSeed, type FaultInput } from '../fakes/cafe24';
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
}

export type ChannelFactory = (seed: unknown, clock: () => number) => ChannelFake;

/** Control operations a scenario may name for Cafe24, with their positional arguments. */
const CAFE24_ACTIONS = CHANNEL_ACTIONS.cafe24!;

const cafe24: ChannelFactory = (seed, clock) => {
  // "default" (or null) stands for the built-in three partner malls.
  // The sandbox keeps every request: a reader of channels.json must see the first ones too.
  const fake = createCafe24Fake({ clock, seed: seed === 'default' || seed == null ? defaultSeed : seed, maxLogEntries: Number.POSITIVE_INFINITY });
  return {
    hosts: ['*.cafe24api.com'],
    listener: (req, res) => fake.handle(req, res),
    state: () => fake.state(),
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

export const channelFactories: Record<string, ChannelFactory> = { cafe24 };
