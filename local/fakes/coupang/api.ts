/**
 * The Wing Open API endpoints the fake serves (B2–B7), after the gateway checks (gateway.ts).
 * Each handler answers Coupang's envelope: `{code, message, data}` (code a number in some APIs,
 * a string in others, as the docs print each one).
 */
import { DELIVERY_COMPANIES, invoiceNumberValid, RETRY_REQUIRED } from './codes';
import type { Box, BoxItem, Ids, Vendor } from './model';
import { kst, parseKst, renderExchange, renderOrdersheet, renderReceipt, vendorItem } from './model';
import type { CoupangOptions } from './options';
import { INQUIRY_ROUTES } from './inquiries';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly vendor: Vendor;
  readonly now: number;
}

export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
}

export interface ApiContext {
  readonly opts: CoupangOptions;
  readonly ids: Ids;
}

const OPEN = '/v2/providers/openapi/apis/api/v4/vendors/';
const SELLER = '/v2/providers/seller_api/apis/api/v1/marketplace/';
const DAY = 86_400_000;

const ok = (body: unknown): ApiReply => ({ status: 200, body });
const bad = (message: string): ApiReply => ({ status: 400, body: { code: 400, message } });
const notFound = (message: string): ApiReply => ({ status: 404, body: { code: 404, message } });

/** A route: path pattern after the host, methods, handler. `:v` is the vendorId segment. */
export interface Route {
  readonly methods: readonly string[];
  readonly pattern: RegExp;
  readonly vendorInPath: boolean;
  readonly handle: (r: ApiRequest, m: RegExpExecArray, c: ApiContext) => ApiReply;
}

const writes = (c: ApiContext) => (c.opts.acceptPatch ? ['PUT', 'PATCH'] : ['PUT']);

export function routeOf(method: string, path: string, c: ApiContext): { route: Route; match: RegExpExecArray } | 'method' | null {
  let wrongMethod = false;
  for (const route of [...ROUTES, ...INQUIRY_ROUTES]) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const methods = route.methods.includes('WRITE') ? writes(c) : route.methods;
    if (methods.includes(method)) return { route, match: m };
    wrongMethod = true;
  }
  return wrongMethod ? 'method' : null;
}

