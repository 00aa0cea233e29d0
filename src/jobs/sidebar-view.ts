import { monthOf, weekOf } from '../core/seoul-week';
/**
 * What the sidebar shows, from what the server has read: the tabs, the trigger, each partner's
 * connection and the health of each of its jobs, today's quota use. Pure; every time is epoch
 * ms and every value JSON (google.script.run refuses Dates). `now` is the server's clock, so
 * the sidebar says "3분 전" against the same clock that wrote the times.
 */
import { adviceFor, currentError, quotaUse, type AccountType, type HealthJob, type HealthRecord, type JobState, type QuotaUse } from './health';
import type { NextRunPreview, PartnerQueue } from './next-run-preview';
import type { TodayItem } from '../core/today';
import { notInMallNotice } from './stock-notice';
import { message } from '../i18n/messages';
import { QUIET_STRIDE_MIN } from './order-cadence';

export type Cadence = 'minute' | 'hour';

export const JOB_LABELS: Readonly<Record<HealthJob, string>> = {
  orders: '주문 수집',
  stock: '재고 전송',
  products: '상품 전송',
  shipping: '송장 전송',
  claims: '클레임 처리',
  inquiries: '문의 답변',
  settlement: '정산',
};

/** Stock is looked at again at least this often even when nothing seems to have changed (sync.ts). */
const STOCK_RECHECK_MS = 30 * 60_000;

export interface TabView {
  key: string;
  title: string;
  present: boolean;
}

export type ConnectionState = 'connected' | 'notConnected' | 'reconnect' | 'invalid' | 'otherChannel';

export interface JobView {
  job: HealthJob;
  label: string;
  lastOkAt: number | null;
  /** How long since the last success. */
  lagMs: number | null;
  /** When the job runs next; null when it has nothing to do or the trigger is off. */
  nextRunAt: number | null;
  /** Queue depth: stock numbers, products or tracking numbers waiting; null for order collection. */
  waiting: number | null;
  error: { text: string; advice: string; at: number; cleared: boolean } | null;
}

/** How a partner's channel is connected: a consent link (OAuth) or keys entered here. */
export type ConnectView =
  | { kind: 'oauth'; channelLabel: string }
  | { kind: 'apiKeys'; channelLabel: string; fields: Array<{ name: string; label: string; secret: boolean }> };

export interface PartnerView {
  partnerId: string;
  name: string;
  mallId: string;
  /** null for a channel the add-on does not connect. */
  connect: ConnectView | null;
  connection: ConnectionState;
  connectionText: string;
  /** When the refresh token dies: after that the mall must be connected again. */
  tokenExpiresAt: number | null;
  /** The partners tab row's problems; such a row is not synced. */
  problem: string | null;
  /** Something to know that is not an error (SKUs the mall lacks yet, with what to do). */
  notice: string | null;
  jobs: JobView[];
}

export interface SidebarState {
  lang: string;
  now: number;
  tabs: TabView[];
  appSaved: boolean;
  /** Who owns the channel connections (the app secret, the tokens, the sync trigger). */
  connection: ConnectionOwnerView;
  sync: {
    installed: boolean;
    cadence: Cadence;
    cadenceText: string;
    deploymentText: string;
    lastRunAt: number | null;
    lastRunMs: number | null;
    nextRunAt: number | null;
    /** Said where the sync's status is: quiet accounts are read less often than every 2 minutes, for the quota. */
    notice: string | null;
  };
  partners: PartnerView[];
  quotas: QuotaUse;
  nextRun: { summary: string; counts: NextRunPreview['counts'] };
  settlement: SettlementView;
  /** 오늘 할 일: what staff act on today, each count opening its rows. */
  today: TodayItem[];
}

/** The settlement section: the periods a person most likely wants, and the mail setting. */
export interface SettlementView {
  /** The last week that has ended, "2026-W47", and its dates. */
  lastWeek: { label: string; range: string };
  /** The last month that has ended, "2026-10". */
  lastMonth: string;
  statementMail: boolean;
  resellerSheets: number;
}

