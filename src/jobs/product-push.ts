/**
 * Which products go to which partner mall now, and what each call carries. Pure: the time, the
 * last batch and what each mall was last sent all come in.
 *
 * DOMAIN: the manufacturer sends product info to every mall that sells a SKU, product by
 * product at the spec's pace (5 every 5 minutes); each seller sets its own sale price. So the
 * own mall's price is the sheet's (its ratio row's 판매가, else the suggested retail price) and
 * follows it; a reseller's mall gets a price when its product is registered, and later only
 * when staff change that reseller's own 판매가 on its ratio row (the price it chose, recorded in
 * the sheet): a blank cell, or a change of the retail price, never touches a reseller's price.
 *
 * What a mall was last sent is kept per pair as a fingerprint of exactly the fields we send
 * (the product's name hashed, to keep script properties small). An update carries only the
 * fields that differ from it, so whatever a reseller changed in its own mall (a name, a hidden
 * product) stays unless the manufacturer changes that very field.
 */
import type { KeyValueStore } from '../core/ports';
import { OPTION_ITEM, type ChannelAccount, type Gateway, type ListingFields, type ProductPushResult, type ProductPushStep } from '../channels/port';
import { channelOf } from '../channels/registry';
import { KEY_SEPARATOR } from '../sheet/table';
import type { Krw } from '../core/krw';
import type { Partner, PartnerRole } from '../core/partner';
import { PRODUCT_STATUSES, type Product, type ProductStatus } from '../core/product';
import { stockKey } from '../core/stock';
import type { StockRatio } from '../sheet/ratios';
import { PRODUCT_EDITED_CACHE_KEY, PUSHED_KEY, LAST_BATCH_KEY, EDITED_KEY, CHECKED_KEY, WAITING_KEY } from './kept';

/** At most `count` steps every `everyMs` (a setting; the spec's 5 every 5 minutes by default). */
export interface ProductPace {
  readonly count: number;
  readonly everyMs: number;
}

export const DEFAULT_PRODUCT_PACE: ProductPace = { count: 5, everyMs: 5 * 60_000 };

/**
 * A batch may go this much before its period is up: runs of a one-minute trigger start a little
 * earlier or later each time, and a strict comparison would turn "every 5 minutes" into every 6.
 */
export const PACE_SLACK_MS = 10_000;

/** Whether the pace allows a batch now. */
export function paceAllows(pace: ProductPace, lastBatchAt: number | null, now: number): boolean {
  return lastBatchAt === null || now - lastBatchAt >= pace.everyMs - Math.min(PACE_SLACK_MS, pace.everyMs / 2);
}

/**
 * What a run must do about products, from what script properties say (no sheet read): read the
 * tabs and send a batch ('read'), or nothing now ('idle'). There is work when the products,
 * ratio or partners tab was edited since the tabs were last read, or when pairs still wait for
 * a batch; the pace decides when. Kept in properties, not the cache: CacheService may drop an
 * entry at any time, and a lost mark would leave pasted products unsent until the next edit.
 */
export function productsDue(input: {
  readonly editedAt: number | null;
  readonly checkedAt: number | null;
  readonly waiting: number;
  readonly lastBatchAt: number | null;
  readonly now: number;
  readonly pace: ProductPace;
}): 'read' | 'idle' {
  const edited = input.editedAt !== null && (input.checkedAt === null || input.editedAt >= input.checkedAt);
  if (!edited && input.waiting === 0) return 'idle';
  return paceAllows(input.pace, input.lastBatchAt, input.now) ? 'read' : 'idle';
}

/**
 * A pair's product in its mall, and what it was last sent: '' when unknown (linked, never sent),
 * OPTION_ITEM when the SKU is one option of a mall product shared with other SKUs.
 */
export interface PushedPair {
  readonly fingerprint: string;
  readonly productNo: string;
  /**
   * A product we created whose variant still sells regardless of stock (turning stock management
   * on failed after the create): that variant's code, until it is turned on.
   */
  readonly stockOff?: string;
}

export interface ProductPushSkip {
  readonly sku: string;
  readonly partnerId: string;
  /** Korean, for the pair's status cell: what staff must fill in or fix. */
  readonly reason: string;
}

