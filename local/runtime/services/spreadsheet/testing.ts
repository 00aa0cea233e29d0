/**
 * A stand-in ExecutionEnv for tests that call the spreadsheet facades directly (no kernel, no
 * worker). It records what the script showed the user and the quota it used.
 */
import type { ExecutionEnv, QuotaName } from '../../env';
import { GasException, gasMessages } from '../../errors';
import { createWorld, type World } from '../../world';
import { SpreadsheetAppFacade } from './facade-app';
import type { SheetFacade } from './facade-sheet';
import { SpreadsheetFacade } from './facade-spreadsheet';
import type { SpreadsheetModel } from './model';
import { seedSpreadsheet, type SeedSpreadsheet } from './seed';

export type UiEvent =
  | { kind: 'toast'; spreadsheetId: string; message: string; title: string; timeoutSeconds: number }
  | { kind: 'menu'; name: string; items: ReadonlyArray<{ caption: string; functionName: string } | null> }
  | { kind: 'sidebar'; title: string; content: string; width: number }
  | { kind: 'dialog'; title: string; content: string; width: number; height: number }
  | { kind: 'alert'; title: string; prompt: string };

export interface FakeEnv extends ExecutionEnv {
  readonly uiEvents: UiEvent[];
  readonly quotaUsed: Map<QuotaName, number>;
  readonly logs: string[];
}

export interface FakeEnvOptions {
  now?: number;
  scriptTimeZone?: string;
  userLocale?: string;
  effectiveUserEmail?: string;
  activeUserEmail?: string;
  containerId?: string | null;
  uiAvailable?: boolean;
  scriptId?: string;
  /** Daily limits by quota name; unlimited when absent. */
  quotaLimits?: Partial<Record<QuotaName, number>>;
}

export function fakeEnv(opts: FakeEnvOptions = {}): FakeEnv {
  let clock = opts.now ?? Date.UTC(2026, 10, 23, 1, 0, 0);
  const uiEvents: UiEvent[] = [];
  const quotaUsed = new Map<QuotaName, number>();
  const logs: string[] = [];
  const user = opts.effectiveUserEmail ?? 'owner@example.com';
  return {
    uiEvents,
    quotaUsed,
    logs,
    now: () => clock,
    scriptTimeZone: opts.scriptTimeZone ?? 'Asia/Seoul',
    userLocale: opts.userLocale ?? 'ko',
    effectiveUserEmail: user,
    activeUserEmail: opts.activeUserEmail ?? user,
    containerId: opts.containerId === undefined ? null : opts.containerId,
    uiAvailable: opts.uiAvailable ?? true,
    scriptId: opts.scriptId ?? 'script-test',
    useQuota(name: QuotaName, n = 1) {
      const used = (quotaUsed.get(name) ?? 0) + n;
      const limit = opts.quotaLimits?.[name];
      if (limit !== undefined && used > limit) throw new GasException(gasMessages.dailyQuota(name));
      quotaUsed.set(name, used);
    },
    sleep(ms: number) {
      clock += ms;
    },
    ui: {
      toast: (spreadsheetId, message, title, timeoutSeconds) => uiEvents.push({ kind: 'toast', spreadsheetId, message, title, timeoutSeconds }),
      addMenu: (name, items) => uiEvents.push({ kind: 'menu', name, items }),
      showSidebar: (html) => uiEvents.push({ kind: 'sidebar', ...html }),
      showModalDialog: (html) => uiEvents.push({ kind: 'dialog', ...html }),
      alert: (title, prompt) => uiEvents.push({ kind: 'alert', title, prompt }),
    },
    log(level, text) {
      logs.push(`${level}: ${text}`);
    },
  };
}

/** A world with one bound spreadsheet, an env for its script and the SpreadsheetApp root. */
export interface TestBed {
  world: World;
  env: FakeEnv;
  app: SpreadsheetAppFacade;
  model: SpreadsheetModel;
  spreadsheet: SpreadsheetFacade;
  sheet: SheetFacade;
}

export function testBed(seed: Partial<SeedSpreadsheet> = {}, envOptions: FakeEnvOptions = {}): TestBed {
  const world = createWorld();
  const owner = seed.owner ?? envOptions.effectiveUserEmail ?? 'owner@example.com';
  const model = seedSpreadsheet(world, { name: 'Test', owner, ...seed });
  const env = fakeEnv({ containerId: model.id, effectiveUserEmail: owner, ...envOptions });
  const app = new SpreadsheetAppFacade(env, world);
  const spreadsheet = new SpreadsheetFacade(env, world, model);
  return { world, env, app, model, spreadsheet, sheet: spreadsheet.getSheets()[0] as SheetFacade };
}
