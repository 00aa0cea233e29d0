import { GasException, gasMessages, signatureTypes } from '../errors';
import type { KernelEnv } from '../kernel-env';
import { gasEnum, localMethods, Remote } from '../remote';
import { serviceState, type World } from '../world';
import { DEFAULT_CLOCK_TIMING, everyOffset, firstFire, minuteFor, type ClockSchedule, type ClockTiming } from './trigger-schedule';

/**
 * ScriptApp: installable triggers (kept in the world, fired by the runtime's scheduler), state
 * tokens for OAuth callbacks, script id and service URL. Limits: 20 triggers per user per
 * script (apps-script-platform §1.2); an Editor add-on may fire a clock trigger at most hourly
 * and hold one trigger of each event type per user per document (§2.2).
 */
export type Deployment = 'bound' | 'addon';

export interface TriggerModel {
  id: string;
  handler: string;
  owner: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  source: 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  /** The document of the execution that created it: where it runs, and what an add-on's belongs to. */
  documentId: string | null;
  schedule: ClockSchedule | null;
  createdAt: number;
  /** Next fire time for clock triggers; null once a one-shot has fired. */
  nextAt: number | null;
}

export interface StateTokenModel {
  method: string;
  /** The document of the execution that made it. */
  containerId: string | null;
  args: Record<string, string>;
  expiresAt: number;
}

export interface ScriptState {
  triggers: TriggerModel[];
  stateTokens: Map<string, StateTokenModel>;
  deployment: Deployment;
  /** What getTriggerSourceId() answers for a clock trigger (RuntimeOptions.clockTriggerSourceId). */
  clockTriggerSourceId: 'null' | 'document';
  /** Where in their interval everyMinutes/everyHours triggers fire (trigger-schedule.ts). */
  timing: ClockTiming;
}

export function scriptState(world: World): ScriptState {
  return serviceState(world, 'script', () => ({ triggers: [], stateTokens: new Map(), deployment: 'bound' as Deployment, clockTriggerSourceId: 'null' as const, timing: DEFAULT_CLOCK_TIMING }));
}

const MAX_TRIGGERS_PER_USER = 20;
const HOUR = 3_600_000;

export const ScriptAppEnums = {
  AuthMode: gasEnum('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'),
  AuthorizationStatus: gasEnum('REQUIRED', 'NOT_REQUIRED'),
  EventType: gasEnum('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'),
  TriggerSource: gasEnum('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'),
  WeekDay: gasEnum('SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'),
};

const WEEKDAY_INDEX: Record<string, number> = { SUNDAY: 0, MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6 };

export class ScriptAppFacade extends Remote {
  readonly gasName = 'ScriptApp';
  override readonly localMethods = localMethods('getScriptId', 'newTrigger', 'newStateToken', 'getService');
  override readonly constants = ScriptAppEnums;

  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
  ) {
    super();
  }

  getScriptId(): string {
    return this.env.scriptId;
  }

  override _answers(): Record<string, unknown> {
    return { getScriptId: this.env.scriptId };
  }

  getOAuthToken(): string {
    return `ya29.local-${this.env.scriptId}-${this.env.effectiveUserEmail}`;
  }

  getService(): ServiceFacade {
    return new ServiceFacade(this.env.scriptId);
  }

  getAuthorizationInfo(_mode: string): AuthorizationInfoFacade {
    // Every scope of the manifest counts as granted once the user has authorised the script.
    return new AuthorizationInfoFacade();
  }

  newTrigger(functionName: string): TriggerBuilderFacade {
    if (typeof functionName !== 'string') throw new GasException(gasMessages.signature(signatureTypes([functionName]), 'ScriptApp.newTrigger'));
    return new TriggerBuilderFacade(this.env, this.world, functionName);
  }

  /** The user's triggers of this project, in every document (an add-on is installed in many). */
  getProjectTriggers(): TriggerFacade[] {
    const s = scriptState(this.world);
    return s.triggers.filter((t) => t.owner === this.env.effectiveUserEmail).map((t) => new TriggerFacade(t, s.clockTriggerSourceId));
  }

  getUserTriggers(spreadsheet: unknown): TriggerFacade[] {
    const id = sourceIdOf(spreadsheet);
    const s = scriptState(this.world);
    return s.triggers.filter((t) => t.owner === this.env.effectiveUserEmail && (t.sourceId ?? t.documentId) === id).map((t) => new TriggerFacade(t, s.clockTriggerSourceId));
  }

  deleteTrigger(trigger: TriggerFacade): void {
    if (!(trigger instanceof TriggerFacade)) throw new GasException(gasMessages.signature(signatureTypes([trigger]), 'ScriptApp.deleteTrigger'));
    const s = scriptState(this.world);
    s.triggers = s.triggers.filter((t) => t.id !== trigger._model.id);
  }

  newStateToken(): StateTokenBuilderFacade {
    return new StateTokenBuilderFacade(this.env, this.world);
  }
}