/** The vendorId a path names (openapi paths carry it), or null. */
export function pathVendor(path: string): string | null {
  // v4 and v5 (the CS lists) alike.
  const m = /^\/v2\/providers\/openapi\/apis\/api\/v[45]\/vendors\/([^/]+)/.exec(path);
  return m ? m[1]! : null;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const open = (rest: string) => new RegExp(`^${esc(OPEN)}[^/]+${rest}$`);
const seller = (rest: string) => new RegExp(`^${esc(SELLER)}${rest}$`);

const ROUTES: readonly Route[] = [
  { methods: ['GET'], pattern: open('/ordersheets'), vendorInPath: true, handle: listOrdersheets },
  { methods: ['WRITE'], pattern: open('/ordersheets/acknowledgement'), vendorInPath: true, handle: acknowledge },
  { methods: ['GET'], pattern: open('/ordersheets/(\\d+)'), vendorInPath: true, handle: (r, m) => oneBox(r, Number(m[1])) },
  { methods: ['GET'], pattern: open('/(\\d+)/ordersheets'), vendorInPath: true, handle: (r, m) => byOrder(r, Number(m[1])) },
  { methods: ['POST'], pattern: open('/orders/invoices'), vendorInPath: true, handle: uploadInvoices },
  { methods: ['GET'], pattern: open('/returnRequests'), vendorInPath: true, handle: listReceipts },
  { methods: ['WRITE'], pattern: open('/returnRequests/(\\d+)/(stoppedShipment|completedShipment|receiveConfirmation|approval)'), vendorInPath: true, handle: receiptAction },
  { methods: ['GET'], pattern: open('/exchangeRequests'), vendorInPath: true, handle: listExchanges },
  { methods: ['WRITE'], pattern: open('/exchangeRequests/(\\d+)/(receiveConfirmation|rejection)'), vendorInPath: true, handle: exchangeAction },
  { methods: ['POST'], pattern: open('/exchangeRequests/(\\d+)/invoices'), vendorInPath: true, handle: exchangeInvoice },
  { methods: ['PUT'], pattern: seller('vendor-items/(\\d+)/quantities/([^/]+)'), vendorInPath: false, handle: setQuantity },
  { methods: ['GET'], pattern: seller('vendor-items/(\\d+)/inventories'), vendorInPath: false, handle: inventory },
  { methods: ['GET'], pattern: seller('seller-products'), vendorInPath: false, handle: listProducts },
  { methods: ['GET'], pattern: seller('seller-products/(\\d+)'), vendorInPath: false, handle: oneProduct },
];

// ------------------------------------------------------------------ paging and time frames

type Frame = { from: number; to: number } | { error: string };

/** Day mode (`yyyy-MM-dd`, both days included) or `searchType=timeFrame` (`yyyy-MM-ddTHH:mm`, ≤ 24 h, to exclusive). */
function frameOf(q: URLSearchParams, maxDays: number): Frame {
  const fromText = q.get('createdAtFrom');
  const toText = q.get('createdAtTo');
  if (!fromText || !toText) return { error: 'createdAtFrom and createdAtTo are required.' };
  if (q.get('searchType') === 'timeFrame') {
    const re = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
    const from = parseKst(fromText);
    const to = parseKst(toText);
    if (!re.test(fromText) || !re.test(toText) || !Number.isFinite(from) || !Number.isFinite(to)) return { error: "createdAtFrom/createdAtTo must be yyyy-MM-dd'T'HH:mm with searchType=timeFrame." };
    if (to <= from || to - from > DAY) return { error: 'The time frame must be at most 24 hours.' };
    return { from, to };
  }
  const re = /^\d{4}-\d{2}-\d{2}$/;
  const from = parseKst(fromText);
  const to = parseKst(toText);
  if (!re.test(fromText) || !re.test(toText) || !Number.isFinite(from) || !Number.isFinite(to)) return { error: 'createdAtFrom/createdAtTo must be yyyy-MM-dd.' };
  if (to < from) return { error: 'createdAtTo must not be before createdAtFrom.' };
  if ((to - from) / DAY + 1 > maxDays) return { error: `The search period must be at most ${maxDays} days.` };
  return { from, to: to + DAY };
}

/** `nextToken` pages over items sorted by id: the token is the first id of the next page. */
function page<T>(items: readonly T[], idOf: (t: T) => number, q: URLSearchParams, c: ApiContext, minuteMode: boolean): { data: T[]; nextToken: string } | { error: string } {
  const sorted = [...items].sort((a, b) => idOf(a) - idOf(b));
  if (minuteMode) return { data: sorted, nextToken: '' };
  const size = q.get('maxPerPage') === null ? c.opts.maxPerPage : Number(q.get('maxPerPage'));
  if (!Number.isInteger(size) || size < 1 || size > c.opts.maxPerPageCap) return { error: `maxPerPage must be 1-${c.opts.maxPerPageCap}.` };
  const token = q.get('nextToken') ?? '';
  if (token !== '' && !/^\d+$/.test(token)) return { error: 'nextToken is invalid.' };
  const start = token === '' ? 0 : sorted.findIndex((t) => idOf(t) >= Number(token));
  const from = start < 0 ? sorted.length : start;
  const data = sorted.slice(from, from + size);
  const next = sorted[from + size];
  return { data, nextToken: next === undefined ? '' : String(idOf(next)) };
}

// ------------------------------------------------------------------ ordersheets (B2)

const STATUSES = new Set(['ACCEPT', 'INSTRUCT', 'DEPARTURE', 'DELIVERING', 'FINAL_DELIVERY', 'NONE_TRACKING']);

/** Boxes the API shows: those of paid orders. */
function visibleBoxes(v: Vendor): Box[] {
  return [...v.boxes.values()].filter((b) => v.orders.get(b.orderId)?.paidAt != null);
}

function listOrdersheets(r: ApiRequest, _m: RegExpExecArray, c: ApiContext): ApiReply {
  const status = r.query.get('status');
  if (!status) return bad('status is required.');
  if (!STATUSES.has(status)) return bad(`status (${status}) is not valid.`);
  const frame = frameOf(r.query, c.opts.dayRangeMaxDays);
  if ('error' in frame) return bad(frame.error);
  const createdAt = (b: Box) => {
    const o = r.vendor.orders.get(b.orderId)!;
    return c.opts.createdAtIs === 'paidAt' ? o.paidAt! : o.orderedAt;
  };
  const boxes = visibleBoxes(r.vendor).filter((b) => b.status === status && createdAt(b) >= frame.from && createdAt(b) < frame.to);
  const p = page(boxes, (b) => b.shipmentBoxId, r.query, c, r.query.get('searchType') === 'timeFrame');
  if ('error' in p) return bad(p.error);
  return ok({ code: 200, message: 'OK', data: p.data.map((b) => renderOrdersheet(r.vendor, b)), nextToken: p.nextToken });
}

function oneBox(r: ApiRequest, id: number): ApiReply {
  const box = visibleBoxes(r.vendor).find((b) => b.shipmentBoxId === id);
  if (!box) return notFound(`shipmentBoxId (${id}) is not found.`);
  return ok({ code: 200, message: 'OK', data: renderOrdersheet(r.vendor, box) });
}

function byOrder(r: ApiRequest, orderId: number): ApiReply {
  const boxes = visibleBoxes(r.vendor).filter((b) => b.orderId === orderId);
  if (boxes.length === 0) return notFound(`orderId (${orderId}) is not found.`);
  return ok({ code: 200, message: 'OK', data: boxes.sort((a, b) => a.shipmentBoxId - b.shipmentBoxId).map((b) => renderOrdersheet(r.vendor, b)) });
}

// ------------------------------------------------------------------ acknowledgement (B3) and invoices (B4)

interface BoxResult {
  shipmentBoxId: number;
  succeed: boolean;
  resultCode: string;
  retryRequired: boolean;
  resultMessage: string;
}

const result = (shipmentBoxId: number, resultCode: string, resultMessage: string, retryRequired = RETRY_REQUIRED[resultCode] ?? false): BoxResult => ({
  shipmentBoxId,
  succeed: resultCode === 'OK',
  resultCode,
  retryRequired,
  resultMessage,
});

function envelope(results: BoxResult[], what: string): ApiReply {
  const failed = results.filter((x) => !x.succeed).length;
  const responseCode = results.length === 0 ? -1 : failed === 0 ? 0 : failed === results.length ? 99 : 1;
  const word = responseCode === 0 ? 'Success.' : responseCode === 1 ? 'Partial errors.' : responseCode === 99 ? 'All failed.' : 'None.';
  return ok({ code: '200', message: 'OK', data: { responseKey: -7326489997410939972, responseCode, responseMessage: `apply ${what} result - ${word}`, responseList: results } });
}

function bodyVendor(r: ApiRequest): string | null {
  const b = r.body as { vendorId?: unknown } | null;
  return b && typeof b === 'object' && typeof b.vendorId === 'string' ? b.vendorId : null;
}

const CANNOT_CHANGE = '배송상태를 변경할 수 없습니다. 주문내역을 확인해주세요.';
const openItems = (b: Box) => b.items.filter((i) => i.cancelCount < i.count);
const holding = (b: Box) => b.items.some((i) => i.holdCountForCancel > 0);

function acknowledge(r: ApiRequest, _m: RegExpExecArray, c: ApiContext): ApiReply {
  const ids = (r.body as { shipmentBoxIds?: unknown } | null)?.shipmentBoxIds;
  if (bodyVendor(r) !== r.vendor.vendorId) return bad('vendorId in the body must be the vendor of the path.');
  if (!Array.isArray(ids) || ids.some((x) => !Number.isInteger(x))) return bad('shipmentBoxIds must be a list of numbers.');
  const results = (ids as number[]).map((id) => {
    const box = visibleBoxes(r.vendor).find((b) => b.shipmentBoxId === id);
    if (!box) return result(id, 'NOT_FOUND_SHIPMENT_BOX', `shipmentBoxId (${id}) is not found.`, true);
    if (openItems(box).length === 0 || holding(box)) return result(id, 'INVALID_STATUS', CANNOT_CHANGE);
    if (box.status === 'INSTRUCT' && c.opts.ackWhenInstruct === 'ok') return result(id, 'OK', 'request succeeded.');
    if (box.status !== 'ACCEPT') return result(id, 'INVALID_STATUS', CANNOT_CHANGE);
    box.status = 'INSTRUCT';
    return result(id, 'OK', 'request succeeded.');
  });
  return envelope(results, 'instructStatus');
}

interface InvoiceDto {
  shipmentBoxId: number;
  orderId: number;
  vendorItemId: number;
  deliveryCompanyCode: string;
  invoiceNumber: string;
  splitShipping: boolean;
  preSplitShipped: boolean;
  estimatedShippingDate: string;
}

function readDto(x: unknown): InvoiceDto | null {
  if (typeof x !== 'object' || x === null) return null;
  const d = x as Record<string, unknown>;
  const int = (k: string) => (Number.isInteger(d[k]) ? (d[k] as number) : null);
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : d[k] === undefined || d[k] === null ? '' : null);
  const box = int('shipmentBoxId');
  const item = int('vendorItemId');
  const code = str('deliveryCompanyCode');
  const inv = str('invoiceNumber');
  const est = str('estimatedShippingDate');
  if (box === null || item === null || code === null || inv === null || est === null) return null;
  return { shipmentBoxId: box, orderId: int('orderId') ?? 0, vendorItemId: item, deliveryCompanyCode: code, invoiceNumber: inv, splitShipping: d.splitShipping === true, preSplitShipped: d.preSplitShipped === true, estimatedShippingDate: est };
}

