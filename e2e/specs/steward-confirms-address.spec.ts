// A data steward settles an address the matcher was unsure of: the address as a partner sent it
// beside the gazetteer address, the parts that agreed and disagreed, and one tap. Once confirmed,
// an officer checking that address sees those records. Nobody else can open the queue.
import { expect, test } from '@playwright/test';
import type { AddressReviewListResponse, AddressSummary } from '@mast/shared';
import { agencyLine, contactsCount, searchBox, signIn, signOut } from '../support/mast.ts';

test('steward confirms an uncertain address, and the officer then sees its records there', async ({ page }) => {
  await signIn(page, 'steward');
  await expect(searchBox(page)).toBeVisible();

  // The demo borough (seed 1, even at scale 0.02) has addresses its partners wrote loosely.
  const queue = (await (await page.request.get('/api/review/addresses?status=open')).json()) as AddressReviewListResponse;
  expect(queue.open, 'the demo borough has uncertain addresses to review').toBeGreaterThan(0);
  const link = page.getByRole('link', { name: /^Review addresses/ });
  await expect(link).toHaveText(`Review addresses (${queue.open})`);
  await link.click();

  await expect(page).toHaveURL(/\/review\/addresses$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review addresses');
  await expect(page.getByRole('link', { name: 'Addresses', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('open-count')).toHaveText(`${queue.open} ${queue.open === 1 ? 'address' : 'addresses'} waiting for review`);

  const list = page.getByRole('list', { name: 'Addresses waiting for review' });
  await expect(list.getByRole('listitem')).toHaveCount(queue.items.length);
  const first = queue.items[0]!;
  const item = list.locator(`li[data-item="${first.id}"]`);
  await expect(item).toContainText(first.sent.address);
  await expect(item).toContainText(first.candidate.label);
  await expect(item).toContainText(`${first.rows} record`);

  // What the officer sees at the candidate before the decision.
  const summaryOf = async () => (await (await page.request.get(`/api/addresses/${first.candidate.uprn}?purpose=checking-a-match`)).json()) as AddressSummary;
  const before = await summaryOf();

  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/review/addresses/${first.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Is this the same address?');
  await expect(page.getByTestId('sent-address')).toHaveText(first.sent.address);
  await expect(page.getByTestId('candidate-address')).toHaveText(first.candidate.label);
  const reasons = page.getByRole('list', { name: 'Parts compared' }).getByRole('listitem');
  await expect(reasons).toHaveCount(first.reasons.length);
  for (const [k, reason] of first.reasons.entries()) {
    await expect(reasons.nth(k)).toHaveAttribute('data-verdict', reason.verdict);
    await expect(reasons.nth(k)).toContainText(/Agrees|Partly agrees|Against|Not sent/);
  }
  // The address is on the page only: never in the address bar or the title.
  expect(page.url()).toMatch(/\/review\/addresses\/\d+$/);
  expect(await page.title()).toBe('Review an address · mast');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Two big buttons, in reach of a thumb.
  const same = page.getByRole('button', { name: 'Same address' });
  const box = await same.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(48);
  await expect(page.getByRole('button', { name: 'Not this address' })).toBeVisible();
  await same.click();
  const decision = page.getByTestId('decision');
  await expect(decision).toContainText('Decided: Same address');
  await expect(decision).toContainText(`${first.rows} record`);
  await expect(decision).toContainText('By steward');
  await expect(same).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('link', { name: queue.open > 1 ? 'Next address' : 'Back to the list' })).toBeVisible();

  // The records are now counted at the address, agency by agency.
  const after = await summaryOf();
  const counts = (s: AddressSummary) => new Map(s.agencies.map((a) => [a.agency, a.contacts12m]));
  for (const { agency, rows } of first.agencies) {
    expect(counts(after).get(agency), agency).toBe(counts(before).get(agency)! + rows);
  }

  await page.goto('/review/addresses?status=decided');
  const decided = page.getByRole('list', { name: 'Decided addresses' }).locator(`li[data-item="${first.id}"]`);
  await expect(decided).toHaveAttribute('data-status', 'same');
  await expect(decided).toContainText('Same address');
  await page.getByRole('link', { name: /^Waiting/ }).click();
  await expect(page.getByTestId('open-count')).toHaveAttribute('data-open', String(queue.open - 1));

  // An officer checking that address now sees the records the steward placed there.
  await signOut(page);
  await signIn(page, 'officer');
  await page.goto(`/address/${first.candidate.uprn}`);
  for (const { agency } of first.agencies) {
    const line = agencyLine(page, agency);
    await expect(line).toHaveAttribute('data-involved', 'true');
    expect(contactsCount(await line.innerText())).toBe(counts(after).get(agency));
  }
});

test('an officer opening /review/addresses is told it is for data stewards', async ({ page }) => {
  await signIn(page, 'officer');
  await expect(searchBox(page)).toBeVisible();
  await expect(page.getByRole('link', { name: /^Review addresses/ })).toHaveCount(0);

  expect((await page.request.get('/api/review/addresses')).status()).toBe(403);
  await page.goto('/review/addresses');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is for data stewards');
  await page.goto('/review/addresses/1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is for data stewards');
});
