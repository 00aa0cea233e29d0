/**
 * A sales channel held in memory, to specify the jobs without any runtime or real channel: it
 * implements the port (src/channels/port.ts) end to end. Its requests are plain HTTP values
 * (`memory://{account}/{call}`) that the real gateway sends through an in-memory HttpPort to
 * the channel's own handler, so pacing, retries and deferral are the gateway's as in production.
 *
 * Staff-visible facts of the channel: orders (each with a change sequence), a catalog of SKU
 * addresses, stock quantities, carriers, shipments and claim decisions. Faults are injected per
 * account and call (`failNext`).
 */
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import type { Carrier, ChannelId, OrderLine } from '../../src/core/order';
import type { InquiryAnswer, InquiryKind, InquirySeen } from '../../src/core/inquiries';
import type { Partner } from '../../src/core/partner';
import type { HttpPort } from '../../src/core/ports';
import {
  ChannelError,
  type ChannelAccount,
  type ChannelRequest,
  type ChannelSession,
  type ConfirmAnswer,
  type InquiriesCapability,
  type InquiryRead,
  type PagedRead,
  type ParcelAnswer,
  type RetryDecision,
  type SalesChannel,
  type StockAddress,
  type Transport,
} from '../../src/channels/port';

/** Not a channel the registry knows: specs register it by mocking the registry. */
export const MEMORY = 'memory' as ChannelId;

export interface MemoryOrder {
  readonly line: OrderLine;
  /** The channel's change sequence: a collect reads what changed after its cursor. */
  readonly seq: number;
}

type Handler = (account: string, body: Record<string, unknown>) => { status: number; body: unknown };

export class MemoryChannel implements SalesChannel {
  readonly id = MEMORY;
  readonly label = '메모리몰';
  readonly connect = 'apiKeys' as const;
  readonly apiKeys = [
    { name: 'sellerId', label: '판매자 ID', secret: false },
    { name: 'secret', label: '시크릿 키', secret: true },
  ];
  readonly pacingKey = 'memory.pacing';
  /** How many requests one account takes in one round. */
  perRound = 2;
  seq = 0;
  readonly orders_: MemoryOrder[] = [];
  readonly catalog_ = new Map<string, Array<{ sku: string; address: StockAddress }>>();
  readonly stock_ = new Map<string, number>();
  readonly carriers_: Carrier[] = [{ code: 'CJ', name: 'CJ대한통운' }];
  readonly shipments: Array<{ account: string; orderId: string; itemIds: string[]; trackingNo: string; carrierCode: string }> = [];
  readonly decisions: Array<{ account: string; itemId: string; command: string }> = [];
  /** Every request as the channel received it: `account call`. */
  readonly received: string[] = [];
  private readonly faults: Array<{ account: string; call: string; status: number }> = [];
  readonly disconnected = new Set<string>();

  /** The next `call` to `account` answers `status` (0: no answer) instead of doing it. */
  failNext(account: string, call: string, status: number): void {
    this.faults.push({ account, call, status });
  }

  /** The next `call` to `account` is carried out but its answer is lost (a timeout after the fact). */
  loseAnswerNext(account: string, call: string): void {
    this.lost.push({ account, call });
  }
  private readonly lost: Array<{ account: string; call: string }> = [];

  addOrder(line: OrderLine): void {
    this.orders_.push({ line, seq: ++this.seq });
  }

  /** Changes an order at the channel (a buyer's cancel request, a shipment by hand). */
  change(itemId: string, patch: Partial<OrderLine>): void {
    const i = this.orders_.findIndex((o) => o.line.itemId === itemId);
    if (i < 0) return;
    this.orders_[i] = { line: { ...this.orders_[i]!.line, ...patch }, seq: ++this.seq };
  }

  readonly http: HttpPort = { executeAll: (requests) => requests.map((r) => this.answer(r)) };

