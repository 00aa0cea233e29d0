/**
 * 발주확인: new paid orders of a marketplace are confirmed at the channel (Naver confirm, Coupang
 * acknowledgement), at once for a partner set so, or when staff tick 발주확인 on the row. Before
 * it the buyer may cancel freely; after it the seller decides, and shipping can begin.
 *
 * A row is confirmed once: it is sent only while the orders tab says 결제완료 (the channel's
 * answer moves the line on, and the sync writes the line read again), a tick is cleared with
 * the outcome, and a confirm the channel refuses says why on the row instead of trying again.
 * Requests not carried out this run (time, throttling, a server error) keep their ticks and
 * are tried again with the next run.
 */
import type { ChannelAccount, ConfirmAnswer, ConfirmItem, Gateway } from '../channels/port';
import { channelOf, isSupportedChannel } from '../channels/registry';
import type { OrderLine } from '../core/order';
import type { Partner } from '../core/partner';
import { seoulStamp } from '../core/seoul-time';
import { statusFromCell } from '../sheet/orders';
import { ORDERS } from '../sheet/tabs';
import { cellText, checkboxCell, readTable, type KeyedUpdate } from '../sheet/table';
import { subject } from '../core/particle';
import { rereadOrders, type OrderRef } from './reread-orders';
import type { TablesPort } from './tables';

export interface ConfirmInput {
  /** Lines this run collected and wrote: the paid ones of partners set to confirm at once go now. */
  readonly fresh: readonly OrderLine[];
  readonly partners: readonly Partner[];
  readonly conns: ReadonlyMap<string, ChannelAccount>;
  readonly gateway: Gateway;
  /** Staff edited the orders tab since the last run: ticked rows are looked for. */
  readonly ticksAsked: boolean;
  /** The orders tab as this run left it, when it has just been read. */
  readonly ordersGrid?: readonly (readonly unknown[])[];
  readonly now: number;
}

export interface ConfirmReport {
  /** Orders as read again before and after confirming: the sync writes them like collected ones. */
  readonly lines: readonly OrderLine[];
  readonly refused: number;
  /** Some confirms were not carried out this run: the next run tries them again. */
  readonly retry: boolean;
  readonly messages: string[];
}

interface Candidate {
  readonly partnerId: string;
  readonly item: ConfirmItem;
  /** The orders tab's row key. */
  readonly key: string;
  readonly ticked: boolean;
}

const keyOf = (partnerId: string, itemId: string) => `${partnerId}|${itemId}`;
/** How a row's status begins once the channel refused its confirm. */
const REFUSED = '✗ ';

/** Whether the partner's channel has 발주확인 at all (a mall channel has none). */
function confirms(partner: Partner | undefined): boolean {
  return partner !== undefined && isSupportedChannel(partner.channel) && channelOf(partner.channel).confirm !== undefined;
}

export function confirmOrders(tables: TablesPort, input: ConfirmInput): ConfirmReport {
  const partners = new Map(input.partners.map((p) => [p.partnerId, p]));
  const candidates = new Map<string, Candidate>();
  for (const l of input.fresh) {
    const p = partners.get(l.partnerId);
    if (l.status !== 'paid' || !p?.confirmAtOnce || !confirms(p)) continue;
    candidates.set(keyOf(l.partnerId, l.itemId), { partnerId: l.partnerId, key: keyOf(l.partnerId, l.itemId), ticked: false, item: itemOf(l) });
  }
  const untick: KeyedUpdate[] = [];
  const ticks = new Map<string, { partnerId: string; orderId: string; ticked: boolean }>();
  if (input.ticksAsked) {
    const grid = input.ordersGrid ?? tables.grid(ORDERS);
    for (const row of grid ? readTable(ORDERS, grid).rows : []) {
      const partnerId = cellText(row.get('partnerId'));
      const partner = partners.get(partnerId);
      const ticked = checkboxCell(row.get('confirm'), '발주확인', []);
      // A partner set to confirm at once: its paid rows go without a tick (an earlier try that
      // waited), unless the channel refused them: then staff decide, by ticking.
      const atOnce = partner?.confirmAtOnce === true && confirms(partner) && !cellText(row.get('status')).startsWith(REFUSED);
      if (!ticked && !atOnce) continue;
      if (!confirms(partner)) {
        untick.push({ key: row.key, values: { confirm: false, status: '✗ 이 채널에는 발주확인이 없습니다' } });
        continue;
      }
      // Confirmed already (the row has moved on): the tick has nothing left to do.
      if (statusFromCell(row.get('orderStatus')) !== 'paid') {
        if (ticked) untick.push({ key: row.key, values: { confirm: false } });
        continue;
      }
      ticks.set(row.key, { partnerId, orderId: cellText(row.get('orderId')), ticked });
    }
  }
  // Rows are confirmed from the order as the channel has it now (a cancel asked meanwhile, the
  // ids the confirm call needs), never from the tab's copy.
  const lines: OrderLine[] = [];
  let unread = false;
  if (ticks.size > 0) {
    const before = rereadOrders(uniqueOrders([...ticks.values()]), input.conns, input.gateway, input.now);
    lines.push(...before.lines);
    unread = before.failed.length > 0;
    for (const l of before.lines) {
      const key = keyOf(l.partnerId, l.itemId);
      const tick = ticks.get(key);
      if (!tick) continue;
      if (l.status === 'paid') candidates.set(key, { partnerId: l.partnerId, key, ticked: tick.ticked, item: itemOf(l) });
      else if (tick.ticked) untick.push({ key, values: { confirm: false } });
    }
  }
  const sent = send([...candidates.values()], input);
  tables.writeByKey(ORDERS, [...untick, ...sent.updates]);
  // Read again what the channel answered for, so the rows show where the orders now stand.
  const after = rereadOrders(sent.answered, input.conns, input.gateway, input.now);
  // One line per item, as last read.
  const latest = new Map([...lines, ...after.lines].map((l) => [keyOf(l.partnerId, l.itemId), l]));
  return { ...sent.report, retry: sent.report.retry || unread, lines: [...latest.values()] };
}

