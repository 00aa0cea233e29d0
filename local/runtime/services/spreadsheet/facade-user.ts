/**
 * A Drive user as Spreadsheet.getEditors()/Protection.getEditors() return them. Apps Script's
 * User is a plain value object: reading its email is client-side.
 */
import { Remote, localMethods } from '../../remote';
import type { GasApi } from './gas-api';

type UserApi = GasApi<GoogleAppsScript.Base.User, 'getEmail'>;

export class UserFacade extends Remote implements UserApi {
  readonly gasName = 'SpreadsheetApp.User';
  override readonly localMethods = localMethods('getEmail', 'getUserLoginId');

  constructor(private readonly email: string) {
    super();
  }

  getEmail(): string {
    return this.email;
  }

  /** Deprecated alias of getEmail() that old scripts still call. */
  getUserLoginId(): string {
    return this.email;
  }
}

/** An email from a string or a User argument; null for anything else. */
export function emailOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (v instanceof UserFacade) return v.getEmail();
  return null;
}