  account(p: Partner): ChannelAccount {
    if (!p.accountId) throw new Error('계정이 비어 있습니다');
    return { channel: MEMORY, partnerId: p.partnerId, accountId: p.accountId };
  }
  isConnectionKey = (key: string) => key.startsWith('memory.');
  isConnected = (_store: unknown, partnerId: string) => !this.disconnected.has(partnerId);
  reconnectReason = () => null;

  transport(): Transport<{ at: number }, number> {
    const error = (call: string, account: ChannelAccount, status: number, retryable: boolean) =>
      new ChannelError({
        channel: MEMORY,
        accountId: account.accountId,
        call,
        status,
        kind: status === 0 ? 'network' : status === 429 ? 'rateLimited' : status >= 500 ? 'server' : 'client',
        code: status,
        channelMessage: null,
        retryable,
        reconnect: false,
        detail: String(status),
        userMessage: `메모리몰 오류 (${status})`,
      });
    return {
      channel: MEMORY,
      pacingKey: this.pacingKey,
      session: (a) => (this.disconnected.has(a.partnerId) ? error('session', a, 401, false) : ({ token: a.accountId } as unknown as ChannelSession)),
      refresh: (a) => error('session', a, 401, false),
      endConnection: () => undefined,
      initialPacing: (now) => ({ at: now }),
      allowance: () => this.perRound,
      delayMs: () => 0,
      observe: (s) => s,
      firstTry: () => 0,
      decide: (method, r, tries): { decision: RetryDecision; history: number } => {
        if (r.status >= 200 && r.status < 300) return { decision: { action: 'accept' }, history: tries };
        if (r.status === 429 && tries < 2) return { decision: { action: 'retry', delayMs: 500 }, history: tries + 1 };
        // A write that got no answer may have been done: never resent blindly.
        if ((r.status === 0 || r.status >= 500) && method === 'get' && tries < 1) return { decision: { action: 'retry', delayMs: 500 }, history: tries + 1 };
        return { decision: r.status === 0 || r.status >= 500 || r.status === 429 ? { action: 'defer' } : { action: 'fail' }, history: tries };
      },
      errorFrom: (call, account, r) => error(call, account, r.status, r.status === 0 || r.status >= 500 || r.status === 429),
      deferred: (call, account) => error(call, account, 0, true),
    };
  }

  // ------------------------------------------------------------------ requests

  private request<T>(account: ChannelAccount, call: string, method: 'get' | 'post' | 'put', body: object, read: (json: never) => T): ChannelRequest<T> {
    return {
      account,
      call,
      build: () => ({ method, url: `memory://${account.accountId}/${call}`, headers: {}, payload: JSON.stringify(body) }),
      read: (r) => read(JSON.parse(r.body) as never),
    };
  }

  private ordersPage(account: ChannelAccount, after: number): PagedRead<OrderLine> {
    return {
      request: this.request(account, 'orders.changed', 'get', { after }, (page: { lines: OrderLine[]; last: number; more: boolean }) => ({
        items: page.lines,
        next: page.more ? this.ordersPage(account, page.last) : null,
      })),
    };
  }

  readonly orders: SalesChannel['orders'] = {
    collect: (account, cursor) => [{ read: this.ordersPage(account, Number(cursor ?? 0)), cursorWhenDone: String(this.seq) }],
    reread: (account, orderIds) => [{ orderIds, request: this.request(account, 'orders.get', 'get', { orderIds }, (b: { lines: OrderLine[] }) => b.lines) }],
  };

  private catalogPage(account: ChannelAccount, from: number): PagedRead<{ sku: string; address: StockAddress }> {
    return {
      request: this.request(account, 'catalog.list', 'get', { from }, (b: { items: Array<{ sku: string; address: StockAddress }>; next: number | null }) => ({
        items: b.items,
        next: b.next === null ? null : this.catalogPage(account, b.next),
      })),
    };
  }

