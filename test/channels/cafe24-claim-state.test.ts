import { claimStateOf } from '../../src/channels/cafe24/claim-state';
import { CAFE24_ORDER_STATUSES } from '../../src/channels/cafe24/order-status';

/** Where a claim stands at Cafe24, from an item's order_status (reference §7). */
describe('claim state of a Cafe24 status code', () => {
  it('reads requests, work under way, completions and rejections of each claim kind', () => {
    expect(claimStateOf('C00')).toEqual({ claim: 'cancel', phase: 'requested' });
    expect(claimStateOf('C34')).toEqual({ claim: 'cancel', phase: 'accepted' });
    expect(claimStateOf('C40')).toEqual({ claim: 'cancel', phase: 'done' });
    expect(claimStateOf('C41')).toEqual({ claim: 'cancel', phase: 'done' });
    expect(claimStateOf('C11')).toEqual({ claim: 'cancel', phase: 'rejected' });
    expect(claimStateOf('R00')).toEqual({ claim: 'return', phase: 'requested' });
    expect(claimStateOf('R10')).toEqual({ claim: 'return', phase: 'accepted' });
    expect(claimStateOf('R31')).toEqual({ claim: 'return', phase: 'accepted' });
    expect(claimStateOf('R41')).toEqual({ claim: 'return', phase: 'done' });
    expect(claimStateOf('R11')).toEqual({ claim: 'return', phase: 'rejected' });
    expect(claimStateOf('E00')).toEqual({ claim: 'exchange', phase: 'requested' });
    expect(claimStateOf('E10')).toEqual({ claim: 'exchange', phase: 'accepted' });
    expect(claimStateOf('E40')).toEqual({ claim: 'exchange', phase: 'done' });
    expect(claimStateOf('E11')).toEqual({ claim: 'exchange', phase: 'rejected' });
  });

  it('reads a normal code as no claim (withdrawn), and refuses codes Cafe24 does not document', () => {
    expect(claimStateOf('N10')).toEqual({ claim: null, phase: 'none' });
    expect(claimStateOf('N40')).toEqual({ claim: null, phase: 'none' });
    expect(claimStateOf('R99')).toBeNull();
    expect(claimStateOf('')).toBeNull();
  });

  it('has a reading for every documented code', () => {
    for (const code of CAFE24_ORDER_STATUSES) expect(claimStateOf(code)).not.toBeNull();
  });
});
