/**
 * Customer inquiries as a use case, with no runtime: the 문의 and 답변템플릿 tabs, the store and a
 * channel are all in memory. What staff see is the tab's rows; what the buyer sees is the
 * channel's answer.
 */
import type * as Inquiries from '../../src/jobs/inquiries';
import type * as Gateway from '../../src/jobs/gateway';
import type * as Kept from '../../src/jobs/kept';
import type * as Tabs from '../../src/sheet/tabs';
import { MemoryChannel, serveFromRegistry, memoryAccount } from './memory-channel';
import { MemoryCache, MemoryStore, SimClock } from './memory-ports';
import { MemoryTables } from './memory-tables';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { runInquiries } = require('../../src/jobs/inquiries') as typeof Inquiries;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;
const { INQUIRIES_EDITED_KEY, INQUIRY_POSTS_KEY, inquiryCursorKey } = require('../../src/jobs/kept') as typeof Kept;
const { INQUIRIES, ANSWER_TEMPLATES } = require('../../src/sheet/tabs') as typeof Tabs;

const T0 = Date.parse('2026-12-04T09:00:00+09:00');
const MIN = 60_000;
const HOUR = 3_600_000;
const own = memoryAccount('PNR001', 'ownshop');

let clock: SimClock;
let tables: MemoryTables;
let store: MemoryStore;
let kept: Record<string, string>;

beforeEach(() => {
  channel.questions.length = 0;
  channel.answersPosted.length = 0;
  channel.received.length = 0;
  channel.readBacks.length = 0;
  clock = new SimClock(T0);
  channel.nowForAnswers = () => clock.now();
  tables = new MemoryTables();
  tables.put(INQUIRIES, []);
  tables.put(ANSWER_TEMPLATES, [{ name: '배송 지연', content: '택배사 사정에 따라 지연될 수 있는 점 양해 부탁드립니다.' }]);
  store = new MemoryStore();
  kept = {};
});

/** One sync's inquiries step; what it keeps is kept for the next. */
function run() {
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
  const report = runInquiries({ conns: new Map([['PNR001', own]]), kept, lang: 'ko' }, { tables, gateway, store, clock });
  Object.assign(kept, report.keep);
  return report;
}

const row = (id: string) => tables.row(INQUIRIES, `PNR001|${id}`);
/** A person types in the row (onEdit leaves its mark). */
function staff(id: string, values: Record<string, unknown>) {
  tables.writeByKey(INQUIRIES, [{ key: `PNR001|${id}`, values }]);
  kept[INQUIRIES_EDITED_KEY] = String(clock.now());
}

test('a question arrives as a row with its answer-by 24 hours on and a to-do; the cursor is kept for the account', () => {
  channel.ask('ownshop', 'Q1', T0 - HOUR);
  run();
  const r = row('Q1');
  expect(r.question).toBe('이 셔츠 M 사이즈 있나요?');
  expect(r.kind).toBe('상품');
  expect((r.answerBy as Date).getTime()).toBe(T0 - HOUR + 24 * HOUR);
  expect(r.todo).toBe('2 답변 필요 (12-05 08:00까지)');
  expect(JSON.parse(store.get(inquiryCursorKey(own))!)).toMatchObject({ every: 10, retryAt: null });
});

test('on minutes it does not read, the step costs nothing: no sheet, no request, no store write', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  const calls = tables.calls.length;
  const requests = channel.received.length;
  const writes = store.writes.length;
  for (let m = 1; m < 10; m++) {
    clock.advance(MIN);
    run();
  }
  expect(tables.calls.length).toBe(calls);
  expect(channel.received.length).toBe(requests);
  expect(store.writes.length).toBe(writes);
  clock.advance(MIN);
  run();
  expect(channel.received.length).toBeGreaterThan(requests);
  // Read again with nothing new: still no sheet call, and nothing to keep.
  expect(tables.calls.length).toBe(calls);
  expect(store.writes.length).toBe(writes);
});