function sourceIdOf(x: unknown): string | null {
  if (typeof x === 'string') return x;
  if (x && typeof (x as { getId?: unknown }).getId === 'function') return (x as { getId(): string }).getId();
  return null;
}

export class ServiceFacade extends Remote {
  readonly gasName = 'ScriptApp.Service';
  override readonly localMethods = localMethods('getUrl', 'isEnabled');
  constructor(private readonly scriptId: string) {
    super();
  }
  getUrl(): string {
    return `https://script.google.com/macros/s/${this.scriptId}/exec`;
  }
  isEnabled(): boolean {
    return false;
  }
}

export class AuthorizationInfoFacade extends Remote {
  readonly gasName = 'ScriptApp.AuthorizationInfo';
  override readonly localMethods = localMethods('getAuthorizationStatus', 'getAuthorizationUrl', 'getAuthorizedScopes');
  getAuthorizationStatus(): string {
    return 'NOT_REQUIRED';
  }
  getAuthorizationUrl(): null {
    return null;
  }
}

export class TriggerFacade extends Remote {
  readonly gasName = 'ScriptApp.Trigger';
  override readonly localMethods = localMethods('getHandlerFunction', 'getUniqueId', 'getEventType', 'getTriggerSource', 'getTriggerSourceId');
  constructor(
    readonly _model: TriggerModel,
    private readonly clockSourceId: 'null' | 'document' = 'null',
  ) {
    super();
  }
  getHandlerFunction(): string {
    return this._model.handler;
  }
  getUniqueId(): string {
    return this._model.id;
  }
  getEventType(): string {
    return this._model.eventType;
  }
  getTriggerSource(): string {
    return this._model.source;
  }
  getTriggerSourceId(): string | null {
    if (this._model.source === 'CLOCK') return this.clockSourceId === 'document' ? this._model.documentId : null;
    return this._model.sourceId;
  }
}

export class TriggerBuilderFacade extends Remote {
  readonly gasName = 'ScriptApp.TriggerBuilder';
  override readonly localMethods = localMethods('timeBased', 'forSpreadsheet');
  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
    private readonly handler: string,
  ) {
    super();
  }
  timeBased(): ClockTriggerBuilderFacade {
    return new ClockTriggerBuilderFacade(this.env, this.world, this.handler);
  }
  forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilderFacade {
    const id = sourceIdOf(sheet);
    if (!id) throw new GasException(gasMessages.signature(signatureTypes([sheet]), 'ScriptApp.TriggerBuilder.forSpreadsheet'));
    return new SpreadsheetTriggerBuilderFacade(this.env, this.world, this.handler, id);
  }
}

