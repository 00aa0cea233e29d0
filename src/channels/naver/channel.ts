/**
 * Naver SmartStore as a sales channel: a partner row's store, connected with the API centre's
 * application ID and secret (entered in the sidebar, kept in the connection owner's user
 * properties), every call through our fixed-IP relay when one is set.
 */
import type { SalesChannel } from '../port';
import { naverClaims } from './claims';
import { naverConfirm } from './confirm';
import { isConnectionKey, NAVER_API_KEYS, naverAccount } from './connection';
import { naverInquiries } from './inquiries';
import { naverOrders } from './orders';
import { naverShipping } from './shipping';
import { naverStock } from './stock';
import { readKeys, readToken, saveKeys } from './token-store';
import { naverTransport, PACING_KEY } from './transport';

export const naver: SalesChannel = {
  id: 'naver',
  label: '스마트스토어',
  connect: 'apiKeys',
  apiKeys: NAVER_API_KEYS,
  saveKeys(store, partnerId, keys) {
    const r = saveKeys(store, partnerId, keys);
    if (!r.ok) throw new Error(r.message);
  },
  pacingKey: PACING_KEY,
  account: (p) => naverAccount(p),
  isConnectionKey,
  isConnected: (store, partnerId) => readKeys(store, partnerId) !== null && !readToken(store, partnerId)?.reconnect,
  reconnectReason: (store, partnerId) => readToken(store, partnerId)?.reconnect?.reason ?? null,
  transport: (deps) => naverTransport(deps),
  orders: naverOrders,
  stock: naverStock,
  shipping: naverShipping,
  claims: naverClaims,
  confirm: naverConfirm,
  inquiries: naverInquiries,
};
