import { packingList, pickList, type PackLine } from '../core/picking';
import { pickingListsHtml } from '../sheet/picking-html';
import { shipLineOf } from '../sheet/orders';
import { ORDERS } from '../sheet/tabs';
import { cellText, readTable } from '../sheet/table';
import { findTab, readGrid } from './adapters/tab';

/**
 * The day's pick and packing lists from the orders tab (items paid or being prepared), shown in
 * a dialog ready to print. One read of the tab.
 */
export function showPickingLists(): { message: string } {
  const ss = SpreadsheetApp.getActive();
  const tab = findTab(ss, ORDERS);
  if (!tab) return { message: '주문 탭이 없습니다. 시트 설정을 먼저 실행하세요' };
  const lines: PackLine[] = [];
  for (const row of readTable(ORDERS, readGrid(tab)).rows) {
    const ship = shipLineOf(row);
    if (!ship) continue;
    const quantity = Number(row.get('quantity'));
    if (!Number.isInteger(quantity) || quantity < 1) continue;
    const sku = cellText(row.get('sku'));
    lines.push({
      ...ship,
      sku: sku === '' ? null : sku,
      productName: cellText(row.get('productName')),
      optionText: cellText(row.get('option')),
      quantity,
      message: cellText(row.get('message')),
    });
  }
  const picks = pickList(lines);
  const packs = packingList(lines);
  if (picks.length === 0) return { message: '출고할 품목이 없습니다' };
  const printedAt = Utilities.formatDate(new Date(), 'Asia/Seoul', 'yyyy-MM-dd HH:mm');
  const html = HtmlService.createHtmlOutput(pickingListsHtml(picks, packs, printedAt)).setWidth(900).setHeight(700);
  SpreadsheetApp.getUi().showModalDialog(html, '출고 목록');
  return { message: `피킹 ${picks.length}종, 패킹 ${packs.length}박스` };
}
