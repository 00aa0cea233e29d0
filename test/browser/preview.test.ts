import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { paths } from '../../local/paths';
import { startPreview, type Preview } from '../../local/preview/serve';
import { parseScenario } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { TABS } from '../../src/sheet/tabs';
import { ARTIFACTS, launchChromium } from './chromium';

/**
 * A person tries the product in the local preview (`npm start -- --serve`), in headless Chromium:
 * the built sidebar beside the workbook's tabs, google.script.run running the built bundle in the
 * local runtime, the fake Cafe24 behind the consent page. The steps build on each other, in order.
 *
 * The setup is the demo's morning (partners, the Cafe24 app, products, ratios) plus one product
 * whose name is markup, which must show as text wherever it appears.
 */
const MARKUP = '<img src=x onerror=alert(1)>';
// The three malls' morning, before the marketplace accounts join (+12m).
const setup = (demo.events as Array<{ type: string; at: string }>)
  .slice(0, demo.events.findIndex((e) => e.type === 'channel'))
  .filter((e) => parseInt(e.at.slice(1), 10) < 12);
const scenario = parseScenario({
  ...demo,
  name: 'browser',
  events: [
    ...setup,
    { at: '+12m', type: 'edit', sheet: '상품', range: 'A6', values: [['NJ-XSS', MARKUP, '', '', 5000, 9000, 10, 0, '판매중']] },
    { at: '+12m', type: 'edit', sheet: '연동재고율', range: 'A14', values: [['NJ-XSS', 'PNR001', 'TRUE', 50]] },
  ],
});

let preview: Preview;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let page: Page;
let sidebar: FrameLocator;
/** Alerts, confirms: markup that ran as script would show up here. */
const dialogs: string[] = [];
const orderIds: string[] = [];

const shot = (name: string, target: Page | Locator = page) => target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
const card = (partnerId: string) => sidebar.locator(`#partners [data-partner="${partnerId}"]`);
/** Opens a folded part of the panel (설정, 정산, 진단 …) by its summary. */
async function unfold(id: string): Promise<void> {
  const details = sidebar.locator(`#${id}`);
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}
/** The README's pictures: `UPDATE_DOCS_SCREENSHOT=1 npx jest test/browser`. */
async function docShot(name: string, target: Page | Locator = page): Promise<void> {
  if (!process.env.UPDATE_DOCS_SCREENSHOT) return;
  const dir = path.join(paths.build, '..', 'docs', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await target.screenshot({ path: path.join(dir, `${name}.png`) });
}
const grid = () => page.locator('#grid');

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.locator(`#grid table[data-sheet="${name}"]`).waitFor();
}

/** Places an order at the fake mall with the page's test-order control; answers its order id. */
async function testOrder(mallId: string, productName: string): Promise<string> {
  await page.locator('#order-mall').selectOption(mallId);
  await page.locator('#order-product').focus();
  const option = page.locator('#order-product option', { hasText: productName }).first();
  await option.waitFor({ state: 'attached' });
  await page.locator('#order-product').selectOption((await option.getAttribute('value'))!);
  await page.getByRole('button', { name: '테스트 주문 추가' }).click();
  await page.locator('#bar-status').filter({ hasText: /테스트 주문 \S+ 추가/ }).waitFor();
  const id = /테스트 주문 (\S+) 추가/.exec((await page.locator('#bar-status').textContent()) ?? '')![1]!;
  orderIds.push(id);
  return id;
}

