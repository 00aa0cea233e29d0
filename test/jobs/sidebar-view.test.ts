/**
 * What the sidebar shows (pure): the trigger's cadence as a bound script or an add-on, each
 * partner's connection state, and per job the last success, lag, next run, queue and the last
 * error with what to do.
 */
import { nextHealth } from '../../src/jobs/health';
import type { NextRunPreview } from '../../src/jobs/next-run-preview';
import { sidebarView, type PartnerFacts, type SidebarFacts } from '../../src/jobs/sidebar-view';

const T = Date.parse('2026-11-23T10:00:30+09:00');
const MIN = 60_000;
const DAY = 86_400_000;

const preview = (over: Partial<NextRunPreview> = {}): NextRunPreview => ({
  counts: { stock: 0, products: 0, productsWaiting: 0, tracking: 0 },
  byPartner: {},
  productsNextBatchAt: null,
  lines: [],
  omitted: 0,
  summary: '재고 0건, 상품 0건, 송장 0건',
  ...over,
});

const mall = (over: Partial<PartnerFacts> = {}): PartnerFacts => ({
  partnerId: 'PNR001',
  name: '나잘란 본사몰',
  mallId: 'najalran',
  channelSupported: true,
  connect: { kind: 'oauth', channelLabel: '카페24' },
  keysSaved: false,
  problem: null,
  connectionCell: '연결됨',
  refreshExpiresAt: T + 13 * DAY,
  ...over,
});

const facts = (over: Partial<SidebarFacts> = {}): SidebarFacts => ({
  lang: 'ko',
  now: T,
  tabs: [],
  appSaved: true,
  owner: 'owner@najalran.example',
  me: 'owner@najalran.example',
  installed: true,
  cadence: 'minute',
  account: 'consumer',
  quietStride: 2,
  partners: [mall()],
  health: nextHealth(null, { at: T - 20_000, durationMs: 900, trigger: 'tick', fetches: 2, orders: [{ partnerId: 'PNR001', error: '' }], steps: [{ job: 'stock', error: '' }] }),
  preview: preview(),
  stockDirty: false,
  statementMail: true,
  resellerSheets: 0,
  today: [],
  ...over,
});

const jobOf = (s: ReturnType<typeof sidebarView>, job: string) => s.partners[0]!.jobs.find((j) => j.job === job)!;

