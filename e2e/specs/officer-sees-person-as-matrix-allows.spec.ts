// A police responder cannot search for people (the sharing agreement keeps that to practitioners),
// but reaches a person from an address page, and reads their page as the agreement allows: health
// and adult social care as flags (involved, whom to call), without what for.
import { expect, test } from '@playwright/test';
import { agencyLine, openAddress, searchBox, signIn, signOut } from '../support/mast.ts';

test('officer has no way to search for people, and the API refuses one', async ({ page }) => {
  await signIn(page, 'officer');
  await expect(searchBox(page)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Alert list' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Find a person' })).toHaveCount(0);

  await page.goto('/people');
  await expect(page.getByText('Your role does not search for people under the sharing agreement.')).toBeVisible();
  await expect(page.getByLabel('Family name')).toHaveCount(0);

  // Asked as the app would ask, from the page: refused for the role, whatever the purpose.
  const refused = await page.evaluate(async () => {
    const res = await fetch('/api/people/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ givenName: 'Sandra', familyName: 'Kelly', dateOfBirth: '1971-03-14', purpose: 'attending-incident', reference: 'INC-4471' }),
    });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('forbidden');
  expect(refused.body.error.message).toContain('does not let your role search for people');
});

test("officer opens Sandra Kelly from 27 Mill Lane and sees health and adult social care as flags; her social worker's team is told", async ({ page }) => {
  await signIn(page, 'officer');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  const sandra = page
    .getByRole('list', { name: 'People' })
    .locator(':scope > li')
    .filter({ has: page.getByRole('heading', { name: 'Sandra Kelly', exact: true }) })
    .filter({ hasText: 'Born 14 Mar 1971' })
    .first();
  await sandra.getByRole('link', { name: 'Sandra Kelly' }).click();

  // The purpose given for the address goes with her: the officer is not asked again.
  await expect(page).toHaveURL(/\/person\/\d+\?purpose=attending-incident&reference=INC-4471$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sandra Kelly');
  await expect(page.getByTestId('person-dob')).toContainText('Born 14 Mar 1971');
  await expect(page.getByTestId('purpose-line')).toContainText('INC-4471');

  for (const agency of ['nhs', 'council-adults'] as const) {
    const line = agencyLine(page, agency);
    await expect(line).toHaveAttribute('data-involved', 'true');
    await expect(line).toHaveAttribute('data-detail', 'flag');
    await expect(line.getByRole('list', { name: 'Categories' })).toHaveCount(0);
    await expect(line.getByTestId('flag-only')).toHaveText('Details not shared with your role: call them to know more');
    await expect(line.locator('a[data-call="now"]')).toHaveAttribute('href', /^tel:\+?\d{6,}$/);
  }
  await expect(agencyLine(page, 'council-adults')).toContainText('Open case');
  await expect(agencyLine(page, 'council-adults')).not.toContainText('Self-neglect');
  await expect(agencyLine(page, 'nhs')).not.toContainText(/Alcohol|Fall|Injury/);
  // The police's own records in full.
  const police = agencyLine(page, 'police');
  await expect(police).toHaveAttribute('data-detail', 'full');
  await expect(police.getByRole('list', { name: 'Categories' })).toContainText('Concern for welfare');

  await expect(page.getByRole('list', { name: 'Places known at' }).getByRole('link', { name: /27 Mill Lane/ })).toBeVisible();
  expect(page.url()).not.toMatch(/kelly|1971/i);
  const personPath = new URL(page.url()).pathname;

  // The adult social care team leads her open case: its social worker sees who looked her up.
  await signOut(page);
  await signIn(page, 'socialworker');
  await page.goto('/notifications');
  const look = page
    .getByTestId('notification')
    .filter({ has: page.getByRole('heading', { name: 'Looked up Sandra Kelly' }) })
    .filter({ hasText: 'PC Alex Morgan' })
    .first();
  await expect(look).toContainText('INC-4471');
  await expect(look.getByRole('link', { name: 'Sandra Kelly' })).toHaveAttribute('href', personPath);
  await expect(page.locator('a[href="/address/null"]')).toHaveCount(0);
});
