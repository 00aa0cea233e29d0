import { button, byId, el, externalLink } from './dom';
import { countText, durationText, nextText, timeText } from './format';
import type { JobView, PartnerView, SidebarState } from './state';

/**
 * One card per partner: connection (connect / reconnect through Cafe24's consent page), token
 * expiry, and per job the last success, lag, next run, queue and last error with what to do.
 */
export interface PartnerActions {
  connect(partnerId: string, trigger: HTMLButtonElement): void;
  /** A marketplace: save the keys typed in its card and test them. */
  saveKeys(partnerId: string, values: Record<string, string>, trigger: HTMLButtonElement): void;
}

/**
 * Keys typed and not yet saved, by partner: the panel is drawn again every minute, and what a
 * person is typing must survive it. Only in this page's memory; forgotten once saved.
 */
const typing = new Map<string, Record<string, string>>();

/** What the marketplace answered the last "save and test", by partner (the card is drawn again after it). */
const keyAnswers = new Map<string, { text: string; ok: boolean }>();

export function keysAnswered(partnerId: string, text: string, ok: boolean): void {
  keyAnswers.set(partnerId, { text, ok });
  if (ok) typing.delete(partnerId);
}

/** Authorize links handed out and not yet used: kept across re-renders until the mall is connected. */
const links = new Map<string, string>();

export function rememberLink(partnerId: string, url: string): void {
  links.set(partnerId, url);
}

/** What a card says while its connection is awaited (kept across re-renders). */
const pending = new Map<string, string>();

export function markPending(partnerId: string, text: string | null): void {
  if (text === null) pending.delete(partnerId);
  else pending.set(partnerId, text);
}

export function renderPartners(s: SidebarState, actions: PartnerActions): void {
  const box = byId('partners');
  const details = byId<HTMLDetailsElement>('connections-details');
  const needs = s.partners.filter((p) => p.connection === 'notConnected' || p.connection === 'reconnect' || p.connection === 'invalid');
  const failing = s.partners.filter((p) => p.jobs.some((j) => j.error && !j.error.cleared));
  const connected = s.partners.filter((p) => p.connection === 'connected').length;
  byId('connections-summary').textContent =
    s.partners.length === 0 ? '' : needs.length + failing.length > 0 ? `확인 필요 ${needs.length + failing.length}` : `${connected}개 연결됨`;
  byId('connections-summary').className = needs.length + failing.length > 0 ? 'summary-note attention' : 'summary-note';
  // Folded by default; opened by itself (once) when a mall needs the person: to connect, or an error.
  if (needs.length + failing.length > 0 && details.dataset.autoOpened !== '1') {
    details.open = true;
    details.dataset.autoOpened = '1';
  }
  if (s.partners.length === 0) {
    box.replaceChildren(el('p', '파트너 탭에 파트너를 입력하면 여기에 나타납니다.', 'muted'));
    return;
  }
  box.replaceChildren(...s.partners.map((p) => card(p, s.now, actions)));
}

