// A data steward works through the pairs of person records the matcher was unsure about:
// compares the two records and the evidence, and decides. Nobody else can open the queue.
import { expect, test } from '@playwright/test';
import type { ReviewListResponse } from '@mast/shared';
import { reviewLink, searchBox, signIn } from '../support/mast.ts';

test('steward opens the review queue from search, and decides the first pair if there is one', async ({ page }) => {
  await signIn(page, 'steward');
  await expect(searchBox(page)).toBeVisible();

  // The search page link counts what is waiting; the page's own API call must agree.
  const queue = (await (await page.request.get('/api/review/pairs?status=open')).json()) as ReviewListResponse;
  await expect(reviewLink(page)).toHaveText(`Review matches (${queue.open})`);
  await reviewLink(page).click();

  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review matches');
  const count = page.getByTestId('open-count');
  await expect(count).toHaveText(
    queue.open === 0 ? 'No matches waiting for review' : `${queue.open} ${queue.open === 1 ? 'match' : 'matches'} waiting for review`,
  );
  await expect(page.getByRole('link', { name: `Waiting (${queue.open})` })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'Decided' })).toBeVisible();

  const list = page.getByRole('list', { name: 'Pairs waiting for review' });
  if (queue.pairs.length === 0) {
    await expect(list).toHaveCount(0);
    test.info().annotations.push({ type: 'note', description: 'the demo data has no pairs to review yet' });
    return;
  }

  // Each pair shows both names, both agencies and the probability as a percentage.
  await expect(list.getByRole('listitem')).toHaveCount(queue.pairs.length);
  const first = queue.pairs[0]!;
  const item = list.locator(`li[data-pair="${first.id}"]`);
  await expect(item).toContainText(`${first.left.givenName} ${first.left.familyName}`);
  await expect(item).toContainText(`${first.right.givenName} ${first.right.familyName}`);
  await expect(item).toContainText(first.left.agencyName);
  await expect(item).toContainText(first.right.agencyName);
  await expect(item).toContainText(/\d+% likely the same person|(under 1|over 99)% likely/);

  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/review/${first.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Are these the same person?');

  // Both records, labelled, field by field; and the evidence with signed weights.
  const records = page.getByRole('table', { name: 'Record A and Record B, field by field' });
  await expect(records.getByRole('columnheader', { name: /Record A/ })).toContainText(first.left.agencyName);
  await expect(records.getByRole('columnheader', { name: /Record B/ })).toContainText(first.right.agencyName);
  await expect(records.locator('tr[data-field="given_name"] td[data-side="a"]')).toContainText(first.left.givenName);
  await expect(records.locator('tr[data-field="given_name"] td[data-side="b"]')).toContainText(first.right.givenName);
  await expect(records.locator('tr[data-field="family_name"] td[data-side="a"]')).toContainText(first.left.familyName);
  await expect(records.locator('tr[data-field="family_name"] td[data-side="b"]')).toContainText(first.right.familyName);
  await expect(page.getByTestId('pair-probability')).toContainText('likely the same person');
  // Why the pair waits for a steward, in words, as the API gives it.
  await expect(page.getByTestId('pair-reason')).toHaveText(first.reason);
  if (first.evidence.length > 0) {
    const evidence = page.getByRole('table', { name: 'Evidence' });
    await expect(evidence.locator('tbody tr')).toHaveCount(first.evidence.length);
    for (const weight of await evidence.locator('tbody tr .number').allInnerTexts()) {
      expect(weight).toMatch(/^([+\u2212]\d+\.\d|0)$/);
    }
  }
  // Names and dates of birth are on the page only: never in the address bar or the title.
  expect(page.url()).toMatch(/\/review\/\d+$/);
  expect(page.url()).not.toContain(first.left.familyName);
  expect(await page.title()).not.toContain(first.left.familyName);

  // The records must not push the page sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByRole('button', { name: 'Same person' }).click();
  const decision = page.getByTestId('decision');
  await expect(decision).toContainText('Decided: Same person');
  await expect(decision).toContainText('By steward');
  await expect(page.getByRole('button', { name: 'Same person' })).toHaveAttribute('aria-pressed', 'true');

  const decided = (await (await page.request.get(`/api/review/pairs/${first.id}`)).json()) as { status: string; decidedBy: string };
  expect(decided).toMatchObject({ status: 'same', decidedBy: 'steward' });

  // On to the next pair, or back to the list when none is left; either way it shows as decided.
  const onward = queue.open > 1 ? 'Next match' : 'Back to the list';
  await expect(page.getByRole('link', { name: onward })).toBeVisible();
  await page.goto('/review?status=decided');
  await expect(page.getByRole('link', { name: 'Decided' })).toHaveAttribute('aria-current', 'page');
  const decidedItem = page.getByRole('list', { name: 'Decided pairs' }).locator(`li[data-pair="${first.id}"]`);
  await expect(decidedItem).toHaveAttribute('data-status', 'same');
  await expect(decidedItem).toContainText('Same person');
  await page.getByRole('link', { name: /^Waiting/ }).click();
  await expect(page.getByTestId('open-count')).toHaveAttribute('data-open', String(queue.open - 1));
});

test('an officer opening /review is told it is for data stewards, and search has no review link', async ({ page }) => {
  await signIn(page, 'officer');
  await expect(searchBox(page)).toBeVisible();
  await expect(reviewLink(page)).toHaveCount(0);

  expect((await page.request.get('/api/review/pairs')).status()).toBe(403);
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is for data stewards');
  await expect(page.getByTestId('open-count')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Back to search' })).toBeVisible();

  await page.goto('/review/1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is for data stewards');
});

test('steward reads the evidence in words, and a date of birth with two digits swapped as a likely typing slip', async ({ page }) => {
  await signIn(page, 'steward');
  const queue = (await (await page.request.get('/api/review/pairs?status=open')).json()) as ReviewListResponse;
  // The demo borough has pairs whose years of birth differ only by their last two digits swapped
  // ("1958" and "1985"): the matcher reads them as a generation apart.
  const swapped = (a: string, b: string) => a !== b && a.slice(0, 2) === b.slice(0, 2) && a[2] === b[3] && a[3] === b[2] && a.slice(4) === b.slice(4);
  const pair = queue.pairs.find((p) => swapped(p.left.dateOfBirth, p.right.dateOfBirth));
  expect(pair, 'a pair in the demo queue born, say, 1958 and 1985').toBeDefined();
  const [yearA, yearB] = [pair!.left.dateOfBirth.slice(0, 4), pair!.right.dateOfBirth.slice(0, 4)];
  await page.goto(`/review/${pair!.id}`);

  const evidence = page.getByRole('table', { name: 'Evidence' });
  const dateOfBirth = evidence.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Date of birth' }) });
  await expect(dateOfBirth).toContainText('Ten or more years apart');
  const slip = `Dates of birth differ by two swapped digits (${yearA} / ${yearB}): likely a typing slip`;
  await expect(dateOfBirth).toContainText(slip);
  await expect(page.getByTestId('records-slip')).toHaveText(slip);

  // Every field and level in words: no matcher keys ("DateOfBirth", "years-apart", "Null").
  const nhs = evidence.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'NHS number' }) });
  await expect(nhs).toContainText('Missing from one or both records');
  for (const text of await evidence.locator('tbody tr :is(th, td.level)').allInnerTexts()) {
    expect(text).not.toMatch(/[a-z][A-Z]|\b[Nn]ull\b|>=|(years|digit|month|year|same|edit|part)-[a-z]/);
  }
});
