/**
 * When a collect's cursor is written (src/jobs/collect-orders.ts commitCursors): only when it
 * moved, and for a feed whose cursor follows the clock (SmartStore's), only when the feed brought
 * lines or the stored one is half an hour behind: a quiet minute writes no property.
 */
import type { ChannelAccount } from '../../src/channels/port';
import { CURSOR_SLACK_MS } from '../../src/channels/naver/orders';
import { commitCursors } from '../../src/jobs/collect-orders';
import { cursorKey } from '../../src/jobs/kept';
import { MemoryStore } from './memory-ports';

const T = Date.parse('2026-11-23T10:00:00+09:00');
const naver: ChannelAccount = { channel: 'naver', partnerId: 'PNR004', accountId: 'najalran-store' };
const cafe24: ChannelAccount = { channel: 'cafe24', partnerId: 'PNR001', accountId: 'najalran' };

function commit(stored: Record<string, number>, next: Record<string, number>, saw: string[] = []) {
  const store = new MemoryStore();
  for (const a of [naver, cafe24]) if (stored[a.partnerId] !== undefined) store.seed(cursorKey(a), String(stored[a.partnerId]));
  commitCursors(store, [naver, cafe24], Object.fromEntries(Object.entries(next).map(([k, v]) => [k, String(v)])), new Set(saw));
  return store.writes.map((w) => w.key);
}

it('leaves a quiet SmartStore feed’s cursor where it is for up to half an hour', () => {
  expect(commit({ PNR004: T }, { PNR004: T + 60_000 })).toEqual([]);
  expect(commit({ PNR004: T }, { PNR004: T + CURSOR_SLACK_MS - 1 })).toEqual([]);
  expect(commit({ PNR004: T }, { PNR004: T + CURSOR_SLACK_MS })).toEqual([cursorKey(naver)]);
});

it('writes it at once when the feed brought lines, or when none was kept', () => {
  expect(commit({ PNR004: T }, { PNR004: T + 60_000 }, ['PNR004'])).toEqual([cursorKey(naver)]);
  expect(commit({}, { PNR004: T })).toEqual([cursorKey(naver)]);
});

it('writes any other channel’s cursor whenever it moved, and none that did not', () => {
  expect(commit({ PNR001: T }, { PNR001: T + 86_400_000 })).toEqual([cursorKey(cafe24)]);
  expect(commit({ PNR001: T }, { PNR001: T })).toEqual([]);
});
