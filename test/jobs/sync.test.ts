/**
 * The minute's sync as a use case, with no runtime: its order of steps against ports in memory
 * (a channel, the tabs, cache, store, lock). What staff rely on: one run at a time, orders in
 * the sheet before a cursor moves, one partner's trouble on its own row while the others go on,
 * and a quiet minute that touches no sheet.
 */
import type * as Sync from '../../src/jobs/sync';
import type * as Gateway from '../../src/jobs/gateway';
import type { OrderLine } from '../../src/core/order';
import type { KeyValueStore } from '../../src/core/ports';
import { readPartners } from '../../src/sheet/partners';
import { PARTNERS } from '../../src/sheet/tabs';
import { MEMORY, MemoryChannel, memoryLine, serveFromRegistry } from './memory-channel';
import { MemoryCache, MemoryLock, MemoryStore, SimClock } from './memory-ports';
import { MemoryTables } from './memory-tables';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { runSync } = require('../../src/jobs/sync') as typeof Sync;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;

/** 03:00 in Seoul: before the day's settlement refresh, so settlement has nothing due. */
const T0 = Date.UTC(2026, 11, 3, 18, 0, 0);
let settlementRecord: string | null;

/** What the run did, in the order it did it. */
let journal: string[];
let clock: SimClock;
let cache: MemoryCache;
let store: MemoryStore;
let lock: MemoryLock;
let tables: MemoryTables;
/** The orders tab, by key. */
let sheet: Map<string, OrderLine>;
let marks: Array<{ partnerId: string; connection?: string; status?: string }>;
let logged: Array<{ job: string; level: string; message: string }>;
let failWrite: boolean;
/** The relay the channels would send through (null: none set), and how often a run asked for it. */
let relay: ReturnType<Sync.SyncPorts['channels']>['relay'];
let relayAsked: number;

beforeEach(() => {
  channel.orders_.length = 0;
  channel.received.length = 0;
  channel.confirmed.length = 0;
  channel.disconnected.clear();
  channel.accountOf.clear();
  channel.accountOf.set('PNR001', 'ownshop').set('PNR002', 'partner2');
  journal = [];
  clock = new SimClock(T0);
  cache = new MemoryCache();
  store = new MemoryStore(journal);
  lock = new MemoryLock(journal);
  tables = new MemoryTables();
  tables.put(PARTNERS, [
    { partnerId: 'PNR001', name: '자사몰', role: '자사몰', channel: '카페24', accountId: 'ownshop' },
    { partnerId: 'PNR002', name: '나잘란', role: '자사몰', channel: '카페24', accountId: 'partner2' },
  ]);
  sheet = new Map();
  marks = [];
  logged = [];
  failWrite = false;
  relay = () => null;
  relayAsked = 0;
  settlementRecord = null;
});

function ports(): Sync.SyncPorts {
  return {
    lock,
    cache,
    clock,
    tables,
    partners: {
      // The rows as the tab reads them, on the channel of this spec.
      read: () => {
        journal.push('read partners');
        return readPartners(tables.grid(PARTNERS)!).map((r) => (r.ok ? { ...r, partner: { ...r.partner, channel: MEMORY } } : r));
      },
      mark: (updates) => {
        journal.push(`mark ${updates.map((u) => u.partnerId).join(',')}`);
        marks.push(...updates);
      },
    },
    channels: (budgetMs) => ({ store, gateway: new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache, transports: [channel.transport()], deadline: clock.now() + budgetMs, deferSave: true }), relay: () => (relayAsked++, relay()) }),
    writeLines: (lines: readonly OrderLine[], _store: KeyValueStore) => {
      if (failWrite) throw new Error('주문 탭 쓰기 실패');
      journal.push(`write ${lines.map((l) => l.itemId).join(',')}`);
      const appended = lines.filter((l) => !sheet.has(`${l.partnerId}|${l.itemId}`));
      for (const l of lines) sheet.set(`${l.partnerId}|${l.itemId}`, l);
      return { added: appended.length, updated: lines.length - appended.length, appended, stockProblems: [], stockMoved: false };
    },
    claims: () => ({ lines: [], stockMoved: false, wroteSheet: false, keep: {}, messages: [] }),
    settlement: {
      books: new Proxy({} as Sync.SyncPorts['settlement']['books'], {
        get: (_t, name) => () => {
          throw new Error(`settlement books touched: ${String(name)}`);
        },
      }),
      state: { load: () => settlementRecord, save: (text) => void (settlementRecord = text) },
    },
    log: (entries) => {
      journal.push('log');
      logged.push(...entries.map((e) => ({ job: e.job, level: e.level, message: e.message })));
    },
    fetchesSoFar: () => channel.received.length,
    flush: () => journal.push('flush'),
  };
}

