/**
 * Settlement, a use case: the weekly statements and monthly shipping fees, the partner ledger
 * with staff's payments and adjustments, balances and the shipping holds of deposit and credit
 * partners (seed 002), the reseller sheets. Written against the books (SettlementBooks: the
 * tabs, the chart, the reseller sheets) and a store for its record; src/gas/settlement-step.ts
 * wires them to the spreadsheet.
 *
 * When it runs:
 * - by itself, from the sync (`SettlementSession.tick`): a due-check on the time and a small
 *   record kept with the sync's one cache read and write, so a minute with nothing due costs no
 *   call at all. Due: the last week from Monday 06:00 KST, the last month from the 1st 06:00 KST,
 *   the reseller sheets once a day from 06:00 and after every settlement run (in the next run, to
 *   spread the work); staff's edits of the ledger or partners tab make it record new ledger rows
 *   and work out the holds again.
 * - on demand for any past period (src/gas/settlement-step.ts: `runSettlementNow`).
 *
 * The record (`SettlementState`) lives in document properties, mirrored in the cache: what was
 * settled last, from when the orders tab is complete, each held partner's reason (the shipping
 * step reads them every run at no cost), the balances shown on the partners tab.
 */
import type { LedgerEntry } from '../core/ledger';
import type { Partner } from '../core/partner';
import type { CachePort, Clock } from '../core/ports';
import type { ReturnCredit } from '../core/settlement';
import { afterRun, dueWork, FIRST_COLLECTION_LOOKBACK_MS, firstSchedule, type SettlementSchedule } from '../core/settlement-schedule';
import type { SeoulMonth, SeoulWeek } from '../core/seoul-week';
import type { LedgerRead } from '../sheet/ledger';
import type { Lang } from '../sheet/schema';
import type { OrderFacts } from '../sheet/settlement-data';
import { SETTLEMENT_DIRTY_KEY, SETTLEMENT_STATE_KEY, SHIP_DIRTY_KEY, shipDirtyMark } from './kept';
import type { StatementFigures } from './reseller-view';
import { holdsOf, periodFromLabel, settlePeriods, type HoldView, type Period, type SettlementResult } from './settlement-run';
import { settlementHolds, type SettlementHolds } from './ship-orders';

export type Msg = { level: 'info' | 'warn' | 'error'; message: string };

/** What one run reads from the tabs. */
export interface RunData {
  readonly partners: readonly Partner[];
  readonly facts: OrderFacts;
  readonly returns: ReturnCredit[];
  readonly ledger: LedgerRead;
  /** What the ledger guard put back before the ledger was read (for the log). */
  readonly guard: readonly Msg[];
}

export interface RefreshInput {
  readonly facts: OrderFacts;
  readonly ledger: readonly LedgerEntry[];
  readonly holds: readonly HoldView[];
  readonly statements: readonly StatementFigures[];
  /** No reseller is started after this time (epoch ms): the rest waits for the next refresh. */
  readonly until?: number;
}

export interface RefreshReport {
  readonly messages: Msg[];
  readonly sheets: Array<{ partnerId: string; url: string }>;
  /** Resellers whose sheet belongs to someone else than the user running this (not touched). */
  readonly notOwner: Array<{ partnerId: string; owner: string }>;
  /** Some reseller was left for lack of time: the next run should refresh again. */
  deferred: boolean;
}

/**
 * How far back a run reads orders: the live tab always; the archived rows too when the periods
 * reach back before the latest archived row, or for every year (`all`: the reseller sheets show
 * every shipped item). Without it, the live tab only.
 */
export type OrdersReach = { readonly start: number; readonly end: number } | 'all';

/** The workbook's side of settlement: the tabs it reads and writes, the chart, the reseller sheets. */
export interface SettlementBooks {
  /** Orders, return credits, prices and the ledger (guarded first: a deleted posted row is back). */
  load(partners: readonly Partner[], now: number, ordersGrid?: readonly (readonly unknown[])[], reach?: OrdersReach): RunData;
  /** Keys of the rows the 정산 tab already has. */
  settledRowKeys(): ReadonlySet<string>;
  /** Staff's new ledger rows recorded, the run's entries appended. */
  writeLedger(read: LedgerRead, appended: readonly LedgerEntry[], now: number): { recorded: LedgerEntry[]; wrote: boolean };
  writeStatements(result: SettlementResult, now: number): { wrote: boolean; statuses: Map<string, string> };
  statements(): StatementFigures[];
  drawChart(statements: readonly StatementFigures[], partnerIds: readonly string[]): void;
  /** Balances that changed, to the partners tab; whether anything was written. */
  writeBalances(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): boolean;
  /** Partner rows say why they are held, or no longer. */
  writeHoldStatuses(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): void;
  refreshResellers(partners: readonly Partner[], input: RefreshInput, now: number): RefreshReport;
}