export interface ProductPushInput {
  readonly products: readonly Product[];
  readonly ratios: readonly StockRatio[];
  /** The partners whose malls can be reached now (connected). */
  readonly partners: readonly Partner[];
  /** By `stockKey(sku, partnerId)`. */
  readonly pushed: ReadonlyMap<string, PushedPair>;
  readonly now: number;
  readonly pace: ProductPace;
  /** When the last batch went (epoch ms); null before the first. */
  readonly lastBatchAt: number | null;
  /**
   * By `stockKey`: since when each pair has been waiting (first noticed, or last failed). Oldest
   * goes first, so a pair that keeps failing cannot hold up the others. Absent: noticed now.
   */
  readonly waitingSince?: ReadonlyMap<string, number>;
}

export interface ProductPushPlan {
  /** This batch: empty when the pace does not allow one now. */
  readonly steps: ProductPushStep[];
  /** When the next batch may go, if anything is left waiting; null when nothing waits. */
  readonly nextBatchAt: number | null;
  readonly skipped: ProductPushSkip[];
  /** Every pair due now, this batch included, and since when: the next plan's `waitingSince`. */
  readonly waitingSince: Map<string, number>;
}

export function planProductPush(input: ProductPushInput): ProductPushPlan {
  const { count, everyMs } = input.pace;
  if (!Number.isInteger(count) || count < 1 || !Number.isFinite(everyMs) || everyMs < 0) {
    throw new RangeError(`product pace must be ≥ 1 step every ≥ 0 ms, got ${count} every ${everyMs} ms`);
  }
  const products = new Map(input.products.map((p) => [p.sku, p]));
  const partners = new Map(input.partners.map((p) => [p.partnerId, p]));
  const candidates: Array<{ step: ProductPushStep; since: number }> = [];
  const skipped: ProductPushSkip[] = [];
  for (const ratio of input.ratios) {
    const product = products.get(ratio.sku);
    const partner = partners.get(ratio.partnerId);
    // Only malls that sell the SKU hear about it (DOMAIN: each reseller chooses its products).
    if (!product || !partner || !ratio.sellable) continue;
    const key = stockKey(ratio.sku, ratio.partnerId);
    const decided = decide(product, partner, ratio, input.pushed.get(key));
    if (decided === null) continue;
    if ('reason' in decided) skipped.push({ sku: ratio.sku, partnerId: ratio.partnerId, reason: decided.reason });
    else candidates.push({ step: decided, since: input.waitingSince?.get(key) ?? input.now });
  }
  candidates.sort((a, b) => a.since - b.since || byCodeUnits(a.step.sku, b.step.sku) || byCodeUnits(a.step.partnerId, b.step.partnerId));
  skipped.sort((a, b) => byCodeUnits(a.sku, b.sku) || byCodeUnits(a.partnerId, b.partnerId));

  const due = paceAllows(input.pace, input.lastBatchAt, input.now);
  const steps = due ? candidates.slice(0, count).map((c) => c.step) : [];
  const left = candidates.length - steps.length;
  const nextBatchAt = left === 0 ? null : due ? input.now + everyMs : input.lastBatchAt! + everyMs;
  const waitingSince = new Map(candidates.map((c) => [stockKey(c.step.sku, c.step.partnerId), c.since]));
  return { steps, nextBatchAt, skipped, waitingSince };
}

