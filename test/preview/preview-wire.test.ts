/**
 * The preview's plumbing between the browser, the fake Cafe24 and the runtime: the links that
 * cross between them rewritten to loopback, and google.script.run's rules on what may come back.
 */
import { cafe24ToLoopback, callbackToLoopback, loopbackToCafe24, rewriteCafe24Links } from '../../local/preview/links';
import { carry, failureMessage } from '../../local/preview/script-run';

const ORIGIN = 'http://127.0.0.1:8080';
const SCRIPT = '1LocalScriptId0000000000000000000000000000000';

describe('links in the preview', () => {
  it("sends the sidebar's Cafe24 consent link to the preview, which forwards it to the fake", () => {
    const url = 'https://najalran.cafe24api.com/api/v2/oauth/authorize?response_type=code&state=AK1';
    const local = cafe24ToLoopback(url, ORIGIN);
    expect(local).toBe(`${ORIGIN}/cafe24/najalran/api/v2/oauth/authorize?response_type=code&state=AK1`);
    expect(loopbackToCafe24(local.slice(ORIGIN.length))).toBe(url);
  });

  it('leaves every other string alone, wherever it sits in an answer', () => {
    const answer = { authorizeUrl: 'https://borasaeg.cafe24api.com/api/v2/oauth/authorize?x=1', message: '보라색: 링크를 열어 승인하세요', list: ['https://example.com/a', 3] };
    expect(rewriteCafe24Links(answer, ORIGIN)).toEqual({ ...answer, authorizeUrl: `${ORIGIN}/cafe24/borasaeg/api/v2/oauth/authorize?x=1` });
    expect(loopbackToCafe24('/elsewhere/najalran/api')).toBeNull();
  });

  it("brings the consent's redirect back to this script's /usercallback, and only that", () => {
    expect(callbackToLoopback(`https://script.google.com/macros/d/${SCRIPT}/usercallback?code=c1&state=s1`, SCRIPT, ORIGIN)).toBe(`${ORIGIN}/usercallback?code=c1&state=s1`);
    expect(callbackToLoopback('https://script.google.com/macros/d/another/usercallback?code=c1', SCRIPT, ORIGIN)).toBeNull();
    expect(callbackToLoopback('https://evil.example/usercallback', SCRIPT, ORIGIN)).toBeNull();
  });
});

describe('what google.script.run carries back', () => {
  it('carries primitives, arrays and plain objects; undefined arrives as null', () => {
    expect(carry({ a: [1, 'x', true, null], b: { c: 2 } })).toEqual({ ok: true, value: { a: [1, 'x', true, null], b: { c: 2 } } });
    expect(carry(undefined)).toEqual({ ok: true, value: null });
  });

  it('fails a Date, a function or a class instance, saying where it was', () => {
    expect(carry({ partners: [{ tokenExpiresAt: new Date(0) }] })).toEqual({ ok: false, message: expect.stringContaining('a Date (at result.partners[0].tokenExpiresAt)') });
    expect(carry({ f: () => 1 })).toMatchObject({ ok: false, message: expect.stringContaining('a function (at result.f)') });
    expect(carry(new Map())).toMatchObject({ ok: false, message: expect.stringContaining('class Map') });
  });

  it("gives the failure handler the thrown error's text", () => {
    expect(failureMessage(['Error: 파트너 PNR404를 파트너 탭에서 찾을 수 없습니다'])).toBe('파트너 PNR404를 파트너 탭에서 찾을 수 없습니다');
    expect(failureMessage(['Exception: Service invoked too many times for one day: urlfetch.'])).toBe('Exception: Service invoked too many times for one day: urlfetch.');
  });
});
