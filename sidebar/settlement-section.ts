import { call } from './bridge';
import { byId, el, externalLink } from './dom';
import { errorText, runFor, show } from './status';
import type { SidebarState } from './state';

/**
 * Settlement: run it for a chosen past period (the automatic runs cover the usual ones), refresh
 * the resellers' own sheets, and whether resellers are mailed when a statement is ready.
 */
export function renderSettlement(s: SidebarState['settlement']): void {
  const input = byId<HTMLInputElement>('settle-period');
  if (input.value === '') input.value = s.lastWeek.label;
  byId('settle-week').textContent = `지난주 (${s.lastWeek.range})`;
  byId('settle-week').dataset.period = s.lastWeek.label;
  byId('settle-month').textContent = `지난달 (${s.lastMonth})`;
  byId('settle-month').dataset.period = s.lastMonth;
  byId<HTMLInputElement>('statement-mail').checked = s.statementMail;
  byId('reseller-count').textContent = s.resellerSheets > 0 ? `거래처 정산시트 ${s.resellerSheets}개` : '거래처 정산시트는 첫 정산 때 만들어집니다';
}

type Report = Awaited<ReturnType<typeof call<'runSettlement'>>>;

/** A figure the period does not have says which period has it, instead of a blank cell. */
function cellOf(v: number | string, notHere: string): string {
  if (typeof v === 'number') return v.toLocaleString('ko-KR');
  return v === '' ? notHere : String(v);
}

function table(r: Report): HTMLTableElement {
  const t = el('table');
  const head = el('tr');
  for (const h of ['파트너', '수량', '정산금액', '장려금', '배송비']) head.append(el('th', h));
  t.append(head);
  const week = r.kind === 'week';
  for (const row of r.rows) {
    const tr = el('tr');
    tr.dataset.partner = row.partnerId;
    const who = el('td');
    who.append(el('span', row.partnerName || row.partnerId, 'partner-name'), el('span', row.partnerName ? ` ${row.partnerId}` : '', 'muted'));
    tr.append(
      who,
      el('td', cellOf(row.units, '–')),
      el('td', cellOf(row.amountDue, week ? '–' : '주간 정산'), week ? '' : 'na'),
      el('td', cellOf(row.incentive, week ? '–' : '주간 정산'), week ? '' : 'na'),
      el('td', cellOf(row.shippingFee, week ? '월간 정산' : '–'), week ? 'na' : ''),
    );
    t.append(tr);
  }
  return t;
}

export function wireSettlement(refresh: () => Promise<void>): void {
  const input = byId<HTMLInputElement>('settle-period');
  for (const id of ['settle-week', 'settle-month']) {
    byId(id).addEventListener('click', (e) => {
      input.value = (e.currentTarget as HTMLElement).dataset.period ?? '';
    });
  }
  const result = byId('settle-result');
  const run = byId<HTMLButtonElement>('settle-run');
  run.addEventListener('click', () => {
    const period = input.value.trim();
    if (!/^\d{4}-(W\d{2}|\d{2})$/.test(period)) {
      show(run, '기간은 2026-W47(주) 또는 2026-11(월)처럼 입력하세요', 'error');
      return;
    }
    void runFor(run, `${period} 정산 중`, () => call('runSettlement', period), (r) => {
      show(run, r.message, 'ok');
      const parts: HTMLElement[] = [table(r)];
      if (r.kind === 'week') parts.push(el('p', '배송비는 월 1회(매월 1일) 정산합니다.', 'muted'));
      else parts.push(el('p', '정산금액과 장려금은 주 1회(월요일) 정산합니다.', 'muted'));
      if (r.held.length > 0) parts.push(el('p', `출고 보류: ${r.held.join(', ')}`, 'error-text'));
      result.replaceChildren(...parts);
      return refresh();
    });
  });

  const sheets = byId<HTMLButtonElement>('reseller-refresh');
  sheets.addEventListener('click', () => {
    void runFor(sheets, '거래처 정산시트 새로고침 중', () => call('refreshResellerSheets'), (r) => {
      // Not the sheets' owner: the message says whose they are.
      show(sheets, r.message, r.ok ? 'ok' : 'error');
      const list = el('ul');
      for (const s of r.sheets) {
        const li = el('li');
        li.append(externalLink(s.partnerId, s.url) ?? el('span', s.partnerId));
        list.append(li);
      }
      result.replaceChildren(list);
      return refresh();
    });
  });

  const mail = byId<HTMLInputElement>('statement-mail');
  mail.addEventListener('change', () => {
    const on = mail.checked;
    call('setStatementMail', on)
      .then((r) => show(mail, r.message, 'ok'))
      .catch((e: unknown) => {
        mail.checked = !on;
        show(mail, errorText(e), 'error');
      });
  });
}