/** One pair's step, a refusal, or null when the mall is up to date (or has nothing to get). */
function decide(p: Product, partner: Partner, ratio: StockRatio, pushed: PushedPair | undefined): ProductPushStep | { reason: string } | null {
  const products = channelOf(partner.channel).products;
  // A channel that takes no products from us: its listings are its own.
  if (!products) return null;
  const role = partner.role;
  const refusal = (f: Partial<ListingFields>) => {
    const reason = products.refusal(f);
    return reason === null ? null : { reason };
  };
  const productNo = pushed?.productNo ?? ratio.channelProductNo;
  // A product no. is digits; anything else in the cell would address the wrong product or none.
  if (productNo && !/^\d+$/.test(productNo)) return { reason: `채널상품번호가 올바르지 않습니다: "${productNo}" (숫자만)` };
  const price = ratio.salePrice ?? p.retailPrice;
  // The one place a price enters what updates carry: the own mall's as above; a reseller's only
  // its own 판매가 cell (null when blank: nothing to follow).
  const now = snapshotOf(p, role === 'own' ? price : ratio.salePrice);
  const fingerprint = encodeSnapshot(now);
  const base = { sku: p.sku, partnerId: ratio.partnerId, fingerprint };
  if (!productNo) {
    // A product not on sale is not registered anywhere yet; it goes once it sells.
    if (p.status !== 'selling') return null;
    if (price === null) return { reason: '판매가가 없어 몰에 등록하지 않습니다: 연동재고율 탭의 판매가나 상품 탭의 권장소비자가를 입력하세요' };
    const fields: ListingFields = {
      productName: mallProductName(p),
      price,
      supplyPrice: p.wholesalePrice,
      ...(p.retailPrice === null ? {} : { retailPrice: p.retailPrice }),
      customProductCode: p.sku,
      display: true,
      selling: true,
    };
    return refusal(fields) ?? { kind: 'create', ...base, fields, whenFound: fullPatch(p, now, role) };
  }
  const known = pushed && pushed.productNo === productNo ? pushed.fingerprint : null;
  if (known === OPTION_ITEM) return null;
  // Owed first: until it is on, the mall sells more than the stock it is given.
  if (pushed?.stockOff && pushed.productNo === productNo) return { kind: 'stockManagement', ...base, fingerprint: pushed.fingerprint, productNo, variantCode: pushed.stockOff };
  const before = known === null ? null : decodeSnapshot(known);
  // Never sent to this product (found in the mall by its code, or the record was lost): send all
  // of the manufacturer's fields once, not a reseller's price (the one in its mall is its own
  // until staff change the cell).
  const patch = before ? changedFields(p, before, now) : fullPatch(p, now, role);
  if (Object.keys(patch).length === 0) return null;
  return refusal(patch) ?? { kind: 'update', ...base, productNo, patch, firstSend: before === null };
}

/**
 * The name a mall shows: one SKU is one mall product, so its option goes into the name
 * ("린넨 셔츠 (베이지 / M)" from option "색상=베이지, 사이즈=M").
 */
export function mallProductName(p: Pick<Product, 'name' | 'option'>): string {
  if (!p.option) return p.name;
  const values = p.option
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part.includes('=') ? part.slice(part.indexOf('=') + 1).trim() : part));
  return values.length > 0 ? `${p.name} (${values.join(' / ')})` : p.name;
}

// ---- what a mall holds, field by field

/** The fields we send, as a mall last got them. `price`: the own mall's, or a reseller's own 판매가 cell (null when blank). */
interface Snapshot {
  /** FNV-1a of the mall product name, base 36. */
  readonly name: string;
  readonly supplyPrice: Krw;
  readonly retailPrice: Krw | null;
  readonly status: ProductStatus;
  readonly price: Krw | null;
}

function snapshotOf(p: Product, price: Krw | null): Snapshot {
  return { name: hash(mallProductName(p)), supplyPrice: p.wholesalePrice, retailPrice: p.retailPrice, status: p.status, price };
}

/** "k3x9a1:12000:29000:selling:" — compact, since one script property holds at most 9 KB. */
function encodeSnapshot(s: Snapshot): string {
  return [s.name, s.supplyPrice, s.retailPrice ?? '', s.status, s.price ?? ''].join(':');
}

const WHOLE = /^\d+$/;

/** null when the text is not a fingerprint of ours (damaged, older format): everything is sent. */
function decodeSnapshot(text: string): Snapshot | null {
  const parts = text.split(':');
  if (parts.length !== 5) return null;
  const [name, supply, retail, status, price] = parts as [string, string, string, string, string];
  const krw = (t: string): Krw | null | undefined => (t === '' ? null : WHOLE.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : undefined);
  const supplyPrice = krw(supply);
  const retailPrice = krw(retail);
  const ownPrice = krw(price);
  if (!name || supplyPrice === null || supplyPrice === undefined || retailPrice === undefined || ownPrice === undefined) return null;
  if (!(PRODUCT_STATUSES as readonly string[]).includes(status)) return null;
  return { name, supplyPrice, retailPrice, status: status as ProductStatus, price: ownPrice };
}

