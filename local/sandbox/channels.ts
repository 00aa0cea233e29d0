import type * as http from 'node:http';

/**
 * A channel's fake as the sandbox drives it: the hosts it answers for, its HTTP listener, its
 * state and request log for channels.json, and the scenario's channel events and faults.
 */
export interface ChannelFake {
  readonly hosts: readonly string[];
  readonly listener: http.RequestListener;
  state(): unknown;
  requestLog(): unknown[];
  control(action: string, args: unknown[]): unknown;
  fault(target: string, fault: Record<string, unknown>): unknown;
}

export type ChannelFactory = (seed: unknown, clock: () => number) => ChannelFake;

export const channelFactories: Record<string, ChannelFactory> = {};
