/**
 * Each reseller's own settlement sheet: a separate spreadsheet the add-on creates
 * (SpreadsheetApp.create), shares view-only with the partner row's 정산시트 공유 이메일
 * (Spreadsheet.addViewer), and rewrites from its own rows only (src/jobs/reseller-view.ts): its
 * statements, its ledger and balance, its shipped items, and a chart of its weeks. Its id and
 * what was shared and mailed are kept in document properties.
 *
 * The reseller is e-mailed when a new statement is in its sheet (document property
 * `statementMail`, on unless set off). MailApp counts recipients against a daily quota (100 a day
 * on a consumer account): before sending, the remaining quota is asked; a mail that does not fit
 * waits for the next refresh and the log says so.
 */
import type { LedgerEntry } from '../core/ledger';
import type { Partner } from '../core/partner';
import { resellerView, statementMail, type ResellerTab, type StatementFigures } from '../jobs/reseller-view';
import type { HoldView } from '../jobs/settlement-run';
import type { OrderFacts } from '../sheet/settlement-data';

/** Document property: per reseller, its sheet id, the addresses shared and the periods mailed. */
export const RESELLER_SHEETS_KEY = 'reseller.sheets';
/** Document property: e-mail resellers when a statement is ready (on unless set off). */
export const STATEMENT_MAIL_KEY = 'statementMail';
const MAILED_KEPT = 60;

interface SheetRecord {
  id: string;
  /** Addresses the add-on shared the sheet with. */
  viewers: string[];
  /** Statement periods already mailed. */
  mailed: string[];
}

type Msg = { level: 'info' | 'warn' | 'error'; message: string };

export function readStatementMail(): boolean {
  const v = PropertiesService.getDocumentProperties().getProperty(STATEMENT_MAIL_KEY);
  return v === null || !/^(false|off|no|f|n|0|끄기|꺼짐|아니오)$/i.test(v.trim());
}

export function writeStatementMail(on: boolean): void {
  PropertiesService.getDocumentProperties().setProperty(STATEMENT_MAIL_KEY, on ? 'on' : 'off');
}

function readRecords(): Record<string, SheetRecord> {
  try {
    return JSON.parse(PropertiesService.getDocumentProperties().getProperty(RESELLER_SHEETS_KEY) ?? '{}') as Record<string, SheetRecord>;
  } catch {
    return {};
  }
}

/** The sheet id of each reseller, for the sidebar and tests. */
export function resellerSheetIds(): Record<string, string> {
  return Object.fromEntries(Object.entries(readRecords()).map(([id, r]) => [id, r.id]));
}

export interface RefreshInput {
  readonly facts: OrderFacts;
  readonly ledger: readonly LedgerEntry[];
  readonly holds: readonly HoldView[];
  readonly statements: readonly StatementFigures[];
}

export interface RefreshReport {
  readonly messages: Msg[];
  readonly sheets: Array<{ partnerId: string; url: string }>;
}

/** Rewrites every reseller's sheet (creating and sharing it the first time), then mails new statements. */
export function refreshResellers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, partners: readonly Partner[], input: RefreshInput, now: number): RefreshReport {
  const report: RefreshReport = { messages: [], sheets: [] };
  const resellers = partners.filter((p) => p.role === 'reseller');
  if (resellers.length === 0) return report;
  const records = readRecords();
  const before = JSON.stringify(records);
  const mailOn = readStatementMail();
  let quota: number | null = null;
  for (const partner of resellers) {
    try {
      const view = resellerView(partner, {
        statements: input.statements,
        ledger: input.ledger,
        hold: input.holds.find((h) => h.partnerId === partner.partnerId) ?? null,
        shipped: input.facts.shipped,
        details: input.facts.details,
        now,
      });
      let record = records[partner.partnerId];
      let book: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
      if (record) {
        try {
          book = SpreadsheetApp.openById(record.id);
        } catch {
          book = null; // deleted or no longer reachable: made again
        }
      }
      if (!book) {
        book = SpreadsheetApp.create(view.title);
        record = { id: book.getId(), viewers: [], mailed: [] };
        records[partner.partnerId] = record;
        report.messages.push({ level: 'info', message: `${partner.partnerId}: 정산 시트를 만들었습니다 (${book.getUrl()})` });
      }
      writeTabs(book, view.tabs);
      share(book, record!, partner, report.messages);
      report.sheets.push({ partnerId: partner.partnerId, url: book.getUrl() });
      // Mail: statements now in the sheet that were not mailed yet.
      const fresh = view.periods.filter((p) => !record!.mailed.includes(p));
      if (fresh.length > 0 && partner.statementEmails.length > 0 && mailOn) {
        quota ??= MailApp.getRemainingDailyQuota();
        const recipients = partner.statementEmails.length;
        if (quota < recipients) {
          report.messages.push({ level: 'warn', message: `${partner.partnerId}: 오늘 메일 발송 한도가 부족해 정산서 안내(${fresh.join(', ')})를 다음 갱신 때 보냅니다 (남은 한도 ${quota}명)` });
        } else {
          const mail = statementMail(
            partner,
            input.statements.filter((s) => s.partnerId === partner.partnerId && fresh.includes(s.period)),
            book.getUrl(),
          );
          MailApp.sendEmail({ to: partner.statementEmails.join(','), subject: mail.subject, body: mail.body, name: '정산 안내' });
          quota -= recipients;
          record!.mailed = [...record!.mailed, ...fresh].slice(-MAILED_KEPT);
          report.messages.push({ level: 'info', message: `${partner.partnerId}: 정산서 안내 메일 발송 (${fresh.join(', ')} → ${partner.statementEmails.join(', ')})` });
        }
      } else if (fresh.length > 0 && !mailOn) {
        record!.mailed = [...record!.mailed, ...fresh].slice(-MAILED_KEPT);
      }
    } catch (e) {
      report.messages.push({ level: 'error', message: `${partner.partnerId}: 정산 시트 갱신 실패 — ${(e as Error).message}` });
    }
  }
  if (JSON.stringify(records) !== before) PropertiesService.getDocumentProperties().setProperty(RESELLER_SHEETS_KEY, JSON.stringify(records));
  return report;
}

