import { TRIGGER_KEY } from '../jobs/kept';
import type { Cadence } from './settings';

export const SYNC_HANDLER = 'onSyncTick';

/**
 * Installs the one sync trigger. A script bound to the sheet may run every minute; an Editor
 * add-on is held to once an hour (apps-script-platform §0.1, §2.2), and Apps Script refuses
 * the faster trigger there, so that refusal is answered by falling back to hourly.
 */
export function installSyncTrigger(cadence: Cadence): { cadence: Cadence; fellBack: boolean } {
  removeSyncTriggers();
  if (cadence === 'minute') {
    try {
      remember(ScriptApp.newTrigger(SYNC_HANDLER).timeBased().everyMinutes(1).create());
      return { cadence: 'minute', fellBack: false };
    } catch (e) {
      if (!/hour/i.test(String((e as Error).message))) throw e;
      remember(ScriptApp.newTrigger(SYNC_HANDLER).timeBased().everyHours(1).create());
      return { cadence: 'hour', fellBack: true };
    }
  }
  remember(ScriptApp.newTrigger(SYNC_HANDLER).timeBased().everyHours(1).create());
  return { cadence: 'hour', fellBack: false };
}

export function removeSyncTriggers(): number {
  let n = 0;
  for (const t of ownSyncTriggers()) {
    ScriptApp.deleteTrigger(t);
    n++;
  }
  PropertiesService.getDocumentProperties().deleteProperty(TRIGGER_KEY);
  return n;
}

/** Whether this document has a sync trigger (the record is the document's; the trigger is its owner's). */
export function isSyncInstalled(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(TRIGGER_KEY) !== null;
}

function remember(t: GoogleAppsScript.Script.Trigger): void {
  PropertiesService.getDocumentProperties().setProperty(TRIGGER_KEY, t.getUniqueId());
}

/**
 * This document's sync triggers among the user's. As an Editor add-on getProjectTriggers
 * answers the user's triggers in every document, and a clock trigger may not name its document
 * (getTriggerSourceId is null for a clock in Apps Script's docs), so a trigger is this
 * document's when its id is the one recorded here, or when it names this spreadsheet.
 */
function ownSyncTriggers(): GoogleAppsScript.Script.Trigger[] {
  const recorded = PropertiesService.getDocumentProperties().getProperty(TRIGGER_KEY);
  const here = SpreadsheetApp.getActive().getId();
  return ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === SYNC_HANDLER && (t.getUniqueId() === recorded || t.getTriggerSourceId() === here),
  );
}