/**
 * Only what changed. A blank retail or own price sends nothing (a mall's price cannot be
 * cleared); the fingerprint then keeps what the mall still holds.
 */
function changedFields(p: Product, before: Snapshot, now: Snapshot): Partial<ListingFields> {
  return {
    ...(before.name !== now.name ? { productName: mallProductName(p) } : {}),
    ...(before.supplyPrice !== now.supplyPrice ? { supplyPrice: now.supplyPrice } : {}),
    ...(now.retailPrice !== null && before.retailPrice !== now.retailPrice ? { retailPrice: now.retailPrice } : {}),
    ...statusFlags(before.status, now.status),
    // A reseller's only when its own 판매가 cell changed (see snapshotOf).
    ...(now.price !== null && before.price !== now.price ? { price: now.price } : {}),
  };
}

/** Every field the manufacturer owns, for a mall product we have never sent to. */
function fullPatch(p: Product, now: Snapshot, role: PartnerRole): Partial<ListingFields> {
  return {
    productName: mallProductName(p),
    supplyPrice: p.wholesalePrice,
    ...(p.retailPrice === null ? {} : { retailPrice: p.retailPrice }),
    customProductCode: p.sku,
    ...statusFlags(null, p.status),
    ...(now.price === null || role !== 'own' ? {} : { price: now.price }),
  };
}

/**
 * The flags for a sales status: sold out stops selling (the page stays, marked sold out);
 * discontinued also hides the product. Coming back from discontinued shows it again; otherwise
 * display is left as the mall has it.
 */
function statusFlags(before: ProductStatus | null, now: ProductStatus): Pick<ListingFields, 'selling' | 'display'> {
  if (before === now) return {};
  switch (now) {
    case 'selling':
      return before === null || before === 'discontinued' ? { selling: true, display: true } : { selling: true };
    case 'soldOut':
      return before === 'discontinued' ? { selling: false, display: true } : { selling: false };
    case 'discontinued':
      return { selling: false, display: false };
  }
}

// ---- kept between runs (script properties)

/**
 * Apps Script refuses a property value over 9 KB, and a catalog of a few hundred SKUs in three
 * malls is several times that: the pairs are spread over shards (`products.pushed`,
 * `products.pushed.1`, …) by a hash of their key, each kept under this size.
 */
export const SHARD_BYTES = 8 * 1024;

export interface ProductPushState {
  readonly pushed: Map<string, PushedPair>;
  readonly waitingSince: Map<string, number>;
}

/** The state as read, with the stored texts, so that only shards that change are written. */
export interface StoredPushState {
  readonly state: ProductPushState;
  readonly shards: number;
  readonly texts: ReadonlyMap<string, string | null>;
}

/** A shard as stored; `n`, the number of shards, only in the first. */
interface Shard {
  n?: number;
  /** key → [product no., fingerprint] or [product no., fingerprint, variant whose stock management is owed] */
  p: Record<string, [string, string] | [string, string, string]>;
  /** key → waiting since (epoch ms) */
  w: Record<string, number>;
}

export function shardKey(i: number): string {
  return i === 0 ? PUSHED_KEY : `${PUSHED_KEY}.${i}`;
}

/**
 * A damaged shard reads as empty: its pairs are then sent again in full, which is safe (a
 * create first looks the SKU up in the mall).
 */
