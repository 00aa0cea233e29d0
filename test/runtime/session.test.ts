/** Session: the users, zone and locale of the execution. */
import { createSession } from '../../local/runtime/services/session';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld } from '../../local/runtime/world';

describe('Session', () => {
  it('reports the active and effective users', () => {
    const s = createSession(fakeEnv({ activeUserEmail: 'clerk@example.com', effectiveUserEmail: 'owner@example.com' }), createWorld());
    expect(s.getActiveUser().getEmail()).toBe('clerk@example.com');
    expect(s.getEffectiveUser().getEmail()).toBe('owner@example.com');
  });

  it('hides the active user where Apps Script does (a trigger): empty e-mail, empty key', () => {
    const s = createSession(fakeEnv({ activeUserEmail: '' }), createWorld());
    expect(s.getActiveUser().getEmail()).toBe('');
    expect(s.getTemporaryActiveUserKey()).toBe('');
  });

  it('reports the script time zone and the user locale', () => {
    const s = createSession(fakeEnv({ scriptTimeZone: 'Asia/Seoul', userLocale: 'ko' }), createWorld());
    expect(s.getScriptTimeZone()).toBe('Asia/Seoul');
    expect(s.getActiveUserLocale()).toBe('ko');
  });

  it('gives each user a stable opaque key that rotates every 30 days', () => {
    const env = fakeEnv({ activeUserEmail: 'a@example.com' });
    const a = createSession(env, createWorld());
    const b = createSession(fakeEnv({ activeUserEmail: 'b@example.com' }), createWorld());
    const key = a.getTemporaryActiveUserKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(key).not.toContain('a@example.com');
    expect(a.getTemporaryActiveUserKey()).toBe(key);
    expect(b.getTemporaryActiveUserKey()).not.toBe(key);
    env.advance(31 * 24 * 3_600_000);
    expect(a.getTemporaryActiveUserKey()).not.toBe(key);
  });

  it('is all local, and users are Session.User objects', () => {
    const s = createSession(fakeEnv(), createWorld());
    expect(s.gasName).toBe('Session');
    expect(s.localMethods.has('getActiveUser')).toBe(true);
    expect(s.getEffectiveUser().gasName).toBe('Session.User');
  });
});