  readonly stock: SalesChannel['stock'] = {
    catalog: (account) => this.catalogPage(account, 0),
    setQuantity: (account, address, quantity) => this.request(account, 'stock.set', 'put', { address, quantity }, () => undefined),
  };

  readonly shipping: SalesChannel['shipping'] = {
    carriers: (account) => this.request(account, 'carriers.list', 'get', {}, (b: { carriers: Carrier[] }) => b.carriers),
    carrierFor: (rule, registered) => registered.find((c) => c.name === rule.nameKo) ?? null,
    send: (parcels, gateway): ParcelAnswer[] =>
      gateway
        .run(parcels.map((p) => this.request(p.account, 'shipments.create', 'post', { orderId: p.orderId, itemIds: p.itemIds, trackingNo: p.trackingNo, carrierCode: p.carrier.code }, () => 'ok')))
        .map((o) => (o.ok ? { ok: true, text: '메모리몰: 배송중' } : { ok: false, retry: o.deferred || o.error.retryable, unknown: o.error.status === 0 || o.error.status >= 500, already: o.error.status === 409, text: o.error.userMessage })),
    inTransitCode: 'SHIPPING',
  };

  /** Products the accounts list, by `account|sku`: what was created and last sent. */
  readonly listings = new Map<string, { productNo: string; fields: Record<string, unknown> }>();
  /** Absent until a spec lets the channel take products from us (`takeProducts`). */
  products: SalesChannel['products'];

  takeProducts(): void {
    this.products = {
      refusal: (f) => (f.productName !== undefined && f.productName.length > 30 ? '상품명이 30자를 넘습니다' : null),
      push: (steps, accounts, gateway) =>
        gateway
          .run(
            steps.map((step) => {
              const account = accounts.get(step.partnerId)!;
              const body = step.kind === 'create' ? { sku: step.sku, fields: step.fields } : step.kind === 'update' ? { sku: step.sku, productNo: step.productNo, fields: step.patch } : { sku: step.sku, productNo: step.productNo, fields: {} };
              return this.request(account, step.kind === 'create' ? 'products.create' : 'products.update', step.kind === 'create' ? 'post' : 'put', body, (b: { productNo: string }) => b.productNo);
            }),
          )
          .map((o, i) => {
            const step = steps[i]!;
            const base = { sku: step.sku, partnerId: step.partnerId };
            if (!o.ok) return { ...base, status: o.error.userMessage, ok: false as const, action: o.deferred ? ('deferred' as const) : ('failed' as const), productNo: null, fingerprint: null };
            return step.kind === 'create'
              ? { ...base, status: '', ok: true as const, action: 'created' as const, productNo: o.value, variantCode: `${o.value}-V`, fingerprint: step.fingerprint, stockOff: null }
              : { ...base, status: '', ok: true as const, action: 'updated' as const, productNo: o.value, fingerprint: step.fingerprint };
          }),
    };
  }

  readonly claims: SalesChannel['claims'] = {
    stateOf: (raw) => (raw === 'CANCEL_REQUESTED' ? { claim: 'cancel', phase: 'requested' } : raw === 'CANCELLED' ? { claim: 'cancel', phase: 'done' } : { claim: null, phase: 'none' }),
    act: (account, action) => this.request(account, 'claims.act', 'post', { itemId: action.itemId, command: action.command.kind }, (b: { status: string }) => b.status),
  };

  /** Items confirmed (발주확인), as the channel received them: `account itemId`. */
  readonly confirmed: string[] = [];

  /** 발주확인: at most two items a call; an item no longer paid is refused. */
  readonly confirm: SalesChannel['confirm'] = {
    confirm: (account, items) => {
      const calls = [];
      for (let i = 0; i < items.length; i += 2) {
        const itemIds = items.slice(i, i + 2).map((it) => it.itemId);
        calls.push({ itemIds, request: this.request(account, 'orders.confirm', 'post', { itemIds }, (b: { answers: ConfirmAnswer[] }) => b.answers) });
      }
      return calls;
    },
  };