export function readPushState(get: (key: string) => string | null): StoredPushState {
  const texts = new Map<string, string | null>();
  const pushed = new Map<string, PushedPair>();
  const waitingSince = new Map<string, number>();
  const load = (i: number): Partial<Shard> | null => {
    const text = get(shardKey(i));
    texts.set(shardKey(i), text);
    if (!text) return null;
    try {
      const v: unknown = JSON.parse(text);
      return typeof v === 'object' && v !== null ? (v as Partial<Shard>) : null;
    } catch {
      return null;
    }
  };
  const first = load(0);
  const shards = Number.isInteger(first?.n) && first!.n! >= 1 ? first!.n! : 1;
  for (let i = 0; i < shards; i++) {
    const shard = i === 0 ? first : load(i);
    for (const [key, v] of Object.entries(shard?.p ?? {})) {
      if (!Array.isArray(v) || typeof v[0] !== 'string' || v[0] === '' || typeof v[1] !== 'string') continue;
      const stockOff = typeof v[2] === 'string' && v[2] !== '' ? v[2] : null;
      pushed.set(key, stockOff ? { productNo: v[0], fingerprint: v[1], stockOff } : { productNo: v[0], fingerprint: v[1] });
    }
    for (const [key, t] of Object.entries(shard?.w ?? {})) if (Number.isFinite(t)) waitingSince.set(key, t);
  }
  return { state: { pushed, waitingSince }, shards, texts };
}

/** The shard texts that differ from what was read (more shards when one would grow too big). */
export function pushStateWrites(state: ProductPushState, stored: StoredPushState): Array<{ key: string; value: string }> {
  let n = stored.shards;
  let texts = shardTexts(state, n);
  // 256 shards hold far more than the 500 KB a script's properties may hold in all.
  while (n < 256 && texts.some((t) => utf8Length(t) > SHARD_BYTES)) texts = shardTexts(state, (n *= 2));
  // A shard never stored reads as empty: writing an empty one would change nothing.
  return texts.map((value, i) => ({ key: shardKey(i), value })).filter(({ key, value }, i) => value !== (stored.texts.get(key) ?? emptyShard(i, stored.shards)));
}

const emptyShard = (i: number, n: number): string => JSON.stringify(i === 0 ? { n, p: {}, w: {} } : { p: {}, w: {} });

function shardTexts(state: ProductPushState, n: number): string[] {
  const shards: Shard[] = Array.from({ length: n }, (_, i) => (i === 0 ? { n, p: {}, w: {} } : { p: {}, w: {} }));
  for (const key of [...state.pushed.keys()].sort(byCodeUnits)) {
    const v = state.pushed.get(key)!;
    shards[fnv(key) % n]!.p[key] = v.stockOff ? [v.productNo, v.fingerprint, v.stockOff] : [v.productNo, v.fingerprint];
  }
  for (const key of [...state.waitingSince.keys()].sort(byCodeUnits)) shards[fnv(key) % n]!.w[key] = state.waitingSince.get(key)!;
  return shards.map((s) => JSON.stringify(s));
}

/** Bytes in UTF-8, as Apps Script counts a property (no TextEncoder in Apps Script). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** FNV-1a (32-bit) over UTF-16 code units. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A name's change shows in at most 7 characters. */
function hash(text: string): string {
  return fnv(text).toString(36);
}

/** Code-unit order: the same on every runtime and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy older than this is not trusted: the properties are read again (a lost edit waits no longer). */
export const MARKS_COPY_MAX_AGE_MS = 10 * 60_000;
const MARK_KEYS = [EDITED_KEY, CHECKED_KEY, WAITING_KEY, LAST_BATCH_KEY] as const;
type Marks = Record<string, string | null> & { at: number };

/**
 * The products marks as the run sees them: properties stay the record (a cache entry may vanish
 * at any time), and a copy in the cache the sync reads anyway spares an idle minute the read of
 * the document properties. No copy, a damaged one, or one older than MARKS_COPY_MAX_AGE_MS: the
 * properties are read and the copy made again. An edit since the copy was made comes with the
 * same cache read (PRODUCT_EDITED_CACHE_KEY). `mirror()` is what the run puts back in the cache.
 */
