#!/usr/bin/env node
// `pnpm test`: every suite of mast, then one line of totals.
// Unit and database tests (vitest) run per package; database tests use PGlite, or a fresh
// database on the PostgreSQL server named by DATABASE_URL. Then the built app is driven in
// Chromium (Playwright), found or installed first (e2e/support/chromium.mjs); where none can be
// had, the browser tests stop at one line saying what to install, counted as one failure.
// Ends with "N passed, N failed" and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const only = process.argv.slice(2); // e.g. `pnpm test server e2e` (or typecheck)
const wanted = (name) => only.length === 0 || only.includes(name);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let broken = false;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts, env: { ...process.env, ...opts.env } });
  return r.status ?? 1;
}

async function findBrowser() {
  const { findChromium } = await import('../e2e/support/chromium.mjs');
  return findChromium({ install: true, say: (line) => console.log(`e2e: ${line}`) });
}

function countVitest(file) {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numFailedTestSuites ? 0 : 0), skipped: j.numPendingTests + j.numTodoTests, suitesFailed: j.numFailedTestSuites };
}

// The type check counts as one test: a type error is a defect even where no test trips on it
// (CI once stayed green over one, as the test command did not run it).
if (wanted('typecheck')) {
  const code = run('pnpm', ['typecheck']);
  if (code === 0) totals.passed++;
  else totals.failed++;
  lines.push(`typecheck: ${code === 0 ? 'passed' : `failed (exit ${code})`}`);
}

for (const pkg of ['shared', 'db', 'server', 'web']) {
  if (!wanted(pkg)) continue;
  const config = join(root, pkg, 'vitest.config.ts');
  if (!existsSync(config)) continue;
  const out = join(results, `${pkg}.json`);
  const code = run('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`], { cwd: join(root, pkg) });
  if (!existsSync(out)) {
    broken = true;
    lines.push(`${pkg}: vitest did not report (exit ${code})`);
    totals.failed++;
    continue;
  }
  const c = countVitest(out);
  // A file that fails to load has no test counted: count it as a failure so it cannot hide.
  const failed = c.failed + c.suitesFailed;
  totals.passed += c.passed;
  totals.failed += failed;
  totals.skipped += c.skipped;
  if (code !== 0 && failed === 0) {
    broken = true;
    totals.failed++;
  }
  lines.push(`${pkg} (${backend}): ${c.passed} passed, ${failed} failed, ${c.skipped} skipped`);
}

const browser = wanted('e2e') ? await findBrowser() : null;
if (browser && 'missing' in browser) {
  totals.failed++;
  lines.push(`e2e: not run: ${browser.missing}`);
} else if (browser) {
  const env = { MAST_CHROMIUM: browser.path };
  let dropDb = null;
  if (process.env.DATABASE_URL) {
    // The browser tests get a database of their own, made fresh and dropped afterwards.
    const name = `mast_e2e_${process.pid}`;
    const url = new URL(process.env.DATABASE_URL);
    const admin = url.toString();
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    run('node', ['-e', `const pg=require('pg');const c=new pg.Client(${JSON.stringify(admin)});c.connect().then(()=>c.query('CREATE DATABASE ${name}')).then(()=>c.end())`], { cwd: join(root, 'db') });
    dropDb = () => run('node', ['-e', `const pg=require('pg');const c=new pg.Client(${JSON.stringify(admin)});c.connect().then(()=>c.query('DROP DATABASE IF EXISTS ${name} WITH (FORCE)')).then(()=>c.end())`], { cwd: join(root, 'db') });
  }
  // Playwright's webServer builds the app and starts the real server on a small demo borough.
  const out = join(results, 'e2e.json');
  const code = run('pnpm', ['exec', 'playwright', 'test'], { cwd: join(root, 'e2e'), env });
  dropDb?.();
  if (existsSync(out)) {
    const s = JSON.parse(readFileSync(out, 'utf8')).stats;
    const failed = (s.unexpected ?? 0) + (s.flaky ?? 0);
    totals.passed += s.expected ?? 0;
    totals.failed += failed;
    totals.skipped += s.skipped ?? 0;
    lines.push(`e2e (${backend}): ${s.expected ?? 0} passed, ${failed} failed, ${s.skipped ?? 0} skipped`);
    if (code !== 0 && failed === 0) {
      broken = true;
      totals.failed++;
    }
  } else {
    broken = true;
    totals.failed++;
    lines.push(`e2e: playwright did not report (exit ${code})`);
  }
}

writeFileSync(join(results, 'summary.json'), JSON.stringify({ backend, ...totals, broken }));
console.log(`\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
