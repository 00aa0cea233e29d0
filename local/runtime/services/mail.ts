/**
 * MailApp: sends are recorded in world.mail. Each send is one round trip and charges the
 * daily "email" quota by its number of recipients (to + cc + bcc), as the quota counts
 * recipients, not messages (apps-script-platform.md §1.1).
 *
 * Messages Apps Script is commonly reported to use, none of them in the reference:
 * "Failed to send email: no recipient", "Invalid email: <address>",
 * "Limit Exceeded: Email Recipients Per Message." (over 50, §1.2).
 * The body-size limit (200 KB consumer / 400 KB Workspace) is not enforced: the account type
 * is not known here.
 */
import type { ExecutionEnv } from '../env';
import { GasException } from '../errors';
import { Remote } from '../remote';
import { serviceState, type MailRecord, type World } from '../world';
import { signatureError } from './utilities/args';

export const MAX_RECIPIENTS_PER_MESSAGE = 50;
const DAY_MS = 24 * 3_600_000;

export interface MailAppOptions {
  /** Recipients per day: 100 on consumer accounts (default), 1,500 on Workspace. */
  dailyRecipientLimit?: number;
}

type Advanced = GoogleAppsScript.Mail.MailAdvancedParameters;

/** Recipients sent per effective user, for getRemainingDailyQuota (world.mail has no sender). */
type SendLedger = Map<string, Array<{ at: number; recipients: number }>>;

function ledger(world: World): SendLedger {
  return serviceState(world, 'mail', () => new Map());
}

function addresses(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** `a@b.c` or `Name <a@b.c>`. */
function validAddress(a: string): boolean {
  const m = /<([^>]+)>\s*$/.exec(a);
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(m ? (m[1] as string) : a);
}

export class MailApp extends Remote implements GoogleAppsScript.Mail.MailApp {
  readonly gasName = 'MailApp';
  private readonly dailyLimit: number;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    options: MailAppOptions = {},
  ) {
    super();
    this.dailyLimit = options.dailyRecipientLimit ?? 100;
  }

  /**
   * (message) | (recipient, subject, body[, options]) | (to, replyTo, subject, body).
   * Four strings are the replyTo form, as in the Java overloads.
   */
  sendEmail(...args: unknown[]): void {
    const msg = this.#message(args);
    const to = addresses(msg.to);
    const all = [...to, ...addresses(msg.cc), ...addresses(msg.bcc)];
    if (all.length === 0) throw new GasException('Failed to send email: no recipient');
    for (const a of all) if (!validAddress(a)) throw new GasException(`Invalid email: ${a}`);
    if (all.length > MAX_RECIPIENTS_PER_MESSAGE) throw new GasException('Limit Exceeded: Email Recipients Per Message.');
    this.env.useQuota('email', all.length);
    const record: MailRecord = { at: this.env.now(), to: to.join(','), subject: msg.subject ?? '', body: msg.body ?? '' };
    if (msg.cc) record.cc = msg.cc;
    if (msg.bcc) record.bcc = msg.bcc;
    if (msg.htmlBody !== undefined) record.htmlBody = msg.htmlBody;
    if (msg.name !== undefined) record.name = msg.name;
    if (msg.replyTo !== undefined) record.replyTo = msg.replyTo;
    this.world.mail.push(record);
    const mine = ledger(this.world).get(this.env.effectiveUserEmail) ?? [];
    mine.push({ at: record.at, recipients: all.length });
    ledger(this.world).set(this.env.effectiveUserEmail, mine);
  }

  /**
   * The day's limit minus the recipients this effective user was sent mail to in the last 24 h.
   * The kernel's quota window starts at the first send instead; for a fresh day they agree.
   */
  getRemainingDailyQuota(): number {
    const since = this.env.now() - DAY_MS;
    let used = 0;
    for (const s of ledger(this.world).get(this.env.effectiveUserEmail) ?? []) if (s.at > since) used += s.recipients;
    return Math.max(0, this.dailyLimit - used);
  }

  #message(args: unknown[]): Advanced {
    const [a, b, c, d] = args;
    const str = (v: unknown): v is string => typeof v === 'string';
    if (args.length === 1 && a !== null && typeof a === 'object' && !Array.isArray(a)) return a as Advanced;
    if (args.length === 3 && str(a) && str(b) && str(c)) return { to: a, subject: b, body: c };
    if (args.length === 4 && str(a) && str(b) && str(c) && str(d)) return { to: a, replyTo: b, subject: c, body: d };
    if (args.length === 4 && str(a) && str(b) && str(c) && d !== null && typeof d === 'object') {
      return { ...(d as Advanced), to: a, subject: b, body: c };
    }
    throw signatureError('MailApp.sendEmail', args);
  }
}

export function createMailApp(env: ExecutionEnv, world: World, options?: MailAppOptions): MailApp {
  return new MailApp(env, world, options);
}
