/**
 * The cadence's kept state is read each minute (src/jobs/order-cadence.ts, parseCadence). What
 * `afterRun` wrote is read by hand without building the schema; every other text is the schema's
 * to decide. The two are held to one answer over the states runs write and over each of them
 * damaged in every way one value can be (test/recognizer-check.ts).
 */
import type { ChannelAccount } from '../../src/channels/port';
import { afterRun, CadenceKeptSchema, EMPTY_CADENCE, parseCadence, type CadenceState } from '../../src/jobs/order-cadence';
import { holdsToSchema, inputs, type Json } from '../recognizer-check';

const NOW = Date.parse('2026-11-23T10:00:00+09:00');
const MIN = 60_000;
const A: ChannelAccount = { channel: 'cafe24', partnerId: 'PNR001', accountId: 'najalran' };
const N: ChannelAccount = { channel: 'naver', partnerId: 'PNR004', accountId: 'ncp_1' };
const settings = { at: NOW - MIN, relay: true, backstopMin: 10, account: 'workspace' as const, inquiryMin: null };

/** States as runs leave them: a first run, with news pending and a relay's answer, with settings to read again. */
function written(): CadenceState[] {
  const i = { now: NOW, backstopMs: 10 * MIN, relay: true, budget: { account: 'consumer' as const, inquiryMin: 30 }, settings };
  const first = afterRun(EMPTY_CADENCE, [A, N], new Map([['PNR001', { orders: true, claims: 'turn' as const, claimTurn: 1 }]]), new Set(['PNR001']), null, i, new Set(['PNR001']));
  const answered = afterRun(first, [A, N], new Map(), new Set(), { boot: 'b1', seq: 7, listening: true, gap: false, malls: { najalran: { news: ['orders', 'claims'], heardAt: NOW - 5_000 } } }, i);
  const unread = afterRun(answered, [A, N], new Map(), new Set(), null, { ...i, settings: null });
  return [first, answered, unread];
}

describe("the cadence's kept state", () => {
  it('reads back what a run wrote', () => {
    for (const s of written()) expect(parseCadence(JSON.stringify(s))).toEqual(s);
  });

  it('reads what a run wrote, and every damaged or older text, exactly as the schema alone does', () => {
    const states = written().map((s) => JSON.parse(JSON.stringify(s)) as Json);
    // An older version's: no quiet-read times, no stride, settings without the account kind.
    const older: Record<string, Json> = { ...(states[1] as Record<string, Json>), settings: { at: NOW, relay: true, backstopMin: 10 } };
    delete older['read'];
    delete older['stride'];
    // Keys in another order: read in the schema's (what is read may be written back).
    const reordered = Object.fromEntries(Object.entries(states[1] as Record<string, Json>).reverse()) as Json;
    const counts = holdsToSchema(CadenceKeptSchema, inputs([...states, older, reordered], ['{"after":null,"listening":false,"heard":{"__proto__":5},"pending":{},"backstop":{},"settings":null}']));
    expect(counts.recognized).toBeGreaterThan(10);
    expect(counts.refused).toBeGreaterThan(200);
  });

  it('reads no text, bad JSON and an empty one as the empty state', () => {
    for (const text of [undefined, '', '{', 'null']) expect(parseCadence(text)).toBe(EMPTY_CADENCE);
  });
});
