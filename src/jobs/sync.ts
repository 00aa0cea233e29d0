/**
 * One sync run: what the time-driven trigger does each minute and "sync now" does on demand,
 * step by step, against ports (src/gas/sync.ts wires them to Apps Script). Runs under the sync
 * lock; collects orders from every connected partner, writes the new and changed ones by key,
 * then moves each partner's cursor; ships, answers claims, settles, pushes stock and products;
 * then marks the partner rows, keeps the health record and logs. One partner's trouble is shown
 * on its row and in the log; the others go on.
 *
 * An idle minute touches no sheet: the partners come from a snapshot in the cache (dropped by
 * onEdit of the partners tab, and at most ten minutes old), and order lines the tab already has
 * as they are (fingerprints kept between runs) are not written again.
 */
import { endsConnection, type ChannelAccount, type RelayPort } from '../channels/port';
import type { NewsAnswer } from '../channels/relay-wire';
import { channelOf, supportedChannels } from '../channels/registry';
import type { OrderLine } from '../core/order';
import type { Partner } from '../core/partner';
import type { CachePort, Clock, KeyValueStore, LockPort } from '../core/ports';
import { message } from '../i18n/messages';
import type { PartnerRead } from '../sheet/partners';
import type { Lang } from '../sheet/schema';
import { accountOf, isConnected, reconnectReason } from './accounts';
import type { ArchiveTick } from './archive-orders';
import type { ClaimsStepInput, ClaimsStepReport } from './claims';
import { collectOrders, commitCursors, type NewsQuestionOf } from './collect-orders';
import { afterRun, backstopMinutes, firstReads, leftToWebhooks, newsReads, parseCadence, QUIET_STRIDE_MIN, settingsOf, typedInquiryMinutes, type CadenceInput, type ReadScope } from './order-cadence';
import { confirmOrders } from './confirm-orders';
import type { ChannelGateway } from './gateway';
import { accountTypeOf, healthAfterRun } from './health';
import { inquiriesStep } from './inquiries-step';
import { ARCHIVE_CACHE_KEYS, BACKSTOP_MINUTES_KEY, CADENCE_KEY, CLAIMS_CACHE_KEYS, CONFIRM_RETRY_KEY, INQUIRIES_CACHE_KEYS, HEALTH_KEY, HEARTBEAT_KEY, INQUIRY_MINUTES_KEY, KEEP_S, PARTNERS_SNAPSHOT_KEY, PRODUCT_EDITED_CACHE_KEY, PRODUCT_MARKS_CACHE_KEY, QUOTA_ACCOUNT_KEY, RECENT_ORDERS_KEY, SETTLEMENT_CACHE_KEYS, SHIP_DIRTY_KEY, SHIP_FLAG_KEYS, SHIP_WAITING_KEY, shipDirtyMark, STOCK_CHECKED_KEY, STOCK_COVER_DAY_KEY, STOCK_DIRTY_KEY, STOCK_PENDING_KEY } from './kept';
import { pushStockStep } from './push-stock-step';
import { changedLines, parseRecent, remember } from './recent-orders';
import type { LogEntry } from './run-log';
import { sendProducts } from './send-products';
import { sendTrackingNumbers } from './send-tracking';
import { SettlementSession, type SettlementBooks, type SettlementStateStore } from './settlement';
import { shippingAsked, startShipping } from './ship-flag';
import type { TablesPort } from './tables';

/** What writing lines to the orders tab did (src/jobs/warehouse-out.ts moves their stock with them). */
export interface WrittenLines {
  added: number;
  updated: number;
  /** The orders tab as written, for later steps of the run to read without reading it again. */
  grid?: unknown[][];
  /** Lines the tab did not have: sales the stock step counts off each partner's quantity. */
  appended: OrderLine[];
  stockProblems: string[];
  stockMoved: boolean;
}

/** What a partner row's cells become: only what is given is written. */
export type PartnerMark = { partnerId: string; connection?: string; status?: string };

