/**
 * OAuth scopes (reference §2). Every Admin endpoint needs `mall.read_{group}` to read and
 * `mall.write_{group}` to change. We treat write as NOT implying read: the developer centre
 * offers "read", "write" and "read+write" as separate choices, which only makes sense if they
 * are independent.
 */
import { z } from 'zod';

export const SCOPE_GROUPS = [
  'product',
  'order',
  'shipping',
  'supply',
  'store',
  'category',
  'collection',
  'customer',
  'application',
  'community',
  'notification',
  'promotion',
  'design',
  'salesreport',
  'privacy',
  'mileage',
  'personal',
] as const;
export type ScopeGroup = (typeof SCOPE_GROUPS)[number];

export const ScopeName = z
  .string()
  .regex(/^mall\.(read|write)_[A-Za-z_]+$/, 'must look like mall.read_order or mall.write_product');

export function requiredScope(group: ScopeGroup, write: boolean): string {
  return `mall.${write ? 'write' : 'read'}_${group}`;
}

/**
 * Parses the `scope` parameter of /oauth/authorize. Working clients send commas; the newer
 * guide says spaces. We accept both (and a mix), which no real client could be hurt by.
 */
export function parseScopeParam(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter((s) => s.length > 0))];
}
