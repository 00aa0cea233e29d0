/**
 * Customer inquiries, a step of every sync: buyers' questions read from each connected channel
 * on a slower cadence (every 10 minutes by default, document property `inquiryMinutes`), written
 * to the 문의 tab one row each (found by partner | inquiry id, never by position), answers staff
 * ticked posted through the channel and read back, answers given at the channel directly marked,
 * and an edit after posting sent as an update where the channel allows it.
 *
 * - Cost: on a minute with no account due, no edit of the tab and no row turning late, the step
 *   reads only what the sync already read (its cache entries, and each account's cursor from the
 *   owner's properties the transport has read): no Sheets call, no fetch, no other store.
 * - Never twice: before an answer is sent it is noted as pending (document properties); once the
 *   channel has answered, the note goes. A note found at the start of a run (a run stopped, or
 *   no answer from the channel) makes the step read the inquiry back at the channel first; only
 *   an answer not found there is sent again.
 * - An answer a channel refused is noted with its text and not sent again until staff change it;
 *   the row says why.
 */
import type { ChannelAccount, ChannelError, ChannelRequest, Gateway, InquiryRead, Outcome, PostedAnswer } from '../channels/port';
import { channelLabel, channelOf, isSupportedChannel } from '../channels/registry';
import {
  answerRefusal,
  inquiryKeyOf,
  inquiryLateFrom,
  inquiryTodo,
  inquiryTodoText,
  isInquiryLate,
  type InquiryAnswer,
  type InquirySeen,
} from '../core/inquiries';
import { once } from '../core/once';
import { subject } from '../core/particle';
import type { Clock, KeyValueStore } from '../core/ports';
import { seoulStamp } from '../core/seoul-time';
import { inquiryCells, inquiryRowValues, readTemplates, type InquiryCells } from '../sheet/inquiries';
import type { Lang } from '../sheet/schema';
import { readTable, sameCell } from '../sheet/table';
import { ANSWER_TEMPLATES, INQUIRIES } from '../sheet/tabs';
import { INQUIRIES_EDITED_KEY, INQUIRIES_STATE_KEY, INQUIRY_MINUTES_KEY, INQUIRY_POSTS_KEY, inquiryCursorKey } from './kept';
import type { TablesPort } from './tables';

export const DEFAULT_INQUIRY_MINUTES = 10;
/**
 * With more accounts than this, the default cadence doubles: every account's read costs URL
 * fetches of the day's quota (a list per question board or kind), so ten malls and two marketplaces read
 * every 10 minutes would spend a fifth of a consumer account's 20,000 on questions that may wait
 * 20 minutes of their 24 hours. `inquiryMinutes` set by staff wins.
 */
export const MANY_INQUIRY_ACCOUNTS = 5;
const LATE_RED = '#d93025';
const MINUTE = 60_000;

export interface InquiriesPorts {
  readonly tables: TablesPort;
  readonly gateway: Gateway;
  /** The add-on's store: cursors (the connection owner's), the posts record and the cadence (the document's). */
  readonly store: KeyValueStore;
  readonly clock: Clock;
}

export interface InquiriesInput {
  readonly conns: ReadonlyMap<string, ChannelAccount>;
  /** The sync's one cache read. */
  readonly kept: Readonly<Record<string, string>>;
  readonly lang: Lang;
}

export interface InquiriesReport {
  /** Cache entries for the sync to keep with its own. */
  keep: Record<string, string>;
  wroteSheet: boolean;
  /** Accounts whose inquiries were read this run. */
  read: string[];
  messages: Array<{ level: 'info' | 'warn'; message: string }>;
}

interface StepState {
  /** The edit stamp last acted on. */
  seen: string;
  /** When a row turns late next; null when none will. */
  due: number | null;
  /** Work is left for the next run (a post to read back, a deferred call). */
  retry: boolean;
}

/**
 * Per account, in the owner's properties (written only when it changes: a read that brings
 * nothing new writes nothing): the channel's cursor, the cadence in minutes as last read from
 * the setting, a fingerprint of what the last read showed (the same again is no news: no sheet
 * call), and when a failed read goes again.
 */
