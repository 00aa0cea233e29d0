/**
 * Naver's token request, signed with bcryptjs, run inside the local Apps Script runtime (no
 * setTimeout, no Node crypto, ES2020 built-ins only) the way the build bundles it, against the
 * fake on the real host name: the signature the fake recomputes matches; and a call from the
 * runtime's own address is refused as Naver documents, with the Korean message for the sheet.
 */
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runtime } from '../../local/runtime/runtime';
import { createNaverFake, defaultSeed, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, NAVER_HOST } from '../../local/fakes/naver';
const bcryptForAppsScript = require('../../scripts/bcryptjs-for-apps-script.cjs');

const T0 = Date.parse('2026-11-23T10:00:00+09:00');
let dir: string;
let rt: Runtime | null = null;

beforeAll(async () => {
  const out = await build({
    entryPoints: [path.join(__dirname, 'naver-in-runtime-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'NaverEntry',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    plugins: [bcryptForAppsScript],
    write: false,
    logLevel: 'error',
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naver-gas-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), `${out.outputFiles[0]!.text}\nfunction issueNaverToken() { return NaverEntry.issueNaverToken.apply(this, arguments); }\n`);
});
afterEach(async () => {
  await rt?.close();
  rt = null;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function runWith(registeredIps: string[]) {
  rt = new Runtime({ start: T0, bundleDir: dir, manifest: { timeZone: 'Asia/Seoul' } });
  const runtime = rt;
  const fake = createNaverFake({ clock: () => runtime.now(), seed: defaultSeed, registeredIps });
  await rt.network.serve(NAVER_HOST, fake.handle);
  const r = await rt.run('issueNaverToken', [DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET]);
  return { r, fake };
}

test('the token request is signed with bcrypt in Apps Script and Naver (the fake) issues the token, kept in properties', async () => {
  const { r, fake } = await runWith(['127.0.0.1']);
  expect(r.errors).toEqual([]);
  expect(r.result).toEqual({ ok: true, expiresAt: expect.any(Number), kept: true });
  expect(fake.core.log.all().map((e) => [e.method, e.path, e.status, e.remoteAddress])).toEqual([['POST', '/v1/oauth2/token', 200, '127.0.0.1']]);
  expect(r.roundTrips).toMatchObject({ 'UrlFetchApp.fetchAll': 1 });
});

test('from the runtime’s own address Naver refuses the token call (403 GW.IP_NOT_ALLOWED) and the sheet is told to check the relay', async () => {
  const { r } = await runWith(['127.0.0.2']);
  expect(r.errors).toEqual([]);
  expect(r.result).toEqual({ ok: false, status: 403, code: 'GW.IP_NOT_ALLOWED', userMessage: '네이버가 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인' });
});