test('an answer typed and ticked is posted once, read back, and the row marked answered', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  clock.advance(MIN);
  staff('Q1', { answer: '네, M 사이즈 있습니다.', post: true });
  run();
  expect(channel.answersPosted).toEqual(['ownshop Q1 네, M 사이즈 있습니다.']);
  const r = row('Q1');
  expect(r.postedAnswer).toBe('네, M 사이즈 있습니다.');
  expect(r.answerId).toBe(channel.questions[0]!.answer!.answerId);
  expect(r.todo).toBe('');
  expect(String(r.status)).toMatch(/^✓ 12-04 09:01 답변 등록/);
  // Another edit of the tab (a note elsewhere) posts nothing again.
  clock.advance(MIN);
  kept[INQUIRIES_EDITED_KEY] = String(clock.now());
  run();
  expect(channel.answersPosted).toHaveLength(1);
});

test('a read-back says when the oldest question asked was asked (channels whose lists filter on it find it)', () => {
  channel.ask('ownshop', 'Q1', T0 - 20 * 24 * HOUR);
  channel.ask('ownshop', 'Q2', T0 - HOUR);
  run();
  staff('Q1', { answer: '네', post: true });
  staff('Q2', { answer: '네', post: true });
  run();
  expect(channel.readBacks).toEqual([{ ids: ['Q1', 'Q2'], askedFrom: T0 - 20 * 24 * HOUR }]);
});

test('an answer whose outcome is unknown (the channel took it, the answer was lost) is read back, never posted twice', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  channel.loseAnswerNext('ownshop', 'inquiries.answer');
  staff('Q1', { answer: '확인 후에 추가 답변 드리겠습니다.', post: true });
  run();
  expect(channel.answersPosted).toHaveLength(1);
  expect(String(row('Q1').status)).toContain('다음 실행에서 확인');
  expect(JSON.parse(store.get(INQUIRY_POSTS_KEY)!).pending['PNR001|Q1']).toBeDefined();
  clock.advance(MIN);
  run();
  expect(channel.answersPosted).toHaveLength(1);
  expect(row('Q1').answerId).toBe(channel.questions[0]!.answer!.answerId);
  expect(String(row('Q1').status)).toContain('답변 등록 확인');
  expect(JSON.parse(store.get(INQUIRY_POSTS_KEY)!).pending).toEqual({});
});

test('an answer that never reached the channel (no answer, nothing done) is found missing and sent once', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  channel.failNext('ownshop', 'inquiries.answer', 0);
  staff('Q1', { answer: '재고 확인 중입니다.', post: true });
  run();
  expect(channel.answersPosted).toHaveLength(0);
  clock.advance(MIN);
  run();
  expect(channel.answersPosted).toEqual(['ownshop Q1 재고 확인 중입니다.']);
});

test('a question answered at the channel directly is marked answered, and nothing is posted', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  clock.advance(5 * MIN);
  channel.answerAtChannel('ownshop', 'Q1', '판매자센터에서 답변', clock.now());
  staff('Q1', { answer: '다른 답변', post: true });
  clock.advance(5 * MIN);
  run();
  const r = row('Q1');
  expect(channel.answersPosted).toEqual([]);
  expect(r.postedAnswer).toBe('판매자센터에서 답변');
  expect((r.answeredAt as Date).getTime()).toBe(T0 + 5 * MIN);
  expect(r.todo).toBe('');
  expect(String(r.status)).toContain('관리자에서 수정하세요');
});

test('a question left unanswered turns late on the minute its 24 hours pass: to-do 1 and the answer-by cell red', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  clock.advance(24 * HOUR);
  run();
  expect(row('Q1').todo).toBe('2 답변 필요 (12-05 09:00까지)');
  clock.advance(MIN);
  run();
  expect(row('Q1').todo).toBe('1 답변기한 초과');
  expect(tables.fontColors.get('inquiries|answerBy|PNR001|Q1')).toBe('#d93025');
});

test('a channel refusing an answer says why in the row, and the same answer is not sent again', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  channel.close('ownshop', 'Q1');
  staff('Q1', { answer: '답변', post: true });
  run();
  expect(String(row('Q1').status)).toMatch(/^✗ 메모리몰이 답변을 거부했습니다: 메모리몰 오류 \(400\)/);
  channel.received.length = 0;
  clock.advance(MIN);
  kept[INQUIRIES_EDITED_KEY] = String(clock.now());
  run();
  expect(channel.received.filter((r) => r.endsWith('inquiries.answer'))).toEqual([]);
});

