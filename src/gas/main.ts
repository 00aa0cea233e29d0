/**
 * The add-on's global surface: every function Apps Script calls by name (simple triggers, the
 * menu, the time-driven trigger, google.script.run from the sidebar). Each one only wires the
 * Apps Script adapters to a job; the work is done elsewhere. The build turns every export into
 * a real top-level function of build/Code.js; names ending in "_" stay private.
 */
import { message } from '../i18n/messages';
import { setupWorkbook as runSetup } from '../jobs/setup';
import { TABS } from '../sheet/tabs';
import { appendLog } from './adapters/log-tab';
import { SheetsWorkbook } from './adapters/workbook';
import { readSettings, writeSetting, type Cadence } from './settings';
import { installSyncTrigger, removeSyncTriggers, isSyncInstalled } from './triggers';

/** Simple trigger: the menu. Runs in AuthMode.LIMITED, so it touches nothing but the UI. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const lang = 'ko';
  SpreadsheetApp.getUi()
    .createMenu(message(lang, 'menuTitle'))
    .addItem(message(lang, 'menuOpenSidebar'), 'openSidebar')
    .addSeparator()
    .addItem(message(lang, 'menuSetup'), 'setupWorkbook')
    .addItem(message(lang, 'menuInstallSync'), 'installSync')
    .addItem(message(lang, 'menuRemoveSync'), 'removeSync')
    .addToUi();
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
  const { lang } = readSettings();
  const removed = removeSyncTriggers();
  const text = message(lang, 'syncRemoved');
  SpreadsheetApp.getActive().toast(text, message(lang, 'menuTitle'), 5);
  return { removed, message: text };
}

export interface SidebarState {
  lang: string;
  cadence: Cadence;
  syncInstalled: boolean;
  tabs: Array<{ key: string; title: string; present: boolean }>;
}

export function getSidebarState(): SidebarState {
  const settings = readSettings();
  const ss = SpreadsheetApp.getActive();
  const names = new Set(ss.getSheets().map((s) => s.getName()));
  return {
    lang: settings.lang,
    cadence: settings.cadence,
    syncInstalled: isSyncInstalled(),
    tabs: TABS.map((t) => ({ key: t.key, title: t.title[settings.lang], present: names.has(t.title.ko) || names.has(t.title.en) })),
  };
}

/** The time-driven trigger. One execution at a time: a run that finds the lock taken ends at once. */
export function onSyncTick(_e?: GoogleAppsScript.Events.TimeDriven): void {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(0)) {
    console.log(message('ko', 'syncSkippedLocked'));
    return;
  }
  try {
    // The jobs arrive with the sync issue; until then a tick records that it ran.
    PropertiesService.getScriptProperties().setProperty('lastTickAt', new Date().toISOString());
  } finally {
    lock.releaseLock();
  }
}
