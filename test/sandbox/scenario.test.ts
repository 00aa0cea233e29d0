import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseScenario, parseOffset, readScenarioFile, resolveTime, ScenarioError } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { cafe24Setup, channelFactories } from '../../local/sandbox/channels';

describe('a scenario file', () => {
  it('the built-in demo is valid', () => {
    expect(() => parseScenario(demo)).not.toThrow();
  });

  it("extends another file: its keys under this file's, its events first, its channels with these added", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-extends-'));
    const base = { name: 'base', start: '2026-11-23T09:00:00+09:00', duration: '1h', channels: { cafe24: 'default' }, events: [{ at: '+5m', type: 'note', text: 'base' }] };
    fs.writeFileSync(path.join(dir, 'base.json'), JSON.stringify(base));
    fs.mkdirSync(path.join(dir, 'more'));
    fs.writeFileSync(path.join(dir, 'more', 'long.json'), JSON.stringify({ extends: '../base.json', name: 'long', duration: '2d', channels: { naver: 'default' }, events: [{ at: '+1d', type: 'note', text: 'day two' }] }));
    const s = parseScenario(readScenarioFile(path.join(dir, 'more', 'long.json')));
    expect(s).toMatchObject({ name: 'long', start: base.start, duration: '2d', channels: { cafe24: 'default', naver: 'default' } });
    expect(s.events.map((e) => e.at)).toEqual(['+5m', '+1d']);
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ extends: 'b.json' }));
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ extends: 'a.json' }));
    expect(() => readScenarioFile(path.join(dir, 'a.json'))).toThrow('extends: a.json → b.json → a.json is a loop');
  });

  it('the demo month is the demo day and what follows, up to and past the end of November', () => {
    const s = parseScenario(readScenarioFile(path.join(__dirname, '../../local/sandbox/scenarios/demo-month.json')));
    const day = parseScenario(demo);
    expect(s.events.slice(0, day.events.length)).toEqual(day.events);
    expect(s.start).toBe(day.start);
    expect(Date.parse(s.start) + parseOffset(`+${s.duration}`)!).toBeGreaterThan(Date.parse('2026-12-01T06:00:00+09:00'));
  });

  it('fills the defaults a short scenario leaves out', () => {
    const s = parseScenario({ name: 'x', start: '2026-11-23T09:00:00+09:00', duration: '1h' });
    expect(s).toMatchObject({ account: 'consumer', deployment: 'bound', install: true, events: [], channels: {} });
  });

  it('reports every mistake with its path', () => {
    try {
      parseScenario({
        name: '',
        start: 'monday',
        duration: 'soon',
        events: [
          { at: '+5m', type: 'edit', sheet: '상품', range: 'A2' },
          { at: 'later', type: 'sort', sheet: '주문', column: 0 },
          { at: '+1h', type: 'teleport' },
        ],
      });
      throw new Error('expected a ScenarioError');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const issues = (e as ScenarioError).issues.join('\n');
      expect(issues).toMatch(/^name: /m);
      expect(issues).toMatch(/^start: expected an ISO date-time/m);
      expect(issues).toMatch(/^duration: expected a duration/m);
      expect(issues).toMatch(/^events\[0\]\.values: /m);
      expect(issues).toMatch(/^events\[1\]\.at: expected an ISO date-time/m);
      expect(issues).toMatch(/^events\[1\]\.column: /m);
      expect(issues).toMatch(/^events\[2\]\.type: /m);
    }
  });

  const withEvents = (events: unknown[]) => ({ name: 'x', start: '2026-11-23T09:00:00+09:00', duration: '1h', events });
  const issuesOf = (json: unknown): string[] => {
    try {
      parseScenario(json);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues;
      throw e;
    }
    return [];
  };

  it('names the known event types when one is unknown', () => {
    expect(issuesOf(withEvents([{ at: '+1m', type: 'note', text: '' }, { at: '+1h', type: 'teleport' }]))).toEqual([
      expect.stringMatching(/^events\[1\]\.type: expected one of edit, editRow, .*checkpoint/),
    ]);
  });

  it('takes a checkpoint name that is a folder name, never a path', () => {
    expect(issuesOf(withEvents([{ at: '+1m', type: 'checkpoint', name: '오전-마감_1.5' }]))).toEqual([]);
    for (const name of ['../x', '..', '.', '.hidden', 'a/b', 'a\\b', '/etc', '', 'a'.repeat(101), 'a b', 'c:']) {
      expect([name, issuesOf(withEvents([{ at: '+1m', type: 'checkpoint', name }]))]).toEqual([name, [expect.stringMatching(/^events\[0\]\.name: /)]]);
    }
  });

  it('refuses two checkpoints of one name, which would write over each other', () => {
    const events = [
      { at: '+1m', type: 'checkpoint', name: 'noon' },
      { at: '+2m', type: 'note', text: '' },
      { at: '+3m', type: 'checkpoint', name: 'noon' },
    ];
    expect(issuesOf(withEvents(events))).toEqual(['events[2].name: checkpoint "noon" is already written by events[0]']);
  });

  it("checks a channel event against the scenario's channels and that channel's actions", () => {
    const json = {
      ...withEvents([
        { at: '+1m', type: 'channel', channel: 'cafe24', action: 'addOrdr', args: [] },
        { at: '+2m', type: 'channel', channel: 'naver', action: 'addOrder' },
        { at: '+3m', type: 'fault', channel: 'coupang', target: 'x', fault: { kind: 'reset' } },
        { at: '+4m', type: 'channel', channel: 'cafe24', action: 'payOrder', args: ['najalran', '20261123-0000001'] },
      ]),
      channels: { cafe24: 'default' },
    };
    expect(issuesOf(json)).toEqual([
      expect.stringMatching(/^events\[0\]\.action: cafe24 has no action "addOrdr" \(known: addOrder, payOrder, /),
      'events[1].channel: no channel "naver" in this scenario\'s "channels" (has: cafe24)',
      'events[2].channel: no channel "coupang" in this scenario\'s "channels" (has: cafe24)',
    ]);
  });

  it('takes an editRow without "where" (a new row), but not one that types nothing', () => {
    expect(issuesOf(withEvents([{ at: '+1m', type: 'editRow', sheet: '원장', set: { 파트너ID: 'PNR002', 금액: 500000 } }]))).toEqual([]);
    expect(issuesOf(withEvents([{ at: '+1m', type: 'editRow', sheet: '원장', set: {} }]))).toEqual([expect.stringMatching(/^events\[0\]\.set: expected at least one/)]);
  });

  it('reads offsets from the start in days, hours, minutes and seconds', () => {
    expect(parseOffset('+1h30m')).toBe(90 * 60_000);
    expect(parseOffset('+2d')).toBe(2 * 86_400_000);
    expect(parseOffset('+45s')).toBe(45_000);
    expect(parseOffset('+1m0.25s')).toBe(60_250);
    expect(parseOffset('90m')).toBeNull();
    const start = Date.parse('2026-11-23T00:00:00Z');
    expect(resolveTime('+10m', start)).toBe(start + 600_000);
    expect(resolveTime('2026-11-23T10:00:00+09:00', start)).toBe(start + 3_600_000);
  });
});

