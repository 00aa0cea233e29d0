import { beep, type ScanTone } from './beep';
import { call } from './bridge';
import { byId } from './dom';
import { errorText, runFor, show } from './status';

/**
 * Scan-to-ship: a barcode scanner types into the focused input and presses Enter. The first scan
 * is the order (its order or item id), the second the parcel label (the tracking number); the
 * pair goes to the server at once. The outcome is shown large and with its own sound: ✓ shipped,
 * ✗ refused, ✗ with a different tone for an order barcode the sheet does not know. The input
 * keeps the focus, ready for the next order (or the corrected label). Escape starts over.
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
  const outcome = (tone: ScanTone, text: string) => {
    result.textContent = `${tone === 'ok' ? '✓' : '✗'} ${text}`;
    result.dataset.outcome = tone;
    beep(tone);
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
    result.textContent = `출고 처리 중: ${order}…`;
    result.dataset.outcome = 'busy';
    delete document.body.dataset.lastTone;
    call('scanToShip', order, code, carrier.value)
      .then((r) => {
        // The server's message may carry its own mark; the large mark here says it once.
        const text = r.message.replace(/^[✓✗]\s*/, '');
        const detail = r.orderId && !text.includes(r.orderId) ? `${text} (주문 ${r.orderId})` : text;
        outcome(r.ok ? 'ok' : r.unknown ? 'unknown' : 'fail', detail);
        return r.ok ? refresh() : undefined;
      })
      .catch((e: unknown) => outcome('fail', errorText(e)))
      .finally(() => input.focus());
  });

  const picking = byId<HTMLButtonElement>('picking');
  picking.addEventListener('click', () => {
    void runFor(picking, '출고 목록 만드는 중', () => call('openPickingLists'), (r) => show(picking, r.message, 'ok'), () => input.focus());
  });
}