/** Everything a sync run reaches, as ports. */
export interface SyncPorts {
  /** The sync's own lock: one run at a time, whichever path started it. */
  readonly lock: LockPort;
  readonly cache: CachePort;
  readonly clock: Clock;
  readonly tables: TablesPort;
  readonly partners: { read(): PartnerRead[]; mark(updates: readonly PartnerMark[]): void };
  /** The channels of this run, opened once the lock is held: the run's budget starts then. */
  channels(budgetMs: number): { readonly store: KeyValueStore; readonly gateway: ChannelGateway; relay(): RelayPort | null };
  /** Lines to the orders tab by key, with the units that left the warehouse. */
  writeLines(lines: readonly OrderLine[], store: KeyValueStore): WrittenLines;
  claims(input: ClaimsStepInput): ClaimsStepReport;
  readonly settlement: { readonly books: SettlementBooks; readonly state: SettlementStateStore };
  /** The night's archive pass of old order rows (src/jobs/archive-orders.ts); nothing when not due. */
  archive?(tick: ArchiveTick): { keep: Record<string, string>; wroteSheet: boolean; messages: ReadonlyArray<{ level: 'info' | 'warn' | 'error'; message: string }> };
  log(entries: readonly LogEntry[]): void;
  /** URL fetches this execution has made (for the health record). */
  fetchesSoFar(): number;
  /** Pending sheet writes out, before another execution may take the lock. */
  flush(): void;
}

export interface SyncReport {
  ran: boolean;
  message: string;
  ordersAdded: number;
  ordersUpdated: number;
  errors: string[];
}

/** Leave a minute of the six for writing and for Apps Script itself. */
const BUDGET_MS = 4.5 * 60_000;
/**
 * Pushes (stock, products) send nothing after this much of a run: what is left goes on in the
 * next runs. A run holds the script lock, and the next minute's run, which finds it taken, ends
 * at once: a push that ran on would hold every order placed meanwhile. Collecting orders comes
 * first and keeps the whole budget. 35 s of sending plus the writes after it end the run well
 * before the next tick, wherever in its minute the trigger fires.
 */
export const PUSH_SLICE_MS = 35_000;
/** Stock is recomputed at least this often even when nothing seems to have changed. */
const STOCK_RECHECK_MS = 30 * 60_000;

/** The partners tab as the sync needs it, cacheable as JSON. */
interface PartnersSnapshot {
  partners: Partner[];
  /** What each row's connection and status cells say, to write only what changes. */
  cells: Record<string, { connection: string; status: string }>;
  problems: Record<string, string>;
}

type Mark = PartnerMark;
/** What a partner row's connection cell says when only a new consent helps. */
const RECONNECT = '재연결 필요';

/** Every supported channel's pacing state: read with what the run keeps. */
const PACING_KEYS = supportedChannels().map((c) => c.pacingKey);
/** A cancel request the channel turned down: the item is back in the normal flow. */
const cancelRefused = (l: OrderLine) => {
  const state = channelOf(l.channel).claims?.stateOf(l.rawStatus);
  return state?.claim === 'cancel' && state.phase === 'rejected';
};

export function runSync(ports: SyncPorts, job: 'tick' | 'manual', lang: Lang): SyncReport {
  const skipped: SyncReport = { ran: false, message: message(lang, 'syncSkippedLocked'), ordersAdded: 0, ordersUpdated: 0, errors: [] };
  return ports.lock.withLock(job === 'tick' ? 0 : 10_000, () => runLocked(ports, job, lang)) ?? skipped;
}

