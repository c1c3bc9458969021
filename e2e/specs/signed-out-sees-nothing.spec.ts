// Without a session, neither the pages nor the API show anything about an address.
import { expect, test } from '@playwright/test';
import type { ApiError } from '@mast/shared';
import { choosePurpose, findUprn, searchBox, signIn } from '../support/mast.ts';

let millLane = '';

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL: baseURL! });
  millLane = await findUprn(request, '27 mill lane', /^27 Mill Lane,/);
  await request.dispose();
});

test('a signed-out visitor to the search page sees the sign-in page only', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(searchBox(page)).toHaveCount(0);
});

test('a signed-out visitor to an address sees no data, then returns there after signing in', async ({ page }) => {
  await page.goto(`/address/${millLane}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Faddress%2F${millLane}$`));
  await expect(page.getByText('Mill Lane')).toHaveCount(0);
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);

  await page.getByLabel('Username').fill('officer');
  await page.getByLabel('Password').fill('mast-demo-officer');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/address/${millLane}$`));
  // The address is shown once the officer says why they are looking.
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
  await choosePurpose(page, 'Attending an incident', 'INC-4471');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('27 Mill Lane');
});

test('the API answers 401 JSON without a session cookie', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL: baseURL! });
  for (const path of [`/api/addresses/${millLane}`, '/api/addresses?q=mill', '/api/auth/me']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    expect(response.headers()['content-type'], path).toContain('application/json');
    const body = (await response.json()) as ApiError;
    expect(body.error.code, path).toBe('unauthorized');
    expect(JSON.stringify(body), path).not.toMatch(/Mill Lane|Kelly/);
  }
  await request.dispose();
});

test('a wrong password shows the error and stays signed out', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username').fill('officer');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('signing in again after a sign-out works', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  await signIn(page, 'officer');
  await expect(searchBox(page)).toBeVisible();
});

test('repeated wrong passwords: a warning before waits begin, then how long the wait really is; nothing locks', async ({ page }) => {
  // A name with no account (answered exactly as a real one), so no demo account is slowed.
  await page.goto('/login');
  await page.getByLabel('Username').fill('relief-officer');
  const password = page.getByLabel('Password');
  const signInButton = page.getByRole('button', { name: 'Sign in' });
  const alert = page.getByRole('alert');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await password.fill(`guess-${attempt}`);
    await signInButton.click();
    await expect(alert).toHaveText('Wrong username or password');
  }
  await password.fill('guess-4');
  await signInButton.click();
  await expect(alert).toHaveText('Wrong username or password. One attempt left before each further try has to wait');

  await password.fill('guess-5');
  await signInButton.click();
  await expect(alert).toHaveText('Wrong username or password. Each further try now has to wait a little longer');
  await password.fill('guess-6');
  await signInButton.click();
  // The first wait is five seconds (it doubles with each wrong try after it).
  await expect(alert).toHaveText(/^Too many attempts\. Try again in [1-5] seconds?$/);
});
