import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { CHANNEL_ACTIONS } from './channel-actions';

/**
 * A scenario: everything a user and a channel can do to the sheet over a stretch of time.
 * JSON, validated here; each mistake is reported with its path (e.g. `events[3].at`).
 */

/** A time: an ISO date-time with offset, or an offset from the start like "+90m", "+1h30m", "+2d", "+20m10.5s". */
const Time = z.string().refine((s) => parseOffset(s) !== null || !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO date-time such as 2026-11-23T09:00:00+09:00, or an offset from the start such as +90m, +1h30m, +2d',
});

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Grid = z.array(z.array(Cell));

const SheetSeed = z.object({
  name: z.string().min(1),
  values: Grid.default([]),
  frozenRows: z.number().int().min(0).optional(),
});

const at = { at: Time };

const Edit = z.object({
  ...at,
  type: z.literal('edit'),
  sheet: z.string().min(1).describe('tab title'),
  range: z.string().min(1).describe('A1 notation of the top-left cell or the whole range'),
  values: Grid.min(1),
});
const EditRow = z.object({
  ...at,
  type: z.literal('editRow'),
  sheet: z.string().min(1).describe('tab title'),
  where: z
    .record(z.string(), z.string())
    .optional()
    .describe('header → cell text that finds the row (the first that matches); absent: the first empty row below the last, as appendRow'),
  set: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .refine((o) => Object.keys(o).length > 0, 'expected at least one header → value to type')
    .describe('header → what to type, one cell at a time'),
});
const Sort = z.object({
  ...at,
  type: z.literal('sort'),
  sheet: z.string().min(1),
  column: z.union([z.number().int().min(1), z.string().min(1)]).describe('1-based column, or a header label'),
  ascending: z.boolean().default(true),
});
const InsertRows = z.object({ ...at, type: z.literal('insertRows'), sheet: z.string().min(1), before: z.number().int().min(1), count: z.number().int().min(1).default(1) });
const DeleteRows = z.object({ ...at, type: z.literal('deleteRows'), sheet: z.string().min(1), row: z.number().int().min(2), count: z.number().int().min(1).default(1) });
const MoveColumn = z.object({ ...at, type: z.literal('moveColumn'), sheet: z.string().min(1), from: z.number().int().min(1), to: z.number().int().min(1) });
const Open = z.object({ ...at, type: z.literal('open') });
const Call = z.object({
  ...at,
  type: z.enum(['sidebar', 'menu']).describe('a google.script.run call from the sidebar, or a menu item'),
  function: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'a global function name'),
  args: z.array(z.unknown()).default([]),
});
const Authorize = z.object({
  ...at,
  type: z.literal('authorize'),
  function: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'a global function name').describe('a sidebar call that answers { authorizeUrl }'),
  args: z.array(z.unknown()).default([]),
});
const Channel = z.object({
  ...at,
  type: z.literal('channel'),
  channel: z.string().min(1),
  action: z.string().min(1).describe("a control operation of the channel's fake, e.g. addOrder"),
  args: z.array(z.unknown()).default([]),
});
const Fault = z.object({
  ...at,
  type: z.literal('fault'),
  channel: z.string().min(1),
  target: z.string().min(1).describe('mall or account the fault applies to'),
  fault: z.record(z.string(), z.unknown()),
});
const Advance = z.object({ ...at, type: z.literal('note'), text: z.string() });

/** A folder name under DIR/checkpoints/: letters, digits, "_", "-", "." (not first); never a path. */
export const CheckpointName = z
  .string()
  .max(100, 'at most 100 characters')
  .regex(/^[\p{L}\p{N}_-][\p{L}\p{N}_.-]*$/u, 'a folder name: letters, digits, "_", "-" and "." (not first), no "/" or "\\"');
const Checkpoint = z.object({
  ...at,
  type: z.literal('checkpoint'),
  name: CheckpointName.describe('the output files as they are now go to DIR/checkpoints/NAME/'),
});

const EVENTS = [Edit, EditRow, Sort, InsertRows, DeleteRows, MoveColumn, Open, Call, Authorize, Channel, Fault, Advance, Checkpoint] as const;
const EVENT_TYPES = EVENTS.flatMap((e): string[] => ('options' in e.shape.type ? e.shape.type.options : [e.shape.type.value]));

export const ScenarioEvent = z.discriminatedUnion('type', EVENTS, {
  error: (iss) => (iss.code === 'invalid_union' ? `expected one of ${EVENT_TYPES.join(', ')}` : undefined),
});