const sync = (job: 'tick' | 'manual' = 'tick') => runSync(ports(), job, 'ko');
const cursorWrites = () => journal.filter((j) => j.startsWith('store.set') && /\.orders\.since\./.test(j));
/** Cache reads that reach the cache: the adapter answers keys this execution has read from its copy. */
const cacheRoundTrips = () => {
  const seen = new Set<string>();
  return cache.getAllCalls.filter((keys) => {
    const fresh = keys.some((k) => !seen.has(k));
    for (const k of keys) seen.add(k);
    return fresh;
  }).length;
};

test('a run that finds another holding the lock ends at once, reading nothing', () => {
  lock.busy = true;
  const report = sync();
  expect(report).toMatchObject({ ran: false, message: expect.stringMatching(/실행 중|running/) });
  expect(journal).toEqual(['lock refused']);
  expect(channel.received).toEqual([]);
  // The minute's tick does not wait for it; "sync now" waits up to ten seconds.
  sync('manual');
  expect(lock.timeouts).toEqual([0, 10_000]);
});

test("new paid orders reach the orders tab before the partner's cursor moves past them", () => {
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  channel.addOrder(memoryLine('PNR002', 'B-1', 1));
  const report = sync();
  expect(report).toMatchObject({ ran: true, ordersAdded: 2, ordersUpdated: 0, errors: [] });
  expect([...sheet.keys()].sort()).toEqual(['PNR001|A-1-1', 'PNR002|B-1-1']);
  const wrote = journal.indexOf('write A-1-1,B-1-1');
  expect(wrote).toBeGreaterThan(-1);
  expect(cursorWrites().length).toBe(2);
  for (const w of cursorWrites()) expect(journal.indexOf(w)).toBeGreaterThan(wrote);
  // The rows say both partners are connected; the sheet's writes are flushed before the lock goes.
  expect(marks).toEqual(expect.arrayContaining([{ partnerId: 'PNR001', connection: '연결됨', status: '' }, { partnerId: 'PNR002', connection: '연결됨', status: '' }]));
  expect(journal.slice(-2)).toEqual(['flush', 'unlock']);
});

test('when the orders tab cannot be written, no cursor moves: the next run collects the same orders', () => {
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  failWrite = true;
  expect(() => sync()).toThrow('주문 탭 쓰기 실패');
  expect(cursorWrites()).toEqual([]);
  expect(lock.held).toBe(false);
  failWrite = false;
  expect(sync()).toMatchObject({ ordersAdded: 1 });
  expect(sheet.has('PNR001|A-1-1')).toBe(true);
});

test("one partner's channel failing is shown on its row and logged once; the other partner's orders land", () => {
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  channel.addOrder(memoryLine('PNR002', 'B-1', 1));
  channel.failNext('partner2', 'orders.changed', 400);
  const report = sync();
  expect([...sheet.keys()]).toEqual(['PNR001|A-1-1']);
  expect(report.errors).toHaveLength(1);
  expect(marks).toContainEqual({ partnerId: 'PNR002', status: '메모리몰 오류 (400)' });
  expect(logged).toContainEqual({ job: 'orders', level: 'error', message: expect.stringContaining('PNR002: 메모리몰 오류 (400)') });
  // Next minute it answers: its orders land and its row clears.
  clock.advance(60_000);
  marks.length = 0;
  sync();
  expect([...sheet.keys()].sort()).toEqual(['PNR001|A-1-1', 'PNR002|B-1-1']);
  expect(marks).toContainEqual({ partnerId: 'PNR002', connection: '연결됨', status: '' });
});

test('a partner that is not connected is not called, and the others go on', () => {
  channel.disconnected.add('PNR002');
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  channel.addOrder(memoryLine('PNR002', 'B-1', 1));
  sync();
  expect(channel.received.every((r) => r.startsWith('ownshop '))).toBe(true);
  expect([...sheet.keys()]).toEqual(['PNR001|A-1-1']);
});

