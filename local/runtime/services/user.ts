/**
 * Base.User: only an address. Apps Script's User is a plain value object, so reading its email
 * is client-side. Session hands these out, and so do Spreadsheet/Protection.getEditors(); each
 * service names its own class (the name round trips are counted under).
 */
import { Remote, localMethods } from '../remote';

export abstract class BaseUser extends Remote {
  override readonly localMethods = localMethods('getEmail', 'getUserLoginId');

  constructor(private readonly email: string) {
    super();
  }

  /** "" where Apps Script hides the user (triggers, consumer accounts across domains). */
  getEmail(): string {
    return this.email;
  }

  /** Deprecated alias of getEmail that old scripts still call. */
  getUserLoginId(): string {
    return this.email;
  }
}
