/**
 * What `npm start` tells its user: progress in Seoul time, and at the end a summary of the day
 * computed from what the run left (the workbook's tabs, the executions), in Korean (or English),
 * and which file to open.
 */
import * as path from 'node:path';
import type { Lang } from '../../src/sheet/schema';
import { CLAIMS, LOG, ORDERS, PRODUCTS, SETTLEMENTS, LEDGER } from '../../src/sheet/tabs';
import { cellText, readTable, type TableRow } from '../../src/sheet/table';
import { countAtReorderPointInTab } from '../../src/sheet/stock-cover';
import type { TabSpec } from '../../src/sheet/schema';

/** "12월 4일 09:00 (KST)" / "Dec 4 09:00 (KST)": a moment as a person in Seoul reads it. */
export function seoulMoment(ms: number, lang: Lang): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const month = Number(p.month);
  const hm = `${p.hour}:${p.minute}`;
  if (lang === 'ko') return `${month}월 ${Number(p.day)}일 ${hm} (KST)`;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[month - 1]} ${Number(p.day)} ${hm} (KST)`;
}

/** The day in figures, each read back from the tabs as a person would count them. */
export interface DayFigures {
  orders: { items: number; orders: number; partners: number };
  shipped: { parcels: number; items: number };
  claims: { received: number; handled: number; waiting: number };
  settlement: { statements: number; periods: string[]; amountDue: number; ledgerEntries: number; payments: number };
  reorder: number;
  log: { warnings: number; errors: number };
  executions: { total: number; failed: number };
  eventErrors: number;
}

type Tab = { name: string; values: unknown[][] };

function rowsOf(tabs: readonly Tab[], spec: TabSpec): TableRow[] {
  const tab = tabs.find((t) => t.name === spec.title.ko || t.name === spec.title.en);
  return tab ? readTable(spec, tab.values).rows.filter((r) => r.key !== '') : [];
}

const num = (v: unknown) => {
  const n = typeof v === 'number' ? v : Number(cellText(v).replace(/,/g, ''));
  return Number.isFinite(n) ? n : 0;
};

export function dayFigures(tabs: readonly Tab[], executions: ReadonlyArray<{ errors: readonly string[] }>, eventErrors: number): DayFigures {
  const orders = rowsOf(tabs, ORDERS);
  const shipped = orders.filter((r) => cellText(r.get('shippedAt')) !== '');
  const parcels = new Set(shipped.map((r) => `${cellText(r.get('carrier'))}|${cellText(r.get('trackingNo')).replace(/\D/g, '') || `${r.key}`}`));
  const claims = rowsOf(tabs, CLAIMS);
  const settlements = rowsOf(tabs, SETTLEMENTS);
  const ledger = rowsOf(tabs, LEDGER);
  const log = rowsOf(tabs, LOG).map((r) => cellText(r.get('level')));
  const products = tabs.find((t) => t.name === PRODUCTS.title.ko || t.name === PRODUCTS.title.en);
  return {
    orders: {
      items: orders.length,
      orders: new Set(orders.map((r) => `${cellText(r.get('partnerId'))}|${cellText(r.get('orderId'))}`)).size,
      partners: new Set(orders.map((r) => cellText(r.get('partnerId')))).size,
    },
    shipped: { parcels: parcels.size, items: shipped.length },
    claims: {
      received: claims.length,
      handled: claims.filter((r) => cellText(r.get('completedAt')) !== '').length,
      waiting: claims.filter((r) => cellText(r.get('todo')) !== '').length,
    },
    settlement: {
      statements: settlements.length,
      periods: [...new Set(settlements.map((r) => cellText(r.get('period'))))].sort(),
      amountDue: settlements.reduce((s, r) => s + num(r.get('amountDue')), 0),
      ledgerEntries: ledger.length,
      payments: ledger.filter((r) => /^(입금|Payment)$/.test(cellText(r.get('type')))).length,
    },
    reorder: products ? countAtReorderPointInTab(products.values) : 0,
    // The levels in either language (the log speaks the sheet's).
    log: { warnings: log.filter((l) => /^(경고|Warning|warn)$/.test(l)).length, errors: log.filter((l) => /^(오류|Error|error)$/.test(l)).length },
    executions: { total: executions.length, failed: executions.filter((x) => x.errors.length > 0).length },
    eventErrors,
  };
}

const won = (n: number) => n.toLocaleString('en-US');

/** The summary's lines: the day, where trouble is written down, and which file to open. */
export function summaryLines(f: DayFigures, outDir: string, lang: Lang): string[] {
  const file = (name: string) => path.join(outDir, name);
  if (lang === 'en') {
    return [
      'The day:',
      `  Orders     ${f.orders.items} order items (${f.orders.orders} orders) from ${f.orders.partners} malls`,
      `  Shipping   ${f.shipped.parcels} parcels shipped (${f.shipped.items} items)`,
      `  Claims     ${f.claims.received} received, ${f.claims.handled} completed, ${f.claims.waiting} waiting for staff`,
      `  Settlement ${f.settlement.statements} statements${f.settlement.periods.length ? ` (${f.settlement.periods.join(', ')})` : ''}, amount due ${won(f.settlement.amountDue)} KRW; ledger ${f.settlement.ledgerEntries} entries (${f.settlement.payments} payments)`,
      `  Stock      ${f.reorder} products at or below their reorder point (products tab, Reorder)`,
      `  Problems   log tab: ${f.log.errors} errors, ${f.log.warnings} warnings; ${f.executions.failed} of ${f.executions.total} executions failed (metrics.json)${f.eventErrors ? `; ${f.eventErrors} scenario events failed (metrics.json, eventErrors)` : ''}`,
      `Open ${file('workbook.xlsx')} (LibreOffice or Excel): the sheet as staff would see it, the Log tab included.`,
      `Also: ${file('workbook.json')} (the same tabs as JSON), channels.json (the malls and every call), metrics.json (executions, quotas), mails.json, calls.json, spreadsheets/ (the partners' sheets).`,
    ];
  }
  return [
    '오늘 하루:',
    `  주문   ${f.orders.items}개 품목 (주문 ${f.orders.orders}건), 몰 ${f.orders.partners}곳에서 수집`,
    `  출고   소포 ${f.shipped.parcels}개 출고 (${f.shipped.items}개 품목)`,
    `  클레임 ${f.claims.received}건 접수, ${f.claims.handled}건 완료, ${f.claims.waiting}건 조치 대기`,
    `  정산   명세 ${f.settlement.statements}건${f.settlement.periods.length ? ` (${f.settlement.periods.join(', ')})` : ''}, 정산금액 합계 ${won(f.settlement.amountDue)}원; 원장 전표 ${f.settlement.ledgerEntries}건 (입금 ${f.settlement.payments}건)`,
    `  재고   발주점 이하 상품 ${f.reorder}개 (상품 탭 발주필요 열)`,
    `  문제   로그 탭: 오류 ${f.log.errors}건, 경고 ${f.log.warnings}건; 실행 ${f.executions.total}회 중 실패 ${f.executions.failed}회 (metrics.json)${f.eventErrors ? `; 시나리오 이벤트 실패 ${f.eventErrors}건 (metrics.json의 eventErrors)` : ''}`,
    `열어 보세요: ${file('workbook.xlsx')} (LibreOffice 또는 Excel) — 직원이 보는 시트 그대로, 로그 탭 포함.`,
    `그 밖에: ${file('workbook.json')} (같은 탭의 JSON), channels.json (몰 상태와 모든 호출), metrics.json (실행·할당량), mails.json, calls.json, spreadsheets/ (파트너 정산 시트).`,
  ];
}
