/**
 * Which collected lines go to the orders tab (and on to the claims step): only those the tab
 * does not have as they are. A channel may say the same state by two reads, one of which knows
 * the claim's number (Coupang's cancel receipts) and one which does not (its ordersheets).
 */
import { changedLines, remember } from '../../src/jobs/recent-orders';
import { memoryLine } from './memory-channel';

const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const held = { status: 'cancelRequested' as const, rawStatus: 'CANCEL/RELEASE_STOP_UNCHECKED', claim: 'cancel' as const };
const fromOrdersheet = memoryLine('PNR005', '23000000000001', 1, { ...held, claimCode: null });
const fromReceipt = memoryLine('PNR005', '23000000000001', 1, { ...held, claimCode: '370000000' });

test('a line that brings the claim number the tab was given without is news, once', () => {
  const recent = remember({}, [fromOrdersheet], T0);
  expect(changedLines([fromReceipt], recent)).toEqual([fromReceipt]);
  const after = remember(recent, [fromReceipt], T0 + 60_000);
  expect(changedLines([fromReceipt], after)).toEqual([]);
});

test('a read that does not know the claim number does not take it back', () => {
  const recent = remember({}, [fromReceipt], T0);
  expect(changedLines([fromOrdersheet], recent)).toEqual([]);
});

test('anything the tab shows that changed is news, with or without a claim number', () => {
  const recent = remember({}, [fromReceipt], T0);
  const done = { ...fromOrdersheet, status: 'cancelled' as const, rawStatus: 'CANCEL/RETURNS_COMPLETED' };
  expect(changedLines([done], recent)).toEqual([done]);
});
