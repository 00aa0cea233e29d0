/**
 * Partners as accounts at their channels: which are connected, which wait for a reconnect, and
 * the account a row names; each asked of the partner's channel through the registry.
 */
import type { ChannelAccount } from '../channels/port';
import { channelOf, isSupportedChannel } from '../channels/registry';
import type { Partner } from '../core/partner';
import type { KeyValueStore } from '../core/ports';

/** The partner's account at its channel; throws with what to fix in the row. */
export function accountOf(p: Partner): ChannelAccount {
  return channelOf(p.channel).account(p);
}

/** Connected and usable: an account found revoked is not, until staff reconnect it. */
export function isConnected(store: KeyValueStore, p: Pick<Partner, 'partnerId' | 'channel'>): boolean {
  return isSupportedChannel(p.channel) && channelOf(p.channel).isConnected(store, p.partnerId);
}

/** Why a connected account waits for a reconnect (its consent was refused), or null. */
export function reconnectReason(store: KeyValueStore, p: Pick<Partner, 'partnerId' | 'channel'>): string | null {
  return isSupportedChannel(p.channel) ? channelOf(p.channel).reconnectReason(store, p.partnerId) : null;
}