  /** Buyers' questions by account, each with its change sequence and the answer the channel shows. */
  readonly questions: Array<{ account: string; inquiryId: string; kind: InquiryKind; title: string; question: string; askedAt: number; seq: number; closed: boolean; answer: InquiryAnswer | null }> = [];
  /** Answers posted through the port, in order (`account inquiryId text`): one per post the channel took. */
  readonly answersPosted: string[] = [];
  /** Each read-back as asked: the ids and when the oldest of them was asked. */
  readonly readBacks: Array<{ ids: readonly string[]; askedFrom: number | undefined }> = [];
  private answerSeq = 0;

  /** A buyer asks. */
  ask(account: string, inquiryId: string, askedAt: number, patch: Partial<{ kind: InquiryKind; title: string; question: string }> = {}): void {
    this.questions.push({ account, inquiryId, kind: patch.kind ?? 'product', title: patch.title ?? '사이즈 문의', question: patch.question ?? '이 셔츠 M 사이즈 있나요?', askedAt, seq: ++this.seq, closed: false, answer: null });
  }

  /** Staff answer in the channel's own admin (not through the port): not editable from outside. */
  answerAtChannel(account: string, inquiryId: string, text: string, at: number): void {
    const q = this.questions.find((x) => x.account === account && x.inquiryId === inquiryId)!;
    q.answer = { answerId: null, text, at, by: '판매자센터', editable: false };
    q.seq = ++this.seq;
  }

  /** The channel closes a question (it refuses answers from then on). */
  close(account: string, inquiryId: string): void {
    this.questions.find((x) => x.account === account && x.inquiryId === inquiryId)!.closed = true;
  }

  private seenOf(q: MemoryChannel['questions'][number], partnerId: string): InquirySeen {
    return { kind: 'question', inquiry: { partnerId, channel: MEMORY, inquiryId: q.inquiryId, kind: q.kind, productId: null, orderId: null, title: q.title, question: q.question, askedAt: q.askedAt, answer: q.answer } };
  }

  private inquiryPage(account: ChannelAccount, after: number, only: readonly string[] | null): InquiryRead {
    return {
      request: this.request(account, only ? 'inquiries.get' : 'inquiries.changed', 'get', { after, only }, (b: { ids: string[]; last: number; more: boolean }) => {
        const items = b.ids.map((id) => this.seenOf(this.questions.find((q) => q.account === account.accountId && q.inquiryId === id)!, account.partnerId));
        const next = b.more ? this.inquiryPage(account, b.last, only) : null;
        return { items, next, cursor: next === null ? String(b.last) : null };
      }),
    };
  }

  readonly inquiries: InquiriesCapability = {
    collect: (account, cursor) => this.inquiryPage(account, Number(cursor ?? 0), null),
    answer: (account, inquiry, text) => this.request(account, 'inquiries.answer', 'post', { inquiryId: inquiry.inquiryId, text }, (b: { answerId: string }) => ({ answerId: b.answerId })),
    update: (account, inquiryId, answerId, text) => this.request(account, 'inquiries.update', 'put', { inquiryId, answerId, text }, () => undefined),
    readBack: (account, ids, _since, _now, askedFrom) => {
      this.readBacks.push({ ids, askedFrom });
      return this.inquiryPage(account, 0, ids);
    },
  };

  // ------------------------------------------------------------------ the channel's side

  private answer(r: HttpRequest): HttpResponse {
    const m = /^memory:\/\/([^/]+)\/(.+)$/.exec(r.url)!;
    const [account, call] = [m[1]!, m[2]!];
    this.received.push(`${account} ${call}`);
    const fault = this.faults.findIndex((f) => f.account === account && f.call === call);
    if (fault >= 0) {
      const [f] = this.faults.splice(fault, 1);
      return { status: f!.status, headers: {}, body: f!.status === 0 ? '' : JSON.stringify({ error: f!.status }) };
    }
    const handler = this.handlers[call];
    if (!handler) return { status: 404, headers: {}, body: '{}' };
    const out = handler(account, JSON.parse(r.payload ?? '{}') as Record<string, unknown>);
    const lost = this.lost.findIndex((f) => f.account === account && f.call === call);
    if (lost >= 0) {
      this.lost.splice(lost, 1);
      return { status: 0, headers: {}, body: '' };
    }
    return { status: out.status, headers: {}, body: JSON.stringify(out.body) };
  }

