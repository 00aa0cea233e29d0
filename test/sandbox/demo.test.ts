import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paths } from '../../local/paths';
import { readZip } from '../../local/sandbox/xlsx';
import { runScenario, writeOutputs, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { TABS } from '../../src/sheet/tabs';

/** The README's main job, end to end: the built bundle in the local runtime on the demo. */
describe('npm start on the demo scenario', () => {
  let result: SandboxResult;
  let out: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-'));
    result = await runScenario(parseScenario(demo), { bundleDir: paths.build });
    writeOutputs(result, out);
  });
  afterAll(async () => result && (await result.runtime.close()));

  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8'));

  it('writes the four files', () => {
    for (const f of ['workbook.xlsx', 'workbook.json', 'channels.json', 'metrics.json']) expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(0);
  });

  it("holds the add-on's own tabs, created by its setup code, and no leftover blank tab", () => {
    const names = read('workbook.json').sheets.map((s: { name: string }) => s.name);
    expect(names).toEqual(TABS.map((t) => t.title.ko));
  });

  it('gives each tab its Korean header row', () => {
    const sheets = read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>;
    for (const tab of TABS) {
      const sheet = sheets.find((s) => s.name === tab.title.ko)!;
      expect(sheet.values[0]).toEqual(tab.columns.map((c) => c.label.ko));
    }
  });

  it("keeps what the user typed, attached to its row after the user's sort", () => {
    const products = read('workbook.json').sheets.find((s: { name: string }) => s.name === '상품').values as unknown[][];
    expect(products.slice(1).map((r) => [r[0], r[6]])).toEqual([
      ['NJ-BAG-CV-01', 45],
      ['NJ-TEE-WH-L', 80],
      ['NJ-TEE-WH-M', 120],
    ]);
  });

  it('installs the add-on as a user would, then runs the sync every minute', () => {
    const m = read('metrics.json');
    const fns = m.executions.map((x: { function: string }) => x.function);
    expect(fns.slice(0, 3)).toEqual(['onOpen', 'setupWorkbook', 'installSync']);
    const ticks = m.executions.filter((x: { function: string }) => x.function === 'onSyncTick');
    expect(ticks.length).toBeGreaterThanOrEqual(119);
    expect(m.executions.every((x: { errors: string[] }) => x.errors.length === 0)).toBe(true);
  });

  it('reports each execution with its start, duration and round trips by service', () => {
    const setup = read('metrics.json').executions.find((x: { function: string }) => x.function === 'setupWorkbook');
    expect(setup.start).toMatch(/^2026-11-23T00:00:00\.\d{3}Z$/);
    expect(Number.isInteger(setup.durationMs)).toBe(true);
    expect(setup.roundTrips['SpreadsheetApp.Spreadsheet.insertSheet']).toBe(TABS.length);
    expect(setup.roundTrips['SpreadsheetApp.Range.setValues']).toBeGreaterThan(0);
  });

  it('writes a real XLSX with one worksheet per tab', () => {
    const parts = readZip(fs.readFileSync(path.join(out, 'workbook.xlsx')));
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    expect([...parts.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(TABS.length);
    expect(parts.get('xl/workbook.xml')!.toString('utf8')).toContain('name="상품"');
  });

  it("writes the fake channels' state and request logs", () => {
    const channels = read('channels.json');
    expect(Object.keys(channels.cafe24.state.malls).sort()).toEqual(['borasaeg', 'najalran', 'undercoco']);
    expect(Array.isArray(channels.cafe24.requestLog)).toBe(true);
  });
});
