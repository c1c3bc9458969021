// Which Chromium the browser tests drive. `pnpm test` must pass on a fresh machine, so the browser
// is found, or installed, here rather than assumed at one path. In this order:
//   1. MAST_CHROMIUM, when set: that browser and no other (a wrong path is reported, not worked around);
//   2. a Chromium or Chrome installed on the system;
//   3. Playwright's own download (`playwright install chromium`, kept under the user's home);
// and, only when asked to install (the test command does; a bare `playwright test` does not):
//   4. Debian's chromium with apt-get, when running as root on Debian (works without the internet
//      when a Debian mirror is reachable, which Playwright's download needs);
//   5. `playwright install chromium`.
// A browser counts only if it runs (`--version`): a download missing its system libraries does not.
// MAST_CHROMIUM_SEARCH (paths separated by ":") replaces step 2's list; set it empty to see what a
// machine without an installed browser does.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const E2E_DIR = resolve(import.meta.dirname, '..');

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const SYSTEM_PATHS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The one line said when no browser can be had: what to install, or how to name one. */
export const NO_CHROMIUM =
  'no Chromium to drive the app in: install one (on Debian `apt-get install chromium`; elsewhere ' +
  '`pnpm --filter @mast/e2e exec playwright install --with-deps chromium`) or set MAST_CHROMIUM to its path';

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} file */
function runs(file) {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 && /\d+\.\d+/.test(r.stdout);
}

/** Installed browsers: the search list when given, else the usual names on PATH and app folders. */
function systemCandidates() {
  const search = process.env.MAST_CHROMIUM_SEARCH;
  if (search !== undefined) return search.split(':').filter(Boolean);
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...SYSTEM_NAMES.flatMap((name) => dirs.map((dir) => join(dir, name))), ...SYSTEM_PATHS];
}

/** @returns {string | undefined} a browser already on this machine that runs */
function findInstalled() {
  const candidates = [...systemCandidates(), chromium.executablePath()];
  return candidates.find((file) => isExecutable(file) && runs(file));
}

/**
 * @param {(line: string) => void} say
 * @returns {boolean} whether apt-get installed chromium
 */
function aptInstall(say) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/etc/debian_version')) return false;
  say("no Chromium found: installing Debian's chromium (apt-get install chromium)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore', timeout: 300_000 });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { env, stdio: 'ignore', timeout: 600_000 });
  return install.status === 0;
}

/** @param {(line: string) => void} say */
function playwrightInstall(say) {
  say("no Chromium found: downloading Playwright's (playwright install chromium)");
  const r = spawnSync('pnpm', ['exec', 'playwright', 'install', 'chromium'], { cwd: E2E_DIR, stdio: 'ignore', timeout: 600_000 });
  return r.status === 0;
}

/**
 * Finds the browser to drive; with `install`, installs one when none is found.
 * @param {{ install?: boolean, say?: (line: string) => void }} [options]
 * @returns {{ path: string } | { missing: string }}
 */
export function findChromium({ install = false, say = () => {} } = {}) {
  const named = process.env.MAST_CHROMIUM;
  if (named) {
    if (isExecutable(named) && runs(named)) return { path: named };
    return { missing: `MAST_CHROMIUM=${named} is not a browser that runs: ${NO_CHROMIUM}` };
  }
  let found = findInstalled();
  if (!found && install && aptInstall(say)) found = findInstalled();
  if (!found && install && playwrightInstall(say)) found = findInstalled();
  return found ? { path: found } : { missing: NO_CHROMIUM };
}
