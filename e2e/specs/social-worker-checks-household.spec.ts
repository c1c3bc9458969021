// A social worker before home visits: a quiet house where no one is known, then the Kellys.
import { expect, test } from '@playwright/test';
import { agencies, agencyLine, answer, callNowButton, contactsCount, openAddress, searchBox, signIn, signOut } from '../support/mast.ts';

test('social worker checks 1 Acacia Avenue: four agencies "Not known", and the police line says what is not shared with her', async ({ page }) => {
  await signIn(page, 'socialworker');
  await openAddress(page, 'acacia av', /^1 Acacia Avenue\b/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('1 Acacia Avenue');

  const lines = agencies(page).locator(':scope > li');
  await expect(lines).toHaveCount(5);
  for (const line of await lines.all()) await expect(line).toHaveAttribute('data-involved', 'false');
  for (const agency of ['council-children', 'council-adults', 'nhs', 'fire'] as const) await expect(agencyLine(page, agency)).toContainText('Not known');
  // The sharing agreement keeps antisocial behaviour and burglary reports from a social worker: the
  // police line cannot say "not known", and says what is not shared.
  const police = agencyLine(page, 'police');
  await expect(police).toHaveAttribute('data-shared', 'some');
  await expect(police).toContainText('None shared');
  await expect(police).not.toContainText('Not known');
  await expect(police).toContainText('Not shared with your role: Antisocial behaviour, Burglary');
  await expect(agencies(page).locator('a[href^="tel:"]')).toHaveCount(0);
  await expect(answer(page).getByTestId('answer-involved')).toHaveText('No involvement shared with you here.');
  await expect(answer(page).getByTestId('answer-not-known')).toContainText("Children's social care, Adult social care, NHS A&E, Fire and rescue");
  await expect(answer(page).getByTestId('answer-not-shared')).toContainText('Police');
});

test('social worker reads the Kelly household at 27 Mill Lane and can call the adult team', async ({ page }) => {
  await signIn(page, 'socialworker');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  const addressUrl = page.url();

  const adults = agencyLine(page, 'council-adults');
  await expect(adults).toHaveAttribute('data-involved', 'true');
  await expect(adults).toContainText('Open case');
  await expect(adults).toContainText('Self-neglect');
  const call = callNowButton(adults);
  await expect(call).toHaveAttribute('href', /^tel:\+?\d{6,}$/);
  await expect(call).toContainText(/Call .+/);

  expect(contactsCount(await agencyLine(page, 'nhs').innerText())).toBeGreaterThanOrEqual(15);
  expect(contactsCount(await agencyLine(page, 'fire').innerText())).toBeGreaterThanOrEqual(3);

  const people = page.getByRole('list', { name: 'People' });
  // Records link on exact name and date of birth for now, so variant spellings in the feeds
  // (e.g. "Sandi") may add entries; the two people of the household must be there either way.
  const person = (name: string) =>
    people.locator(':scope > li').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await expect(person('Sandra Kelly').filter({ hasText: 'Born 14 Mar 1971' })).toHaveCount(1);
  await expect(person('Leanne Kelly').filter({ hasText: 'Born 2 Aug 1996' })).toHaveCount(1);
  const sandra = person('Sandra Kelly').filter({ hasText: 'Born 14 Mar 1971' });
  await expect(sandra.getByRole('list', { name: 'Agencies involved with Sandra Kelly' })).toBeVisible();
  await expect(sandra.locator('li[data-agency="council-adults"]')).toContainText('Open case');

  await page.getByRole('link', { name: 'Back to search' }).click();
  await expect(searchBox(page)).toBeFocused();

  await signOut(page);
  await page.goto(addressUrl);
  await expect(page).toHaveURL(/\/login\?next=%2Faddress%2F\d+$/);
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
});
