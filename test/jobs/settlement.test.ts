/**
 * Settlement's timing as a use case, with no runtime: the books (tabs, chart, reseller sheets)
 * record what is asked of them, the record lives in a string. What a sync minute costs when
 * nothing is due, and what it does when a week closes.
 */
import type { Partner } from '../../src/core/partner';
import { SETTLEMENT_DIRTY_KEY, SETTLEMENT_STATE_KEY } from '../../src/jobs/kept';
import { SettlementSession, type SettlementBooks, type SettlementStateStore } from '../../src/jobs/settlement';
import { MemoryCache, SimClock } from './memory-ports';
import { partner } from './product-fixture';

/** Tuesday 2026-12-01 10:00 KST: the sheet's first run. */
const FIRST = Date.UTC(2026, 11, 1, 1, 0, 0);
/** Monday 2026-12-07 07:00 KST: the week of Nov 30 – Dec 6 has closed (statements from 06:00). */
const MONDAY_7 = Date.UTC(2026, 11, 6, 22, 0, 0);
const partners: Partner[] = [partner('PNR001', 'own'), partner('PNR002', 'reseller')];

class Books implements SettlementBooks {
  readonly calls: string[] = [];
  load(ps: readonly Partner[]) {
    this.calls.push('load');
    return { partners: ps, facts: { shipped: [], ordered: [], unpriced: [], details: new Map() }, returns: [], ledger: { posted: [], unreadable: [], staff: [] }, guard: [] };
  }
  settledRowKeys() {
    return new Set<string>();
  }
  writeLedger() {
    this.calls.push('writeLedger');
    return { recorded: [], wrote: false };
  }
  writeStatements() {
    this.calls.push('writeStatements');
    return { wrote: true, statuses: new Map<string, string>() };
  }
  statements() {
    return [];
  }
  drawChart() {
    this.calls.push('drawChart');
  }
  writeBalances() {
    return false;
  }
  writeHoldStatuses() {
    this.calls.push('writeHoldStatuses');
  }
  refreshResellers() {
    this.calls.push('refreshResellers');
    return { messages: [], sheets: [], notOwner: [], deferred: false };
  }
}

let saved: string | null;
const store: SettlementStateStore = { load: () => saved, save: (text) => void (saved = text) };

beforeEach(() => {
  saved = null;
});

function tick(at: number, kept: Record<string, string> = {}, books = new Books()) {
  const clock = new SimClock(at);
  const session = new SettlementSession(kept, store, clock);
  const result = session.tick(books, { now: at, startedAt: at, partners, cache: new MemoryCache(), lang: 'ko' });
  return { books, result, session };
}

test('the first run makes the record and keeps it; a minute later with nothing due asks nothing of the books', () => {
  const first = tick(FIRST);
  expect(saved).not.toBeNull();
  const kept = { [SETTLEMENT_STATE_KEY]: first.result.keep[SETTLEMENT_STATE_KEY]! };
  // The daily refresh of that first day, then a quiet minute.
  const refreshed = tick(FIRST + 60_000, kept);
  const quiet = tick(FIRST + 120_000, { [SETTLEMENT_STATE_KEY]: refreshed.result.keep[SETTLEMENT_STATE_KEY]! });
  expect(quiet.books.calls).toEqual([]);
  expect(quiet.result.wroteSheet).toBe(false);
});

test('when a week closes, its statements are written once, with the chart, and the record says so', () => {
  tick(FIRST);
  const closed = tick(MONDAY_7, {});
  expect(closed.books.calls).toEqual(['load', 'writeLedger', 'writeStatements', 'drawChart']);
  expect(JSON.parse(saved!)).toMatchObject({ week: '2026-W49', pendingRefresh: true });
  const again = tick(MONDAY_7 + 60_000, { [SETTLEMENT_STATE_KEY]: closed.result.keep[SETTLEMENT_STATE_KEY]! });
  // The next minute refreshes the reseller sheets (spread over runs); the week is not settled twice.
  expect(again.books.calls).toEqual(['load', 'refreshResellers']);
});

test('an edit of the ledger makes the next run record it, even with nothing due', () => {
  const first = tick(FIRST);
  const refreshed = tick(FIRST + 60_000, { [SETTLEMENT_STATE_KEY]: first.result.keep[SETTLEMENT_STATE_KEY]! });
  const cache = new MemoryCache();
  cache.putAll({ [SETTLEMENT_DIRTY_KEY]: '1' }, 60);
  const books = new Books();
  new SettlementSession({ [SETTLEMENT_STATE_KEY]: refreshed.result.keep[SETTLEMENT_STATE_KEY]!, [SETTLEMENT_DIRTY_KEY]: '1' }, store, new SimClock(FIRST + 120_000)).tick(books, {
    now: FIRST + 120_000,
    startedAt: FIRST + 120_000,
    partners,
    cache,
    lang: 'ko',
  });
  expect(books.calls).toEqual(['load', 'writeLedger']);
  // The mark is used up.
  expect(cache.getAll([SETTLEMENT_DIRTY_KEY])).toEqual({});
});
