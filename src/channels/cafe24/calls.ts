/**
 * Every Cafe24 call the add-on makes, by name, with the scope it needs. The names appear in
 * errors and logs ("[najalran] orders.list: …"); the scopes explain a 403.
 */
import type { Cafe24Scope } from './connection';

export const ADMIN_CALL_SCOPES = {
  'products.list': 'mall.read_product',
  'products.get': 'mall.read_product',
  'products.create': 'mall.write_product',
  'products.update': 'mall.write_product',
  'variants.list': 'mall.read_product',
  'variants.update': 'mall.write_product',
  'variants.updateMany': 'mall.write_product',
  'inventories.get': 'mall.read_product',
  'inventories.update': 'mall.write_product',
  'orders.list': 'mall.read_order',
  'orders.get': 'mall.read_order',
  'orderItems.list': 'mall.read_order',
  'orders.changeStatus': 'mall.write_order',
  'orders.changeStatusMany': 'mall.write_order',
  'shipments.list': 'mall.read_order',
  'shipments.create': 'mall.write_order',
  'shipments.createMany': 'mall.write_order',
  'shipments.update': 'mall.write_order',
  'shipments.updateMany': 'mall.write_order',
  'cancellation.get': 'mall.read_order',
  'cancellation.accept': 'mall.write_order',
  'return.get': 'mall.read_order',
  'return.accept': 'mall.write_order',
  'return.complete': 'mall.write_order',
  'exchange.get': 'mall.read_order',
  'exchange.accept': 'mall.write_order',
  'exchange.complete': 'mall.write_order',
  'cancellationRequests.reject': 'mall.write_order',
  'returnRequests.reject': 'mall.write_order',
  'exchangeRequests.reject': 'mall.write_order',
  'refunds.list': 'mall.read_order',
  'refunds.get': 'mall.read_order',
  'refunds.complete': 'mall.write_order',
  'carriers.list': 'mall.read_shipping',
  'suppliers.list': 'mall.read_supply',
  'boards.list': 'mall.read_community',
  'articles.list': 'mall.read_community',
  'articles.reply': 'mall.write_community',
  'articles.update': 'mall.write_community',
  'comments.list': 'mall.read_community',
} as const satisfies Record<string, Cafe24Scope>;

export type AdminCall = keyof typeof ADMIN_CALL_SCOPES;
export type OAuthCall = 'oauth.code' | 'oauth.refresh' | 'oauth.revoke';
export type Cafe24Call = AdminCall | OAuthCall;

export function scopeOf(call: Cafe24Call): Cafe24Scope | null {
  return call in ADMIN_CALL_SCOPES ? ADMIN_CALL_SCOPES[call as AdminCall] : null;
}
