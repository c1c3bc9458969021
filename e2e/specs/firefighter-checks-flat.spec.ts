// A fire crew before a home safety visit at Beech Court: the block first, then Flat 4.
import { expect, test } from '@playwright/test';
import { agencyLine, openAddress, searchFor, signIn, signOut } from '../support/mast.ts';

test('firefighter finds Beech Court, opens Flat 4 and sees children’s social care involved', async ({ page }) => {
  await signIn(page, 'firefighter');

  const hits = await searchFor(page, 'beech crt');
  const block = hits.filter({ hasText: /Beech Court/ }).filter({ hasText: '12 flats' });
  await expect(block.first()).toBeVisible();
  await expect(block.first()).toContainText('MB2 3PL');
  await block.first().click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beech Court');
  const flats = page.getByRole('list', { name: 'Flats' }).getByRole('link');
  await expect(flats).toHaveCount(12);

  await flats.filter({ hasText: /^Flat 4\b/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Flat 4');
  const flatUrl = page.url();

  const children = agencyLine(page, 'council-children');
  await expect(children).toHaveAttribute('data-involved', 'true');
  await expect(children).toContainText('Open case');
  await expect(children).toContainText('Child protection plan');
  await expect(children.locator('a[href^="tel:"]')).toBeVisible();
  await expect(agencyLine(page, 'police')).toHaveAttribute('data-involved', 'true');

  const people = page.getByRole('list', { name: 'People' });
  await expect(people).toContainText('Tyler Brooks');
  await expect(people).toContainText('20 May 2015');

  await signOut(page);
  await page.goto(flatUrl);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByText('Tyler Brooks')).toHaveCount(0);
});

test('firefighter finds Flat 4 directly by searching for it', async ({ page }) => {
  await signIn(page, 'firefighter');
  await openAddress(page, 'flat 4 beech court', /^Flat 4\b/);
  await expect(agencyLine(page, 'council-children')).toHaveAttribute('data-involved', 'true');
});
