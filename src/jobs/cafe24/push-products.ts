/**
 * Runs planned product steps (see `planProductPush`) against the partner malls, all malls at
 * once through the gateway.
 *
 * A create is a POST, which the gateway never resends blindly: one that timed out or met a
 * server error may have been carried out. So every create first looks the SKU up in the mall
 * by its code (a read, safe to repeat): found, the pair is linked to that product and updated
 * instead; only when absent is the product created. A create whose outcome is unknown says so
 * on the pair, and the next attempt starts with that same look-up.
 *
 * Round 1: look-ups for creates, and the planned updates. Round 2: creates and updates of the
 * products found.
 */
import type { Cafe24Connection, Cafe24Error, Cafe24Product, ProductFields } from '../../channels/cafe24';
import { CAPS, createProduct, listProducts, parse, ProductOne, ProductsList, updateProduct } from '../../channels/cafe24';
import type { ProductPushStep } from '../product-push';
import type { Cafe24Gateway, Cafe24Request, Outcome } from './gateway';

interface ResultBase {
  readonly sku: string;
  readonly partnerId: string;
  /** Korean, for the pair's status cell; '' when all went well. */
  readonly status: string;
}

/**
 * What became of one step. `productNo` is the pair's product in the mall as now known;
 * `fingerprint` what it holds: on success the step's, '' when a product was just found but
 * could not be updated (content unknown), null when what we knew does not change.
 */
export type ProductPushResult =
  | (ResultBase & { readonly ok: true; readonly action: 'created'; readonly productNo: string; readonly variantCode: string | null; readonly fingerprint: string })
  | (ResultBase & { readonly ok: true; readonly action: 'updated'; readonly productNo: string; readonly fingerprint: string })
  | (ResultBase & { readonly ok: false; readonly action: 'failed'; readonly productNo: string | null; readonly fingerprint: '' | null })
  /** Not sent (time budget, throttling, no token yet): the same step goes again next time. */
  | (ResultBase & { readonly ok: false; readonly action: 'deferred'; readonly productNo: null; readonly fingerprint: null })
  /** The mall no longer has the product: forget the link; the next attempt looks up and creates. */
  | (ResultBase & { readonly ok: false; readonly action: 'unlinked'; readonly productNo: null; readonly fingerprint: null });

type Answer = { readonly found: Cafe24Product[] } | { readonly saved: Cafe24Product };
type Create = Extract<ProductPushStep, { kind: 'create' }>;
type Update = Extract<ProductPushStep, { kind: 'update' }>;

/** Results in step order. */
export function pushProducts(steps: readonly ProductPushStep[], conns: ReadonlyMap<string, Cafe24Connection>, gateway: Cafe24Gateway): ProductPushResult[] {
  const results = new Array<ProductPushResult>(steps.length);
  const first: Array<{ index: number; req: Cafe24Request<Answer> }> = [];
  steps.forEach((step, index) => {
    const conn = conns.get(step.partnerId);
    if (!conn) results[index] = deferred(step, '카페24 연결 후 전송됩니다');
    else first.push({ index, req: step.kind === 'create' ? lookUp(conn, step.sku) : save(conn, step.productNo, step.patch) });
  });
  const second: Array<{ index: number; req: Cafe24Request<Answer>; found: string | null }> = [];
  gateway.run(first.map((f) => f.req)).forEach((o, i) => {
    const { index } = first[i]!;
    const step = steps[index]!;
    const conn = conns.get(step.partnerId)!;
    if (step.kind === 'update') {
      results[index] = updated(step, step.productNo, o, step.productNo);
      return;
    }
    if (!o.ok) {
      results[index] = o.deferred ? deferred(step, o.error.userMessage) : failed(step, null, `몰에서 SKU를 찾아보지 못해 등록하지 않았습니다: ${o.error.userMessage}`);
      return;
    }
    const page = 'found' in o.value ? o.value.found : [];
    // The code filter matches "contains": only the exact code is ours.
    const exact = page.filter((p) => p.custom_product_code === step.sku);
    if (exact.length > 1) {
      const nos = exact.map((p) => p.product_no).join(', ');
      results[index] = failed(step, null, `몰에 자체상품코드 ${step.sku} 상품이 ${exact.length}개 있습니다(상품번호 ${nos}). 어느 상품에 보낼지 알 수 없으니 몰에서 하나만 남기세요`);
    } else if (exact.length === 1) {
      const productNo = String(exact[0]!.product_no);
      second.push({ index, req: save(conn, productNo, step.whenFound), found: productNo });
    } else if (page.length >= CAPS.products.maxLimit) {
      // A full page without the exact code: it may be on a later page; never risk a duplicate.
      results[index] = failed(step, null, `몰에 자체상품코드에 ${step.sku}를 포함한 상품이 너무 많아 등록 여부를 확인하지 못했습니다. 몰에서 확인하세요`);
    } else {
      second.push({ index, req: create(conn, step.fields), found: null });
    }
  });
  gateway.run(second.map((s) => s.req)).forEach((o, i) => {
    const { index, found } = second[i]!;
    const step = steps[index] as Create;
    results[index] = found === null ? created(step, o) : updated(step, found, o, null);
  });
  return results;
}