export interface ConnectionOwnerView {
  owner: string | null;
  /** The person looking is the owner. */
  mine: boolean;
  text: string;
}

export interface PartnerFacts {
  partnerId: string;
  name: string;
  mallId: string;
  channelSupported: boolean;
  /** How its channel connects; null when unsupported. */
  connect: ConnectView | null;
  /** For an API-key channel: whether keys are kept (only the owner can tell; others go by the row). */
  keysSaved: boolean;
  problem: string | null;
  /** What the row's connection cell says ("연결됨", "재연결 필요", …). */
  connectionCell: string;
  /** The stored token's refresh expiry; null when none is stored. */
  refreshExpiresAt: number | null;
}

export interface SidebarFacts {
  lang: string;
  now: number;
  tabs: TabView[];
  appSaved: boolean;
  /** Who saved the channel app (the connections' owner), and who is looking. */
  owner: string | null;
  me: string;
  installed: boolean;
  cadence: Cadence;
  account: AccountType;
  /** Every how many minutes the sync last read quiet accounts without webhooks (order-cadence). */
  quietStride: number;
  partners: readonly PartnerFacts[];
  health: HealthRecord | null;
  preview: NextRunPreview;
  /** Staff edited the master or ratios: the next run recomputes stock. */
  stockDirty: boolean;
  statementMail: boolean;
  /** Reseller sheets created so far. */
  resellerSheets: number;
  today: TodayItem[];
}

export function sidebarView(f: SidebarFacts): SidebarState {
  const cadenceMs = f.cadence === 'minute' ? 60_000 : 3_600_000;
  // Apps Script does not say when a trigger fires next: one period after the last run, or now.
  const nextTick = !f.installed ? null : f.health ? Math.max(f.health.lastRunAt + cadenceMs, f.now) : f.now;
  return {
    lang: f.lang,
    now: f.now,
    tabs: f.tabs,
    appSaved: f.appSaved,
    connection: ownerView(f.owner, f.me),
    sync: {
      installed: f.installed,
      cadence: f.cadence,
      cadenceText: f.cadence === 'minute' ? '1분마다' : '1시간마다',
      deploymentText:
        f.cadence === 'minute' ? '시트에 연결된 스크립트: 1분마다 실행' : '에디터 부가기능: 1시간마다 실행 (부가기능은 더 자주 실행할 수 없습니다)',
      lastRunAt: f.health?.lastRunAt ?? null,
      lastRunMs: f.health?.lastRunMs ?? null,
      nextRunAt: nextTick,
      notice: f.installed ? strideNotice(f) : null,
    },
    partners: f.partners.map((p) => partnerView(p, f, nextTick)),
    quotas: quotaUse(f.health, f.now, f.account),
    nextRun: { summary: f.preview.summary, counts: f.preview.counts },
    settlement: settlementView(f),
    today: f.today,
  };
}

/** The sync's line for a quiet stride past 2 minutes (the log says it once, when it changes). */
function strideNotice(f: SidebarFacts): string | null {
  if (f.quietStride <= QUIET_STRIDE_MIN) return null;
  const lang = f.lang === 'en' ? 'en' : 'ko';
  return message(lang, 'quietStride', { minutes: f.quietStride, quota: message(lang, f.account === 'workspace' ? 'quotaWorkspace' : 'quotaConsumer') });
}

function ownerView(owner: string | null, me: string): ConnectionOwnerView {
  if (owner === null) return { owner, mine: false, text: '카페24 연결 담당: 아직 없음 (앱 정보를 저장한 사람이 담당자가 됩니다)' };
  if (owner === me) return { owner, mine: true, text: `카페24 연결 담당: 나 (${owner}). 비밀 정보와 토큰은 내 계정에만 보관됩니다` };
  return { owner, mine: false, text: `카페24 연결 담당: ${owner}. 몰 연결과 몰 호출은 담당자 계정으로 실행됩니다` };
}