/** Where the record lasts (document properties). */
export interface SettlementStateStore {
  load(): string | null;
  save(text: string): void;
}

export interface RunOutcome {
  readonly result: SettlementResult | null;
  readonly statuses: ReadonlyMap<string, string>;
  readonly recorded: readonly LedgerEntry[];
  readonly holds: readonly HoldView[];
  readonly data: RunData;
  readonly ledger: readonly LedgerEntry[];
  readonly wrote: boolean;
  readonly messages: Msg[];
}

export function holdsRecord(views: readonly HoldView[]): { holds: Record<string, string>; balances: Record<string, number> } {
  const holds: Record<string, string> = {};
  const balances: Record<string, number> = {};
  for (const v of views) {
    if (v.held) holds[v.partnerId] = v.reason;
    balances[v.partnerId] = v.balance;
  }
  return { holds, balances };
}

/** Heavy work starts only this early in a sync run; later, it waits for the next run. */
const START_BY_MS = 2.5 * 60_000;
/** No reseller sheet is started later than this in an execution (6 minutes at most). */
export const RESELLERS_BY_MS = 4.5 * 60_000;

export interface SettlementState extends SettlementSchedule {
  /** Held partners and why (Korean). */
  readonly holds: Readonly<Record<string, string>>;
  /** Balances as last written to the partners tab. */
  readonly balances: Readonly<Record<string, number>>;
  /** The reseller sheets wait for a refresh (after a settlement run or a payment). */
  readonly pendingRefresh: boolean;
  /**
   * Periods whose statements could not be made (a SKU without a wholesale price): run again by
   * themselves after the next edit of the products, ledger or partners tab.
   */
  readonly retry: readonly string[];
  /**
   * The resellers whose sheets the last completed refresh covered. A reseller row added since
   * gets its sheet with the next run, not at the next 06:00.
   */
  readonly sheetsFor: readonly string[];
}

/** The partners that have a reseller sheet, in a stable order. */
function resellerIds(partners: readonly Partner[]): string[] {
  return partners.filter((p) => p.role === 'reseller').map((p) => p.partnerId).sort();
}

/** What a finished refresh leaves in the state: deferred work stays pending, newcomers are covered. */
export function afterRefresh(partners: readonly Partner[], r: { deferred: boolean }, before: readonly string[]): Pick<SettlementState, 'pendingRefresh' | 'sheetsFor'> {
  return { pendingRefresh: r.deferred, sheetsFor: r.deferred ? before : resellerIds(partners) };
}

export function parseState(text: string | null | undefined): SettlementState | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<SettlementState>;
    if (typeof s.coveredFrom !== 'number') return null;
    return {
      firstRun: typeof s.firstRun === 'number' ? s.firstRun : s.coveredFrom + FIRST_COLLECTION_LOOKBACK_MS,
      coveredFrom: s.coveredFrom,
      week: s.week ?? null,
      month: s.month ?? null,
      refreshedDay: s.refreshedDay ?? null,
      holds: s.holds ?? {},
      balances: s.balances ?? {},
      pendingRefresh: s.pendingRefresh ?? false,
      retry: s.retry ?? [],
      // A state stored before this field knew its resellers' sheets through the daily refresh.
      sheetsFor: s.sheetsFor ?? [],
    };
  } catch {
    return null;
  }
}


const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Records staff's ledger rows, settles the periods (none: only the ledger and holds), writes the
 * tabs and the chart, and works out every reseller's hold.
 */
