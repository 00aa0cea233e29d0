/**
 * Units that leave the warehouse come off 물류재고 when their order rows first say shipped. The
 * two writes (the products tab's counts, the orders tab's rows) cannot be made at once, and an
 * execution may stop between any two calls (the six-minute limit). The order of effects is
 * chosen so that a stop leaves the stock short for a moment (never overstated: the malls must
 * not be offered what has left), and the run after it takes nothing twice:
 *
 * 1. a note of what is about to come off (per SKU: the count before, the count after, the
 *    items) is kept in properties;
 * 2. the counts move;
 * 3. the rows are written.
 *
 * The next run that touches a SKU first settles the notes of it: a count still at its "before"
 * means the move never happened (the note is dropped, the items are taken when their rows are
 * written); any other count means it did (the items are not taken again). A count staff typed
 * since is a count of what is on the shelf: it is not corrected either way.
 */
import type { OrderLine } from '../core/order';
import type { KeyValueStore } from '../core/ports';
import { WAREHOUSE_OUT_KEY } from './kept';

/** Notes of rows never written are forgotten after this long. */
const KEEP_MS = 3 * 86_400_000;

/** Units of one order item that leave with its row. */
export interface LeavingUnit {
  /** The row's key (partner | item). */
  readonly item: string;
  readonly sku: string;
  readonly quantity: number;
}

/** The products tab's warehouse counts. */
export interface WarehousePort {
  /** The counts now (null: the SKU is not on the tab, or its cell is not a number). */
  counts(skus: readonly string[]): ReadonlyMap<string, number | null>;
  /** Moves counts by whole units (never below 0); what could not be applied, in Korean. */
  move(deltas: ReadonlyMap<string, number>): string[];
}

/** The orders tab as the writer of lines sees it. */
export interface OrderRowsPort<W> {
  /** The units of these lines whose rows do not say shipped yet. */
  leaving(lines: readonly OrderLine[]): LeavingUnit[];
  /** Which of these rows say shipped. */
  shippedOnTab(items: readonly string[]): ReadonlySet<string>;
  write(lines: readonly OrderLine[]): W;
}

export interface WarehouseOutPorts<W> {
  readonly rows: OrderRowsPort<W>;
  readonly warehouse: WarehousePort;
  /** Durable (script properties): the notes of step 1. */
  readonly journal: KeyValueStore;
  readonly now: number;
}

interface Note {
  readonly at: number;
  readonly sku: string;
  readonly before: number;
  readonly after: number;
  readonly items: readonly string[];
  /** The move happened; the rows may not be written yet. */
  readonly done?: true;
}

/** Order lines to the orders tab, and the units that left with them off the warehouse counts. */
export function writeShippedLines<W>(lines: readonly OrderLine[], p: WarehouseOutPorts<W>): { written: W; problems: string[]; moved: boolean } {
  const leaving = p.rows.leaving(lines);
  if (leaving.length === 0) return { written: p.rows.write(lines), problems: [], moved: false };
  const skus = [...new Set(leaving.map((u) => u.sku))];
  const counts = p.warehouse.counts(skus);
  const before = readNotes(p.journal);
  const settled = settleNotes(before, counts);
  // Units that came off in a run that stopped before writing their rows: not taken again.
  const off = new Set(settled.filter((n) => n.done).flatMap((n) => n.items));
  const deltas = new Map<string, number>();
  const itemsOf = new Map<string, string[]>();
  for (const u of leaving) {
    if (off.has(u.item)) continue;
    deltas.set(u.sku, (deltas.get(u.sku) ?? 0) - u.quantity);
    itemsOf.set(u.sku, [...(itemsOf.get(u.sku) ?? []), u.item]);
  }
  const fresh: Note[] = [];
  for (const [sku, d] of deltas) {
    const c = counts.get(sku);
    if (typeof c === 'number') fresh.push({ at: p.now, sku, before: c, after: Math.max(0, c + d), items: itemsOf.get(sku)! });
  }
  // Notes whose rows are all written are done with; so are very old ones.
  const onTab = p.rows.shippedOnTab(settled.flatMap((n) => n.items));
  const kept = settled.filter((n) => n.at > p.now - KEEP_MS && n.items.some((i) => !onTab.has(i)));
  // 1. the note, 2. the counts, 3. the rows.
  saveNotes(p.journal, before, [...kept, ...fresh]);
  const problems = deltas.size > 0 ? p.warehouse.move(deltas) : [];
  const written = p.rows.write(lines);
  return { written, problems, moved: deltas.size > 0 };
}

/**
 * Other moves of the counts (returns put back on the shelf): the notes of those SKUs are settled
 * first, so the move is not mistaken later for one that a stopped run made.
 */
export function moveWarehouse(deltas: ReadonlyMap<string, number>, p: Omit<WarehouseOutPorts<unknown>, 'rows'>): string[] {
  if (deltas.size === 0) return [];
  const before = readNotes(p.journal);
  if (before.some((n) => !n.done && deltas.has(n.sku))) saveNotes(p.journal, before, settleNotes(before, p.warehouse.counts([...deltas.keys()])));
  return p.warehouse.move(deltas);
}

/**
 * Notes of the SKUs read: a count still at its "before" never moved (the note goes: its items
 * are taken when their rows are written); any other count did (or staff counted the shelf since).
 */
function settleNotes(notes: readonly Note[], counts: ReadonlyMap<string, number | null>): Note[] {
  return notes.flatMap((n): Note[] => {
    if (n.done || !counts.has(n.sku)) return [n];
    const now = counts.get(n.sku);
    if (now === n.before && n.before !== n.after) return [];
    return [{ ...n, done: true }];
  });
}

export function readNotes(store: KeyValueStore): Note[] {
  const text = store.get(WAREHOUSE_OUT_KEY);
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as Note[]) : [];
  } catch {
    return [];
  }
}

function saveNotes(store: KeyValueStore, before: readonly Note[], after: readonly Note[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (after.length === 0) store.delete(WAREHOUSE_OUT_KEY);
  else store.set(WAREHOUSE_OUT_KEY, JSON.stringify(after));
}
