import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../../local/paths';
import { Runtime } from '../../local/runtime/runtime';
import type { Manifest } from '../../local/runtime/services/registry';
import { createWorld, type World } from '../../local/runtime/world';
import { channelFactories, type ChannelFake } from '../../local/sandbox/channels';
import { SheetHost } from '../../local/sandbox/sheet-host';

/**
 * Who can read the Cafe24 secrets: the person who saved the app owns the connection (client
 * secret, tokens, the sync trigger, all in their own user properties); another editor of the
 * sheet sees who owns it and that the malls are connected, and their mall actions go through
 * the owner's trigger, never through secrets they could read.
 */
const T0 = Date.parse('2026-11-23T09:00:00+09:00');
const OWNER = 'owner@najalran.example';
const EDITOR = 'packer@najalran.example';

describe('the connection owner and another editor of a bound sheet', () => {
  let rt: Runtime;
  let world: World;
  let host: SheetHost;
  let cafe24: ChannelFake;
  afterEach(async () => rt && (await rt.close()));

  const as = (user: string, fn: string, args: unknown[] = []) => rt.run(fn, args, 'sidebar', { user });

  beforeEach(async () => {
    world = createWorld();
    const manifest = JSON.parse(fs.readFileSync(path.join(paths.build, 'appsscript.json'), 'utf8')) as Manifest;
    host = new SheetHost(world, manifest.timeZone);
    const id = host.create('분양몰', [], OWNER);
    rt = new Runtime({ start: T0, bundleDir: paths.build, manifest, deployment: 'bound', user: OWNER, containerId: id, world });
    cafe24 = channelFactories.cafe24!('default', () => rt.now());
    for (const h of cafe24.hosts) await rt.network.serve(h, cafe24.listener);
    await rt.run('setupWorkbook', [], 'menu');
    await rt.run('installSync', [], 'menu');
    rt.fireEdit(host.edit('파트너', 'A2', [['PNR002', '보라색', '위탁판매', '카페24', 'borasaeg', 1, '', 30, '예치금', 0, 5, 2500, 'settle@borasaeg.example']]));
    await rt.settle();
    expect((await as(OWNER, 'saveCafe24App', ['pmSheetDevClientId0001', 'pmSheetDevSecret-fake-0000000001'])).errors).toEqual([]);
    const url = (await as(OWNER, 'connectPartner', ['PNR002'])).result as { authorizeUrl: string };
    expect((await rt.openInBrowser(url.authorizeUrl)).status).toBe(200);
  });

  it('shows each of them who owns the connection, and the editor that the mall is connected', async () => {
    const mine = (await as(OWNER, 'getSidebarState')).result as { connection: { mine: boolean; text: string } };
    expect(mine.connection).toMatchObject({ mine: true, text: expect.stringContaining(OWNER) });
    const theirs = (await as(EDITOR, 'getSidebarState')).result as { connection: { owner: string; mine: boolean }; appSaved: boolean; partners: Array<{ connection: string }> };
    expect(theirs.connection).toMatchObject({ owner: OWNER, mine: false });
    expect(theirs.appSaved).toBe(true);
    expect(theirs.partners[0]!.connection).toBe('connected');
  });

  it('keeps the secret and the tokens out of the editor\'s reach: in the owner\'s user properties only', () => {
    const props = world.services.get('properties') as { script: Map<string, string>; user: Map<string, Map<string, string>>; document: Map<string, Map<string, string>> };
    const all = (m: Map<string, string> | undefined) => [...(m ?? new Map<string, string>()).values()].join('\n');
    expect(all(props.script)).not.toMatch(/pmSheetDevSecret|access_token|accessToken/);
    expect([...props.document.values()].map(all).join('\n')).not.toMatch(/pmSheetDevSecret|access_token|accessToken/);
    expect(all(props.user.get(EDITOR))).toBe('');
    expect(all(props.user.get(OWNER))).toMatch(/pmSheetDevSecret/);
  });

  it('refuses the editor\'s connect, app change and sync switch with the owner\'s name; "sync now" waits for the owner\'s trigger', async () => {
    for (const [fn, args] of [['connectPartner', ['PNR002']], ['saveCafe24App', ['x', 'y']], ['installSync', []], ['removeSync', []]] as const) {
      const r = await as(EDITOR, fn, [...args]);
      expect(r.errors).toEqual([expect.stringContaining(`연결 담당자(${OWNER})만`)]);
    }
    const now = (await as(EDITOR, 'syncNow')).result as { ran: boolean; message: string };
    expect(now).toMatchObject({ ran: false, message: expect.stringContaining(`연결 담당자(${OWNER})의 자동 동기화`) });
    // The owner's trigger still runs and reaches the mall.
    cafe24.control('addOrder', ['borasaeg', { buyer: { name: '가고객' }, receiver: { name: '가고객', cellphone: '010-1111-2222', address1: '서울 중구 1' }, items: [{ product_no: 102 }] }]);
    await rt.advanceTo(T0 + 3 * 60_000);
    await rt.settle();
    const [header, ...rows] = host.snapshot().find((s) => s.name === '주문')!.values as unknown[][];
    const row = rows.find((r) => r[header!.indexOf('수령인')] === '가고객')!;
    expect(rt.executions.filter((x) => x.function === 'onSyncTick').every((x) => x.errors.length === 0)).toBe(true);
    // The editor scans the parcel: it is recorded at once and sent by the owner's next run.
    const scan = await as(EDITOR, 'scanToShip', [String(row[header!.indexOf('주문번호')]), '6900004147609', '우체국택배']);
    expect(scan.result).toMatchObject({ ok: true, queued: true, message: expect.stringContaining(`연결 담당자(${OWNER})의 다음 자동 동기화`) });
    await rt.advanceTo(T0 + 5 * 60_000);
    await rt.settle();
    expect(JSON.stringify(cafe24.state())).toContain('"tracking_no":"6900004147609"');
  });

  it('hands the connection over once the owner has turned the sync off: whoever saves the app next owns it', async () => {
    expect((await as(OWNER, 'removeSync')).errors).toEqual([]);
    expect((await as(EDITOR, 'saveCafe24App', ['pmSheetDevClientId0001', 'pmSheetDevSecret-fake-0000000001'])).errors).toEqual([]);
    const now = (await as(EDITOR, 'getSidebarState')).result as { connection: { owner: string; mine: boolean } };
    expect(now.connection).toMatchObject({ owner: EDITOR, mine: true });
    expect((await as(OWNER, 'connectPartner', ['PNR002'])).errors).toEqual([expect.stringContaining(`연결 담당자(${EDITOR})만`)]);
  });
});
