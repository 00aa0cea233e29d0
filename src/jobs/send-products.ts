/**
 * Sending products, a step of every sync: new and changed products go to the connected malls that sell
 * them, a few at a time (the pace), and the sheet says what happened: each stock-ratio row gets
 * its mall's product no. and the mall's answer, each product row a line per mall ("PNR001 등록,
 * PNR002 갱신") and the time it was last sent.
 *
 * What each mall was last sent, and since when each pair waits, live in script properties (see
 * `readPushState`), not in cells: staff sort and edit the tabs, and a cell could not hold it.
 */
import { cellText, type KeyedUpdate } from '../sheet/table';
import type { ChannelAccount, Gateway, ProductPushResult } from '../channels/port';
import type { Partner } from '../core/partner';
import type { KeyValueStore } from '../core/ports';
import { stockKey } from '../core/stock';
import { productSkus, readProducts } from '../sheet/products';
import { readRatios } from '../sheet/ratios';
import { PRODUCTS, STOCK_RATIOS } from '../sheet/tabs';
import { CHECKED_KEY, EDITED_KEY, LAST_BATCH_KEY, WAITING_KEY } from './kept';
import { DEFAULT_PRODUCT_PACE, mirroredMarks, nextPushState, planProductPush, productsDue, pushProductSteps, pushStateWrites, readPushState, type ProductPace, type ProductPushSkip } from './product-push';
import type { TablesPort } from './tables';

export interface ProductsStepReport {
  created: number;
  updated: number;
  /** Failed calls (deferred ones are not failures: they go again next time). */
  failed: number;
  /** Rows whose cells were written (the caller flushes when > 0). */
  rowsChanged: number;
  /** For the log tab, Korean. */
  messages: string[];
  /** Pairs still waiting for a later batch (pace, deferral, failure): later runs send them. */
  pending: boolean;
  /** Whether this run read the tabs (there was an edit to look at, or a batch was due). */
  read: boolean;
  /** The marks as they now stand, for the sync to keep in the cache (PRODUCT_MARKS_CACHE_KEY). */
  marks: string;
}

/** One word per mall in a product's push status (a Record: a new outcome cannot go unnamed). */
const WORD: Readonly<Record<ProductPushResult['action'] | 'skipped', string>> = {
  created: '등록',
  updated: '갱신',
  optionItem: '옵션품목',
  failed: '실패',
  unlinked: '실패',
  deferred: '대기',
  skipped: '보류',
};

/** At most this many failures are logged one by one per run; the rows hold them all. */
const LOGGED_FAILURES = 5;

export function sendProducts(
  tables: TablesPort,
  partners: readonly Partner[],
  conns: ReadonlyMap<string, ChannelAccount>,
  gateway: Gateway,
  now: Date,
  /** The document's properties (what was pushed, the pace's marks). */
  properties: KeyValueStore,
  pace: ProductPace = DEFAULT_PRODUCT_PACE,
  cached: { marks?: string | undefined; edited?: string | undefined } = {},
): ProductsStepReport {
  const marks = mirroredMarks(properties, cached.marks, cached.edited, now.getTime());
  const store = marks.store;
  const report: ProductsStepReport = { created: 0, updated: 0, failed: 0, rowsChanged: 0, messages: [], pending: false, read: false, marks: '' };
  const t = now.getTime();
  const lastBatchAt = timeOf(store.get(LAST_BATCH_KEY), t);
  const waitingBefore = Number(store.get(WAITING_KEY) ?? 0) || 0;
  report.pending = waitingBefore > 0;
  // Decided from script properties alone (already read by the run): an idle minute, or one
  // between batches, touches no sheet.
  const due = productsDue({ editedAt: timeOf(store.get(EDITED_KEY), t), checkedAt: timeOf(store.get(CHECKED_KEY), t), waiting: waitingBefore, lastBatchAt, now: t, pace });
  report.marks = marks.mirror();
  const malls = partners.filter((p) => conns.has(p.partnerId));
  if (due === 'idle' || malls.length === 0) return report;
  const productsGrid = tables.grid(PRODUCTS);
  const ratiosGrid = productsGrid && tables.grid(STOCK_RATIOS);
  if (!productsGrid || !ratiosGrid) return report;
  report.read = true;

  const productReads = readProducts(productsGrid);
  const skus = productSkus(productReads);
  const ratioReads = readRatios(ratiosGrid, { skus, partners: new Map(partners.map((p) => [p.partnerId, p])) });
  const stored = readPushState((key) => store.get(key));
  const plan = planProductPush({
    products: productReads.flatMap((r) => (r.ok ? [r.product] : [])),
    ratios: ratioReads.flatMap((r) => (r.ok ? [r.stockRatio] : [])),
    partners: malls,
    pushed: stored.state.pushed,
    waitingSince: stored.state.waitingSince,
    now: t,
    pace,
    lastBatchAt,
  });
  const results = pushProductSteps(plan.steps, conns, gateway);

  // What the malls now hold is stored before the sheet is written: were the run to stop in
  // between, the rows are caught up next time, and nothing is created twice.
  const state = nextPushState(stored.state, plan.waitingSince, results, skus, t);
  for (const w of pushStateWrites(state, stored)) store.set(w.key, w.value);
  // Only a batch that sent something starts a pace period: an edit read with nothing to send
  // leaves the next one free to go at once.
  if (plan.steps.length > 0) store.set(LAST_BATCH_KEY, String(t));
  // What waits is counted from the state just stored, so the next runs come back by themselves
  // (every pace period) until nothing is left, whatever becomes of the cache.
  const waiting = state.waitingSince.size;
  if (waiting !== waitingBefore) store.set(WAITING_KEY, String(waiting));
  // Edits made after this run started are newer than this mark and are read next time.
  store.set(CHECKED_KEY, String(t));
  report.marks = marks.mirror();

  const ratioUpdates = ratioRows(ratioReads, results, plan.skipped);
  const productUpdates = productRows(productReads, results, plan.skipped, now);
  tables.writeByKey(STOCK_RATIOS, ratioUpdates);
  tables.writeByKey(PRODUCTS, productUpdates);
  report.rowsChanged = ratioUpdates.length + productUpdates.length;

  const failures = results.filter((r) => r.action === 'failed' || r.action === 'unlinked');
  report.created = results.filter((r) => r.action === 'created').length;
  report.updated = results.filter((r) => r.action === 'updated').length;
  report.failed = failures.length;
  const count = (action: ProductPushResult['action']) => results.filter((r) => r.action === action).length;
  report.pending = waiting > 0;
  if (results.length > 0) {
    const parts = [`등록 ${report.created}건`, `갱신 ${report.updated}건`];
    if (count('optionItem')) parts.push(`옵션 품목으로 연결 ${count('optionItem')}건`);
    if (report.failed) parts.push(`실패 ${report.failed}건`);
    if (count('deferred')) parts.push(`미룸 ${count('deferred')}건`);
    const rest = waiting > 0 ? ` — 남은 ${waiting}건은 ${Math.round(pace.everyMs / 60_000)}분마다 ${pace.count}건씩 보냅니다` : '';
    report.messages.push(`상품 전송: ${parts.join(', ')}${rest}`);
  }
  for (const f of failures.slice(0, LOGGED_FAILURES)) report.messages.push(`상품 ${f.sku} → ${f.partnerId}: ${f.status}`);
  if (failures.length > LOGGED_FAILURES) report.messages.push(`그 밖의 상품 전송 실패 ${failures.length - LOGGED_FAILURES}건: 연동재고율 탭 처리결과를 보세요`);
  return report;
}