function uploadInvoices(r: ApiRequest, _m: RegExpExecArray, c: ApiContext): ApiReply {
  if (bodyVendor(r) !== r.vendor.vendorId) return bad('vendorId in the body must be the vendor of the path.');
  const list = (r.body as { orderSheetInvoiceApplyDtos?: unknown } | null)?.orderSheetInvoiceApplyDtos;
  if (!Array.isArray(list) || list.length === 0) return bad('orderSheetInvoiceApplyDtos is required.');
  const dtos = list.map(readDto);
  if (dtos.some((d) => d === null)) return bad('orderSheetInvoiceApplyDtos: shipmentBoxId, vendorItemId, deliveryCompanyCode, invoiceNumber are required.');
  const groups = new Map<number, InvoiceDto[]>();
  for (const d of dtos as InvoiceDto[]) groups.set(d.shipmentBoxId, [...(groups.get(d.shipmentBoxId) ?? []), d]);
  const results = [...groups].map(([id, group]) => applyInvoice(r, c, id, group));
  return envelope(results, 'invoice');
}

function applyInvoice(r: ApiRequest, c: ApiContext, id: number, dtos: InvoiceDto[]): BoxResult {
  const v = r.vendor;
  const box = visibleBoxes(v).find((b) => b.shipmentBoxId === id);
  if (!box) return result(id, 'NOT_FOUND_SHIPMENT_BOX', `shipmentBoxId (${id}) is not found.`);
  if (openItems(box).length === 0) return result(id, 'ORDER_DELIVERY_CANCELED', 'The order was canceled.');
  if (holding(box)) return result(id, 'ORDER_DELIVERY_CANCELED_HOLDING_FOR_CANCEL', 'The buyer asked to stop shipment: answer the stop request first.');
  if (box.status === 'ACCEPT' && c.opts.invoiceBeforeAck === 'refuse') return result(id, 'INVALID_STATUS', `shipmentBoxId (${id}) is not in INSTRUCT status: acknowledge it first.`);
  if (box.status !== 'ACCEPT' && box.status !== 'INSTRUCT') return result(id, 'NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD', 'The invoice number was already uploaded: use updateInvoices to correct it.');
  for (const d of dtos) {
    if (!box.items.some((i) => i.vendorItemId === d.vendorItemId)) return result(id, 'NOT_FOUND_VENDOR_ITEM', `vendorItemId (${d.vendorItemId}) is not in shipmentBoxId (${id}).`);
    if (d.invoiceNumber === '' && d.estimatedShippingDate === '') return result(id, 'INVALID_INVOICE_NUMBER', 'invoiceNumber or estimatedShippingDate is required.');
    if (d.invoiceNumber !== '') {
      if (!(d.deliveryCompanyCode in DELIVERY_COMPANIES)) return result(id, 'UNDEFINED_ERROR_OCCUR', `deliveryCompanyCode (${d.deliveryCompanyCode}) is not valid.`);
      if (!invoiceNumberValid(d.deliveryCompanyCode, d.invoiceNumber)) return result(id, 'INVALID_INVOICE_NUMBER', `invoiceNumber (${d.invoiceNumber}) is not valid for ${d.deliveryCompanyCode}.`);
      if (c.opts.duplicateInvoice === 'reject' && d.deliveryCompanyCode !== 'DIRECT') {
        const other = [...v.boxes.values()].find((b) => b.orderId !== box.orderId && b.invoiceNumber === d.invoiceNumber && b.deliveryCompanyCode === d.deliveryCompanyCode);
        if (other) return result(id, 'DUPLICATE_INVOICE_NUMBER', `invoiceNumber (${d.invoiceNumber}) is already used by another order.`);
      }
    }
  }
  const split = dtos.some((d) => d.splitShipping);
  const numbers = new Set(dtos.filter((d) => d.invoiceNumber !== '').map((d) => d.invoiceNumber));
  if (split && box.items.length < 2) return result(id, 'NOT_ALLOW_SEPARATE_WHEN_ONE_VENDOR_ITEM', 'Split shipping needs a box of several vendor items.');
  if (!split && (numbers.size !== 1 || dtos.some((d) => d.invoiceNumber === ''))) return result(id, 'IS_SEPARATE_MUST_BE_TRUE_WHEN_SEPARATE_DELIVERY', 'splitShipping must be true when the items ship separately.');
  const stamp = kst(r.now);
  const ship = (target: Box, code: string, number: string, items: BoxItem[]) => {
    target.status = 'DEPARTURE';
    target.deliveryCompanyCode = code;
    target.invoiceNumber = number;
    for (const i of items) i.invoiceNumberUploadDate = stamp;
  };
  if (!split) {
    const d = dtos[0]!;
    ship(box, d.deliveryCompanyCode, d.invoiceNumber, box.items);
    return result(id, 'OK', 'request succeeded.');
  }
  // Split shipping (C-SPLIT): each invoice's items leave in a box of their own, with a new id.
  box.splitShipping = true;
  for (const d of dtos) if (d.invoiceNumber === '') for (const i of box.items) if (i.vendorItemId === d.vendorItemId) i.plannedShippingDate = d.estimatedShippingDate;
  let first = true;
  for (const number of numbers) {
    const mine = dtos.filter((d) => d.invoiceNumber === number);
    const moving = box.items.filter((i) => mine.some((d) => d.vendorItemId === i.vendorItemId));
    const code = mine[0]!.deliveryCompanyCode;
    if (first && c.opts.splitKeepsBox) {
      first = false;
      const rest = box.items.filter((i) => !moving.includes(i));
      if (rest.length > 0) {
        const stay: Box = { ...box, shipmentBoxId: c.ids.box++, items: rest, extra: { ...box.extra } };
        v.boxes.set(stay.shipmentBoxId, stay);
      }
      box.items = moving;
      ship(box, code, number, moving);
      continue;
    }
    first = false;
    const moved: Box = { ...box, shipmentBoxId: c.ids.box++, items: moving, extra: { ...box.extra } };
    box.items = box.items.filter((i) => !moving.includes(i));
    ship(moved, code, number, moving);
    v.boxes.set(moved.shipmentBoxId, moved);
  }
  if (box.items.length === 0) v.boxes.delete(box.shipmentBoxId);
  return result(id, 'OK', 'request succeeded.');
}

