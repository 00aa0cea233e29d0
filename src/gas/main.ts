/**
 * The add-on's global surface: every function Apps Script calls by name (simple triggers, the
 * menu, the time-driven trigger, google.script.run from the sidebar). Each one only wires the
 * Apps Script adapters to a job; the work is done elsewhere. The build turns every export into
 * a real top-level function of build/Code.js; names ending in "_" stay private.
 */
import { message } from '../i18n/messages';
import { setupWorkbook as runSetup } from '../jobs/setup';
import { CLAIMS, INQUIRIES, LEDGER, ORDERS, PARTNERS, PRODUCTS, STOCK_RATIOS, TABS, TRACKING_IMPORT } from '../sheet/tabs';
import { guardShippedRow } from './order-lock';
import { clearStaleRatioCells } from './stale-cells';
import { showPickingLists } from './picking-lists';
import { scanParcel, type ScanResult } from './scan';
import { refreshResellerSheetsNow, runSettlementNow, type SettlementRunReport } from './settlement-step';
import { forgetPartnersSnapshot, markClaimsEdited, markInquiriesEdited, markProductsEdited, markSettlementDirty, markShippingDirty, markStockDirty } from './edit-marks';
import { guardLedgerEdit } from './ledger-guard';
import { writeStatementMail } from './reseller-sheets';
import { appendLog } from './adapters/log-tab';
import { SheetsWorkbook } from './adapters/workbook';
import { readSettings, writeSetting, type Cadence } from './settings';
import { installSyncTrigger, isSyncInstalled, removeSyncTriggers } from './triggers';
import { addonStore } from './adapters/stores';
import { readToken } from '../channels/cafe24/token-vault';
import { connectionOwner, currentUser, notOwnerReason, setConnectionOwner } from './connection-owner';
import { completeConnect, connectLink, saveApp } from './cafe24-connect';
import { saveChannelKeysFor } from './connect-keys';
import { markPartners, partnersOf } from './partners-tab';
import { runSync, type SyncReport } from './sync';
import { readSidebarState } from './read-sidebar';
import { connectResultPage } from './connect-page';
import { openToday, type OpenTodayResult } from './today';
import { nextRunPreview } from './next-run-preview';
import type { SidebarState } from '../jobs/sidebar-view';
import type { NextRunPreview } from '../jobs/next-run-preview';

/** Simple trigger: the menu. Runs in AuthMode.LIMITED, so it touches nothing but the UI. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const lang = 'ko';
  SpreadsheetApp.getUi()
    .createMenu(message(lang, 'menuTitle'))
    .addItem(message(lang, 'menuOpenSidebar'), 'openSidebar')
    .addSeparator()
    .addItem(message(lang, 'menuPickingLists'), 'openPickingLists')
    .addSeparator()
    .addItem(message(lang, 'menuSetup'), 'setupWorkbook')
    .addItem(message(lang, 'menuInstallSync'), 'installSync')
    .addItem(message(lang, 'menuRemoveSync'), 'removeSync')
    .addToUi();
}

/**
 * Simple trigger: an edit of the partners tab makes the next sync read it again; an edit of
 * the partners, products or ratio tab makes it recompute stock (and look at products). Runs in
 * AuthMode.LIMITED (no fetch): it touches cache entries, a script property that marks the
 * products for the next run (a mark that must survive the cache), and the cells an edit made
 * stale (a ratio row's retyped key, a shipped row's tracking number put back).
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  const name = e?.range?.getSheet().getName();
  const is = (t: { title: { ko: string; en: string } }) => name === t.title.ko || name === t.title.en;
  if (is(PARTNERS)) forgetPartnersSnapshot();
  if (is(STOCK_RATIOS) && e) clearStaleRatioCells(e);
  if (is(PRODUCTS) || is(STOCK_RATIOS) || is(PARTNERS)) {
    markStockDirty();
    // A paste is one event whose range spans the block: marked like one cell.
    markProductsEdited();
  }
  if (is(ORDERS) && e) {
    const refused = guardShippedRow(e);
    if (refused) SpreadsheetApp.getActive().toast(refused, message('ko', 'menuTitle'), 5);
    else markShippingDirty();
  }
  if (is(TRACKING_IMPORT)) markShippingDirty();
  if (is(CLAIMS)) markClaimsEdited();
  if (is(INQUIRIES)) markInquiriesEdited();
  if (is(LEDGER) && e) {
    // Any change to a posted entry (a cell, a paste) is put back at once, and said.
    const refused = guardLedgerEdit(e);
    if (refused) {
      const ss = SpreadsheetApp.getActive();
      ss.toast(refused.toast, message('ko', 'menuTitle'), 5);
      appendLog(ss, 'ko', refused.messages.map((m) => ({ job: 'ledger', startedAt: new Date(), durationMs: 0, level: m.level, message: m.message })));
    }
  }
  // A payment typed in the ledger, a partner's mode or limit changed, a price put in: the next
  // run records the ledger rows, works out the holds, and settles again what lacked a price.
  if (is(LEDGER) || is(PARTNERS)) markSettlementDirty('ledger');
  else if (is(PRODUCTS)) markSettlementDirty('prices');
}

/** Editor add-on install: Google's pattern is to build the menu at once. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function openSidebar(): void {
  const lang = readSettings().lang;
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(message(lang, 'sidebarTitle')).setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}

export interface SetupResult {
  created: string[];
  columnsAdded: number;
  message: string;
}

/** Creates or upgrades the tabs. Safe to run again: it only adds what is missing. */
export function setupWorkbook(): SetupResult {
  const started = new Date();
  const { lang } = readSettings();
  const ss = SpreadsheetApp.getActive();
  const report = runSetup(new SheetsWorkbook(ss), TABS, lang);
  const text = message(lang, 'setupDone', { created: report.created.length, columns: report.columnsAdded });
  appendLog(ss, lang, [{ job: 'setup', startedAt: started, durationMs: Date.now() - started.getTime(), level: 'info', message: text }]);
  ss.toast(text, message(lang, 'menuTitle'), 5);
  return { ...report, message: text };
}

