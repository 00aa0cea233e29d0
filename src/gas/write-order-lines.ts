import type { OrderLine } from '../core/order';
import type { KeyValueStore } from '../core/ports';
import { writeShippedLines } from '../jobs/warehouse-out';
import type { Lang } from '../sheet/schema';
import { ordersWriter, type UpsertResult } from './adapters/orders-tab';
import { addonStore } from './adapters/stores';
import { warehouseTab } from './warehouse-tab';

/**
 * Order lines to the orders tab (by key), and the units that left with them off the warehouse
 * stock, in that order of effects (src/jobs/warehouse-out.ts): what every writer of lines (the
 * sync, a scan) must do together.
 */
export function writeOrderLines(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lines: readonly OrderLine[],
  lang: Lang,
  /** The execution's script properties (read once per execution). */
  store: KeyValueStore = addonStore(),
): UpsertResult & { stockProblems: string[]; stockMoved: boolean } {
  const out = writeShippedLines(lines, { rows: ordersWriter(ss, lang), warehouse: warehouseTab(ss), journal: store, now: Date.now() });
  return { ...out.written, stockProblems: out.problems, stockMoved: out.moved };
}
