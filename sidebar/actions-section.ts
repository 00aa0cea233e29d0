import { call } from './bridge';
import { byId, el } from './dom';
import { countText } from './format';
import { runFor, show } from './status';
import type { NextRun, SidebarState } from './state';

/** "Sync now" (under 오늘 할 일) and the dry run of what the next run would send (diagnostics). */
export function wireActions(refresh: () => Promise<void>): void {
  const syncButton = byId<HTMLButtonElement>('sync-now');
  syncButton.addEventListener('click', () => {
    void runFor(syncButton, '동기화 중', () => call('syncNow'), (r) => {
      // What the dry run listed has now been sent (or tried): it no longer says what comes next.
      byId('preview-result').replaceChildren();
      if (!r.ran) show(syncButton, r.message, 'error');
      else if (r.errors.length > 0) show(syncButton, `${r.message} · 오류 ${r.errors.length}건: 몰 연결 · 동기화 상태를 보세요`, 'error');
      else show(syncButton, r.message, 'ok');
      return refresh();
    });
  });

  const previewButton = byId<HTMLButtonElement>('preview');
  previewButton.addEventListener('click', () => {
    void runFor(previewButton, '보낼 내용 계산 중', () => call('previewNextRun'), (p) => {
      renderPreview(p);
      show(previewButton, '미리보기만 했습니다: 아무것도 보내지 않았습니다', 'ok');
    });
  });
}

/** The dry run's one-line summary, kept fresh with each state read (the same counts as the cards). */
export function renderNextRun(s: SidebarState): void {
  byId('next-run').textContent = `다음 실행: ${s.nextRun.summary}`;
}

function renderPreview(p: NextRun): void {
  const box = byId('preview-result');
  const total = p.counts.stock + p.counts.products + p.counts.productsWaiting + p.counts.tracking;
  const list = el('ul');
  for (const line of p.lines) list.append(el('li', line.text));
  const parts: HTMLElement[] = [el('p', `다음 실행에서 보낼 것: ${p.summary}`, 'summary')];
  if (total === 0) parts.push(el('p', '보낼 것이 없습니다.', 'muted'));
  if (p.lines.length > 0) parts.push(list);
  if (p.omitted > 0) parts.push(el('p', `그 밖의 ${countText(p.omitted)}건`, 'muted'));
  box.replaceChildren(...parts);
}