/** What can be checked only against the whole file: channel events name a seeded channel and one of its actions; checkpoint names are unique. */
function checkEvents(events: ReadonlyArray<ScenarioEvent>, channels: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'checkpoint') {
      // Two checkpoints of one name would write over each other.
      const first = seen.get(e.name);
      if (first === undefined) seen.set(e.name, i);
      else ctx.addIssue({ code: 'custom', path: ['events', i, 'name'], message: `checkpoint "${e.name}" is already written by events[${first}]` });
    }
    if (e.type === 'channel' || e.type === 'fault') {
      if (!Object.hasOwn(channels, e.channel)) {
        const known = Object.keys(channels);
        ctx.addIssue({ code: 'custom', path: ['events', i, 'channel'], message: `no channel "${e.channel}" in this scenario's "channels" (${known.length ? `has: ${known.join(', ')}` : 'none'})` });
      } else if (e.type === 'channel') {
        const actions = CHANNEL_ACTIONS[e.channel];
        if (actions && !actions.includes(e.action)) {
          ctx.addIssue({ code: 'custom', path: ['events', i, 'action'], message: `${e.channel} has no action "${e.action}" (known: ${actions.join(', ')})` });
        }
      }
    }
  });
}

export const Scenario = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  start: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time with offset, e.g. 2026-11-23T09:00:00+09:00'),
  duration: z
    .string()
    .refine((s) => parseOffset(s.startsWith('+') ? s : `+${s}`) !== null, 'expected a duration such as 8h, 90m, 2d')
    .describe('how long to run after the start'),
  account: z.enum(['consumer', 'workspace']).default('consumer'),
  deployment: z.enum(['bound', 'addon']).default('bound'),
  /**
   * Where in their interval periodic triggers fire (local/runtime/services/trigger-schedule.ts):
   * one seeded offset per trigger (phase, the runtime's default when absent), a seeded random
   * offset in each interval (spread), or every period from creation on the millisecond (exact).
   */
  triggerTiming: z
    .discriminatedUnion('mode', [z.object({ mode: z.enum(['spread', 'phase']), seed: z.number().int().default(1) }), z.object({ mode: z.literal('exact') })])
    .optional(),
  user: z.string().email().default('owner@example.com'),
  spreadsheet: z
    .object({ name: z.string().min(1).default('분양몰 운영'), sheets: z.array(SheetSeed).default([]) })
    .default({ name: '분양몰 운영', sheets: [] }),
  /** Each channel fake's seed, in that channel's own object shapes. */
  channels: z.record(z.string(), z.unknown()).default({}),
  /**
   * Run our marketplace relay (relay/) and set RELAY_URL / RELAY_SECRET in the script properties,
   * as the project's owner would; false: no relay, the add-on calls the marketplaces directly.
   */
  relay: z.boolean().default(true),
  /** Install the add-on as a user would: open the sheet, run setup, turn on the sync. */
  install: z.boolean().default(true),
  events: z.array(ScenarioEvent).default([]),
}).superRefine((s, ctx) => checkEvents(s.events, s.channels, ctx));

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

const UNIT: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** "+1h30m" → ms; null when not an offset. */
export function parseOffset(s: string): number | null {
  const m = /^\+((?:\d+(?:\.\d+)?[dhms])+)$/.exec(s.trim());
  if (!m) return null;
  let ms = 0;
  for (const part of m[1]!.matchAll(/(\d+(?:\.\d+)?)([dhms])/g)) ms += Number(part[1]) * UNIT[part[2]!]!;
  return Math.round(ms);
}

export function resolveTime(s: string, start: number): number {
  const off = parseOffset(s);
  return off !== null ? start + off : Date.parse(s);
}

export class ScenarioError extends Error {
  constructor(readonly issues: string[]) {
    super(`Scenario is not valid:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/**
 * Reads a scenario file. `"extends": "other.json"` (a path from this file's folder) starts from
 * that scenario: its keys, overridden by this file's, its events followed by this file's, its
 * channels with this file's added; `at` offsets still count from the (shared) start. So a month
 * can be the demo's day and what comes after, without a copy of the day.
 */
export function readScenarioFile(file: string, seen: readonly string[] = []): unknown {
  const abs = path.resolve(file);
  if (seen.includes(abs)) throw new ScenarioError([`extends: ${[...seen, abs].map((f) => path.basename(f)).join(' → ')} is a loop`]);
  const raw = JSON.parse(fs.readFileSync(abs, 'utf8')) as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !('extends' in raw)) return raw;
  const { extends: base, ...own } = raw as Record<string, unknown>;
  if (typeof base !== 'string') throw new ScenarioError(['extends: expected the path of another scenario file, e.g. "demo.json"']);
  const parent = readScenarioFile(path.resolve(path.dirname(abs), base), [...seen, abs]) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const record = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  return {
    ...parent,
    ...own,
    channels: { ...record(parent.channels), ...record(own.channels) },
    events: [...list(parent.events), ...list(own.events)],
  };
}

/** Parses and validates; throws ScenarioError listing every problem with its path. */
export function parseScenario(json: unknown): Scenario {
  const r = Scenario.safeParse(json);
  if (!r.success) {
    throw new ScenarioError(r.error.issues.map((i) => `${i.path.length ? formatPath(i.path) : '(root)'}: ${i.message}`));
  }
  return r.data;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