export function mirroredMarks(store: KeyValueStore, cached: string | null | undefined, editedInCache: string | null | undefined, now: number): { store: KeyValueStore; mirror(): string } {
  const copy = parseMarks(cached);
  let marks: Marks | null = copy && now - copy.at >= 0 && now - copy.at < MARKS_COPY_MAX_AGE_MS ? copy : null;
  const edited = Number(editedInCache);
  if (marks && Number.isFinite(edited) && edited > Number(marks[EDITED_KEY] ?? 0)) marks[EDITED_KEY] = String(edited);
  const load = (): Marks => (marks ??= { ...Object.fromEntries(MARK_KEYS.map((k) => [k, store.get(k)])), at: now } as Marks);
  const isMark = (key: string) => (MARK_KEYS as readonly string[]).includes(key);
  return {
    store: {
      get: (key) => (isMark(key) ? (load()[key] ?? null) : store.get(key)),
      getLatest: (key) => store.getLatest(key),
      set: (key, value) => {
        store.set(key, value);
        if (isMark(key)) load()[key] = value;
      },
      delete: (key) => {
        store.delete(key);
        if (isMark(key)) load()[key] = null;
      },
    },
    mirror: () => JSON.stringify(load()),
  };
}

function parseMarks(text: string | null | undefined): Marks | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return null;
    const rec = v as Record<string, unknown>;
    if (typeof rec.at !== 'number' || !MARK_KEYS.every((k) => rec[k] === null || typeof rec[k] === 'string')) return null;
    return { ...Object.fromEntries(MARK_KEYS.map((k) => [k, rec[k] as string | null])), at: rec.at } as Marks;
  } catch {
    return null;
  }
}

/**
 * The state after this run. Success: the mall holds the step's fingerprint and the pair waits
 * no more. A failure goes to the back of the queue, so it cannot hold up the others; a deferral
 * keeps its place. Pairs of SKUs no longer in the tab are forgotten (a SKU typed again is
 * looked up in the mall before any create, so nothing is registered twice).
 */
export function nextPushState(before: ProductPushState, waiting: ReadonlyMap<string, number>, results: readonly ProductPushResult[], skus: ReadonlySet<string>, now: number): ProductPushState {
  const listed = (key: string) => skus.has(key.slice(0, key.indexOf(KEY_SEPARATOR)));
  const pushed = new Map([...before.pushed].filter(([key]) => listed(key)));
  const waitingSince = new Map([...waiting].filter(([key]) => listed(key)));
  for (const r of results) {
    const key = stockKey(r.sku, r.partnerId);
    if (r.ok) {
      const stockOff = r.action === 'created' ? r.stockOff : null;
      pushed.set(key, stockOff ? { productNo: r.productNo, fingerprint: r.fingerprint, stockOff } : { productNo: r.productNo, fingerprint: r.fingerprint });
      // A variant whose stock management is still owed keeps the pair waiting.
      if (stockOff) {
        waitingSince.set(key, now);
        continue;
      }
      waitingSince.delete(key);
      continue;
    }
    if (r.action === 'unlinked') pushed.delete(key);
    // A product just found by its code: linked, its content unknown until an update goes.
    else if (r.productNo !== null && r.fingerprint === '') pushed.set(key, { productNo: r.productNo, fingerprint: '' });
    if (r.action !== 'deferred') waitingSince.set(key, now);
  }
  return { pushed, waitingSince };
}

/**
 * Carries out a batch: each channel pushes its accounts' steps (creates never twice: see the
 * channel's `push`). A step whose account is not connected waits. Results in step order.
 */
export function pushProductSteps(steps: readonly ProductPushStep[], accounts: ReadonlyMap<string, ChannelAccount>, gateway: Gateway): ProductPushResult[] {
  const results = new Array<ProductPushResult>(steps.length);
  const byChannel = new Map<string, number[]>();
  steps.forEach((step, i) => {
    const account = accounts.get(step.partnerId);
    if (!account || !channelOf(account.channel).products) {
      results[i] = { sku: step.sku, partnerId: step.partnerId, status: '연결 후 전송됩니다', ok: false, action: 'deferred', productNo: null, fingerprint: null };
      return;
    }
    byChannel.set(account.channel, [...(byChannel.get(account.channel) ?? []), i]);
  });
  for (const indexes of byChannel.values()) {
    const channel = channelOf(accounts.get(steps[indexes[0]!]!.partnerId)!.channel);
    const out = channel.products!.push(indexes.map((i) => steps[i]!), accounts, gateway);
    indexes.forEach((i, n) => (results[i] = out[n]!));
  }
  return results;
}
