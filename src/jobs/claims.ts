/**
 * Answering claims, a step of every sync: claim rows from the order lines the run wrote, staff's
 * answers (처리요청) sent to the channels, what the channels said written back, and the goods
 * that came back put on the shelf and credited to the partner. Written against ports (the claims
 * tab, the warehouse column, the channel gateway, a clock): src/gas/claims-step.ts wires them.
 *
 * - Rows are found by key (partner | claim | item), never by position; only the add-on's cells
 *   are written, and only those that change. Staff columns are never written.
 * - The tab is looked at only when there is something to look at: claim lines among the run's
 *   changed lines, an edit of the tab (onEdit's stamp), work left from a run before (a deferred
 *   call, a receipt whose return was first to be accepted), or a to-do that is due to change
 *   (a deadline passing). Otherwise the step touches no sheet.
 * - Restocking is exactly once per row: the row's completedAt is written before the products
 *   tab, so a run stopped in between leaves the stock short (never oversold, DOMAIN), never
 *   counted twice; the status cell says how many units should have gone back.
 */
import type { ChannelAccount, Gateway } from '../channels/port';
import { channelLabel, channelOf, isSupportedChannel } from '../channels/registry';
import type { ClaimCommand, ClaimSettings, MallClaimState, MallCommand } from '../core/claims';
import {
  callsMall,
  claimKeyOf,
  claimRecords,
  claimStatusLabel,
  claimTodo,
  finishesRow,
  isClaimLine,
  isLate,
  isOpenAtMall,
  lateFrom,
  nextCommand,
  nextTodoChange,
  todoText,
} from '../core/claims';
import { formatWon } from '../core/ledger';
import { topic } from '../core/particle';
import type { OrderLine } from '../core/order';
import type { Partner } from '../core/partner';
import { runClaimActions, settle, type ClaimJob } from './claim-actions';
import { rereadOrders } from './reread-orders';
import { claimRowValues, readClaimRow, type ClaimRead } from '../sheet/claims';
import type { Lang } from '../sheet/schema';
import { CLAIMS } from '../sheet/tabs';
import { cellText, type TableRow } from '../sheet/table';
import { CLAIMS_EDITED_KEY, CLAIMS_STATE_KEY } from './kept';
import { once } from '../core/once';
import type { Clock } from '../core/ports';


/** "N시간 남음" may lag this much: one look at the tab per quarter hour at most for it. */
const TICK_REFRESH_MS = 15 * 60_000;

interface ClaimsState {
  /** The edit stamp last acted on. */
  seen: string;
  /** When a to-do text changes by itself next; null when none will. */
  due: number | null;
  /** Work is left for the next run. */
  retry: boolean;
  /** partner|item of claims still open at the mall: a changed line of one may end it. */
  open: string[];
  /**
   * Rows whose request the channel refused (not a throttle or an outage), by key, with the
   * request as it stood: not sent again until the request, the claim or the tab changes.
   */
  refused: Record<string, string>;
}

/** A row's request as sent: what staff asked and where the claim stood. */
const requestOf = (c: ClaimRead['cells']): string => JSON.stringify([c.rawStatus, c.action, c.receivedAt, c.classification, c.quantityToStock, c.memo]);

/** A claims-tab row being worked on: its cells as read (null for a new row) and as they are now. */
export interface WorkRow {
  readonly key: string;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly cells: Record<string, unknown>;
}

/** The claims tab as the step needs it. */
export interface ClaimsTabPort {
  /** Its rows (read once); null when the workbook has no claims tab. */
  rows(): readonly TableRow[] | null;
  /**
   * New rows appended, the add-on's changed cells written by key (never a staff column), and the
   * answer-by cells painted red while late or back to default. Whether anything was written.
   */
  write(rows: ReadonlyMap<string, WorkRow>, lateness: ReadonlyArray<{ key: string; late: boolean }>): boolean;
}

