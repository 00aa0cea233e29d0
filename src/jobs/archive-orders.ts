/**
 * The archive pass, a use case: finished, settled order rows older than the setting move from the
 * orders tab to a spreadsheet per year (src/core/order-archive.ts says which), so the tab stays
 * under its documented size (ORDERS_TAB_MAX_ROWS). src/gas/order-archive.ts wires it.
 *
 * When: once a Seoul night, in the sync runs from ARCHIVE_FROM_HOUR to ARCHIVE_UNTIL_HOUR (before
 * the 06:00 settlement), under the sync's lock like every writer of orders; a due-check on the
 * record the sync's one cache read brings, so any other minute costs nothing. Each run moves
 * batches for at most ARCHIVE_SLICE_MS and the next minute goes on: the nightly quiet keeps
 * orders from waiting long behind it.
 *
 * Never a row lost or doubled: a batch is copied first (by key: a row the book already has is
 * rewritten, not added again), then deleted from the live tab by key, found again at that moment.
 * A run stopped between the two leaves the rows in both; the next run selects them again, finds
 * them in the book, and only deletes them. A person sorting meanwhile cannot make it delete
 * another row: the keys are read again after deleting, and any other row that went missing is
 * put back from the pass's own read.
 */
import { channelOf, isSupportedChannel } from '../channels/registry';
import { isOpenAtMall } from '../core/claims';
import { archiveYearOf, cutoffOf, DEFAULT_ARCHIVE_MONTHS, ORDERS_TAB_MAX_ROWS, selectForArchive, type ArchiveCandidate } from '../core/order-archive';
import type { Partner } from '../core/partner';
import type { Clock } from '../core/ports';
import { seoulDayOf, SEOUL_OFFSET_MS } from '../core/seoul-time';
import { readStoredJson } from '../core/stored-json';
import * as z from '../core/zod';
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
/** Rows copied and deleted at a time: one book write of at most 10,000 × the tab's width cells, a few deletes. */
export const ARCHIVE_BATCH_ROWS = 10_000;

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
}

/** The live orders tab, for the pass. */
export interface LiveOrdersPort {
  /** The tab now, header first; null before setup. */
  grid(): unknown[][] | null;
  /**
   * Deletes the rows carrying `keys`, found by key at the moment of deleting. Any other row that
   * went missing meanwhile (a sort moved it under a delete) is put back from `snapshot` (its
   * cells as the pass read them, by key); `lost` names those it could not put back.
   */
  remove(keys: ReadonlySet<string>, snapshot: { readonly header: readonly unknown[]; readonly rows: ReadonlyMap<string, readonly unknown[]> }): { removed: number; restored: string[]; lost: string[] };
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
  for (const [year, rows] of [...byYear].sort((a, b) => a[0] - b[0])) {
    for (let i = 0; i < rows.length; i += ARCHIVE_BATCH_ROWS) {
      if (ports.clock.now() > deadline) {
        report.done = false;
        break;
      }
      const batch = rows.slice(i, i + ARCHIVE_BATCH_ROWS);
      const copied = ports.books.copy(year, header, batch.map((c) => rowOf.get(c.key)!), Math.max(...batch.map((c) => c.lastAt!)) + 1);
      if (copied.made) report.messages.push({ level: 'info', message: `주문 보관 시트 ${year}년을 만들었습니다: ${copied.made} (주문 탭 첫 머리글 메모에 링크)` });
      const gone = ports.live.remove(new Set(batch.map((c) => c.key)), { header, rows: rowOf });
      report.wroteSheet = true;
      report.moved += gone.removed;
      report.left -= gone.removed;
      if (gone.restored.length > 0) report.messages.push({ level: 'warn', message: `주문 보관 중 행이 옮겨져 지워진 ${gone.restored.length}행을 되돌렸습니다: ${gone.restored.slice(0, 10).join(', ')}` });
      if (gone.lost.length > 0) report.messages.push({ level: 'error', message: `주문 보관 중 사라진 행을 되돌리지 못했습니다: ${gone.lost.slice(0, 10).join(', ')}` });
    }
    if (!report.done) break;
  }
  if (report.moved > 0) report.messages.push({ level: 'info', message: `주문 ${report.moved}행을 보관 시트로 옮겼습니다 (${months}개월 지난 출고·정산 완료 주문${report.done ? '' : ', 남은 행은 다음 실행에서 이어서 옮깁니다'})` });
  if (selection.overCap && report.done) {
    report.messages.push({ level: 'warn', message: `주문 탭이 ${report.left.toLocaleString('en-US')}행으로 한도 ${maxRows.toLocaleString('en-US')}행을 넘었습니다: 출고·정산이 끝나지 않은 주문은 보관할 수 없어 그대로 둡니다 (지워지는 행은 없습니다)` });
  }
  return report;
}

/** The Seoul hour of `now`. */
const seoulHour = (now: number) => new Date(now + SEOUL_OFFSET_MS).getUTCHours();

const StoredState = z.object({ doneDay: z.optional(z.unknown()) });

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
}

/**
 * The sync's step: nothing (no call at all) unless a night's pass is due; then a slice of it.
 * Returns what to keep with the sync's cache write.
 */
export function archiveStep(ports: ArchivePorts, tick: ArchiveTick): { keep: Record<string, string>; wroteSheet: boolean; messages: Msg[] } {
  const now = ports.clock.now();
  const today = seoulDayOf(now);
  const hour = seoulHour(now);
  const inWindow = hour >= ARCHIVE_FROM_HOUR && hour < ARCHIVE_UNTIL_HOUR;
  const cached = parseState(tick.kept[ARCHIVE_STATE_KEY]);
  // Outside the night's hours the record is not even looked at: the cache's copy is kept as it is.
  if (!inWindow) return { keep: tick.kept[ARCHIVE_STATE_KEY] ? { [ARCHIVE_STATE_KEY]: tick.kept[ARCHIVE_STATE_KEY] } : {}, wroteSheet: false, messages: [] };
  const state = cached ?? parseState(ports.state.load()) ?? { doneDay: null };
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