async function scan(code: string): Promise<void> {
  const input = sidebar.locator('#scan-input');
  await input.fill(code);
  await input.press('Enter');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  preview = await startPreview({ scenario, bundleDir: paths.build, speed: 0 });
  browser = await launchChromium();
  context = browser.context;
  context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
  page = await context.newPage();
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await page.goto(`${preview.url}/`);
  sidebar = page.frameLocator('#sidebar');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

afterEach(async () => {
  const name = expect.getState().currentTestName?.replace(/[^\w가-힣]+/g, '-').slice(0, 80) ?? 'step';
  await shot(name).catch(() => undefined);
});

describe('the local preview in a browser', () => {
  it('shows every tab as a read-only table beside the built sidebar, with the trigger on every minute', async () => {
    for (const t of TABS) await expect(page.getByRole('tab', { name: t.title.ko, exact: true }).count()).resolves.toBe(1);
    await expect(sidebar.locator('#sync').textContent()).resolves.toBe('자동 동기화: 켜짐 (1분마다)');
    await card('PNR001').getByText('연결 안 됨').waitFor();
    await openTab('파트너');
    await grid().getByRole('cell', { name: '나잘란 본사몰', exact: true }).waitFor();
    expect(await grid().locator('input, textarea, [contenteditable]').count()).toBe(0);
  });

  it('shows a product name containing markup as text in the products table', async () => {
    await openTab('상품');
    await expect(grid().getByRole('cell', { name: MARKUP, exact: true }).count()).resolves.toBe(1);
    expect(await grid().locator('img').count()).toBe(0);
  });

  it("connects a mall through the fake Cafe24's consent page; the callback page says to go back, and the sidebar turns connected by itself", async () => {
    await card('PNR001').getByRole('button', { name: '카페24 연결' }).click();
    const link = card('PNR001').getByRole('link', { name: /카페24에서 승인하기/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${preview.url}/cafe24/najalran/api/v2/oauth/authorize\\?`));
    await card('PNR001').getByText(/승인하면 이 패널이 저절로 바뀝니다/).waitFor();
    const [consent] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await consent.waitForLoadState();
    // The consent page, as Cafe24 shows it: which app asks what of which mall.
    expect(await consent.title()).toBe('카페24 앱 권한 동의');
    const text = (await consent.textContent('body')) ?? '';
    expect(text).toContain('파트너몰 시트 (개발용)');
    expect(text).toContain('나잘란 (najalran)');
    expect(text).toContain('mall.read_order');
    await consent.setViewportSize({ width: 700, height: 520 });
    await docShot('connect-consent', consent);
    await Promise.all([consent.waitForURL(new RegExp(`^${preview.url}/usercallback\\?code=`)), consent.getByRole('button', { name: '동의하고 설치' }).click()]);
    // The callback page: titled, what happened, and to close it and go back.
    expect(await consent.title()).toBe('카페24 연결 완료');
    const done = (await consent.textContent('body')) ?? '';
    expect(done).toContain('나잘란 본사몰(najalran) 카페24 연결 완료');
    expect(done).toContain('이 창을 닫고 스프레드시트로 돌아가세요');
    await shot('consent-callback', consent);
    await docShot('connect-callback', consent);
    await consent.close();
    // No refresh pressed: the panel polls a cheap call while the consent is pending.
    await card('PNR001').locator('.badge', { hasText: '연결됨' }).waitFor({ timeout: 15_000 });
    await expect(card('PNR001').textContent()).resolves.toMatch(/토큰 만료까지 1[34]일/);
    await expect(card('PNR002').locator('.badge').textContent()).resolves.toBe('연결 안 됨');
    await card('PNR001').getByText('카페24 연결을 확인했습니다').waitFor();
    await docShot('connect-sidebar', sidebar.locator('#connections-details'));
  });

  it('previews what the next run would send without sending anything, the markup name as text', async () => {
    const log = preview.session.sandbox.channels.get('cafe24')!;
    const before = log.requestLog().length;
    await unfold('diagnostics-details');
    await sidebar.getByRole('button', { name: '보낼 내용 미리보기' }).click();
    const result = sidebar.locator('#preview-result');
    await result.locator('.summary').waitFor();
    await expect(result.locator('.summary').textContent()).resolves.toMatch(/^다음 실행에서 보낼 것: 재고 \d+건, 상품 5건( \(\d+건 대기: 다음 묶음 \d\d:\d\d\))?, 송장 0건$/);
    await sidebar.locator('#diagnostics-details .feedback.ok').filter({ hasText: '아무것도 보내지 않았습니다' }).waitFor();
    await result.getByText(`상품 등록 ${MARKUP} → PNR001`, { exact: true }).waitFor();
    expect(await sidebar.locator('img').count()).toBe(0);
    expect(log.requestLog().length).toBe(before);
  });

  it('places a test order for a product with options by the option picked', async () => {
    await testOrder('najalran', '린넨 앞치마 / 베이지');
  });

  it('collects a new order into the orders table when staff press sync now', async () => {
    const id = await testOrder('najalran', '수제 도자기 머그컵');
    await openTab('주문');
    expect(await grid().getByRole('cell', { name: id, exact: true }).count()).toBe(0);
    await sidebar.getByRole('button', { name: '지금 동기화' }).click();
    // Said beside the button pressed.
    await sidebar.locator('#today-section .feedback.ok').filter({ hasText: /^주문 \d+건 추가/ }).waitFor();
    await grid().getByRole('cell', { name: id, exact: true }).first().waitFor();
  });

  it('keeps collecting on the time-driven trigger as the simulated clock moves', async () => {
    const id = await testOrder('najalran', '수제 도자기 머그컵');
    await page.getByRole('button', { name: '+1분' }).click();
    await page.locator('#bar-status').filter({ hasText: '+1분:' }).waitFor();
    await openTab('주문');
    await grid().getByRole('cell', { name: id, exact: true }).first().waitFor();
  });

  it('puts 오늘 할 일 first: new paid orders, parcels to ship, stock running out, counted as the tabs have them', async () => {
    await sidebar.getByRole('button', { name: '새로고침', exact: true }).click();
    await sidebar.locator('header .feedback.ok').waitFor();
    await openTab('주문');
    const rows = await grid().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => String((td as { textContent?: string | null }).textContent ?? ''))));
    const header = await grid().locator('thead th').allTextContents();
    const col = (name: string) => header.indexOf(name) - 1;
    const paid = rows.filter((r) => r[col('주문상태')]!.startsWith('결제완료'));
    expect(paid.length).toBeGreaterThanOrEqual(3);
    const item = (kind: string) => sidebar.locator(`#today li[data-kind="${kind}"]`);
    await expect(item('newOrders').locator('.count').textContent()).resolves.toBe(`${new Set(paid.map((r) => r[col('주문번호')])).size}건`);
    // One box per receiver: items of one receiver go together.
    const parcels = new Set(paid.map((r) => [r[col('파트너ID')], r[col('수령인')], r[col('연락처')], r[col('배송지')]].join('|'))).size;
    await expect(item('toShip').locator('.count').textContent()).resolves.toBe(`${parcels}건`);
    await expect(item('toShip').locator('.detail').textContent()).resolves.toBe(`상품 ${paid.reduce((n, r) => n + Number(r[col('수량')]), 0)}개 피킹`);
    // NJ-APRON-2 has no stock at all: red.
    expect(await item('lowStock').getAttribute('class')).toBe('urgent');
    await expect(item('lowStock').locator('.detail').textContent()).resolves.toContain('NJ-APRON-2 0개');
    await expect(item('claims').locator('.count').textContent()).resolves.toBe('0건');
    expect(await item('claims').locator('button').isDisabled()).toBe(true);
    // First in the panel: above scanning and everything folded.
    const top = async (sel: string) => (await sidebar.locator(sel).boundingBox())!.y;
    expect(await top('#today-section')).toBeLessThan(await top('#scan-section'));
    expect(await top('#scan-section')).toBeLessThan(await top('#connections-details'));
    await shot('today');
    await docShot('sidebar-today', sidebar.locator('#today-section'));
  });

  it('opens the orders tab showing only the new paid orders when their count is clicked, and says so beside it', async () => {
    await openTab('상품');
    const item = sidebar.locator('#today li[data-kind="newOrders"]');
    const count = Number(((await item.locator('.count').textContent()) ?? '').replace(/\D/g, ''));
    await item.locator('button').click();
    await item.locator('.feedback.ok').filter({ hasText: /^주문 탭: 새 결제 주문 \d+행만 보입니다/ }).waitFor();
    // The product activated the tab: the preview follows, as Sheets would, and hides the filtered rows.
    await page.locator('#grid table[data-sheet="주문"]').waitFor();
    await page.locator('#grid .filter-note').waitFor();
    const shown = await grid().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[0]?.textContent ?? ''));
    expect(shown.length).toBeGreaterThanOrEqual(count);
    const statuses = await grid().locator('tbody tr').evaluateAll((trs, i) => trs.map((tr) => tr.querySelectorAll('td')[i as number]?.textContent ?? ''), (await grid().locator('thead th').allTextContents()).indexOf('주문상태') - 1);
    for (const st of statuses) expect(st).toMatch(/^결제완료/);
    const orders = await grid().locator('tbody tr').evaluateAll((trs, i) => trs.map((tr) => tr.querySelectorAll('td')[i as number]?.textContent ?? ''), (await grid().locator('thead th').allTextContents()).indexOf('주문번호') - 1);
    expect(new Set(orders).size).toBe(count);
    await shot('today-filtered');
    // Data > Remove filter: every row again.
    await page.getByRole('button', { name: '필터 삭제' }).click();
    await page.locator('#grid .filter-note').waitFor({ state: 'detached' });
  });

  it("shows each partner's health and today's quota use", async () => {
    await sidebar.getByRole('button', { name: '새로고침', exact: true }).click();
    await unfold('connections-details');
    const orders = card('PNR001').locator('tr[data-job="orders"]');
    await expect(orders.locator('td').nth(1).textContent()).resolves.toMatch(/^\d\d:\d\d \((방금|\d+분) 전\)$/);
    await expect(orders.locator('td').nth(2).textContent()).resolves.toMatch(/^(곧|\d\d:\d\d)$/);
    await expect(sidebar.locator('#quotas').textContent()).resolves.toMatch(/URL 호출: [1-9][\d,]*회 \/ 20,000회.*트리거 실행 시간: [\d.]+분 \/ 90분/);
  });

  it('ships an order by scanning its barcode, then the parcel label: ✓ in large text, focus kept for the next scan', async () => {
    const [id] = orderIds;
    await sidebar.locator('#carrier').selectOption('CJ대한통운');
    await sidebar.locator('#scan-input').focus();
    await scan(id!);
    await expect(sidebar.locator('#scan-step').textContent()).resolves.toContain('송장');
    await scan('6804-0545-0931');
    const result = sidebar.locator('#scan-result[data-outcome]:not([data-outcome="busy"])');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('ok');
    expect(await sidebar.locator('body').getAttribute('data-last-tone')).toBe('ok');
    await expect(result.textContent()).resolves.toMatch(/^✓ /);
    expect(await sidebar.locator('#scan-input:focus').count()).toBe(1);
    await expect(sidebar.locator('#scan-step').textContent()).resolves.toContain('주문 바코드');
    await openTab('주문');
    const row = grid().locator('tr', { has: page.getByRole('cell', { name: id!, exact: true }) });
    await row.getByRole('cell', { name: '680405450931', exact: true }).waitFor();
  });

  it('refuses a bad tracking number with the reason in large text', async () => {
    const id = orderIds[1]!;
    await scan(id);
    await scan('12345');
    const result = sidebar.locator('#scan-result[data-outcome="fail"]');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/^✗ .*CJ대한통운 송장번호는 10자리 또는 12자리입니다/);
    expect(await sidebar.locator('#scan-input:focus').count()).toBe(1);
  });

  it('answers an order barcode the sheet does not know with ✗ and its own tone, not as shipped', async () => {
    await scan('20261199-9999999');
    await scan('680405450988');
    const result = sidebar.locator('#scan-result[data-outcome="unknown"]');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/^✗ 주문 탭에 .*"20261199-9999999"가 없습니다/);
    expect(await sidebar.locator('body').getAttribute('data-last-tone')).toBe('unknown');
    expect(await sidebar.locator('#scan-input:focus').count()).toBe(1);
  });

  it('accepts the corrected label right after a refused one', async () => {
    const id = orderIds[1]!;
    await scan(id);
    await scan('6804-0545-0932');
    const result = sidebar.locator('#scan-result[data-outcome="ok"]');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/^✓ 1개 품목 출고/);
    expect(await sidebar.locator('body').getAttribute('data-last-tone')).toBe('ok');
    await openTab('송장등록');
    await grid().getByRole('cell', { name: /^↷ 다시 스캔됨: 새 송장 680405450932로 대체/ }).waitFor();
    await docShot('sidebar-scan', sidebar.locator('#scan-section'));
  });

  it('shows an order of the markup-named product as text in the orders table', async () => {
    // The sync registered NJ-XSS in the own mall: customers can order it there now.
    const id = await testOrder('najalran', MARKUP);
    await page.getByRole('button', { name: '+1분' }).click();
    await openTab('주문');
    const row = grid().locator('tr', { has: page.getByRole('cell', { name: id, exact: true }) });
    await row.getByRole('cell', { name: MARKUP, exact: true }).waitFor();
    expect(await grid().locator('img').count()).toBe(0);
  });

  it('runs settlement for last week from the sidebar and shows the figures; a period not over yet is refused with the reason', async () => {
    await unfold('settlement-details');
    await sidebar.getByRole('button', { name: /^지난주/ }).click();
    await expect(sidebar.locator('#settle-period').inputValue()).resolves.toBe('2026-W47');
    await sidebar.getByRole('button', { name: '정산 실행' }).click();
    await sidebar.locator('#settle-result table').waitFor();
    expect(await sidebar.locator('#settle-result tr').count()).toBeGreaterThan(1);
    // Partners by name; the monthly shipping fee says where it is, not a blank cell.
    const row = sidebar.locator('#settle-result tr[data-partner]').first().locator('td');
    await expect(row.nth(0).textContent()).resolves.toMatch(/^(나잘란 본사몰 PNR001|보라색 PNR002|언더코코 PNR003)$/);
    await expect(row.nth(4).textContent()).resolves.toBe('월간 정산');
    // The toast's title says 정산; its text does not say it again.
    await page.locator('#toast').filter({ hasText: /^정산: 2026-W47:/ }).waitFor();
    await sidebar.locator('#settle-period').fill('2099-W01');
    await sidebar.getByRole('button', { name: '정산 실행' }).click();
    await sidebar.locator('#settlement-details .feedback.error').filter({ hasText: '아직 끝나지 않은 기간' }).waitFor();
    // The mail setting is a checkbox beside its text, not a full-width field.
    const box = (await sidebar.locator('#statement-mail').boundingBox())!;
    expect(box.width).toBeLessThan(24);
    await shot('settlement');
    expect(dialogs).toEqual([]);
  });

  it('prints the picking lists in a dialog, and shows a failed server call through the failure handler', async () => {
    await sidebar.getByRole('button', { name: '출고 목록 인쇄' }).click();
    await page.locator('#dialog:not([hidden])').waitFor();
    await expect(page.locator('#dialog-title').textContent()).resolves.toBe('출고 목록');
    // The size the product asked for (setWidth(900).setHeight(700)), as Sheets shows it.
    await expect(page.locator('#dialog-frame').boundingBox()).resolves.toMatchObject({ width: 900, height: 700 });
    await page.getByRole('button', { name: '닫기' }).click();
    const frame = page.frame({ url: /\/sidebar$/ })!;
    const message = await frame.evaluate(
      `new Promise((resolve) => google.script.run.withSuccessHandler(() => resolve('succeeded')).withFailureHandler((e) => resolve(e.message)).connectPartner('PNR404'))`,
    );
    expect(message).toBe('파트너 PNR404를 파트너 탭에서 찾을 수 없습니다');
    expect(dialogs).toEqual([]);
    // The README's picture: `UPDATE_DOCS_SCREENSHOT=1 npx jest test/browser`.
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      await openTab('주문');
      await sidebar.getByRole('button', { name: '새로고침', exact: true }).click();
      await sidebar.locator('header .feedback').filter({ hasText: '새로 읽었습니다' }).waitFor();
      await page.screenshot({ path: path.join(paths.build, '..', 'docs', 'preview.png') });
    }
  });
});