describe('the sidebar state', () => {
  it('says who owns the Cafe24 connection: the person looking, another editor, or nobody yet', () => {
    expect(sidebarView(facts()).connection).toEqual({ owner: 'owner@najalran.example', mine: true, text: expect.stringContaining('나 (owner@najalran.example)') });
    expect(sidebarView(facts({ me: 'packer@najalran.example' })).connection).toEqual({
      owner: 'owner@najalran.example',
      mine: false,
      text: expect.stringMatching(/^카페24 연결 담당: owner@najalran\.example\. 몰 연결과 몰 호출은 담당자 계정으로/),
    });
    expect(sidebarView(facts({ owner: null })).connection).toMatchObject({ owner: null, mine: false, text: expect.stringContaining('아직 없음') });
  });

  it('says the cadence as the deployment allows it: every minute bound to the sheet, hourly as an Editor add-on', () => {
    expect(sidebarView(facts()).sync).toMatchObject({ cadenceText: '1분마다', deploymentText: expect.stringContaining('시트에 연결된 스크립트') });
    expect(sidebarView(facts({ cadence: 'hour' })).sync).toMatchObject({ cadenceText: '1시간마다', deploymentText: expect.stringContaining('에디터 부가기능') });
  });

  it('says under the sync’s line when quiet accounts are read less often than every two minutes for the quota, and nothing at two', () => {
    expect(sidebarView(facts({ quietStride: 4 })).sync.notice).toBe('웹훅 없이 읽는 계정이 많아, 개인 계정 하루 URL 호출 한도의 절반 안에서 조용한 계정의 새 주문을 4분마다 읽습니다 (주문이 바뀐 계정은 매분)');
    expect(sidebarView(facts({ quietStride: 3, account: 'workspace' })).sync.notice).toContain('Google Workspace 하루 URL 호출 한도의 절반 안에서 조용한 계정의 새 주문을 3분마다');
    expect(sidebarView(facts()).sync.notice).toBeNull();
    // No trigger, no reads: nothing to say about their cadence.
    expect(sidebarView(facts({ quietStride: 4, installed: false })).sync.notice).toBeNull();
  });

  it('expects the next run one period after the last, or now when that is past; none when the trigger is off', () => {
    expect(sidebarView(facts()).sync.nextRunAt).toBe(T - 20_000 + MIN);
    expect(sidebarView(facts({ now: T + 5 * MIN })).sync.nextRunAt).toBe(T + 5 * MIN);
    expect(sidebarView(facts({ installed: false })).sync.nextRunAt).toBeNull();
  });

  it('tells connected, not connected, reconnect needed (marked or token dead), and a bad partner row apart', () => {
    const states = sidebarView(
      facts({
        partners: [
          mall(),
          mall({ partnerId: 'PNR002', refreshExpiresAt: null }),
          mall({ partnerId: 'PNR003', connectionCell: '재연결 필요' }),
          mall({ partnerId: 'PNR004', refreshExpiresAt: T - 1 }),
          mall({ partnerId: 'PNR005', problem: '채널계정이 비어 있습니다' }),
        ],
      }),
    ).partners.map((p) => [p.partnerId, p.connection, p.connectionText]);
    expect(states).toEqual([
      ['PNR001', 'connected', '연결됨'],
      ['PNR002', 'notConnected', '연결 안 됨'],
      ['PNR003', 'reconnect', '재연결 필요'],
      ['PNR004', 'reconnect', '재연결 필요'],
      ['PNR005', 'invalid', '파트너 행 오류'],
    ]);
  });

  it('shows per job the last success and its lag, the next run and the queue', () => {
    const s = sidebarView(facts({ preview: preview({ byPartner: { PNR001: { stock: 3, products: 2, productsWaiting: 7, tracking: 1, notInMall: 0 } }, productsNextBatchAt: T + 4 * MIN }) }));
    expect(s.partners[0]!.jobs.map((j) => [j.label, j.lastOkAt, j.lagMs, j.nextRunAt, j.waiting])).toEqual([
      ['주문 수집', T - 20_000, 20_000, T + 40_000, null],
      ['재고 전송', T - 20_000, 20_000, T - 20_000 + 30 * MIN, 3],
      ['상품 전송', null, null, T + 4 * MIN, 7],
      ['송장 전송', null, null, T + 40_000, 1],
    ]);
  });

  it('runs stock at the next tick once staff edited the master or ratios', () => {
    expect(jobOf(sidebarView(facts({ stockDirty: true })), 'stock').nextRunAt).toBe(T + 40_000);
  });

  it('shows the last error with what to do; once a later run succeeds it is shown as cleared', () => {
    const failing = nextHealth(facts().health, { at: T, durationMs: 500, trigger: 'tick', fetches: 1, orders: [{ partnerId: 'PNR001', error: '카페24 인증이 만료되었습니다. 다시 연결하세요' }], steps: [] });
    const s = sidebarView(facts({ health: failing, partners: [mall({ connectionCell: '재연결 필요' })] }));
    expect(jobOf(s, 'orders').error).toEqual({ text: '카페24 인증이 만료되었습니다. 다시 연결하세요', advice: expect.stringContaining('[다시 연결]'), at: T, cleared: false });
    const cleared = nextHealth(failing, { at: T + MIN, durationMs: 500, trigger: 'tick', fetches: 1, orders: [{ partnerId: 'PNR001', error: '' }], steps: [] });
    expect(jobOf(sidebarView(facts({ health: cleared, now: T + MIN })), 'orders').error).toMatchObject({ cleared: true });
  });

  it('shows no jobs for a mall that is not connected yet', () => {
    expect(sidebarView(facts({ partners: [mall({ refreshExpiresAt: null })] })).partners[0]!.jobs).toEqual([]);
  });

  it('is plain JSON, as google.script.run requires (no Date)', () => {
    const s = sidebarView(facts());
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('the settlement section', () => {
  it('offers the last week and month that have ended, in Seoul time', () => {
    // Monday 2026-11-23 10:00 KST: last week is 11-16 to 11-22 (ISO 2026-W47); last month October.
    expect(sidebarView(facts()).settlement).toEqual({ lastWeek: { label: '2026-W47', range: '2026-11-16~2026-11-22' }, lastMonth: '2026-10', statementMail: true, resellerSheets: 0 });
  });

  it('on Monday just after midnight in Seoul (Sunday in UTC), last week is already the one just ended', () => {
    const s = sidebarView(facts({ now: Date.parse('2026-11-23T00:05:00+09:00') }));
    expect(s.settlement.lastWeek.label).toBe('2026-W47');
  });
});

describe('claims and settlement in the health table', () => {
  it('appear once they have run, with their last error and what to do', () => {
    const health = nextHealth(null, { at: T - 20_000, durationMs: 900, trigger: 'tick', fetches: 2, orders: [{ partnerId: 'PNR001', error: '' }], steps: [{ job: 'claims', error: '카페24 서버 오류 (500)' }] });
    const jobs = sidebarView(facts({ health })).partners[0]!.jobs;
    expect(jobs.map((j) => j.label)).toEqual(['주문 수집', '재고 전송', '상품 전송', '송장 전송', '클레임 처리']);
    expect(jobs.at(-1)!.error).toMatchObject({ text: '카페24 서버 오류 (500)', advice: expect.stringMatching(/자동으로 다시 시도합니다/) });
  });

  it('shows the inquiry job like the others once it has read, with its last success', () => {
    const health = nextHealth(null, { at: T - 20_000, durationMs: 900, trigger: 'tick', fetches: 4, orders: [{ partnerId: 'PNR001', error: '' }], steps: [{ job: 'inquiries', error: '' }] });
    const jobs = sidebarView(facts({ health })).partners[0]!.jobs;
    expect(jobs.map((j) => j.label)).toEqual(['주문 수집', '재고 전송', '상품 전송', '송장 전송', '문의 답변']);
    expect(jobs.at(-1)).toMatchObject({ job: 'inquiries', lastOkAt: T - 20_000, error: null });
  });
});

describe('a marketplace partner, connected with API keys', () => {
  const store = (over: Partial<PartnerFacts> = {}) => mall({ partnerId: 'PNR004', mallId: 'seller4', connect: { kind: 'apiKeys', channelLabel: '스마트스토어', fields: [{ name: 'clientId', label: '애플리케이션 ID', secret: false }] }, refreshExpiresAt: null, ...over });

  test('is not connected until its keys are kept, and then is, with no token to expire', () => {
    expect(sidebarView(facts({ partners: [store({ keysSaved: false, connectionCell: '' })] })).partners[0]).toMatchObject({ connection: 'notConnected', connect: { kind: 'apiKeys', fields: [{ name: 'clientId' }] } });
    expect(sidebarView(facts({ partners: [store({ keysSaved: true })] })).partners[0]).toMatchObject({ connection: 'connected', tokenExpiresAt: null });
  });

  test('needs a reconnect when the marketplace refused its keys', () => {
    expect(sidebarView(facts({ partners: [store({ keysSaved: true, connectionCell: '재연결 필요' })] })).partners[0]!.connection).toBe('reconnect');
  });
});
