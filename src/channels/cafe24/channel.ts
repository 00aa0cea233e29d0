/**
 * Cafe24 as a sales channel: a partner row's mall, connected by OAuth (the operator consents in
 * the mall's admin), with every capability the port names.
 */
import type { SalesChannel } from '../port';
import { cafe24Claims } from './claims';
import { cafe24Connection } from './connection';
import { cafe24Inquiries } from './inquiries';
import { cafe24Orders } from './orders';
import { cafe24Products } from './products';
import { cafe24Shipping } from './shipping';
import { cafe24Stock } from './stock';
import { isConnectionKey, readToken, TokenVault } from './token-vault';
import { cafe24Transport, RATES_KEY } from './transport';
import { cafe24Webhooks } from './webhook-news';

export const cafe24: SalesChannel = {
  id: 'cafe24',
  label: '카페24',
  connect: 'oauth',
  pacingKey: RATES_KEY,
  account: (p) => cafe24Connection({ partnerId: p.partnerId, mallId: p.accountId, shopNo: p.shopNo, ...(p.supplierCode ? { supplierCode: p.supplierCode } : {}) }),
  isConnectionKey,
  isConnected(store, partnerId) {
    const token = readToken(store, partnerId);
    return token !== null && !token.reconnect;
  },
  reconnectReason: (store, partnerId) => readToken(store, partnerId)?.reconnect?.reason ?? null,
  transport: (deps) => cafe24Transport(new TokenVault(deps)),
  orders: cafe24Orders,
  stock: cafe24Stock,
  products: cafe24Products,
  shipping: cafe24Shipping,
  claims: cafe24Claims,
  inquiries: cafe24Inquiries,
  webhooks: cafe24Webhooks,
};