interface Kept {
  cursor: string | null;
  every: number;
  seen: string;
  retryAt: number | null;
  /** The last read's trouble ('' when fine): the log hears of it when it starts or changes, not every read. */
  error: string;
}

/**
 * An account is read on the minutes the clock's minute count divides by its cadence (every
 * account in the same run, so their reads share the rounds), after a failed read the next
 * minute, and at once when never read. No write is needed to know when it is due.
 */
function isDue(k: Kept | null, now: number): boolean {
  if (k === null) return true;
  if (k.retryAt !== null && now >= k.retryAt) return true;
  return Math.floor(now / MINUTE) % Math.max(1, k.every) === 0;
}

/** Posts whose outcome is unknown (`pending`) and answers refused (`refused`), by row key. */
interface Posts {
  pending: Record<string, { at: number; text: string }>;
  refused: Record<string, string>;
}

interface Row {
  readonly key: string;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly cells: Record<string, unknown>;
}

/** The add-on's columns of the inquiries tab (built on first use: every execution loads this module). */
const systemColumns = once(() => new Set(INQUIRIES.columns.filter((c) => !c.editable).map((c) => c.key)));
const normalize = (t: string) => t.replace(/\r\n?/g, '\n').trim();

export function runInquiries(input: InquiriesInput, ports: InquiriesPorts): InquiriesReport {
  const now = ports.clock.now();
  const report: InquiriesReport = { keep: {}, wroteSheet: false, read: [], messages: [] };
  const state = parseState(input.kept[INQUIRIES_STATE_KEY]);
  const stamp = input.kept[INQUIRIES_EDITED_KEY] ?? '';
  const accounts = [...input.conns.values()].filter((a) => isSupportedChannel(a.channel) && channelOf(a.channel).inquiries !== undefined);
  const keptOf = new Map(accounts.map((a) => [a.partnerId, parseKept(ports.store.get(inquiryCursorKey(a)))]));
  const due = accounts.filter((a) => isDue(keptOf.get(a.partnerId) ?? null, now));
  const edited = stamp !== '' && stamp !== state?.seen;
  const lateDue = state !== null && state.due !== null && now >= state.due;
  if (state !== null && !edited && !lateDue && !state.retry && due.length === 0) {
    report.keep[INQUIRIES_STATE_KEY] = input.kept[INQUIRIES_STATE_KEY]!;
    return report;
  }
  // 1. What the channels say: accounts due, read together round after round (before any sheet call:
  // a read that brings nothing new touches no sheet).
  const cursors = new Map<string, string>();
  const failed = new Map<string, { error: ChannelError; deferred: boolean }>();
  const seen = new Map<string, InquirySeen[]>();
  const prints = new Map<string, string>();
  if (due.length > 0) {
    const reads = readAll(
      due.map((a) => ({ account: a, read: channelOf(a.channel).inquiries!.collect(a, keptOf.get(a.partnerId)?.cursor ?? null, now) })),
      ports.gateway,
    );
    for (const [id, r] of reads) {
      if (!r.ok) {
        failed.set(id, r);
        continue;
      }
      // Nothing read is no news either: the last fingerprint stands.
      const print = r.items.length === 0 ? (keptOf.get(id)?.seen ?? '') : fingerprint(r.items);
      prints.set(id, print);
      if (r.items.length > 0 && print !== keptOf.get(id)?.seen) seen.set(id, r.items);
      if (r.cursor !== null) cursors.set(id, r.cursor);
    }
  }
  const commitCursors = () => {
    const minutes = due.length > 0 ? cadence(ports.store, accounts.length) : DEFAULT_INQUIRY_MINUTES;
    for (const a of due) {
      const f = failed.get(a.partnerId);
      const old = keptOf.get(a.partnerId) ?? null;
      const kept: Kept = f
        ? // A throttled or timed-out read goes again next minute; a refusal waits its turn.
          { cursor: old?.cursor ?? null, every: minutes, seen: old?.seen ?? '', retryAt: f.deferred || f.error.retryable ? now + MINUTE : null, error: f.error.userMessage }
        : { cursor: cursors.get(a.partnerId) ?? old?.cursor ?? null, every: minutes, seen: prints.get(a.partnerId) ?? '', retryAt: null, error: '' };
      if (f && old?.error !== f.error.userMessage) report.messages.push({ level: 'warn', message: `${a.partnerId}: 문의를 읽지 못했습니다: ${f.error.userMessage}` });
      const text = JSON.stringify(kept);
      if (text !== JSON.stringify(old)) ports.store.set(inquiryCursorKey(a), text);
      if (!f) report.read.push(a.partnerId);
    }
  };
  if (state !== null && !edited && !lateDue && !state.retry && seen.size === 0) {
    commitCursors();
    report.keep[INQUIRIES_STATE_KEY] = input.kept[INQUIRIES_STATE_KEY]!;
    return report;
  }
  const grid = ports.tables.grid(INQUIRIES);
  if (grid === null) {
    report.keep[INQUIRIES_STATE_KEY] = JSON.stringify({ seen: stamp, due: null, retry: false } satisfies StepState);
    return report;
  }
  const table = readTable(INQUIRIES, grid);
  const rows = new Map<string, Row>();
  for (const r of table.rows) {
    if (!r.key || rows.has(r.key)) continue;
    const before = Object.fromEntries(INQUIRIES.columns.map((c) => [c.key, r.get(c.key)]));
    rows.set(r.key, { key: r.key, before, cells: { ...before } });
  }
  const cellsOf = (row: Row): InquiryCells => inquiryCells((k) => row.cells[k]);
  const labelOf = (partnerId: string) => channelLabel(input.conns.get(partnerId)?.channel);
  const posts = parsePosts(ports.store.get(INQUIRY_POSTS_KEY));
  const postsBefore = JSON.stringify(posts);
  let retry = false;
  let added = 0;

  for (const [id, items] of seen) added += merge(rows, id, items, input, labelOf, now);

  // 2. Answers whose outcome is unknown are looked for at the channel before anything is sent again.
  const pendingKeys = Object.keys(posts.pending).filter((k) => rows.has(k));
  for (const k of Object.keys(posts.pending)) if (!rows.has(k)) delete posts.pending[k];
  if (pendingKeys.length > 0) {
    const found = readBack(pendingKeys.map((k) => ({ key: k, at: posts.pending[k]!.at, text: posts.pending[k]!.text })), rows, input, ports, now);
    for (const k of pendingKeys) {
      const row = rows.get(k)!;
      if (found.failed.has(cellsOf(row).partnerId)) {
        retry = true;
        continue;
      }
      const answer = found.answers.get(k);
      if (answer) markPosted(row, answer, now, labelOf, cellsOf(row).kind === 'transfer' ? '이관 확인' : '답변 등록 확인');
      // Not there: it was never posted; it may be sent below.
      delete posts.pending[k];
    }
  }

  // 3. A template picked on a row without an answer fills the answer.
  let templates: Map<string, string> | null = null;
  const templateProblems: string[] = [];
  for (const row of rows.values()) {
    const c = cellsOf(row);
    if (!c.template || c.answer.trim() !== '' || answered(c)) continue;
    templates ??= readTemplates(ports.tables.grid(ANSWER_TEMPLATES));
    const content = templates.get(c.template);
    if (content === undefined) {
      setStatus(row, `답변템플릿 "${c.template}"을(를) 답변템플릿 탭에서 찾을 수 없습니다`);
      templateProblems.push(c.template);
      continue;
    }
    row.cells.answer = content;
  }

  // 4. Ticked answers to post, and edits of answers posted before.
  type Job = { row: Row; account: ChannelAccount; kind: 'post' | 'update'; text: string };
  const jobs: Job[] = [];
  for (const row of rows.values()) {
    const c = cellsOf(row);
    if (!c.post || posts.pending[row.key]) continue;
    const account = input.conns.get(c.partnerId);
    const text = c.answer;
    if (answered(c)) {
      if (normalize(text) === '' || normalize(text) === normalize(c.postedAnswer)) continue;
      if (posts.refused[row.key] === normalize(text)) continue;
      const cap = account ? channelOf(account.channel).inquiries : undefined;
      if (!c.answerId || c.answerId.startsWith('c') || !cap?.update) {
        setStatus(row, `${labelOf(c.partnerId)}에서 직접 등록된 답변은 ${labelOf(c.partnerId)} 관리자에서 수정하세요`);
        continue;
      }
      const refusal = answerRefusal(text);
      if (refusal) {
        setStatus(row, `✗ ${refusal}`);
        continue;
      }
      jobs.push({ row, account: account!, kind: 'update', text });
      continue;
    }
    if (!account) {
      setStatus(row, '연결된 채널이 없어 답변을 보낼 수 없습니다 (파트너 탭의 연결 확인)');
      continue;
    }
    // A hand-over (Coupang's TRANSFER) is confirmed, not answered: no text goes.
    const confirmOnly = c.kind === 'transfer';
    if (posts.refused[row.key] === normalize(confirmOnly ? '' : text)) continue;
    const refusal = confirmOnly ? null : answerRefusal(text);
    if (refusal) {
      setStatus(row, `✗ ${refusal}`);
      continue;
    }
    jobs.push({ row, account, kind: 'post', text: confirmOnly ? '' : text });
  }
  let posted = 0;
  let refusedNow = 0;
  if (jobs.length > 0) {
    // Noted before sending: a run stopped after the call reads it back instead of sending again.
    for (const j of jobs) if (j.kind === 'post') posts.pending[j.row.key] = { at: now, text: normalize(j.text) };
    ports.store.set(INQUIRY_POSTS_KEY, JSON.stringify(posts));
    const outcomes = runChained(
      ports.gateway,
      jobs.map((j) => {
        const cap = channelOf(j.account.channel).inquiries!;
        const c = cellsOf(j.row);
        if (j.kind === 'post') return cap.answer(j.account, { inquiryId: c.inquiryId, title: c.title }, j.text);
        const update = cap.update!(j.account, c.inquiryId, c.answerId, j.text);
        return { ...update, read: (r): PostedAnswer => (update.read(r), { answerId: c.answerId }) };
      }),
    );
    const toConfirm: Array<{ key: string; at: number; text: string }> = [];
    jobs.forEach((j, i) => {
      const o = outcomes[i]!;
      const label = labelOf(j.account.partnerId);
      if (o.ok) {
        if (j.kind === 'post') toConfirm.push({ key: j.row.key, at: now, text: normalize(j.text) });
        else {
          set(j.row, 'postedAnswer', j.text);
          setStatus(j.row, `✓ ${seoulStamp(now)} 답변 수정`);
          delete posts.refused[j.row.key];
        }
        return;
      }
      // Only a refusal proves nothing was done: no answer, a server error or a deferral after
      // sending may have posted it, so it is read back before anything is sent again.
      const refusedByChannel = o.error.kind === 'rateLimited' || !(['network', 'server', 'response'] as string[]).includes(o.error.kind);
      if (j.kind === 'post' && !refusedByChannel) {
        retry = true;
        setStatus(j.row, `${label}: 응답이 없어 등록 여부를 다음 실행에서 확인합니다 (다시 보내기 전에 확인)`);
        return;
      }
      delete posts.pending[j.row.key];
      if (o.error.retryable || o.deferred) {
        retry = true;
        setStatus(j.row, `${label} 오류: ${o.error.userMessage} (다음 실행에서 다시 시도)`);
        return;
      }
      refusedNow++;
      // Keys or access refused say nothing of the answer: it goes again once the tab is edited.
      if (!(['auth', 'scope', 'forbidden', 'oauth'] as string[]).includes(o.error.kind)) posts.refused[j.row.key] = normalize(j.text);
      // Status 0: the channel's own check before sending (a key missing, an inquiry closed), said as it is.
      const refusal = o.error.status === 0 ? o.error.userMessage : `${subject(label)} ${j.text === '' ? '이관 확인을' : '답변을'} 거부했습니다: ${o.error.userMessage}${o.error.channelMessage ? ` (${o.error.channelMessage})` : ''}`;
      setStatus(j.row, `✗ ${refusal}`);
    });
    // 5. Read back what was posted: the row is marked from what the channel shows.
    if (toConfirm.length > 0) {
      const found = readBack(toConfirm, rows, input, ports, now);
      for (const t of toConfirm) {
        const row = rows.get(t.key)!;
        const answer = found.answers.get(t.key);
        if (answer) {
          markPosted(row, answer, now, labelOf, t.text === '' ? '이관 확인' : '답변 등록');
          delete posts.pending[t.key];
          delete posts.refused[t.key];
          posted++;
        } else {
          // Posted but not seen yet: the pending note stays and the next run looks again.
          retry = true;
          setStatus(row, `${labelOf(cellsOf(row).partnerId)}: 답변을 보냈습니다. 등록 확인 중`);
        }
      }
    }
  }
  if (JSON.stringify(posts) !== postsBefore) ports.store.set(INQUIRY_POSTS_KEY, JSON.stringify(posts));

  // 6. To-dos and lateness, from the rows as they now are.
  const next: StepState = { seen: stamp, due: null, retry: retry || Object.keys(posts.pending).length > 0 };
  const colors: Array<{ key: string; color: string | null }> = [];
  for (const row of rows.values()) {
    const c = cellsOf(row);
    const s = { askedAt: c.askedAt, answeredAt: c.answeredAt, answered: answered(c), confirm: c.kind === 'transfer' };
    set(row, 'todo', inquiryTodoText(inquiryTodo(s, now)));
    const late = isInquiryLate(s, now);
    const wasLate = row.before !== null && String(row.before.todo ?? '').startsWith('1 ');
    if (late !== wasLate) colors.push({ key: row.key, color: late ? LATE_RED : null });
    const from = inquiryLateFrom(s);
    if (from !== null && from > now) next.due = next.due === null ? from : Math.min(next.due, from);
  }

  // 7. Write: new rows in one append, changed cells by key, then the colours.
  const appends: Array<Record<string, unknown>> = [];
  const updates: Array<{ key: string; values: Record<string, unknown> }> = [];
  for (const row of rows.values()) {
    if (row.before === null) {
      appends.push(row.cells);
      continue;
    }
    const changed = Object.entries(row.cells).filter(([k, v]) => (systemColumns().has(k) || k === 'answer') && !sameCell(v, row.before![k]));
    if (changed.length > 0) updates.push({ key: row.key, values: Object.fromEntries(changed) });
  }
  if (updates.length > 0) ports.tables.writeByKey(INQUIRIES, updates);
  if (appends.length > 0) ports.tables.appendRows(INQUIRIES, grid[0] ?? [], appends);
  if (colors.length > 0) ports.tables.setFontColors(INQUIRIES, 'answerBy', colors);
  report.wroteSheet = updates.length + appends.length + colors.length > 0;

  // 8. Cursors move only once what they cover is in the sheet.
  commitCursors();
  report.keep[INQUIRIES_STATE_KEY] = JSON.stringify(next);

  if (added > 0) report.messages.push({ level: 'info', message: `문의 ${added}건 추가` });
  if (posted > 0) report.messages.push({ level: 'info', message: `답변 ${posted}건 등록` });
  if (refusedNow > 0) report.messages.push({ level: 'warn', message: `답변 ${refusedNow}건이 거부되었습니다 (문의 탭 처리결과 열 참고)` });
  if (templateProblems.length > 0) report.messages.push({ level: 'warn', message: `답변템플릿을 찾을 수 없습니다: ${[...new Set(templateProblems)].join(', ')}` });
  return report;
}

