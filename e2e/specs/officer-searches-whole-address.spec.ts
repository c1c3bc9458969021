// An officer types a whole address the way mast prints it and presses the search key: mast opens
// that house when it is clearly the one, and otherwise keeps the list for the officer to choose.
import { expect, test } from '@playwright/test';
import { searchBox, signIn } from '../support/mast.ts';

const hits = (page: import('@playwright/test').Page) => page.getByRole('list', { name: 'Matching addresses' }).getByRole('link');
const status = (page: import('@playwright/test').Page) => page.locator('#search-status');

test('the search key opens 27 Mill Lane typed as mast prints it', async ({ page }) => {
  await signIn(page, 'officer');
  await searchBox(page).pressSequentially('27 Mill Lane, Northfield, Mastbury', { delay: 20 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/address\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('27 Mill Lane, Northfield, Mastbury');
});

test('the search key pressed before the answer comes still opens the house', async ({ page }) => {
  await signIn(page, 'officer');
  await searchBox(page).fill('27 mill lane northfield mb3 4rt');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('27 Mill Lane, Northfield, Mastbury');
});

test('a street is a list to choose from: the search key does not open any house, and the rest come a page at a time', async ({ page }) => {
  await signIn(page, 'officer');
  await searchBox(page).pressSequentially('mill lane', { delay: 20 });
  await expect(status(page)).toHaveText(/^Showing 10 of 40 addresses\./);
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Choose the right one below');
  await expect(page).toHaveURL(/\/\?q=mill(\+|%20)lane$/);
  await expect(hits(page).first()).toBeFocused();
  await expect(hits(page)).toHaveCount(10);
  await expect(hits(page).nth(9)).toContainText(/^10 Mill Lane/);

  await page.getByRole('button', { name: 'Show 10 more' }).click();
  await expect(hits(page)).toHaveCount(20);
  await expect(hits(page).nth(10)).toContainText(/^11 Mill Lane/);
  await expect(hits(page).nth(10)).toBeFocused();
  await expect(status(page)).toHaveText(/^Showing 20 of 40 addresses\./);
});

test('a postcode lists every address in it, in house-number order', async ({ page }) => {
  await signIn(page, 'officer');
  await searchBox(page).pressSequentially('MB3 4RT', { delay: 20 });
  await expect(status(page)).toHaveText(/^Showing 10 of 16 addresses\./);
  await page.getByRole('button', { name: 'Show 6 more' }).click();
  await expect(hits(page)).toHaveCount(16);
  const labels = await hits(page).locator('.label').allTextContents();
  expect(labels.map((l) => Number(/^(\d+)/.exec(l)?.[1]))).toEqual(Array.from({ length: 16 }, (_, i) => 15 + i));
  await expect(page.getByRole('button', { name: /more/ })).toHaveCount(0);
  await expect(status(page)).toHaveText('16 addresses found.');
});

test('a slow answer: the tapped address says it is opening at once', async ({ page }) => {
  await signIn(page, 'officer');
  await page.route('**/api/addresses/*', async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  await searchBox(page).pressSequentially('27 mill lane', { delay: 20 });
  const first = hits(page).first();
  await expect(first).toContainText('27 Mill Lane');
  await first.click();
  await expect(first).toContainText('Opening…', { timeout: 1000 });
  await expect(first).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('progressbar', { name: 'Loading' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('27 Mill Lane, Northfield, Mastbury');
  await expect(page.getByRole('progressbar', { name: 'Loading' })).toHaveCount(0);
});
