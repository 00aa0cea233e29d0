/**
 * The preview page: the workbook's tabs as read-only tables (display text, set with textContent:
 * a product name with markup shows as text), the simulated clock and its controls, a test order
 * at the fake Cafe24, and the toasts and dialogs the product shows.
 */
interface Sheet {
  name: string;
  rows: string[][];
  /** 1-based rows the tab's filter hides. */
  hiddenRows: number[];
  filtered: boolean;
}
interface State {
  now: number;
  speed: number;
  timeZone: string;
  toasts: Array<{ title: string; message: string }>;
  toastCount: number;
  dialogs: Array<{ title: string; width: number; height: number }>;
  executions: number;
  failedExecutions: number;
  quotas: { urlfetch: { used: number; limit: number }; triggerRuntimeMs: { used: number; limit: number } };
}
interface Catalog {
  malls: Array<{ mallId: string; name: string; products: Array<{ productNo: number; variantCode: string | null; name: string; sku: string }> }>;
}

const SPEEDS: ReadonlyArray<[string, number]> = [
  ['멈춤', 0],
  ['실시간', 1],
  ['1초=1분', 60],
];
const STEPS: ReadonlyArray<[string, number]> = [
  ['+1분', 60_000],
  ['+10분', 600_000],
  ['+1시간', 3_600_000],
];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

let sheets: Sheet[] = [];
let selected = '주문';
let etag = '';
/** The tab the product last made active (null before the first read). */
let lastActive: string | null = null;
let seenToasts = -1;
let seenDialogs = -1;
let catalog: Catalog = { malls: [] };

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

function say(text: string): void {
  $('bar-status').textContent = text;
}

// ---- the clock

function clockText(s: State): string {
  const f = new Intl.DateTimeFormat('ko-KR', { timeZone: s.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return `시뮬레이션 시각 ${f.format(new Date(s.now))}`;
}

function buildClockControls(): void {
  for (const [label, speed] of SPEEDS) {
    const b = el('button', label);
    b.type = 'button';
    b.dataset.speed = String(speed);
    b.addEventListener('click', () => void postJson('/api/clock', { speed }).then((s) => showState(s as State)));
    $('speeds').append(b);
  }
  for (const [label, ms] of STEPS) {
    const b = el('button', label);
    b.type = 'button';
    b.addEventListener('click', () => {
      b.disabled = true;
      say(`시계를 ${label} 앞당기는 중…`);
      postJson('/api/clock', { advanceMs: ms })
        .then((s) => {
          showState(s as State);
          say(`${label}: 그동안 예약된 트리거가 실행되었습니다`);
          return refreshWorkbook();
        })
        .catch((e: Error) => say(e.message))
        .finally(() => (b.disabled = false));
    });
    $('steps').append(b);
  }
}

function showState(s: State): void {
  $('clock').textContent = clockText(s);
  for (const b of Array.from($('speeds').querySelectorAll('button'))) b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === s.speed));
  if (seenToasts >= 0 && s.toastCount > seenToasts && s.toasts.length > 0) showToast(s.toasts[s.toasts.length - 1]!);
  seenToasts = s.toastCount;
  if (seenDialogs >= 0 && s.dialogs.length > seenDialogs) showDialog(s.dialogs.length - 1, s.dialogs[s.dialogs.length - 1]!);
  seenDialogs = s.dialogs.length;
}

let toastTimer = 0;
function showToast(t: { title: string; message: string }): void {
  const box = $('toast');
  box.textContent = t.title ? `${t.title}: ${t.message}` : t.message;
  box.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (box.hidden = true), 5000);
}

function showDialog(index: number, d: { title: string; width: number; height: number }): void {
  $('dialog-title').textContent = d.title;
  const frame = $<HTMLIFrameElement>('dialog-frame');
  frame.style.width = `${Math.min(d.width || 600, window.innerWidth - 40)}px`;
  frame.style.height = `${Math.min(d.height || 400, window.innerHeight - 80)}px`;
  frame.src = `/dialog/${index}`;
  $('dialog').hidden = false;
}

// ---- the workbook

async function refreshWorkbook(): Promise<void> {
  const res = await fetch('/api/workbook', { headers: etag ? { 'If-None-Match': etag } : {} });
  if (res.status === 304) return;
  etag = res.headers.get('ETag') ?? '';
  const book = (await res.json()) as { sheets: Sheet[]; active: string };
  sheets = book.sheets;
  // The product activated another tab (sheet.activate()): show it, as Sheets would.
  if (lastActive !== null && book.active && book.active !== lastActive && sheets.some((s) => s.name === book.active)) selected = book.active;
  lastActive = book.active;
  if (!sheets.some((s) => s.name === selected) && sheets[0]) selected = sheets[0].name;
  renderTabs();
  renderGrid();
}

