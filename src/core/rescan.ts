/**
 * A scan replaces the earlier scans of the same barcode that have not gone out (pure). At the
 * packing table a refused scan (the wrong label, a misread order) is followed by the right one;
 * the refused row must not be tried again beside it, where it would name the same items twice
 * or mark the shipped order ✗. The earlier rows are closed, saying what replaced them.
 */
export interface PendingScan {
  readonly key: string;
  readonly ref: string;
  /** The row has gone out (its 처리일시 is set). */
  readonly processed: boolean;
}

/** The keys of the rows a new scan of `ref` (kept under `newKey`) replaces. */
export function replacedScans(rows: readonly PendingScan[], ref: string, newKey: string): string[] {
  const same = refText(ref);
  return rows.filter((r) => !r.processed && r.key !== '' && r.key !== newKey && refText(r.ref) === same).map((r) => r.key);
}

/** What a replaced row says. */
export function replacedText(trackingNo: string): string {
  return `↷ 다시 스캔됨: 새 송장 ${trackingNo}로 대체`;
}

function refText(ref: string): string {
  return ref.normalize('NFKC').trim().toUpperCase();
}