export interface ClaimsPorts {
  readonly tab: ClaimsTabPort;
  readonly clock: Clock;
  /** The wholesale price of each SKU (the products tab), asked only when a return is received. */
  wholesalePrices(): ReadonlyMap<string, number>;
  /** Whether cancel requests of unshipped items are accepted without staff (a setting). */
  autoAcceptCancel(): boolean;
  /** Puts units back on the warehouse shelf by SKU; answers the problems (a SKU not found). */
  restock(units: ReadonlyMap<string, number>): string[];
}

export interface ClaimsStepInput {
  /** Order lines this run wrote to the orders tab (new or changed). */
  readonly lines: readonly OrderLine[];
  readonly partners: readonly Partner[];
  readonly conns: ReadonlyMap<string, ChannelAccount>;
  readonly gateway: Gateway;
  /** The sync's one cache read. */
  readonly kept: Readonly<Record<string, string>>;
  readonly lang: Lang;
}

export interface ClaimsStepReport {
  /** Orders read again after acting: the sync writes them to the orders tab. */
  lines: OrderLine[];
  /** Warehouse stock or reserved units changed: the stock step should run. */
  stockMoved: boolean;
  wroteSheet: boolean;
  /** Cache entries for the sync to keep with its own. */
  keep: Record<string, string>;
  messages: Array<{ level: 'info' | 'warn'; message: string }>;
}

/** The add-on's columns of the claims tab (built on first use: every execution loads this module). */
const systemColumns = once(() => new Set(CLAIMS.columns.filter((c) => !c.editable).map((c) => c.key)));
const itemKey = (l: { partnerId: string; itemId: string }) => `${l.partnerId}|${l.itemId}`;

