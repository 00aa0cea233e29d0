/**
 * Runs planned product steps (see `planProductPush`) against the partner malls, all malls at
 * once through the gateway, in two rounds.
 *
 * A create is a POST, which the gateway never resends blindly: one that timed out or met a
 * server error may have been carried out. So every create first looks the SKU up in the mall
 * (reads, safe to repeat), by the product's code and by the option's code: found as a product,
 * the pair is linked to it and updated instead; found as one option of a product, it is linked
 * and left alone (see OPTION_ITEM); only when absent is it created. A create whose outcome is
 * unknown says so on the pair, and the next attempt starts with the same look-ups.
 *
 * An update to a product we never sent to reads it first: product information goes only to a
 * product whose own code is the SKU, never to one shared by several options.
 *
 * Round 1: look-ups, first reads, planned updates. Round 2: creates and updates after a read.
 */
import type { HttpRequest, HttpResponse } from '../../core/http';
import { OPTION_ITEM, type ChannelAccount, type ChannelError, type ChannelRequest, type Gateway, type Outcome, type ProductPushResult, type ProductPushStep } from '../port';
import { adminGet, type Cafe24Session } from './admin-request';
import type { Cafe24Call } from './calls';
import type { Cafe24Connection } from './connection';
import { CAPS } from './paging';
import { createProduct, getProduct, listProducts, updateProduct, updateVariant, type ProductFields } from './requests';
import { parse, ProductOne, ProductsList, VariantOne, type Cafe24Product } from './schemas';
import { cafe24Request } from './transport';

type Create = Extract<ProductPushStep, { kind: 'create' }>;
type Update = Extract<ProductPushStep, { kind: 'update' }>;
type StockManagement = Extract<ProductPushStep, { kind: 'stockManagement' }>;
/** Round 1 reads pages (look-ups), one product (first reads), or saves (planned updates). */
type Answer = { readonly page: Cafe24Product[] } | { readonly product: Cafe24Product } | { readonly variant: true };
/** After round 1: a result, or a request for round 2 and how to read its outcome. */
type Next = ProductPushResult | { readonly req: ChannelRequest<Cafe24Product>; readonly then: (o: Outcome<Cafe24Product>) => ProductPushResult };

/** Results in step order. */
export function pushProducts(steps: readonly ProductPushStep[], accounts: ReadonlyMap<string, ChannelAccount>, gateway: Gateway): ProductPushResult[] {
  const conns = accounts as ReadonlyMap<string, Cafe24Connection>;
  const results = new Array<ProductPushResult>(steps.length);
  const first: Array<{ index: number; req: ChannelRequest<Answer> }> = [];
  steps.forEach((step, index) => {
    const conn = conns.get(step.partnerId);
    if (!conn) results[index] = deferred(step, '카페24 연결 후 전송됩니다');
    else if (step.kind === 'create') first.push({ index, req: byProductCode(conn, step.sku) }, { index, req: byOptionCode(conn, step.sku) });
    else if (step.kind === 'stockManagement') {
      const req = stockManagementOn(conn, step.productNo, step.variantCode);
      first.push({ index, req: { ...req, read: (r) => (req.read(r), { variant: true }) } });
    }
    else if (step.firstSend) first.push({ index, req: asAnswer(read(conn, step.productNo)) });
    else first.push({ index, req: asAnswer(save(conn, step.productNo, step.patch)) });
  });
  const outcomes = new Map<number, Outcome<Answer>[]>();
  run(gateway, first.map((f) => f.req)).forEach((o, i) => {
    const { index } = first[i]!;
    outcomes.set(index, [...(outcomes.get(index) ?? []), o]);
  });
  const second: Array<{ index: number; req: ChannelRequest<Cafe24Product>; then: (o: Outcome<Cafe24Product>) => ProductPushResult }> = [];
  for (const [index, [a, b]] of outcomes) {
    const step = steps[index]!;
    const conn = conns.get(step.partnerId)!;
    const next: Next =
      step.kind === 'create'
        ? afterLookUp(step, conn, a!, b!)
        : step.kind === 'stockManagement'
          ? stockManagementResult(step, a!)
          : step.firstSend
            ? afterRead(step, conn, a!)
            : updated(step, step.productNo, a!, step.productNo);
    if ('req' in next) second.push({ index, ...next });
    else results[index] = next;
  }
  run(gateway, second.map((s) => s.req)).forEach((o, i) => {
    const { index, then } = second[i]!;
    results[index] = then(o);
  });
  // Round 3: a product just created sells regardless of stock until its variant manages stock.
  const third = results.flatMap((r, index) => (r.action === 'created' && r.stockOff !== null ? [{ index, r }] : []));
  run(gateway, third.map(({ index, r }) => stockManagementOn(conns.get(steps[index]!.partnerId)!, r.productNo, r.stockOff!))).forEach((o, i) => {
    const { index, r } = third[i]!;
    results[index] = o.ok ? { ...r, stockOff: null } : { ...r, status: stockOffStatus(r.stockOff!, o.error.userMessage) };
  });
  return results;
}

