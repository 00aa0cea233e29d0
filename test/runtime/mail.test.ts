/** MailApp: sends recorded in the world, charged per recipient against the daily quota. */
import { createMailApp } from '../../local/runtime/services/mail';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

function setup(limits: { email?: number } = {}) {
  const env = fakeEnv({ limits });
  const world = createWorld();
  return { env, world, mail: createMailApp(env, world) };
}

describe('MailApp.sendEmail', () => {
  it('records (recipient, subject, body) with the send time', () => {
    const { env, world, mail } = setup();
    mail.sendEmail('partner@shop.kr', '주간 정산', '본문');
    expect(world.mail).toEqual([{ at: env.now(), to: 'partner@shop.kr', subject: '주간 정산', body: '본문' }]);
  });

  it('takes options: cc, bcc, htmlBody, name, replyTo', () => {
    const { world, mail } = setup();
    mail.sendEmail('a@x.com', 's', 'b', { cc: 'c@x.com', bcc: 'd@x.com', htmlBody: '<b>b</b>', name: '공장', replyTo: 'r@x.com' });
    expect(world.mail[0]).toMatchObject({ to: 'a@x.com', cc: 'c@x.com', bcc: 'd@x.com', htmlBody: '<b>b</b>', name: '공장', replyTo: 'r@x.com' });
  });

  it('takes a message object, and four strings as (to, replyTo, subject, body)', () => {
    const { world, mail } = setup();
    mail.sendEmail({ to: 'a@x.com, b@x.com', subject: 's', body: 'b' });
    mail.sendEmail('a@x.com', 'r@x.com', 'subject', 'body');
    expect(world.mail[0]).toMatchObject({ to: 'a@x.com,b@x.com', subject: 's' });
    expect(world.mail[1]).toMatchObject({ to: 'a@x.com', replyTo: 'r@x.com', subject: 'subject', body: 'body' });
  });

  it('charges the email quota per recipient, to, cc and bcc alike', () => {
    const { env, mail } = setup();
    mail.sendEmail({ to: 'a@x.com,b@x.com', cc: 'c@x.com', bcc: 'd@x.com', subject: 's', body: 'b' });
    expect(env.quotaUsed.email).toBe(4);
  });

  it("throws Apps Script's quota message when the day's recipients run out", () => {
    const { world, mail } = setup({ email: 2 });
    mail.sendEmail('a@x.com', 's', 'b');
    expect(() => mail.sendEmail({ to: 'a@x.com,b@x.com', subject: 's', body: 'b' })).toThrow('Service invoked too many times for one day: email.');
    expect(world.mail).toHaveLength(1);
  });

  it('refuses a message without recipients, a bad address, and more than 50 recipients', () => {
    const { mail } = setup();
    expect(() => mail.sendEmail({ subject: 's', body: 'b' })).toThrow('Failed to send email: no recipient');
    expect(() => mail.sendEmail('not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@x.com`).join(',');
    expect(() => mail.sendEmail(many, 's', 'b')).toThrow('Limit Exceeded: Email Recipients Per Message.');
    expect(() => mail.sendEmail('a@x.com', 's')).toThrow("The parameters (String,String) don't match the method signature for MailApp.sendEmail.");
  });
});

describe('MailApp.getRemainingDailyQuota', () => {
  it("counts down the effective user's recipients over the last 24 hours", () => {
    const { env, mail } = setup();
    expect(mail.getRemainingDailyQuota()).toBe(100);
    mail.sendEmail('a@x.com,b@x.com', 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(98);
    env.advance(24 * 3_600_000);
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });

  it('uses the Workspace limit when told', () => {
    const env = fakeEnv();
    expect(createMailApp(env, createWorld(), { dailyRecipientLimit: 1500 }).getRemainingDailyQuota()).toBe(1500);
  });

  it('sending is a round trip, not local work', () => {
    expect(setup().mail.localMethods.size).toBe(0);
  });
});

describe('what scripts see', () => {
  it('exposes the MailApp API and no helpers', () => {
    expect(exposedMethods(setup().mail)).toEqual(['getRemainingDailyQuota', 'sendEmail']);
  });
});
