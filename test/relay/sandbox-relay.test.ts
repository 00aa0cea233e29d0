/**
 * The sandbox (and so the local preview, which opens one) runs our relay beside the fakes: the
 * network routes the relay's host to it, the script properties carry its address and secret as
 * the project's owner would set them, and it reaches whatever server the network routes a
 * marketplace host to, from 127.0.0.2. A scenario with "relay": false runs none.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { paths } from '../../local/paths';
import { LOCAL_RELAY_HOST, LOCAL_RELAY_URL } from '../../local/relay';
import { scriptPropertiesOf } from '../../local/runtime/services/properties';
import { openSandbox, renderOutputs, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import { nodeRelayPort } from './harness';

const base = { name: 'relay', start: '2026-11-23T09:00:00+09:00', duration: '1m', install: false };

describe('the sandbox’s relay', () => {
  let sb: SandboxResult | null = null;
  afterEach(async () => {
    await sb?.runtime.close();
    sb = null;
  });

  it('is routed, configured in the script properties, and forwards to the host the sandbox registered, from 127.0.0.2', async () => {
    sb = await openSandbox(parseScenario(base), { bundleDir: paths.build });
    const rt = sb.runtime;
    const props = scriptPropertiesOf(rt.world);
    expect(props.RELAY_URL).toBe(LOCAL_RELAY_URL);
    expect(rt.network.resolve(LOCAL_RELAY_HOST)).toBeDefined();
    // A marketplace registered after the sandbox opened (as a fake would be) is reached too.
    const seen: string[] = [];
    await rt.network.serve('api-gateway.coupang.com', (req, res) => {
      seen.push(`${req.method} ${req.url} ${req.socket.remoteAddress}`);
      res.end('{"code":200}');
    });
    const port = nodeRelayPort(props, () => rt.now());
    const req = port.forward({ method: 'get', url: 'https://api-gateway.coupang.com/v2/providers/openapi/apis/api/v4/vendors/A1/ordersheets?status=ACCEPT', headers: {} });
    const answer = await rt.network.send({ url: req.url, method: 'GET', headers: { ...req.headers }, body: Buffer.alloc(0) });
    expect([answer?.status, answer?.body.toString('utf8')]).toEqual([200, '{"code":200}']);
    expect(seen).toEqual(['GET /v2/providers/openapi/apis/api/v4/vendors/A1/ordersheets?status=ACCEPT 127.0.0.2']);
    expect(sb.relay?.lines).toEqual([expect.stringMatching(/^2026-11-23T00:00:00\.000Z GET api-gateway\.coupang\.com \/v2\/providers\/openapi\/apis\/api\/v4\/vendors\/A1\/ordersheets\?status= 200 \d+ms$/)]);
    // The sandbox writes the relay's log beside channels.json.
    expect(renderOutputs(sb).find((f) => f.name === 'relay.log')?.data).toBe(`${sb.relay!.lines[0]}\n`);
  });

  it('reaches a marketplace the network serves in memory, and one routed to a port by hand over TCP, from 127.0.0.2 both ways', async () => {
    sb = await openSandbox(parseScenario(base), { bundleDir: paths.build });
    const rt = sb.runtime;
    const seen: string[] = [];
    const listener: http.RequestListener = (req, res) => {
      seen.push(`${req.headers.host} ${req.socket.remoteAddress} ${req.socket instanceof net.Socket ? 'tcp' : 'memory'}`);
      res.end('{"code":200}');
    };
    await rt.network.serve('api-gateway.coupang.com', listener);
    const byHand = http.createServer(listener);
    await new Promise<void>((r) => byHand.listen(0, '127.0.0.1', r));
    try {
      rt.network.route('api.commerce.naver.com', (byHand.address() as net.AddressInfo).port);
      const port = nodeRelayPort(scriptPropertiesOf(rt.world), () => rt.now());
      for (const url of ['https://api-gateway.coupang.com/v2/x', 'https://api.commerce.naver.com/external/v1/y']) {
        const req = port.forward({ method: 'get', url, headers: {} });
        const answer = await rt.network.send({ url: req.url, method: 'GET', headers: { ...req.headers }, body: Buffer.alloc(0) });
        expect(answer?.status).toBe(200);
      }
      expect(seen).toEqual(['api-gateway.coupang.com 127.0.0.2 memory', 'api.commerce.naver.com 127.0.0.2 tcp']);
    } finally {
      await rt.close();
      byHand.closeAllConnections();
      await new Promise((r) => byHand.close(r));
      sb = null;
    }
  });

  it('is not run when the scenario says "relay": false: no route, no script properties', async () => {
    sb = await openSandbox(parseScenario({ ...base, relay: false }), { bundleDir: paths.build });
    expect(sb.relay).toBeNull();
    expect(sb.runtime.network.resolve(LOCAL_RELAY_HOST)).toBeUndefined();
    expect(scriptPropertiesOf(sb.runtime.world)).toEqual({});
    expect(renderOutputs(sb).map((f) => f.name)).not.toContain('relay.log');
  });
});

