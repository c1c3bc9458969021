// What a person does in mast, as steps the specs share: sign in, search, open, read, sign out.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { AddressSearchResponse, FeedId } from '@mast/shared';

export const DEMO_USERS = {
  officer: { username: 'officer', password: 'mast-demo-officer' },
  firefighter: { username: 'firefighter', password: 'mast-demo-firefighter' },
  socialworker: { username: 'socialworker', password: 'mast-demo-socialworker' },
  steward: { username: 'steward', password: 'mast-demo-steward' },
  sergeant: { username: 'sergeant', password: 'mast-demo-sergeant' },
  analyst: { username: 'analyst', password: 'mast-demo-analyst' },
  governance: { username: 'governance', password: 'mast-demo-governance' },
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

export function searchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Address or postcode' });
}

/**
 * The purpose each demo user states for their shift, unless a spec has them choose it on the page;
 * false for roles that look nothing up.
 */
export const SHIFT_PURPOSES: Record<DemoUser, { purpose: string; reference: string | null } | false> = {
  officer: { purpose: 'attending-incident', reference: 'INC-4471' },
  firefighter: { purpose: 'home-safety-visit', reference: null },
  socialworker: { purpose: 'home-visit', reference: null },
  steward: { purpose: 'checking-a-match', reference: null },
  sergeant: { purpose: 'break-glass-review', reference: null },
  analyst: false,
  governance: false,
};

/**
 * Signs in; then, unless `purpose` is false, states the user's purpose for the shift as the
 * address page would remember it (specs about the purpose itself choose it on the page).
 */
export async function signIn(page: Page, who: DemoUser, path = '/login', purpose: false | { purpose: string; reference: string | null } = SHIFT_PURPOSES[who]): Promise<void> {
  const { username, password } = DEMO_USERS[who];
  await page.goto(path);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (who === 'sergeant') {
    // The sergeant has an authenticator: the code from it, as `pnpm mast totp-code sergeant` shows.
    await page.getByLabel('Code from your authenticator app').fill(await freshTotpCode());
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  if (purpose) await statePurpose(page, username, purpose);
}

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * The demo sergeant's current code, never one of a 30-second step already used in this run (mast
 * refuses a replayed code): the last step used is kept beside the run's data.
 */
export async function freshTotpCode(): Promise<string> {
  const note = path.join(process.env.MAST_E2E_DATA_DIR ?? REPO, 'totp-last-step');
  const last = existsSync(note) ? Number(readFileSync(note, 'utf8')) : -1;
  let step = Math.floor(Date.now() / 30_000);
  if (step <= last) {
    await new Promise((r) => setTimeout(r, (last + 1) * 30_000 - Date.now() + 500));
    step = Math.floor(Date.now() / 30_000);
  }
  const out = execFileSync('pnpm', ['--silent', 'mast', 'totp-code', 'sergeant'], { cwd: REPO, encoding: 'utf8' });
  // The code printed is of the step the command ran in, which may be one later than `step`.
  writeFileSync(note, String(Math.floor(Date.now() / 30_000)));
  return /\b(\d{6})\b/.exec(out)![1]!;
}

/** What the address page keeps after a purpose is chosen (web/src/lib/purpose.ts), until the session ends. */
export async function statePurpose(page: Page, username: string, purpose: { purpose: string; reference: string | null }): Promise<void> {
  // Until the end of a shift by the phone's clock (a spec may have set that clock to another day).
  await page.evaluate(
    ([value]) => {
      const stated = JSON.parse(value!) as Record<string, unknown>;
      localStorage.setItem('mast.purpose', JSON.stringify({ ...stated, until: new Date(Date.now() + 12 * 3600_000).toISOString() }));
    },
    [JSON.stringify({ username, ...purpose })],
  );
}

/** Answers the address page's "Why are you looking this address up?" as a person would: a tap, and a reference where asked. */
export async function choosePurpose(page: Page, label: string, reference?: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Why are you looking this address up?' })).toBeVisible();
  await page.getByRole('button', { name: label }).click();
  if (reference !== undefined) {
    await page.getByLabel(/number|reference/i).fill(reference);
    await page.getByRole('button', { name: 'Look up' }).click();
  }
}

/** Types like a person (key by key), so the debounce and live answers are exercised. */
export async function searchFor(page: Page, query: string): Promise<Locator> {
  const box = searchBox(page);
  await box.click();
  await box.pressSequentially(query, { delay: 40 });
  const hits = page.getByRole('list', { name: 'Matching addresses' }).getByRole('link');
  await expect(hits.first()).toBeVisible();
  return hits;
}

export async function openAddress(page: Page, query: string, label: RegExp): Promise<void> {
  const hits = await searchFor(page, query);
  await hits.filter({ hasText: label }).first().click();
  await expect(page).toHaveURL(/\/address\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

export function agencies(page: Page): Locator {
  return page.getByRole('list', { name: 'Agencies', exact: true });
}

/** One agency's line: the list's own items only, not the category lists nested inside them. */
export function agencyLine(page: Page, agency: FeedId): Locator {
  return agencies(page).locator(`:scope > li[data-agency="${agency}"]`);
}

/** The big call button of an agency's line: the number to dial at this moment. */
export function callNowButton(line: Locator): Locator {
  return line.locator('a[data-call="now"]');
}

/** The answer at the top of an address page: the agencies involved, then those not known. */
export function answer(page: Page): Locator {
  return page.getByTestId('answer');
}

export function contactsCount(text: string): number {
  const match = /(\d+) contacts? in last 12 months/.exec(text);
  if (!match) throw new Error(`no contact count in: ${text}`);
  return Number(match[1]);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

/** Finds an address's UPRN through the API with a session of its own (not the page's). */
export async function findUprn(request: APIRequestContext, query: string, label: RegExp): Promise<string> {
  const login = await request.post('/api/auth/login', { data: DEMO_USERS.officer });
  expect(login.status()).toBe(200);
  const response = await request.get('/api/addresses', { params: { q: query } });
  expect(response.status()).toBe(200);
  const { results } = (await response.json()) as AddressSearchResponse;
  const hit = results.find((result) => label.test(result.label));
  if (!hit) throw new Error(`no address matching ${label} for "${query}"`);
  await request.post('/api/auth/logout');
  return hit.uprn;
}

/** The search page's way into the review queue, shown to data stewards only. */
export function reviewLink(page: Page): Locator {
  return page.getByRole('link', { name: /^Review matches/ });
}
