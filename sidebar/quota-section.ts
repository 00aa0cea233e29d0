import { byId, el } from './dom';
import { countText } from './format';
import type { SidebarState } from './state';

/** Today's URL fetches and trigger minutes against the account's daily limits. */
export function renderQuotas(s: SidebarState): void {
  const q = s.quotas;
  const account = q.account === 'consumer' ? '개인 계정 한도 기준' : 'Google Workspace 한도 기준';
  byId('quotas').replaceChildren(
    meter('URL 호출', q.fetches.used, q.fetches.limit, (n) => `${countText(n)}회`),
    meter('트리거 실행 시간', q.triggerMinutes.used, q.triggerMinutes.limit, (n) => `${n.toLocaleString('ko-KR', { maximumFractionDigits: 1 })}분`),
    el('p', `${account} · ${q.day} (서울) · 동기화가 센 값입니다`, 'muted'),
  );
}

function meter(label: string, used: number, limit: number, unit: (n: number) => string): HTMLElement {
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  const box = el('div', undefined, share >= 0.8 ? 'meter high' : 'meter');
  box.append(el('div', `${label}: ${unit(used)} / ${unit(limit)} (${Math.round(share * 100)}%)`));
  const bar = el('div', undefined, 'bar');
  const fill = el('div');
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  bar.append(fill);
  box.append(bar);
  return box;
}
