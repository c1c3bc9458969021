// Every page of mast passes axe-core's checks (WCAG 2.2 A and AA, and its best practices), in the
// light theme and the dark: sign-in, search with results, an address with involvement (and its
// alerts), a block of flats and a flat, the alert list, finding a person and a person's page, both review queues with an
// item each, the partner feeds, a feed, an upload, and the error page. Each page is checked once it has drawn what it shows.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AddressReviewListResponse, ReviewListResponse, UploadListResponse } from '@mast/shared';
import { findUprn, searchFor, signIn, signOut } from '../support/mast.ts';

async function expectNoViolations(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect.soft(found, `axe on ${name}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('sign-in page', async ({ page }) => {
      await page.goto('/login');
      await expectNoViolations(page, 'sign-in');
      // The page as it is after a wrong password: the error shown beside the form.
      await page.getByLabel('Username').fill('officer');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
      await expectNoViolations(page, 'sign-in after a wrong password');
    });

    test("a supervisor's and a lead team's pages: break-glass uses, who looked at the team's cases", async ({ page }) => {
      await signIn(page, 'sergeant');
      await page.goto('/break-glass');
      await expectNoViolations(page, 'break-glass uses');
      await signOut(page);
      await signIn(page, 'socialworker');
      await page.goto('/notifications');
      await expectNoViolations(page, 'who looked at your cases');
      // The lead team's alert list, with the close reasons open where it may act.
      await page.goto('/alerts');
      await expect(page.getByTestId('kept-list')).not.toBeEmpty();
      await expectNoViolations(page, 'the alert list (lead team)');
      const close = page.getByRole('button', { name: 'Close…' });
      if ((await close.count()) > 0) {
        await close.first().click();
        await expect(page.getByRole('group', { name: 'Why close this alert?' })).toBeVisible();
        await expectNoViolations(page, 'the alert list, choosing why to close');
      }
    });

    test("a social worker's pages: finding a person (the purpose, the form, its problems, the results, no one found) and a person's page", async ({ page }) => {
      await signIn(page, 'socialworker', '/login', false);
      await page.goto('/people');
      await expect(page.getByRole('button', { name: 'Home visit' })).toBeVisible();
      await expectNoViolations(page, 'why are you looking someone up');
      await page.getByRole('button', { name: 'Home visit' }).click();
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByLabel('Family name')).toBeVisible();
      await expectNoViolations(page, 'find a person');
      await page.getByLabel('Given name').fill('Sandra');
      await page.getByLabel('Day').fill('14');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByText('Enter the day, month and year, or leave all three blank.')).toBeVisible();
      await expectNoViolations(page, 'find a person, with problems to fix');
      await page.getByLabel('Family name').fill('Kelly');
      await page.getByLabel('Month').fill('3');
      await page.getByLabel('Year').fill('1971');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByTestId('person-match').first()).toBeVisible();
      await expectNoViolations(page, 'people found');
      await page.getByTestId('person-match').first().getByRole('link', { name: 'Sandra Kelly' }).click();
      await expect(page.locator('[data-involved="true"]').first()).toBeVisible();
      await expectNoViolations(page, "a person's page");
      await page.goto('/people');
      await page.getByLabel('Given name').fill('Zebedee');
      await page.getByLabel('Family name').fill('Quaxworthington');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByTestId('no-one-found')).toBeVisible();
      await expectNoViolations(page, 'no one found');
    });

    test("an officer's pages: search, an address, a block, a flat, the error page", async ({ page, request }) => {
      const [address, block, flat] = [
        await findUprn(request, '27 mil lane', /^27 Mill Lane\b/),
        await findUprn(request, 'beech crt', /Beech Court/),
        await findUprn(request, 'flat 4 beech court', /^Flat 4\b/),
      ];
      await signIn(page, 'officer', '/login', false);
      await page.goto(`/address/${address}`);
      await expect(page.getByRole('button', { name: 'Attending an incident' })).toBeVisible();
      await expectNoViolations(page, 'why are you looking (the purpose)');
      await page.getByRole('button', { name: 'Attending an incident' }).click();
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByText('Enter the incident number.')).toBeVisible();
      await expectNoViolations(page, 'the purpose, with its reference missing');
      await page.getByLabel('Incident number').fill('INC-1');
      await page.getByRole('button', { name: 'Look up' }).click();
      await page.getByRole('button', { name: 'Need to see more here? Break glass' }).click();
      await expectNoViolations(page, 'an address, asking to break the glass');
      await page.goto('/');
      await expectNoViolations(page, 'search');
      await searchFor(page, '27 mil lane');
      await expectNoViolations(page, 'search with results');
      await page.goto('/alerts');
      await expect(page.getByTestId('kept-list')).not.toBeEmpty();
      await expectNoViolations(page, 'the alert list');

      await page.goto(`/address/${address}`);
      await expect(page.locator('[data-involved="true"]').first()).toBeVisible();
      await expectNoViolations(page, 'an address with involvement');
      await page.goto(`/address/${block}`);
      await expect(page.getByRole('list', { name: 'Flats' })).toBeVisible();
      await expectNoViolations(page, 'a block of flats');
      await page.goto(`/address/${flat}`);
      await expect(page.locator('[data-involved="true"]').first()).toBeVisible();
      await expectNoViolations(page, 'a flat');

      await page.goto('/address/999999999999');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
      await expectNoViolations(page, 'the error page (not found)');
      await page.route('**/api/addresses/*', (route) => route.abort('internetdisconnected'));
      await page.goto(`/address/${address}`);
      await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
      await expectNoViolations(page, 'the error page (no signal)');
    });

    test("a steward's pages: both review queues with an item each, the partner feeds, a feed, an upload", async ({ page }) => {
      await signIn(page, 'steward');
      const pairs = (await (await page.request.get('/api/review/pairs?status=open')).json()) as ReviewListResponse;
      const items = (await (await page.request.get('/api/review/addresses?status=open')).json()) as AddressReviewListResponse;
      const uploads = (await (await page.request.get('/api/admin/feeds/police/uploads')).json()) as UploadListResponse;
      expect(pairs.pairs.length, 'the demo borough has pairs to review').toBeGreaterThan(0);
      expect(items.items.length, 'the demo borough has addresses to review').toBeGreaterThan(0);
      expect(uploads.uploads.length, 'the demo borough loaded a police file').toBeGreaterThan(0);

      const pages: [string, string][] = [
        ['/review', 'the review queue'],
        [`/review/${pairs.pairs[0]!.id}`, 'a pair to review'],
        ['/review?status=decided', 'decided pairs'],
        ['/review/addresses', 'the address review queue'],
        [`/review/addresses/${items.items[0]!.id}`, 'an address to review'],
        ['/admin', 'the partner feeds'],
        ['/admin/feeds/police', 'a feed'],
        [`/admin/uploads/${uploads.uploads[0]!.id}`, 'an upload'],
      ];
      for (const [path, name] of pages) {
        await page.goto(path);
        await expectNoViolations(page, name);
      }
    });
  });
}
