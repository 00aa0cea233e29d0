/**
 * In-memory state of one mall. Resources keep the fields we compute with as typed properties
 * and everything else Cafe24 sent (or a seed carried) in `extra`, echoed back unchanged.
 */
import type { ActiveFault } from './faults';
import type { OrderStatus } from './order-status';
import type { UsageState } from './usage';

export type Json = Record<string, unknown>;
export type Flag = 'T' | 'F';

export interface Product {
  product_no: number;
  product_code: string;
  custom_product_code: string;
  product_name: string;
  price: string;
  price_excluding_tax: string;
  retail_price: string;
  supply_price: string;
  display: Flag;
  selling: Flag;
  supplier_code: string;
  created: number;
  updated: number;
  /** In display order. */
  variantCodes: string[];
  extra: Json;
}

export interface Variant {
  product_no: number;
  variant_code: string;
  options: Json[] | null;
  custom_variant_code: string;
  display: Flag;
  selling: Flag;
  additional_amount: string;
  use_inventory: Flag;
  important_inventory: 'A' | 'B';
  /** A: stock is deducted when the order is placed; B: when it is paid. */
  inventory_control_type: 'A' | 'B';
  display_soldout: Flag;
  quantity: number;
  safety_inventory: number;
  origin_code: string | null;
  extra: Json;
}

/** Item dates Cafe24 prints ('YYYY-MM-DD HH:MM:SS'), plus accept dates we keep only for
 * `date_type` searches (the item resource has no field for them). */
export const ITEM_DATE_FIELDS = [
  'ordered_date',
  'shipped_date',
  'delivered_date',
  'purchaseconfirmation_date',
  'cancel_date',
  'cancel_request_date',
  'return_request_date',
  'return_collected_date',
  'return_confirmed_date',
  'refund_date',
  'exchange_request_date',
  'exchange_date',
] as const;
export type ItemDateField = (typeof ITEM_DATE_FIELDS)[number];
export type ItemDateKey = ItemDateField | 'cancel_accept_date' | 'return_accept_date' | 'exchange_accept_date' | 'place_date';

export interface ItemClaim {
  claim_code: string | null;
  claim_type: 'C' | 'R' | 'E' | null;
  claim_status: string | null;
  claim_reason_type: string | null;
  claim_reason: string | null;
  claim_quantity: number | null;
}

export interface OrderItem {
  order_item_code: string;
  item_no: number;
  product_no: number | null;
  product_code: string | null;
  variant_code: string | null;
  custom_product_code: string | null;
  custom_variant_code: string | null;
  product_name: string | null;
  option_value: string | null;
  product_price: string;
  option_price: string;
  quantity: number;
  supplier_id: string | null;
  order_status: OrderStatus;
  order_status_before_cs: OrderStatus | null;
  shipping_code: string | null;
  tracking_no: string | null;
  shipping_company_code: string | null;
  shipping_company_name: string | null;
  shipping_company_id: number | null;
  claim: ItemClaim;
  dates: Partial<Record<ItemDateKey, number>>;
  /** Units taken out of the variant's stock for this item (returned on cancel/return). */
  stockHeld: number;
  extra: Json;
}

export type PaymentStatus = 'F' | 'M' | 'T' | 'A' | 'P';

export interface Order {
  order_id: string;
  order_date: number;
  payment_date: number | null;
  cancel_date: number | null;
  paid: 'T' | 'F' | 'M';
  /** The `payment_status` filter's value: F before deposit, M awaiting more, T/A deposit
   * confirmed (manual/auto), P paid. */
  payment_status: PaymentStatus;
  payment_method: string[];
  payment_amount: string;
  currency: string;
  member_id: string | null;
  billing_name: string | null;
  /** As seeded; used only while the order has no items to derive it from. */
  seeded_shipping_status: string | null;
  seeded_canceled: string | null;
  items: OrderItem[];
  receivers: Json[];
  buyer: Json | null;
  extra: Json;
}

export interface Shipment {
  shipping_code: string;
  order_id: string;
  tracking_no: string;
  shipping_company_code: string;
  carrier_id: number | null;
  status: 'standby' | 'shipping' | 'shipped';
  status_additional_info: string | null;
  order_item_code: string[];
  tracking_no_updated: number;
}

export type ClaimType = 'cancellation' | 'return' | 'exchange';

export interface Claim {
  claim_code: string;
  type: ClaimType;
  order_id: string;
  /** The resource's own `status` word (canceling/canceled, accepted/processing/returned, …). */
  status: string;
  items: Array<{ order_item_code: string; quantity: number }>;
  /** New items created by an exchange. */
  exchange_items: string[];
  pickup_completed: Flag;
  reason: string | null;
  claim_reason_type: string | null;
  refund_code: string | null;
  created: number;
  extra: Json;
}

export interface Refund {
  refund_code: string;
  order_id: string;
  claim_code: string;
  order_item_code: string[];
  quantity: number;
  amount: number;
  refund_status: 'F' | 'T' | 'M';
  accepted_refund_date: number;
  refund_date: number | null;
  payment_methods: string[];
  currency: string;
}

export interface MallState {
  mall_id: string;
  user_id: string;
  shop_name: string;
  partner_code: string | null;
  products: Map<number, Product>;
  variants: Map<string, Variant>;
  orders: Map<string, Order>;
  carriers: Json[];
  suppliers: Json[];
  shipments: Map<string, Shipment>;
  claims: Map<string, Claim>;
  refunds: Map<string, Refund>;
  seq: {
    productNo: number;
    productCode: number;
    /** Per KST day (YYYYMMDD): the last order serial used. */
    orderSerial: Map<string, number>;
    /** Claim and refund codes share one serial per KST day. */
    claimSerial: Map<string, number>;
  };
  usage: UsageState;
  faults: ActiveFault[];
}

export function findItem(order: Order, code: string): OrderItem | undefined {
  return order.items.find((i) => i.order_item_code === code);
}

export function emptyClaim(): ItemClaim {
  return { claim_code: null, claim_type: null, claim_status: null, claim_reason_type: null, claim_reason: null, claim_quantity: null };
}
