/**
 * The channels in Apps Script: each partner's account, whether it is connected, and one gateway
 * over every supported channel's transport, wired to the Apps Script adapters.
 */
import { supportedChannels } from '../channels/registry';
import type { CachePort, Clock, KeyValueStore } from '../core/ports';
import { ChannelGateway } from '../jobs/gateway';
import { executeAll } from './adapters/http';
import { addonStore, documentCache, tokenLock } from './adapters/stores';

export const clock: Clock = { now: () => Date.now() };
export const sleeper = { sleep: (ms: number) => Utilities.sleep(Math.max(0, Math.min(300_000, Math.round(ms)))) };
export const base64 = (text: string) => Utilities.base64Encode(text, Utilities.Charset.UTF_8);
export const hmacSha256Hex = (key: string, message: string) =>
  Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8)
    .map((b) => ((b + 256) % 256).toString(16).padStart(2, '0'))
    .join('');

export function redirectUri(): string {
  return `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
}

export interface ChannelRuntime {
  store: KeyValueStore;
  gateway: ChannelGateway;
}

/** Everything a job needs to talk to the channels in this execution, spending at most `budgetMs`. */
export function channelRuntime(budgetMs: number, cache: CachePort = documentCache()): ChannelRuntime {
  const store = addonStore();
  const http = { executeAll };
  const deps = { store, lock: tokenLock(), http, clock, base64, hmacSha256Hex, relay: null, redirectUri: redirectUri() };
  // The caller saves the pacing state with its own cache entries: one write a run.
  const gateway = new ChannelGateway({ http, sleeper, clock, cache, transports: supportedChannels().map((c) => c.transport(deps)), deadline: clock.now() + budgetMs, deferSave: true });
  return { store, gateway };
}