export function answerClaims(input: ClaimsStepInput, ports: ClaimsPorts): ClaimsStepReport {
  const now = ports.clock.now();
  const report: ClaimsStepReport = { lines: [], stockMoved: false, wroteSheet: false, keep: {}, messages: [] };
  const state = parseState(input.kept[CLAIMS_STATE_KEY]);
  const stamp = input.kept[CLAIMS_EDITED_KEY] ?? '';
  const channelOfPartner = new Map(input.partners.map((p) => [p.partnerId, p.channel]));
  /** Where a claim stands at the partner's channel, from its status code. */
  const claimStateOf = (partnerId: string, rawStatus: string): MallClaimState | null => {
    const channel = channelOfPartner.get(partnerId);
    return channel && isSupportedChannel(channel) ? (channelOf(channel).claims?.stateOf(rawStatus) ?? null) : null;
  };
  const stateOf = (l: OrderLine) => claimStateOf(l.partnerId, l.rawStatus);
  /** The partner's channel by name, for the row's status ("카페24: 취소 승인"). */
  const labelOf = (partnerId: string) => channelLabel(channelOfPartner.get(partnerId));
  const records = claimRecords(input.lines, stateOf);
  const open = new Set(state?.open ?? []);
  const ended = input.lines.filter((l) => !isClaimLine(l) && open.has(itemKey(l)));
  const edited = stamp !== '' && stamp !== state?.seen;
  const due = state === null || state.retry || (state.due !== null && now >= state.due);
  if (!edited && !due && records.length === 0 && ended.length === 0) {
    // Kept as it is (re-put with the sync's entries, so it does not expire).
    report.keep[CLAIMS_STATE_KEY] = input.kept[CLAIMS_STATE_KEY]!;
    return report;
  }
  const tabRows = ports.tab.rows();
  if (tabRows === null) {
    report.keep[CLAIMS_STATE_KEY] = JSON.stringify({ seen: stamp, due: null, retry: false, open: [], refused: {} } satisfies ClaimsState);
    return report;
  }
  const rows = new Map<string, WorkRow>();
  for (const r of tabRows) {
    if (!r.key || rows.has(r.key)) continue;
    const before = Object.fromEntries(CLAIMS.columns.map((c) => [c.key, r.get(c.key)]));
    rows.set(r.key, { key: r.key, before, cells: { ...before } });
  }
  const lang = input.lang;

  // 1. What the malls say.
  const added = mergeMallView(rows, records, ended, lang, claimStateOf);

  // 2. What each row asks for.
  const settings = lazySettings(ports);
  const priceOf = lazyPrices(ports);
  const jobs: Array<{ row: WorkRow; job: ClaimJob; read: ClaimRead }> = [];
  const keepRefused: Record<string, string> = {};
  const finishes: Array<{ row: WorkRow; command: Extract<ClaimCommand, { kind: 'completeReturn' | 'completeExchange' }>; already: string | null }> = [];
  let refused = 0;
  for (const row of rows.values()) {
    const read = view(row);
    const c = read.cells;
    const mall = c.rawStatus === null || c.partnerId === null ? null : claimStateOf(c.partnerId, c.rawStatus);
    if (mall === null || c.type === null || c.quantity === null || c.completedAt !== null) continue;
    if (read.problems.length > 0) {
      refused += refuseRow(row, read.problems.join('; '));
      continue;
    }
    const command = nextCommand(
      {
        type: c.type,
        mall,
        quantity: c.quantity,
        action: c.action,
        memo: c.memo,
        receivedAt: c.receivedAt,
        classification: c.classification,
        quantityToStock: c.quantityToStock,
        completedAt: c.completedAt,
        wholesalePrice: c.action === 'receive' ? priceOf(c.sku) : null,
      },
      settings,
    );
    if (command.kind === 'refuse') refused += refuseRow(row, command.reason);
    else if (callsMall(command)) {
      // Refused as it stands and nobody has touched the tab since: the row already says why.
      if (!edited && state?.refused[row.key] === requestOf(c)) {
        keepRefused[row.key] = requestOf(c);
        continue;
      }
      jobs.push({ row, read, job: { partnerId: c.partnerId, orderId: c.orderId, itemId: c.itemId, claimCode: c.claimId, quantity: c.quantity, command } });
    } else if (finishesRow(command)) {
      finishes.push({ row, command, already: c.rawStatus });
    }
  }

  // 3. To the malls, then read the orders again: the rows and the orders tab show what they did.
  let retry = false;
  let failed = 0;
  if (jobs.length > 0) {
    const partners = new Map(input.partners.map((p) => [p.partnerId, p]));
    const outcomes = runClaimActions(
      jobs.map((j) => j.job),
      input.conns,
      partners,
      input.gateway,
    );
    const reread = rereadOrders(
      jobs.map((j) => ({ partnerId: j.job.partnerId, orderId: j.job.orderId, itemId: j.job.itemId })),
      input.conns,
      input.gateway,
      ports.clock.now(),
    );
    if (reread.failed.length > 0) retry = true;
    report.lines = reread.lines;
    const acted = new Set(jobs.map((j) => itemKey(j.job)));
    added.push(...mergeMallView(rows, claimRecords(reread.lines, stateOf), reread.lines.filter((l) => !isClaimLine(l) && acted.has(itemKey(l))), lang, claimStateOf));
    const lineOf = new Map(reread.lines.map((l) => [itemKey(l), l]));
    jobs.forEach(({ row, job, read }, i) => {
      const line = lineOf.get(itemKey(job));
      const o = settle(job, outcomes[i]!, line ? stateOf(line) : null);
      if (!o.ok) {
        failed++;
        if (o.deferred || o.error.retryable) retry = true;
        else keepRefused[row.key] = requestOf(read.cells);
        setStatus(row, `${labelOf(job.partnerId)} 오류: ${o.error.userMessage}${o.deferred ? ' (다음 실행에서 다시 시도)' : ''}`);
        return;
      }
      const raw = line ? ` · ${line.rawStatus}` : '';
      const label = labelOf(job.partnerId);
      setStatus(row, o.already ? `${label}: 이미 처리되어 있음${raw}` : `${label}: ${VERB[job.command.kind]} (${o.said || '-'}${raw})`);
      if (finishesRow(job.command)) finishes.push({ row, command: job.command, already: null });
      // 입고확인 on a request accepts first; the next run completes it.
      else if (read.cells.action === 'receive') retry = true;
    });
  }

  // 4. The sheet side of goods received: done, credited, and units to put back on the shelf.
  const restock = new Map<string, number>();
  for (const { row, command, already } of finishes) {
    set(row, 'completedAt', new Date(now));
    const parts = [already === null ? cellText(row.cells.status) : `입고 처리 (${topic(labelOf(cellText(row.cells.partnerId)))} 이미 완료 · ${already})`];
    if (command.kind === 'completeReturn') {
      set(row, 'credit', command.credit);
      parts.push(`파트너 차감 ${formatWon(command.credit)}`);
    }
    if (command.restock > 0) {
      const sku = cellText(row.cells.sku);
      restock.set(sku, (restock.get(sku) ?? 0) + command.restock);
      parts.push(`재입고 ${command.restock}개`);
    } else parts.push('재입고 없음');
    setStatus(row, parts.filter(Boolean).join(' · '));
  }

  // 5. To-dos (and finished cancels), from the rows as they now are.
  const fonts: Array<{ key: string; late: boolean }> = [];
  const next: ClaimsState = { seen: stamp, due: null, retry, open: [], refused: keepRefused };
  for (const row of rows.values()) {
    const c = view(row).cells;
    const mall = c.rawStatus === null || c.partnerId === null ? null : claimStateOf(c.partnerId, c.rawStatus);
    if (mall === null || c.type === null) continue;
    let completedAt = c.completedAt;
    // A cancel is over when the mall says cancelled: nothing comes back.
    if (completedAt === null && c.type === 'cancel' && mall.phase === 'done') {
      completedAt = now;
      set(row, 'completedAt', new Date(now));
    }
    const t = { type: c.type, mall, answerBy: c.answerBy, completedAt };
    set(row, 'todo', todoText(claimTodo(t, now), lang));
    const lateNow = isLate(t, now);
    const wasLate = row.before !== null && cellText(row.before.todo).startsWith('1 ');
    if (lateNow !== wasLate) fonts.push({ key: row.key, late: lateNow });
    if (completedAt === null && isOpenAtMall(mall)) next.open.push(itemKey(c));
    // Turning late is shown on time; the time left may lag a quarter of an hour.
    const late = lateFrom(t);
    const tick = nextTodoChange(t, now);
    for (const at of [late !== null && late > now ? late : null, tick === null ? null : Math.max(tick, now + TICK_REFRESH_MS)]) {
      if (at !== null) next.due = next.due === null ? at : Math.min(next.due, at);
    }
  }

  // 6. Write: new rows in one append, changed cells by key, then the stock that came back.
  const wrote = ports.tab.write(rows, fonts);
  const shelfProblems = restock.size > 0 ? ports.restock(restock) : [];
  report.wroteSheet = wrote || fonts.length > 0 || restock.size > 0;
  report.stockMoved = restock.size > 0 || report.lines.length > 0;
  report.keep[CLAIMS_STATE_KEY] = JSON.stringify(next);

  if (added.length > 0) report.messages.push({ level: 'info', message: `클레임 ${added.length}건 추가` });
  if (jobs.length + finishes.length > 0 || failed > 0) {
    const units = [...restock.values()].reduce((a, b) => a + b, 0);
    const text = [`클레임 처리 ${jobs.length}건 (실패 ${failed}건)`, finishes.length > 0 ? `입고 완료 ${finishes.length}건, 재입고 ${units}개` : ''].filter(Boolean).join(', ');
    report.messages.push({ level: failed > 0 ? 'warn' : 'info', message: text });
  }
  if (refused > 0) report.messages.push({ level: 'warn', message: `클레임 ${refused}건은 처리할 수 없습니다 (처리결과 열 참고)` });
  for (const problem of shelfProblems) report.messages.push({ level: 'warn', message: `재입고: ${problem}` });
  return report;
}