/** Answered at the channel: by the add-on (an answer id) or there directly (an answer time). */
function answered(c: InquiryCells): boolean {
  return c.answerId !== '' || c.answeredAt !== null;
}

function set(row: Row, column: string, value: unknown): void {
  if (!systemColumns().has(column)) throw new Error(`inquiries: ${column} is a staff column`);
  row.cells[column] = value;
}

function setStatus(row: Row, text: string): void {
  set(row, 'status', text);
}

function markPosted(row: Row, a: InquiryAnswer, now: number, labelOf: (p: string) => string, what: string): void {
  set(row, 'answeredAt', new Date(a.at ?? now));
  set(row, 'answeredBy', a.by);
  if (a.text !== null) set(row, 'postedAnswer', a.text);
  if (a.answerId !== null) set(row, 'answerId', a.answerId);
  setStatus(row, `✓ ${seoulStamp(a.at ?? now)} ${what} (${labelOf(String(row.cells.partnerId ?? ''))})`);
}

/** The channels' word on the rows: new questions as new rows, answers seen marked. Returns rows added. */
function merge(rows: Map<string, Row>, partnerId: string, items: readonly InquirySeen[], input: InquiriesInput, labelOf: (p: string) => string, now: number): number {
  let added = 0;
  const answers: Array<{ key: string; answer: InquiryAnswer }> = [];
  for (const x of items) {
    if (x.kind === 'answer') {
      answers.push({ key: inquiryKeyOf({ partnerId, inquiryId: x.inquiryId }), answer: x.answer });
      continue;
    }
    const key = inquiryKeyOf(x.inquiry);
    let row = rows.get(key);
    if (!row) {
      row = { key, before: null, cells: {} };
      rows.set(key, row);
      added++;
    }
    for (const [k, v] of Object.entries(inquiryRowValues(x.inquiry, labelOf(partnerId), input.lang))) set(row, k, v);
    if (x.inquiry.answer) answers.push({ key, answer: x.inquiry.answer });
  }
  for (const { key, answer } of answers) {
    const row = rows.get(key);
    if (!row) continue;
    const c = inquiryCells((k) => row.cells[k]);
    if (c.answerId !== '') {
      // Ours (or one seen before), read again: its text as the channel now has it; another answer beside it changes nothing.
      if (answer.answerId === c.answerId && answer.text !== null) set(row, 'postedAnswer', answer.text);
      continue;
    }
    // A status without text says nothing new about a row already answered.
    if (c.answeredAt !== null && answer.text === null) continue;
    set(row, 'answeredAt', new Date(answer.at ?? now));
    set(row, 'answeredBy', answer.by);
    if (answer.text !== null) set(row, 'postedAnswer', answer.text);
    // One the add-on can edit keeps its id; one given in the channel's admin is marked answered only.
    if (answer.editable && answer.answerId !== null) set(row, 'answerId', answer.answerId);
    setStatus(row, `${labelOf(partnerId)}에서 답변됨${answer.at ? ` (${seoulStamp(answer.at)})` : ''}`);
  }
  return added;
}