function lookUp(conn: Cafe24Connection, sku: string): Cafe24Request<Answer> {
  return {
    conn,
    call: 'products.list',
    build: (s) => listProducts(s, { kind: 'offset', offset: 0, limit: CAPS.products.maxLimit }, { customProductCode: sku }),
    read: (r) => ({ found: parse('products.list', conn.mallId, ProductsList, r).products }),
  };
}

function save(conn: Cafe24Connection, productNo: string, patch: Partial<ProductFields>): Cafe24Request<Answer> {
  return {
    conn,
    call: 'products.update',
    build: (s) => updateProduct(s, Number(productNo), patch),
    read: (r) => ({ saved: parse('products.update', conn.mallId, ProductOne, r).product }),
  };
}

function create(conn: Cafe24Connection, fields: ProductFields): Cafe24Request<Answer> {
  return {
    conn,
    call: 'products.create',
    build: (s) => createProduct(s, fields),
    read: (r) => ({ saved: parse('products.create', conn.mallId, ProductOne, r).product }),
  };
}

function created(step: Create, o: Outcome<Answer>): ProductPushResult {
  if (o.ok && 'saved' in o.value) {
    const variants = o.value.saved.variants ?? [];
    // Without options a product has one variant: its code is what the stock push addresses.
    const variantCode = variants.length === 1 ? variants[0]!.variant_code : null;
    return { ...base(step, ''), ok: true, action: 'created', productNo: String(o.value.saved.product_no), variantCode, fingerprint: step.fingerprint };
  }
  if (o.ok) return failed(step, null, '카페24 응답을 해석하지 못했습니다');
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
function updated(step: ProductPushStep, productNo: string, o: Outcome<Answer>, known: string | null): ProductPushResult {
  // 409 is Cafe24's "nothing to change": the mall already holds these values.
  if (o.ok || o.error.kind === 'conflict') return { ...base(step, ''), ok: true, action: 'updated', productNo, fingerprint: step.fingerprint };
  if (o.deferred) return known === null ? failed(step, productNo, `몰의 상품(번호 ${productNo})에 연결했습니다. 정보는 다음 전송 때 보냅니다: ${o.error.userMessage}`, '') : deferred(step, o.error.userMessage);
  if (o.error.kind === 'notFound' && known !== null) {
    return { ...base(step, `몰에 상품번호 ${productNo} 상품이 없습니다(몰에서 삭제된 듯합니다). 연결을 지웠습니다: 다음 전송 때 SKU로 찾아보고 없으면 새로 등록합니다`), ok: false, action: 'unlinked', productNo: null, fingerprint: null };
  }
  return known === null
    ? failed(step, productNo, `몰의 상품(번호 ${productNo})에 연결했지만 정보 갱신 실패: ${o.error.userMessage}`, '')
    : failed(step, productNo, `상품 정보 갱신 실패: ${o.error.userMessage}`);
}

/** No answer, a server error, or an answer we cannot read: the POST may have been carried out. */
function outcomeUnknown(e: Cafe24Error): boolean {
  return e.status === 0 || e.status >= 500 || e.kind === 'response';
}

const base = (step: ProductPushStep, status: string): ResultBase => ({ sku: step.sku, partnerId: step.partnerId, status });

function failed(step: ProductPushStep, productNo: string | null, status: string, fingerprint: '' | null = null): ProductPushResult {
  return { ...base(step, status), ok: false, action: 'failed', productNo, fingerprint };
}

function deferred(step: ProductPushStep, status: string): ProductPushResult {
  return { ...base(step, status), ok: false, action: 'deferred', productNo: null, fingerprint: null };
}

export type { Update as ProductUpdateStep, Create as ProductCreateStep };
