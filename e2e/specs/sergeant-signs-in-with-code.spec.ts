// The demo sergeant has an authenticator: the password, then the code from it (here from
// `pnpm mast totp-code sergeant`, as the README says), or one of the recovery codes, each once.
import { expect, test, type Page } from '@playwright/test';
import { freshTotpCode } from '../support/mast.ts';

async function password(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Username').fill('sergeant');
  await page.getByLabel('Password').fill('mast-demo-sergeant');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Code from your authenticator app')).toBeVisible();
}

async function code(page: Page, value: string) {
  await page.getByLabel('Code from your authenticator app').fill(value);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('the sergeant signs in with password and code; a wrong code is refused first', async ({ page }) => {
  await password(page);
  // The password alone opens nothing.
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  const right = await freshTotpCode();
  await code(page, right === '000000' ? '111111' : '000000');
  await expect(page.getByRole('alert')).toHaveText('That code is wrong or has been used');
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  await code(page, right);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Sgt Chris Lowe');
});

test('a recovery code works once', async ({ page }) => {
  await password(page);
  await code(page, 'demo7-recov');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await password(page);
  await code(page, 'demo7-recov');
  await expect(page.getByRole('alert')).toHaveText('That code is wrong or has been used');
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});

test('the security page shows the authenticator set up, and signs out everywhere', async ({ page, browser }) => {
  await password(page);
  await code(page, 'demo8-recov');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('link', { name: 'Security' }).click();
  // Ten, less the recovery codes used above.
  await expect(page.getByTestId('second-factor-state')).toHaveText(/^Set up\. [1-9] recovery codes left\.$/);

  // A second device, signed in as the same sergeant.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await password(otherPage);
  await code(otherPage, 'demo9-recov');
  await expect(otherPage.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await otherPage.request.get('/api/auth/me')).status()).toBe(401);
  await other.close();
});
