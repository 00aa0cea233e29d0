/**
 * The relay's settings from its environment: production (Cloud Run) never starts without its own
 * secret; local mode maps the marketplace hosts to loopback servers and leaves from 127.0.0.2.
 */
import { configFromEnv, LOCAL_RELAY_SECRET, parseUpstreams } from '../../relay/config';

const SECRET = 'p'.repeat(64);

describe('relay configuration', () => {
  it('production: listens on all interfaces at PORT, reaches the real hosts, needs RELAY_SECRET', () => {
    const c = configFromEnv({ K_SERVICE: 'marketplace-relay', PORT: '8080', RELAY_SECRET: SECRET });
    expect([c.host, c.port, c.local, c.options.secret, c.options.upstream, c.options.localAddress]).toEqual(['0.0.0.0', 8080, false, SECRET, undefined, undefined]);
    expect(() => configFromEnv({ K_SERVICE: 'marketplace-relay' })).toThrow(/RELAY_SECRET is not set/);
    expect(() => configFromEnv({ RELAY_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('local mode: upstream map, 127.0.0.2, loopback listening, the local default secret with a warning', () => {
    const c = configFromEnv({ RELAY_UPSTREAMS: 'api.commerce.naver.com=http://127.0.0.1:4001, api-gateway.coupang.com=http://127.0.0.1:4002' });
    expect([c.host, c.local, c.options.secret, c.options.localAddress]).toEqual(['127.0.0.1', true, LOCAL_RELAY_SECRET, '127.0.0.2']);
    expect(c.options.upstream?.('api-gateway.coupang.com')).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 4002 });
    expect(c.warnings).toEqual([expect.stringContaining('local default secret')]);
    // Even with an upstream map, a Cloud Run instance never falls back to the local secret.
    expect(() => configFromEnv({ K_SERVICE: 'x', RELAY_UPSTREAMS: 'api.commerce.naver.com=http://127.0.0.1:4001' })).toThrow(/RELAY_SECRET is not set/);
  });

  it('an upstream map may only name the two marketplace hosts', () => {
    expect(() => parseUpstreams('evil.com=http://127.0.0.1:1')).toThrow(/evil\.com is not a host the relay forwards to/);
    expect(() => parseUpstreams('api.commerce.naver.com=127.0.0.1:1')).toThrow(/not host=http:\/\/address:port/);
  });
});