describe("a scenario's Cafe24 fake", () => {
  const clock = () => Date.parse('2026-11-23T09:00:00+09:00');
  const make = (value: unknown) => channelFactories.cafe24!(value, clock);

  it('takes a seed as before: "default", null, or { apps, malls }', () => {
    expect(cafe24Setup('default')).toEqual({ seed: 'default' });
    expect(cafe24Setup(null)).toEqual({ seed: null });
    expect(cafe24Setup({ malls: [] })).toEqual({ seed: { malls: [] } });
    expect(() => make('default')).not.toThrow();
  });

  it('takes { seed, strict, limits } to set the switches where the reference is silent', () => {
    expect(cafe24Setup({ seed: 'default', strict: { revokeAccessOnRefresh: true } })).toEqual({ seed: 'default', strict: { revokeAccessOnRefresh: true }, limits: undefined });
    expect(() => make({ seed: 'default', strict: { undocumentedCommaList: 'first', revokeAccessOnRefresh: true } })).not.toThrow();
  });

  it('starts from the switches of CAFE24_FAKE_STRICT, under the scenario’s own, and says which in its state', () => {
    const before = process.env.CAFE24_FAKE_STRICT;
    process.env.CAFE24_FAKE_STRICT = JSON.stringify({ undocumentedCommaList: 'first', revokeAccessOnRefresh: true });
    try {
      const strict = (value: unknown) => (make(value).state() as { strict: Record<string, unknown> }).strict;
      expect(strict('default')).toMatchObject({ undocumentedCommaList: 'first', revokeAccessOnRefresh: true, sendRetryAfter: false });
      expect(strict({ seed: 'default', strict: { revokeAccessOnRefresh: false } })).toMatchObject({ undocumentedCommaList: 'first', revokeAccessOnRefresh: false });
      process.env.CAFE24_FAKE_STRICT = '{"revokeAccessOnRefresh":"yes"}';
      expect(() => make('default')).toThrow('CAFE24_FAKE_STRICT: revokeAccessOnRefresh:');
    } finally {
      if (before === undefined) delete process.env.CAFE24_FAKE_STRICT;
      else process.env.CAFE24_FAKE_STRICT = before;
    }
  });

  it('refuses an unknown key or switch with a clear message', () => {
    expect(() => make({ seed: 'default', strcit: {} })).toThrow('channels.cafe24: unknown key strcit (known: seed, strict, limits, webhooks)');
    expect(() => make({ seed: 'default', strict: { undocumentedCommaList: 'maybe' } })).toThrow(/strict\.undocumentedCommaList/);
  });
});