  /** Orders of one account whose change is after `after`, two a page. */
  private readonly handlers: Record<string, Handler> = {
    'orders.changed': (account, { after }) => {
      const mine = this.orders_.filter((o) => this.accountOfLine(o.line) === account && o.seq > Number(after)).sort((a, b) => a.seq - b.seq);
      const page = mine.slice(0, 2);
      return { status: 200, body: { lines: page.map((o) => o.line), last: page.at(-1)?.seq ?? Number(after), more: mine.length > 2 } };
    },
    'orders.get': (account, { orderIds }) => ({ status: 200, body: { lines: this.orders_.filter((o) => this.accountOfLine(o.line) === account && (orderIds as string[]).includes(o.line.orderId)).map((o) => o.line) } }),
    'catalog.list': (account, { from }) => {
      const all = this.catalog_.get(account) ?? [];
      const start = Number(from);
      return { status: 200, body: { items: all.slice(start, start + 2), next: start + 2 < all.length ? start + 2 : null } };
    },
    'stock.set': (account, { address, quantity }) => {
      const a = address as StockAddress;
      this.stock_.set(`${account}|${a.productNo}|${a.variantCode}`, Number(quantity));
      return { status: 200, body: {} };
    },
    'orders.confirm': (account, { itemIds }) => ({
      status: 200,
      body: {
        answers: (itemIds as string[]).map((itemId) => {
          const o = this.orders_.find((x) => x.line.itemId === itemId && this.accountOfLine(x.line) === account);
          if (!o || o.line.status !== 'paid') return { itemId, ok: false, text: '결제완료 상태가 아닙니다' };
          this.confirmed.push(`${account} ${itemId}`);
          this.change(itemId, { status: 'preparing', rawStatus: 'CONFIRMED' });
          return { itemId, ok: true };
        }),
      },
    }),
    'carriers.list': () => ({ status: 200, body: { carriers: this.carriers_ } }),
    'shipments.create': (account, b) => {
      const itemIds = b.itemIds as string[];
      if (this.shipments.some((s) => s.account === account && s.trackingNo === b.trackingNo)) return { status: 409, body: { error: 'already' } };
      this.shipments.push({ account, orderId: String(b.orderId), itemIds, trackingNo: String(b.trackingNo), carrierCode: String(b.carrierCode) });
      for (const id of itemIds) this.change(id, { status: 'shipping', rawStatus: 'SHIPPING', trackingNo: String(b.trackingNo) });
      return { status: 201, body: {} };
    },
    'products.create': (account, { sku, fields }) => {
      const productNo = String(100 + this.listings.size);
      this.listings.set(`${account}|${sku}`, { productNo, fields: fields as Record<string, unknown> });
      return { status: 201, body: { productNo } };
    },
    'products.update': (account, { sku, productNo, fields }) => {
      const listing = this.listings.get(`${account}|${sku}`);
      if (!listing) return { status: 404, body: {} };
      Object.assign(listing.fields, fields);
      return { status: 200, body: { productNo } };
    },
    'inquiries.changed': (account, { after }) => {
      const mine = this.questions.filter((q) => q.account === account && q.seq > Number(after)).sort((a, b) => a.seq - b.seq);
      const page = mine.slice(0, 2);
      return { status: 200, body: { ids: page.map((q) => q.inquiryId), last: page.at(-1)?.seq ?? Number(after), more: mine.length > 2 } };
    },
    'inquiries.get': (account, { only }) => ({ status: 200, body: { ids: this.questions.filter((q) => q.account === account && (only as string[]).includes(q.inquiryId)).map((q) => q.inquiryId), last: 0, more: false } }),
    'inquiries.answer': (account, { inquiryId, text }) => {
      const q = this.questions.find((x) => x.account === account && x.inquiryId === inquiryId);
      if (!q) return { status: 404, body: { error: 'no such inquiry' } };
      if (q.closed) return { status: 400, body: { error: 'closed' } };
      const answerId = `A${++this.answerSeq}`;
      // Like a reply article: each post adds one (a resend would add a second).
      this.answersPosted.push(`${account} ${String(inquiryId)} ${String(text)}`);
      q.answer = { answerId, text: String(text), at: this.nowForAnswers(), by: account, editable: true };
      q.seq = ++this.seq;
      return { status: 201, body: { answerId } };
    },
    'inquiries.update': (account, { inquiryId, answerId, text }) => {
      const q = this.questions.find((x) => x.account === account && x.inquiryId === inquiryId);
      if (!q?.answer || q.answer.answerId !== answerId) return { status: 404, body: {} };
      q.answer = { ...q.answer, text: String(text) };
      q.seq = ++this.seq;
      return { status: 200, body: {} };
    },
    'claims.act': (account, { itemId, command }) => {
      this.decisions.push({ account, itemId: String(itemId), command: String(command) });
      if (command === 'acceptCancel') this.change(String(itemId), { status: 'cancelled', rawStatus: 'CANCELLED' });
      return { status: 200, body: { status: command === 'acceptCancel' ? 'canceled' : 'done' } };
    },
  };

