import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecutionRecord } from '../runtime/runtime';
import { shareNotifications } from '../runtime/services/drive';
import { carry, failureMessage } from '../preview/script-run';
import type { SandboxResult } from './run';
import type { CreatedSpreadsheet } from './sheet-host';
import { workbookXlsx } from './xlsx';

/**
 * What a run leaves for its reader, as files relative to the output folder: the bound workbook,
 * the spreadsheets the add-on created (reseller sheets) with their sharing, the e-mails sent,
 * the answers of the scenario's sidebar and menu calls, the channels and the metrics. Rendered
 * at the end of the run and, by a `checkpoint` event, at that moment.
 */
export interface OutputFile {
  /** Relative path with "/" separators. */
  name: string;
  /** An XLSX is encoded asynchronously, from a snapshot taken when the file was rendered. */
  data: string | Buffer | Promise<Buffer>;
}

/** A sidebar, menu or authorize call of a scenario event, filled in as its execution ends. */
export interface ScenarioCall {
  /** Index of the event in the scenario's `events`. */
  event: number | null;
  type: 'sidebar' | 'menu' | 'authorize';
  function: string;
  args: unknown[];
  record: ExecutionRecord;
  done: () => boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const json = (v: unknown) => JSON.stringify(v, null, 1);

/** Every output file as things stand now. */
export function renderOutputs(r: SandboxResult): OutputFile[] {
  const snapshot = r.sheets.snapshot();
  const book = r.sheets.book();
  const at = new Date(r.runtime.now());
  const files: OutputFile[] = [
    ...(book ? [{ name: 'workbook.xlsx', data: workbookXlsx(book, { at }) }] : []),
    { name: 'workbook.json', data: json({ sheets: snapshot.map((s) => ({ name: s.name, values: s.values })) }) },
    { name: 'channels.json', data: json(channelsOf(r)) },
    { name: 'metrics.json', data: json(metricsOf(r)) },
    { name: 'mails.json', data: json(mailsOf(r)) },
    { name: 'calls.json', data: json({ calls: [...r.calls].sort(byStart).map(callOf) }) },
    ...(r.relay ? [{ name: 'relay.log', data: r.relay.lines.map((l) => `${l}\n`).join('') }] : []),
    ...spreadsheetFiles(r),
  ];
  return files;
}

/**
 * Writes the files into `dir`, and each checkpoint's into `dir/checkpoints/NAME/`. Returns the
 * paths written. The `spreadsheets/` and `checkpoints/` folders are emptied first, so nothing of
 * an earlier run there passes for this one's.
 */
export async function writeOutputs(r: SandboxResult, dir: string): Promise<string[]> {
  for (const own of ['spreadsheets', 'checkpoints']) fs.rmSync(path.join(dir, own), { recursive: true, force: true });
  const written: string[] = [];
  const put = async (base: string, files: readonly OutputFile[]) => {
    for (const f of files) {
      const p = path.join(base, ...f.name.split('/'));
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, await f.data);
      written.push(p);
    }
  };
  fs.mkdirSync(dir, { recursive: true });
  await put(dir, renderOutputs(r));
  for (const c of r.checkpoints) await put(path.join(dir, 'checkpoints', c.name), c.files);
  return written;
}

function channelsOf(r: SandboxResult): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  for (const [name, fake] of r.channels) channels[name] = { state: fake.state(), requestLog: fake.requestLog(), requestLogDropped: fake.requestLogDropped() };
  return channels;
}

/** MailApp's mail, and Drive's sharing notices (what a reseller finds in the inbox when a sheet is shared). */
function mailsOf(r: SandboxResult): unknown {
  const names = new Map([...r.runtime.world.files.values()].map((f) => [f.id, f.name]));
  return {
    mails: r.runtime.world.mail.map(({ at, ...m }) => ({ at: iso(at), ...m })),
    shareNotifications: shareNotifications(r.runtime.world).map(({ at, ...n }) => ({ at: iso(at), ...n, fileName: names.get(n.fileId) ?? null })),
  };
}

