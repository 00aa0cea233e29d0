#!/usr/bin/env node
/**
 * The browser tests need a Chromium and a Korean font (the sidebar speaks Korean, and its
 * screenshots must show it). `npm test` runs this first, so a fresh machine needs nothing
 * installed by hand:
 *
 *  1. CHROMIUM_PATH, when set, names the browser to use (it must exist).
 *  2. Debian's chromium at /usr/bin/chromium with the Nanum fonts: nothing to do.
 *  3. Otherwise, as root on Debian, install `chromium` and `fonts-nanum` with apt-get
 *     (playwright cannot download a browser here: only the npm and Debian registries answer).
 *  4. Otherwise stop with a message saying how to get one. The tests never skip the browser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-nanum'];

function say(line) {
  process.stdout.write(`[browser] ${line}\n`);
}

function fail(lines) {
  process.stderr.write(`\n[browser] ${lines.join('\n[browser] ')}\n\n`);
  process.exit(1);
}

function hasKoreanFont() {
  const probe = spawnSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' });
  return probe.status === 0 && /nanum/i.test(probe.stdout);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptInstall() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const started = Date.now();
  say(`installing ${PACKAGES.join(' ')} from Debian (once per machine) …`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], { stdio: ['ignore', 'inherit', 'inherit'], env });
  say(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

const chosen = process.env.CHROMIUM_PATH;
if (chosen) {
  if (!existsSync(chosen)) fail([`CHROMIUM_PATH=${chosen} does not exist.`, 'Unset it to use Debian\'s chromium, or point it at a Chromium binary.']);
  say(`using CHROMIUM_PATH=${chosen}${hasKoreanFont() ? '' : ' (no Korean font found: screenshots will show boxes for Hangul)'}`);
  process.exit(0);
}

if (existsSync(DEBIAN_CHROMIUM) && hasKoreanFont()) {
  say(`using ${DEBIAN_CHROMIUM}`);
  process.exit(0);
}

const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (!apt || !isRoot()) {
  fail([
    'The browser tests need Chromium and a Korean font, and this machine has not got them.',
    apt
      ? `Install them once: sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`
      : 'Install Chromium and a Korean font (Nanum or Noto CJK) with your system\'s package manager,',
    'or set CHROMIUM_PATH to a Chromium (or Chrome) binary, then run npm test again.',
  ]);
}

try {
  aptInstall();
} catch (error) {
  fail([
    `apt-get could not install ${PACKAGES.join(' ')}: ${error instanceof Error ? error.message : String(error)}`,
    'Install them by hand, or set CHROMIUM_PATH to a Chromium binary, then run npm test again.',
  ]);
}
if (!existsSync(DEBIAN_CHROMIUM)) fail([`apt-get finished but ${DEBIAN_CHROMIUM} is missing.`]);
if (!hasKoreanFont()) fail(['apt-get finished but fc-list finds no Nanum font.']);
say(`using ${DEBIAN_CHROMIUM}`);
