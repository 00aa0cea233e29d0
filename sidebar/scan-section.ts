import { beep } from './beep';
import { call } from './bridge';
import { byId } from './dom';
import { busy, errorText, runFor, show } from './status';

/**
 * Scan-to-ship: a barcode scanner types into the focused input and presses Enter. The first scan
 * is the order (its order or item id), the second the parcel label (the tracking number); the
 * pair goes to the server at once. The outcome is shown large and beeped; the input keeps the
 * focus, ready for the next order. Escape starts over.
 */
const PROMPTS = { order: '① 주문 바코드를 스캔하세요', label: '② 송장(운송장) 바코드를 스캔하세요' } as const;

export function wireScan(refresh: () => Promise<void>): void {
  const input = byId<HTMLInputElement>('scan-input');
  const step = byId('scan-step');
  const result = byId('scan-result');
  const carrier = byId<HTMLSelectElement>('carrier');
  let orderCode: string | null = null;

  const ask = (what: keyof typeof PROMPTS) => {
    step.textContent = PROMPTS[what];
    input.placeholder = what === 'order' ? '주문번호' : '송장번호';
  };
  const outcome = (ok: boolean, text: string) => {
    result.textContent = `${ok ? '✓' : '✗'} ${text}`;
    result.dataset.outcome = ok ? 'ok' : 'fail';
    beep(ok);
  };
  ask('order');

  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      orderCode = null;
      input.value = '';
      ask('order');
      return;
    }
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const code = input.value.trim();
    input.value = '';
    if (!code) return;
    if (orderCode === null) {
      orderCode = code;
      result.textContent = `주문 ${code}`;
      delete result.dataset.outcome;
      ask('label');
      return;
    }
    const order = orderCode;
    orderCode = null;
    ask('order');
    const done = busy(`출고 처리 중: ${order}`);
    call('scanToShip', order, code, carrier.value)
      .then((r) => {
        done();
        // The server's message may carry its own mark; the large mark here says it once.
        const text = r.message.replace(/^[✓✗]\s*/, '');
        const detail = r.orderId && !text.includes(r.orderId) ? `${text} (주문 ${r.orderId})` : text;
        outcome(r.ok, detail);
        show(detail, r.ok ? 'ok' : 'error');
        return r.ok ? refresh() : undefined;
      })
      .catch((e: unknown) => {
        done();
        outcome(false, errorText(e));
        show(errorText(e), 'error');
      })
      .finally(() => input.focus());
  });

  byId<HTMLButtonElement>('picking').addEventListener('click', (ev) => {
    void runFor(ev.currentTarget as HTMLButtonElement, '출고 목록 만드는 중', () => call('openPickingLists'), (r) => show(r.message, 'ok'), () => input.focus());
  });
}
