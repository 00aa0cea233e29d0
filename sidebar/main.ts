import { renderQuotas } from './quota-section';
import { call } from './bridge';
import { byId } from './dom';
import { rememberLink, renderPartners } from './partners-section';
import { renderSetup } from './setup-section';
import { wireScan } from './scan-section';
import { wireActions } from './actions-section';
import { renderSettlement, wireSettlement } from './settlement-section';
import { errorText, runFor, show } from './status';

/** The sidebar: reads the state once on open, again after each action and every minute (each read is an execution: not more often). */
const REFRESH_MS = 60_000;
let refreshing: Promise<void> | null = null;

function refresh(): Promise<void> {
  refreshing ??= call('getSidebarState')
    .then((state) => {
      renderSetup(state);
      renderPartners(state, { connect });
      renderQuotas(state);
      renderSettlement(state.settlement);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Connecting a mall: the server answers Cafe24's consent link; the person opens it in a new tab. */
function connect(partnerId: string, trigger: HTMLButtonElement): void {
  void runFor(trigger, `${partnerId} 연결 링크 만드는 중`, () => call('connectPartner', partnerId), (r) => {
    rememberLink(partnerId, r.authorizeUrl);
    show(`${r.message}. 승인 후 이 패널로 돌아오면 상태가 바뀝니다`, 'ok');
    return refresh();
  });
}

/** A button that runs a server action with progress, shows its message, then reads the state again. */
function action(id: string, label: string, run: () => Promise<{ message: string }>): void {
  const b = byId<HTMLButtonElement>(id);
  b.addEventListener('click', () => {
    void runFor(b, label, run, (r) => {
      show(r.message, 'ok');
      return refresh();
    });
  });
}

action('setup', '시트 설정 중', () => call('setupWorkbook'));
action('install', '자동 동기화 설치 중', () => call('installSync'));
action('remove', '자동 동기화 끄는 중', () => call('removeSync'));
action('save-app', '앱 정보 저장 중', () => call('saveCafe24App', byId<HTMLInputElement>('client-id').value, byId<HTMLInputElement>('client-secret').value));
wireActions(refresh);
wireScan(refresh);
wireSettlement(refresh);

const failed = (e: unknown) => show(errorText(e), 'error');
byId('refresh').addEventListener('click', () => refresh().then(() => show('새로 읽었습니다', 'ok'), failed));
// Back from Cafe24's consent tab, or after a while: what the sync did since.
window.addEventListener('focus', () => void refresh().catch(failed));
window.setInterval(() => {
  if (document.visibilityState === 'visible') refresh().catch(failed);
}, REFRESH_MS);
refresh().catch(failed);
