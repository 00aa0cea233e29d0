/**
 * A SKU the mall does not have yet (typically every product at a mall's first connection) is not
 * a stock failure: the product push registers it in the mall, 5 every 5 minutes, and its stock
 * follows. Staff are told so once, with what they can do, instead of a red error whose advice
 * leads to a log that repeats the count.
 */
export function notInMallNotice(count: number): string {
  return `몰에 아직 없는 상품 ${count}건: 상품 전송이 몰에 등록하면(5분마다 5건씩) 재고가 연동됩니다. 연동재고율 탭의 판매여부를 켜 두세요. 몰에 직접 만든 상품이면 자체상품코드를 SKU와 같게 맞추세요`;
}
