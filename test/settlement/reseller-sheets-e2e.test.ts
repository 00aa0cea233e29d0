import { paths } from '../../local/paths';
import { defaultLatency, type LatencyModel } from '../../local/runtime/latency';
import type { ExecutionRecord } from '../../local/runtime/runtime';
import { deleteFile, driveSwitches, trashFile } from '../../local/runtime/services/drive';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import { demo, demoMorning, tabRows } from '../e2e';

/**
 * Reseller sheets end to end, on the built bundle in the local runtime: a sheet is made once per
 * reseller and a statement mailed once, whoever presses refresh, whatever happened to the file,
 * and however a run was cut short. The demo's morning (partners, malls, products) and the
 * settlement of 2026-W47 from the sidebar give both resellers (PNR002 보라색, PNR003 언더코코)
 * a sheet and a statement mail.
 */
const OWNER = demo.user;
const STAFF = 'staff@najalran.example';
const SETTLE = { type: 'sidebar', function: 'runSettlement', args: ['2026-W47'] };

/** Runs the demo's morning and `events`, with `latency`; `arm` is called once the add-on is installed. */
async function run(events: unknown[], duration: string, latency?: LatencyModel, arm?: (r: SandboxResult) => void): Promise<SandboxResult> {
  const s = parseScenario({ ...demo, duration, events: [...demoMorning(), ...events] });
  const r = await openSandbox(s, { bundleDir: paths.build, ...(latency ? { latency } : {}) });
  arm?.(r);
  const start = Date.parse(s.start);
  for (const e of s.events) r.runtime.at(resolveTime(e.at, start), () => play(e, r));
  await r.runtime.advanceTo(r.end);
  await r.runtime.settle();
  expect(r.eventErrors).toEqual([]);
  return r;
}

/** A person presses 정산 시트 새로고침 in the sidebar. */
async function refreshAs(r: SandboxResult, user: string): Promise<ExecutionRecord> {
  const x = r.runtime.startExecution('refreshResellerSheets', [], 'sidebar', user);
  await r.runtime.settle();
  return x.finished;
}

const sheetFiles = (r: SandboxResult, name: string) => [...r.runtime.world.files.values()].filter((f) => f.name === name);
const mailsTo = (r: SandboxResult, to: string) => r.runtime.world.mail.filter((m) => m.to === to);
const log = (r: SandboxResult) => tabRows(r, '로그').map((x) => String(x['내용']));

