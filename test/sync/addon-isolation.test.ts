import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../../local/paths';
import { Runtime } from '../../local/runtime/runtime';
import type { Manifest } from '../../local/runtime/services/registry';
import { createWorld, type World } from '../../local/runtime/world';
import { channelFactories, type ChannelFake } from '../../local/sandbox/channels';
import { SheetHost } from '../../local/sandbox/sheet-host';

/**
 * The same Editor add-on in two customers' spreadsheets, in one Apps Script (one script, one
 * runtime): both have a reseller PNR002, each at its own mall, and the same person runs both.
 * Nothing of one may reach the other: tokens, cursors, the partner snapshot, fingerprints,
 * orders, triggers. And the Cafe24 secrets are nowhere another editor could read them.
 */
const T0 = Date.parse('2026-11-23T09:00:00+09:00');
const HOUR = 3_600_000;
const USER = 'owner@najalran.example';
const partnerRow = (mall: string) => [['PNR002', `리셀러 ${mall}`, '위탁판매', '카페24', mall, 1, '', 30, '예치금', 0, 5, 2500, `settle@${mall}.example`]];

interface Doc {
  id: string;
  host: SheetHost;
  mall: string;
  productNo: number;
}

describe('two spreadsheets of the same Editor add-on', () => {
  let rt: Runtime;
  let world: World;
  let cafe24: ChannelFake;
  let a: Doc;
  let b: Doc;
  afterEach(async () => rt && (await rt.close()));

  const inDoc = async (d: Doc, fn: string, args: unknown[] = [], kind: 'menu' | 'sidebar' = 'sidebar') => {
    const r = await rt.run(fn, args, kind, { containerId: d.id });
    expect(r.errors).toEqual([]);
    return r.result;
  };
  const receivers = (d: Doc) => {
    const [header, ...rows] = d.host.snapshot().find((s) => s.name === '주문')!.values as unknown[][];
    const col = header!.indexOf('수령인');
    return rows.map((r) => String(r[col])).filter(Boolean).sort();
  };
  const order = (d: Doc, name: string) => cafe24.control('addOrder', [d.mall, { buyer: { name }, receiver: { name, cellphone: '010-1111-2222', address1: '서울 중구 1' }, items: [{ product_no: d.productNo }] }]);

  beforeEach(async () => {
    world = createWorld();
    const manifest = JSON.parse(fs.readFileSync(path.join(paths.build, 'appsscript.json'), 'utf8')) as Manifest;
    const doc = (name: string, mall: string, productNo: number): Doc => {
      const host = new SheetHost(world, manifest.timeZone);
      return { id: host.create(name, [], USER), host, mall, productNo };
    };
    a = doc('고객 A의 시트', 'borasaeg', 102);
    b = doc('고객 B의 시트', 'undercoco', 8);
    rt = new Runtime({ start: T0, bundleDir: paths.build, manifest, deployment: 'addon', user: USER, containerId: a.id, world });
    cafe24 = channelFactories.cafe24!('default', () => rt.now());
    for (const h of cafe24.hosts) await rt.network.serve(h, cafe24.listener);

    for (const d of [a, b]) {
      await inDoc(d, 'setupWorkbook', [], 'menu');
      await inDoc(d, 'installSync', [], 'menu');
      rt.fireEdit(d.host.edit('파트너', 'A2', partnerRow(d.mall)));
      await rt.settle();
      await inDoc(d, 'saveCafe24App', ['pmSheetDevClientId0001', 'pmSheetDevSecret-fake-0000000001']);
      const { authorizeUrl } = (await inDoc(d, 'connectPartner', ['PNR002'])) as { authorizeUrl: string };
      expect((await rt.openInBrowser(authorizeUrl)).status).toBe(200);
    }
  });

  it('collects each sheet\'s PNR002 orders from its own mall only, on each sheet\'s own hourly trigger', async () => {
    order(a, '가고객');
    order(b, '나고객');
    await rt.advanceTo(T0 + 2 * HOUR);
    await rt.settle();
    expect(rt.executions.flatMap((x) => x.errors)).toEqual([]);
    // Each sheet has its own mall's orders (the seeded ones included) and none of the other's.
    expect(receivers(a)).toContain('가고객');
    expect(receivers(b)).toContain('나고객');
    expect(receivers(a).filter((n) => receivers(b).includes(n))).toEqual([]);
    // Each document's trigger ran in its own document.
    const ticks = rt.executions.filter((x) => x.function === 'onSyncTick');
    expect(new Set(ticks.map((x) => x.triggerId)).size).toBe(2);
  });

  it('turning the sync off in one sheet leaves the other sheet\'s trigger running', async () => {
    expect(rt.triggers().map((t) => t.documentId).sort()).toEqual([a.id, b.id].sort());
    await inDoc(a, 'removeSync', [], 'menu');
    expect(rt.triggers().map((t) => t.documentId)).toEqual([b.id]);
    order(b, '나고객');
    await rt.advanceTo(T0 + 2 * HOUR);
    await rt.settle();
    expect(receivers(b)).toContain('나고객');
    expect(receivers(a)).toEqual([]);
  });

  it('keeps the client secret and the tokens in the owner\'s user properties, per sheet; none in script or document properties', () => {
    const props = world.services.get('properties') as { script: Map<string, string>; user: Map<string, Map<string, string>>; document: Map<string, Map<string, string>> };
    const secret = /pmSheetDevSecret|access_token|refresh_token|accessToken|refreshToken/;
    expect([...props.script.values()].filter((v) => secret.test(v))).toEqual([]);
    for (const d of [a, b]) expect([...(props.document.get(d.id) ?? new Map<string, string>()).values()].filter((v) => secret.test(v))).toEqual([]);
    const mine = [...props.user.get(USER)!.keys()].filter((k) => /cafe24\.(app|token)/.test(k)).sort();
    expect(mine).toEqual([`doc.${a.id}.cafe24.app`, `doc.${a.id}.cafe24.token.PNR002`, `doc.${b.id}.cafe24.app`, `doc.${b.id}.cafe24.token.PNR002`].sort());
  });
});