export interface InstallResult {
  cadence: Cadence;
  message: string;
}

/** Installs the sync trigger (replacing any earlier one) at the document's cadence. */
export function installSync(): InstallResult {
  // The trigger runs as whoever installs it: only the connection owner's can reach the malls.
  const refused = notOwnerReason('자동 동기화 설치');
  if (refused) throw new Error(refused);
  const started = new Date();
  const settings = readSettings();
  const ss = SpreadsheetApp.getActive();
  const outcome = installSyncTrigger(settings.cadence);
  if (outcome.cadence !== settings.cadence) writeSetting('cadence', outcome.cadence);
  const cadenceText = message(settings.lang, outcome.cadence === 'minute' ? 'cadenceMinute' : 'cadenceHour');
  const text = [message(settings.lang, 'syncInstalled', { cadence: cadenceText }), outcome.fellBack ? message(settings.lang, 'addonHourlyFallback') : '']
    .filter(Boolean)
    .join('. ');
  appendLog(ss, settings.lang, [{ job: 'install', startedAt: started, durationMs: Date.now() - started.getTime(), level: outcome.fellBack ? 'warn' : 'info', message: text }]);
  ss.toast(text, message(settings.lang, 'menuTitle'), 5);
  return { cadence: outcome.cadence, message: text };
}

export function removeSync(): { removed: number; message: string } {
  // Another account cannot see (nor delete) the owner's trigger.
  const refused = notOwnerReason('자동 동기화 끄기');
  if (refused) throw new Error(refused);
  const { lang } = readSettings();
  const removed = removeSyncTriggers();
  const text = message(lang, 'syncRemoved');
  SpreadsheetApp.getActive().toast(text, message(lang, 'menuTitle'), 5);
  return { removed, message: text };
}

/** Sidebar: the tabs, the trigger, each partner's connection and health, today's quota use. */
export function getSidebarState(): SidebarState {
  return readSidebarState();
}

/** Sidebar: what the next sync run would send ("재고 37건, 상품 5건, 송장 12건"), sending nothing. */
export function previewNextRun(): NextRunPreview {
  const ss = SpreadsheetApp.getActive();
  return nextRunPreview(ss, partnersOf(ss), addonStore(ss.getId()), Date.now());
}

/** The time-driven trigger. One execution at a time: a run that finds the lock taken ends at once. */
export function onSyncTick(_e?: GoogleAppsScript.Events.TimeDriven): void {
  const r = runSync('tick', 'ko');
  if (!r.ran) console.log(r.message);
}

/**
 * Sidebar: run the sync now (waits briefly for a running one). The malls are called as the
 * connection owner: anyone else's press is answered by the owner's next trigger run.
 */
export function syncNow(): SyncReport {
  const owner = connectionOwner();
  if (owner !== null && owner !== currentUser()) {
    return { ran: false, message: `카페24 호출은 연결 담당자(${owner})의 자동 동기화가 합니다. 다음 실행에 반영됩니다`, ordersAdded: 0, ordersUpdated: 0, errors: [] };
  }
  return runSync('manual', readSettings().lang);
}

/**
 * Sidebar: the Cafe24 app's client id and secret, kept in the saving person's own user
 * properties (never in cells, never where other editors can read them); that person becomes the
 * connection's owner.
 */
export function saveCafe24App(clientId: string, clientSecret: string): { message: string } {
  // Handing over: once the owner has turned the sync off, whoever saves the app owns the connection.
  const refused = isSyncInstalled() ? notOwnerReason('카페24 앱 정보 변경') : null;
  if (refused) throw new Error(refused);
  const ss = SpreadsheetApp.getActive();
  saveApp(addonStore(ss.getId()), String(clientId ?? ''), String(clientSecret ?? ''));
  const me = currentUser();
  if (connectionOwner() !== me) setConnectionOwner(me);
  return { message: `카페24 앱 정보를 저장했습니다 (연결 담당: ${me})` };
}