function runLocked(ports: SyncPorts, job: 'tick' | 'manual', lang: Lang): SyncReport {
  const { cache, clock, tables } = ports;
  const started = new Date(clock.now());
  let wroteSheet = false;
  try {
    // One cache read for everything kept between runs.
    const kept = cache.getAll([PARTNERS_SNAPSHOT_KEY, RECENT_ORDERS_KEY, ...PACING_KEYS, STOCK_DIRTY_KEY, STOCK_CHECKED_KEY, STOCK_PENDING_KEY, STOCK_COVER_DAY_KEY, PRODUCT_MARKS_CACHE_KEY, PRODUCT_EDITED_CACHE_KEY, ...SHIP_FLAG_KEYS, SHIP_WAITING_KEY, CONFIRM_RETRY_KEY, HEALTH_KEY, ...CLAIMS_CACHE_KEYS, ...INQUIRIES_CACHE_KEYS, ...SETTLEMENT_CACHE_KEYS, CADENCE_KEY, ...ARCHIVE_CACHE_KEYS]);
    // Settlement holds and the due-check ride on the same read (settlement-step.ts).
    const settlement = new SettlementSession(kept, ports.settlement.state, clock);
    let snapshot = parseSnapshot(kept[PARTNERS_SNAPSHOT_KEY]);
    if (!snapshot) {
      snapshot = readSnapshot(ports.partners.read());
      cache.putAll({ [PARTNERS_SNAPSHOT_KEY]: JSON.stringify(snapshot) }, KEEP_S);
    }
    const rt = ports.channels(BUDGET_MS);
    const marks: Mark[] = Object.entries(snapshot.problems).map(([partnerId, status]) => ({ partnerId, status }));
    const conns: ChannelAccount[] = [];
    const log: LogEntry[] = [];
    /** A log line of this run, timed from its start. */
    const note = (entry: Omit<LogEntry, 'startedAt' | 'durationMs'>) => log.push({ startedAt: started, durationMs: clock.now() - started.getTime(), ...entry });
    for (const p of snapshot.partners) {
      // A mall found revoked is not called (no step, no token call) until it is reconnected;
      // its row says so once, whichever path found it.
      const revoked = reconnectReason(rt.store, p);
      if (revoked !== null) {
        if (snapshot.cells[p.partnerId]?.connection !== RECONNECT) {
          marks.push({ partnerId: p.partnerId, connection: RECONNECT, status: revoked });
          log.push({ job: 'orders', startedAt: started, durationMs: 0, level: 'error', message: `${p.partnerId}: ${revoked}` });
        }
        continue;
      }
      if (!isConnected(rt.store, p)) continue;
      try {
        conns.push(accountOf(p));
      } catch (e) {
        marks.push({ partnerId: p.partnerId, status: (e as Error).message });
      }
    }
    const errors: string[] = [];
    let added = 0;
    let updated = 0;
    let productsRan = false;
    const keep: Record<string, string> = { [HEARTBEAT_KEY]: started.toISOString() };
    // STEP: settlement (statements when due, staff's ledger rows, holds, reseller sheets; nothing
    // when idle). It needs no mall: it runs when none is connected (every token expired) too.
    const settle = (ordersGrid?: readonly (readonly unknown[])[]) => {
      const settled = settlement.tick(ports.settlement.books, { now: clock.now(), startedAt: started.getTime(), partners: snapshot.partners, ...(ordersGrid ? { ordersGrid } : {}), cache, lang });
      Object.assign(keep, settled.keep);
      wroteSheet ||= settled.wroteSheet;
      for (const m of settled.messages) note({ job: 'settlement', level: m.level, message: m.message });
    };
    const collected = new Set<string>();
    if (conns.length === 0) settle();
    else {
      // What a channel reads in rotation turns by the minute (no state needed); which malls are
      // read at all, and their claim dates, follows the relay's webhook news and the backstop.
      const cadence = parseCadence(kept[CADENCE_KEY]);
      // One read of the document properties an hour (the store reads them all at once).
      const settings = settingsOf(cadence, started.getTime(), () => ({
        relay: rt.relay() !== null,
        backstopMin: backstopMinutes(rt.store.get(BACKSTOP_MINUTES_KEY)),
        account: accountTypeOf(rt.store.get(QUOTA_ACCOUNT_KEY)),
        inquiryMin: typedInquiryMinutes(rt.store.get(INQUIRY_MINUTES_KEY)),
      }));
      // The relay (its settings read and checked) only where its answer can matter: while its
      // webhooks stand for reads, or to ask a channel that hears them for news; otherwise a relay
      // that is set changes no read (leftToWebhooks and the stride need `listening`).
      const hearing = conns.some((c) => channelOf(c.channel).webhooks !== undefined);
      const asking = cadence.listening || (hearing && (cadence.after === null || settings.at === started.getTime()));
      const relay = settings.relay && asking ? rt.relay() : null;
      const pace: CadenceInput = { now: started.getTime(), backstopMs: settings.backstopMin * 60_000, relay: relay !== null, budget: settings };
      const reads = firstReads(cadence, conns, pace);
      let answer: NewsAnswer | null = null;
      // One question per channel whose webhooks the relay hears, for its accounts.
      const news: NewsQuestionOf[] = [];
      // A relay that said it hears no webhooks is asked again only when the settings are read (`asking`).
      const ask = relay !== null;
      for (const channel of ask ? supportedChannels() : []) {
        const hears = channel.webhooks;
        const ids = conns.filter((c) => c.channel === channel.id).map((c) => c.accountId);
        if (!hears || !relay || ids.length === 0) continue;
        news.push({
          request: hears.request(relay, { after: cadence.after, malls: ids }),
          then: (r) => {
            const heard = hears.read(r);
            if (heard.ok) return newsReads(cadence, conns, reads, (answer = heard.answer), pace);
            // No news to be had: every account left to webhooks is read as if there were no relay.
            if (!cadence.listening) return new Map();
            note({ job: 'orders', level: 'warn', message: `릴레이에서 ${channel.label} 웹훅 소식을 받지 못했습니다 (${heard.why}). 이번에는 모든 계정을 읽습니다` });
            return new Map<string, ReadScope>(conns.filter((c) => !reads.has(c.partnerId) && leftToWebhooks(cadence, c, pace)).map((c) => [c.partnerId, { orders: true, claims: 'none', claimTurn: 0 }]));
          },
        });
      }
      const result = collectOrders(conns, { gateway: rt.gateway, store: rt.store, clock, turn: Math.floor(started.getTime() / 60_000), reads, news });
      let recent = parseRecent(kept[RECENT_ORDERS_KEY]);
      let ordersGrid: unknown[][] | undefined;
      /**
       * Lines to the orders tab (collected, re-read, shipped): only those the tab does not have
       * as they are; units that left the warehouse come off its stock in the same breath.
       */
      const writeLines = (lines: readonly OrderLine[]): OrderLine[] => {
        const changed = changedLines(lines, recent);
        if (changed.length === 0) return changed;
        const written = ports.writeLines(changed, rt.store);
        ordersGrid = written.grid;
        wroteSheet = true;
        added += written.added;
        updated += written.updated;
        for (const problem of written.stockProblems) note({ job: 'stock', level: 'warn', message: problem });
        if (written.stockMoved) stockMoved = true;
        sales.push(...written.appended);
        recent = remember(recent, changed, clock.now());
        keep[RECENT_ORDERS_KEY] = JSON.stringify(recent);
        linesWritten.push(...changed);
        return changed;
      };
      let stockMoved = false;
      /** Lines new to the orders tab: each mall took their units off its own stock. */
      const sales: OrderLine[] = [];
      /** Every line this run wrote to the orders tab (collected, re-read while shipping). */
      const linesWritten: OrderLine[] = [];
      const fresh = writeLines(result.lines);
      // Accounts whose orders changed on the sheet are busy: read each minute (order-cadence).
      const paced = afterRun(cadence, conns, result.scopes, result.through, answer, { ...pace, settings }, new Set(fresh.map((l) => l.partnerId)));
      keep[CADENCE_KEY] = JSON.stringify(paced);
      // Staff learn once, when it changes, that quiet accounts are read less often for the quota.
      if (paced.stride !== cadence.stride) note({ job: 'orders', level: 'info', message: paced.stride > QUIET_STRIDE_MIN ? message(lang, 'quietStride', { minutes: paced.stride, quota: message(lang, settings.account === 'workspace' ? 'quotaWorkspace' : 'quotaConsumer') }) : message(lang, 'quietStrideBack') });
      // Only now that the lines are in the sheet may the cursors move.
      commitCursors(rt.store, conns, result.cursors, new Set(result.lines.map((l) => l.partnerId)));
      // A mall that refused its tokens in this run is called by no later step of it.
      const ended = new Set(result.errors.filter((e) => endsConnection(e.error)).map((e) => e.partnerId));
      const connMap = new Map(conns.filter((c) => !ended.has(c.partnerId)).map((c) => [c.partnerId, c]));
      // STEP: 발주확인 (marketplaces): new paid orders of partners set to confirm at once, and rows
      // staff ticked (an edit of the orders tab); nothing at all while no channel has it.
      const confirmTicks = shippingAsked(kept) || Boolean(kept[CONFIRM_RETRY_KEY]);
      if ([...connMap.values()].some((c) => channelOf(c.channel).confirm) && (confirmTicks || fresh.some((l) => l.status === 'paid'))) {
        const confirm = confirmOrders(tables, { fresh, partners: snapshot.partners, conns: connMap, gateway: rt.gateway, ticksAsked: confirmTicks, ...(ordersGrid ? { ordersGrid } : {}), now: clock.now() });
        wroteSheet ||= confirmTicks || confirm.lines.length > 0;
        writeLines(confirm.lines);
        keep[CONFIRM_RETRY_KEY] = confirm.retry ? '1' : '';
        for (const m of confirm.messages) note({ job: 'orders', level: confirm.refused > 0 ? 'warn' : 'info', message: m });
      }
      // Tracking numbers staff entered (order rows, the import tab, scans) go to the channels; a
      // cancel request the channel turned down may free a held row.
      if (shippingAsked(kept) || (kept[SHIP_WAITING_KEY] && fresh.length > 0) || fresh.some(cancelRefused)) {
        // The ask is forgotten only with this run's cache write, once the step is through.
        const asked = startShipping(kept, cache);
        const shipping = sendTrackingNumbers(tables, connMap, rt.gateway, cache, started.getTime(), settlement.holds, ordersGrid ? { ordersGrid } : {});
        wroteSheet = true;
        if (writeLines(shipping.lines).length > 0) stockMoved = true;
        Object.assign(keep, asked.done());
        if (shipping.retry) keep[SHIP_DIRTY_KEY] = shipDirtyMark(started.getTime());
        keep[SHIP_WAITING_KEY] = shipping.waiting ? '1' : '';
        for (const m of shipping.messages) note({ job: 'shipping', rowsChanged: shipping.sent, level: shipping.refused + shipping.held > 0 ? 'warn' : 'info', message: m });
      }
      // STEP: claims (claim rows from the lines, staff's answers sent to the malls)
      const claims = ports.claims({ lines: linesWritten.slice(), partners: snapshot.partners, conns: connMap, gateway: rt.gateway, kept, lang });
      Object.assign(keep, claims.keep);
      wroteSheet ||= claims.wroteSheet;
      if (claims.stockMoved) stockMoved = true;
      // Orders read again after acting: a cancelled line stops reserving stock in this same run.
      writeLines(claims.lines);
      for (const m of claims.messages) note({ job: 'claims', level: m.level, message: m.message });
      // STEP: inquiries (read on their own cadence, staff's answers posted and read back)
      wroteSheet = inquiriesStep(tables, { conns: connMap, kept, lang, started, keep, log }, rt, clock) || wroteSheet;
      settle(ordersGrid);
      for (const e of result.errors) {
        errors.push(e.error.message);
        marks.push({ partnerId: e.partnerId, ...(e.error.reconnect ? { connection: RECONNECT } : {}), status: e.error.userMessage });
        // The log gets a line when a partner's trouble starts or changes, not every minute it lasts.
        if (snapshot.cells[e.partnerId]?.status === e.error.userMessage) continue;
        note({ job: 'orders', level: e.deferred ? 'warn' : 'error', message: `${e.partnerId}: ${e.error.userMessage} — ${e.error.message}` });
      }
      for (const id of result.completed) marks.push({ partnerId: id, connection: '연결됨', status: settlement.statusOf(id) });
      for (const e of [...result.completed, ...result.errors.map((x) => x.partnerId)]) collected.add(e);
      if (added + updated > 0) {
        note({
          job: 'orders',
          rowsChanged: added + updated,
          level: 'info',
          message: `주문 ${added}건 추가, ${updated}건 갱신 (${rt.gateway.requests}회 호출, ${rt.gateway.rounds}회 묶음)`,
        });
      }
      // Stock moves when the master or ratios were edited, when orders changed what is
      // reserved, and at least every half hour.
      const checkedAt = Number(kept[STOCK_CHECKED_KEY] ?? 0);
      // STEP: pushes (stock, then products), each run a slice of time that ends before the next tick.
      rt.gateway.narrowDeadline(started.getTime() + PUSH_SLICE_MS);
      if (kept[STOCK_DIRTY_KEY] || kept[STOCK_PENDING_KEY] || fresh.length > 0 || sales.length > 0 || stockMoved || started.getTime() - checkedAt > STOCK_RECHECK_MS) {
        const stock = pushStockStep(tables, snapshot.partners, connMap, rt.gateway, started, ordersGrid, Boolean(kept[STOCK_DIRTY_KEY]), sales, kept[STOCK_COVER_DAY_KEY]);
        keep[STOCK_COVER_DAY_KEY] = stock.coverDay;
        wroteSheet = true;
        keep[STOCK_CHECKED_KEY] = String(started.getTime());
        keep[STOCK_PENDING_KEY] = stock.pending > 0 ? '1' : '';
        if (kept[STOCK_DIRTY_KEY]) cache.remove(STOCK_DIRTY_KEY);
        for (const m of stock.messages) note({ job: 'stock', rowsChanged: stock.pushed, level: stock.failed ? 'warn' : 'info', message: m });
      }
      // Products go out at the spec's pace (5 every 5 minutes) after an edit of the master, the
      // ratios or the partners, and batch after batch while pairs wait; the step decides from
      // script properties the run has already read, so an idle minute reads no sheet.
      const products = sendProducts(tables, snapshot.partners, connMap, rt.gateway, started, rt.store, undefined, { marks: kept[PRODUCT_MARKS_CACHE_KEY], edited: kept[PRODUCT_EDITED_CACHE_KEY] });
      keep[PRODUCT_MARKS_CACHE_KEY] = products.marks;
      productsRan = products.read;
      wroteSheet ||= products.rowsChanged > 0;
      // New mall products get their stock with the next run, not the half-hourly check.
      if (products.created > 0) keep[STOCK_DIRTY_KEY] = '1';
      for (const m of products.messages) note({ job: 'products', rowsChanged: products.rowsChanged, level: products.failed ? 'warn' : 'info', message: m });
      Object.assign(keep, rt.gateway.ratesToSave());
    }
    // STEP: archive (once a Seoul night: old, settled order rows to the yearly books; nothing otherwise)
    const archived = ports.archive?.({ kept, startedAt: started.getTime(), partners: snapshot.partners, store: rt.store });
    Object.assign(keep, archived?.keep);
    wroteSheet ||= archived?.wroteSheet ?? false;
    for (const m of archived?.messages ?? []) note({ job: 'archive', level: m.level, message: m.message });
    // A partner not read this run (no mall connected) still shows its hold, and its release.
    for (const p of snapshot.partners) {
      if (collected.has(p.partnerId) || marks.some((m) => m.partnerId === p.partnerId)) continue;
      const hold = settlement.statusOf(p.partnerId);
      if (hold !== '' || /출고 보류/.test(snapshot.cells[p.partnerId]?.status ?? '')) marks.push({ partnerId: p.partnerId, status: hold });
    }
    // STEP: health (per-partner and per-job state the sidebar shows, kept with `keep`)
    keep[HEALTH_KEY] = healthAfterRun(kept[HEALTH_KEY], {
      trigger: job,
      startedAt: started.getTime(),
      now: clock.now(),
      fetches: ports.fetchesSoFar(),
      connected: conns.map((c) => c.partnerId),
      marks,
      log,
      ran: { stock: STOCK_CHECKED_KEY in keep, products: productsRan },
    });
    if (markChanged(ports.partners, snapshot, marks)) {
      wroteSheet = true;
      keep[PARTNERS_SNAPSHOT_KEY] = JSON.stringify(snapshot);
    }
    if (log.length > 0) {
      ports.log(log);
      wroteSheet = true;
    }
    try {
      cache.putAll(keep, KEEP_S);
    } catch (e) {
      // What is kept between runs only saves work; losing it must not fail a run that did its job.
      console.warn(`cache write failed: ${(e as Error).message}`);
    }
    const text = conns.length === 0 ? message(lang, 'syncIdle') : `주문 ${added}건 추가, ${updated}건 갱신`;
    return { ran: true, message: text, ordersAdded: added, ordersUpdated: updated, errors };
  } finally {
    // Pending writes reach the sheet before another execution may take the lock.
    if (wroteSheet) ports.flush();
  }
}