// ------------------------------------------------------------------ returns, cancels, exchanges (B6)

const RECEIPT_STATUS: Readonly<Record<string, readonly string[]>> = {
  RU: ['RELEASE_STOP_UNCHECKED'],
  UC: ['RETURNS_UNCHECKED', 'VENDOR_WAREHOUSE_CONFIRM'],
  CC: ['RETURNS_COMPLETED'],
  PR: ['REQUEST_COUPANG_CHECK'],
};

function listReceipts(r: ApiRequest, _m: RegExpExecArray, c: ApiContext): ApiReply {
  const status = r.query.get('status');
  const orderId = r.query.get('orderId');
  if (!status && !orderId) return bad('status is required when orderId is not given.');
  if (status && !(status in RECEIPT_STATUS)) return bad(`status (${status}) is not valid.`);
  const cancelType = r.query.get('cancelType');
  if (cancelType && cancelType !== 'RETURN' && cancelType !== 'CANCEL') return bad(`cancelType (${cancelType}) is not valid.`);
  let receipts = [...r.vendor.receipts.values()];
  if (orderId) receipts = receipts.filter((x) => String(x.orderId) === orderId);
  else {
    const frame = frameOf(r.query, c.opts.dayRangeMaxDays);
    if ('error' in frame) return bad(frame.error);
    receipts = receipts.filter((x) => x.createdAt >= frame.from && x.createdAt < frame.to);
  }
  if (status) receipts = receipts.filter((x) => RECEIPT_STATUS[status]!.includes(x.receiptStatus));
  if (cancelType) receipts = receipts.filter((x) => x.receiptType === cancelType);
  const p = page(receipts, (x) => x.receiptId, r.query, c, r.query.get('searchType') === 'timeFrame' || orderId !== null);
  if ('error' in p) return bad(p.error);
  return ok({ code: 200, message: 'OK', data: p.data.map(renderReceipt), nextToken: p.nextToken });
}