describe('reseller sheets: refreshed by their owner only, never made twice, statements mailed once', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await run([{ ...SETTLE, at: '+15m' }], '20m');
    // A colleague edits the manufacturer's sheet; the reseller sheets are the owner's.
    r.runtime.world.files.get(r.runtime.containerId!)!.editors.add(STAFF);
  }, 120_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('starts with one sheet per reseller, owned by the owner, and one statement mail each', () => {
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    for (const name of ['보라색 정산 시트', '언더코코 정산 시트']) {
      expect(sheetFiles(r, name).map((f) => f.owner)).toEqual([OWNER]);
    }
    expect(mailsTo(r, 'settle@borasaeg.example')).toHaveLength(1);
    expect(mailsTo(r, 'finance@undercoco.example')).toHaveLength(1);
  });

  it('a colleague who is not the owner presses refresh: nothing is made or mailed, and the sidebar names the owner', async () => {
    const x = await refreshAs(r, STAFF);
    expect(x.errors).toEqual([]);
    expect(sheetFiles(r, '보라색 정산 시트')).toHaveLength(1);
    expect(sheetFiles(r, '언더코코 정산 시트')).toHaveLength(1);
    expect([...r.runtime.world.files.values()].filter((f) => f.owner === STAFF)).toEqual([]);
    expect(mailsTo(r, 'settle@borasaeg.example')).toHaveLength(1);
    expect(mailsTo(r, 'finance@undercoco.example')).toHaveLength(1);
    const message = (x.result as { message: string }).message;
    expect(message).toContain(OWNER);
    expect(message).toMatch(/소유자/);
    expect(log(r).some((l) => l.includes(OWNER) && l.includes(STAFF))).toBe(true);
  });

  it('the owner refreshes: the same sheets, no second mail', async () => {
    const ids = [...sheetFiles(r, '보라색 정산 시트'), ...sheetFiles(r, '언더코코 정산 시트')].map((f) => f.id);
    const x = await refreshAs(r, OWNER);
    expect(x.errors).toEqual([]);
    expect((x.result as { message: string }).message).toBe('정산 시트 2개 갱신');
    expect([...sheetFiles(r, '보라색 정산 시트'), ...sheetFiles(r, '언더코코 정산 시트')].map((f) => f.id)).toEqual(ids);
    expect(r.runtime.world.mail).toHaveLength(2);
  });

  it('a sheet deleted for good is made again, shared again, and the log says so; its statement is not mailed again', async () => {
    const old = sheetFiles(r, '보라색 정산 시트')[0]!;
    deleteFile(r.runtime.world, old.id);
    const x = await refreshAs(r, OWNER);
    expect(x.errors).toEqual([]);
    const again = sheetFiles(r, '보라색 정산 시트');
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(old.id);
    expect([...again[0]!.viewers]).toEqual(['settle@borasaeg.example']);
    expect(mailsTo(r, 'settle@borasaeg.example')).toHaveLength(1);
    expect(log(r).some((l) => l.startsWith('PNR002') && /삭제/.test(l) && /다시 만들었습니다/.test(l))).toBe(true);
  });

  it('a sheet in the trash: kept while openById still opens it; made again when it does not (both readings of the reference)', async () => {
    const trashed = sheetFiles(r, '언더코코 정산 시트')[0]!;
    trashFile(r.runtime.world, trashed.id);
    expect(driveSwitches(r.runtime.world).trashedOpenById).toBe('opens');
    await refreshAs(r, OWNER);
    expect(sheetFiles(r, '언더코코 정산 시트').map((f) => f.id)).toEqual([trashed.id]);
    driveSwitches(r.runtime.world).trashedOpenById = 'notFound';
    const x = await refreshAs(r, OWNER);
    expect(x.errors).toEqual([]);
    const files = sheetFiles(r, '언더코코 정산 시트');
    expect(files.map((f) => f.id)).toEqual([trashed.id, expect.not.stringMatching(trashed.id)]);
    expect([...files[1]!.viewers]).toEqual(['finance@undercoco.example']);
    expect(mailsTo(r, 'finance@undercoco.example')).toHaveLength(1);
    expect(log(r).some((l) => l.startsWith('PNR003') && /다시 만들었습니다/.test(l))).toBe(true);
  });
});

describe('reseller sheets: a run cut at 6 minutes repeats neither the sheet it made nor the mail it sent', () => {
  // One call made to outlast the 6-minute limit: the first look at a new reseller sheet's tabs
  // (right after SpreadsheetApp.create), later the first statement mail. The backend does the
  // work; the script is stopped before it hears back.
  const armed = new Set<string>();
  const latency: LatencyModel = {
    httpRoundTripMs: defaultLatency.httpRoundTripMs,
    cost(call) {
      if (armed.delete(call.name)) return 6 * 60_000;
      return defaultLatency.cost(call);
    },
  };
  let r: SandboxResult;
  beforeAll(async () => {
    r = await run([{ ...SETTLE, at: '+25m' }, { at: '+32m', type: 'sidebar', function: 'refreshResellerSheets', args: [] }], '40m', latency, (sandbox) => {
      armed.add('SpreadsheetApp.Spreadsheet.getSheets');
      sandbox.runtime.at(Date.parse(demo.start) + 24 * 60_000, () => void armed.add('MailApp.sendEmail'));
    });
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('was cut twice: once after making a sheet, once after sending a mail', () => {
    expect(armed.size).toBe(0);
    expect(r.runtime.executions.filter((x) => x.killed)).toHaveLength(2);
  });

  it('has one sheet per reseller', () => {
    expect(sheetFiles(r, '보라색 정산 시트')).toHaveLength(1);
    expect(sheetFiles(r, '언더코코 정산 시트')).toHaveLength(1);
  });

  it('mailed each statement once, and says the cut mail was not sent again', () => {
    expect(mailsTo(r, 'settle@borasaeg.example')).toHaveLength(1);
    expect(mailsTo(r, 'finance@undercoco.example')).toHaveLength(1);
    expect(log(r).some((l) => /중단/.test(l) && /다시 보내지 않습니다/.test(l))).toBe(true);
  });
});
