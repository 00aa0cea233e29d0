import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paths } from '../../local/paths';
import { readZip } from '../../local/runtime/zip';
import { runScenario, writeOutputs, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, ScenarioError } from '../../local/sandbox/scenario';

/**
 * What a scenario written elsewhere can read after a run (README "Sandbox", "Scenarios"): the
 * reseller sheets with their sharing, the mails, each call's answer, the state at a checkpoint,
 * and new rows typed without knowing their row numbers. A short run of the built bundle.
 */
describe('the sandbox outputs of a short scenario', () => {
  const partner = (id: string, name: string, mall: string, email: string) => ({
    파트너ID: id,
    파트너명: name,
    구분: '위탁판매',
    채널: '카페24',
    몰ID: mall,
    쇼핑몰번호: 1,
    '기본 연동재고율(%)': 30,
    정산방식: '예치금',
    신용한도: 0,
    '영업장려금율(%)': 5,
    '개당 배송비': 2500,
    '정산시트 공유 이메일': email,
  });
  const scenario = parseScenario({
    name: 'outputs',
    start: '2026-11-23T09:00:00+09:00',
    duration: '20m',
    user: 'owner@najalran.example',
    channels: { cafe24: 'default' },
    events: [
      { at: '+1m', type: 'checkpoint', name: 'before' },
      { at: '+2m', type: 'editRow', sheet: '파트너', set: partner('PNR002', '보라색', 'borasaeg', 'settle@borasaeg.example') },
      { at: '+3m', type: 'editRow', sheet: '파트너', set: partner('PNR003', '언더코코', 'undercoco', 'finance@undercoco.example') },
      { at: '+4m', type: 'sidebar', function: 'getSidebarState' },
      { at: '+5m', type: 'menu', function: 'openPickingLists' },
      { at: '+6m', type: 'sidebar', function: 'noSuchFunction' },
      { at: '+7m', type: 'editRow', sheet: '없는 탭', set: { a: 1 } },
      { at: '+8m', type: 'checkpoint', name: '파트너-입력후' },
      { at: '+12m', type: 'sidebar', function: 'runSettlement', args: ['2026-W47'] },
    ],
  });
  let result: SandboxResult;
  let out: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-outputs-'));
    // Left by an earlier run into the same folder.
    for (const f of ['checkpoints/old-run/workbook.json', 'spreadsheets/1SSold.json']) {
      fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
      fs.writeFileSync(path.join(out, f), '{}');
    }
    result = await runScenario(scenario, { bundleDir: paths.build });
    await writeOutputs(result, out);
  });
  afterAll(async () => result && (await result.runtime.close()));

  const read = (...f: string[]) => JSON.parse(fs.readFileSync(path.join(out, ...f), 'utf8'));
  const tab = (book: { sheets: Array<{ name: string; values: unknown[][] }> }, name: string) => book.sheets.find((s) => s.name === name)!.values;

  it('types each editRow with no "where" on the next empty row', () => {
    const partners = tab(read('workbook.json'), '파트너');
    expect(partners.slice(1).map((r) => r[0])).toEqual(['PNR002', 'PNR003']);
    expect(partners[2]![partners[0]!.indexOf('정산시트 공유 이메일')]).toBe('finance@undercoco.example');
  });

  it('writes each checkpoint as the files were at that moment', () => {
    expect(tab(read('checkpoints', 'before', 'workbook.json'), '파트너')).toHaveLength(1);
    expect(tab(read('checkpoints', '파트너-입력후', 'workbook.json'), '파트너').slice(1).map((r) => r[0])).toEqual(['PNR002', 'PNR003']);
    expect(read('checkpoints', 'before', 'calls.json').calls).toEqual([]);
    expect(read('checkpoints', '파트너-입력후', 'calls.json').calls.map((c: { event: number }) => c.event)).toEqual([3, 4, 5]);
    for (const f of ['workbook.xlsx', 'channels.json', 'metrics.json', 'mails.json', 'spreadsheets/index.json']) {
      expect(fs.statSync(path.join(out, 'checkpoints', 'before', f)).size).toBeGreaterThan(0);
    }
    const executions = read('checkpoints', 'before', 'metrics.json').executions as Array<{ start: string }>;
    expect(executions.every((x) => x.start < '2026-11-23T00:01:00.001Z')).toBe(true);
  });

  it('leaves nothing of an earlier run in its checkpoints and spreadsheets folders', () => {
    expect(fs.readdirSync(path.join(out, 'checkpoints')).sort()).toEqual(['before', '파트너-입력후']);
    expect(fs.existsSync(path.join(out, 'spreadsheets', '1SSold.json'))).toBe(false);
  });

  it("records each sidebar and menu call of the scenario with its event's index and its answer", () => {
    const calls = read('calls.json').calls as Array<Record<string, unknown>>;
    expect(calls.map((c) => [c.event, c.type, c.function, c.ok])).toEqual([
      [3, 'sidebar', 'getSidebarState', true],
      [4, 'menu', 'openPickingLists', true],
      [5, 'sidebar', 'noSuchFunction', false],
      [8, 'sidebar', 'runSettlement', true],
    ]);
    expect(calls[0]!.result).toMatchObject({ lang: 'ko' });
    expect(calls[1]!.result).toEqual({ message: expect.any(String) });
    expect(calls[2]!.error).toMatch(/noSuchFunction/);
    expect(calls[3]!.result).toMatchObject({ period: '2026-W47' });
    expect(calls[0]!.start).toBe('2026-11-23T00:04:00.000Z');
  });

  it("names the event's index when one of its events fails", () => {
    expect(read('metrics.json').eventErrors).toEqual([expect.objectContaining({ index: 6, message: 'no tab "없는 탭"' })]);
  });

  it('writes each reseller sheet the add-on created, with its sharing, as JSON and as an XLSX of its own', () => {
    const index = read('spreadsheets', 'index.json').spreadsheets as Array<{ name: string; owner: string; sharing: Record<string, unknown>; files: { json: string; xlsx: string } }>;
    expect(index.map((s) => [s.name, s.owner, s.sharing])).toEqual([
      ['보라색 정산 시트', 'owner@najalran.example', { viewers: ['settle@borasaeg.example'], editors: [], linkAccess: 'PRIVATE', linkPermission: 'NONE' }],
      ['언더코코 정산 시트', 'owner@najalran.example', { viewers: ['finance@undercoco.example'], editors: [], linkAccess: 'PRIVATE', linkPermission: 'NONE' }],
    ]);
    const book = read('spreadsheets', index[0]!.files.json);
    expect(book).toMatchObject({ name: '보라색 정산 시트', sharing: index[0]!.sharing });
    expect(book.sheets.length).toBeGreaterThan(0);
    expect(book.sheets[0].values.length).toBeGreaterThan(0);
    // Nothing of another partner in it.
    expect(JSON.stringify(book)).not.toMatch(/PNR003|언더코코/);
    const parts = readZip(fs.readFileSync(path.join(out, 'spreadsheets', index[0]!.files.xlsx)));
    expect([...parts.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(book.sheets.length);
  });

  it('writes the mails sent, each with its recipients, subject and body', () => {
    const { mails, shareNotifications } = read('mails.json');
    expect(Array.isArray(shareNotifications)).toBe(true);
    for (const m of mails) {
      expect(m).toEqual(expect.objectContaining({ at: expect.stringMatching(/^2026-11-23T/), to: expect.any(String), subject: expect.any(String), body: expect.any(String) }));
    }
    expect(mails.map((m: { to: string }) => m.to)).toEqual(result.runtime.world.mail.map((m) => m.to));
  });

  it('keeps every request in channels.json, and says none was dropped', () => {
    const cafe24 = read('channels.json').cafe24;
    expect(cafe24.requestLogDropped).toBe(0);
    expect(Array.isArray(cafe24.requestLog)).toBe(true);
  });
});

describe('a scenario whose channel seed is wrong', () => {
  it('is refused with the path of the mistake, as the rest of the file is', async () => {
    const s = parseScenario({ name: 'x', start: '2026-11-23T09:00:00+09:00', duration: '1m', install: false, channels: { cafe24: { malls: 'none' } } });
    const run = runScenario(s, { bundleDir: paths.build });
    await expect(run).rejects.toBeInstanceOf(ScenarioError);
    await expect(run).rejects.toThrow(/channels\.cafe24: Invalid Cafe24 seed/);
  });
});
