/**
 * Coupang (쿠팡 Wing) as a sales channel: a partner row's vendorId, connected with the Open API
 * keys Wing issues (no consent flow, no token), every request signed on its own (CEA HMAC) and,
 * because Coupang answers only registered addresses, carried by our relay when one is set.
 */
import type { SalesChannel } from '../port';
import { COUPANG_API_KEYS, coupangAccount, isConnectionKey, readKeys, saveKeys } from './account';
import { coupangClaims } from './claims';
import { coupangConfirm } from './confirm';
import { coupangInquiries } from './inquiries';
import { coupangOrders } from './orders';
import { coupangShipping } from './shipping';
import { coupangStock } from './stock';
import { coupangTransport, PACING_KEY } from './transport';

export const coupang: SalesChannel = {
  id: 'coupang',
  label: '쿠팡',
  connect: 'apiKeys',
  apiKeys: COUPANG_API_KEYS,
  saveKeys: (store, partnerId, keys) => saveKeys(store, partnerId, { vendorId: keys.vendorId ?? '', accessKey: keys.accessKey ?? '', secretKey: keys.secretKey ?? '', wingId: keys.wingId ?? '' }),
  pacingKey: PACING_KEY,
  account: (p) => coupangAccount(p.partnerId, p.accountId),
  isConnectionKey,
  isConnected(store, partnerId) {
    const keys = readKeys(store, partnerId);
    return keys !== null && !keys.reconnect;
  },
  reconnectReason: (store, partnerId) => readKeys(store, partnerId)?.reconnect?.reason ?? null,
  transport: coupangTransport,
  orders: coupangOrders,
  stock: coupangStock,
  shipping: coupangShipping,
  claims: coupangClaims,
  confirm: coupangConfirm,
  inquiries: coupangInquiries,
};