/** What the mall was asked to do, as the status cell says it was done. */
const VERB: Readonly<Record<MallCommand['kind'], string>> = {
  acceptCancel: '취소 승인됨',
  reject: '요청 거부됨',
  acceptReturn: '반품 승인됨',
  completeReturn: '반품 완료됨',
  acceptExchange: '교환 승인됨',
  completeExchange: '교환 완료됨',
};

/**
 * The malls' word on the rows: each claim record's cells (new rows for new claims), and the end
 * of a claim whose line no longer carries it (rejected, or withdrawn by the buyer). Returns the
 * keys of the rows added.
 */
function mergeMallView(
  rows: Map<string, WorkRow>,
  records: ReturnType<typeof claimRecords>,
  ended: readonly OrderLine[],
  lang: Lang,
  claimStateOf: (partnerId: string, rawStatus: string) => MallClaimState | null,
): string[] {
  const added: string[] = [];
  for (const r of records) {
    const key = claimKeyOf(r);
    let row = rows.get(key);
    if (!row) {
      row = { key, before: null, cells: {} };
      rows.set(key, row);
      added.push(key);
    }
    for (const [k, v] of Object.entries(claimRowValues(r, lang))) set(row, k, v);
  }
  for (const l of ended) {
    const after = claimStateOf(l.partnerId, l.rawStatus);
    if (after === null) continue;
    for (const row of rows.values()) {
      const c = view(row).cells;
      const mall = c.rawStatus === null || c.partnerId === null ? null : claimStateOf(c.partnerId, c.rawStatus);
      if (c.partnerId !== l.partnerId || c.itemId !== l.itemId || mall === null || !isOpenAtMall(mall)) continue;
      // Withdrawn (a normal code again) or rejected (C11, R11, E11) ends this row's claim; a code
      // of another claim kind is not about this row.
      if (after.claim !== null && after.claim !== mall.claim) continue;
      set(row, 'claimStatus', claimStatusLabel(after, l.rawStatus, lang));
    }
  }
  return added;
}

