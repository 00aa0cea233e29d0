/** A product as the manufacturer keeps it: one SKU is one thing picked, packed and shipped. */
import type { Krw } from './krw';

export const PRODUCT_STATUSES = ['selling', 'soldOut', 'discontinued'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface Product {
  readonly sku: string;
  readonly name: string;
  /** Option text ("색상=베이지"); '' without options. */
  readonly option: string;
  readonly barcode: string | null;
  /** What a reseller pays per unit shipped (logistics and packing included). */
  readonly wholesalePrice: Krw;
  /** Suggested retail price; null when staff left it blank (each mall sets its own price). */
  readonly retailPrice: Krw | null;
  /** Units on the warehouse shelf now: shipped units have already left it. */
  readonly warehouseStock: number;
  /** Units never offered to any mall. */
  readonly safetyStock: number;
  readonly status: ProductStatus;
}
