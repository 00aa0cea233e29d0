/**
 * Naver's product-order states in the sheet's words (status.ts), and the pacing model read from
 * the gateway's headers (pacing.ts).
 */
import { claimStateOf, lineStateOf, rawStatusOf } from '../../src/channels/naver/status';
import { allowance, delayMs, initialPacing, observe } from '../../src/channels/naver/pacing';
import type { HttpResponse } from '../../src/core/http';

describe('statuses', () => {
  test.each([
    [{ productOrderStatus: 'PAYMENT_WAITING' }, null],
    [{ productOrderStatus: 'CANCELED_BY_NOPAYMENT' }, null],
    [{ productOrderStatus: 'PAYED', placeOrderStatus: 'NOT_YET' }, { status: 'paid', claim: null }],
    [{ productOrderStatus: 'PAYED', placeOrderStatus: 'OK' }, { status: 'preparing', claim: null }],
    [{ productOrderStatus: 'DELIVERING' }, { status: 'shipping', claim: null }],
    [{ productOrderStatus: 'PURCHASE_DECIDED' }, { status: 'delivered', claim: null }],
    [{ productOrderStatus: 'PAYED', placeOrderStatus: 'OK', claimType: 'CANCEL', claimStatus: 'CANCEL_REQUEST' }, { status: 'cancelRequested', claim: 'cancel' }],
    [{ productOrderStatus: 'PAYED', placeOrderStatus: 'OK', claimType: 'CANCEL', claimStatus: 'CANCEL_REJECT' }, { status: 'preparing', claim: null }],
    [{ productOrderStatus: 'CANCELED', claimType: 'CANCEL', claimStatus: 'CANCEL_DONE' }, { status: 'cancelled', claim: 'cancel' }],
    [{ productOrderStatus: 'CANCELED', claimType: 'ADMIN_CANCEL', claimStatus: 'ADMIN_CANCEL_DONE' }, { status: 'cancelled', claim: 'cancel' }],
    [{ productOrderStatus: 'DELIVERED', claimType: 'RETURN', claimStatus: 'COLLECT_DONE' }, { status: 'returnRequested', claim: 'return' }],
    [{ productOrderStatus: 'RETURNED', claimType: 'RETURN', claimStatus: 'RETURN_DONE' }, { status: 'returned', claim: 'return' }],
    [{ productOrderStatus: 'DELIVERED', claimType: 'EXCHANGE', claimStatus: 'EXCHANGE_REDELIVERING' }, { status: 'exchangeRequested', claim: 'exchange' }],
    [{ productOrderStatus: 'EXCHANGED', claimType: 'EXCHANGE', claimStatus: 'EXCHANGE_DONE' }, { status: 'exchanged', claim: 'exchange' }],
    [{ productOrderStatus: 'DELIVERED', claimType: 'PURCHASE_DECISION_HOLDBACK', claimStatus: 'PURCHASE_DECISION_HOLDBACK' }, { status: 'delivered', claim: null }],
  ])('%j → %j', (state, expected) => {
    expect(lineStateOf(state)).toEqual(expected);
  });

  test('the raw status keeps the claim, and where a claim stands is read back from it alone', () => {
    expect(rawStatusOf({ productOrderStatus: 'DELIVERED', claimType: 'RETURN', claimStatus: 'COLLECTING' })).toBe('DELIVERED RETURN:COLLECTING');
    expect(rawStatusOf({ productOrderStatus: 'PAYED', claimType: null, claimStatus: null })).toBe('PAYED');
    expect(claimStateOf('PAYED')).toEqual({ claim: null, phase: 'none' });
    expect(claimStateOf('DELIVERED RETURN:RETURN_REQUEST')).toEqual({ claim: 'return', phase: 'requested' });
    expect(claimStateOf('DELIVERED RETURN:COLLECTING')).toEqual({ claim: 'return', phase: 'accepted' });
    expect(claimStateOf('DELIVERED EXCHANGE:EXCHANGE_REJECT')).toEqual({ claim: 'exchange', phase: 'rejected' });
    expect(claimStateOf('CANCELED ADMIN_CANCEL:ADMIN_CANCEL_DONE')).toEqual({ claim: 'cancel', phase: 'done' });
    expect(claimStateOf('DELIVERED PURCHASE_DECISION_HOLDBACK:PURCHASE_DECISION_HOLDBACK')).toEqual({ claim: null, phase: 'none' });
    // What Naver does not document is not guessed at.
    expect(claimStateOf('N10')).toBeNull();
    expect(claimStateOf('DELIVERED RETURN:LOST_IN_SPACE')).toBeNull();
    expect(claimStateOf('SHIPPED')).toBeNull();
  });
});

describe('pacing', () => {
  const answer = (status: number, rate: string, burst: string, remaining: string): HttpResponse => ({
    status,
    headers: { 'gncp-gw-ratelimit-replenish-rate': rate, 'gncp-gw-ratelimit-burst-capacity': burst, 'gncp-gw-ratelimit-remaining': remaining },
    body: '',
  });

  test('2 a second until Naver says; then its rate, never more than a second’s refill in a round', () => {
    const s0 = initialPacing(0);
    expect(allowance(s0, 0)).toBe(2);
    const s1 = observe(s0, [answer(200, '10', '20', '19')], 0, 100);
    expect(allowance(s1, 100)).toBe(10);
    const s2 = observe(s1, Array.from({ length: 10 }, () => answer(200, '10', '20', '3')), 100, 200);
    expect(allowance(s2, 200)).toBe(3);
    expect(allowance(s2, 400)).toBe(5);
  });

  test('the most restrictive of the answers wins; a 429 blocks until one request has refilled', () => {
    const s = observe(initialPacing(0), [answer(200, '5', '10', '8'), answer(429, '5', '10', '0')], 0, 1000);
    expect(allowance(s, 1000)).toBe(0);
    expect(delayMs(s, 1000)).toBe(200);
    expect(allowance(s, 1200)).toBe(1);
  });
});
