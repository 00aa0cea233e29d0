/**
 * The archive pass, a use case: finished, settled order rows older than the setting move from the
 * orders tab to a spreadsheet per year (src/core/order-archive.ts says which), so the tab stays
 * under its documented size (ORDERS_TAB_MAX_ROWS). src/gas/order-archive.ts wires it.
 *
 * When: once a Seoul night, in the sync runs from ARCHIVE_FROM_HOUR to ARCHIVE_UNTIL_HOUR (before
 * the 06:00 settlement), under the sync's lock like every writer of orders; a due-check on the
 * record the sync's one cache read brings, so any other minute costs nothing. Each run copies
 * batches for at most ARCHIVE_SLICE_MS, deletes them, and the next minute goes on: the nightly
 * quiet keeps orders from waiting long behind it.
 *
 * Never a row lost or doubled: a run copies every batch it has time for first (by key: a row the
 * book already has is rewritten, not added again), makes the copies final (one flush, the latest
 * archived time kept), then deletes all of them from the live tab by key, the keys read again at
 * that moment (one read, one deleteRows per run of adjacent rows). A run stopped between the two
 * leaves the rows in both; the next run selects them again, finds them in the book, and only
 * deletes them. A person sorting meanwhile cannot make it delete another row: the keys are read
 * again after deleting, and any other row that went missing is put back from the pass's own read.
 */
import { channelOf, isSupportedChannel } from '../channels/registry';
import { isOpenAtMall } from '../core/claims';
import { archiveYearOf, cutoffOf, DEFAULT_ARCHIVE_MONTHS, ORDERS_TAB_MAX_ROWS, selectForArchive, type ArchiveCandidate } from '../core/order-archive';
import type { Partner } from '../core/partner';
import type { Clock, KeyValueStore } from '../core/ports';
import { seoulDayOf, SEOUL_OFFSET_MS } from '../core/seoul-time';
import { readStoredJson } from '../core/stored-json';
import * as z from '../core/zod';
import { builtOnUse } from '../core/zod-helpers';
import { readClaims } from '../sheet/claims';
import { archiveCandidates, postedStatements } from '../sheet/order-archive';
import { CLAIMS, ORDERS, SETTLEMENTS } from '../sheet/tabs';
import { readTable } from '../sheet/table';
import { ARCHIVE_STATE_KEY } from './kept';
import type { TablesPort } from './tables';

/** The pass runs in the sync runs of these Seoul hours (the night before the 06:00 settlement). */
export const ARCHIVE_FROM_HOUR = 3;
export const ARCHIVE_UNTIL_HOUR = 6;
/** A run moves batches for at most this long; the next minute goes on. */
export const ARCHIVE_SLICE_MS = 40_000;
/** The pass starts only this early in a sync run (orders come first). */
const START_BY_MS = 60_000;
/**
 * Cells one book write may carry: a batch is as many rows as fit (30,000 rows of the tab's 22
 * columns are 660,000 cells, one write). The reference documents no per-call limit, only 10
 * million cells per spreadsheet (apps-script-platform.md §1.5); every minute on a full tab
 * already reads as many cells in one getValues. Room is left for staff's own columns.
 */
export const ARCHIVE_WRITE_CELLS = 1_000_000;
/**
 * Deleting what a run copied may go on this long past the slice (a tab a person sorted leaves
 * the rows scattered: one deleteRows per run of adjacent rows); rows left over stay in both
 * places, and the next run deletes them.
 */
const DELETE_ALLOWANCE_MS = 20_000;

type Msg = { level: 'info' | 'warn' | 'error'; message: string };

/** The yearly books. */
export interface ArchiveBooksPort {
  /**
   * Copies rows laid out under `header` (the live tab's) into the year's book by key: a row the
   * book has already is rewritten, the others appended; the book is made when missing and
   * linked from the orders tab. `through` is the latest time of the rows (readers of periods
   * before it open the books). Answers the new book's URL, or null.
   */
  copy(year: number, header: readonly unknown[], rows: readonly (readonly unknown[])[], through: number): { made: string | null };
  /**
   * Makes every copy of this run final before anything leaves the live tab: written through to
   * the books, and the latest archived time kept (readers open the books by it).
   */
  commit(): void;
}

