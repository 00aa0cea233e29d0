/** Wing Open API paths (reference B2–B7), from the vendor id. */
const OPEN = '/v2/providers/openapi/apis/api/v4/vendors';
const API = '/v2/providers/openapi/apis/api';
const SELLER = '/v2/providers/seller_api/apis/api/v1/marketplace';
const seg = (v: string | number) => encodeURIComponent(String(v));

export const paths = {
  ordersheets: (v: string) => `${OPEN}/${seg(v)}/ordersheets`,
  ordersheetsOfOrder: (v: string, orderId: string) => `${OPEN}/${seg(v)}/${seg(orderId)}/ordersheets`,
  acknowledgement: (v: string) => `${OPEN}/${seg(v)}/ordersheets/acknowledgement`,
  invoices: (v: string) => `${OPEN}/${seg(v)}/orders/invoices`,
  returnRequests: (v: string) => `${OPEN}/${seg(v)}/returnRequests`,
  receiptAction: (v: string, receiptId: string, action: 'stoppedShipment' | 'receiveConfirmation' | 'approval') => `${OPEN}/${seg(v)}/returnRequests/${seg(receiptId)}/${action}`,
  exchangeRequests: (v: string) => `${OPEN}/${seg(v)}/exchangeRequests`,
  exchangeAction: (v: string, exchangeId: string, action: 'receiveConfirmation' | 'rejection') => `${OPEN}/${seg(v)}/exchangeRequests/${seg(exchangeId)}/${action}`,
  // The CS APIs: lists and the single read are v5, answers and confirms v4 (inquiries-api.md C2).
  onlineInquiries: (v: string) => `${API}/v5/vendors/${seg(v)}/onlineInquiries`,
  onlineReply: (v: string, id: string) => `${API}/v4/vendors/${seg(v)}/onlineInquiries/${seg(id)}/replies`,
  callCenterInquiries: (v: string) => `${API}/v5/vendors/${seg(v)}/callCenterInquiries`,
  callCenterInquiry: (id: string) => `${API}/v5/vendors/callCenterInquiries/${seg(id)}`,
  callCenterReply: (v: string, id: string) => `${API}/v4/vendors/${seg(v)}/callCenterInquiries/${seg(id)}/replies`,
  callCenterConfirm: (v: string, id: string) => `${API}/v4/vendors/${seg(v)}/callCenterInquiries/${seg(id)}/confirms`,
  sellerProducts: () => `${SELLER}/seller-products`,
  sellerProduct: (id: string | number) => `${SELLER}/seller-products/${seg(id)}`,
  quantity: (vendorItemId: string, quantity: number) => `${SELLER}/vendor-items/${seg(vendorItemId)}/quantities/${quantity}`,
};

/** A query string in the given order, without `?` (what is signed is what is sent). */
export function query(params: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}
