/**
 * The relay's Cafe24 webhooks (relay/webhooks.ts, relay/server.ts): Cafe24 POSTs to
 * /cafe24/webhook with the app's secret as `x-api-key`; the relay answers 200 at once and keeps
 * only which malls have which kind of news. The add-on asks, signed like a forward, which of its
 * malls have news since its last answer; a relay restarted since says so (`gap`).
 */
import { WebhookBoard } from '../../relay/webhooks';
import { RELAY_NEWS_PATH, RELAY_WEBHOOK_PATH, type NewsAnswer } from '../../src/channels/relay-wire';
import { cafe24 } from '../../src/channels/cafe24/channel';
import { nodeRelayPort, raw, relayTo, SECRET, standIn } from './harness';

const KEY = 'webhook-key-set-in-the-developer-centre';
const hook = (eventNo: number, mallId: string, extra: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({ event_no: eventNo, resource: { mall_id: mallId, event_shop_no: 1, ...extra } }));

describe('the webhook board', () => {
  const t = Date.parse('2026-11-23T09:00:00+09:00');

  it('keeps, per mall, only which kinds of news came and when, whatever the payload carried', () => {
    const b = new WebhookBoard('b0');
    expect(b.hear({ event_no: 90023, resource: { mall_id: 'najalran', order_id: '20261123-0000001', buyer_name: '김민지' } }, t)).toEqual({ kind: 'kept', mallId: 'najalran', news: 'orders' });
    expect(b.hear({ event_no: 90027, resource: { mall_id: 'najalran' } }, t + 1)).toEqual({ kind: 'kept', mallId: 'najalran', news: 'claims' });
    expect(JSON.stringify(b)).not.toContain('김민지');
    const a = b.answer({ after: null, malls: ['najalran', 'borasaeg'] }, true);
    expect(a).toEqual({ boot: 'b0', seq: 2, listening: true, gap: true, malls: { najalran: { heardAt: t + 1, news: ['orders', 'claims'] }, borasaeg: { heardAt: null, news: [] } } });
  });

  it('answers only news after the add-on’s last answer, and nothing of malls it did not ask about', () => {
    const b = new WebhookBoard('b0');
    b.hear({ event_no: 90023, resource: { mall_id: 'najalran' } }, t);
    const first = b.answer({ after: null, malls: ['najalran'] }, true);
    b.hear({ event_no: 90026, resource: { mall_id: 'najalran' } }, t + 5);
    b.hear({ event_no: 90023, resource: { mall_id: 'othermall' } }, t + 6);
    const next = b.answer({ after: { boot: first.boot, seq: first.seq }, malls: ['najalran'] }, true);
    expect(next.gap).toBe(false);
    expect(next.malls).toEqual({ najalran: { heardAt: t + 5, news: ['claims'] } });
    const none = b.answer({ after: { boot: next.boot, seq: next.seq }, malls: ['najalran'] }, true);
    expect(none.malls.najalran!.news).toEqual([]);
  });

  it('says `gap` to an add-on whose last answer came from another boot (a restart forgot what was heard)', () => {
    const b = new WebhookBoard('b1');
    expect(b.answer({ after: { boot: 'b0', seq: 40 }, malls: [] }, true).gap).toBe(true);
    expect(b.answer({ after: { boot: 'b1', seq: 99 }, malls: [] }, true).gap).toBe(true);
  });

  it('takes an event the add-on has no use for without keeping it, and refuses a body that is not a Cafe24 event', () => {
    const b = new WebhookBoard('b0');
    expect(b.hear({ event_no: 90157, resource: { mall_id: 'najalran' } }, t)).toEqual({ kind: 'ignored', eventNo: 90157 });
    expect(b.hear({ event_no: 'x', resource: { mall_id: 'najalran' } }, t).kind).toBe('malformed');
    expect(b.hear({ event_no: 90023, resource: {} }, t).kind).toBe('malformed');
    expect(b.hear({ event_no: 90023, resource: { mall_id: '../etc' } }, t).kind).toBe('malformed');
    expect(b.answer({ after: null, malls: ['najalran'] }, true).malls.najalran).toEqual({ heardAt: null, news: [] });
  });
});

describe('the relay’s webhook and news paths', () => {
  let upstream: Awaited<ReturnType<typeof standIn>>;
  let r: Awaited<ReturnType<typeof relayTo>>;
  beforeEach(async () => {
    upstream = await standIn();
    r = await relayTo(upstream.port, { webhookKey: KEY, board: new WebhookBoard('b7') });
  });
  afterEach(async () => {
    await r.relay.close();
    await upstream.close();
  });

  const deliver = (body: Buffer, key: string | null = KEY) => raw(r.relay.port, 'POST', RELAY_WEBHOOK_PATH, { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }) }, body);
  /** The add-on's question, built by the add-on's own code (relayPort.own, the channel's request). */
  const ask = async (after: NewsAnswer | null, malls: string[], secret = SECRET) => {
    const port = nodeRelayPort({ RELAY_URL: `https://relay.example.run.app`, RELAY_SECRET: secret }, r.now);
    const req = cafe24.webhooks!.request(port, { after: after && { boot: after.boot, seq: after.seq }, malls });
    const a = await raw(r.relay.port, 'POST', RELAY_NEWS_PATH, { ...req.headers, 'content-type': 'application/json' }, Buffer.from(req.payload ?? ''));
    return { status: a.status, answer: cafe24.webhooks!.read({ status: a.status, headers: {}, body: a.body }), error: a.headers['x-relay-error'] };
  };

  it('answers Cafe24 200 at once and tells the add-on which of its malls have news', async () => {
    expect((await deliver(hook(90023, 'najalran'))).status).toBe(200);
    const first = await ask(null, ['najalran', 'undercoco']);
    expect(first.answer).toMatchObject({ ok: true, answer: { boot: 'b7', listening: true, gap: true, malls: { najalran: { news: ['orders'] }, undercoco: { news: [] } } } });
    // A resend of the same event (log_type R) and a new one: only news after the last answer.
    await deliver(hook(90026, 'undercoco'));
    const second = await ask((first.answer as { answer: NewsAnswer }).answer, ['najalran', 'undercoco']);
    expect(second.answer).toMatchObject({ ok: true, answer: { gap: false, malls: { najalran: { news: [] }, undercoco: { news: ['claims'] } } } });
    expect(upstream.seen).toHaveLength(0);
  });

  it('refuses a delivery without the app’s key, or with another, and keeps nothing of it', async () => {
    expect((await deliver(hook(90023, 'najalran'), null)).status).toBe(401);
    expect((await deliver(hook(90023, 'najalran'), 'guess')).status).toBe(401);
    expect((await deliver(Buffer.from('not json'))).status).toBe(400);
    const a = await ask(null, ['najalran']);
    expect(a.answer).toMatchObject({ ok: true, answer: { malls: { najalran: { heardAt: null, news: [] } } } });
  });

  it('refuses a news question signed with another secret, as it refuses a forward', async () => {
    const a = await ask(null, ['najalran'], 'another-secret-0123456789abcdef0123456789');
    expect(a.status).toBe(401);
    expect(a.error).toBe('signature');
    expect(a.answer.ok).toBe(false);
  });

  it('without a webhook key takes no webhooks and says it is not listening', async () => {
    await r.relay.close();
    r = await relayTo(upstream.port, {});
    expect((await deliver(hook(90023, 'najalran'))).status).toBe(404);
    expect((await ask(null, ['najalran'])).answer).toMatchObject({ ok: true, answer: { listening: false } });
  });
});
