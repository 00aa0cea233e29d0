/**
 * The window of a Cafe24 claim date read: one date type is read once in six backstops, so its
 * window reaches back across midnight in a day's first hours; a return asked at 23:30 is still
 * listed when that type's turn comes at 00:25.
 */
import type { ChannelSession } from '../../src/channels/port';
import type { Cafe24Connection } from '../../src/channels/cafe24/connection';
import { cafe24Orders } from '../../src/channels/cafe24/orders';

const conn = { channel: 'cafe24', partnerId: 'PNR001', accountId: 'najalran', mallId: 'najalran', shopNo: 1, supplierCode: null } as unknown as Cafe24Connection;
const session = { connection: conn, accessToken: 't' } as unknown as ChannelSession;

/** The start_date of each read of one collect at `iso`, reading claims only. */
function windows(iso: string, claims: 'turn' | 'all' = 'turn', claimTurn = 2): string[] {
  return cafe24Orders.collect(conn, null, Date.parse(iso), 0, { orders: false, claims, claimTurn }).map((r) => {
    const url = r.read.request.build(session).url;
    return `${new URL(url).searchParams.get('date_type')} ${new URL(url).searchParams.get('start_date')}..${new URL(url).searchParams.get('end_date')}`;
  });
}

test('just after midnight a claim date is read over yesterday and today', () => {
  expect(windows('2026-11-24T00:25:00+09:00')).toEqual(['return_request_date 2026-11-23..2026-11-24']);
});

test('later in the day over today alone', () => {
  expect(windows('2026-11-24T09:00:00+09:00')).toEqual(['return_request_date 2026-11-24..2026-11-24']);
  expect(windows('2026-11-24T09:00:00+09:00', 'all')).toHaveLength(6);
});
