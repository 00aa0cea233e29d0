/**
 * CacheService: expiry on the simulated clock, scopes, size limits and the 1,000-item rule
 * (apps-script-platform.md §1.3; fidelity §1.2 row 61).
 */
import { cacheMessages, createCacheService } from '../../local/runtime/services/cache';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

function setup() {
  const env = fakeEnv();
  const world = createWorld();
  return { env, world, cs: createCacheService(env, world) };
}

describe('Cache expiry (row 61)', () => {
  it('returns a value until its expiry, then null', () => {
    const { env, cs } = setup();
    const c = cs.getUserCache();
    expect(c.put('t', 'uc')).toBeUndefined();
    expect(c.get('t')).toBe('uc');
    expect(c.remove('t')).toBeUndefined();
    expect(c.get('t')).toBeNull();
    c.put('t', 'ex', 2);
    env.advance(1999);
    expect(c.get('t')).toBe('ex');
    env.advance(1);
    expect(c.get('t')).toBeNull();
  });

  it('keeps an entry 600 s when no expiration is given, for put and putAll', () => {
    const { env, cs } = setup();
    const c = cs.getScriptCache();
    c.put('a', '1');
    c.putAll({ b: '2' });
    env.advance(599_999);
    expect(c.getAll(['a', 'b'])).toEqual({ a: '1', b: '2' });
    env.advance(1);
    expect(c.getAll(['a', 'b'])).toEqual({});
  });

  it('clamps the expiration to 1..21600 s', () => {
    const { env, cs } = setup();
    const c = cs.getScriptCache();
    c.put('long', 'x', 100_000);
    c.put('zero', 'x', 0);
    env.advance(999);
    expect(c.get('zero')).toBe('x');
    env.advance(1);
    expect(c.get('zero')).toBeNull();
    env.advance(21_600_000 - 1000 - 1);
    expect(c.get('long')).toBe('x');
    env.advance(1);
    expect(c.get('long')).toBeNull();
  });
});

describe('Cache scopes', () => {
  it('shares the script cache, separates user caches, ties the document cache to the container', () => {
    const world = createWorld();
    const alice = createCacheService(fakeEnv({ effectiveUserEmail: 'alice@example.com' }), world);
    const bob = createCacheService(fakeEnv({ effectiveUserEmail: 'bob@example.com' }), world);
    alice.getScriptCache().put('s', '1');
    alice.getUserCache().put('u', '1');
    alice.getDocumentCache()!.put('d', '1');
    expect(bob.getScriptCache().get('s')).toBe('1');
    expect(bob.getUserCache().get('u')).toBeNull();
    expect(bob.getDocumentCache()!.get('d')).toBe('1');
    expect(createCacheService(fakeEnv({ containerId: 'other' }), world).getDocumentCache()!.get('d')).toBeNull();
  });

  it('has no document cache outside a container', () => {
    expect(createCacheService(fakeEnv({ containerId: null }), createWorld()).getDocumentCache()).toBeNull();
  });
});

describe('Cache batch calls', () => {
  it('gets only the keys present, and removes in a batch', () => {
    const { cs } = setup();
    const c = cs.getScriptCache();
    c.putAll({ a: '1', b: '2', c: '3' }, 60);
    expect(c.getAll(['a', 'c', 'missing'])).toEqual({ a: '1', c: '3' });
    c.removeAll(['a', 'b']);
    expect(c.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  it('stores values as strings', () => {
    const { cs } = setup();
    const c = cs.getScriptCache();
    c.put('n', 5 as unknown as string);
    expect(c.get('n')).toBe('5');
  });
});

describe('Cache limits', () => {
  it('takes keys up to 250 characters', () => {
    const { cs } = setup();
    const c = cs.getScriptCache();
    c.put('k'.repeat(250), 'ok');
    expect(() => c.put('k'.repeat(251), 'no')).toThrow(cacheMessages.keyTooLarge);
  });

  it('takes values up to 100 KB, as "Argument too large: value" beyond', () => {
    const { cs } = setup();
    const c = cs.getScriptCache();
    c.put('ok', 'x'.repeat(100 * 1024));
    expect(() => c.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    // putAll checks every entry before storing any.
    expect(() => c.putAll({ small: 'x', big: 'x'.repeat(100 * 1024 + 1) })).toThrow('Argument too large: value');
    expect(c.get('small')).toBeNull();
  });

  it('keeps the 900 entries farthest from expiry once past 1,000 items', () => {
    const { cs } = setup();
    const c = cs.getScriptCache();
    for (let i = 0; i < 1000; i++) c.put(`k${i}`, 'v', 100 + i);
    expect(c._size()).toBe(1000);
    c.put('last', 'v', 21_600);
    expect(c._size()).toBe(900);
    expect(c.get('last')).toBe('v');
    expect(c.get('k999')).toBe('v');
    // 1,001 items less 900 kept: the 101 nearest to expiry, k0..k100, are gone.
    expect(c.get('k0')).toBeNull();
    expect(c.get('k100')).toBeNull();
    expect(c.get('k101')).toBe('v');
  });

  it('signature-checks its arguments', () => {
    const { cs } = setup();
    expect(() => cs.getScriptCache().put('k', 'v', 'soon' as unknown as number)).toThrow(
      "The parameters (String,String,String) don't match the method signature for CacheService.Cache.put.",
    );
  });
});

describe('what scripts see', () => {
  it('exposes the Cache API and no helpers', () => {
    const { cs } = setup();
    expect(exposedMethods(cs)).toEqual(['getDocumentCache', 'getScriptCache', 'getUserCache']);
    expect(exposedMethods(cs.getScriptCache())).toEqual(['get', 'getAll', 'put', 'putAll', 'remove', 'removeAll']);
  });
});
