import type { MallClaimState, MallCommand } from '../core/claims';
import { effectShown } from '../core/claims';
import type { ChannelId } from '../core/order';
import type { Partner } from '../core/partner';
import { ChannelError, type ChannelAccount, type Gateway } from '../channels/port';
import { channelOf } from '../channels/registry';

/**
 * Sends staff's answers to claims to the channels: all accounts' calls in the gateway's rounds, one
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
  | { readonly ok: false; readonly error: ChannelError; readonly deferred: boolean };

export function runClaimActions(
  jobs: readonly ClaimJob[],
  conns: ReadonlyMap<string, ChannelAccount>,
  partners: ReadonlyMap<string, Pick<Partner, 'role' | 'channel'>>,
  gateway: Gateway,
): ClaimOutcome[] {
  // Completing a claim completes all its items: rows of one claim share the call.
  const callOf = new Map<string, number>();
  const calls: Array<{ job: ClaimJob; conn: ChannelAccount }> = [];
  const slot: number[] = jobs.map((job) => {
    const conn = conns.get(job.partnerId);
    if (!conn || !channelOf(conn.channel).claims) return -1;
    const shared = job.command.kind === 'completeReturn' || job.command.kind === 'completeExchange';
    const key = shared ? `${job.partnerId}|${job.orderId}|${job.claimCode}|${job.command.kind}` : `#${calls.length}`;
    const seen = callOf.get(key);
    if (seen !== undefined) return seen;
    callOf.set(key, calls.length);
    calls.push({ job, conn });
    return calls.length - 1;
  });
  const outcomes = gateway.run(
    calls.map(({ job, conn }) => channelOf(conn.channel).claims!.act(conn, { ...job, refundAtGateway: partners.get(job.partnerId)?.role === 'own' })),
  );
  return slot.map((i, n): ClaimOutcome => {
    if (i === -1) return notConnected(jobs[n]!, partners.get(jobs[n]!.partnerId)?.channel ?? null);
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

function notConnected(job: ClaimJob, channel: ChannelId | null): ClaimOutcome {
  const error = new ChannelError({
    channel,
    accountId: job.partnerId,
    call: `claims.${job.command.kind}`,
    status: 0,
    kind: 'auth',
    code: null,
    channelMessage: null,
    retryable: false,
    reconnect: true,
    detail: `partner ${job.partnerId} is not connected`,
    userMessage: `${channel ? channelOf(channel).label : '채널'}에 연결되지 않은 파트너입니다. 파트너를 연결한 뒤 다시 처리요청하세요`,
  });
  return { ok: false, error, deferred: false };
}