test('a quiet minute reads the cache once, writes it once, and touches no sheet', () => {
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  sync();
  // The minute after: inquiries, read on their own slower cadence, may be due; the one after is quiet.
  clock.advance(60_000);
  sync();
  clock.advance(60_000);
  journal.length = 0;
  tables.calls.length = 0;
  cache.getAllCalls.length = 0;
  cache.putAllCalls.length = 0;
  const report = sync();
  expect(report).toMatchObject({ ran: true, ordersAdded: 0, ordersUpdated: 0 });
  // The partners come from the snapshot the first run kept; nothing is written, logged or flushed.
  expect(journal).toEqual(['lock', 'unlock']);
  expect(tables.calls).toEqual([]);
  expect(cacheRoundTrips()).toBe(1);
  expect(cache.putAllCalls).toHaveLength(1);
});

test('with a relay set but no channel hearing its webhooks, a minute reads the relay settings only with the hourly settings read', () => {
  const forwarded: string[] = [];
  relay = () => ({ own: (path, payload) => ({ method: 'post', url: `https://relay.example${path}`, headers: {}, payload }), forward: (r) => (forwarded.push(r.url), r) });
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  for (let m = 0; m < 5; m++) {
    sync();
    clock.advance(60_000);
  }
  // Reading the relay's settings costs a property read and their check; no read of these malls depends on them.
  expect(relayAsked).toBe(1);
  expect(sheet.has('PNR001|A-1-1')).toBe(true);
  clock.advance(3_600_000);
  sync();
  expect(relayAsked).toBe(2);
});

test('an order the tab already has as it is is not written again; a change to it is', () => {
  const line = memoryLine('PNR001', 'A-1', 1);
  channel.addOrder(line);
  sync();
  clock.advance(60_000);
  channel.change('A-1-1', { receiverAddress2: '101동 202호' });
  const report = sync();
  expect(report).toMatchObject({ ordersAdded: 0, ordersUpdated: 1 });
  expect(sheet.get('PNR001|A-1-1')?.receiverAddress2).toBe('101동 202호');
});

test('a marketplace partner set to confirm at once has its new orders confirmed in the minute they arrive', () => {
  tables.writeByKey(PARTNERS, [{ key: 'PNR002', values: { confirmAtOnce: true } }]);
  channel.addOrder(memoryLine('PNR001', 'A-1', 1));
  channel.addOrder(memoryLine('PNR002', 'B-1', 1));
  sync();
  expect(channel.confirmed).toEqual(['partner2 B-1-1']);
  // The row shows the order as the channel has it after the confirm; the other partner's waits for staff.
  expect(sheet.get('PNR002|B-1-1')?.status).toBe('preparing');
  expect(sheet.get('PNR001|A-1-1')?.status).toBe('paid');
  expect(logged).toContainEqual({ job: 'orders', level: 'info', message: '발주확인 1건' });
});

test('with many accounts on a consumer account, the log says once that quiet accounts are read less often for the quota, and once that they are read every 2 minutes again on Workspace', () => {
  const rows = Array.from({ length: 12 }, (_, k) => ({ partnerId: `PNR${101 + k}`, name: `분양몰 ${k + 1}`, role: '자사몰', channel: '카페24', accountId: `resell${k + 1}` }));
  tables.put(PARTNERS, rows);
  for (const r of rows) channel.accountOf.set(r.partnerId, r.accountId);
  const strideLines = () => logged.filter((l) => /분마다 읽습니다/.test(l.message));
  for (let m = 0; m < 5; m++) {
    sync();
    clock.advance(60_000);
  }
  expect(strideLines()).toEqual([{ job: 'orders', level: 'info', message: '웹훅 없이 읽는 계정이 많아, 개인 계정 하루 URL 호출 한도의 절반 안에서 조용한 계정의 새 주문을 4분마다 읽습니다 (주문이 바뀐 계정은 매분)' }]);
  // Staff say it is a Workspace account: the hourly settings read takes it, and the log says so once.
  store.set('quota.account', 'workspace');
  clock.advance(3_600_000);
  sync();
  clock.advance(60_000);
  sync();
  expect(strideLines().map((l) => l.message)).toEqual([expect.stringContaining('4분마다'), '조용한 계정의 새 주문을 다시 2분마다 읽습니다']);
});
