/**
 * Naver's claims as the port asks for them: where a claim stands (status.ts), and staff's
 * answers as the documented calls, one product order each (reference A3): cancel approve,
 * return approve (completes the return, Naver refunds) and reject, exchange collect approve and
 * reject. Naver has no call for three of the sheet's answers; for those the request only reads
 * the product order, and the answer says in Korean what to do instead (never a silent success):
 * accepting a return request (Naver arranges the pickup itself), rejecting a cancel request
 * (at Naver that is done by dispatching), completing an exchange (its redelivery needs a
 * tracking number: seller centre).
 */
import type { HttpResponse } from '../../core/http';
import type { ClaimAction, ClaimsCapability } from '../port';
import { naverError } from './errors';
import { claimCall, queryProductOrders, type ClaimPath } from './requests';
import { ProcessAnswer, readJson } from './schemas';
import { claimStateOf } from './status';
import { naverRequest } from './transport';

type Plan = { path: ClaimPath; body: object; after: string } | { unsupported: string };

function plan(a: ClaimAction): Plan {
  const c = a.command;
  switch (c.kind) {
    case 'acceptCancel':
      return { path: 'cancel/approve', body: {}, after: 'CANCEL_DONE' };
    case 'completeReturn':
      return { path: 'return/approve', body: {}, after: 'RETURN_DONE' };
    case 'acceptExchange':
      return { path: 'exchange/collect/approve', body: {}, after: 'COLLECT_DONE' };
    case 'acceptReturn':
      return { unsupported: '네이버는 반품 요청을 따로 승인하지 않습니다: 수거가 끝나면 입고확인으로 반품을 완료하세요' };
    case 'completeExchange':
      return { unsupported: '네이버 교환 재배송은 송장번호와 함께 보내야 합니다: 스마트스토어센터에서 재배송 처리하세요' };
    case 'reject':
      if (c.claim === 'return') return { path: 'return/reject', body: { rejectReturnReason: c.reason }, after: 'RETURN_REJECT' };
      if (c.claim === 'exchange') return { path: 'exchange/reject', body: { rejectExchangeReason: c.reason }, after: 'EXCHANGE_REJECT' };
      return { unsupported: '네이버에는 취소 요청 거부 호출이 없습니다: 상품을 발송처리하면 취소 요청이 철회됩니다' };
  }
}

export const naverClaims: ClaimsCapability = {
  stateOf: claimStateOf,
  act(account, action) {
    const p = plan(action);
    if ('unsupported' in p) {
      // Only a read: nothing changes at Naver, and the row is told why.
      return naverRequest(account, 'claims.unsupported', (s) => queryProductOrders(s, [action.itemId]), (r: HttpResponse) => {
        if (r.status < 200 || r.status > 299) readJson('claims.unsupported', account.accountId, ProcessAnswer, r);
        throw naverError({ accountId: account.accountId, call: 'claims.unsupported', status: 422, kind: 'invalid', code: null, message: null, retryable: false, reconnect: false, userMessage: p.unsupported });
      });
    }
    const call = `claims.${p.path}`;
    return naverRequest(account, call, (s) => claimCall(s, action.itemId, p.path, p.body), (r) => {
      const data = readJson(call, account.accountId, ProcessAnswer, r).data;
      if (data.successProductOrderIds.includes(action.itemId)) return p.after;
      const f = data.failProductOrderInfos.find((x) => x.productOrderId === action.itemId);
      throw naverError({
        accountId: account.accountId,
        call,
        status: 422,
        kind: 'invalid',
        code: f?.code === undefined || f?.code === null ? null : String(f.code),
        message: f?.message ?? null,
        retryable: false,
        reconnect: false,
        userMessage: f ? `네이버가 처리하지 않았습니다: ${f.message ?? ''} (${f.code ?? '?'})` : '네이버 응답에 이 상품주문이 없습니다',
      });
    });
  },
};