function settlementView(f: SidebarFacts): SettlementView {
  const lastWeek = weekOf(weekOf(f.now).start - 1);
  const lastMonth = monthOf(monthOf(f.now).start - 1);
  return { lastWeek: { label: lastWeek.label, range: lastWeek.range }, lastMonth: lastMonth.label, statementMail: f.statementMail, resellerSheets: f.resellerSheets };
}

function partnerView(p: PartnerFacts, f: SidebarFacts, nextTick: number | null): PartnerView {
  const connection = connectionOf(p, f.now);
  const base = { partnerId: p.partnerId, name: p.name, mallId: p.mallId, connect: p.connect, connection, connectionText: CONNECTION_TEXT[connection], tokenExpiresAt: p.refreshExpiresAt, problem: p.problem, notice: null };
  if (connection !== 'connected' && connection !== 'reconnect') return { ...base, jobs: [] };
  const reconnect = connection === 'reconnect';
  const queue: PartnerQueue = f.preview.byPartner[p.partnerId] ?? { stock: 0, products: 0, productsWaiting: 0, tracking: 0, notInMall: 0 };
  const lastRun = (s: JobState | undefined) => Math.max(s?.okAt ?? 0, s?.errorAt ?? 0) || null;
  const stockRun = lastRun(f.health?.jobs.stock);
  const stockNext = nextTick === null ? null : f.stockDirty || stockRun === null ? nextTick : Math.max(nextTick, stockRun + STOCK_RECHECK_MS);
  const productsNext =
    nextTick === null || queue.productsWaiting === 0 ? null : Math.max(nextTick, f.preview.productsNextBatchAt ?? nextTick);
  const jobs: JobView[] = [
    job('orders', f.health?.partners[p.partnerId]?.orders, f.now, nextTick, null, reconnect),
    job('stock', f.health?.jobs.stock, f.now, stockNext, queue.stock, reconnect),
    job('products', f.health?.jobs.products, f.now, productsNext, queue.productsWaiting, reconnect),
    job('shipping', f.health?.jobs.shipping, f.now, queue.tracking > 0 ? nextTick : null, queue.tracking, reconnect),
    // Claims, inquiries and settlement run for every partner in one step, only when there is
    // something to do (inquiries on their own cadence): shown once they have run.
    ...(['claims', 'inquiries', 'settlement'] as const).flatMap((k) => (f.health?.jobs[k] ? [job(k, f.health.jobs[k], f.now, null, null, reconnect)] : [])),
  ];
  return { ...base, notice: queue.notInMall > 0 ? notInMallNotice(queue.notInMall) : null, jobs };
}

function job(kind: HealthJob, s: JobState | undefined, now: number, nextRunAt: number | null, waiting: number | null, reconnect: boolean): JobView {
  const lastOkAt = s?.okAt ?? null;
  const current = currentError(s);
  const error = s?.error && s.errorAt !== undefined ? { text: s.error, advice: adviceFor(s.error, reconnect && current !== null), at: s.errorAt, cleared: current === null } : null;
  return { job: kind, label: JOB_LABELS[kind], lastOkAt, lagMs: lastOkAt === null ? null : Math.max(0, now - lastOkAt), nextRunAt, waiting, error };
}

const CONNECTION_TEXT: Readonly<Record<ConnectionState, string>> = {
  connected: '연결됨',
  notConnected: '연결 안 됨',
  reconnect: '재연결 필요',
  invalid: '파트너 행 오류',
  otherChannel: '연동하지 않는 채널',
};

function connectionOf(p: PartnerFacts, now: number): ConnectionState {
  if (p.problem) return 'invalid';
  if (!p.channelSupported) return 'otherChannel';
  if (p.connect?.kind === 'apiKeys') return !p.keysSaved ? 'notConnected' : p.connectionCell === '재연결 필요' ? 'reconnect' : 'connected';
  if (p.refreshExpiresAt === null) return 'notConnected';
  if (p.connectionCell === '재연결 필요' || p.refreshExpiresAt <= now) return 'reconnect';
  return 'connected';
}