/** Answers and the calls their answers still ask for, until none is left (a few steps at most). */
function runChained(gateway: Gateway, requests: ReadonlyArray<ChannelRequest<PostedAnswer>>): Outcome<PostedAnswer>[] {
  const outcomes = gateway.run(requests);
  for (let step = 0; step < 3; step++) {
    const follow = outcomes.flatMap((o, i) => (o.ok && o.value.then ? [i] : []));
    if (follow.length === 0) break;
    const more = gateway.run(follow.map((i) => (outcomes[i] as { value: PostedAnswer }).value.then!));
    follow.forEach((i, k) => (outcomes[i] = more[k]!));
  }
  return outcomes;
}

type ReadResult = { ok: true; items: InquirySeen[]; cursor: string | null } | { ok: false; error: ChannelError; deferred: boolean };

/** Every account's read chain, all accounts in the same rounds, until each is done or fails. */
function readAll(starts: ReadonlyArray<{ account: ChannelAccount; read: InquiryRead }>, gateway: Gateway): Map<string, ReadResult> {
  const out = new Map<string, ReadResult>();
  const items = new Map<string, InquirySeen[]>();
  let open = starts.map((s) => ({ id: s.account.partnerId, read: s.read }));
  for (const s of open) items.set(s.id, []);
  while (open.length > 0) {
    const outcomes = gateway.run(open.map((o) => o.read.request));
    const still: typeof open = [];
    open.forEach((o, i) => {
      const r = outcomes[i]!;
      if (!r.ok) {
        out.set(o.id, { ok: false, error: r.error, deferred: r.deferred });
        return;
      }
      items.get(o.id)!.push(...r.value.items);
      if (r.value.next) still.push({ id: o.id, read: r.value.next });
      else out.set(o.id, { ok: true, items: items.get(o.id)!, cursor: r.value.cursor });
    });
    open = still;
  }
  return out;
}

