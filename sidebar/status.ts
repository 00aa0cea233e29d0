import { byId } from './dom';

/**
 * The status line under the title: what the last action said, in green or red, and while a long
 * action runs, what it is doing and for how long (server calls may take a minute).
 */
const line = () => byId('status');
const bar = () => byId('progress');
let ticking: number | null = null;

export function show(text: string, kind: 'ok' | 'error' | 'busy'): void {
  stopTicking();
  line().textContent = text;
  line().className = `status ${kind}`;
  bar().hidden = kind !== 'busy';
}

/** Shows `label` with the seconds it has been running; returns the function that ends it. */
export function busy(label: string): () => void {
  const started = Date.now();
  show(`${label}…`, 'busy');
  ticking = window.setInterval(() => {
    line().textContent = `${label}… ${Math.round((Date.now() - started) / 1000)}초`;
  }, 1000);
  return () => {
    stopTicking();
    bar().hidden = true;
  };
}

function stopTicking(): void {
  if (ticking !== null) window.clearInterval(ticking);
  ticking = null;
}

/** The message of anything a failure handler receives. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text || '알 수 없는 오류가 발생했습니다';
}

/**
 * One server call for a button: the button is off while it runs, progress shows, the answer goes
 * to `then` (which may return a promise, such as a refresh), and a failure's message shows in red.
 */
export function runFor<T>(button: HTMLButtonElement, label: string, run: () => Promise<T>, then: (value: T) => unknown, after?: () => void): Promise<void> {
  button.disabled = true;
  const done = busy(label);
  return run()
    .then((value) => {
      done();
      return then(value);
    })
    .catch((e: unknown) => {
      done();
      show(errorText(e), 'error');
    })
    .finally(() => {
      button.disabled = false;
      after?.();
    })
    .then(() => undefined);
}