/**
 * The stock management Cafe24 applies to a variant (reference §6): stock is tracked
 * (`use_inventory`), and at zero the product shows sold out and takes no order
 * (`display_soldout`). Off, a mall sells whatever quantity it is given, and the stock ratios
 * would mean nothing. The quantity itself is the stock push's.
 */
function stockManagementOn(conn: Cafe24Connection, productNo: string, variantCode: string): ChannelRequest<unknown> {
  return req({
    conn,
    call: 'variants.update',
    build: (s) => updateVariant(s, Number(productNo), variantCode, { useInventory: true, displaySoldout: true }),
    read: (r) => parse('variants.update', conn.mallId, VariantOne, r).variant,
  });
}

function stockOffStatus(variantCode: string, why: string): string {
  return `몰에 등록했지만 재고 관리(품목 ${variantCode})를 켜지 못했습니다: ${why}. 다음 전송 때 다시 켭니다`;
}

/** A variant of ours whose stock management was owed: turned on, or still owed. */
function stockManagementResult(step: StockManagement, o: Outcome<Answer>): ProductPushResult {
  if (o.ok) return { ...base(step, ''), ok: true, action: 'updated', productNo: step.productNo, fingerprint: step.fingerprint };
  if (o.error.kind === 'notFound') return unlinked(step, step.productNo);
  const status = stockOffStatus(step.variantCode, o.error.userMessage);
  return o.deferred ? deferred(step, status) : failed(step, step.productNo, status);
}

/** What the look-ups found: the SKU's own product, an option of another, or nothing (create). */
function afterLookUp(step: Create, conn: Cafe24Connection, byCode: Outcome<Answer>, byOption: Outcome<Answer>): Next {
  for (const o of [byCode, byOption]) {
    if (o.ok) continue;
    return o.deferred ? deferred(step, o.error.userMessage) : failed(step, null, `몰에서 SKU를 찾아보지 못해 등록하지 않았습니다: ${o.error.userMessage}`);
  }
  const codePage = pageOf(byCode);
  const optionPage = pageOf(byOption);
  // The code filters match "contains": only the exact code is ours.
  const own = codePage.filter((p) => p.custom_product_code === step.sku);
  const asOption = optionPage.filter((p) => optionOf(p, step.sku) !== null);
  const many = own.length > 1 ? own : own.length === 0 && asOption.length > 1 ? asOption : null;
  if (many) {
    const nos = many.map((p) => p.product_no).join(', ');
    return failed(step, null, `몰에 SKU ${step.sku} 상품이 ${many.length}개 있습니다(상품번호 ${nos}). 어느 상품에 보낼지 알 수 없으니 몰에서 하나만 남기세요`);
  }
  if (own.length === 1) {
    const productNo = String(own[0]!.product_no);
    return { req: save(conn, productNo, step.whenFound), then: (o) => updated(step, productNo, o, null) };
  }
  if (asOption.length === 1) return optionItem(step, asOption[0]!);
  if (codePage.length >= CAPS.products.maxLimit || optionPage.length >= CAPS.products.maxLimit) {
    // A full page without the exact code: it may be on a later page; never risk a duplicate.
    return failed(step, null, `몰에 코드에 ${step.sku}를 포함한 상품이 너무 많아 등록 여부를 확인하지 못했습니다. 몰에서 확인하세요`);
  }
  return { req: create(conn, step.fields), then: (o) => created(step, o) };
}