function card(p: PartnerView, now: number, actions: PartnerActions): HTMLElement {
  if (p.connection === 'connected') links.delete(p.partnerId);
  const c = el('div', undefined, 'partner');
  c.dataset.partner = p.partnerId;
  const head = el('div', undefined, 'partner-head');
  head.append(el('span', `${p.partnerId} ${p.name}`, 'partner-name'), el('span', p.connectionText, `badge ${p.connection}`));
  c.append(head);
  const facts = [p.mallId];
  if (p.tokenExpiresAt !== null) facts.push(p.tokenExpiresAt > now ? `토큰 만료까지 ${durationText(p.tokenExpiresAt - now)}` : '토큰 만료됨');
  c.append(el('p', facts.filter(Boolean).join(' · '), 'muted'));
  if (p.problem) c.append(el('p', p.problem, 'problem'), el('p', '할 일: 파트너 탭의 이 행을 고치세요', 'advice'));
  if (p.notice) c.append(el('p', `ℹ ${p.notice}`, 'notice'));

  if (p.connect?.kind === 'apiKeys' && (p.connection === 'notConnected' || p.connection === 'reconnect' || p.connection === 'connected')) {
    c.append(keysForm(p, p.connect.fields, actions));
    const answer = keyAnswers.get(p.partnerId);
    if (answer) c.append(el('div', answer.text, `feedback ${answer.ok ? 'ok' : 'error'}`));
  } else if (p.connection === 'notConnected' || p.connection === 'reconnect' || p.connection === 'connected') {
    const label = p.connection === 'notConnected' ? `${p.connect?.channelLabel ?? '채널'} 연결` : '다시 연결';
    const b = button(label, p.connection === 'connected' ? 'secondary small' : 'small');
    b.addEventListener('click', () => actions.connect(p.partnerId, b));
    const row = el('div', undefined, 'row');
    row.append(b);
    const url = links.get(p.partnerId);
    const a = url ? externalLink('카페24에서 승인하기 ↗', url) : null;
    if (a) row.append(a);
    c.append(row);
    const waiting = pending.get(p.partnerId);
    if (waiting) c.append(el('div', waiting, 'feedback busy'));
  }
  if (p.jobs.length > 0) c.append(jobsTable(p.jobs, now), ...p.jobs.flatMap((j) => errorOf(j, now)));
  return c;
}

/**
 * The keys of a marketplace account, typed here (never in a cell): folded once connected, open
 * while not. Secret fields are password inputs and are never filled from the server.
 */
function keysForm(p: PartnerView, fields: ReadonlyArray<{ name: string; label: string; secret: boolean }>, actions: PartnerActions): HTMLElement {
  const box = el('details', undefined, 'keys');
  box.open = p.connection !== 'connected' || typing.has(p.partnerId);
  box.append(el('summary', p.connection === 'connected' ? 'API 키 바꾸기' : `${p.connect?.channelLabel ?? ''} API 키 입력`));
  const typed = typing.get(p.partnerId) ?? {};
  const inputs = fields.map((f) => {
    const label = el('label', undefined, 'field');
    const input = el('input');
    input.type = f.secret ? 'password' : 'text';
    input.name = f.name;
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.value = typed[f.name] ?? '';
    input.addEventListener('input', () => typing.set(p.partnerId, { ...(typing.get(p.partnerId) ?? {}), [f.name]: input.value }));
    label.append(el('span', f.label), input);
    box.append(label);
    return input;
  });
  const b = button('저장하고 연결 확인', 'small');
  b.addEventListener('click', () => actions.saveKeys(p.partnerId, Object.fromEntries(inputs.map((i) => [i.name, i.value])), b));
  const row = el('div', undefined, 'row');
  row.append(b);
  box.append(row);
  return box;
}

function jobsTable(jobs: readonly JobView[], now: number): HTMLTableElement {
  const t = el('table', undefined, 'jobs');
  const head = el('tr');
  for (const h of ['작업', '마지막 성공', '다음', '대기']) head.append(el('th', h));
  t.append(head);
  for (const j of jobs) {
    const tr = el('tr');
    tr.dataset.job = j.job;
    const last = j.lastOkAt === null ? '기록 없음' : `${timeText(j.lastOkAt, now)} (${durationText(j.lagMs)} 전)`;
    tr.append(el('td', j.label), el('td', last), el('td', nextText(j.nextRunAt, now)), el('td', j.waiting === null ? '–' : `${countText(j.waiting)}건`));
    t.append(tr);
  }
  return t;
}

function errorOf(j: JobView, now: number): HTMLElement[] {
  if (!j.error) return [];
  if (j.error.cleared) return [el('p', `지난 오류 (${timeText(j.error.at, now)}, 해결됨) ${j.label}: ${j.error.text}`, 'cleared')];
  return [el('p', `⚠ ${j.label} 오류 (${timeText(j.error.at, now)}): ${j.error.text}`, 'problem'), el('p', `할 일: ${j.error.advice}`, 'advice')];
}