export function runOnBooks(
  books: SettlementBooks,
  partners: readonly Partner[],
  periods: readonly Period[],
  coveredFrom: number | null,
  now: number,
  ordersGrid?: readonly (readonly unknown[])[],
  reach: OrdersReach | undefined = periods.length > 0 ? { start: Math.min(...periods.map((p) => p.start)), end: Math.max(...periods.map((p) => p.end)) } : undefined,
): RunOutcome {
  const messages: Msg[] = [];
  const data = books.load(partners, now, ordersGrid, reach);
  const staffEntries = data.ledger.staff.flatMap((s) => (s.entry ? [s.entry] : []));
  const posted = [...data.ledger.posted.map((p) => p.entry), ...staffEntries];
  messages.push(...data.guard);
  for (const u of data.ledger.unreadable) messages.push({ level: 'warn', message: u.problem });
  let result: SettlementResult | null = null;
  let statuses = new Map<string, string>();
  let wrote = false;
  if (periods.length > 0) {
    const existingRows = books.settledRowKeys();
    result = settlePeriods(
      periods,
      { partners, shipped: data.facts.shipped, ordered: data.facts.ordered, returns: data.returns, unpriced: data.facts.unpriced, ledger: posted, coveredFrom, existingRows },
      now,
    );
  }
  const appended = result?.appended ?? [];
  const led = books.writeLedger(data.ledger, appended, now);
  wrote ||= led.wrote;
  if (led.recorded.length > 0) messages.push({ level: 'info', message: `원장 입력 ${led.recorded.length}건 기록: ${led.recorded.map((e) => `${e.partnerId} ${e.amount}`).join(', ')}` });
  for (const s of data.ledger.staff) if (!s.entry && s.problems.length > 0) messages.push({ level: 'warn', message: `원장 ${s.row.rowNumber}행: ${s.problems.join('; ')}` });
  if (result) {
    const tab = books.writeStatements(result, now);
    statuses = tab.statuses;
    wrote ||= tab.wrote;
    books.drawChart(books.statements(), partners.map((p) => p.partnerId));
    wrote = true;
    const problems = result.rows.filter((r) => r.problem);
    const labels = [...new Set(result.rows.map((r) => r.period))].join(', ') || periods.map((p) => p.label).join(', ');
    messages.push({
      level: problems.length > 0 ? 'warn' : 'info',
      message: `정산 ${labels}: ${result.rows.length}행, 원장 ${appended.length}건 추가${problems.length > 0 ? `, 확인 필요 ${problems.map((r) => r.partnerId).join(', ')}` : ''}`,
    });
  }
  const ledger = [...data.ledger.posted.map((p) => p.entry), ...led.recorded, ...appended];
  const holds = holdsOf(partners, ledger, data.facts.shipped, coveredFrom, now);
  return { result, statuses, recorded: led.recorded, holds, data, ledger, wrote, messages };
}

// ---------------------------------------------------------------------------------------------
// the sync's side

export interface TickContext {
  readonly now: number;
  /** When the sync run started (heavy work starts only early in a run). */
  readonly startedAt: number;
  readonly partners: readonly Partner[];
  readonly ordersGrid?: readonly (readonly unknown[])[];
  readonly cache: CachePort;
  readonly lang: Lang;
}

export interface TickResult {
  /** Cache entries to keep with the sync's one write. */
  readonly keep: Record<string, string>;
  readonly wroteSheet: boolean;
  readonly messages: Msg[];
}

export class SettlementSession {
  private state: SettlementState | null;
  /** The record was made up here (no property yet): the first tick saves it. */
  private unsaved = false;

  constructor(
    private readonly kept: Readonly<Record<string, string>>,
    private readonly store: SettlementStateStore,
    private readonly clock: Clock,
  ) {
    this.state = parseState(kept[SETTLEMENT_STATE_KEY]);
  }

  /** The held partners for the shipping step: from the sync's cache read; properties only if the cache lost it. */
  get holds(): SettlementHolds {
    return settlementHolds(this.current().holds);
  }

  /** What a partner row's 처리결과 says when its connection is fine: why it is held, or nothing. */
  statusOf(partnerId: string): string {
    return this.current().holds[partnerId] ?? '';
  }

  private current(): SettlementState {
    if (!this.state) {
      const stored = parseState(this.store.load());
      this.unsaved = stored === null;
      this.state = stored ?? freshState(this.clock.now());
    }
    return this.state;
  }

  private save(s: SettlementState): string {
    const text = JSON.stringify(s);
    this.store.save(text);
    return text;
  }