const success = (resultMessage: string): ApiReply => ok({ code: '200', message: 'OK', data: { resultCode: 'SUCCESS', resultMessage } });
const failure = (resultMessage: string): ApiReply => ok({ code: '200', message: 'OK', data: { resultCode: 'FAIL', resultMessage } });

function receiptAction(r: ApiRequest, m: RegExpExecArray): ApiReply {
  const id = Number(m[1]);
  const action = m[2]!;
  const v = r.vendor;
  if (bodyVendor(r) !== v.vendorId) return bad('vendorId in the body must be the vendor of the path.');
  if ((r.body as { receiptId?: unknown }).receiptId !== id) return bad('receiptId in the body must be the receipt of the path.');
  const receipt = v.receipts.get(id);
  if (!receipt) return notFound(`receiptId (${id}) is not found.`);
  const boxesOf = () => receipt.items.map((i) => ({ i, box: v.boxes.get(i.shipmentBoxId) }));
  const touch = () => (receipt.modifiedAt = r.now);
  switch (action) {
    case 'stoppedShipment': {
      if (receipt.receiptStatus !== 'RELEASE_STOP_UNCHECKED') return failure('출고중지요청 상태가 아닙니다.');
      for (const { i, box } of boxesOf()) {
        const item = box?.items.find((x) => x.vendorItemId === i.vendorItemId);
        if (item) {
          item.cancelCount = Math.min(item.count, item.cancelCount + item.holdCountForCancel);
          item.holdCountForCancel = 0;
        }
      }
      receipt.receiptStatus = 'RETURNS_COMPLETED';
      touch();
      return success('출고중지완료요청이 성공하였습니다');
    }
    case 'completedShipment': {
      const b = r.body as { deliveryCompanyCode?: unknown; invoiceNumber?: unknown };
      if (receipt.receiptStatus !== 'RELEASE_STOP_UNCHECKED') return failure('출고중지요청 상태가 아닙니다.');
      if (typeof b.deliveryCompanyCode !== 'string' || !(b.deliveryCompanyCode in DELIVERY_COMPANIES) || typeof b.invoiceNumber !== 'string' || !invoiceNumberValid(b.deliveryCompanyCode, b.invoiceNumber)) return failure('송장번호 또는 택배사 코드가 올바르지 않습니다.');
      for (const { i, box } of boxesOf()) {
        if (!box) continue;
        const item = box.items.find((x) => x.vendorItemId === i.vendorItemId);
        if (item) item.holdCountForCancel = 0;
        box.status = 'DEPARTURE';
        box.deliveryCompanyCode = b.deliveryCompanyCode;
        box.invoiceNumber = b.invoiceNumber;
      }
      // Already shipped: the buyer's cancel goes on as a return of what arrives.
      receipt.receiptType = 'RETURN';
      receipt.receiptStatus = 'RETURNS_UNCHECKED';
      touch();
      return success('이미출고 처리가 성공하였습니다');
    }
    case 'receiveConfirmation':
      if (receipt.receiptType !== 'RETURN' || receipt.receiptStatus !== 'RETURNS_UNCHECKED') return bad(`receiptId (${id}) is not waiting for its goods (${receipt.receiptStatus}).`);
      receipt.receiptStatus = 'VENDOR_WAREHOUSE_CONFIRM';
      touch();
      return ok({ code: 200, message: 'OK' });
    case 'approval': {
      const count = (r.body as { cancelCount?: unknown }).cancelCount;
      if (receipt.receiptType !== 'RETURN' || (receipt.receiptStatus !== 'RETURNS_UNCHECKED' && receipt.receiptStatus !== 'VENDOR_WAREHOUSE_CONFIRM')) return bad(`receiptId (${id}) cannot be approved (${receipt.receiptStatus}).`);
      const sum = receipt.items.reduce((s, i) => s + i.cancelCount, 0);
      if (count !== sum) return bad(`cancelCount (${String(count)}) must be the receipt's count (${sum}).`);
      receipt.receiptStatus = 'RETURNS_COMPLETED';
      touch();
      return ok({ code: 200, message: 'OK' });
    }
  }
  return bad('unknown action');
}

