/** The partners tab as Apps Script reads and marks it. */
import { readPartners, type PartnerRead } from '../sheet/partners';
import { PARTNERS } from '../sheet/tabs';
import { findTab, readGrid, writeByKey } from './adapters/tab';

export function partnersOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): PartnerRead[] {
  const sheet = findTab(ss, PARTNERS);
  return sheet ? readPartners(readGrid(sheet)) : [];
}

/** Writes what the sheet shows about a partner's connection. */
export function markPartners(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  updates: ReadonlyArray<{ partnerId: string; connection?: string; tokenExpiresAt?: Date | ''; status?: string }>,
): void {
  const sheet = findTab(ss, PARTNERS);
  if (!sheet || updates.length === 0) return;
  writeByKey(
    sheet,
    PARTNERS,
    updates.map((u) => ({
      key: u.partnerId,
      values: Object.fromEntries(Object.entries({ connection: u.connection, tokenExpiresAt: u.tokenExpiresAt, status: u.status }).filter(([, v]) => v !== undefined)),
    })),
  );
}
