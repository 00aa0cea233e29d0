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
      ScriptApp.newTrigger(SYNC_HANDLER).timeBased().everyMinutes(1).create();
      return { cadence: 'minute', fellBack: false };
    } catch (e) {
      if (!/hour/i.test(String((e as Error).message))) throw e;
      ScriptApp.newTrigger(SYNC_HANDLER).timeBased().everyHours(1).create();
      return { cadence: 'hour', fellBack: true };
    }
  }
  ScriptApp.newTrigger(SYNC_HANDLER).timeBased().everyHours(1).create();
  return { cadence: 'hour', fellBack: false };
}

export function removeSyncTriggers(): number {
  let n = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === SYNC_HANDLER) {
      ScriptApp.deleteTrigger(t);
      n++;
    }
  }
  return n;
}

export function isSyncInstalled(): boolean {
  return ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === SYNC_HANDLER);
}