/** The live orders tab, for the pass. */
export interface LiveOrdersPort {
  /** The tab now, header first; null before setup. */
  grid(): unknown[][] | null;
  /**
   * Deletes the rows carrying `keys`, found by key at the moment of deleting. Any other row that
   * went missing meanwhile (a sort moved it under a delete) is put back from `snapshot` (its
   * cells as the pass read them, by key); `lost` names those it could not put back. Deletes
   * stop once the clock passes `until`; `unfinished` then says rows to go are still there.
   */
  remove(keys: ReadonlySet<string>, snapshot: { readonly header: readonly unknown[]; readonly rows: ReadonlyMap<string, readonly unknown[]> }, until: number): { removed: number; restored: string[]; lost: string[]; unfinished: boolean };
}

export interface ArchivePorts {
  readonly clock: Clock;
  readonly tables: TablesPort;
  readonly live: LiveOrdersPort;
  readonly books: ArchiveBooksPort;
  /** The setting: months a finished, settled row stays (null: archiving is off). */
  months(): number | null;
  /** The record in document properties. */
  readonly state: { load(): string | null; save(text: string): void };
}

export interface ArchiveReport {
  moved: number;
  /** The pass went through every batch (false: time ran out, the next run goes on). */
  done: boolean;
  /** Rows on the tab after the pass. */
  left: number;
  messages: Msg[];
  wroteSheet: boolean;
}

interface ArchiveState {
  /** The Seoul day of the last whole pass. */
  doneDay: string | null;
}

/** The partners' claims still open, by partner|item. */
export function openClaimItems(claimsGrid: readonly (readonly unknown[])[], partners: readonly Partner[]): Set<string> {
  const channel = new Map(partners.map((p) => [p.partnerId, p.channel]));
  const open = new Set<string>();
  for (const c of readClaims(claimsGrid)) {
    const cells = c.cells;
    if (cells.completedAt !== null) continue;
    const ch = channel.get(cells.partnerId);
    const state = ch && isSupportedChannel(ch) && cells.rawStatus !== null ? (channelOf(ch).claims?.stateOf(cells.rawStatus) ?? null) : null;
    // Unknown to us (a partner gone from the tab, a code no channel knows): kept as open.
    if (state === null || isOpenAtMall(state)) open.add(`${cells.partnerId}|${cells.itemId}`);
  }
  return open;
}

/** One pass (or its slice): the rows that may go, batch by batch, until `deadline`. */
export function runArchivePass(ports: ArchivePorts, partners: readonly Partner[], months: number, deadline: number, maxRows = ORDERS_TAB_MAX_ROWS): ArchiveReport {
  const report: ArchiveReport = { moved: 0, done: true, left: 0, messages: [], wroteSheet: false };
  const grid = ports.live.grid();
  if (!grid || grid.length < 2) return report;
  const table = readTable(ORDERS, grid);
  const candidates = archiveCandidates(table);
  const now = ports.clock.now();
  const selection = selectForArchive(candidates, {
    cutoff: cutoffOf(now, months),
    settled: postedStatements(ports.tables.grid(SETTLEMENTS) ?? []),
    openClaims: openClaimItems(ports.tables.grid(CLAIMS) ?? [], partners),
    maxRows,
  });
  report.left = candidates.length;
  const header = grid[0]!;
  const rowOf = new Map(table.rows.map((r) => [r.key, grid[r.rowNumber - 1]!]));
  const byYear = new Map<number, ArchiveCandidate[]>();
  for (const c of selection.rows) byYear.set(archiveYearOf(c), [...(byYear.get(archiveYearOf(c)) ?? []), c]);
  // As many rows a write as its cells allow: a full tab is one batch.
  const batchRows = Math.max(1, Math.floor(ARCHIVE_WRITE_CELLS / Math.max(1, header.length)));
  const copied: string[] = [];
  const made: Array<{ year: number; url: string }> = [];
  copying: for (const [year, rows] of [...byYear].sort((a, b) => a[0] - b[0])) {
    for (let i = 0; i < rows.length; i += batchRows) {
      if (ports.clock.now() > deadline) {
        report.done = false;
        break copying;
      }
      const batch = rows.slice(i, i + batchRows);
      const { made: url } = ports.books.copy(year, header, batch.map((c) => rowOf.get(c.key)!), Math.max(...batch.map((c) => c.lastAt!)) + 1);
      if (url) made.push({ year, url });
      for (const c of batch) copied.push(c.key);
    }
  }
  if (copied.length > 0) {
    // Every copy final first; then one delete of them all, by keys read at that moment.
    ports.books.commit();
    const gone = ports.live.remove(new Set(copied), { header, rows: rowOf }, Math.max(deadline, ports.clock.now()) + DELETE_ALLOWANCE_MS);
    report.wroteSheet = true;
    report.moved = gone.removed;
    report.left -= gone.removed;
    if (gone.unfinished) report.done = false;
    if (gone.restored.length > 0) report.messages.push({ level: 'warn', message: `주문 보관 중 행이 옮겨져 지워진 ${gone.restored.length}행을 되돌렸습니다: ${gone.restored.slice(0, 10).join(', ')}` });
    if (gone.lost.length > 0) report.messages.push({ level: 'error', message: `주문 보관 중 사라진 행을 되돌리지 못했습니다: ${gone.lost.slice(0, 10).join(', ')}` });
  }
  // One log line for the run's move, a new book's link with it.
  const lines = [
    ...(report.moved > 0 ? [`주문 ${report.moved}행을 보관 시트로 옮겼습니다 (${months}개월 지난 출고·정산 완료 주문${report.done ? '' : ', 남은 행은 다음 실행에서 이어서 옮깁니다'})`] : []),
    ...made.map((m) => `주문 보관 시트 ${m.year}년을 만들었습니다: ${m.url} (주문 탭 첫 머리글 메모에 링크)`),
  ];
  if (lines.length > 0) report.messages.push({ level: 'info', message: lines.join(' · ') });
  if (selection.overCap && report.done) {
    report.messages.push({ level: 'warn', message: `주문 탭이 ${report.left.toLocaleString('en-US')}행으로 한도 ${maxRows.toLocaleString('en-US')}행을 넘었습니다: 출고·정산이 끝나지 않은 주문은 보관할 수 없어 그대로 둡니다 (지워지는 행은 없습니다)` });
  }
  return report;
}