const itemOf = (l: OrderLine): ConfirmItem => ({ orderId: l.orderId, itemId: l.itemId, channelShipmentId: l.channelShipmentId });

function uniqueOrders(refs: readonly OrderRef[]): OrderRef[] {
  return [...new Map(refs.map((r) => [`${r.partnerId}|${r.orderId}`, { partnerId: r.partnerId, orderId: r.orderId }])).values()];
}

type Fate = { readonly kind: 'confirmed' } | { readonly kind: 'refused'; readonly text: string } | { readonly kind: 'later'; readonly text: string };

/** Every account's confirms in the same rounds; each candidate's row says what became of it. */
function send(candidates: readonly Candidate[], input: ConfirmInput): { report: Omit<ConfirmReport, 'lines'>; updates: KeyedUpdate[]; answered: OrderRef[] } {
  const byPartner = new Map<string, Candidate[]>();
  // A partner not connected (or whose connection ended this run) keeps its ticks for later.
  for (const c of candidates) if (input.conns.has(c.partnerId)) byPartner.set(c.partnerId, [...(byPartner.get(c.partnerId) ?? []), c]);
  const calls = [...byPartner].flatMap(([partnerId, list]) => {
    const account = input.conns.get(partnerId)!;
    return channelOf(account.channel).confirm!.confirm(account, list.map((c) => c.item)).map((call) => ({ account, ...call }));
  });
  const outcomes = calls.length > 0 ? input.gateway.run(calls.map((c) => c.request)) : [];
  const fates = new Map<string, Fate>();
  calls.forEach((call, i) => {
    const o = outcomes[i]!;
    const partnerId = call.account.partnerId;
    if (o.ok) {
      for (const a of o.value) fates.set(keyOf(partnerId, a.itemId), a.ok ? { kind: 'confirmed' } : { kind: 'refused', text: a.text });
      return;
    }
    // A call that failed answers for none of its items: they wait together, or fail together.
    const fate: Fate = o.deferred || o.error.retryable ? { kind: 'later', text: o.error.userMessage } : { kind: 'refused', text: o.error.userMessage };
    for (const itemId of call.itemIds) fates.set(keyOf(partnerId, itemId), fate);
  });
  const stamp = seoulStamp(input.now);
  const updates: KeyedUpdate[] = [];
  const reread = new Map<string, OrderRef>();
  const count = { confirmed: 0, refused: 0, later: 0 };
  for (const c of candidates) {
    const fate = fates.get(c.key);
    if (!fate) continue;
    count[fate.kind] += 1;
    const label = channelOf(input.conns.get(c.partnerId)!.channel).label;
    const untick = c.ticked ? { confirm: false } : {};
    if (fate.kind !== 'later') reread.set(`${c.partnerId}|${c.item.orderId}`, { partnerId: c.partnerId, orderId: c.item.orderId });
    if (fate.kind === 'confirmed') {
      updates.push({ key: c.key, values: { status: `✓ ${stamp} 발주확인 (${label})`, ...untick } });
    } else if (fate.kind === 'refused') updates.push({ key: c.key, values: { status: `${REFUSED}${subject(label)} 발주확인을 받지 않았습니다: ${fate.text}`, ...untick } });
    else updates.push({ key: c.key, values: { status: `⏳ 발주확인은 다음 실행에 다시 시도합니다: ${fate.text}` } });
  }
  const messages = count.confirmed + count.refused + count.later > 0 ? [`발주확인 ${count.confirmed}건${count.refused > 0 ? `, 거부 ${count.refused}건` : ''}${count.later > 0 ? `, 다음 실행 ${count.later}건` : ''}`] : [];
  return { report: { refused: count.refused, retry: count.later > 0, messages }, updates, answered: [...reread.values()] };
}
