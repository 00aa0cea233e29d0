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
import { voucherNumbers } from '../sheet/ledger-voucher';
import { postedVault } from './ledger-guard';
import type { Partner } from '../core/partner';
import { resellerView, statementMail, type ResellerTab } from '../jobs/reseller-view';
import { RESELLER_SHEETS_KEY, STATEMENT_MAIL_KEY } from '../jobs/kept';
import type { Msg, RefreshInput, RefreshReport } from '../jobs/settlement';

const MAILED_KEPT = 60;

interface SheetRecord {
  id: string;
  /** Who made the sheet and alone may rewrite it (others cannot open it). Absent in old records. */
  owner?: string;
  /** Addresses the add-on shared the sheet with. */
  viewers: string[];
  /** Statement periods already mailed. */
  mailed: string[];
  /** Periods whose mail was being sent when the record was last saved (a run stopped mid-mail). */
  mailing?: string[];
}


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

/** Saved after every create, share and mail: a run stopped at any point repeats none of them. */
function saveRecords(records: Record<string, SheetRecord>): void {
  PropertiesService.getDocumentProperties().setProperty(RESELLER_SHEETS_KEY, JSON.stringify(records));
}

/** The sheet id of each reseller, for the sidebar and tests. */
export function resellerSheetIds(): Record<string, string> {
  return Object.fromEntries(Object.entries(readRecords()).map(([id, r]) => [id, r.id]));
}

/**
 * Why openById failed, by Apps Script's texts (observed, not documented: see local/runtime's
 * spreadsheet messages): only a file that is gone is made again; no access, or anything else
 * (a timeout), leaves the record alone.
 */
export function openFailure(message: string): 'notFound' | 'noAccess' | 'other' {
  if (/do not have (permission to access|access to) the requested document/i.test(message)) return 'noAccess';
  if (/Unexpected error while getting the method or property openById|Requested entity was not found|is missing \(perhaps it was deleted\?\)/i.test(message)) return 'notFound';
  return 'other';
}

/**
 * Rewrites every reseller's sheet (creating and sharing it the first time), then mails new
 * statements. Only the sheet's owner may: anyone else cannot open it, and a sheet is never made
 * again because someone could not open it; only one that is gone (deleted, or trashed where
 * openById then fails) is made again, and the log says so.
 */
export function refreshResellers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, partners: readonly Partner[], input: RefreshInput, now: number): RefreshReport {
  const report: RefreshReport = { messages: [], sheets: [], notOwner: [], deferred: false };
  const resellers = partners.filter((p) => p.role === 'reseller');
  if (resellers.length === 0) return report;
  const records = readRecords();
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  const mailOn = readStatementMail();
  let quota: number | null = null;
  const vouchers = voucherNumbers(postedVault().load() ?? []);
  for (const partner of resellers) {
    const pid = partner.partnerId;
    let record = records[pid];
    if (record?.owner && me && record.owner !== me) {
      report.notOwner.push({ partnerId: pid, owner: record.owner });
      continue;
    }
    if (input.until !== undefined && Date.now() > input.until) {
      report.messages.push({ level: 'info', message: `${pid}: 실행 시간이 부족해 정산 시트는 다음 실행 때 씁니다` });
      report.deferred = true;
      continue;
    }
    try {
      if (record?.mailing) {
        // The last run stopped while this mail was going out: it may have reached the reseller.
        report.messages.push({ level: 'warn', message: `${pid}: 지난 실행이 정산서 안내 메일(${record.mailing.join(', ')}) 발송 중 중단되었습니다. 이미 발송되었을 수 있어 다시 보내지 않습니다` });
        record.mailed = [...record.mailed, ...record.mailing].slice(-MAILED_KEPT);
        delete record.mailing;
        saveRecords(records);
      }
      const view = resellerView(partner, {
        statements: input.statements,
        ledger: input.ledger,
        hold: input.holds.find((h) => h.partnerId === pid) ?? null,
        shipped: input.facts.shipped,
        details: input.facts.details,
        vouchers,
        now,
      });
      let book: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
      let gone = false;
      if (record) {
        try {
          book = SpreadsheetApp.openById(record.id);
        } catch (e) {
          const text = (e as Error).message;
          const why = openFailure(text);
          if (why === 'noAccess') {
            report.messages.push({ level: 'warn', message: `${pid}: 정산 시트를 열 권한이 없습니다 (지금 계정 ${me || '알 수 없음'}, 소유자 ${record.owner ?? '알 수 없음'}). 소유자 계정으로 갱신하세요` });
            continue;
          }
          if (why === 'other') throw e;
          gone = true;
        }
        if (book && !record.owner) {
          // A record from before owners were kept: learn it, and leave the sheet to its owner.
          record.owner = (book.getOwner()?.getEmail() ?? me).toLowerCase();
          saveRecords(records);
          if (me && record.owner !== me) {
            report.notOwner.push({ partnerId: pid, owner: record.owner });
            continue;
          }
        }
      }
      if (!book) {
        book = SpreadsheetApp.create(view.title);
        // What was mailed stays mailed: the reseller hears of the new sheet through its sharing.
        record = { id: book.getId(), owner: me, viewers: [], mailed: record?.mailed ?? [] };
        records[pid] = record;
        saveRecords(records);
        report.messages.push(
          gone
            ? { level: 'warn', message: `${pid}: 정산 시트가 삭제되었거나 휴지통에 있어 다시 만들었습니다 (${book.getUrl()})` }
            : { level: 'info', message: `${pid}: 정산 시트를 만들었습니다 (${book.getUrl()})` },
        );
      }
      const rec = record!;
      writeTabs(book, view.tabs);
      if (share(book, rec, partner, report.messages)) saveRecords(records);
      report.sheets.push({ partnerId: pid, url: book.getUrl() });
      // Mail: statements now in the sheet that were not mailed yet.
      const fresh = view.periods.filter((p) => !rec.mailed.includes(p));
      if (fresh.length > 0 && partner.statementEmails.length > 0 && mailOn) {
        quota ??= MailApp.getRemainingDailyQuota();
        const recipients = partner.statementEmails.length;
        if (quota < recipients) {
          report.messages.push({ level: 'warn', message: `${pid}: 오늘 메일 발송 한도가 부족해 정산서 안내(${fresh.join(', ')})를 다음 갱신 때 보냅니다 (남은 한도 ${quota}명)` });
        } else {
          const mail = statementMail(
            partner,
            input.statements.filter((s) => s.partnerId === pid && fresh.includes(s.period)),
            book.getUrl(),
          );
          // Kept before sending: a run stopped during the send does not send it again.
          rec.mailing = fresh;
          saveRecords(records);
          try {
            MailApp.sendEmail({ to: partner.statementEmails.join(','), subject: mail.subject, body: mail.body, name: '정산 안내' });
          } catch (e) {
            delete rec.mailing;
            saveRecords(records);
            throw e;
          }
          quota -= recipients;
          rec.mailed = [...rec.mailed, ...fresh].slice(-MAILED_KEPT);
          delete rec.mailing;
          saveRecords(records);
          report.messages.push({ level: 'info', message: `${pid}: 정산서 안내 메일 발송 (${fresh.join(', ')} → ${partner.statementEmails.join(', ')})` });
        }
      } else if (fresh.length > 0 && !mailOn) {
        rec.mailed = [...rec.mailed, ...fresh].slice(-MAILED_KEPT);
        saveRecords(records);
      }
    } catch (e) {
      report.messages.push({ level: 'error', message: `${pid}: 정산 시트 갱신 실패 — ${(e as Error).message}` });
    }
  }
  if (report.notOwner.length > 0) report.messages.push({ level: 'warn', message: notOwnerText(report.notOwner, me) });
  return report;
}

