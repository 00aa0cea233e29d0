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
const setup = (demo.events as Array<{ type: string }>).slice(
  0,
  demo.events.findIndex((e) => e.type === 'channel'),
);
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
const card = (partnerId: string) => sidebar.locator(`[data-partner="${partnerId}"]`);
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

  it("connects a mall through the fake Cafe24's consent page, and the sidebar then says connected", async () => {
    await card('PNR001').getByRole('button', { name: '카페24 연결' }).click();
    const link = card('PNR001').getByRole('link', { name: /카페24에서 승인하기/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${preview.url}/cafe24/najalran/api/v2/oauth/authorize\\?`));
    const [consent] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await consent.waitForLoadState();
    expect(consent.url()).toMatch(new RegExp(`^${preview.url}/usercallback\\?code=`));
    expect(await consent.textContent('body')).toContain('나잘란 본사몰(najalran) 카페24 연결 완료');
    await shot('consent-page', consent);
    await consent.close();
    await sidebar.getByRole('button', { name: '새로고침', exact: true }).click();
    await card('PNR001').locator('.badge', { hasText: '연결됨' }).waitFor();
    await expect(card('PNR001').textContent()).resolves.toMatch(/토큰 만료까지 1[34]일/);
    await expect(card('PNR002').locator('.badge').textContent()).resolves.toBe('연결 안 됨');
  });

  it('previews what the next run would send without sending anything, the markup name as text', async () => {
    const log = preview.session.sandbox.channels.get('cafe24')!;
    const before = log.requestLog().length;
    await sidebar.getByRole('button', { name: '보낼 내용 미리보기' }).click();
    const result = sidebar.locator('#preview-result');
    await result.locator('.summary').waitFor();
    await expect(result.locator('.summary').textContent()).resolves.toMatch(/^다음 실행에서 보낼 것: 재고 \d+건, 상품 5건, 송장 0건$/);
    await result.getByText(`상품 등록 ${MARKUP} → PNR001`, { exact: true }).waitFor();
    expect(await sidebar.locator('img').count()).toBe(0);
    expect(log.requestLog().length).toBe(before);
  });

  it('collects a new order into the orders table when staff press sync now', async () => {
    const id = await testOrder('najalran', '수제 도자기 머그컵');
    await openTab('주문');
    expect(await grid().getByRole('cell', { name: id, exact: true }).count()).toBe(0);
    await sidebar.getByRole('button', { name: '지금 동기화' }).click();
    await sidebar.locator('#status.ok').filter({ hasText: /^주문 \d+건 추가/ }).waitFor();
    await grid().getByRole('cell', { name: id, exact: true }).first().waitFor();
  });

  it('keeps collecting on the time-driven trigger as the simulated clock moves', async () => {
    const id = await testOrder('najalran', '수제 도자기 머그컵');
    await page.getByRole('button', { name: '+1분' }).click();
    await page.locator('#bar-status').filter({ hasText: '+1분:' }).waitFor();
    await openTab('주문');
    await grid().getByRole('cell', { name: id, exact: true }).first().waitFor();
  });

  it("shows each partner's health and today's quota use", async () => {
    await sidebar.getByRole('button', { name: '새로고침', exact: true }).click();
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
    const result = sidebar.locator('#scan-result[data-outcome]');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('ok');
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
    await sidebar.getByRole('button', { name: /^지난주/ }).click();
    await expect(sidebar.locator('#settle-period').inputValue()).resolves.toBe('2026-W47');
    await sidebar.getByRole('button', { name: '정산 실행' }).click();
    await sidebar.locator('#settle-result table').waitFor();
    expect(await sidebar.locator('#settle-result tr').count()).toBeGreaterThan(1);
    await sidebar.locator('#settle-period').fill('2099-W01');
    await sidebar.getByRole('button', { name: '정산 실행' }).click();
    await sidebar.locator('#status.error').waitFor();
    await shot('settlement');
    expect(dialogs).toEqual([]);
  });

  it('prints the picking lists in a dialog, and shows a failed server call through the failure handler', async () => {
    await sidebar.getByRole('button', { name: '출고 목록 인쇄' }).click();
    await page.locator('#dialog:not([hidden])').waitFor();
    await expect(page.locator('#dialog-title').textContent()).resolves.toBe('출고 목록');
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
      await sidebar.getByRole('heading', { name: '파트너 연결 · 동기화 상태' }).scrollIntoViewIfNeeded();
      await sidebar.locator('#status').filter({ hasText: '새로 읽었습니다' }).waitFor();
      await page.screenshot({ path: path.join(paths.build, '..', 'docs', 'preview.png') });
    }
  });
});