function listExchanges(r: ApiRequest): ApiReply {
  const from = parseKst(r.query.get('createdAtFrom') ?? '');
  const to = parseKst(r.query.get('createdAtTo') ?? '');
  if (!Number.isFinite(from) || !Number.isFinite(to)) return bad("createdAtFrom and createdAtTo are required (yyyy-MM-dd'T'HH:mm:ss).");
  if (to < from || to - from > 7 * DAY) return bad('The search period must be at most 7 days.');
  const status = r.query.get('status');
  const list = [...r.vendor.exchanges.values()].filter((x) => x.createdAt >= from && x.createdAt <= to && (!status || x.exchangeStatus === status)).sort((a, b) => a.exchangeId - b.exchangeId);
  return ok({ code: 200, message: 'OK', data: list.map((x) => renderExchange(r.vendor, x)), nextToken: '' });
}

function exchangeAction(r: ApiRequest, m: RegExpExecArray): ApiReply {
  const id = Number(m[1]);
  const x = r.vendor.exchanges.get(id);
  if (bodyVendor(r) !== r.vendor.vendorId) return bad('vendorId in the body must be the vendor of the path.');
  if (!x) return notFound(`exchangeId (${id}) is not found.`);
  if (m[2] === 'receiveConfirmation') {
    if (x.exchangeStatus !== 'RECEIPT') return failure(`exchangeId (${id}) is ${x.exchangeStatus}.`);
    x.exchangeStatus = 'PROGRESS';
  } else {
    const code = (r.body as { exchangeRejectCode?: unknown }).exchangeRejectCode;
    if (code !== 'SOLDOUT' && code !== 'WITHDRAW') return bad('exchangeRejectCode must be SOLDOUT or WITHDRAW.');
    if (x.exchangeStatus !== 'RECEIPT' && x.exchangeStatus !== 'PROGRESS') return failure(`exchangeId (${id}) is ${x.exchangeStatus}.`);
    x.exchangeStatus = 'REJECT';
    x.rejectCode = code;
  }
  x.modifiedAt = r.now;
  return success('OK');
}

