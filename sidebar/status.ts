import { el } from './dom';

/**
 * What an action said, shown beside the button that was pressed (not at the top of a long panel):
 * a line right after the button's row, in green or red, and while a long action runs, what it is
 * doing, for how long, with a thin progress bar (server calls may take a minute).
 */
export type Tone = 'ok' | 'error' | 'busy';

const ticking = new WeakMap<HTMLElement, number>();

/** The feedback line of a button: right after its `.row` (or the button itself), made on first use. */
export function feedbackOf(anchor: HTMLElement): HTMLElement {
  const host = anchor.closest('.row, label.check') ?? anchor;
  const next = host.nextElementSibling;
  if (next instanceof HTMLElement && next.classList.contains('feedback')) return next;
  const line = el('div', undefined, 'feedback');
  line.setAttribute('role', 'status');
  line.setAttribute('aria-live', 'polite');
  host.after(line);
  return line;
}

export function show(anchor: HTMLElement, text: string, tone: Tone): void {
  const line = feedbackOf(anchor);
  stopTicking(line);
  line.className = `feedback ${tone}`;
  const parts: HTMLElement[] = [el('span', text, 'text')];
  if (tone === 'busy') {
    const bar = el('div', undefined, 'progress');
    bar.append(el('div'));
    parts.push(bar);
  }
  line.replaceChildren(...parts);
}

/** Shows `label` beside `anchor` with the seconds it has been running; returns the function that ends it. */
export function busy(anchor: HTMLElement, label: string): () => void {
  const started = Date.now();
  show(anchor, `${label}…`, 'busy');
  const line = feedbackOf(anchor);
  ticking.set(
    line,
    window.setInterval(() => {
      const text = line.querySelector('.text');
      if (text) text.textContent = `${label}… ${Math.round((Date.now() - started) / 1000)}초`;
    }, 1000),
  );
  return () => {
    stopTicking(line);
    if (line.classList.contains('busy')) line.replaceChildren();
  };
}

function stopTicking(line: HTMLElement): void {
  const t = ticking.get(line);
  if (t !== undefined) window.clearInterval(t);
  ticking.delete(line);
}

/** The message of anything a failure handler receives. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text || '알 수 없는 오류가 발생했습니다';
}

/**
 * One server call for a button: the button is off while it runs, progress shows beside it, the
 * answer goes to `then` (which may return a promise, such as a refresh), and a failure's message
 * shows in red beside the button.
 */
export function runFor<T>(button: HTMLButtonElement, label: string, run: () => Promise<T>, then: (value: T) => unknown, after?: () => void): Promise<void> {
  button.disabled = true;
  const done = busy(button, label);
  return run()
    .then((value) => {
      done();
      return then(value);
    })
    .catch((e: unknown) => {
      done();
      show(button, errorText(e), 'error');
    })
    .finally(() => {
      button.disabled = false;
      after?.();
    })
    .then(() => undefined);
}