  /** The due-check and whatever is due. Nothing due: no call at all. */
  tick(books: SettlementBooks, ctx: TickContext): TickResult {
    let state = this.current();
    const keep: Record<string, string> = {};
    const messages: Msg[] = [];
    const due = dueWork(state, ctx.now);
    const flag = this.kept[SETTLEMENT_DIRTY_KEY];
    // A price edit while no period waits for a price changes nothing here (stock edits are many).
    const dirty = Boolean(flag) && !(flag === 'prices' && state.retry.length === 0);
    if (flag && !dirty) ctx.cache.remove(SETTLEMENT_DIRTY_KEY);
    const newcomers = resellerIds(ctx.partners).some((id) => !state.sheetsFor.includes(id));
    const nothing = !due.week && !due.month && !due.refresh && !state.pendingRefresh && !newcomers && !dirty;
    const late = ctx.now - ctx.startedAt > START_BY_MS;
    if (nothing || late) {
      keep[SETTLEMENT_STATE_KEY] = this.unsaved ? this.save(state) : JSON.stringify(state);
      this.unsaved = false;
      return { keep, wroteSheet: false, messages };
    }
    if (dirty) ctx.cache.remove(SETTLEMENT_DIRTY_KEY);
    const before = state;
    let wrote = false;
    if (due.week || due.month || dirty) {
      const periods: Period[] = [due.week, due.month].filter((p): p is SeoulWeek | SeoulMonth => p !== null);
      // Periods that failed for a missing price are tried again once someone edited something.
      const retried = dirty ? state.retry.flatMap((l) => (periods.some((p) => p.label === l) ? [] : [periodFromLabel(l)].filter((p): p is Period => p !== null))) : [];
      periods.push(...retried);
      const run = runOnBooks(books, ctx.partners, periods, state.coveredFrom, ctx.now, ctx.ordersGrid);
      messages.push(...run.messages);
      wrote ||= run.wrote;
      const h = holdsRecord(run.holds);
      wrote = books.writeBalances(state.balances, h.balances) || wrote;
      const released = Object.keys(state.holds).filter((id) => !(id in h.holds));
      if (released.length > 0) {
        keep[SHIP_DIRTY_KEY] = shipDirtyMark(ctx.now);
        messages.push({ level: 'info', message: `출고 보류 해제: ${released.join(', ')} (보류된 송장은 다음 실행에 전송됩니다)` });
      }
      for (const id of Object.keys(h.holds).filter((x) => !(x in state.holds))) messages.push({ level: 'warn', message: `${id}: ${h.holds[id]}` });
      state = {
        ...afterRun(state, { week: due.week, month: due.month }),
        holds: h.holds,
        balances: h.balances,
        pendingRefresh: state.pendingRefresh || newcomers || periods.length > 0 || run.recorded.length > 0,
        retry: retryAfter(state.retry, periods, run),
        sheetsFor: state.sheetsFor,
      };
    } else {
      // The daily refresh, or the one a settlement run or a payment asked for.
      const data = books.load(ctx.partners, ctx.now, ctx.ordersGrid, 'all');
      const ledger = data.ledger.posted.map((p) => p.entry);
      const holds = holdsOf(ctx.partners, ledger, data.facts.shipped, state.coveredFrom, ctx.now);
      const r = books.refreshResellers(ctx.partners, { facts: data.facts, ledger, holds, statements: books.statements(), until: ctx.startedAt + RESELLERS_BY_MS }, ctx.now);
      messages.push(...data.guard, ...r.messages);
      const h = holdsRecord(holds);
      wrote = books.writeBalances(state.balances, h.balances) || wrote;
      if (Object.keys(state.holds).some((id) => !(id in h.holds))) keep[SHIP_DIRTY_KEY] = shipDirtyMark(ctx.now);
      state = { ...state, ...afterRun(state, { refreshedDay: due.refresh ? due.today : state.refreshedDay }), holds: h.holds, balances: h.balances, ...afterRefresh(ctx.partners, r, state.sheetsFor) };
    }
    keep[SETTLEMENT_STATE_KEY] = sameJson(before, state) && !this.unsaved ? JSON.stringify(state) : this.save(state);
    this.unsaved = false;
    this.state = state;
    return { keep, wroteSheet: wrote, messages };
  }
}

export function freshState(now: number): SettlementState {
  return { ...firstSchedule(now), holds: {}, balances: {}, pendingRefresh: false, retry: [], sheetsFor: [] };
}

/** The periods to try again: those of this run with a problem row, and earlier ones not run now. */
export function retryAfter(before: readonly string[], periods: readonly Period[], run: RunOutcome): string[] {
  const ran = new Set(periods.map((p) => p.label));
  const failed = (run.result?.rows ?? []).filter((r) => r.problem).map((r) => r.period);
  return [...new Set([...before.filter((l) => !ran.has(l)), ...failed])];
}