/** The answers the channels now show for these rows (read from each post's time on). */
function readBack(
  targets: ReadonlyArray<{ key: string; at: number; text: string }>,
  rows: ReadonlyMap<string, Row>,
  input: InquiriesInput,
  ports: InquiriesPorts,
  now: number,
): { answers: Map<string, InquiryAnswer>; failed: Set<string> } {
  const byPartner = new Map<string, { ids: string[]; since: number; askedFrom: number | undefined }>();
  const sentText = new Map(targets.map((t) => [t.key, t.text]));
  for (const t of targets) {
    const c = inquiryCells((k) => rows.get(t.key)!.cells[k]);
    const p = byPartner.get(c.partnerId) ?? { ids: [], since: t.at, askedFrom: undefined };
    p.ids.push(c.inquiryId);
    p.since = Math.min(p.since, t.at);
    // Some channels can find a question only by when it was asked.
    if (c.askedAt !== null) p.askedFrom = Math.min(p.askedFrom ?? c.askedAt, c.askedAt);
    byPartner.set(c.partnerId, p);
  }
  const starts = [...byPartner.entries()].flatMap(([partnerId, p]) => {
    const account = input.conns.get(partnerId);
    const cap = account ? channelOf(account.channel).inquiries : undefined;
    return account && cap ? [{ account, read: cap.readBack(account, p.ids, p.since - MINUTE, now, p.askedFrom) }] : [];
  });
  const answers = new Map<string, InquiryAnswer>();
  const failed = new Set<string>([...byPartner.keys()].filter((id) => !input.conns.has(id)));
  for (const [id, r] of readAll(starts, ports.gateway)) {
    if (!r.ok) {
      failed.add(id);
      continue;
    }
    for (const x of r.items) {
      // Ours: an answer the add-on can edit (a reply it made), the latest one; where the channel
      // names no author and allows no edit, the answer with the text sent; for a confirm, any.
      const answer = x.kind === 'answer' ? x.answer : x.inquiry.answer;
      const key = inquiryKeyOf({ partnerId: id, inquiryId: x.kind === 'answer' ? x.inquiryId : x.inquiry.inquiryId });
      const sent = sentText.get(key);
      if (answer && (answer.editable || sent === '' || (sent !== undefined && answer.text !== null && normalize(answer.text) === sent))) answers.set(key, answer);
    }
  }
  return { answers, failed };
}