  /** The time the channel stamps on answers (specs set it to their clock). */
  nowForAnswers: () => number = () => 0;

  /** Lines carry their partner; the channel's accounts are the partners' account ids. */
  readonly accountOf = new Map<string, string>();
  private accountOfLine(l: OrderLine): string {
    return this.accountOf.get(l.partnerId) ?? '';
  }
}

export const memoryAccount = (partnerId: string, accountId: string): ChannelAccount => ({ channel: MEMORY, partnerId, accountId });

/** An order line of the memory channel, paid, one unit. */
export function memoryLine(partnerId: string, orderId: string, n: number, patch: Partial<OrderLine> = {}): OrderLine {
  return {
    channel: MEMORY,
    partnerId,
    orderId,
    itemId: `${orderId}-${n}`,
    orderedAt: 0,
    paidAt: 0,
    sku: 'SKU-1',
    productName: '린넨 셔츠',
    optionText: '',
    quantity: 1,
    unitPrice: 10_000 as OrderLine['unitPrice'],
    amount: 10_000 as OrderLine['amount'],
    buyerName: '김구매',
    receiverName: '김수령',
    receiverPhone: '010-1111-2222',
    receiverZip: '04524',
    receiverAddress1: '서울 중구 1',
    receiverAddress2: '',
    message: '',
    status: 'paid',
    claim: null,
    claimCode: null,
    claimReason: '',
    claimRequestedAt: null,
    replacement: false,
    rawStatus: 'PAID',
    carrier: null,
    trackingNo: null,
    shippedAt: null,
    channelProductId: null,
    channelVariantId: null,
    channelShipmentId: null,
    ...patch,
  };
}

/**
 * Serves `channel` from the registry to the modules a spec requires after this call (the jobs
 * look channels up there, never by name). Call before `require`-ing the jobs under test.
 */
export function serveFromRegistry(channel: MemoryChannel): void {
  jest.doMock('../../src/channels/registry', () => ({
    channelOf: (id: string) => {
      if (id !== MEMORY) throw new Error(`${id}: not in this spec`);
      return channel;
    },
    isSupportedChannel: (id: string) => id === MEMORY,
    supportedChannels: () => [channel],
    channelLabel: (id: string | undefined) => (id === MEMORY ? channel.label : '채널'),
  }));
}
