// A police officer on the way to a call checks 27 Mill Lane: who else is involved, and whom to call.
import { expect, test } from '@playwright/test';
import { agencyLine, answer, callNowButton, contactsCount, openAddress, searchBox, signIn, signOut } from '../support/mast.ts';

test('officer finds 27 Mill Lane from a misspelt partial and reads who is involved', async ({ page }) => {
  await signIn(page, 'officer');
  await expect(searchBox(page)).toBeFocused();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();

  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  const addressUrl = page.url();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('27 Mill Lane');
  await expect(page.getByText('MB3 4RT').first()).toBeVisible();

  // The answer first, by name: the four services that know the household, and the one that does not.
  await expect(answer(page).getByTestId('answer-involved')).toHaveText('Police, Adult social care, NHS A&E, Fire and rescue involved;');
  await expect(answer(page).getByTestId('answer-not-known')).toHaveText(/^\s*Children's social care( \((data late|no data received)\))? not known$/);

  // All five agencies, always, each saying plainly whether it is involved; the involved ones first.
  const lines = page.getByRole('list', { name: 'Agencies', exact: true }).locator(':scope > li');
  await expect(lines).toHaveCount(5);
  expect(await lines.evaluateAll((items) => items.map((item) => item.getAttribute('data-agency')))).toEqual([
    'police',
    'council-adults',
    'nhs',
    'fire',
    'council-children',
  ]);
  await expect(agencyLine(page, 'council-children')).toContainText('No record from this agency in the last 12 months');

  const police = agencyLine(page, 'police');
  await expect(police).toHaveAttribute('data-involved', 'true');
  await expect(police).toContainText('Involved');
  expect(contactsCount(await police.innerText())).toBeGreaterThanOrEqual(11);
  await expect(police).toContainText(/Last contact \d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expect(police).toContainText(/Police data as of|Police data is late|No Police data received/);

  const adults = agencyLine(page, 'council-adults');
  await expect(adults).toHaveAttribute('data-involved', 'true');
  await expect(adults).toContainText('Open case');
  // The sharing agreement shows a police responder that adult social care is involved and whom
  // to call, not why: self-neglect stays with the care partners.
  await expect(adults).toHaveAttribute('data-detail', 'flag');
  await expect(adults).toContainText('Details not shared with your role');
  await expect(adults).not.toContainText('Self-neglect');
  await expect(callNowButton(adults)).toHaveAttribute('href', /^tel:\d{6,}$/);

  for (const agency of ['nhs', 'fire'] as const) {
    await expect(agencyLine(page, agency)).toHaveAttribute('data-involved', 'true');
  }

  const people = page.getByRole('list', { name: 'People' });
  await expect(people).toContainText('Sandra Kelly');
  await expect(people).toContainText('14 Mar 1971');
  await expect(people).toContainText('Leanne Kelly');
  await expect(people).toContainText('2 Aug 1996');
  await expect(page.getByText('mast holds no case notes')).toBeVisible();
  // Names are on the page only: never in the address bar.
  expect(page.url()).not.toMatch(/kelly|1971/i);

  await signOut(page);
  await page.goto(addressUrl);
  await expect(page).toHaveURL(/\/login\?next=%2Faddress%2F\d+$/);
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
});

test('officer goes back from an address to the same results', async ({ page }) => {
  await signIn(page, 'officer');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  await page.goBack();
  await expect(page).toHaveURL(/\/\?q=27(\+|%20)mil(\+|%20)lane$/);
  await expect(searchBox(page)).toHaveValue('27 mil lane');
  await expect(page.getByRole('list', { name: 'Matching addresses' }).getByRole('link', { name: /27 Mill Lane/ }).first()).toBeVisible();
});

test('officer uses the keyboard alone: type, arrow down, Enter', async ({ page }) => {
  await signIn(page, 'officer');
  await searchBox(page).pressSequentially('acacia av', { delay: 30 });
  const first = page.getByRole('list', { name: 'Matching addresses' }).getByRole('link').first();
  await expect(first).toContainText('Acacia Avenue');
  await page.keyboard.press('ArrowDown');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('1 Acacia Avenue');
});

test.describe('on a small phone (360 x 740)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the address page fits the screen without sideways scrolling', async ({ page }) => {
    await signIn(page, 'officer');
    await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const call = callNowButton(agencyLine(page, 'council-adults'));
    const box = await call.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  });
});
