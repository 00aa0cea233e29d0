/** A partner mall as the business sees it (DOMAIN: PNR001 own mall, PNR002/3 resellers). */
import type { ChannelId } from './order';
import type { Krw } from './krw';

export type PartnerRole = 'own' | 'reseller';
export type SettlementMode = 'deposit' | 'credit';

export interface Partner {
  readonly partnerId: string;
  readonly name: string;
  readonly role: PartnerRole;
  readonly channel: ChannelId;
  /** The channel's account id (a mall id, a seller id): the channel checks it. */
  readonly accountId: string;
  /** For a channel whose accounts hold several shops: which one (1 otherwise). */
  readonly shopNo: number;
  /** For a channel where a reseller lists our goods under a supplier code: that code. */
  readonly supplierCode: string | null;
  /**
   * For a channel with 발주확인 (a marketplace): new paid orders are confirmed as soon as they are
   * collected; otherwise when staff tick them. Before it the buyer may cancel freely.
   */
  readonly confirmAtOnce: boolean;
  /** Percent, 0–100. */
  readonly defaultRatio: number;
  readonly settlementMode: SettlementMode;
  readonly creditLimit: Krw;
  /** Percent of the wholesale value, e.g. 5. */
  readonly incentiveRate: number;
  readonly shippingFeePerUnit: Krw;
  readonly statementEmails: readonly string[];
}
