/**
 * What the sidebar is built from, read in one server call: the tabs, the trigger, each partner's
 * connection, the health record the sync keeps, the queues (the dry run's counts) and today's
 * quota use. Reads the tabs the next run would read; writes nothing.
 */
import { channelOf, isSupportedChannel } from '../channels/registry';
import type { ChannelId } from '../core/order';
import { readStatementMail, resellerSheetIds } from './reseller-sheets';
import { readApp, readToken } from '../channels/cafe24/token-vault';
import { accountTypeOf, parseHealth } from '../jobs/health';
import { sidebarView, type ConnectView, type PartnerFacts, type SidebarState } from '../jobs/sidebar-view';
import { TABS } from '../sheet/tabs';
import { cellText } from '../sheet/table';
import { addonStore, documentCache } from './adapters/stores';
import { partnersOf } from './partners-tab';
import { connectionOwner, currentUser } from './connection-owner';
import { nextRunPreview, readPreviewGrids } from './next-run-preview';
import { readToday } from './today';
import { readSettings } from './settings';
import { isSyncInstalled } from './triggers';
import { CADENCE_KEY, STOCK_DIRTY_KEY, HEALTH_KEY, QUOTA_ACCOUNT_KEY } from '../jobs/kept';
import { parseCadence } from '../jobs/order-cadence';

/**
 * Apps Script cannot be asked which kind of account runs it, nor how much of a quota is left:
 * the gauge uses the consumer limits (the lower ones) unless this document property says "workspace".
 */
export { QUOTA_ACCOUNT_KEY };

export function readSidebarState(): SidebarState {
  const settings = readSettings();
  const ss = SpreadsheetApp.getActive();
  const now = Date.now();
  const store = addonStore(ss.getId());
  const owner = connectionOwner();
  const me = currentUser();
  const names = new Set(ss.getSheets().map((s) => s.getName()));
  const partnerReads = partnersOf(ss).filter((r) => r.row.key !== '');
  const kept = documentCache().getAll([HEALTH_KEY, STOCK_DIRTY_KEY, CADENCE_KEY]);
  const partners: PartnerFacts[] = partnerReads.map((r) => ({
    partnerId: r.row.key,
    name: r.ok ? r.partner.name : cellText(r.row.get('name')),
    mallId: r.ok ? r.partner.accountId : cellText(r.row.get('accountId')),
    channelSupported: r.ok && isSupportedChannel(r.partner.channel),
    connect: r.ok && isSupportedChannel(r.partner.channel) ? connectView(r.partner.channel) : null,
    // Only the owner can read the keys; anyone else goes by what the row says.
    keysSaved: r.ok && isSupportedChannel(r.partner.channel) ? (owner === me ? channelOf(r.partner.channel).isConnected(store, r.row.key) : cellText(r.row.get('connection')) === '연결됨') : false,
    problem: r.ok ? null : r.problems.join('; '),
    connectionCell: cellText(r.row.get('connection')),
    // Only the owner can read the token; anyone else sees what the row says of it.
    refreshExpiresAt: owner === me ? (readToken(store, r.row.key)?.refreshExpiresAt ?? null) : timeOfCell(r.row.get('tokenExpiresAt')),
  }));
  // Read once for the dry run and 오늘 할 일 both.
  const grids = readPreviewGrids(ss);
  const account = accountTypeOf(store.get(QUOTA_ACCOUNT_KEY));
  return sidebarView({
    lang: settings.lang,
    now,
    tabs: TABS.map((t) => ({ key: t.key, title: t.title[settings.lang], present: names.has(t.title.ko) || names.has(t.title.en) })),
    appSaved: owner !== null || readApp(store) !== null,
    owner,
    me,
    installed: isSyncInstalled(),
    cadence: settings.cadence,
    account,
    // The quiet stride the sync last planned with (its cadence, kept in the cache it just read).
    quietStride: parseCadence(kept[CADENCE_KEY]).stride,
    partners,
    health: parseHealth(kept[HEALTH_KEY]),
    preview: nextRunPreview(ss, partnerReads, store, now, grids),
    today: readToday(ss, now, grids),
    stockDirty: Boolean(kept[STOCK_DIRTY_KEY]),
    statementMail: readStatementMail(),
    resellerSheets: Object.keys(resellerSheetIds()).length,
  });
}

function connectView(id: ChannelId): ConnectView {
  const c = channelOf(id);
  return c.connect === 'apiKeys' ? { kind: 'apiKeys', channelLabel: c.label, fields: (c.apiKeys ?? []).map((f) => ({ ...f })) } : { kind: 'oauth', channelLabel: c.label };
}

function timeOfCell(v: unknown): number | null {
  if (v instanceof Date) return v.getTime();
  const t = typeof v === 'string' && v.trim() ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : null;
}
