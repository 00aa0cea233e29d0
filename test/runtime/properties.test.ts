/**
 * PropertiesService: script, user and document stores in the world, with Apps Script's
 * null for a missing key, its quotas and its size limits (fidelity §1.2 row 60, §1.4 rows
 * 15–16; apps-script-platform.md §1.1–1.2).
 */
import { gasMessages } from '../../local/runtime/errors';
import { createPropertiesService, PROPERTY_STORE_LIMIT, VALUE_TOO_LARGE } from '../../local/runtime/services/properties';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

describe('PropertiesService', () => {
  it('returns the value set, then null (not undefined) once deleted (row 60)', () => {
    const world = createWorld();
    const ps = createPropertiesService(fakeEnv(), world);
    for (const store of [ps.getScriptProperties(), ps.getUserProperties(), ps.getDocumentProperties()]) {
      store.setProperty('t', 'dp');
      expect(store.getProperty('t')).toBe('dp');
      store.deleteProperty('t');
      expect(store.getProperty('t')).toBeNull();
    }
  });

  it('keeps values in the world across executions', () => {
    const world = createWorld();
    createPropertiesService(fakeEnv(), world).getScriptProperties().setProperty('cursor', '42');
    expect(createPropertiesService(fakeEnv(), world).getScriptProperties().getProperty('cursor')).toBe('42');
  });

  it('stores every value as a string', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    p.setProperty('n', 12 as unknown as string);
    p.setProperties({ b: true as unknown as string, o: 'x' });
    expect(p.getProperties()).toEqual({ n: '12', b: 'true', o: 'x' });
    expect(p.getKeys()).toEqual(['n', 'b', 'o']);
  });

  it('keeps user properties per effective user and document properties per container', () => {
    const world = createWorld();
    const alice = createPropertiesService(fakeEnv({ effectiveUserEmail: 'alice@example.com' }), world);
    const bob = createPropertiesService(fakeEnv({ effectiveUserEmail: 'bob@example.com' }), world);
    alice.getUserProperties().setProperty('token', 'a');
    expect(bob.getUserProperties().getProperty('token')).toBeNull();
    expect(alice.getUserProperties().getProperty('token')).toBe('a');

    alice.getDocumentProperties().setProperty('k', 'doc1');
    const otherDoc = createPropertiesService(fakeEnv({ containerId: 'container-2' }), world);
    expect(otherDoc.getDocumentProperties().getProperty('k')).toBeNull();
    expect(bob.getDocumentProperties().getProperty('k')).toBe('doc1');
  });

  it('has no document store in a standalone script', () => {
    expect(createPropertiesService(fakeEnv({ containerId: null }), createWorld()).getDocumentProperties()).toBeNull();
  });

  it('replaces all others when setProperties is told to', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    p.setProperties({ a: '1', b: '2' });
    p.setProperties({ c: '3' }, true);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  it('returns the store itself from writes, for chaining', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    expect(p.setProperty('a', '1').setProperty('b', '2').deleteProperty('a')).toBe(p);
    expect(p.getKeys()).toEqual(['b']);
  });
});

describe('Properties quotas', () => {
  it('charges the properties quota for every read and write, and writes separately', () => {
    const env = fakeEnv();
    const p = createPropertiesService(env, createWorld()).getScriptProperties();
    p.setProperty('a', '1');
    p.getProperty('a');
    p.getProperties();
    p.getKeys();
    p.deleteProperty('a');
    expect(env.quotaUsed.properties).toBe(5);
    expect(env.quotaUsed.propertyWrites).toBe(2);
  });

  it('throws the write-quota message once the day is used up (§1.4 row 15)', () => {
    const env = fakeEnv({ limits: { propertyWrites: 1 } });
    const p = createPropertiesService(env, createWorld()).getScriptProperties();
    p.setProperty('a', '1');
    expect(() => p.setProperty('b', '2')).toThrow('Service invoked too many times for one day: graphite property writes.');
    expect(p.getProperty('b')).toBeNull();
  });

  it('getting a store is local; using it is a round trip', () => {
    const ps = createPropertiesService(fakeEnv(), createWorld());
    expect(ps.localMethods.has('getScriptProperties')).toBe(true);
    expect(ps.getScriptProperties().localMethods.size).toBe(0);
    expect(ps.getScriptProperties().gasName).toBe('PropertiesService.Properties');
  });
});

describe('Properties size limits', () => {
  it('accepts a 9 KB value and refuses one byte more', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(VALUE_TOO_LARGE);
    expect(VALUE_TOO_LARGE).toBe('Argument too large: value');
    expect(p.getProperty('big')).toBeNull();
  });

  it('counts UTF-8 bytes: 3,073 Hangul syllables are over 9 KB', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    expect(() => p.setProperty('ko', '가'.repeat(3073))).toThrow(VALUE_TOO_LARGE);
  });

  it('refuses to grow a store past 500 KB of keys and values (§1.4 row 16)', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    const value = 'v'.repeat(9000);
    let i = 0;
    let stored = 0;
    for (; stored + 9000 + 4 <= PROPERTY_STORE_LIMIT; i++) {
      p.setProperty(`k${String(i).padStart(3, '0')}`, value);
      stored += 9004;
    }
    expect(() => p.setProperty('k999', value)).toThrow(gasMessages.propertyStorage);
    expect(() => p.setProperty('k999', value)).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(p.getKeys()).toHaveLength(i);
    // An all-or-nothing batch: nothing of a failing setProperties is kept.
    expect(() => p.setProperties({ x: 'small', y: value })).toThrow(gasMessages.propertyStorage);
    expect(p.getProperty('x')).toBeNull();
  });

  it('refuses an empty key and a missing value', () => {
    const p = createPropertiesService(fakeEnv(), createWorld()).getScriptProperties();
    expect(() => p.setProperty('', 'x')).toThrow('Invalid argument: key');
    expect(() => (p.setProperty as (k: string) => unknown)('k')).toThrow(
      "The parameters (String) don't match the method signature for PropertiesService.Properties.setProperty.",
    );
  });
});

describe('what scripts see', () => {
  it('exposes the Properties API and no helpers', () => {
    const ps = createPropertiesService(fakeEnv(), createWorld());
    expect(exposedMethods(ps)).toEqual(['getDocumentProperties', 'getScriptProperties', 'getUserProperties']);
    expect(exposedMethods(ps.getScriptProperties())).toEqual([
      'deleteAllProperties', 'deleteProperty', 'getKeys', 'getProperties', 'getProperty', 'setProperties', 'setProperty',
    ]);
  });
});
