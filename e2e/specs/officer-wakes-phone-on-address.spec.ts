// An officer looks up 27 Mill Lane, puts the phone away, and wakes it three days later: first with
// no signal, then with. The page must say when it was looked up and that the feeds are now late
// (on the agency lines and on each person's lines), never go on showing the old answer as current;
// with signal back it asks again.
import { expect, test, type Page } from '@playwright/test';
import { agencies, openAddress, signIn } from '../support/mast.ts';

/** What a phone does when it wakes: the page becomes visible again. */
async function wake(page: Page): Promise<void> {
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
}

test('officer wakes the phone on an address days later, offline and then online', async ({ page, context }) => {
  await page.clock.install();
  await signIn(page, 'officer');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  const lookedUp = page.getByTestId('looked-up');
  await expect(lookedUp).toHaveText(/^Looked up at \d\d:\d\d today$/);
  const personLines = page.getByRole('list', { name: 'People' }).locator('li[data-agency]');
  expect(await personLines.count()).toBeGreaterThan(0);

  await context.setOffline(true);
  // Three days is past the next due time and grace of every daily feed, whenever its file came.
  await page.clock.fastForward(3 * 24 * 3_600_000);
  await wake(page);

  await expect(lookedUp).toHaveText(/^Looked up at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2} \d{4}\. Offline: it may have changed since\.$/);
  await expect(lookedUp).toHaveClass(/\bwarn\b/);
  await expect(page.getByTestId('stale-feeds')).toBeVisible();
  for (const line of await agencies(page).locator(':scope > li').all()) {
    await expect(line).not.toHaveAttribute('data-feed-state', 'fresh');
    await expect(line).not.toContainText(' data as of ');
  }
  for (const line of await personLines.all()) {
    await expect(line).not.toHaveAttribute('data-feed-state', 'fresh');
    await expect(line).toContainText(/data is late: last received|No .+ data received/);
  }

  // Signal back ten minutes after the lookup (the server's clock never moved): the outdated
  // answer is asked for again, and the new one replaces the warning.
  await page.clock.setSystemTime(Date.now() + 10 * 60_000);
  // The answer asked for again is marked, to see that it, not the old one, is what shows.
  await page.route('**/api/addresses/*', async (route) => {
    const response = await route.fetch();
    const summary = await response.json();
    summary.address.label = `${summary.address.label} (asked again)`;
    await route.fulfill({ response, json: summary });
  });
  const asked = page.waitForResponse((response) => /^\/api\/addresses\/\d+$/.test(new URL(response.url()).pathname));
  await context.setOffline(false);
  await wake(page);
  expect((await asked).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\(asked again\)$/);
  await expect(lookedUp).toHaveText(/^Looked up at \d\d:\d\d (today|yesterday)$/);
  await expect(lookedUp).not.toHaveClass(/\bwarn\b/);
});

test('officer wakes the phone with a weak signal: the result stays, with a warning, when mast cannot be reached', async ({ page }) => {
  await page.clock.install();
  await signIn(page, 'officer');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  const lookedUp = page.getByTestId('looked-up');
  await expect(lookedUp).toHaveText(/^Looked up at \d\d:\d\d today$/);

  // The phone says it is online, but nothing gets through to mast.
  await page.route('**/api/addresses/*', (route) => route.abort('connectionfailed'));
  await page.clock.fastForward(3 * 24 * 3_600_000);
  const asked = page.waitForRequest((request) => /^\/api\/addresses\/\d+$/.test(new URL(request.url()).pathname));
  await wake(page);
  await asked;

  await expect(lookedUp).toHaveText(/\. Could not reach mast to update it: it may have changed since\.$/);
  await expect(lookedUp).toHaveClass(/\bwarn\b/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^27 Mill Lane\b/);
  await expect(agencies(page).locator(':scope > li')).not.toHaveCount(0);
  await expect(page.getByTestId('stale-feeds')).toBeVisible();
});