function view(row: WorkRow): ClaimRead {
  return readClaimRow({ rowNumber: 0, key: row.key, get: (k) => row.cells[k] });
}

/** Only the add-on's own columns are ever set. */
function set(row: WorkRow, column: string, value: unknown): void {
  if (!systemColumns().has(column)) throw new Error(`claims: ${column} is a staff column`);
  row.cells[column] = value;
}

function setStatus(row: WorkRow, text: string): void {
  set(row, 'status', text);
}

/** The reason goes to the row's status; 1 when that is news (for the log), else 0. */
function refuseRow(row: WorkRow, reason: string): number {
  setStatus(row, reason);
  return row.before !== null && cellText(row.before.status) === reason ? 0 : 1;
}

function lazySettings(ports: ClaimsPorts): ClaimSettings {
  let auto: boolean | null = null;
  return {
    get autoAcceptCancel() {
      return (auto ??= ports.autoAcceptCancel());
    },
  };
}

/** Wholesale price by SKU, read on first need. */
function lazyPrices(ports: ClaimsPorts): (sku: string) => number | null {
  let prices: ReadonlyMap<string, number> | null = null;
  return (sku) => (prices ??= ports.wholesalePrices()).get(sku) ?? null;
}

function parseState(text: string | undefined): ClaimsState | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<ClaimsState>;
    if (typeof s.seen !== 'string' || !Array.isArray(s.open)) return null;
    const refused = typeof s.refused === 'object' && s.refused !== null ? Object.fromEntries(Object.entries(s.refused).map(([k, v]) => [k, String(v)])) : {};
    return { seen: s.seen, due: typeof s.due === 'number' ? s.due : null, retry: s.retry === true, open: s.open.map(String), refused };
  } catch {
    return null;
  }
}

