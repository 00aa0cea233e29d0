/**
 * Answering claims as a use case, with no runtime: the claims tab, the warehouse column and a
 * channel are all in memory. What staff see is the tab's rows; what the buyer sees is the
 * channel's decision.
 */
import type { OrderLine } from '../../src/core/order';
import type * as Claims from '../../src/jobs/claims';
import type * as Gateway from '../../src/jobs/gateway';
import type * as Kept from '../../src/jobs/kept';
import type { TableRow } from '../../src/sheet/table';
import { MEMORY, MemoryChannel, serveFromRegistry, memoryAccount, memoryLine } from './memory-channel';
import { MemoryCache, SimClock } from './memory-ports';
import { partner } from './product-fixture';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { answerClaims } = require('../../src/jobs/claims') as typeof Claims;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;
const { CLAIMS_EDITED_KEY, CLAIMS_STATE_KEY } = require('../../src/jobs/kept') as typeof Kept;

const T0 = Date.UTC(2026, 11, 4, 0, 0, 0);
const own = memoryAccount('PNR001', 'ownshop');

/** The claims tab in memory: rows by key, as staff and the add-on leave them. */
class ClaimsTab implements Claims.ClaimsTabPort {
  readonly cells = new Map<string, Record<string, unknown>>();
  reads = 0;
  late = new Map<string, boolean>();
  rows(): TableRow[] {
    this.reads++;
    return [...this.cells].map(([key, cells], i) => ({ rowNumber: i + 2, key, get: (k: string) => cells[k] ?? '' }));
  }
  write(rows: ReadonlyMap<string, Claims.WorkRow>, lateness: ReadonlyArray<{ key: string; late: boolean }>): boolean {
    for (const r of rows.values()) this.cells.set(r.key, { ...(this.cells.get(r.key) ?? {}), ...r.cells });
    for (const l of lateness) this.late.set(l.key, l.late);
    return rows.size > 0;
  }
  /** A person picks 처리요청 on the row of an item. */
  staffSets(itemId: string, column: string, value: string): void {
    const [, cells] = [...this.cells].find(([, c]) => c.itemId === itemId)!;
    cells[column] = value;
  }
  row(itemId: string): Record<string, unknown> {
    return [...this.cells.values()].find((c) => c.itemId === itemId)!;
  }
}

let clock: SimClock;
let tab: ClaimsTab;
let kept: Record<string, string>;
let autoAccept: boolean;

beforeEach(() => {
  channel.orders_.length = 0;
  channel.decisions.length = 0;
  channel.accountOf.set('PNR001', 'ownshop');
  clock = new SimClock(T0);
  tab = new ClaimsTab();
  kept = {};
  autoAccept = false;
});

/** One sync's claims step: the lines it wrote, the cache it read; what it keeps is kept. */
function run(lines: readonly OrderLine[]) {
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
  const report = answerClaims(
    { lines, partners: [{ ...partner('PNR001', 'own'), channel: MEMORY }], conns: new Map([['PNR001', own]]), gateway, kept, lang: 'ko' },
    { tab, clock, wholesalePrices: () => new Map([['SKU-1', 5000]]), autoAcceptCancel: () => autoAccept, restock: () => [] },
  );
  Object.assign(kept, report.keep);
  return report;
}

const cancelRequested = () => {
  const line = memoryLine('PNR001', 'A-1', 1, { status: 'cancelRequested', rawStatus: 'CANCEL_REQUESTED', claim: 'cancel', claimCode: 'CL-1', claimRequestedAt: T0 });
  channel.addOrder(line);
  return line;
};

test('a cancel request becomes a row with its answer-by and a to-do; nothing is asked of the channel yet', () => {
  const report = run([cancelRequested()]);
  expect(tab.row('A-1-1')).toMatchObject({ partnerId: 'PNR001', claimId: 'CL-1', type: '취소', claimStatus: '취소요청 (CANCEL_REQUESTED)', answerBy: new Date(T0 + 24 * 3600_000) });
  expect(String(tab.row('A-1-1').todo)).not.toBe('');
  expect(report.messages).toEqual([{ level: 'info', message: '클레임 1건 추가' }]);
  expect(channel.decisions).toEqual([]);
});

test('staff\'s 승인 goes to the channel on the next run, and the row shows what the channel made of it', () => {
  run([cancelRequested()]);
  tab.staffSets('A-1-1', 'action', '승인');
  clock.advance(60_000);
  kept[CLAIMS_EDITED_KEY] = String(clock.now());
  const report = run([]);
  expect(channel.decisions).toEqual([{ account: 'ownshop', itemId: 'A-1-1', command: 'acceptCancel' }]);
  expect(tab.row('A-1-1')).toMatchObject({ claimStatus: '취소완료 (CANCELLED)', status: '메모리몰: 취소 승인됨 (canceled · CANCELLED)', completedAt: expect.any(Date) });
  // The order read again after acting goes to the orders tab in the same run.
  expect(report.lines).toEqual([expect.objectContaining({ itemId: 'A-1-1', status: 'cancelled' })]);
});

test('with the setting on, a cancel before shipping is accepted in the run that brings it', () => {
  autoAccept = true;
  run([cancelRequested()]);
  expect(channel.decisions).toEqual([{ account: 'ownshop', itemId: 'A-1-1', command: 'acceptCancel' }]);
});

test('a quiet run, nothing new and nothing due, does not even read the tab', () => {
  run([cancelRequested()]);
  const reads = tab.reads;
  clock.advance(60_000);
  const report = run([]);
  expect(tab.reads).toBe(reads);
  expect(report.keep[CLAIMS_STATE_KEY]).toBe(kept[CLAIMS_STATE_KEY]);
});

test('a request the channel refused is not sent again every run, only after staff touch the tab', () => {
  channel.received.length = 0;
  run([cancelRequested()]);
  tab.staffSets('A-1-1', 'action', '승인');
  channel.failNext('ownshop', 'claims.act', 400);
  clock.advance(60_000);
  kept[CLAIMS_EDITED_KEY] = String(clock.now());
  run([]);
  expect(String(tab.row('A-1-1').status)).toMatch(/오류/);
  // The claim's line changes at the channel each minute (another read brings it): not a reason to ask again.
  for (let i = 0; i < 3; i++) {
    clock.advance(60_000);
    run([cancelRequested()]);
  }
  const asked = () => channel.received.filter((r) => r === 'ownshop claims.act').length;
  expect(asked()).toBe(1);
  expect(String(tab.row('A-1-1').status)).toMatch(/오류/);
  // Staff pick 승인 again: the next run sends it.
  tab.staffSets('A-1-1', 'action', '승인');
  clock.advance(60_000);
  kept[CLAIMS_EDITED_KEY] = String(clock.now());
  run([]);
  expect(asked()).toBe(2);
  expect(channel.decisions).toEqual([{ account: 'ownshop', itemId: 'A-1-1', command: 'acceptCancel' }]);
});