/** A stored time; null when absent, damaged, or in the future (a clock set wrong must not stall the push). */
function timeOf(text: string | null, now: number): number | null {
  const t = text === null ? NaN : Number(text);
  return Number.isFinite(t) && t <= now ? t : null;
}

/** Stock-ratio rows: the mall's product (and variant, on create) and its answer. */
function ratioRows(reads: ReturnType<typeof readRatios>, results: readonly ProductPushResult[], skipped: readonly ProductPushSkip[]): KeyedUpdate[] {
  const resultOf = new Map(results.map((r) => [stockKey(r.sku, r.partnerId), r]));
  const skipOf = new Map(skipped.map((s) => [stockKey(s.sku, s.partnerId), s]));
  const updates: KeyedUpdate[] = [];
  for (const read of reads) {
    const key = read.row.key;
    const result = resultOf.get(key);
    const skip = skipOf.get(key);
    if (!read.ok || (!result && !skip)) continue;
    const values: Record<string, unknown> = {};
    const cell = (column: string) => cellText(read.row.get(column));
    if (result?.action === 'unlinked') {
      if (cell('channelProductNo') !== '') values.channelProductNo = '';
      if (cell('channelVariantCode') !== '') values.channelVariantCode = '';
    } else if (result?.productNo && cell('channelProductNo') !== result.productNo) {
      values.channelProductNo = result.productNo;
    }
    // The variant the stock push addresses, when this run learned it.
    const variantCode = result?.action === 'created' || result?.action === 'optionItem' ? result.variantCode : null;
    if (variantCode && cell('channelVariantCode') !== variantCode) values.channelVariantCode = variantCode;
    const status = result ? result.status : skip!.reason;
    if (cell('status') !== status) values.status = status;
    if (Object.keys(values).length > 0) updates.push({ key, values });
  }
  return updates;
}

/** Product rows: one word per mall for what happened last, and when the product last went out. */
function productRows(reads: ReturnType<typeof readProducts>, results: readonly ProductPushResult[], skipped: readonly ProductPushSkip[], now: Date): KeyedUpdate[] {
  const words = new Map<string, Map<string, string>>();
  const put = (sku: string, partnerId: string, word: string) => words.set(sku, (words.get(sku) ?? new Map<string, string>()).set(partnerId, word));
  for (const s of skipped) put(s.sku, s.partnerId, WORD.skipped);
  for (const r of results) put(r.sku, r.partnerId, WORD[r.action]);
  const sent = new Set(results.filter((r) => r.action === 'created' || r.action === 'updated').map((r) => r.sku));
  const updates: KeyedUpdate[] = [];
  for (const read of reads) {
    const sku = read.row.key;
    const mine = words.get(sku);
    if (!sku || !mine) continue;
    const values: Record<string, unknown> = {};
    const pushStatus = mergePushStatus(cellText(read.row.get('pushStatus')), mine);
    if (pushStatus !== cellText(read.row.get('pushStatus'))) values.pushStatus = pushStatus;
    if (sent.has(sku)) values.updatedAt = now;
    if (Object.keys(values).length > 0) updates.push({ key: sku, values });
  }
  return updates;
}

/**
 * "PNR001 등록, PNR002 갱신": the cell keeps each mall's last word, and this run's words replace
 * those malls' (a batch reaches only some malls of a product). Anything else in the cell goes.
 */
export function mergePushStatus(cell: string, words: ReadonlyMap<string, string>): string {
  const entries = new Map<string, string>();
  for (const part of cell.split(',')) {
    const m = /^(\S+) (\S+)$/.exec(part.trim());
    if (m) entries.set(m[1]!, m[2]!);
  }
  for (const [partnerId, word] of words) entries.set(partnerId, word);
  return [...entries]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([partnerId, word]) => `${partnerId} ${word}`)
    .join(', ');
}