function exchangeInvoice(r: ApiRequest, m: RegExpExecArray): ApiReply {
  const id = Number(m[1]);
  const x = r.vendor.exchanges.get(id);
  if (!x) return notFound(`exchangeId (${id}) is not found.`);
  const list = Array.isArray(r.body) ? (r.body as Array<Record<string, unknown>>) : [];
  const d = list[0];
  if (!d || typeof d.goodsDeliveryCode !== 'string' || typeof d.invoiceNumber !== 'string') return bad('goodsDeliveryCode and invoiceNumber are required.');
  if (!(d.goodsDeliveryCode in DELIVERY_COMPANIES) || !invoiceNumberValid(d.goodsDeliveryCode, d.invoiceNumber)) return failure('송장번호 또는 택배사 코드가 올바르지 않습니다.');
  if (x.exchangeStatus !== 'PROGRESS') return failure(`exchangeId (${id}) is ${x.exchangeStatus}: confirm the returned goods first.`);
  x.exchangeStatus = 'SUCCESS';
  x.modifiedAt = r.now;
  return success('OK');
}

// ------------------------------------------------------------------ products and stock (B7)

function setQuantity(r: ApiRequest, m: RegExpExecArray): ApiReply {
  const found = vendorItem(r.vendor, Number(m[1]));
  if (!/^\d+$/.test(m[2]!)) return { status: 400, body: { code: 'ERROR', message: `quantity (${m[2]}) must be a whole number of 0 or more.` } };
  if (!found) return { status: 400, body: { code: 'ERROR', message: `vendorItemId (${m[1]}) is not an approved item of ${r.vendor.vendorId}.` } };
  found.item.quantity = Number(m[2]);
  return ok({ code: 'SUCCESS', message: '재고 변경을 완료했습니다.' });
}

