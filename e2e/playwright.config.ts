// Browser specs: the real server (seeded with demo data) serving the real built app, driven in
// Chromium on a phone-sized screen. `pnpm test` finds (or installs) the browser and names it in
// MAST_CHROMIUM; a bare `playwright test` looks for one already on the machine.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { findChromium } from './support/chromium.mjs';

// MAST_E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.MAST_E2E_PORT ?? 3199);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const REPO = path.resolve(import.meta.dirname, '..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Playwright loads this file in the runner and again in each worker; workers inherit the env, so
// only the runner picks (and empties) the data dir. Dirs left by earlier runs whose process has
// gone are removed here rather than in a teardown, which could race the server still writing.
if (!process.env.MAST_E2E_DATA_DIR) {
  for (const name of readdirSync(REPO)) {
    const pid = Number(/^\.data-e2e-(\d+)$/.exec(name)?.[1]);
    if (pid && !isAlive(pid)) rmSync(path.join(REPO, name), { recursive: true, force: true });
  }
  const dataDir = path.join(REPO, `.data-e2e-${process.pid}`);
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  process.env.MAST_E2E_DATA_DIR = dataDir;
}

// Workers inherit the runner's env, so the browser is looked for once.
if (!process.env.MAST_CHROMIUM) {
  const browser = findChromium();
  if ('missing' in browser) throw new Error(browser.missing);
  process.env.MAST_CHROMIUM = browser.path;
}

const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  MAST_DATA_DIR: process.env.MAST_E2E_DATA_DIR,
  MAST_DEMO_SCALE: '0.02',
  // With DATABASE_URL set the demo accounts are made only when asked for (config.ts).
  MAST_DEMO_ACCOUNTS: '1',
};
if (process.env.DATABASE_URL) serverEnv.DATABASE_URL = process.env.DATABASE_URL;

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../.test-results/e2e.json' }]],
  outputDir: '../.test-results/e2e-artifacts',
  use: {
    baseURL: BASE_URL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.MAST_CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The server serves web/build, so build the app first: `pnpm --filter @mast/server start`
    // alone starts the API only.
    command: 'pnpm --filter @mast/web build && pnpm --filter @mast/server start',
    cwd: REPO,
    env: serverEnv,
    url: `${BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