/**
 * View-only for the row's addresses; addresses removed from the row lose access. Shared through
 * the spreadsheet itself (Spreadsheet.addViewer), which the spreadsheets scope covers: DriveApp
 * would need the full Drive scope, more than an add-on that only touches its own files should ask.
 */
function share(book: GoogleAppsScript.Spreadsheet.Spreadsheet, record: SheetRecord, partner: Partner, messages: Msg[]): void {
  const wanted = partner.statementEmails.map((e) => e.toLowerCase());
  const add = wanted.filter((e) => !record.viewers.includes(e));
  const drop = record.viewers.filter((e) => !wanted.includes(e));
  if (add.length === 0 && drop.length === 0) return;
  for (const e of add) book.addViewer(e);
  for (const e of drop) book.removeViewer(e);
  record.viewers = wanted;
  messages.push({ level: 'info', message: `${partner.partnerId}: 정산 시트 보기 권한 ${add.length ? `추가 ${add.join(', ')}` : ''}${drop.length ? ` 해제 ${drop.join(', ')}` : ''}` });
}

/** Each tab rewritten whole: values, number formats, a frozen header, the chart. */
function writeTabs(book: GoogleAppsScript.Spreadsheet.Spreadsheet, tabs: readonly ResellerTab[]): void {
  const sheets = book.getSheets();
  const byName = new Map(sheets.map((s) => [s.getName(), s]));
  tabs.forEach((tab, i) => {
    let sheet = byName.get(tab.name) ?? null;
    if (!sheet) {
      // A new spreadsheet's blank first tab becomes the first of ours.
      const blank = i === 0 && sheets.length === 1 && sheets[0]!.getLastRow() === 0 ? sheets[0]! : null;
      sheet = blank ? blank.setName(tab.name) : book.insertSheet(tab.name, i);
    }
    const fresh = !byName.has(tab.name);
    sheet.clearContents();
    const width = Math.max(...tab.rows.map((r) => r.length));
    const rows = tab.rows.map((r) => [...r, ...new Array<unknown>(width - r.length).fill('')]);
    if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    if (sheet.getMaxRows() < rows.length + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 1 - sheet.getMaxRows());
    const range = sheet.getRange(1, 1, rows.length, width);
    const formats = rows.map((r, ri) => r.map((v, ci) => (ri === 0 ? '@' : (tab.formats?.[ci] ?? defaultFormat(v)))));
    range.setNumberFormats(formats);
    range.setValues(rows);
    if (fresh) sheet.setFrozenRows(1);
    if (tab.chart) drawChart(sheet, tab, rows.length);
  });
}

function defaultFormat(v: unknown): string {
  if (typeof v === 'number') return '#,##0';
  if (v instanceof Date) return 'yyyy-mm-dd hh:mm';
  return '@';
}

/** The reseller's weeks: wholesale value as columns, units as a line on the right axis. */
function drawChart(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: ResellerTab, rows: number): void {
  const c = tab.chart!;
  const existing = sheet.getCharts();
  if (rows < 2) {
    for (const chart of existing) sheet.removeChart(chart);
    return;
  }
  const col = (i: number) => sheet.getRange(1, i + 1, rows, 1);
  const builder = (existing[0] ? existing[0].modify().clearRanges() : sheet.newChart())
    .setChartType(Charts.ChartType.COMBO)
    .addRange(col(c.category))
    .addRange(col(c.bars))
    .addRange(col(c.line))
    .setNumHeaders(1)
    .setOption('title', c.title)
    .setOption('seriesType', 'bars')
    .setOption('series', { 1: { type: 'line', targetAxisIndex: 1 } })
    .setOption('vAxes', { 0: { title: '도매금액(원)' }, 1: { title: '출고수량(개)' } })
    .setPosition(rows + 2, 1, 0, 0);
  if (existing[0]) sheet.updateChart(builder.build());
  else sheet.insertChart(builder.build());
}