function readSnapshot(rows: readonly PartnerRead[]): PartnersSnapshot {
  const snapshot: PartnersSnapshot = { partners: [], cells: {}, problems: {} };
  for (const r of rows) {
    if (!r.row.key) continue;
    snapshot.cells[r.row.key] = { connection: String(r.row.get('connection') ?? ''), status: String(r.row.get('status') ?? '') };
    if (r.ok) snapshot.partners.push(r.partner);
    else snapshot.problems[r.row.key] = r.problems.join('; ');
  }
  return snapshot;
}

function parseSnapshot(text: string | undefined): PartnersSnapshot | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as PartnersSnapshot;
  } catch {
    return null;
  }
}

/** Writes partner cells only where they would change (and notes them in the snapshot). */
function markChanged(tab: SyncPorts['partners'], snapshot: PartnersSnapshot, marks: readonly Mark[]): boolean {
  const changed = marks.filter((m) => {
    const cells = snapshot.cells[m.partnerId];
    if (!cells) return false;
    return (m.connection !== undefined && cells.connection !== m.connection) || (m.status !== undefined && cells.status !== m.status);
  });
  if (changed.length === 0) return false;
  tab.mark(changed);
  for (const m of changed) {
    const cells = snapshot.cells[m.partnerId]!;
    if (m.connection !== undefined) cells.connection = m.connection;
    if (m.status !== undefined) cells.status = m.status;
  }
  return true;
}

