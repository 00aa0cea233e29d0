/**
 * Where the keys of an API-key channel (the marketplaces) are kept: one JSON entry per partner in
 * the add-on's store (the connection owner's user properties), never in a cell. Each channel
 * names its fields (SalesChannel.apiKeys); this module checks what staff entered against them.
 */
import * as z from '../core/zod';
import { builtOnUse } from '../core/zod-helpers';
import type { ChannelId } from '../core/order';
import type { KeyValueStore } from '../core/ports';
import type { ApiKeyField } from './port';
import { object } from '../core/particle';
import { readStoredJson } from '../core/stored-json';

export type ApiKeys = Readonly<Record<string, string>>;

const PREFIX = (channel: ChannelId) => `${channel}.keys.`;
export const apiKeysKey = (channel: ChannelId, partnerId: string): string => `${PREFIX(channel)}${partnerId}`;
export const isApiKeysKey = (channel: ChannelId, key: string): boolean => key.startsWith(PREFIX(channel));

const stored = builtOnUse(() => z.record(z.string(), z.string()));

/** The partner's keys, or null when none are kept (or the entry is damaged: connect again). */
export function readApiKeys(store: KeyValueStore, channel: ChannelId, partnerId: string): ApiKeys | null {
  return readStoredJson(stored, store.get(apiKeysKey(channel, partnerId)));
}

export function saveApiKeys(store: KeyValueStore, channel: ChannelId, partnerId: string, keys: ApiKeys): void {
  store.set(apiKeysKey(channel, partnerId), JSON.stringify(keys));
}

/** What staff entered, checked against the channel's fields: every field (an optional one may be empty), trimmed, no spaces inside. */
export function keysFrom(fields: readonly ApiKeyField[], values: unknown): { ok: true; keys: ApiKeys } | { ok: false; problem: string } {
  const shape = z.record(z.string(), z.unknown()).safeParse(values);
  if (!shape.success) return { ok: false, problem: '입력값을 읽을 수 없습니다' };
  const keys: Record<string, string> = {};
  for (const f of fields) {
    const raw = shape.data[f.name];
    const v = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
    if (v === '' && f.optional) continue;
    if (v === '') return { ok: false, problem: `${object(f.label)} 입력하세요` };
    if (/\s/.test(v) || v.length > 500) return { ok: false, problem: `${f.label} 값이 올바르지 않습니다 (공백 없이 붙여넣으세요)` };
    keys[f.name] = v;
  }
  return { ok: true, keys };
}