test('a template picked on a row without an answer fills the answer; a 3,000-character answer is posted whole; 4,001 is refused before sending', () => {
  channel.ask('ownshop', 'Q1', T0);
  channel.ask('ownshop', 'Q2', T0);
  channel.ask('ownshop', 'Q3', T0);
  run();
  const long = '가'.repeat(3000);
  staff('Q1', { template: '배송 지연' });
  staff('Q2', { answer: long, post: true });
  staff('Q3', { answer: '나'.repeat(4001), post: true });
  run();
  expect(row('Q1').answer).toBe('택배사 사정에 따라 지연될 수 있는 점 양해 부탁드립니다.');
  expect(channel.answersPosted).toEqual([`ownshop Q2 ${long}`]);
  expect(row('Q2').postedAnswer).toBe(long);
  expect(String(row('Q3').status)).toBe('✗ 답변이 너무 깁니다 (4,001자, 최대 4,000자)');
});

test('an answer edited after posting is sent as an update, once', () => {
  channel.ask('ownshop', 'Q1', T0);
  run();
  staff('Q1', { answer: '첫 답변', post: true });
  run();
  clock.advance(MIN);
  staff('Q1', { answer: '고친 답변' });
  run();
  expect(channel.received.filter((r) => r.endsWith('inquiries.update'))).toHaveLength(1);
  expect(channel.questions[0]!.answer!.text).toBe('고친 답변');
  expect(row('Q1').postedAnswer).toBe('고친 답변');
  expect(channel.answersPosted).toHaveLength(1);
  clock.advance(MIN);
  kept[INQUIRIES_EDITED_KEY] = String(clock.now());
  run();
  expect(channel.received.filter((r) => r.endsWith('inquiries.update'))).toHaveLength(1);
});

test('a read the channel refuses leaves the cursor, is said once in the log, and is tried again at the next read, not every minute', () => {
  channel.ask('ownshop', 'Q1', T0);
  channel.failNext('ownshop', 'inquiries.changed', 403);
  const first = run();
  expect(first.messages).toEqual([{ level: 'warn', message: 'PNR001: 문의를 읽지 못했습니다: 메모리몰 오류 (403)' }]);
  channel.received.length = 0;
  clock.advance(MIN);
  run();
  expect(channel.received).toEqual([]);
  channel.failNext('ownshop', 'inquiries.changed', 403);
  clock.advance(9 * MIN);
  expect(run().messages).toEqual([]);
  clock.advance(10 * MIN);
  run();
  expect(row('Q1').question).toBe('이 셔츠 M 사이즈 있나요?');
});

test('a hand-over (kind 이관) asks for a confirm, and the tick sends it with no text', () => {
  channel.ask('ownshop', 'T1', T0, { kind: 'transfer', title: '', question: '교환 처리 완료' });
  run();
  expect(row('T1')).toMatchObject({ kind: '이관', todo: '2 이관 확인 필요 (12-05 09:00까지)' });
  clock.advance(MIN);
  staff('T1', { post: true });
  run();
  expect(channel.answersPosted).toEqual(['ownshop T1 ']);
  expect(String(row('T1').status)).toMatch(/^✓ 12-04 09:01 이관 확인/);
  expect(row('T1').todo).toBe('');
});

test('a hand-over left unconfirmed for 24 hours turns late as a confirm', () => {
  channel.ask('ownshop', 'T1', T0 - 25 * HOUR, { kind: 'transfer' });
  run();
  expect(row('T1').todo).toBe('1 이관 확인 기한 초과');
});

test('each account is read every 10 minutes, every 20 when more than five accounts share the day’s fetches; inquiryMinutes as set wins', () => {
  const everyOf = (n: number, setting?: string) => {
    store = new MemoryStore();
    if (setting) store.set('inquiryMinutes', setting);
    const accounts = Array.from({ length: n }, (_, i) => memoryAccount(`PNR1${i}`, `shop${i}`));
    const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
    runInquiries({ conns: new Map(accounts.map((a) => [a.partnerId, a])), kept: {}, lang: 'ko' }, { tables, gateway, store, clock });
    return accounts.map((a) => (JSON.parse(store.get(inquiryCursorKey(a))!) as { every: number }).every);
  };
  expect(everyOf(5)).toEqual([10, 10, 10, 10, 10]);
  expect(new Set(everyOf(6))).toEqual(new Set([20]));
  expect(new Set(everyOf(12, '10'))).toEqual(new Set([10]));
});
