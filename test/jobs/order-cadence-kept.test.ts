/**
 * The cadence's kept state is read each minute (src/jobs/order-cadence.ts, parseCadence). What
 * `afterRun` wrote is recognized without building the schema; every other text is the schema's to
 * decide. Here the two paths are held to one answer over the states a run writes and over each of
 * them damaged in every way one field can be.
 */
import type { ChannelAccount } from '../../src/channels/port';
import { afterRun, EMPTY_CADENCE, parseCadence, parseCadenceBySchema, type CadenceState } from '../../src/jobs/order-cadence';

const NOW = Date.parse('2026-11-23T10:00:00+09:00');
const MIN = 60_000;
const A: ChannelAccount = { channel: 'cafe24', partnerId: 'PNR001', accountId: 'najalran' };
const N: ChannelAccount = { channel: 'naver', partnerId: 'PNR004', accountId: 'ncp_1' };
const settings = { at: NOW - MIN, relay: true, backstopMin: 10, account: 'workspace' as const, inquiryMin: null };

/** States as runs leave them: first run, with news pending, with a relay's answer, settings unread. */
function written(): CadenceState[] {
  const i = { now: NOW, backstopMs: 10 * MIN, relay: true, budget: { account: 'consumer' as const, inquiryMin: 30 }, settings };
  const first = afterRun(EMPTY_CADENCE, [A, N], new Map([['PNR001', { orders: true, claims: 'turn' as const, claimTurn: 1 }]]), new Set(['PNR001']), null, i, new Set(['PNR001']));
  const answered = afterRun(first, [A, N], new Map(), new Set(), { boot: 'b1', seq: 7, listening: true, gap: false, malls: { najalran: { news: ['orders', 'claims'], heardAt: NOW - 5_000 } } }, i);
  const unread = afterRun(answered, [A, N], new Map(), new Set(), null, { ...i, settings: null });
  return [first, answered, unread, { ...answered, settings: { ...settings, inquiryMin: 15, account: 'consumer' } }];
}

/** Each field of the state (and of its nested objects) removed, mistyped, or joined by an unknown one. */
function damaged(s: CadenceState): unknown[] {
  const o = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  const wrongs: unknown[] = [null, 'x', 1, true, [], {}, { k: 'x' }, [1]];
  const out: unknown[] = [null, [], 'text', 3, { ...o, extra: 1 }];
  for (const key of Object.keys(o)) {
    const { [key]: _dropped, ...without } = o;
    out.push(without);
    for (const w of wrongs) out.push({ ...o, [key]: w });
  }
  for (const nested of ['after', 'settings'] as const) {
    const inner = o[nested] as Record<string, unknown> | null;
    if (!inner) continue;
    out.push({ ...o, [nested]: { ...inner, extra: 1 } });
    for (const key of Object.keys(inner)) {
      const { [key]: _dropped, ...without } = inner;
      out.push({ ...o, [nested]: without });
      for (const w of wrongs) out.push({ ...o, [nested]: { ...inner, [key]: w } });
    }
  }
  out.push({ ...o, heard: JSON.parse('{"__proto__": 5}') }, { ...o, pending: { PNR001: ['orders', 'later'] } }, { ...o, pending: JSON.parse('{"__proto__": ["orders"]}') });
  out.push({ ...o, settings: { ...settings, account: 'enterprise' } }, { ...o, after: { boot: 'b', seq: 'nine' } });
  return out;
}

describe("the cadence's kept state", () => {
  it('reads back what a run wrote, the same by either path', () => {
    for (const s of written()) {
      const text = JSON.stringify(s);
      expect(parseCadence(text)).toEqual(s);
      expect(parseCadenceBySchema(text)).toEqual(s);
    }
  });

  it('reads every damaged or older text exactly as the schema does (none, or what the schema keeps)', () => {
    let cases = 0;
    let keptBySchema = 0;
    for (const s of written()) {
      for (const v of damaged(s)) {
        const text = JSON.stringify(v);
        const bySchema = parseCadenceBySchema(text);
        expect({ text, read: parseCadence(text) }).toEqual({ text, read: bySchema });
        cases++;
        if (bySchema !== EMPTY_CADENCE) keptBySchema++;
      }
    }
    // Both outcomes were compared: texts the schema rejects, and texts it keeps in part (an unknown key dropped, an optional field missing).
    expect(cases).toBeGreaterThan(300);
    expect(keptBySchema).toBeGreaterThan(10);
    expect(cases - keptBySchema).toBeGreaterThan(200);
  });

  it('reads no text, bad JSON and an empty one as the empty state', () => {
    for (const text of [undefined, '', '{', 'null']) expect(parseCadence(text)).toBe(EMPTY_CADENCE);
  });
});
