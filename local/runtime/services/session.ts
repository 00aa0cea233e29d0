/**
 * Session: who runs the script, in which time zone and locale. Everything is known to the
 * execution from the start, so the methods are local (the reference has no latency for them).
 */
import { createHash } from 'node:crypto';
import type { ExecutionEnv } from '../env';
import { localMethods, Remote } from '../remote';
import type { World } from '../world';
import { BaseUser } from './user';

/** Base.User as Session returns it. */
export class SessionUser extends BaseUser implements GoogleAppsScript.Base.User {
  readonly gasName = 'Session.User';
}

/** The documented rotation period of the temporary active-user key. */
const KEY_ROTATION_MS = 30 * 24 * 3_600_000;

export class Session extends Remote implements GoogleAppsScript.Base.Session {
  readonly gasName = 'Session';
  override readonly localMethods = localMethods(
    'getActiveUser', 'getEffectiveUser', 'getScriptTimeZone', 'getActiveUserLocale', 'getTemporaryActiveUserKey', 'getTimeZone', 'getUser',
  );

  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  getActiveUser(): SessionUser {
    return new SessionUser(this.env.activeUserEmail);
  }

  getEffectiveUser(): SessionUser {
    return new SessionUser(this.env.effectiveUserEmail);
  }

  getScriptTimeZone(): string {
    return this.env.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    return this.env.userLocale;
  }

  /**
   * Opaque, stable for one user of one script, and rotated every 30 days as documented.
   * The format of the real key is not in the reference; this one is URL-safe base64 of a hash.
   * With no active user (a trigger) the key is "", as no user can be told apart.
   */
  getTemporaryActiveUserKey(): string {
    const user = this.env.activeUserEmail;
    if (user === '') return '';
    const period = Math.floor(this.env.now() / KEY_ROTATION_MS);
    return createHash('sha256').update(`${this.env.scriptId}\u0000${user}\u0000${period}`).digest('base64url');
  }

  /** Deprecated alias of getScriptTimeZone. */
  getTimeZone(): string {
    return this.env.scriptTimeZone;
  }

  /** Deprecated alias of getActiveUser. */
  getUser(): SessionUser {
    return this.getActiveUser();
  }
}

export function createSession(env: ExecutionEnv, _world: World): Session {
  return new Session(env);
}
