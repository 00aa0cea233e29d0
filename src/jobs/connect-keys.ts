/**
 * Connecting an API-key channel (a marketplace): staff enter the keys in the sidebar; they are
 * checked against the channel's fields, kept in the store, and tried at once with the first page
 * of an order collect, so the sidebar says what the marketplace answered ("test connection").
 * Nothing is collected here: the cursor does not move, the sync reads the orders.
 */
import { keysFrom, saveApiKeys } from '../channels/api-keys';
import type { Gateway } from '../channels/port';
import { channelOf } from '../channels/registry';
import type { Partner } from '../core/partner';
import type { KeyValueStore } from '../core/ports';
import { subject, topic } from '../core/particle';

export interface KeysConnectResult {
  readonly ok: boolean;
  /** Korean, for the sidebar and the partner row. */
  readonly message: string;
  /** The keys were kept (a failed test still keeps them: the relay may be what needs fixing). */
  readonly saved: boolean;
}

export function connectWithKeys(partner: Partner, values: unknown, deps: { readonly store: KeyValueStore; readonly gateway: Gateway; readonly now: number }): KeysConnectResult {
  const channel = channelOf(partner.channel);
  if (channel.connect !== 'apiKeys' || !channel.apiKeys) return { ok: false, saved: false, message: `${topic(channel.label)} 키 입력이 아니라 승인 링크로 연결합니다` };
  let account;
  try {
    account = channel.account(partner);
  } catch (e) {
    return { ok: false, saved: false, message: `${partner.partnerId}: ${(e as Error).message}` };
  }
  const entered = keysFrom(channel.apiKeys, values);
  if (!entered.ok) return { ok: false, saved: false, message: entered.problem };
  try {
    if (channel.saveKeys) channel.saveKeys(deps.store, partner.partnerId, entered.keys);
    else saveApiKeys(deps.store, partner.channel, partner.partnerId, entered.keys);
  } catch (e) {
    return { ok: false, saved: false, message: (e as Error).message };
  }
  const first = channel.orders.collect(account, null, deps.now, 0)[0];
  if (!first) return { ok: true, saved: true, message: `${channel.label} 키를 저장했습니다` };
  const [outcome] = deps.gateway.run([first.read.request]);
  if (outcome!.ok) return { ok: true, saved: true, message: `${channel.label} 연결 확인: 주문 조회에 성공했습니다 (최근 변경 ${outcome!.value.items.length}건)` };
  return { ok: false, saved: true, message: `${subject(channel.label)} 응답했습니다: ${outcome!.error.userMessage}` };
}
