/**
 * Which order rows leave the orders tab for the yearly archive (issue 16, "a sheet that stays
 * small"). Pure: the rows come in as facts, the time as epoch ms.
 *
 * A row may go when it is finished and nothing will need it on the live tab again:
 * - finished: shipped (in transit, delivered, returned, exchanged, refunded) with a shipping
 *   time, or cancelled / refunded without one (nothing left to ship or settle);
 * - settled: a shipped row's week and month both have a posted statement for its partner (the
 *   weekly amount and the monthly shipping fee are closed; a re-run reads the archive);
 * - no open claim on the item (the claims tab), and its key is on one row only;
 * - old: its latest time (ordered, paid, shipped) is before the cutoff (the setting: 3 months).
 * When the tab holds more rows than its cap even after that, finished and settled rows younger
 * than the setting go too, oldest first, down to CAP_TARGET of the cap; rows that do not
 * qualify are never moved to make room (no data is dropped): the pass says the tab is over.
 */
import type { OrderLineStatus } from './order';
import { addSeoulMonths, seoulDayOf, seoulDayStart } from './seoul-time';
import { monthOf, weekOf } from './seoul-week';

/** The documented size of the orders tab: rows below the header. */
export const ORDERS_TAB_MAX_ROWS = 30_000;
/** Past the cap, a pass brings the tab down to this share of it (room for a busy season). */
export const CAP_TARGET = 0.9;
/** The setting's default: rows older than this many months go. */
export const DEFAULT_ARCHIVE_MONTHS = 3;

/** What the selection needs of one orders-tab row. */
export interface ArchiveCandidate {
  /** partner|item, as the tab's key columns say; '' for a row without a key. */
  readonly key: string;
  readonly partnerId: string;
  readonly status: OrderLineStatus | null;
  readonly shippedAt: number | null;
  /** The latest of ordered, paid and shipped (epoch ms); null when the row has no time. */
  readonly lastAt: number | null;
}

export interface ArchiveRules {
  /** Rows whose latest time is before this go (cutoffOf). */
  readonly cutoff: number;
  /** `partner|period` of every posted statement (`PNR002|2026-W31`, `PNR002|2026-08`). */
  readonly settled: ReadonlySet<string>;
  /** partner|item of claims still open. */
  readonly openClaims: ReadonlySet<string>;
  /** The tab's cap (ORDERS_TAB_MAX_ROWS unless a spec says otherwise). */
  readonly maxRows: number;
}

export interface ArchiveSelection {
  /** The rows to move, oldest first. */
  readonly rows: readonly ArchiveCandidate[];
  /** Rows the tab keeps after the move. */
  readonly left: number;
  /** The tab stays over its cap: rows that may not go yet fill it. */
  readonly overCap: boolean;
}

const SHIPPED: ReadonlySet<OrderLineStatus> = new Set(['shipping', 'delivered', 'returned', 'exchanged', 'refunded']);
const UNSHIPPED_END: ReadonlySet<OrderLineStatus> = new Set(['cancelled', 'refunded']);

/** Start of the Seoul day `months` calendar months before `now`'s day. */
export function cutoffOf(now: number, months: number): number {
  return seoulDayStart(addSeoulMonths(seoulDayOf(now), -Math.max(0, Math.floor(months))));
}

/** Finished, settled, no open claim: a row that may leave the tab whatever its age. */
export function mayLeave(c: ArchiveCandidate, rules: Pick<ArchiveRules, 'settled' | 'openClaims'>): boolean {
  if (!c.key || c.status === null || c.lastAt === null || rules.openClaims.has(c.key)) return false;
  if (c.shippedAt === null) return UNSHIPPED_END.has(c.status);
  if (!SHIPPED.has(c.status)) return false;
  return rules.settled.has(`${c.partnerId}|${weekOf(c.shippedAt).label}`) && rules.settled.has(`${c.partnerId}|${monthOf(c.shippedAt).label}`);
}

/** The rows a pass moves (rows sharing a key stay: which one is right is staff's call). */
export function selectForArchive(candidates: readonly ArchiveCandidate[], rules: ArchiveRules): ArchiveSelection {
  const seen = new Map<string, number>();
  for (const c of candidates) if (c.key) seen.set(c.key, (seen.get(c.key) ?? 0) + 1);
  const eligible = candidates.filter((c) => seen.get(c.key) === 1 && mayLeave(c, rules)).sort((a, b) => a.lastAt! - b.lastAt! || (a.key < b.key ? -1 : 1));
  const old = eligible.filter((c) => c.lastAt! < rules.cutoff);
  let rows = old;
  const total = candidates.length;
  if (total - old.length > rules.maxRows) {
    const target = Math.floor(rules.maxRows * CAP_TARGET);
    rows = eligible.slice(0, Math.max(old.length, Math.min(eligible.length, total - target)));
  }
  const left = total - rows.length;
  return { rows, left, overCap: left > rules.maxRows };
}

/** The archive year of a row: the Seoul year of its latest time. */
export function archiveYearOf(c: Pick<ArchiveCandidate, 'lastAt'>): number {
  return Number(seoulDayOf(c.lastAt!).slice(0, 4));
}

/**
 * The archive years a reader of the period [start, end) opens: a row lives in the year of its
 * latest time, which is at or after any time of it in the period (an order placed in December
 * and shipped in January is in January's year).
 */
export function archiveYearsFor(start: number, end: number, years: readonly number[]): number[] {
  const first = Number(seoulDayOf(start).slice(0, 4));
  const last = Number(seoulDayOf(Math.max(start, end - 1)).slice(0, 4)) + 1;
  return years.filter((y) => y >= first && y <= last).sort((a, b) => a - b);
}
