/**
 * 발주확인 at Coupang: acknowledgement (상품준비중 처리, B3) by shipmentBoxId, at most 50 boxes a
 * call, answered per box. Every item of a box shares its box's answer. Only ACCEPT boxes can be
 * acknowledged: after a timeout the job re-reads the order (INSTRUCT means it went through)
 * rather than sending again, as the docs ask.
 */
import { chunk } from '../../core/chunk';
import type { ChannelAccount, ChannelRequest, ConfirmAnswer, ConfirmCapability, ConfirmItem } from '../port';
import type { CoupangAccount } from './account';
import { paths, query } from './paths';
import { BoxResults, OrdersheetsOfOrder, parse, type BoxResultT } from './schemas';
import { coupangRequest, wing } from './transport';

export const ACK_CAP = 50;

export function boxAnswerText(r: BoxResultT): string {
  return `쿠팡: ${r.resultMessage || r.resultCode} (${r.resultCode})`;
}

function acknowledge(a: CoupangAccount, items: readonly ConfirmItem[]): ChannelRequest<ConfirmAnswer[]> {
  const boxes = [...new Set(items.map((i) => Number(i.channelShipmentId)))];
  return coupangRequest(
    a,
    'ordersheets.acknowledge',
    (s) => wing(s, 'put', paths.acknowledgement(a.vendorId), '', { vendorId: a.vendorId, shipmentBoxIds: boxes }),
    (r) => {
      const list = parse('ordersheets.acknowledge', a.vendorId, BoxResults, r).data.responseList;
      return items.map((i): ConfirmAnswer => {
        const answer = list.find((x) => x.shipmentBoxId === Number(i.channelShipmentId));
        if (!answer) return { itemId: i.itemId, ok: false, text: '쿠팡이 이 배송번호에 답하지 않았습니다: 주문을 다시 읽어 확인합니다' };
        return answer.succeed ? { itemId: i.itemId, ok: true } : { itemId: i.itemId, ok: false, text: boxAnswerText(answer) };
      });
    },
  );
}

/** Items the sheet holds without a box id (never read whole): their order is read and they are told why. */
function withoutBox(a: CoupangAccount, items: readonly ConfirmItem[]): ChannelRequest<ConfirmAnswer[]> {
  const orderId = items[0]!.orderId;
  return coupangRequest(
    a,
    'ordersheets.ofOrder',
    (s) => wing(s, 'get', paths.ordersheetsOfOrder(a.vendorId, orderId), query({})),
    (r) => {
      parse('ordersheets.ofOrder', a.vendorId, OrdersheetsOfOrder, r);
      return items.map((i) => ({ itemId: i.itemId, ok: false as const, text: '쿠팡 배송번호(shipmentBoxId)를 모릅니다: 주문을 다시 읽은 뒤 발주확인하세요' }));
    },
  );
}

export const coupangConfirm: ConfirmCapability = {
  confirm(account: ChannelAccount, items) {
    const a = account as CoupangAccount;
    const boxed = items.filter((i) => i.channelShipmentId !== null && /^\d+$/.test(i.channelShipmentId));
    const loose = items.filter((i) => !boxed.includes(i));
    // Chunk by box so a box's items travel in one call.
    const byBox = new Map<string, ConfirmItem[]>();
    for (const i of boxed) byBox.set(i.channelShipmentId!, [...(byBox.get(i.channelShipmentId!) ?? []), i]);
    const carrying = (list: readonly ConfirmItem[], request: ChannelRequest<ConfirmAnswer[]>) => ({ itemIds: list.map((i) => i.itemId), request });
    const requests = chunk([...byBox.values()], ACK_CAP).map((part) => carrying(part.flat(), acknowledge(a, part.flat())));
    const byOrder = new Map<string, ConfirmItem[]>();
    for (const i of loose) byOrder.set(i.orderId, [...(byOrder.get(i.orderId) ?? []), i]);
    return [...requests, ...[...byOrder.values()].map((part) => carrying(part, withoutBox(a, part)))];
  },
};