/** What a user who does not own the reseller sheets is told (sidebar and log). */
export function notOwnerText(notOwner: RefreshReport['notOwner'], me: string): string {
  const owners = [...new Set(notOwner.map((n) => n.owner))];
  return `거래처 정산 시트(${notOwner.map((n) => n.partnerId).join(', ')})는 소유자 ${owners.join(', ')}만 갱신할 수 있습니다 (지금 계정 ${me || '알 수 없음'}). 소유자 계정으로 새로고침하거나, 소유자의 자동 동기화(매일 06:00, 정산 후)를 기다리세요`;
}

/**
 * View-only for the row's addresses; addresses removed from the row lose access. Shared through
 * the spreadsheet itself (Spreadsheet.addViewer), which the spreadsheets scope covers: DriveApp
 * would need the full Drive scope, more than an add-on that only touches its own files should ask.
 */
function share(book: GoogleAppsScript.Spreadsheet.Spreadsheet, record: SheetRecord, partner: Partner, messages: Msg[]): boolean {
  const wanted = partner.statementEmails.map((e) => e.toLowerCase());
  const add = wanted.filter((e) => !record.viewers.includes(e));
  const drop = record.viewers.filter((e) => !wanted.includes(e));
  if (add.length === 0 && drop.length === 0) return false;
  for (const e of add) book.addViewer(e);
  for (const e of drop) book.removeViewer(e);
  record.viewers = wanted;
  messages.push({ level: 'info', message: `${partner.partnerId}: 정산 시트 보기 권한 ${add.length ? `추가 ${add.join(', ')}` : ''}${drop.length ? ` 해제 ${drop.join(', ')}` : ''}` });
  return true;
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
    const formats = rows.map((r, ri) => r.map((v, ci) => (ri === 0 ? '@' : (tab.formats?.[ci] ?? defaultFormat(v)))));
    // A sheet holds a new sheet's grid at least (we never shrink one): most tabs fit without
    // asking its size. One that does not, or one someone cut down, is grown, then written.
    const fits = rows.length + 1 <= NEW_SHEET_ROWS && width <= NEW_SHEET_COLUMNS;
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      if (!fits) growTo(sheet, rows.length + 1, width);
      range = sheet.getRange(1, 1, rows.length, width);
      range.setNumberFormats(formats);
    } catch (e) {
      if (fits === false || !/outside the dimensions/i.test((e as Error).message)) throw e;
      growTo(sheet, rows.length + 1, width);
      range = sheet.getRange(1, 1, rows.length, width);
      range.setNumberFormats(formats);
    }
    range.setValues(rows);
    if (fresh) sheet.setFrozenRows(1);
    if (tab.chart) drawChart(sheet, tab, rows.length);
  });
}

/** The grid of a new sheet (Sheets makes 1,000 rows by 26 columns). */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;

function growTo(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number): void {
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
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
