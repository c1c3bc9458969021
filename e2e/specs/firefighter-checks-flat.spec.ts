// A fire crew before a home safety visit at Beech Court: the block first, then Flat 4.
import { expect, test } from '@playwright/test';
import { agencyLine, answer, callNowButton, openAddress, searchFor, signIn, signOut } from '../support/mast.ts';

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
  // The flat with involvement is marked, in words, with who is involved; the others are not.
  const flat4 = flats.filter({ hasText: /^Flat 4\b/ });
  await expect(flat4).toHaveAttribute('data-involved', 'true');
  await expect(flat4).toContainText("Involved: Police, Children's social care");
  await expect(flats.filter({ hasText: 'Involved' })).toHaveCount(1);
  await expect(answer(page).getByTestId('answer-flats')).toHaveText('Involvement at Flat 4');
  // The people at the block say which flat they are known at.
  const blockPeople = page.getByRole('list', { name: 'People' }).locator(':scope > li');
  await expect(blockPeople.filter({ hasText: 'Tyler Brooks' })).toContainText('Known at Flat 4');
  await expect(blockPeople.filter({ hasText: 'Danielle Brooks' })).toContainText('Known at Flat 4');

  await flats.filter({ hasText: /^Flat 4\b/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Flat 4');
  const flatUrl = page.url();

  const children = agencyLine(page, 'council-children');
  await expect(children).toHaveAttribute('data-involved', 'true');
  await expect(children).toContainText('Open case');
  // A fire crew is told children's social care is involved and whom to call, not why.
  await expect(children).toContainText('Details not shared with your role');
  await expect(children).not.toContainText('Child protection plan');
  await expect(callNowButton(children)).toBeVisible();
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
