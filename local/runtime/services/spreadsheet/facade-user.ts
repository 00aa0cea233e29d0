/** A Drive user as Spreadsheet.getEditors()/Protection.getEditors() return them. */
import { BaseUser } from '../user';
import type { GasApi } from './gas-api';

type UserApi = GasApi<GoogleAppsScript.Base.User, 'getEmail'>;

export class UserFacade extends BaseUser implements UserApi {
  readonly gasName = 'SpreadsheetApp.User';
}

/** An email from a string or a User argument; null for anything else. */
export function emailOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (v instanceof UserFacade) return v.getEmail();
  return null;
}
