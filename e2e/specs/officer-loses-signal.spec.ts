// An officer taps an address as the signal drops. The page says mast cannot be reached and offers
// Retry; when the signal returns it loads the address by itself, with no tap.
import { expect, test } from '@playwright/test';
import { searchFor, signIn } from '../support/mast.ts';

test('a tapped address that fails offline loads by itself when the signal returns', async ({ page, context }) => {
  await signIn(page, 'officer');
  const hits = await searchFor(page, '27 mil lane');
  await context.setOffline(true);
  await hits.filter({ hasText: /^27 Mill Lane\b/ }).first().click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cannot reach mast');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page).toHaveURL(/\/address\/\d+$/);

  await context.setOffline(false);
  // Sooner than the error page's first timed retry (5 s): the browser's "online" brings it back.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^27 Mill Lane\b/, { timeout: 4_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
});

test('Retry loads the page again after a failure the phone did not notice', async ({ page }) => {
  await signIn(page, 'officer');
  const hits = await searchFor(page, '27 mil lane');
  // The request fails while the phone believes it is online: no "online" event will come.
  await page.route('**/api/addresses/*', (route) => route.abort('connectionreset'));
  await hits.filter({ hasText: /^27 Mill Lane\b/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cannot reach mast');

  await page.unroute('**/api/addresses/*');
  await page.getByRole('button', { name: 'Retry' }).click();
  // Sooner than the first timed retry: the tap did it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^27 Mill Lane\b/, { timeout: 4_000 });
});