/** A product never sent to, read: the SKU's own gets the patch; an option's is left alone. */
function afterRead(step: Update, conn: Cafe24Connection, o: Outcome<Answer>): Next {
  if (!o.ok) {
    if (o.error.kind === 'notFound') return unlinked(step, step.productNo);
    return o.deferred ? deferred(step, o.error.userMessage) : failed(step, step.productNo, `몰 상품(번호 ${step.productNo})을 읽지 못했습니다: ${o.error.userMessage}`);
  }
  const product = 'product' in o.value ? o.value.product : null;
  if (product?.custom_product_code === step.sku) {
    return { req: save(conn, step.productNo, step.patch), then: (u) => updated(step, step.productNo, u, step.productNo) };
  }
  if (product && optionOf(product, step.sku) !== null) return optionItem(step, product);
  const code = product?.custom_product_code ?? '';
  return failed(step, step.productNo, `몰 상품(번호 ${step.productNo})의 자체상품코드(${code || '없음'})도 품목 코드도 SKU와 다릅니다. 몰에서 코드를 확인하세요`);
}

function optionOf(p: Cafe24Product, sku: string): string | null {
  return p.variants?.find((v) => v.custom_variant_code === sku)?.variant_code ?? null;
}

function optionItem(step: ProductPushStep, p: Cafe24Product): ProductPushResult {
  const variantCode = optionOf(p, step.sku)!;
  const status = `몰 상품(번호 ${p.product_no})의 옵션 품목입니다: 상품 정보는 몰에서 관리하고 재고만 연동합니다`;
  return { ...base(step, status), ok: true, action: 'optionItem', productNo: String(p.product_no), variantCode, fingerprint: OPTION_ITEM };
}

/** A Cafe24 request of this module, as the gateway takes it. */
function req<T>(r: { conn: Cafe24Connection; call: Cafe24Call; build: (s: Cafe24Session) => HttpRequest; read: (r: HttpResponse) => T }): ChannelRequest<T> {
  return cafe24Request(r.conn, r.call, r.build, r.read);
}

/** A round with nothing to send sends nothing (not even the pacing state's cache round trip). */
function run<T>(gateway: Gateway, requests: readonly ChannelRequest<T>[]): Outcome<T>[] {
  return requests.length === 0 ? [] : gateway.run(requests);
}

function pageOf(o: Outcome<Answer>): Cafe24Product[] {
  return o.ok && 'page' in o.value ? o.value.page : [];
}

function asAnswer(req: ChannelRequest<Cafe24Product>): ChannelRequest<Answer> {
  return { ...req, read: (r) => ({ product: req.read(r) }) };
}

/** The mall's products whose own code contains the SKU (under the connection's supplier code). */
function byProductCode(conn: Cafe24Connection, sku: string): ChannelRequest<Answer> {
  return req({
    conn,
    call: 'products.list',
    build: (s) => listProducts(s, { kind: 'offset', offset: 0, limit: CAPS.products.maxLimit }, { customProductCode: sku }),
    read: (r) => ({ page: parse('products.list', conn.mallId, ProductsList, r).products }),
  });
}

/** The mall's products with an option whose code contains the SKU, options embedded. */
function byOptionCode(conn: Cafe24Connection, sku: string): ChannelRequest<Answer> {
  return req({
    conn,
    call: 'products.list',
    // listProducts has no option-code filter; the reference's `custom_variant_code` is one.
    build: (s) => adminGet(s, '/products', { supplier_code: s.connection.supplierCode, custom_variant_code: sku, embed: 'variants', limit: CAPS.products.maxLimit }),
    read: (r) => ({ page: parse('products.list', conn.mallId, ProductsList, r).products }),
  });
}

function read(conn: Cafe24Connection, productNo: string): ChannelRequest<Cafe24Product> {
  return req({
    conn,
    call: 'products.get',
    build: (s) => getProduct(s, Number(productNo), { embedVariants: true }),
    read: (r) => parse('products.get', conn.mallId, ProductOne, r).product,
  });
}

