/**
 * The pick list and packing list as one printable page (pure). Every text from a channel goes
 * through `esc`: a product name like "<b>머그</b>" prints as those characters, never as markup.
 */
import type { PackGroup, PickRow } from '../core/picking';
import { escapeHtml } from './html';

const esc = escapeHtml;

const STYLE = `
body{font-family:'Noto Sans KR',Arial,sans-serif;font-size:12px;margin:16px;color:#111}
h1{font-size:18px;margin:0 0 4px}h2{font-size:15px;margin:18px 0 6px;border-bottom:2px solid #1f4e79}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#e8eef5}td.n{text-align:right}.box{break-inside:avoid;margin:10px 0;border:1px solid #555;padding:6px}
.msg{color:#8a1c1c}.bundle{font-weight:bold}.meta{color:#555}
@media print{button{display:none}h2{break-before:page}h2:first-of-type{break-before:auto}}
`;

export function pickingListsHtml(picks: readonly PickRow[], packs: readonly PackGroup[], printedAt: string): string {
  const units = picks.reduce((n, p) => n + p.quantity, 0);
  const pickRows = picks
    .map((p) => `<tr><td>${esc(p.sku ?? '(SKU 없음)')}</td><td>${esc(p.productName)}</td><td>${esc(p.optionText)}</td><td class="n">${p.quantity}</td><td class="n">${p.orders}</td></tr>`)
    .join('');
  const boxes = packs
    .map((g, i) => {
      const items = g.items
        .map((it) => `<tr><td>${esc(it.orderId)}</td><td>${esc(it.itemId)}</td><td>${esc(it.sku ?? '')}</td><td>${esc(it.productName)}</td><td>${esc(it.optionText)}</td><td class="n">${it.quantity}</td></tr>`)
        .join('');
      const address = [g.receiverZip && `(${g.receiverZip})`, g.receiverAddress1, g.receiverAddress2].filter(Boolean).join(' ');
      const messages = g.messages.map((m) => `<div class="msg">배송메시지: ${esc(m)}</div>`).join('');
      const bundle = g.orders > 1 ? ` <span class="bundle">묶음배송 (주문 ${g.orders}건)</span>` : '';
      return `<div class="box"><div><b>${i + 1}. ${esc(g.receiverName)}</b> ${esc(g.receiverPhone)} · ${esc(g.partnerId)} · ${g.totalQuantity}개${bundle}</div><div class="meta">${esc(address)}</div>${messages}<table><tr><th>주문번호</th><th>품목주문번호</th><th>SKU</th><th>상품명</th><th>옵션</th><th>수량</th></tr>${items}</table></div>`;
    })
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<button onclick="window.print()">인쇄</button>
<h1>출고 목록</h1><div class="meta">${esc(printedAt)} 기준 · 결제완료/배송준비중 품목</div>
<h2>피킹 리스트 (SKU별) — ${picks.length}종 ${units}개</h2>
<table><tr><th>SKU</th><th>상품명</th><th>옵션</th><th>수량</th><th>주문수</th></tr>${pickRows}</table>
<h2>패킹 리스트 (수령인별) — ${packs.length}박스</h2>${boxes}
</body></html>`;
}
