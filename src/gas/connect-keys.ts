/**
 * The sidebar's "save and test" for a marketplace partner (src/jobs/connect-keys.ts) in Apps
 * Script: the keys go to the connection owner's user properties (whoever saves first becomes
 * the owner, as with Cafe24's app), the partner row and the log say what the marketplace answered.
 */
import { channelLabel } from '../channels/registry';
import { connectWithKeys } from '../jobs/connect-keys';
import type { Lang } from '../sheet/schema';
import { appendLog } from './adapters/log-tab';
import { channelRuntime, clock } from './channel-runtime';
import { connectionOwner, currentUser, notOwnerReason, setConnectionOwner } from './connection-owner';
import { forgetPartnersSnapshot, markProductsEdited } from './edit-marks';
import { markPartners, partnersOf } from './partners-tab';

/** Long enough for a token request and one read, well inside a sidebar call. */
const TEST_BUDGET_MS = 30_000;

export function saveChannelKeysFor(partnerId: string, values: unknown, lang: Lang): { ok: boolean; message: string } {
  const ss = SpreadsheetApp.getActive();
  const read = partnersOf(ss).find((r) => r.row.key === partnerId);
  if (!read) throw new Error(`파트너 ${partnerId}를 파트너 탭에서 찾을 수 없습니다`);
  if (!read.ok) throw new Error(`${partnerId}: ${read.problems.join('; ')}`);
  const refused = notOwnerReason(`${channelLabel(read.partner.channel)} 연결`);
  if (refused) throw new Error(refused);
  const rt = channelRuntime(TEST_BUDGET_MS);
  const r = connectWithKeys(read.partner, values, { store: rt.store, gateway: rt.gateway, now: clock.now() });
  if (r.saved) {
    const me = currentUser();
    if (connectionOwner() !== me) setConnectionOwner(me);
    markPartners(ss, [{ partnerId, connection: r.ok ? '연결됨' : '연결 실패', status: r.ok ? '' : r.message }]);
    forgetPartnersSnapshot();
    // A partner just connected gets the products it sells with the next run.
    if (r.ok) markProductsEdited(rt.store);
    appendLog(ss, lang, [{ job: 'connect', startedAt: new Date(clock.now()), durationMs: 0, level: r.ok ? 'info' : 'error', message: `${partnerId}: ${r.message}` }]);
  }
  return { ok: r.ok, message: r.message };
}
