import type { OrderLine } from '../../src/core/order';
import { moveWarehouse, writeShippedLines, type LeavingUnit, type OrderRowsPort, type WarehousePort } from '../../src/jobs/warehouse-out';
import { MemoryStore, T0 } from './memory-ports';

/**
 * Units leave 물류재고 (warehouse stock) when their rows first say shipped. An execution can stop
 * between any two calls; whatever the point, the stock is never overstated (a row that says
 * shipped has its units off), and the run after the stop takes nothing twice.
 */
class Stopped extends Error {}

/** One sheet and its properties: every effect counts, and the world can stop after `stopAfter` of them. */
class World {
  readonly stock = new Map<string, number>([['NJ-MUG', 100], ['NJ-BLANKET', 40]]);
  readonly shipped = new Set<string>();
  readonly store = new MemoryStore();
  effects: string[] = [];
  stopAfter = Infinity;

  private effect(name: string): void {
    if (this.effects.length >= this.stopAfter) throw new Stopped(`stopped before ${name}`);
    this.effects.push(name);
  }

  /** A fresh execution: its own copy of the properties, the same sheet. */
  execution(): { rows: OrderRowsPort<number>; warehouse: WarehousePort; journal: MemoryStore; now: number } {
    const journal = new MemoryStore();
    for (const k of ['warehouse.out']) {
      const v = this.store.peek(k);
      if (v !== null) journal.seed(k, v);
    }
    // Writes go to the shared store, as script properties do.
    const store = this.store;
    const effect = (n: string) => this.effect(n);
    const j = Object.assign(journal, {
      set(key: string, value: string) {
        effect('journal');
        MemoryStore.prototype.set.call(journal, key, value);
        store.seed(key, value);
      },
      delete(key: string) {
        effect('journal');
        MemoryStore.prototype.delete.call(journal, key);
        store.deleteElsewhere(key);
      },
    });
    return {
      journal: j,
      now: T0,
      warehouse: {
        counts: (skus) => new Map(skus.map((s) => [s, this.stock.get(s) ?? null])),
        move: (deltas) => {
          for (const [sku, d] of deltas) {
            effect(`stock ${sku}`);
            this.stock.set(sku, Math.max(0, this.stock.get(sku)! + d));
          }
          return [];
        },
      },
      rows: {
        leaving: (lines) =>
          lines.flatMap((l): LeavingUnit[] => (l.shippedAt !== null && l.sku !== null && !this.shipped.has(`${l.partnerId}|${l.itemId}`) ? [{ item: `${l.partnerId}|${l.itemId}`, sku: l.sku, quantity: l.quantity }] : [])),
        shippedOnTab: (items) => new Set(items.filter((i) => this.shipped.has(i))),
        write: (lines) => {
          effect('rows');
          for (const l of lines) if (l.shippedAt !== null) this.shipped.add(`${l.partnerId}|${l.itemId}`);
          return lines.length;
        },
      },
    };
  }

  run(lines: readonly OrderLine[]): void {
    try {
      writeShippedLines(lines, this.execution());
    } catch (e) {
      if (!(e instanceof Stopped)) throw e;
    }
  }
}

const line = (itemId: string, sku: string, quantity: number): OrderLine =>
  ({ partnerId: 'PNR002', orderId: itemId.slice(0, 16), itemId, sku, quantity, shippedAt: T0, status: 'shipping' }) as unknown as OrderLine;
const parcel = [line('20261123-0000001-01', 'NJ-MUG', 2), line('20261123-0000001-02', 'NJ-BLANKET', 1)];

/** How many effects one undisturbed run makes. */
function effectsOfOneRun(): number {
  const w = new World();
  w.run(parcel);
  return w.effects.length;
}

describe('units leave the warehouse before their rows say shipped', () => {
  const points = Array.from({ length: effectsOfOneRun() + 1 }, (_, n) => n);

  it.each(points)('stopped after %i effect(s): no row says shipped with its units still counted', (n) => {
    const w = new World();
    w.stopAfter = n;
    w.run(parcel);
    if (w.shipped.has('PNR002|20261123-0000001-01')) expect(w.stock.get('NJ-MUG')).toBe(98);
    if (w.shipped.has('PNR002|20261123-0000001-02')) expect(w.stock.get('NJ-BLANKET')).toBe(39);
    // Only ever short, never over.
    expect(w.stock.get('NJ-MUG')).toBeLessThanOrEqual(100);
  });

  it.each(points)('stopped after %i effect(s), the next run writes the rows and takes each unit exactly once', (n) => {
    const w = new World();
    w.stopAfter = n;
    w.run(parcel);
    w.stopAfter = Infinity;
    // The next run sees the same lines again (the mall says shipped; the rows may not yet).
    w.run(parcel);
    w.run(parcel);
    expect([w.stock.get('NJ-MUG'), w.stock.get('NJ-BLANKET')]).toEqual([98, 39]);
    expect(w.shipped.size).toBe(2);
  });

  it('a stopped run followed by another parcel of the same SKU: each taken once', () => {
    const w = new World();
    w.stopAfter = 1;
    w.run(parcel);
    w.stopAfter = Infinity;
    w.run([line('20261123-0000002-01', 'NJ-MUG', 5)]);
    w.run(parcel);
    expect(w.stock.get('NJ-MUG')).toBe(100 - 5 - 2);
  });

  it('a return put on the shelf between a stopped run and the next is not taken for the stopped move', () => {
    for (const stop of [1, 2]) {
      const w = new World();
      w.stopAfter = stop;
      w.run(parcel);
      w.stopAfter = Infinity;
      moveWarehouse(new Map([['NJ-MUG', 3]]), w.execution());
      w.run(parcel);
      expect(w.stock.get('NJ-MUG')).toBe(100 + 3 - 2);
    }
  });
});