/** In the order they started; calls of one moment in the scenario's order. */
const byStart = (a: ScenarioCall, b: ScenarioCall) => a.record.start - b.record.start || (a.event ?? -1) - (b.event ?? -1);

/**
 * A call as its caller saw it. A sidebar call's answer is what google.script.run hands the
 * page (a Date or a service object fails the call there, so here too); a menu item's return
 * value goes nowhere in Apps Script and is shown as the function returned it.
 */
function callOf(c: ScenarioCall): unknown {
  const head = { event: c.event, type: c.type, function: c.function, args: c.args, start: iso(c.record.start), executionId: c.record.id };
  if (!c.done()) return { ...head, pending: true };
  const end = { end: iso(c.record.end), durationMs: c.record.durationMs };
  if (!c.record.ok) return { ...head, ...end, ok: false, error: failureMessage(c.record.errors), errors: c.record.errors };
  if (c.type === 'menu') return { ...head, ...end, ok: true, result: plain(c.record.result) };
  const carried = carry(c.record.result);
  return carried.ok ? { ...head, ...end, ok: true, result: carried.value } : { ...head, ...end, ok: false, error: carried.message, errors: [] };
}

/** JSON-safe: Dates as ISO text, class instances by their class name, cycles cut. */
function plain(v: unknown, seen = new Set<object>()): unknown {
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? String(v) : v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (seen.has(v)) return '[circular]';
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return `[${proto?.constructor?.name ?? 'object'}]`;
  seen.add(v);
  const out = Array.isArray(v) ? v.map((x) => plain(x, seen)) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, seen)]));
  seen.delete(v);
  return out;
}

/** spreadsheets/index.json, and each created spreadsheet as ID.json and ID.xlsx. */
function spreadsheetFiles(r: SandboxResult): OutputFile[] {
  const books = r.sheets.createdSpreadsheets();
  const files: OutputFile[] = [];
  const index = books.map((b) => {
    const base = b.id.replace(/[^\w-]/g, '_');
    const head = headOf(b);
    files.push({ name: `spreadsheets/${base}.json`, data: json({ ...head, sheets: b.tabs.map((t) => ({ name: t.name, values: t.values })) }) });
    files.push({ name: `spreadsheets/${base}.xlsx`, data: workbookXlsx(b.book, { at: new Date(r.runtime.now()) }) });
    return { ...head, files: { json: `${base}.json`, xlsx: `${base}.xlsx` } };
  });
  return [{ name: 'spreadsheets/index.json', data: json({ spreadsheets: index }) }, ...files];
}

function headOf(b: CreatedSpreadsheet) {
  return {
    id: b.id,
    name: b.name,
    url: b.url,
    owner: b.owner,
    createdAt: iso(b.createdAt),
    sharing: { viewers: b.viewers, editors: b.editors, linkAccess: b.linkAccess, linkPermission: b.linkPermission },
    trashed: b.trashed,
  };
}

export function metricsOf(r: SandboxResult): unknown {
  const rt = r.runtime;
  const sorted = [...rt.executions].sort((a, b) => a.start - b.start || a.id - b.id);
  return {
    executions: sorted.map((x: ExecutionRecord) => ({
      function: x.function,
      kind: x.kind,
      start: iso(x.start),
      durationMs: x.durationMs,
      roundTrips: x.roundTrips,
      errors: x.errors,
      ...(x.killed ? { killed: true } : {}),
      ...(x.logs.length ? { logs: x.logs.map((l) => `${l.level}: ${l.text}`) } : {}),
    })),
    quotas: {
      account: rt.quotas.account,
      urlfetch: { used: rt.quotaUsed('urlfetch'), limit: rt.quotas.limit('urlfetch') },
      triggerRuntimeMs: { used: rt.quotaUsed('triggerRuntime'), limit: rt.quotas.limit('triggerRuntime') },
    },
    ui: { toasts: rt.ui.toasts, menus: Object.fromEntries(rt.ui.menus), sidebarTitle: rt.ui.sidebar?.title ?? null },
    eventErrors: r.eventErrors,
  };
}