/**
 * Sidebar: a marketplace partner's API keys, kept in the connection owner's user properties
 * (never in cells) and tried at once; the answer says what the marketplace said.
 */
export function saveChannelKeys(partnerId: string, values: Record<string, string>): { ok: boolean; message: string } {
  return saveChannelKeysFor(String(partnerId ?? ''), values, readSettings().lang);
}

/** Sidebar: the link that connects a partner's Cafe24 mall (the operator opens it and consents). */
export function connectPartner(partnerId: string): { authorizeUrl: string; message: string } {
  const ss = SpreadsheetApp.getActive();
  const read = partnersOf(ss).find((r) => r.row.key === partnerId);
  if (!read) throw new Error(`파트너 ${partnerId}를 파트너 탭에서 찾을 수 없습니다`);
  if (!read.ok) throw new Error(`${partnerId}: ${read.problems.join('; ')}`);
  const refused = notOwnerReason('카페24 연결');
  if (refused) throw new Error(refused);
  const url = connectLink(read.partner, addonStore(ss.getId()), ss.getId());
  return { authorizeUrl: url, message: `${read.partner.name}: 링크를 열어 카페24에서 승인하세요` };
}

/**
 * Sidebar, while a mall's consent is awaited: a mark that changes when its connection does (the
 * stored token's refresh expiry; null when none). One properties read, cheap to ask every few
 * seconds. The token itself never leaves the server.
 */
export function connectionMark(partnerId: string): { mark: string | null } {
  const token = readToken(addonStore(SpreadsheetApp.getActive().getId()), String(partnerId ?? ''), true);
  return { mark: token ? String(token.refreshExpiresAt) : null };
}

/** /usercallback of the connect flow (named in the state token). */
export function cafe24AuthCallback(request: { parameter: Record<string, string> }): GoogleAppsScript.HTML.HtmlOutput {
  // The token names the spreadsheet: an add-on's callback may run outside any document.
  const ss = SpreadsheetApp.getActive() ?? SpreadsheetApp.openById(request.parameter.spreadsheetId ?? '');
  const partnerId = request.parameter.partnerId ?? '';
  const read = partnersOf(ss).find((r) => r.row.key === partnerId);
  let text: string;
  let ok = false;
  if (!read || !read.ok) {
    text = `파트너 ${partnerId}를 찾을 수 없습니다`;
  } else {
    const r = completeConnect(read.partner, request.parameter, addonStore(ss.getId()));
    text = r.message;
    ok = r.ok;
    markPartners(ss, [{ partnerId, connection: r.ok ? '연결됨' : '연결 실패', tokenExpiresAt: r.expiresAt ? new Date(r.expiresAt) : '', status: r.ok ? '' : r.message }]);
    // Outside the document (possible for an add-on's callback) there is no snapshot to drop here,
    // and the next run in the document reads the products anyway.
    if (CacheService.getDocumentCache()) {
      forgetPartnersSnapshot();
      // A mall just connected gets the products it sells with the next run.
      if (r.ok) markProductsEdited();
    }
    appendLog(ss, readSettings().lang, [{ job: 'connect', startedAt: new Date(), durationMs: 0, level: r.ok ? 'info' : 'error', message: `${partnerId}: ${r.message}` }]);
  }
  return connectResultPage(ok, text);
}

/** Sidebar, 오늘 할 일: opens the tab of an item showing only its rows. */
export function openTodayRows(kind: string): OpenTodayResult {
  return openToday(String(kind ?? ''));
}

/** Sidebar scan mode: the order's barcode, then the parcel label; sent at once when it can be. */
export function scanToShip(orderCode: string, labelCode: string, carrierName: string): ScanResult {
  return scanParcel(orderCode, labelCode, carrierName);
}

/** Sidebar / menu: the day's pick list (by SKU) and packing list (by receiver), ready to print. */
export function openPickingLists(): { message: string } {
  return showPickingLists();
}

/**
 * Sidebar: settles one past period now, "2027-W04" (a Monday–Sunday week, Asia/Seoul) or
 * "2027-01" (a month). The same figures as the automatic run; running it again doubles nothing.
 */
export function runSettlement(period: string): SettlementRunReport {
  return runSettlementNow(String(period ?? ''), readSettings().lang);
}

/** Sidebar: rewrites every reseller's own settlement sheet now (and mails new statements). */
export function refreshResellerSheets(): { message: string; ok: boolean; sheets: Array<{ partnerId: string; url: string }> } {
  return refreshResellerSheetsNow(readSettings().lang);
}

/** Sidebar: whether resellers are e-mailed when a new statement is ready (on by default). */
export function setStatementMail(on: boolean): { message: string } {
  writeStatementMail(Boolean(on));
  return { message: on ? '정산서 안내 메일을 보냅니다' : '정산서 안내 메일을 보내지 않습니다' };
}
