/**
 * The sync's health record (pure): what each run leaves for the sidebar — per partner for the
 * order collection, per step for stock, products and tracking numbers — today's quota tallies,
 * and what staff should do about an error.
 */
import { adviceFor, currentError, healthAfterRun, nextHealth, parseHealth, quotaUse, type HealthRecord, type RunOutcome } from '../../src/jobs/health';

const T = Date.parse('2026-11-23T10:00:00+09:00');
const MIN = 60_000;
const run = (over: Partial<RunOutcome> = {}): RunOutcome => ({ at: T, durationMs: 2_000, trigger: 'tick', fetches: 3, orders: [], steps: [], ...over });

describe('the health record', () => {
  it("records each partner's order collection and each step's outcome", () => {
    const h = nextHealth(null, run({ orders: [{ partnerId: 'PNR001', error: '' }, { partnerId: 'PNR002', error: '호출 한도 초과, 잠시 후 재시도' }], steps: [{ job: 'stock', error: '' }] }));
    expect(h.partners.PNR001!.orders).toEqual({ okAt: T });
    expect(h.partners.PNR002!.orders).toEqual({ errorAt: T, error: '호출 한도 초과, 잠시 후 재시도' });
    expect(h.jobs.stock).toEqual({ okAt: T });
    expect(h.jobs.products).toBeUndefined();
    expect(h.lastRunAt).toBe(T);
    expect(h.lastRunMs).toBe(2_000);
  });

  it('keeps the last success through errors, and an error after it clears (shown as cleared)', () => {
    const ok = nextHealth(null, run({ orders: [{ partnerId: 'PNR001', error: '' }] }));
    const failing = nextHealth(ok, run({ at: T + MIN, orders: [{ partnerId: 'PNR001', error: '카페24 서버 오류 (503)' }] }));
    expect(failing.partners.PNR001!.orders).toEqual({ okAt: T, errorAt: T + MIN, error: '카페24 서버 오류 (503)' });
    expect(currentError(failing.partners.PNR001!.orders)).toEqual({ text: '카페24 서버 오류 (503)', at: T + MIN });
    const again = nextHealth(failing, run({ at: T + 2 * MIN, orders: [{ partnerId: 'PNR001', error: '' }] }));
    expect(again.partners.PNR001!.orders).toEqual({ okAt: T + 2 * MIN, errorAt: T + MIN, error: '카페24 서버 오류 (503)' });
    expect(currentError(again.partners.PNR001!.orders)).toBeNull();
  });

  it('leaves partners and steps a run did not touch as they were', () => {
    const first = nextHealth(null, run({ orders: [{ partnerId: 'PNR003', error: '' }], steps: [{ job: 'products', error: '상품 NJ-MUG → PNR003: 실패' }] }));
    const second = nextHealth(first, run({ at: T + MIN, orders: [{ partnerId: 'PNR001', error: '' }] }));
    expect(second.partners.PNR003).toEqual(first.partners.PNR003);
    expect(second.jobs.products).toEqual(first.jobs.products);
  });

  it("tallies today's URL fetches and trigger time (time-driven runs only), from zero on a new Seoul day", () => {
    let h = nextHealth(null, run({ fetches: 4, durationMs: 1_000 }));
    h = nextHealth(h, run({ at: T + MIN, trigger: 'manual', fetches: 6, durationMs: 30_000 }));
    expect([h.day, h.fetches, h.triggerMs]).toEqual(['2026-11-23', 10, 1_000]);
    // 00:00:30 the next day in Seoul (15:00:30 UTC).
    const tomorrow = Date.parse('2026-11-24T00:00:30+09:00');
    h = nextHealth(h, run({ at: tomorrow, fetches: 2, durationMs: 500 }));
    expect([h.day, h.fetches, h.triggerMs]).toEqual(['2026-11-24', 2, 500]);
  });

  it('reads back what it wrote, and a damaged or foreign entry as nothing', () => {
    const h = nextHealth(null, run());
    expect(parseHealth(JSON.stringify(h))).toEqual(h);
    expect(parseHealth('{"v":2}')).toBeNull();
    expect(parseHealth('not json')).toBeNull();
    expect(parseHealth(undefined)).toBeNull();
  });
});

describe("today's quota use", () => {
  const h: HealthRecord = { ...nextHealth(null, run({ fetches: 1234, durationMs: 90_000 })) };

  it("is measured against a consumer account's limits: 20,000 URL fetches, 90 trigger minutes", () => {
    expect(quotaUse(h, T + MIN, 'consumer')).toEqual({ account: 'consumer', day: '2026-11-23', fetches: { used: 1234, limit: 20_000 }, triggerMinutes: { used: 1.5, limit: 90 } });
  });

  it("is measured against Workspace's when the account is one: 100,000 fetches, 6 hours", () => {
    expect(quotaUse(h, T, 'workspace')).toMatchObject({ fetches: { limit: 100_000 }, triggerMinutes: { limit: 360 } });
  });

  it('starts at zero when the record is from another day', () => {
    expect(quotaUse(h, T + 86_400_000, 'consumer')).toMatchObject({ day: '2026-11-24', fetches: { used: 0 }, triggerMinutes: { used: 0 } });
  });
});

describe('what to do about an error', () => {
  it.each([
    ['카페24 인증이 만료되었습니다. 다시 연결하세요', false, /\[다시 연결\]/],
    ['권한(scope)이 부족합니다: mall.read_order. 카페24 앱 권한을 확인한 뒤 다시 연결하세요', true, /앱 권한을 켠 뒤.*\[다시 연결\]/],
    ['호출 한도 초과, 잠시 후 재시도', false, /^할 일 없음: 다음 실행에서/],
    ['카페24에 연결하지 못했습니다(네트워크 오류 또는 시간 초과). 잠시 후 다시 시도합니다', false, /^할 일 없음: 자동으로 다시 시도/],
    ['카페24 서버 오류 (503)', false, /^할 일 없음/],
    ['파트너명이 비어 있습니다', false, /처리결과 열/],
    ['카페24 앱 정보(client id/secret)를 먼저 저장하세요', false, /client id와 secret/],
    ['[product_name] is too long (product.product_name)', false, /로그 탭/],
  ])('%s → %s', (text, reconnect, advice) => {
    expect(adviceFor(text, reconnect)).toMatch(advice);
  });
});

describe('the record after a sync run', () => {
  const run = (log: Array<{ job: string; level: string; message: string }>, ran: Parameters<typeof healthAfterRun>[1]['ran'] = {}) =>
    parseHealth(healthAfterRun(undefined, { trigger: 'tick', startedAt: 1_000, now: 2_000, fetches: 3, connected: ['PNR001'], marks: [], log, ran }))!;

  test.each(['stock', 'products', 'shipping', 'claims', 'inquiries', 'settlement'] as const)('keeps the %s step: its warning is its error, a run without one its success', (job) => {
    expect(run([{ job, level: 'warn', message: '문제' }]).jobs[job]).toEqual({ errorAt: 1_000, error: '문제' });
    expect(run([], { [job]: true }).jobs[job]).toEqual({ okAt: 1_000 });
  });
});