function save(conn: Cafe24Connection, productNo: string, patch: Partial<ProductFields>): ChannelRequest<Cafe24Product> {
  return req({
    conn,
    call: 'products.update',
    build: (s) => updateProduct(s, Number(productNo), patch),
    read: (r) => parse('products.update', conn.mallId, ProductOne, r).product,
  });
}

function create(conn: Cafe24Connection, fields: ProductFields): ChannelRequest<Cafe24Product> {
  return req({
    conn,
    call: 'products.create',
    build: (s) => createProduct(s, fields),
    read: (r) => parse('products.create', conn.mallId, ProductOne, r).product,
  });
}

function created(step: Create, o: Outcome<Cafe24Product>): ProductPushResult {
  if (o.ok) {
    const variants = o.value.variants ?? [];
    // Without options a product has one variant: its code is what the stock push addresses.
    const variantCode = variants.length === 1 ? variants[0]!.variant_code : null;
    // Stock management is turned on in round 3 (owed until then).
    return { ...base(step, ''), ok: true, action: 'created', productNo: String(o.value.product_no), variantCode, fingerprint: step.fingerprint, stockOff: variantCode };
  }
  if (o.deferred) return deferred(step, o.error.userMessage);
  if (!outcomeUnknown(o.error)) return failed(step, null, `상품 등록 실패: ${o.error.userMessage}`);
  return failed(
    step,
    null,
    `상품 등록 결과를 알 수 없습니다(${o.error.userMessage}). 몰 관리자에서 자체상품코드 ${step.sku} 상품이 생겼는지 확인하세요. ` +
      '중복 등록을 막기 위해 다시 보내기 전에 몰에서 이 코드를 먼저 찾아보고, 있으면 그 상품에 연결합니다',
  );
}

/**
 * A planned update (`known` is the pair's product no.) or the update of a product just found by
 * its code (`known` null: the link is new).
 */
function updated(step: ProductPushStep, productNo: string, o: Outcome<unknown>, known: string | null): ProductPushResult {
  // 409 is Cafe24's "nothing to change": the mall already holds these values.
  if (o.ok || o.error.kind === 'conflict') return { ...base(step, ''), ok: true, action: 'updated', productNo, fingerprint: step.fingerprint };
  if (o.deferred) {
    return known === null
      ? deferred(step, `몰의 상품(번호 ${productNo})에 연결했습니다. 정보는 다음 전송 때 보냅니다: ${o.error.userMessage}`, productNo)
      : deferred(step, o.error.userMessage);
  }
  if (o.error.kind === 'notFound' && known !== null) return unlinked(step, known);
  return known === null
    ? failed(step, productNo, `몰의 상품(번호 ${productNo})에 연결했지만 정보 갱신 실패: ${o.error.userMessage}`, '')
    : failed(step, productNo, `상품 정보 갱신 실패: ${o.error.userMessage}`);
}

/** No answer, a server error, or an answer we cannot read: the POST may have been carried out. */
function outcomeUnknown(e: ChannelError): boolean {
  return e.status === 0 || e.status >= 500 || e.kind === 'response';
}

type ResultBase = Pick<ProductPushResult, 'sku' | 'partnerId' | 'status'>;
const base = (step: ProductPushStep, status: string): ResultBase => ({ sku: step.sku, partnerId: step.partnerId, status });

function failed(step: ProductPushStep, productNo: string | null, status: string, fingerprint: '' | null = null): ProductPushResult {
  return { ...base(step, status), ok: false, action: 'failed', productNo, fingerprint };
}

/** `found`: a product just found by its code, kept as the link though nothing was sent to it. */
function deferred(step: ProductPushStep, status: string, found: string | null = null): ProductPushResult {
  return { ...base(step, status), ok: false, action: 'deferred', productNo: found, fingerprint: found === null ? null : '' };
}

function unlinked(step: ProductPushStep, productNo: string): ProductPushResult {
  const status = `몰에 상품번호 ${productNo} 상품이 없습니다(몰에서 삭제된 듯합니다). 연결을 지웠습니다: 다음 전송 때 SKU로 찾아보고 없으면 새로 등록합니다`;
  return { ...base(step, status), ok: false, action: 'unlinked', productNo: null, fingerprint: null };
}

