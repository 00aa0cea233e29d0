/**
 * Which implementation serves each channel a partner row may name. Adding a channel is a folder
 * implementing `SalesChannel` (port.ts) and one line here.
 */
import type { ChannelId } from '../core/order';
import type { SalesChannel } from './port';
import { cafe24 } from './cafe24/channel';
import { coupang } from './coupang/channel';
import { naver } from './naver/channel';

const CHANNELS: Readonly<Partial<Record<ChannelId, SalesChannel>>> = { cafe24, naver, coupang };

/** The channel's implementation; throws for a channel the add-on does not connect yet. */
export function channelOf(id: ChannelId): SalesChannel {
  const channel = CHANNELS[id];
  if (!channel) throw new Error(`${id}: 아직 연동하지 않는 채널입니다`);
  return channel;
}

/** Whether the add-on can connect partners of this channel. */
export function isSupportedChannel(id: ChannelId): boolean {
  return CHANNELS[id] !== undefined;
}

export function supportedChannels(): readonly SalesChannel[] {
  return Object.values(CHANNELS);
}

/** A channel by its name in the sheet's messages ("카페24"); "채널" when none can be named. */
export function channelLabel(id: ChannelId | undefined): string {
  return id !== undefined && isSupportedChannel(id) ? channelOf(id).label : '채널';
}
