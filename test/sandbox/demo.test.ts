import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paths } from '../../local/paths';
import { readZip } from '../../local/runtime/zip';
import { runScenario, writeOutputs, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { LOG_JOBS, LOG_LEVELS } from '../../src/i18n/messages';
import { TABS } from '../../src/sheet/tabs';
import { dayFigures, seoulMoment, summaryLines } from '../../local/sandbox/summary';

/** The README's main job, end to end: the built bundle in the local runtime on the demo. */
describe('npm start on the demo scenario', () => {
  let result: SandboxResult;
  let out: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-'));
    result = await runScenario(parseScenario(demo), { bundleDir: paths.build });
    await writeOutputs(result, out);
    // The whole working day runs here (about 35 s alone); a busy machine may take minutes.
  }, 600_000);
  afterAll(async () => result && (await result.runtime.close()));

  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8'));

  it('writes the four files', () => {
    for (const f of ['workbook.xlsx', 'workbook.json', 'channels.json', 'metrics.json']) expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(0);
  });

  it("holds the add-on's own tabs, created by its setup code, and no leftover blank tab", () => {
    const names = read('workbook.json').sheets.map((s: { name: string }) => s.name);
    expect(names).toEqual(TABS.map((t) => t.title.ko));
  });

  it('shows the day\'s inquiries in the 문의 tab: answered from the sheet, at the mall or marketplace, and one late', () => {
    const [header, ...rows] = read('workbook.json').sheets.find((s: { name: string }) => s.name === '문의').values as unknown[][];
    const at = (p: string, id: string) => rows.find((r) => r[header!.indexOf('파트너ID')] === p && r[header!.indexOf('문의번호')] === id)!;
    const cell = (r: unknown[], h: string) => String(r[header!.indexOf(h)]);
    expect(rows.filter((r) => ['PNR001', 'PNR002', 'PNR003'].includes(cell(r, '파트너ID')))).toHaveLength(3);
    expect(cell(at('PNR001', '6:1'), '처리결과')).toMatch(/^✓ 11-23 09:4\d 답변 등록/);
    // SmartStore: a product question answered from the sheet, a customer inquiry in the seller centre.
    expect(cell(at('PNR004', 'qna:700000001'), '처리결과')).toMatch(/^✓ 11-23 09:5\d 답변 등록 \(스마트스토어\)/);
    expect(cell(at('PNR004', 'inq:500000001'), '처리결과')).toMatch(/^스마트스토어에서 답변됨/);
    // Coupang: a product inquiry and a call-centre inquiry answered from the sheet, a transfer
    // confirmed from it, and a product inquiry answered in Wing.
    expect(cell(at('PNR005', 'online:844000'), '처리결과')).toMatch(/^✓ .* 답변 등록.*\(쿠팡\)/);
    expect(cell(at('PNR005', 'cc:1007837444'), '처리결과')).toMatch(/^✓ .* 답변 등록 \(쿠팡\)/);
    expect(cell(at('PNR005', 'cc:1007837445'), '처리결과')).toMatch(/^✓ .* 이관 확인 \(쿠팡\)/);
    expect(cell(at('PNR005', 'online:844001'), '처리결과')).toMatch(/^쿠팡에서 답변됨/);
    expect(cell(at('PNR002', '9:1'), '처리결과')).toMatch(/^카페24에서 답변됨/);
    expect(cell(at('PNR003', '6:1'), '조치필요')).toBe('1 답변기한 초과');
  });

  it('runs a SmartStore and a Coupang account through the relay: confirmed, stock pushed, shipped, and a cancel, a return and an exchange each', () => {
    const [header, ...orders] = read('workbook.json').sheets.find((s: { name: string }) => s.name === '주문').values as unknown[][];
    const cell = (r: unknown[], h: string) => String(r[header!.indexOf(h)]);
    const market = orders.filter((r) => ['PNR004', 'PNR005'].includes(cell(r, '파트너ID')));
    // SmartStore: the seed's order and three the day brings; Coupang: the seed's box of two lines and two orders.
    expect(market.filter((r) => cell(r, '파트너ID') === 'PNR004')).toHaveLength(3);
    expect(market.filter((r) => cell(r, '파트너ID') === 'PNR005')).toHaveLength(4);
    // Confirmed: SmartStore's at once, Coupang's when staff ticked them (the confirm calls below).
    expect(market.filter((r) => /^✓ .*출고/.test(cell(r, '처리결과')))).toHaveLength(5);
    const [ch, ...claims] = read('workbook.json').sheets.find((s: { name: string }) => s.name === '클레임').values as unknown[][];
    const kinds = (p: string) => claims.filter((c) => c[ch!.indexOf('파트너ID')] === p).map((c) => String(c[ch!.indexOf('유형')])).sort();
    expect(kinds('PNR004')).toEqual(['교환', '반품', '취소']);
    expect(kinds('PNR005')).toEqual(['교환', '반품', '취소']);
    const channels = read('channels.json');
    const naver = channels.naver.requestLog as Array<{ path: string; status: number; remoteAddress: string }>;
    const coupang = channels.coupang.requestLog as Array<{ path: string; status: number; remoteAddress: string }>;
    for (const [log, calls] of [
      [naver, [/product-orders\/confirm$/, /product-orders\/dispatch$/, /claim\/cancel\/approve$/, /claim\/return\/approve$/, /option-stock$/]],
      [coupang, [/ordersheets\/acknowledgement$/, /orders\/invoices$/, /stoppedShipment$/, /receiveConfirmation$/, /quantities\/\d+$/]],
    ] as const) {
      for (const call of calls) expect(log.some((e) => call.test(e.path) && e.status === 200)).toBe(true);
      // Every request came from the relay's address, the one the marketplaces registered.
      expect(log.every((e) => e.remoteAddress === '127.0.0.2')).toBe(true);
    }
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
    expect(products.slice(1, 5).map((r) => [r[0], r[6]])).toEqual([
      ['NJ-APRON-2', 0],
      ['NJ-BLANKET', 40],
      // 80 typed; one shipped from a mall, three from the marketplaces (their two exchanges are
      // at 입고확인 and wait for the redelivery done in the marketplaces' own centres).
      ['NJ-APRON-1', 76],
      // Raised from 120 by staff at 10:10, in the row the sort had moved it to; then 6 shipped
      // and 3 good units back from a return and an exchange; 2 + 2 shipped by the marketplaces,
      // and SmartStore's 2 back as good, Coupang's 2 as faulty.
      ['NJ-MUG', 145],
    ]);
  });

  it('collects the orders of the three connected malls, a buyer message starting with "=" kept as text', () => {
    const orders = read('workbook.json').sheets.find((s: { name: string }) => s.name === '주문').values as unknown[][];
    const message = orders[0]!.indexOf('배송메시지');
    expect(orders.length - 1).toBeGreaterThanOrEqual(8);
    expect(orders.map((r) => r[message])).toContain('=문 앞에 놓아주세요');
  });

  it('pushes each sellable SKU its share of the stock, with the computation beside it, and warns of ratios over 100%', () => {
    const sheets = read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>;
    const ratios = sheets.find((s) => s.name === '연동재고율')!.values;
    const h = ratios[0]!;
    const mug = ratios.find((r) => r[h.indexOf('SKU')] === 'NJ-MUG' && r[h.indexOf('파트너ID')] === 'PNR002')!;
    expect(mug[h.indexOf("계산근거")]).toMatch(/^145 − 2 안전재고 − \d+ 예약 = \d+ × 30% × 100\/120 = \d+$/);
    expect(Number(mug[h.indexOf('전송재고')])).toBeGreaterThan(0);
    const products = sheets.find((s) => s.name === '상품')!.values;
    expect(products.find((r) => r[0] === 'NJ-MUG')![products[0]!.indexOf('처리결과')]).toMatch(/120%/);
    // What the mall shows is what was pushed, less what sold there since.
    const malls = read('channels.json').cafe24.state.malls as Record<string, { products: Array<{ variants?: Array<{ custom_variant_code: string; quantity: number }> }> }>;
    const inMall = malls.borasaeg!.products.flatMap((p) => p.variants ?? []).find((v) => v.custom_variant_code === 'NJ-MUG')!;
    expect(inMall.quantity).toBeLessThanOrEqual(Number(mug[h.indexOf('전송재고')]));
  });

  it('ships, bundles, holds, returns and exchanges as staff work the day', () => {
    const sheets = read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>;
    const rows = (name: string) => {
      const [h, ...rest] = sheets.find((s) => s.name === name)!.values;
      return rest.map((r) => Object.fromEntries(h!.map((k, i) => [String(k), r[i]])));
    };
    const orders = rows('주문');
    const item = (id: string, partnerId = 'PNR001') => orders.find((o) => o['품목주문번호'] === id && o['파트너ID'] === partnerId)!;
    // Bundled: one number on 김민지's two orders.
    expect([item('20261123-0000001-01'), item('20261123-1000100-01')].map((o) => o['송장번호'])).toEqual(['680123456789', '680123456789']);
    // Held on a cancel request, then cancelled.
    const held = orders.find((o) => o['파트너ID'] === 'PNR003' && o['수령인'] === '박지우')!;
    expect(String(held['처리결과'])).toMatch(/취소 요청이 있어 출고 보류/);
    expect(String(held['주문상태'])).toMatch(/^취소완료/);
    // A wrong number fixed: shipped.
    expect(item('20261120-0000001-01')['송장번호']).toBe('6900004147616');
    // Returned, one of each classification; exchanged, its replacement shipped after.
    const claims = rows('클레임');
    const malls = claims.filter((c) => ['PNR001', 'PNR002', 'PNR003'].includes(String(c['파트너ID'])));
    expect(malls.filter((c) => c['유형'] === '반품').map((c) => c['분류']).sort()).toEqual(['불량', '수선', '정품']);
    expect(claims.filter((c) => c['유형'] === '반품').every((c) => /^반품완료/.test(String(c['클레임상태'])) && Number(c['파트너 차감액']) > 0)).toBe(true);
    expect(malls.find((c) => c['유형'] === '교환')!['클레임상태']).toBe('교환완료 (E40)');
    expect(item('20261123-1000150-02')['주문상태']).toBe('배송중 (N30)');
  });

  it('settles last week from the sidebar and records a payment typed on the first empty row of the ledger', () => {
    const sheets = read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>;
    const rows = (name: string) => {
      const [h, ...rest] = sheets.find((s) => s.name === name)!.values;
      return rest.map((r) => Object.fromEntries(h!.map((k, i) => [String(k), r[i]])));
    };
    // The own mall shipped 2 mugs (wholesale 7,000) in W47.
    expect(rows('정산').find((x) => x['파트너ID'] === 'PNR001' && x['정산기간'] === '2026-W47')).toMatchObject({ 출고수량: 2, 도매금액: 14_000, 영업장려금: 700 });
    expect(rows('원장').find((x) => x['파트너ID'] === 'PNR002')).toMatchObject({ 전표번호: '2026-11-0001', 전표키: 'PNR002:payment:BANK-20261123-01', 구분: '입금', 금액: 500_000 });
  });

  it('registers the six products pasted at 17:02 in all three malls by itself, 5 every 5 minutes, then their rename', () => {
    const sheets = read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>;
    const [h, ...ratios] = sheets.find((s) => s.name === '연동재고율')!.values;
    const NEW = ['NJ-TRAY', 'NJ-COASTER', 'NJ-VASE', 'NJ-TOWEL', 'NJ-POUCH', 'NJ-CANDLE'];
    const mine = ratios.filter((r) => NEW.includes(String(r[h!.indexOf('SKU')])) && ['PNR001', 'PNR002', 'PNR003'].includes(String(r[h!.indexOf('파트너ID')])));
    expect(mine).toHaveLength(18);
    const malls = read('channels.json').cafe24.state.malls as Record<string, { products: Array<{ product_no: number; custom_product_code: string; product_name: string; price: string; variants: Array<{ use_inventory: string; quantity: number }> }> }>;
    const mallOf: Record<string, string> = { PNR001: 'najalran', PNR002: 'borasaeg', PNR003: 'undercoco' };
    for (const r of mine) {
      const p = malls[mallOf[String(r[h!.indexOf('파트너ID')])]!]!.products.find((x) => String(x.product_no) === String(r[h!.indexOf('채널상품번호')]))!;
      expect(p.custom_product_code).toBe(r[h!.indexOf('SKU')]);
      // Stock managed: the mall sells the share it was given.
      expect(p.variants[0]).toMatchObject({ use_inventory: 'T', quantity: r[h!.indexOf('전송재고')] });
    }
    const creates = (read('channels.json').cafe24.requestLog as Array<{ method: string; path: string; status: number; at: number }>).filter((e) => e.method === 'POST' && /\/products$/.test(e.path) && e.status === 201);
    expect(creates).toHaveLength(18);
    const minutes = [...new Set(creates.map((e) => Math.floor((e.at - Date.parse(demo.start)) / 60_000)))];
    expect(minutes).toHaveLength(4);
    for (const id of Object.values(mallOf)) expect(malls[id]!.products.find((x) => x.custom_product_code === 'NJ-TRAY')!.product_name).toBe('원목 서빙 트레이');
    expect(malls.borasaeg!.products.find((x) => x.custom_product_code === 'NJ-TRAY')!.price).toBe('26000.00');
  });

  it('installs the add-on as a user would, then runs the sync every minute', () => {
    const m = read('metrics.json');
    const fns = m.executions.map((x: { function: string }) => x.function);
    expect(fns.slice(0, 3)).toEqual(['onOpen', 'setupWorkbook', 'installSync']);
    const ticks = m.executions.filter((x: { function: string }) => x.function === 'onSyncTick');
    expect(ticks.length).toBeGreaterThanOrEqual(9 * 60 - 1);
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

  it('keeps every request of the day with what it sent: the scanned parcel in its shipment body', () => {
    const { requestLog, requestLogDropped } = read('channels.json').cafe24 as {
      requestLog: Array<{ at: number; method: string; path: string; requestBody?: { requests?: Array<Record<string, unknown>> } }>;
      requestLogDropped: number;
    };
    expect(requestLogDropped).toBe(0);
    // The first requests of the day are still there: the consent page at 09:09, then the code exchange.
    expect(requestLog[0]).toMatchObject({ method: 'GET', path: '/api/v2/oauth/authorize' });
    expect(new Date(requestLog[0]!.at).toISOString()).toMatch(/^2026-11-23T00:09:/);
    expect(requestLog.find((e) => e.path === '/api/v2/oauth/token')).toMatchObject({ method: 'POST', requestBody: { grant_type: 'authorization_code', code: '***' } });
    const scanned = requestLog.filter((e) => e.method === 'POST' && e.path === '/api/v2/admin/shipments' && JSON.stringify(e.requestBody).includes('6900004147623'));
    expect(scanned).toHaveLength(1);
    expect(scanned[0]!.requestBody!.requests).toEqual([expect.objectContaining({ order_id: '20261123-1000150', tracking_no: '6900004147623', status: 'shipping' })]);
    expect(JSON.stringify(requestLog)).not.toContain('pmSheetDevSecret');
  });

  it("writes each reseller's settlement sheet, shared view-only with its statement address, beside the workbook", () => {
    const index = read('spreadsheets/index.json').spreadsheets as Array<{ name: string; url: string; sharing: Record<string, unknown>; files: { json: string; xlsx: string } }>;
    expect(index.map((s) => [s.name, s.sharing])).toEqual([
      ['보라색 정산 시트', { viewers: ['settle@borasaeg.example'], editors: [], linkAccess: 'PRIVATE', linkPermission: 'NONE' }],
      ['언더코코 정산 시트', { viewers: ['finance@undercoco.example'], editors: [], linkAccess: 'PRIVATE', linkPermission: 'NONE' }],
    ]);
    for (const s of index) {
      const book = read(`spreadsheets/${s.files.json}`) as { url: string; sheets: Array<{ name: string; values: unknown[][] }> };
      expect(book.url).toBe(s.url);
      expect(book.sheets.length).toBeGreaterThan(0);
      const parts = readZip(fs.readFileSync(path.join(out, 'spreadsheets', s.files.xlsx)));
      expect([...parts.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(book.sheets.length);
    }
  });

  it("writes the statement mail the settlement sent, linking the reseller's sheet", () => {
    const { mails } = read('mails.json') as { mails: Array<{ at: string; to: string; subject: string; body: string }> };
    const sheet = (read('spreadsheets/index.json').spreadsheets as Array<{ name: string; url: string }>).find((s) => s.name === '언더코코 정산 시트')!;
    expect(mails).toContainEqual(
      expect.objectContaining({ to: 'finance@undercoco.example', subject: expect.stringContaining('2026-W47'), body: expect.stringContaining(sheet.url) }),
    );
    expect(mails.every((m) => m.at >= '2026-11-23T06:40:00.000Z')).toBe(true);
  });

  it('writes what each sidebar and menu call answered, by its event', () => {
    const calls = read('calls.json').calls as Array<{ event: number; function: string; ok: boolean; result: Record<string, unknown> }>;
    const byFn = (fn: string) => calls.find((c) => c.function === fn)!;
    expect(demo.events[byFn('scanToShip').event]).toMatchObject({ type: 'sidebar', function: 'scanToShip' });
    expect(byFn('scanToShip')).toMatchObject({ ok: true, result: { ok: true, orderId: '20261123-1000150' } });
    expect(byFn('runSettlement')).toMatchObject({ ok: true, result: { period: '2026-W47' } });
    expect(calls.filter((c) => c.function === 'connectPartner')).toHaveLength(3);
  });

  it('writes the morning as it was at the noon checkpoint', () => {
    const morning = JSON.parse(fs.readFileSync(path.join(out, 'checkpoints', 'morning', 'workbook.json'), 'utf8')) as { sheets: Array<{ name: string; values: unknown[][] }> };
    const receivers = (book: { sheets: Array<{ name: string; values: unknown[][] }> }) => {
      const [h, ...rows] = book.sheets.find((s) => s.name === '주문')!.values;
      return rows.map((r) => r[h!.indexOf('수령인')]);
    };
    // 김민지 ordered at 09:20; 강민호 at 13:00, after the checkpoint.
    expect(receivers(morning)).toContain('김민지');
    expect(receivers(morning)).not.toContain('강민호');
    expect(receivers(read('workbook.json'))).toContain('강민호');
    expect(morning.sheets.find((s) => s.name === '원장')!.values).toHaveLength(1);
    const executions = JSON.parse(fs.readFileSync(path.join(out, 'checkpoints', 'morning', 'metrics.json'), 'utf8')).executions as Array<{ start: string }>;
    expect(executions.length).toBeGreaterThan(100);
    expect(executions.every((x) => x.start <= '2026-11-23T03:00:00.000Z')).toBe(true);
  });

  const tabOf = (name: string) => {
    const [h, ...rest] = (read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>).find((s) => s.name === name)!.values;
    return rest.map((r) => Object.fromEntries(h!.map((k, i) => [String(k), r[i]])));
  };

  it('writes the log tab in Korean: the job and the level in words staff use', () => {
    const log = tabOf('로그');
    expect(log.length).toBeGreaterThan(0);
    const jobs: string[] = Object.values(LOG_JOBS).map((l) => l.ko);
    const levels: string[] = Object.values(LOG_LEVELS).map((l) => l.ko);
    expect(log.filter((x) => !jobs.includes(String(x['작업'])) || !levels.includes(String(x['수준'])))).toEqual([]);
    expect(log.map((x) => x['작업'])).toEqual(expect.arrayContaining(['시트 설정', '주문 수집', '송장 전송', '정산']));
  });

  it('puts 조치필요 first on the orders tab, as on the claims tab', () => {
    const sheets = read('workbook.json').sheets as Array<{ name: string; values: unknown[][] }>;
    for (const name of ['주문', '클레임']) expect(sheets.find((s) => s.name === name)!.values[0]![0]).toBe('조치필요');
    expect(tabOf('주문').filter((o) => o['조치필요'] === '3 출고 대기').length).toBeGreaterThan(0);
  });

  it('says on each tab the add-on fills what will appear there and when (a note on the header, never a row)', () => {
    const notes = (name: string) => String(result.sheets.snapshot().find((s) => s.name === name)!.notes[0]![0] ?? '');
    expect(notes('주문')).toMatch(/결제된 주문이 1분마다/);
    expect(notes('클레임')).toMatch(/취소·반품·교환 요청/);
    expect(notes('정산')).toMatch(/월요일/);
    for (const tab of TABS) expect(notes(tab.title.ko)).toContain(tab.about!.ko);
  });

  it("shows each product's stock cover at the last 14 days' pace, and whether it is time to reorder", () => {
    const products = tabOf('상품');
    // The mug sold in the mall in the days before (the fake's own orders): days of cover as of
    // the day's first stock run (test/sync/stock-cover-e2e.test.ts: refreshed once a day).
    const mug = products.find((p) => p['SKU'] === 'NJ-MUG')!;
    // 4 sold in the 14 days before 09:00: ⌈4 × 7 / 14⌉ = 2.
    expect(mug).toMatchObject({ 재고일수: expect.any(Number), 발주점: 2, 발주필요: '' });
    // Nothing left to offer: time to reorder.
    const apron = products.find((p) => p['SKU'] === 'NJ-APRON-2')!;
    expect(apron['발주필요']).toMatch(/^발주 필요: 가용 0개 ≤ 발주점 \d+개/);
  });

  it('ends with a summary of the day in Korean, read from the tabs, and the file to open', () => {
    const f = dayFigures(result.sheets.snapshot(), result.runtime.executions, result.eventErrors.length);
    const orders = tabOf('주문');
    expect(f.orders.items).toBe(orders.length);
    expect(f.shipped.items).toBe(orders.filter((o) => o['출고일시'] !== '').length);
    // Bundled: 김민지's two orders went in one parcel.
    expect(f.shipped.parcels).toBeLessThan(f.shipped.items);
    expect(f.claims).toMatchObject({ received: tabOf('클레임').length });
    expect(f.claims.handled).toBeGreaterThanOrEqual(4);
    expect(f.settlement).toMatchObject({ periods: ['2026-W47'], payments: 1 });
    expect(f.settlement.amountDue).toBe(tabOf('정산').reduce((s, x) => s + Number(x['정산금액']), 0));
    expect(f.executions.failed).toBe(0);
    const lines = summaryLines(f, 'sandbox-out', 'ko');
    expect(lines.join('\n')).toMatch(/주문 +\d+개 품목/);
    expect(lines.join('\n')).toContain('로그 탭: 오류 ');
    expect(lines.some((l) => l.startsWith('열어 보세요: sandbox-out/workbook.xlsx'))).toBe(true);
    expect(summaryLines(f, 'sandbox-out', 'en').some((l) => l.startsWith('Open sandbox-out/workbook.xlsx'))).toBe(true);
  });

  it('tells the time as Seoul reads it', () => {
    expect(seoulMoment(Date.parse('2026-12-04T00:00:14Z'), 'ko')).toBe('12월 4일 09:00 (KST)');
    expect(seoulMoment(Date.parse('2026-11-23T15:30:00Z'), 'en')).toBe('Nov 24 00:30 (KST)');
  });
});