/** The Seoul hour of `now`. */
const seoulHour = (now: number) => new Date(now + SEOUL_OFFSET_MS).getUTCHours();

const StoredState = builtOnUse(() => z.object({ doneDay: z.optional(z.unknown()) }));

/** The record as kept: a day that is not a string reads as none. */
function parseState(text: string | null | undefined): ArchiveState | null {
  const s = readStoredJson(StoredState, text);
  return s && { doneDay: typeof s.doneDay === 'string' ? s.doneDay : null };
}

export interface ArchiveTick {
  /** The sync's one cache read. */
  readonly kept: Readonly<Record<string, string>>;
  readonly startedAt: number;
  readonly partners: readonly Partner[];
  /** The run's store of document settings, read whole once a run: the pass's record and setting come from it. */
  readonly store: KeyValueStore;
}

/**
 * The sync's step: nothing (no call at all) unless a night's pass is due; then a slice of it.
 * Returns what to keep with the sync's cache write.
 */
export function archiveStep(ports: ArchivePorts, tick: ArchiveTick): { keep: Record<string, string>; wroteSheet: boolean; messages: Msg[] } {
  const now = ports.clock.now();
  const hour = seoulHour(now);
  const inWindow = hour >= ARCHIVE_FROM_HOUR && hour < ARCHIVE_UNTIL_HOUR;
  // Outside the night's hours the record is not even looked at (nor its schema built): the cache's copy is kept as it is.
  if (!inWindow) return { keep: tick.kept[ARCHIVE_STATE_KEY] ? { [ARCHIVE_STATE_KEY]: tick.kept[ARCHIVE_STATE_KEY] } : {}, wroteSheet: false, messages: [] };
  const today = seoulDayOf(now);
  const state = parseState(tick.kept[ARCHIVE_STATE_KEY]) ?? parseState(ports.state.load()) ?? { doneDay: null };
  const keep = { [ARCHIVE_STATE_KEY]: JSON.stringify(state) };
  if (state.doneDay === today || now - tick.startedAt > START_BY_MS) return { keep, wroteSheet: false, messages: [] };
  const months = ports.months();
  const next: ArchiveState = { doneDay: today };
  if (months === null) {
    ports.state.save(JSON.stringify(next));
    return { keep: { [ARCHIVE_STATE_KEY]: JSON.stringify(next) }, wroteSheet: false, messages: [] };
  }
  const report = runArchivePass(ports, tick.partners, months, tick.startedAt + ARCHIVE_SLICE_MS);
  if (!report.done) return { keep, wroteSheet: report.wroteSheet, messages: report.messages };
  ports.state.save(JSON.stringify(next));
  return { keep: { [ARCHIVE_STATE_KEY]: JSON.stringify(next) }, wroteSheet: report.wroteSheet, messages: report.messages };
}

/** The months setting as typed in the document property (blank: the default; 0, 끄기, off: never). */
export function archiveMonthsOf(text: string | null): number | null {
  if (text === null || text.trim() === '') return DEFAULT_ARCHIVE_MONTHS;
  if (/^(0|off|false|끄기|꺼짐|아니오)$/i.test(text.trim())) return null;
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_ARCHIVE_MONTHS;
}
