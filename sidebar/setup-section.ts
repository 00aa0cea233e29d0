import { byId, el } from './dom';
import { durationText, nextText, timeText } from './format';
import type { SidebarState } from './state';

/** Tabs present or missing, the trigger and its cadence (bound script: every minute; add-on: hourly). */
export function renderSetup(s: SidebarState): void {
  byId('tabs').replaceChildren(...s.tabs.map((t) => el('li', `${t.present ? '✔' : '✖'} ${t.title}`, t.present ? 'present' : 'missing')));
  byId('sync').textContent = s.sync.installed ? `자동 동기화: 켜짐 (${s.sync.cadenceText})` : '자동 동기화: 꺼짐';
  byId('cadence').textContent = s.sync.deploymentText;
  const last = s.sync.lastRunAt === null ? '실행 기록 없음' : `마지막 실행 ${timeText(s.sync.lastRunAt, s.now)} (${durationText(s.now - s.sync.lastRunAt)} 전)`;
  byId('runs').textContent = s.sync.installed ? `${last} · 다음 실행 ${nextText(s.sync.nextRunAt, s.now)}` : last;
  byId<HTMLButtonElement>('install').textContent = s.sync.installed ? '자동 동기화 다시 설치' : '자동 동기화 켜기';
  byId<HTMLButtonElement>('remove').disabled = !s.sync.installed;
  byId('app-section').hidden = s.appSaved;
  byId('owner').textContent = s.connection.text;
  // Folded unless something is missing: the setup is done once, the work every day.
  const missing = s.tabs.filter((t) => !t.present).length;
  const todo = [missing > 0 ? `탭 ${missing}개 없음` : '', s.sync.installed ? '' : '자동 동기화 꺼짐', s.appSaved ? '' : '앱 정보 필요'].filter(Boolean);
  byId('setup-summary').textContent = todo.join(' · ');
  byId('setup-summary').className = todo.length > 0 ? 'summary-note attention' : 'summary-note';
  const details = byId<HTMLDetailsElement>('setup-details');
  if (todo.length > 0 && details.dataset.autoOpened !== '1') {
    details.open = true;
    details.dataset.autoOpened = '1';
  }
}