/** Shared by both builders: the limits checked at create(). */
function install(env: KernelEnv, world: World, t: Omit<TriggerModel, 'id' | 'owner' | 'createdAt' | 'nextAt' | 'documentId'>): TriggerFacade {
  if (env.authMode !== 'FULL' || !env.hasScope('https://www.googleapis.com/auth/script.scriptapp')) {
    throw new GasException(gasMessages.noPermission('ScriptApp.newTrigger', 'https://www.googleapis.com/auth/script.scriptapp'));
  }
  const s = scriptState(world);
  const mine = s.triggers.filter((x) => x.owner === env.effectiveUserEmail);
  if (mine.length >= MAX_TRIGGERS_PER_USER) throw new GasException(gasMessages.tooManyTriggers);
  if (s.deployment === 'addon') {
    // Not in the reference: the texts are ours; the rules are the documented ones (§2.2).
    // §2.2: per user per document; a clock trigger belongs to the document it was created in.
    if (mine.some((x) => x.eventType === t.eventType && (x.sourceId ?? x.documentId) === (t.sourceId ?? env.containerId))) {
      throw new GasException(`An add-on can have only one ${t.eventType} trigger per user per document.`);
    }
    if (t.schedule?.kind === 'every' && t.schedule.periodMs < HOUR) {
      throw new GasException('Add-on time-driven triggers cannot run more frequently than once per hour.');
    }
  }
  const now = env.now();
  const id = world.nextId('trg');
  const model: TriggerModel = {
    ...t,
    id,
    owner: env.effectiveUserEmail,
    documentId: env.containerId,
    createdAt: now,
    nextAt: null,
    schedule: t.schedule ? fixMinute(t.schedule, id, s.timing) : null,
  };
  model.nextAt = model.schedule ? firstFire(model.schedule, now) : null;
  s.triggers.push(model);
  return new TriggerFacade(model, s.clockTriggerSourceId);
}

/** The trigger's own fire times: a minute for "at hour" triggers, offsets for periodic ones. */
function fixMinute(s: ClockSchedule, id: string, timing: ClockTiming): ClockSchedule {
  if ((s.kind === 'daily' || s.kind === 'weekly' || s.kind === 'monthly') && s.minute < 0) return { ...s, minute: minuteFor(id) };
  if (s.kind === 'every') return { ...s, offset: everyOffset(timing, id) };
  return s;
}

const MINUTE_CHOICES = [1, 5, 10, 15, 30];
const HOUR_CHOICES = [1, 2, 4, 6, 8, 12];