function inventory(r: ApiRequest, m: RegExpExecArray): ApiReply {
  const found = vendorItem(r.vendor, Number(m[1]));
  if (!found) return { status: 400, body: { code: 'ERROR', message: `vendorItemId (${m[1]}) is not an approved item of ${r.vendor.vendorId}.` } };
  return ok({ code: 'SUCCESS', message: '', data: { sellerItemId: found.item.vendorItemId, amountInStock: found.item.quantity, salePrice: found.item.salePrice, onSale: true } });
}

function listProducts(r: ApiRequest, _m: RegExpExecArray, c: ApiContext): ApiReply {
  if (r.query.get('vendorId') !== r.vendor.vendorId) return bad('vendorId is required and must be your own.');
  const size = r.query.get('maxPerPage') === null ? c.opts.productsPerPage : Number(r.query.get('maxPerPage'));
  if (!Number.isInteger(size) || size < 1 || size > 100) return bad('maxPerPage must be 1-100.');
  const sorted = [...r.vendor.products].sort((a, b) => a.sellerProductId - b.sellerProductId);
  const token = r.query.get('nextToken') ?? '';
  const start = token === '' ? 0 : sorted.findIndex((p) => p.sellerProductId >= Number(token));
  const from = start < 0 ? sorted.length : start;
  const next = sorted[from + size];
  const data = sorted.slice(from, from + size).map((p) => ({ sellerProductId: p.sellerProductId, sellerProductName: p.sellerProductName, displayCategoryCode: 0, categoryId: 0, productId: p.productId, vendorId: r.vendor.vendorId, mdId: '', mdName: '', saleStartedAt: '', saleEndedAt: '', brand: '', statusName: '승인완료', createdAt: '' }));
  return ok({ code: 'SUCCESS', message: '', nextToken: next === undefined ? '' : String(next.sellerProductId), data });
}

function oneProduct(r: ApiRequest, m: RegExpExecArray): ApiReply {
  const p = r.vendor.products.find((x) => x.sellerProductId === Number(m[1]));
  if (!p) return { status: 400, body: { code: 'ERROR', message: `sellerProductId (${m[1]}) is not found.` } };
  return ok({
    code: 'SUCCESS',
    message: '',
    data: {
      sellerProductId: p.sellerProductId,
      sellerProductName: p.sellerProductName,
      vendorId: r.vendor.vendorId,
      productId: p.productId,
      statusName: '승인완료',
      items: p.items.map((i) => ({ sellerProductItemId: i.vendorItemId + 1, vendorItemId: i.vendorItemId, itemName: i.itemName, originalPrice: i.salePrice, salePrice: i.salePrice, maximumBuyCount: i.quantity, externalVendorSku: i.externalVendorSku, barcode: '' })),
    },
  });
}
