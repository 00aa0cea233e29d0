/**
 * The default store: the manufacturer's goods in a SmartStore (PNR004 in the demo), SKUs as the
 * product's 판매자 관리코드 (`sellerManagementCode`) or an option combination's
 * `sellerManagerCode`, as the Cafe24 fake's malls carry them. One paid order waits for 발주확인.
 * The secret is a bcrypt salt at cost 4, the form the reference saw in public code.
 */
import type { NaverSeedInput } from './seed-schema';

export const DEFAULT_CLIENT_ID = '4kVn2pMsStoreApp0001';
export const DEFAULT_CLIENT_SECRET = '$2a$04$pmSheetFakeNaverSalt0u';
export const DEFAULT_ACCOUNT_ID = 'najalran-store';

const combo = (id: number, optionName1: string, sku: string, stockQuantity: number, price = 0) => ({ id, optionName1, stockQuantity, price, sellerManagerCode: sku, usable: true });

export const defaultSeed: NaverSeedInput = {
  stores: [
    {
      client_id: DEFAULT_CLIENT_ID,
      client_secret: DEFAULT_CLIENT_SECRET,
      accountId: DEFAULT_ACCOUNT_ID,
      storeName: '나잘란 스마트스토어',
      products: [
        {
          originProductNo: 10000101,
          channelProductNo: 20000101,
          originProduct: { name: '수제 도자기 머그컵', salePrice: 18000, stockQuantity: 40, detailAttribute: { sellerCodeInfo: { sellerManagementCode: 'NJ-MUG' } } },
        },
        {
          originProductNo: 10000102,
          channelProductNo: 20000102,
          originProduct: {
            name: '린넨 앞치마',
            salePrice: 29000,
            stockQuantity: 30,
            detailAttribute: { sellerCodeInfo: { sellerManagementCode: 'NJ-APRON' }, optionInfo: { optionCombinations: [combo(501, '베이지', 'NJ-APRON-1', 20), combo(502, '차콜', 'NJ-APRON-2', 10)] } },
          },
        },
        {
          originProductNo: 10000103,
          channelProductNo: 20000103,
          originProduct: {
            name: '니트 담요',
            salePrice: 52000,
            stockQuantity: 9,
            detailAttribute: { sellerCodeInfo: { sellerManagementCode: 'NJ-BLANKET' }, optionInfo: { optionCombinations: [combo(601, '아이보리', 'NJ-BLANKET-1', 4), combo(602, '그레이', 'NJ-BLANKET-2', 5), combo(603, '네이비', 'NJ-BLANKET-3', 0)] } },
          },
        },
      ],
      productOrders: [
        {
          order: { orderId: '2026112310000001', orderDate: '2026-11-23T09:12:30.000+09:00', ordererName: '이서연', ordererTel: '010-2222-3333', paymentDate: '2026-11-23T09:13:02.000+09:00', paymentMeans: '신용카드' },
          productOrder: {
            productOrderId: '2026112310000011',
            productOrderStatus: 'PAYED',
            placeOrderStatus: 'NOT_YET',
            productId: '20000101',
            originalProductId: '10000101',
            productName: '수제 도자기 머그컵',
            quantity: 2,
            unitPrice: 18000,
            totalPaymentAmount: 36000,
            shippingAddress: { name: '이서연', tel1: '010-2222-3333', baseAddress: '부산광역시 해운대구 센텀중앙로 79', detailAddress: '101동 1203호', zipCode: '48058' },
            shippingMemo: '문 앞에 놓아 주세요',
            sellerProductCode: 'NJ-MUG',
          },
        },
      ],
    },
  ],
};