export class ClockTriggerBuilderFacade extends Remote {
  readonly gasName = 'ScriptApp.ClockTriggerBuilder';
  override readonly localMethods = localMethods(
    'after', 'at', 'atDate', 'atHour', 'everyDays', 'everyHours', 'everyMinutes', 'everyWeeks', 'inTimezone', 'nearMinute', 'onMonthDay', 'onWeekDay',
  );
  private periodMs: number | null = null;
  private days: number | null = null;
  private weeks: number | null = null;
  private hour = 0;
  private minute = -1;
  private weekday: number | null = null;
  private monthDay: number | null = null;
  private onceAt: number | null = null;
  private tz: string;

  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
    private readonly handler: string,
  ) {
    super();
    this.tz = env.scriptTimeZone;
  }

  everyMinutes(n: number): this {
    // apps-script-platform §2.1: only 1, 5, 10, 15 or 30. The message is ours (not in the reference).
    if (!MINUTE_CHOICES.includes(n)) throw new GasException('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    this.periodMs = n * 60_000;
    return this;
  }
  everyHours(n: number): this {
    if (!HOUR_CHOICES.includes(n)) throw new GasException('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    this.periodMs = n * HOUR;
    return this;
  }
  everyDays(n: number): this {
    this.days = n;
    return this;
  }
  everyWeeks(n: number): this {
    this.weeks = n;
    return this;
  }
  atHour(h: number): this {
    this.hour = h;
    return this;
  }
  nearMinute(m: number): this {
    // "±15 minutes": we fire at exactly that minute, which is one of the allowed outcomes.
    this.minute = m;
    return this;
  }
  onWeekDay(day: string): this {
    this.weekday = WEEKDAY_INDEX[String(day)] ?? 1;
    return this;
  }
  onMonthDay(d: number): this {
    this.monthDay = d;
    return this;
  }
  inTimezone(tz: string): this {
    this.tz = tz;
    return this;
  }
  at(date: Date): this {
    this.onceAt = new Date(date).getTime();
    return this;
  }
  atDate(year: number, month: number, day: number): this {
    // "Defaults to near midnight": midnight in the trigger's zone.
    this.onceAt = Date.UTC(year, month - 1, day) - offsetGuess(this.tz);
    return this;
  }
  after(ms: number): this {
    this.onceAt = this.env.now() + ms;
    return this;
  }

  create(): TriggerFacade {
    return install(this.env, this.world, {
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: this.#schedule(),
    });
  }

  #schedule(): ClockSchedule {
    if (this.onceAt !== null) return { kind: 'once', at: this.onceAt };
    if (this.periodMs !== null) return { kind: 'every', periodMs: this.periodMs, offset: { mode: 'exact' } };
    if (this.weeks !== null || this.weekday !== null)
      return { kind: 'weekly', weeks: this.weeks ?? 1, weekday: this.weekday ?? 1, hour: this.hour, minute: this.minute, tz: this.tz };
    if (this.monthDay !== null) return { kind: 'monthly', monthDay: this.monthDay, hour: this.hour, minute: this.minute, tz: this.tz };
    if (this.days !== null) return { kind: 'daily', days: this.days, hour: this.hour, minute: this.minute, tz: this.tz };
    // Apps Script refuses a clock trigger with no recurrence; text not in the reference.
    throw new GasException('Clock trigger must have a recurrence or a time: call everyMinutes, everyHours, everyDays, everyWeeks, onMonthDay, at or after.');
  }
}

function offsetGuess(tz: string): number {
  const probe = Date.UTC(2020, 0, 1);
  const wall = new Date(probe).toLocaleString('en-US', { timeZone: tz, hourCycle: 'h23' });
  return new Date(wall + ' UTC').getTime() - probe;
}

export class SpreadsheetTriggerBuilderFacade extends Remote {
  readonly gasName = 'ScriptApp.SpreadsheetTriggerBuilder';
  override readonly localMethods = localMethods('onEdit', 'onOpen', 'onChange', 'onFormSubmit');
  private eventType: TriggerModel['eventType'] = 'ON_EDIT';
  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {
    super();
  }
  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }
  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }
  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): TriggerFacade {
    return install(this.env, this.world, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.sourceId,
      schedule: null,
    });
  }
}

/**
 * State tokens carry a callback method and arguments through a third party (the OAuth
 * provider) and back to /usercallback. Apps Script encrypts them; ours are opaque ids into the
 * world's table, which is what a script can observe. Default timeout 60 s, maximum 3600 s.
 */
export class StateTokenBuilderFacade extends Remote {
  readonly gasName = 'ScriptApp.StateTokenBuilder';
  override readonly localMethods = localMethods('withMethod', 'withArgument', 'withTimeout', 'createToken');
  private method = '';
  private readonly args: Record<string, string> = {};
  private timeoutSeconds = 60;
  constructor(
    private readonly env: KernelEnv,
    private readonly world: World,
  ) {
    super();
  }
  withMethod(name: string): this {
    this.method = name;
    return this;
  }
  withArgument(name: string, value: string): this {
    this.args[name] = String(value);
    return this;
  }
  withTimeout(seconds: number): this {
    this.timeoutSeconds = Math.min(3600, Math.max(1, seconds));
    return this;
  }
  createToken(): string {
    const token = `AKnV${this.world.nextId('st')}${this.env.execId.toString(36)}`;
    scriptState(this.world).stateTokens.set(token, {
      method: this.method,
      containerId: this.env.containerId,
      args: { ...this.args },
      expiresAt: this.env.now() + this.timeoutSeconds * 1000,
    });
    return token;
  }
}
