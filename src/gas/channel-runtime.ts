/**
 * The channels in Apps Script: each partner's account, whether it is connected, and one gateway
 * over every supported channel's transport, wired to the Apps Script adapters.
 */
import type { RelayPort } from '../channels/port';
import { nonceSequence, relayPort, relaySettingsFrom, type RelaySetup } from '../channels/relay';
import { supportedChannels } from '../channels/registry';
import type { CachePort, Clock, KeyValueStore } from '../core/ports';
import { ChannelGateway } from '../jobs/gateway';
import { executeAll } from './adapters/http';
import { addonStore, documentCache, tokenLock } from './adapters/stores';

export const clock: Clock = { now: () => Date.now() };
export const sleeper = { sleep: (ms: number) => Utilities.sleep(Math.max(0, Math.min(300_000, Math.round(ms)))) };
export const base64 = (text: string) => Utilities.base64Encode(text, Utilities.Charset.UTF_8);
const hex = (bytes: number[]) => bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
export const hmacSha256Hex = (key: string, message: string) => hex(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8));
export const sha256Hex = (text: string) => hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8));

/**
 * The relay as the script properties RELAY_URL and RELAY_SECRET set it. Script properties, not
 * the connection owner's user properties: the relay is the publisher's (one for every sheet of an
 * Editor add-on, set in the project's settings), and its secret only lets a caller use the relay,
 * never a marketplace account (those keys stay with the owner). Read once per execution, and only
 * when a marketplace request asks for the relay: a minute with Cafe24 malls only never reads it.
 */
let relayMemo: { setup: RelaySetup; port: RelayPort | null } | null = null;

function relayOfScript(): { setup: RelaySetup; port: RelayPort | null } {
  if (relayMemo) return relayMemo;
  const setup = relaySettingsFrom(PropertiesService.getScriptProperties().getProperties());
  const port = setup.kind === 'ok' ? relayPort(setup.settings, { clock, hmacSha256Hex, sha256Hex, nonce: nonceSequence(() => Utilities.getUuid()) }) : null;
  return (relayMemo = { setup, port });
}

/** The relay the marketplace channels send through, or null (none set, or set wrongly: see relayStatus). */
export function scriptRelay(): RelayPort | null {
  return relayOfScript().port;
}

/** Whether a relay is set and, when its settings are wrong, what to fix (Korean), for the sidebar and a connection test. */
export function relayStatus(): { readonly configured: boolean; readonly problem: string | null } {
  const { setup } = relayOfScript();
  return { configured: setup.kind === 'ok', problem: setup.kind === 'invalid' ? setup.message : null };
}

export function redirectUri(): string {
  return `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
}

export interface ChannelRuntime {
  store: KeyValueStore;
  gateway: ChannelGateway;
  /** The relay, read from the script properties when first asked (null: none, or set wrongly). */
  relay(): RelayPort | null;
}

/** Everything a job needs to talk to the channels in this execution, spending at most `budgetMs`. */
export function channelRuntime(budgetMs: number, cache: CachePort = documentCache()): ChannelRuntime {
  const store = addonStore();
  const http = { executeAll };
  const deps = {
    store,
    lock: tokenLock(),
    http,
    clock,
    base64,
    hmacSha256Hex,
    // Wrong settings leave the relay off: the marketplace's own 403 then says what to check.
    get relay() {
      return scriptRelay();
    },
    redirectUri: redirectUri(),
  };
  // The caller saves the pacing state with its own cache entries: one write a run.
  const gateway = new ChannelGateway({ http, sleeper, clock, cache, transports: supportedChannels().map((c) => c.transport(deps)), deadline: clock.now() + budgetMs, deferSave: true });
  return { store, gateway, relay: scriptRelay };
}
