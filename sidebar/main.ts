import { call } from './bridge';

/** Everything is written with textContent: nothing from the server or a channel becomes HTML. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const status = document.getElementById('status') as HTMLElement;
const tabs = document.getElementById('tabs') as HTMLElement;
const sync = document.getElementById('sync') as HTMLElement;

function show(text: string, kind: 'ok' | 'error' | 'busy'): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

async function refresh(): Promise<void> {
  const state = await call('getSidebarState');
  tabs.replaceChildren(...state.tabs.map((t) => el('li', `${t.present ? '✔' : '✖'} ${t.title}`, t.present ? 'present' : 'missing')));
  sync.textContent = state.syncInstalled ? (state.cadence === 'minute' ? '자동 동기화: 1분마다' : '자동 동기화: 1시간마다') : '자동 동기화: 꺼짐';
}

function action(id: string, run: () => Promise<{ message: string }>): void {
  const button = document.getElementById(id) as HTMLButtonElement;
  button.addEventListener('click', () => {
    button.disabled = true;
    show('처리 중…', 'busy');
    run()
      .then((r) => {
        show(r.message, 'ok');
        return refresh();
      })
      .catch((e: Error) => show(e.message, 'error'))
      .finally(() => {
        button.disabled = false;
      });
  });
}

action('setup', () => call('setupWorkbook'));
action('install', () => call('installSync'));
action('remove', () => call('removeSync'));
refresh().catch((e: Error) => show(e.message, 'error'));
