/**
 * Embedded charts (Sheet.newChart / insertChart / getCharts / updateChart / removeChart and the
 * EmbeddedChartBuilder), as Google documents them: a builder's changes are saved only by
 * insertChart or updateChart, addRange ignores a range already there, a chart id is stable and
 * unique in its spreadsheet (null for a chart not in one), building is client-side.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime } from '../../local/runtime/runtime';
import { seedSpreadsheet, spreadsheetStore } from '../../local/runtime/services/spreadsheet';
import { EmbeddedChartBuilderFacade, EmbeddedChartFacade } from '../../local/runtime/services/spreadsheet/facade-chart';
import { testBed } from '../../local/runtime/services/spreadsheet/testing';
import { createWorld } from '../../local/runtime/world';

function bed() {
  const b = testBed({ sheets: [{ name: '정산', values: [['주차', '도매금액', '출고수량'], ['2027-W03', 100, 5], ['2027-W04', 200, 9]] }, { name: '데이터', values: [['a', 1]] }] });
  const [settle, data] = b.spreadsheet.getSheets();
  return { ...b, settle: settle!, data: data! };
}

describe('EmbeddedChartBuilder', () => {
  it('builds a chart that is not in the sheet until inserted; the inserted one gets an id', () => {
    const { settle } = bed();
    const chart = settle.newChart().setChartType('COMBO').addRange(settle.getRange('A1:C3')).setPosition(5, 2, 10, 20).setOption('title', '주간 도매금액').build();
    expect(chart).toBeInstanceOf(EmbeddedChartFacade);
    expect(chart.getChartId()).toBeNull();
    expect(settle.getCharts()).toEqual([]);
    settle.insertChart(chart);
    const [got] = settle.getCharts();
    expect(got!.getChartId()).toEqual(expect.any(Number));
    expect(got!.modify().getChartType()).toBe('COMBO');
    expect(got!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:C3']);
    const at = got!.getContainerInfo();
    expect([at.getAnchorRow(), at.getAnchorColumn(), at.getOffsetX(), at.getOffsetY()]).toEqual([5, 2, 10, 20]);
    expect(got!.getOptions().get('title')).toBe('주간 도매금액');
    expect(got!.getOptions().get('never.set')).toBeNull();
  });

  it('does not add a range twice, removes and clears ranges', () => {
    const { settle } = bed();
    const b = settle.newChart().addRange(settle.getRange('A1:A3')).addRange(settle.getRange('A1:A3')).addRange(settle.getRange('B1:B3'));
    expect(b.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A3', 'B1:B3']);
    b.removeRange(settle.getRange('A1:A3'));
    expect(b.getRanges().map((r) => r.getA1Notation())).toEqual(['B1:B3']);
    expect(b.clearRanges().getRanges()).toEqual([]);
  });

  it('documents its defaults: IGNORE_BOTH, MERGE_COLUMNS, no transpose, anchored at A1', () => {
    const { settle } = bed();
    settle.insertChart(settle.newChart().setChartType('LINE').addRange(settle.getRange('A1:B3')).build());
    const c = settle.getCharts()[0]!;
    expect([c.getHiddenDimensionStrategy(), c.getMergeStrategy(), c.getTransposeRowsAndColumns(), c.getNumHeaders()]).toEqual(['IGNORE_BOTH', 'MERGE_COLUMNS', false, -1]);
    expect(c.getContainerInfo().getAnchorRow()).toBe(1);
  });

  it('reads a dotted option through an object set under its prefix', () => {
    const { settle } = bed();
    settle.insertChart(settle.newChart().setChartType('COMBO').setOption('series', { 1: { type: 'line', targetAxisIndex: 1 } }).build());
    const options = settle.getCharts()[0]!.getOptions();
    expect(options.get('series.1.targetAxisIndex')).toBe(1);
    expect(options.get('series.0.type')).toBeNull();
  });

  it('refuses what Apps Script refuses: a non-range, an unknown chart type, a range of another spreadsheet', () => {
    const { settle } = bed();
    const b = settle.newChart();
    expect(() => b.addRange('A1:B2' as never)).toThrow('The parameters (String) don\'t match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.');
    expect(() => b.setChartType('DONUT')).toThrow(/setChartType/);
    const elsewhere = testBed().sheet.getRange('A1');
    expect(() => b.addRange(elsewhere)).toThrow('Invalid argument: range');
  });

  it('may draw from another sheet of the same spreadsheet', () => {
    const { settle, data } = bed();
    settle.insertChart(settle.newChart().setChartType('COLUMN').addRange(data.getRange('A1:B1')).build());
    expect(settle.getCharts()[0]!.getRanges()[0]!.getSheet().getName()).toBe('데이터');
    expect(data.getCharts()).toEqual([]);
  });
});

describe('updateChart and removeChart', () => {
  it('saves a modified chart under the same id; the builder alone changes nothing', () => {
    const { settle } = bed();
    settle.insertChart(settle.newChart().setChartType('COLUMN').addRange(settle.getRange('A1:B3')).build());
    const before = settle.getCharts()[0]!;
    const builder = before.modify().addRange(settle.getRange('C1:C3')).setOption('title', '새 제목');
    expect(builder).toBeInstanceOf(EmbeddedChartBuilderFacade);
    expect(settle.getCharts()[0]!.getRanges()).toHaveLength(1);
    settle.updateChart(builder.build());
    const after = settle.getCharts();
    expect(after).toHaveLength(1);
    expect(after[0]!.getChartId()).toBe(before.getChartId());
    expect(after[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B3', 'C1:C3']);
    expect(after[0]!.getOptions().get('title')).toBe('새 제목');
  });

  it('inserting a modified copy adds another chart with its own id', () => {
    const { settle } = bed();
    settle.insertChart(settle.newChart().setChartType('COLUMN').build());
    settle.insertChart(settle.getCharts()[0]!.modify().build());
    const ids = settle.getCharts().map((c) => c.getChartId());
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('removes a chart; a chart that is not on the sheet is refused', () => {
    const { settle, data } = bed();
    settle.insertChart(settle.newChart().setChartType('COLUMN').build());
    const chart = settle.getCharts()[0]!;
    expect(() => data.removeChart(chart)).toThrow('Invalid argument: chart');
    expect(() => settle.updateChart(settle.newChart().build())).toThrow('Invalid argument: chart');
    settle.removeChart(chart);
    expect(settle.getCharts()).toEqual([]);
  });

  it('keeps drawing from the same cells when rows are inserted above them; drops a range whose cells are deleted', () => {
    const { settle, data } = bed();
    settle.insertChart(settle.newChart().setChartType('COLUMN').addRange(settle.getRange('A2:B3')).addRange(data.getRange('A1:B1')).build());
    settle.insertRowsBefore(1, 2);
    expect(settle.getCharts()[0]!.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['정산!A4:B5', '데이터!A1:B1']);
    data.deleteRows(1, 1);
    expect(settle.getCharts()[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A4:B5']);
  });
});

describe('round trips', () => {
  it('counts insertChart, getCharts, updateChart and removeChart; building and reading a chart are client-side', async () => {
    const world = createWorld();
    const model = seedSpreadsheet(world, { name: 'charts', owner: 'owner@example.com', sheets: [{ name: 'S', values: [['w', 'v'], ['a', 1]] }] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-charts-'));
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      `function chart() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('S');
        var c = sheet.newChart().setChartType(Charts.ChartType.COMBO).addRange(sheet.getRange('A1:B2')).setPosition(3, 4, 0, 0).setOption('title', 't').build();
        sheet.insertChart(c);
        var got = sheet.getCharts()[0];
        var title = got.getOptions().get('title');
        sheet.updateChart(got.modify().setOption('title', 'u').build());
        var id = got.getChartId();
        sheet.removeChart(sheet.getCharts()[0]);
        return [title, typeof id, got.getContainerInfo().getAnchorColumn()];
      }`,
    );
    const rt = new Runtime({ start: Date.parse('2027-02-01T00:00:00Z'), bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' }, world, containerId: model.id, user: 'owner@example.com' });
    try {
      const r = await rt.run('chart');
      expect(r.errors).toEqual([]);
      expect(r.result).toEqual(['t', 'number', 4]);
      const trips = rt.executions[0]!.roundTrips;
      expect(Object.fromEntries(Object.entries(trips).filter(([k]) => /Chart|Charts/.test(k)))).toEqual({
        'SpreadsheetApp.Sheet.insertChart': 1,
        'SpreadsheetApp.Sheet.getCharts': 2,
        'SpreadsheetApp.Sheet.updateChart': 1,
        'SpreadsheetApp.Sheet.removeChart': 1,
      });
      expect(spreadsheetStore(world).get(model.id)!.sheets[0]!.charts).toEqual([]);
    } finally {
      await rt.close();
    }
  });
});
