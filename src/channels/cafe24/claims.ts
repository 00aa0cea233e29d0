/**
 * Cafe24's claims as the port asks for them: where a claim stands from an item's status code
 * (claim-state.ts), and staff's answers as Cafe24 calls. Money and stock stay where the
 * business keeps them: only the own mall refunds its customer at the payment gateway, and no
 * call puts stock back in a mall (the add-on owns stock and pushes it from the warehouse figure).
 */
import type { HttpResponse } from '../../core/http';
import type { MallCommand } from '../../core/claims';
import type { ClaimAction, ClaimsCapability } from '../port';
import type { Cafe24Session } from './admin-request';
import type { Cafe24Call } from './calls';
import { claimStateOf } from './claim-state';
import type { Cafe24Connection } from './connection';
import { errorFromResponse } from './errors';
import { acceptCancellation, acceptExchange, acceptReturn, completeExchange, completeReturn, rejectClaimRequests, type ClaimRequestKind } from './requests';
import { CancellationOne, CancellationRequestsDecided, ExchangeOne, ExchangeRequestsDecided, isBulkFailure, parse, ReturnOne, ReturnRequestsDecided } from './schemas';
import { cafe24Request } from './transport';

export const cafe24Claims: ClaimsCapability = {
  stateOf: claimStateOf,
  act(account, action) {
    const conn = account as Cafe24Connection;
    const call = callName(action.command);
    return cafe24Request(conn, call, (s) => requestFor(s, action), (r) => readAnswer(call, conn.mallId, action.command, r));
  },
};

function callName(c: MallCommand): Cafe24Call {
  switch (c.kind) {
    case 'acceptCancel':
      return 'cancellation.accept';
    case 'acceptReturn':
      return 'return.accept';
    case 'completeReturn':
      return 'return.complete';
    case 'acceptExchange':
      return 'exchange.accept';
    case 'completeExchange':
      return 'exchange.complete';
    case 'reject':
      return c.claim === 'cancel' ? 'cancellationRequests.reject' : c.claim === 'return' ? 'returnRequests.reject' : 'exchangeRequests.reject';
  }
}

const REQUEST_KIND = { cancel: 'cancellation', return: 'return', exchange: 'exchange' } as const satisfies Record<string, ClaimRequestKind>;

function requestFor(s: Cafe24Session, job: ClaimAction) {
  const refundAtGateway = job.refundAtGateway;
  const items = [{ orderItemCode: job.itemId, quantity: job.quantity }];
  const c = job.command;
  switch (c.kind) {
    case 'acceptCancel':
      return acceptCancellation(s, { orderId: job.orderId, items, refundAtGateway, recoverInventory: false });
    case 'acceptReturn':
      return acceptReturn(s, { orderId: job.orderId, items });
    case 'completeReturn':
      return completeReturn(s, { orderId: job.orderId, claimCode: job.claimCode, refundAtGateway, recoverInventory: false });
    case 'acceptExchange':
      return acceptExchange(s, { orderId: job.orderId, items });
    case 'completeExchange':
      return completeExchange(s, { orderId: job.orderId, claimCode: job.claimCode });
    case 'reject': {
      // One rejection per request: well under the bulk cap, so one chunk.
      const [request] = rejectClaimRequests(s, REQUEST_KIND[c.claim], [{ orderId: job.orderId, orderItemCodes: [job.itemId], reason: c.reason, showToBuyer: true }]);
      return request!;
    }
  }
}

/** The claim's status word from the answer; a refused object of a bulk answer is an error. */
function readAnswer(call: Cafe24Call, mallId: string, c: MallCommand, r: HttpResponse): string {
  switch (c.kind) {
    case 'acceptCancel':
      return parse(call, mallId, CancellationOne, r).cancellation.status ?? '';
    case 'acceptReturn':
    case 'completeReturn':
      return parse(call, mallId, ReturnOne, r).return.status ?? '';
    case 'acceptExchange':
    case 'completeExchange':
      return parse(call, mallId, ExchangeOne, r).exchange.status ?? '';
    case 'reject': {
      const schema = c.claim === 'cancel' ? CancellationRequestsDecided : c.claim === 'return' ? ReturnRequestsDecided : ExchangeRequestsDecided;
      const body = parse(call, mallId, schema, r) as Record<string, unknown>;
      const list = body[`${REQUEST_KIND[c.claim]}requests`];
      const answer = Array.isArray(list) ? (list[0] as unknown) : undefined;
      if (isBulkFailure(answer)) {
        throw errorFromResponse(call, mallId, { status: Number(answer.error.code) || 422, headers: {}, body: JSON.stringify({ error: answer.error }) });
      }
      return 'rejected';
    }
  }
}

