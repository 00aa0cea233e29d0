/**
 * The relay's memory of nonces: a nonce is refused again while its request could still pass the
 * timestamp check; when full, the relay refuses new requests rather than forget a live nonce.
 */
import { NonceSet } from '../../relay/nonces';
import { raw, relayTo, send, standIn, NAVER } from './harness';

describe('NonceSet', () => {
  it('refuses a nonce seen until its time is up, then takes it again', () => {
    const s = new NonceSet(10);
    expect(s.add('n1', 1000, 0)).toBe('added');
    expect(s.add('n1', 1000, 999)).toBe('seen');
    expect(s.add('n1', 2000, 1001)).toBe('added');
  });

  it('when full, forgets only expired nonces, and answers full rather than forget a live one', () => {
    const s = new NonceSet(2);
    s.add('a', 100, 0);
    s.add('b', 500, 0);
    expect(s.add('c', 600, 50)).toBe('full');
    expect(s.add('a', 600, 50)).toBe('seen');
    expect(s.add('c', 600, 101)).toBe('added'); // a expired: its slot is free
    expect(s.size).toBe(2);
  });
});

describe('the relay’s limits', () => {
  it('answers busy (503) when it can remember no more nonces, and too-large (413) for a body over its limit', async () => {
    const upstream = await standIn();
    const r = await relayTo(upstream.port, { maxNonces: 1, maxBodyBytes: 10 });
    try {
      expect((await send(r.relay, r.now(), { method: 'GET', host: NAVER, path: '/a' })).status).toBe(200);
      const busy = await send(r.relay, r.now(), { method: 'GET', host: NAVER, path: '/b' });
      expect([busy.status, busy.headers['x-relay-error']]).toEqual([503, 'busy']);
      const big = await send(r.relay, r.now(), { method: 'POST', host: NAVER, path: '/c', body: '01234567890' });
      expect([big.status, big.headers['x-relay-error']]).toEqual([413, 'too-large']);
      expect(upstream.seen.map((s) => s.url)).toEqual(['/a']);
      expect((await raw(r.relay.port, 'GET', '/health', {})).status).toBe(200);
    } finally {
      await r.relay.close();
      await upstream.close();
    }
  });
});