function renderTabs(): void {
  $('tabs').replaceChildren(
    ...sheets.map((s) => {
      const b = el('button', s.name);
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(s.name === selected));
      b.addEventListener('click', () => {
        selected = s.name;
        renderTabs();
        renderGrid();
      });
      return b;
    }),
  );
}

function renderGrid(): void {
  const sheet = sheets.find((s) => s.name === selected);
  const table = el('table');
  table.dataset.sheet = selected;
  if (sheet && sheet.rows.length > 0) {
    const head = el('tr');
    head.append(el('th', ''));
    for (const h of sheet.rows[0]!) head.append(el('th', h));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    const hidden = new Set(sheet.hiddenRows);
    sheet.rows.slice(1).forEach((row, i) => {
      if (row.every((c) => c === '') || hidden.has(i + 2)) return;
      const tr = el('tr');
      tr.append(el('th', String(i + 2)));
      for (const cell of row) {
        const td = el('td', cell);
        if (/^-?[\d,.]+%?$/.test(cell)) td.className = 'n';
        td.title = cell;
        tr.append(td);
      }
      tbody.append(tr);
    });
    table.append(thead, tbody);
  }
  const note = sheet?.filtered ? el('p', `필터 사용 중: ${sheet.hiddenRows.length}행 숨김 `) : null;
  if (note && sheet) {
    note.className = 'filter-note';
    const off = el('button', '필터 삭제');
    off.type = 'button';
    off.addEventListener('click', () => {
      void postJson('/api/filter-off', { sheet: sheet.name }).then(() => refreshWorkbook());
    });
    note.append(off);
  }
  $('grid').replaceChildren(...(note ? [note, table] : [table]));
}

// ---- a test order at the fake Cafe24

async function refreshCatalog(): Promise<void> {
  catalog = (await (await fetch('/api/catalog')).json()) as Catalog;
  const mall = $<HTMLSelectElement>('order-mall');
  const keep = mall.value;
  mall.replaceChildren(
    ...catalog.malls.map((m) => {
      const o = el('option', `${m.name} (${m.mallId})`);
      o.value = m.mallId;
      return o;
    }),
  );
  if (catalog.malls.some((m) => m.mallId === keep)) mall.value = keep;
  renderProducts();
}

function renderProducts(): void {
  const products = catalog.malls.find((m) => m.mallId === $<HTMLSelectElement>('order-mall').value)?.products ?? [];
  const select = $<HTMLSelectElement>('order-product');
  const keep = select.value;
  select.replaceChildren(
    ...products.map((p) => {
      const o = el('option', `${p.name}${p.sku ? ` [${p.sku}]` : ''}`);
      o.value = valueOf(p);
      return o;
    }),
  );
  if (products.some((p) => valueOf(p) === keep)) select.value = keep;
}

/** "11" for a product without options, "11:P000000L000A" for one of its variants. */
function valueOf(p: { productNo: number; variantCode: string | null }): string {
  return p.variantCode ? `${p.productNo}:${p.variantCode}` : String(p.productNo);
}

function wireTestOrder(): void {
  $('order-mall').addEventListener('change', renderProducts);
  $('order-product').addEventListener('focus', () => void refreshCatalog());
  const b = $<HTMLButtonElement>('add-order');
  b.addEventListener('click', () => {
    const mallId = $<HTMLSelectElement>('order-mall').value;
    const [no, variantCode] = $<HTMLSelectElement>('order-product').value.split(':');
    const productNo = Number(no);
    const quantity = Math.max(1, Math.floor(Number($<HTMLInputElement>('order-qty').value) || 1));
    b.disabled = true;
    say('테스트 주문 넣는 중…');
    postJson('/api/test-order', { mallId, productNo, variantCode: variantCode ?? null, quantity })
      .then((r) => {
        const a = r as { ok: boolean; orderId?: string; message?: string };
        say(a.ok ? `테스트 주문 ${a.orderId} 추가 (${mallId}): 다음 동기화 때 주문 탭에 나타납니다` : `주문 실패: ${a.message}`);
      })
      .catch((e: Error) => say(e.message))
      .finally(() => (b.disabled = false));
  });
}

// ---- start

$('dialog-close').addEventListener('click', () => {
  $('dialog').hidden = true;
  $<HTMLIFrameElement>('dialog-frame').src = 'about:blank';
});
buildClockControls();
wireTestOrder();
const poll = () => {
  fetch('/api/state')
    .then((r) => r.json())
    .then((s) => showState(s as State))
    .catch(() => say('미리보기 서버에 연결할 수 없습니다'));
  refreshWorkbook().catch(() => undefined);
};
poll();
window.setInterval(poll, 1000);
refreshCatalog().catch(() => undefined);
window.setInterval(() => void refreshCatalog().catch(() => undefined), 15_000);
