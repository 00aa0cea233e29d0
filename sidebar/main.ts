import { renderQuotas } from './quota-section';
import { call } from './bridge';
import { byId } from './dom';
import { keysAnswered, markPending, rememberLink, renderPartners } from './partners-section';
import { renderSetup } from './setup-section';
import { wireScan } from './scan-section';
import { renderNextRun, wireActions } from './actions-section';
import { renderSettlement, wireSettlement } from './settlement-section';
import { renderToday } from './today-section';
import { errorText, runFor, show } from './status';

/** The sidebar: reads the state once on open, again after each action and every minute (each read is an execution: not more often). */
const REFRESH_MS = 60_000;
/** While a mall's consent is awaited: a cheap check (one properties read) this often, for this long. */
const CONNECT_POLL_MS = 3_000;
const CONNECT_WAIT_MS = 10 * 60_000;
let refreshing: Promise<void> | null = null;

function refresh(): Promise<void> {
  refreshing ??= call('getSidebarState')
    .then((state) => {
      lastRead = Date.now();
      renderToday(state);
      renderSetup(state);
      renderPartners(state, { connect, saveKeys });
      renderQuotas(state);
      renderSettlement(state.settlement);
      renderNextRun(state);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

const polls = new Map<string, number>();

/**
 * Connecting a mall: the server answers Cafe24's consent link; the person opens it in a new tab
 * and consents there. Meanwhile the panel asks every few seconds whether the mall's token has
 * changed, and reads its state again once it has: no need to come back and press anything.
 */
function connect(partnerId: string, trigger: HTMLButtonElement): void {
  void runFor(trigger, `${partnerId} 연결 링크 만드는 중`, () => Promise.all([call('connectPartner', partnerId), call('connectionMark', partnerId)]), ([r, before]) => {
    rememberLink(partnerId, r.authorizeUrl);
    markPending(partnerId, `${r.message}. 승인하면 이 패널이 저절로 바뀝니다`);
    watchConnection(partnerId, before.mark);
    return refresh();
  });
}

/** A marketplace's keys: saved on the server and tried there at once; the answer shows under the button. */
function saveKeys(partnerId: string, values: Record<string, string>, trigger: HTMLButtonElement): void {
  void runFor(trigger, `${partnerId} 키 저장하고 연결 확인 중`, () => call('saveChannelKeys', partnerId, values), (r) => {
    keysAnswered(partnerId, r.message, r.ok);
    return refresh();
  });
}

function watchConnection(partnerId: string, before: string | null): void {
  window.clearInterval(polls.get(partnerId));
  const started = Date.now();
  let asking = false;
  const stop = () => {
    window.clearInterval(polls.get(partnerId));
    polls.delete(partnerId);
    markPending(partnerId, null);
  };
  polls.set(
    partnerId,
    window.setInterval(() => {
      if (asking) return;
      if (Date.now() - started > CONNECT_WAIT_MS) {
        stop();
        void refresh().catch(failed);
        return;
      }
      asking = true;
      call('connectionMark', partnerId)
        .then((now) => {
          if (now.mark === before) return;
          stop();
          return refresh().then(() => {
            const card = document.querySelector<HTMLElement>(`#partners [data-partner="${partnerId}"] .row button`);
            if (card) show(card, '카페24 연결을 확인했습니다', 'ok');
          });
        })
        .catch(failed)
        .finally(() => {
          asking = false;
        });
    }, CONNECT_POLL_MS),
  );
}

/** A button that runs a server action with progress, shows its message beside it, then reads the state again. */
function action(id: string, label: string, run: () => Promise<{ message: string }>): void {
  const b = byId<HTMLButtonElement>(id);
  b.addEventListener('click', () => {
    void runFor(b, label, run, (r) => {
      show(b, r.message, 'ok');
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

const refreshButton = byId<HTMLButtonElement>('refresh');
const failed = (e: unknown) => show(refreshButton, errorText(e), 'error');
refreshButton.addEventListener('click', () => {
  void runFor(refreshButton, '읽는 중', refresh, () => show(refreshButton, '새로 읽었습니다', 'ok'));
});
// Back from another tab, or after a while: what the sync did since (not on every click into the panel).
const FOCUS_REFRESH_MS = 15_000;
let lastRead = 0;
window.addEventListener('focus', () => {
  if (Date.now() - lastRead > FOCUS_REFRESH_MS) void refresh().catch(failed);
});
window.setInterval(() => {
  if (document.visibilityState === 'visible') refresh().catch(failed);
}, REFRESH_MS);
refresh().catch(failed);