/** Minutes between reads (a document setting, asked only on a minute an account is due). */
/** The cadence in minutes: `inquiryMinutes` as set, else 10, or 20 for more than MANY_INQUIRY_ACCOUNTS accounts. */
export function cadence(store: KeyValueStore, accounts: number): number {
  const n = Number(store.get(INQUIRY_MINUTES_KEY) ?? '');
  if (Number.isInteger(n) && n >= 1 && n <= 1440) return n;
  return accounts > MANY_INQUIRY_ACCOUNTS ? 2 * DEFAULT_INQUIRY_MINUTES : DEFAULT_INQUIRY_MINUTES;
}

function parseState(text: string | undefined): StepState | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<StepState>;
    return typeof s.seen === 'string' ? { seen: s.seen, due: typeof s.due === 'number' ? s.due : null, retry: s.retry === true } : null;
  } catch {
    return null;
  }
}

/** A short fingerprint of a read's items (djb2 over their JSON). */
function fingerprint(items: readonly InquirySeen[]): string {
  const text = JSON.stringify(items);
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${items.length}.${h.toString(36)}`;
}

function parseKept(text: string | null): Kept | null {
  if (!text) return null;
  try {
    const k = JSON.parse(text) as Partial<Kept>;
    return {
      cursor: typeof k.cursor === 'string' ? k.cursor : null,
      every: typeof k.every === 'number' ? k.every : DEFAULT_INQUIRY_MINUTES,
      seen: typeof k.seen === 'string' ? k.seen : '',
      retryAt: typeof k.retryAt === 'number' ? k.retryAt : null,
      error: typeof k.error === 'string' ? k.error : '',
    };
  } catch {
    return null;
  }
}

function parsePosts(text: string | null): Posts {
  try {
    const p = text ? (JSON.parse(text) as Partial<Posts>) : {};
    return { pending: p.pending ?? {}, refused: p.refused ?? {} };
  } catch {
    return { pending: {}, refused: {} };
  }
}
