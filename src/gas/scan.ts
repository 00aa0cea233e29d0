/**
 * Scan-to-ship from the sidebar: one scan of the order (its order or item id barcode), one of
 * the parcel label (the tracking number). The pair becomes a row of the import tab, so a scan
 * ends in the same path as a pasted export, and is sent at once when no sync is running (else
 * by the next run, within a minute). A scan sends its own parcel only, under the same
 * settlement holds as the sync: a held partner's parcel stays held, and the packer is told why.
 */
import type { ChannelAccount } from '../channels/port';
import { replacedScans, replacedText } from '../core/rescan';
import { normaliseTrackingNo } from '../core/shipping';
import { TRACKING_IMPORT } from '../sheet/tabs';
import { cellText, keyOf, readTable, rowCells } from '../sheet/table';
import { documentCache, syncLock } from './adapters/stores';
import { connectionOwner, currentUser } from './connection-owner';
import { appendRows, findTab, readGrid, writeByKey } from './adapters/tab';
import { accountOf, isConnected } from '../jobs/accounts';
import { channelRuntime } from './channel-runtime';
import { partnersOf } from './partners-tab';
import { readSettings } from './settings';
import { settlementSession } from './settlement-step';
import { sendTrackingNumbers } from '../jobs/send-tracking';
import { sheetTables } from './adapters/tables';
import { markShippingDirty, markStockDirty } from './edit-marks';
import { writeOrderLines } from './write-order-lines';
import { KEEP_S, SETTLEMENT_CACHE_KEYS, SHIP_WAITING_KEY } from '../jobs/kept';


export interface ScanResult {
  ok: boolean;
  message: string;
  orderId?: string;
  itemCount?: number;
  /** Accepted but not sent yet: a sync was running; the next run sends it. */
  queued?: boolean;
  /** The partner is held for an unpaid balance: nothing was sent, the parcel stays in the warehouse. */
  held?: boolean;
  /** The order barcode names no order of the orders tab: a misread, or an order not collected yet. */
  unknown?: boolean;
}

/** A scan waits this long for a running sync before leaving its row to the next run. */
const LOCK_WAIT_MS = 15_000;
/** A scan's sends stop here: the person is waiting at the packing table. */
const SCAN_BUDGET_MS = 60_000;

export function scanParcel(orderCode: string, labelCode: string, carrierName: string): ScanResult {
  const ref = String(orderCode ?? '').trim();
  const tracking = normaliseTrackingNo(String(labelCode ?? ''));
  if (ref === '') return { ok: false, message: '주문 바코드를 먼저 스캔하세요' };
  if (tracking === '') return { ok: false, message: '송장(운송장) 바코드를 스캔하세요' };
  const ss = SpreadsheetApp.getActive();
  const tab = findTab(ss, TRACKING_IMPORT);
  if (!tab) return { ok: false, message: '송장등록 탭이 없습니다. 시트 설정을 먼저 실행하세요' };
  const key = keyOf([ref, tracking]);
  const table = readTable(TRACKING_IMPORT, readGrid(tab));
  const existing = table.rows.find((r) => r.key === key);
  if (existing && cellText(existing.get('processedAt')) !== '') {
    return { ok: true, message: `이미 출고 처리된 스캔입니다: ${cellText(existing.get('status'))}` };
  }
  // A rescan of the same order replaces its earlier scans that did not go out (a wrong label, a misread).
  const replaced = replacedScans(
    table.rows.map((r) => ({ key: r.key, ref: cellText(r.get('ref')), processed: cellText(r.get('processedAt')) !== '' })),
    ref,
    key,
  );
  writeByKey(tab, TRACKING_IMPORT, replaced.map((k) => ({ key: k, values: { status: replacedText(tracking), processedAt: new Date() } })));
  if (!existing) {
    const width = Math.max(...[...table.layout.index.values()]) + 1;
    appendRows(tab, [rowCells(table.layout.index, width, { ref, carrier: String(carrierName ?? ''), trackingNo: tracking })]);
  }

  // Only the connection owner's account holds the malls' tokens: anyone else's scan is sent by the owner's trigger.
  const owner = connectionOwner();
  if (owner !== null && owner !== currentUser()) {
    markShippingDirty();
    return { ok: true, queued: true, message: `송장을 등록했습니다. 연결 담당자(${owner})의 다음 자동 동기화에 전송됩니다` };
  }

  const lock = syncLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    markShippingDirty();
    return { ok: true, queued: true, message: '동기화가 실행 중이라 대기열에 넣었습니다. 1분 안에 전송됩니다' };
  }
  try {
    const cache = documentCache();
    const rt = channelRuntime(SCAN_BUDGET_MS, cache);
    const conns = new Map<string, ChannelAccount>();
    for (const r of partnersOf(ss)) {
      if (r.ok && isConnected(rt.store, r.partner)) conns.set(r.partner.partnerId, accountOf(r.partner));
    }
    // The holds as the sync has them (its cache entry; document properties if the cache lost it).
    const holds = settlementSession(cache.getAll([...SETTLEMENT_CACHE_KEYS])).holds;
    const report = sendTrackingNumbers(sheetTables(ss), conns, rt.gateway, cache, Date.now(), holds, { onlyImport: key });
    writeOrderLines(ss, report.lines, readSettings().lang, rt.store);
    if (report.sent > 0) markStockDirty();
    if (report.retry) markShippingDirty();
    // An order scanned before the sync collected it: sent when it arrives.
    if (report.waiting) cache.putAll({ [SHIP_WAITING_KEY]: '1' }, KEEP_S);
    cache.putAll(rt.gateway.ratesToSave(), 3600);
    const outcome = report.importStatus.get(key);
    if (!outcome) return { ok: false, message: '스캔을 처리하지 못했습니다. 송장등록 탭을 확인하세요' };
    if (outcome.held !== undefined) {
      return { ok: false, held: true, message: `${outcome.held}. 이 택배는 보내지 마세요: 송장을 보내지 않았고, 입금이 확인되면 자동으로 전송됩니다` };
    }
    if (outcome.waiting) {
      // Not shipped: the packer must hear it. Kept in the import tab in case the order is not collected yet.
      return { ok: false, unknown: true, queued: true, message: `${outcome.text}. 바코드를 확인하세요 (아직 수집 전인 주문이면 수집되는 대로 송장이 전송됩니다)` };
    }
    const sentOrder = report.lines.find((l) => l.trackingNo !== null && normaliseTrackingNo(l.trackingNo) === tracking);
    return {
      ok: outcome.ok,
      message: outcome.text,
      ...(sentOrder ? { orderId: sentOrder.orderId } : {}),
      ...(outcome.ok ? { itemCount: report.lines.filter((l) => l.trackingNo !== null && normaliseTrackingNo(l.trackingNo) === tracking).length } : {}),
    };
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
