import type { Lang } from '../sheet/schema';

/** What the sheet says to its users. Korean first; English kept possible. */
const MESSAGES = {
  menuTitle: { ko: '분양몰', en: 'Partner malls' },
  menuOpenSidebar: { ko: '관리 패널 열기', en: 'Open control panel' },
  menuPickingLists: { ko: '출고 목록 인쇄 (피킹/패킹)', en: 'Print pick and packing lists' },
  menuSetup: { ko: '시트 설정/업그레이드', en: 'Set up / upgrade tabs' },
  menuInstallSync: { ko: '자동 동기화 켜기', en: 'Turn on automatic sync' },
  menuRemoveSync: { ko: '자동 동기화 끄기', en: 'Turn off automatic sync' },
  sidebarTitle: { ko: '분양몰 관리', en: 'Partner malls' },
  systemColumnNote: {
    ko: '시스템이 채우는 열입니다. 직접 수정하지 마세요.',
    en: 'Filled by the add-on. Do not edit.',
  },
  systemColumnProtection: { ko: '분양몰 시스템 열', en: 'Partner mall system columns' },
  setupDone: { ko: '시트 설정 완료: 탭 {created}개 생성, 열 {columns}개 추가', en: 'Setup done: {created} tabs created, {columns} columns added' },
  syncInstalled: { ko: '자동 동기화를 켰습니다 ({cadence})', en: 'Automatic sync is on ({cadence})' },
  syncRemoved: { ko: '자동 동기화를 껐습니다', en: 'Automatic sync is off' },
  cadenceMinute: { ko: '1분마다', en: 'every minute' },
  cadenceHour: { ko: '1시간마다', en: 'every hour' },
  addonHourlyFallback: {
    ko: '부가기능 배포는 1시간보다 자주 실행할 수 없어 1시간마다로 설정했습니다',
    en: 'An Editor add-on cannot run more often than hourly; set to every hour',
  },
  syncSkippedLocked: { ko: '이전 동기화가 아직 실행 중이라 건너뜀', en: 'Skipped: the previous sync is still running' },
  syncIdle: { ko: '동기화: 처리할 작업 없음', en: 'Sync: nothing to do' },
  jobFailed: { ko: '{job} 실패: {message}', en: '{job} failed: {message}' },
  quietStride: {
    ko: '웹훅 없이 읽는 계정이 많아, {quota} 하루 URL 호출 한도의 절반 안에서 조용한 계정의 새 주문을 {minutes}분마다 읽습니다 (주문이 바뀐 계정은 매분)',
    en: 'Many accounts are read without webhooks: to stay within half of the {quota} daily URL fetch quota, quiet accounts\' new orders are read every {minutes} minutes (accounts whose orders changed, every minute)',
  },
  quietStrideBack: { ko: '조용한 계정의 새 주문을 다시 2분마다 읽습니다', en: 'Quiet accounts\' new orders are read every 2 minutes again' },
  quotaConsumer: { ko: '개인 계정', en: 'consumer account' },
  quotaWorkspace: { ko: 'Google Workspace', en: 'Google Workspace' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/**
 * What the log tab calls each job of the add-on (the 작업 column). The same words as the
 * sidebar's cards where a job is on both.
 */
export const LOG_JOBS = {
  orders: { ko: '주문 수집', en: 'Orders' },
  stock: { ko: '재고 전송', en: 'Stock' },
  products: { ko: '상품 전송', en: 'Products' },
  shipping: { ko: '송장 전송', en: 'Shipping' },
  claims: { ko: '클레임 처리', en: 'Claims' },
  inquiries: { ko: '문의 답변', en: 'Inquiries' },
  settlement: { ko: '정산', en: 'Settlement' },
  archive: { ko: '주문 보관', en: 'Archive' },
  reseller: { ko: '파트너 정산시트', en: 'Partner sheets' },
  ledger: { ko: '원장', en: 'Ledger' },
  setup: { ko: '시트 설정', en: 'Setup' },
  install: { ko: '자동 동기화', en: 'Sync trigger' },
  connect: { ko: '채널 연결', en: 'Channel connection' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LogJob = keyof typeof LOG_JOBS;

/** The log tab's 수준 column. */
export const LOG_LEVELS = {
  info: { ko: '정보', en: 'Info' },
  warn: { ko: '경고', en: 'Warning' },
  error: { ko: '오류', en: 'Error' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LogLevel = keyof typeof LOG_LEVELS;

export function message(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
