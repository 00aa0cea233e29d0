/**
 * Coupang's claims as the port asks for them (B6). Where a claim stands comes from the line's
 * raw status: `CANCEL/…` and `RETURN/…` are cancel/return receipts (receiptType/receiptStatus),
 * `EXCHANGE/…` exchanges (an ordersheet's cancelled or held item is said as its cancel receipt;
 * rows written before that say `{box status}/CANCELED|HOLD_FOR_CANCEL`), a bare box status no claim. Staff's answers become:
 * - accept a cancel (출고중지요청, RELEASE_STOP_UNCHECKED) → stoppedShipment: the parcel stays home;
 * - accept a return → receiveConfirmation (입고 확인); complete it → approval (반품 승인 → 완료).
 *   Coupang takes a return itself (its courier collects), so a received return is already accepted;
 * - accept an exchange → receiveConfirmation; reject it → rejection (SOLDOUT when staff say 품절/재고,
 *   else WITHDRAW).
 * Coupang has no call to reject a return, and rejecting a stop-shipment request means the parcel
 * left ("이미출고", which needs its invoice); completing an exchange needs the new parcel's
 * invoice. For those the call reads the claim and answers in Korean what to do instead.
 */
import type { HttpResponse } from '../../core/http';
import type { MallClaimState } from '../../core/claims';
import type { ChannelRequest, ClaimAction, ClaimsCapability } from '../port';
import type { CoupangAccount } from './account';
import { channelError } from './errors';
import { paths, query } from './paths';
import { ActionResult, parse } from './schemas';
import { coupangRequest, wing, type CoupangSession } from './transport';

const BOX = new Set(['ACCEPT', 'INSTRUCT', 'DEPARTURE', 'DELIVERING', 'FINAL_DELIVERY', 'NONE_TRACKING']);

export function coupangClaimState(raw: string): MallClaimState | null {
  const [head, tail] = raw.split('/') as [string, string | undefined];
  if (tail === undefined) return BOX.has(head) ? { claim: null, phase: 'none' } : null;
  if (BOX.has(head)) return tail === 'CANCELED' ? { claim: 'cancel', phase: 'done' } : tail === 'HOLD_FOR_CANCEL' ? { claim: 'cancel', phase: 'requested' } : null;
  if (head === 'CANCEL') return tail === 'RELEASE_STOP_UNCHECKED' ? { claim: 'cancel', phase: 'requested' } : tail === 'RETURNS_COMPLETED' ? { claim: 'cancel', phase: 'done' } : null;
  if (head === 'RETURN') {
    if (tail === 'RETURNS_COMPLETED') return { claim: 'return', phase: 'done' };
    return ['RETURNS_UNCHECKED', 'VENDOR_WAREHOUSE_CONFIRM', 'REQUEST_COUPANG_CHECK', 'RELEASE_STOP_UNCHECKED'].includes(tail) ? { claim: 'return', phase: 'accepted' } : null;
  }
  if (head === 'EXCHANGE') {
    const phases: Record<string, MallClaimState> = {
      RECEIPT: { claim: 'exchange', phase: 'requested' },
      PROGRESS: { claim: 'exchange', phase: 'accepted' },
      SUCCESS: { claim: 'exchange', phase: 'done' },
      REJECT: { claim: 'exchange', phase: 'rejected' },
      CANCEL: { claim: null, phase: 'none' },
    };
    return phases[tail] ?? null;
  }
  return null;
}

/** The status word an action leaves, as Coupang says it; a FAIL answer is an error. */
function actionRead(call: string, a: CoupangAccount, done: string) {
  return (r: HttpResponse): string => {
    const body = parse(call, a.vendorId, ActionResult, r);
    if (body.data && body.data.resultCode === 'FAIL') {
      throw channelError(call, a.vendorId, 'invalid', `쿠팡이 처리하지 않았습니다: ${body.data.resultMessage}`, `FAIL ${body.data.resultMessage}`, { status: r.status });
    }
    return done;
  };
}

/** A call Coupang does not offer: read the claim (harmless), then say what to do instead. */
function cannot(a: CoupangAccount, job: ClaimAction, userMessage: string): ChannelRequest<string> {
  return coupangRequest(
    a,
    'returnRequests.list',
    (s) => wing(s, 'get', paths.returnRequests(a.vendorId), query({ orderId: job.orderId })),
    (r) => {
      throw channelError('claims.act', a.vendorId, 'invalid', userMessage, `no Coupang call for ${job.command.kind}`, { status: r.status });
    },
  );
}

export const coupangClaims: ClaimsCapability = {
  stateOf: coupangClaimState,
  act(account, job) {
    const a = account as CoupangAccount;
    const c = job.command;
    const id = job.claimCode;
    const put = (call: string, path: string, body: object, done: string) =>
      coupangRequest(a, call, (s: CoupangSession) => wing(s, 'put', path, '', { vendorId: a.vendorId, ...body }), actionRead(call, a, done));
    const count = job.quantity;
    switch (c.kind) {
      case 'acceptCancel':
        return put('returnRequests.stoppedShipment', paths.receiptAction(a.vendorId, id, 'stoppedShipment'), { receiptId: Number(id), cancelCount: count }, 'CANCEL/RETURNS_COMPLETED');
      case 'acceptReturn':
        return put('returnRequests.receiveConfirmation', paths.receiptAction(a.vendorId, id, 'receiveConfirmation'), { receiptId: Number(id) }, 'RETURN/VENDOR_WAREHOUSE_CONFIRM');
      case 'completeReturn':
        return put('returnRequests.approval', paths.receiptAction(a.vendorId, id, 'approval'), { receiptId: Number(id), cancelCount: count }, 'RETURN/RETURNS_COMPLETED');
      case 'acceptExchange':
        return put('exchangeRequests.receiveConfirmation', paths.exchangeAction(a.vendorId, id, 'receiveConfirmation'), { exchangeId: Number(id) }, 'EXCHANGE/PROGRESS');
      case 'completeExchange':
        return cannot(a, job, '쿠팡 교환은 새 상품의 송장을 쿠팡 Wing에서 등록하면 완료됩니다');
      case 'reject':
        if (c.claim === 'exchange') {
          const code = /품절|재고|sold/i.test(c.reason) ? 'SOLDOUT' : 'WITHDRAW';
          return put('exchangeRequests.rejection', paths.exchangeAction(a.vendorId, id, 'rejection'), { exchangeId: Number(id), exchangeRejectCode: code }, 'EXCHANGE/REJECT');
        }
        if (c.claim === 'cancel') return cannot(a, job, '쿠팡 출고중지요청은 거절할 수 없습니다: 이미 발송했다면 쿠팡 Wing에서 "이미출고"로 송장을 등록하세요');
        return cannot(a, job, '쿠팡 반품은 API로 거절할 수 없습니다: 쿠팡 Wing에서 "쿠팡확인요청"을 하세요');
    }
  },
};
