/**
 * 발주확인 at Naver: `POST …/product-orders/confirm`, at most 30 product orders a call (reference
 * A3). Naver answers HTTP 200 with a success list and a fail list (code and message per
 * product order); each item gets its own answer, one missing from both lists is failed so it is
 * tried again.
 */
import { chunk } from '../../core/chunk';
import type { ConfirmAnswer as Answer, ConfirmCapability } from '../port';
import { confirmProductOrders } from './requests';
import { ConfirmAnswer, readJson } from './schemas';
import { naverRequest } from './transport';

export const CONFIRM_IDS = 30;

export const naverConfirm: ConfirmCapability = {
  confirm(account, items) {
    return chunk([...new Set(items.map((i) => i.itemId))], CONFIRM_IDS).map((ids) => ({
      itemIds: ids,
      request: naverRequest(account, 'productOrders.confirm', (s) => confirmProductOrders(s, ids), (r): Answer[] => {
        const data = readJson('productOrders.confirm', account.accountId, ConfirmAnswer, r).data;
        const ok = new Set(data.successProductOrderInfos.map((x) => x.productOrderId));
        const failed = new Map(data.failProductOrderInfos.map((x) => [x.productOrderId, x]));
        return ids.map((itemId): Answer => {
          if (ok.has(itemId)) return { itemId, ok: true };
          const f = failed.get(itemId);
          // The job says whose refusal it is ("스마트스토어가 발주확인을 받지 않았습니다: …").
          return { itemId, ok: false, text: f ? `${f.message ?? ''} (${f.code ?? '?'})` : '응답에 이 상품주문이 없습니다. 다음 실행에서 다시 확인합니다' };
        });
      }),
    }));
  },
};
