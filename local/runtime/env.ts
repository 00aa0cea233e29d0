/**
 * What a service fake may ask of the kernel about the execution that is calling it.
 * One `ExecutionEnv` exists per execution; service facades are created per execution with it.
 */
export interface ExecutionEnv {
  /** The simulated time (epoch ms) at which the current call is being served. */
  now(): number;
  /** appsscript.json timeZone, e.g. "Asia/Seoul". */
  readonly scriptTimeZone: string;
  /** The user's locale as Session.getActiveUserLocale() reports it, e.g. "ko". */
  readonly userLocale: string;
  /** The account running the execution (for time-driven triggers: the trigger's owner). */
  readonly effectiveUserEmail: string;
  /** The user at the keyboard; "" where Apps Script hides it (triggers, other domains). */
  readonly activeUserEmail: string;
  /** The bound container, or null for a standalone script. */
  readonly containerId: string | null;
  /** False in time-driven triggers: SpreadsheetApp.getUi() throws there. */
  readonly uiAvailable: boolean;
  /** Script id, used in OAuth redirect URIs and for state tokens. */
  readonly scriptId: string;
  /** Charge `n` units of a daily quota (urlfetch, properties, email, …); throws Apps Script's message when over. */
  useQuota(name: QuotaName, n?: number): void;
  /** Advance this execution's simulated clock (Utilities.sleep). */
  sleep(ms: number): void;
  /** Something for the user's eyes: toasts, sidebars, dialogs, menus. */
  readonly ui: UiSink;
  /** Execution log lines (console.*, Logger.log). */
  log(level: 'log' | 'info' | 'warn' | 'error', text: string): void;
}

export type QuotaName =
  | 'urlfetch'
  | 'properties'
  | 'propertyWrites'
  | 'email'
  | 'spreadsheetsCreated'
  | 'triggerRuntime';

export interface UiSink {
  toast(spreadsheetId: string, message: string, title: string, timeoutSeconds: number): void;
  addMenu(name: string, items: ReadonlyArray<{ caption: string; functionName: string } | null>): void;
  showSidebar(html: { title: string; content: string; width: number }): void;
  showModalDialog(html: { title: string; content: string; width: number; height: number }): void;
  alert(title: string, prompt: string): void;
}
