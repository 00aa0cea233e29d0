import type { HttpResponse } from '../../core/http';
import type { MallClaimState, MallCommand } from '../../core/claims';
import { effectShown } from '../../core/claims';
import type { PartnerRole } from '../../core/partner';
import type { Cafe24Call, Cafe24Connection, Cafe24Session, ClaimRequestKind } from '../../channels/cafe24';
import {
  acceptCancellation,
  acceptExchange,
  acceptReturn,
  Cafe24Error,
  CancellationOne,
  CancellationRequestsDecided,
  completeExchange,
  completeReturn,
  errorFromResponse,
  ExchangeOne,
  ExchangeRequestsDecided,
  isBulkFailure,
  parse,
  rejectClaimRequests,
  ReturnOne,
  ReturnRequestsDecided,
} from '../../channels/cafe24';
import type { Cafe24Gateway } from './gateway';

/**
 * Sends staff's answers to claims to the malls: all malls' calls in the gateway's rounds, one
 * call per claim row (rows of one claim completing it share one call). Money and stock stay
 * where the business keeps them: only the own mall refunds its customer at the payment gateway
 * (a reseller refunds its own customer, DOMAIN), and no call puts stock back in a mall (the
 * add-on owns stock and pushes it from the warehouse figure).
 */
export interface ClaimJob {
  readonly partnerId: string;
  readonly orderId: string;
  readonly itemId: string;
  readonly claimCode: string;
  readonly quantity: number;
  readonly command: MallCommand;
}

export type ClaimOutcome =
  /** The mall's answer: the claim's status word as it printed it (canceled, accepted, returned…). */
  | { readonly ok: true; readonly said: string }
  | { readonly ok: false; readonly error: Cafe24Error; readonly deferred: boolean };

export function runClaimActions(
  jobs: readonly ClaimJob[],
  conns: ReadonlyMap<string, Cafe24Connection>,
  roles: ReadonlyMap<string, PartnerRole>,
  gateway: Cafe24Gateway,
): ClaimOutcome[] {
  // Completing a claim completes all its items: rows of one claim share the call.
  const callOf = new Map<string, number>();
  const calls: Array<{ job: ClaimJob; conn: Cafe24Connection }> = [];
  const slot: number[] = jobs.map((job) => {
    const conn = conns.get(job.partnerId);
    if (!conn) return -1;
    const shared = job.command.kind === 'completeReturn' || job.command.kind === 'completeExchange';
    const key = shared ? `${job.partnerId}|${job.orderId}|${job.claimCode}|${job.command.kind}` : `#${calls.length}`;
    const seen = callOf.get(key);
    if (seen !== undefined) return seen;
    callOf.set(key, calls.length);
    calls.push({ job, conn });
    return calls.length - 1;
  });
  const outcomes = gateway.run(
    calls.map(({ job, conn }) => {
      const refundAtGateway = roles.get(job.partnerId) === 'own';
      const call = callName(job.command);
      return {
        conn,
        call,
        build: (s: Cafe24Session) => requestFor(s, job, refundAtGateway),
        read: (r: HttpResponse) => readAnswer(call, conn.mallId, job.command, r),
      };
    }),
  );
  return slot.map((i, n): ClaimOutcome => {
    if (i === -1) return notConnected(jobs[n]!);
    const o = outcomes[i]!;
    return o.ok ? { ok: true, said: o.value } : o;
  });
}

/**
 * The outcome as the sheet should see it once the mall has been read again: a refusal whose
 * effect the mall shows ("already completed", a second click) is not an error.
 */
export function settle(job: ClaimJob, outcome: ClaimOutcome, after: MallClaimState | null): ClaimOutcome & { readonly already?: boolean } {
  if (outcome.ok || after === null || outcome.deferred) return outcome;
  if (effectShown(job.command, after)) return { ok: true, said: '', already: true };
  return outcome;
}

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

function requestFor(s: Cafe24Session, job: ClaimJob, refundAtGateway: boolean) {
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

function notConnected(job: ClaimJob): ClaimOutcome {
  const error = new Cafe24Error({
    mallId: job.partnerId,
    call: callName(job.command),
    status: 0,
    kind: 'auth',
    code: null,
    cafe24Message: null,
    retryable: false,
    reconnect: true,
    detail: `partner ${job.partnerId} is not connected`,
    userMessage: '카페24에 연결되지 않은 파트너입니다. 파트너를 연결한 뒤 다시 처리요청하세요',
  });
  return { ok: false, error, deferred: false };
}
