import { call } from './bridge';
import { button, byId, el } from './dom';
import { countText, durationText, nextText, timeText } from './format';
import { runFor, show } from './status';
import type { SidebarState } from './state';

/**
 * 오늘 할 일, first in the panel: one line per thing staff act on today, its count, and why or
 * what (red when late or blocking). A click opens the tab showing only those rows; what it did is
 * said beside the line.
 */
export function renderToday(s: SidebarState): void {
  const list = byId('today');
  // What a click said stays beside its line when the list is drawn again (a refresh on focus).
  const said = new Map<string, Element>();
  for (const f of Array.from(list.querySelectorAll('li[data-kind] > .feedback'))) said.set((f.parentElement as HTMLElement).dataset.kind ?? '', f);
  list.replaceChildren(
    ...s.today.map((item) => {
      const li = el('li', undefined, item.urgent ? 'urgent' : item.count === 0 ? 'none' : '');
      li.dataset.kind = item.kind;
      const b = button('', 'today-item');
      b.append(el('span', item.label, 'label'), el('span', `${countText(item.count)}${item.unit}`, 'count'));
      b.disabled = item.count === 0;
      b.title = item.count === 0 ? '없음' : '눌러서 해당 행만 보기';
      b.addEventListener('click', () => {
        void runFor(b, `${item.label} 여는 중`, () => call('openTodayRows', item.kind), (r) => show(b, r.message, r.ok ? 'ok' : 'error'));
      });
      li.append(b);
      const kept = said.get(item.kind);
      if (kept) li.append(kept);
      if (item.detail) li.append(el('p', item.detail, 'detail'));
      return li;
    }),
  );
  const last = s.sync.lastRunAt === null ? '동기화 기록 없음' : `마지막 동기화 ${timeText(s.sync.lastRunAt, s.now)} (${durationText(s.now - s.sync.lastRunAt)} 전)`;
  byId('sync-line').textContent = s.sync.installed ? `${last} · 다음 ${nextText(s.sync.nextRunAt, s.now)}` : `${last} · 자동 동기화 꺼짐`;
  // Quiet accounts read less often than every 2 minutes, for the quota: said under the sync's line.
  const notice = byId('sync-notice');
  notice.textContent = s.sync.notice ? `ℹ ${s.sync.notice}` : '';
  notice.hidden = !s.sync.notice;
}
