// Administrators, analysts and information governance officers look nothing up under the sharing
// agreement: no search box, and the API refuses them an address even by its UPRN.
import { expect, test } from '@playwright/test';
import { findUprn, searchBox } from '../support/mast.ts';

for (const [username, password] of [
  ['analyst', 'mast-demo-analyst'],
  ['admin', 'mast-demo-admin'],
] as const) {
  test(`the ${username} has no address search, and no address by its UPRN`, async ({ page, request }) => {
    const uprn = await findUprn(request, '27 mil lane', /^27 Mill Lane\b/);
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('no-lookups')).toBeVisible();
    await expect(searchBox(page)).toHaveCount(0);
    const res = await page.request.get(`/api/addresses/${uprn}?purpose=home-visit`);
    expect(res.status()).toBe(403);
    await page.goto(`/address/${uprn}`);
    await expect(page.getByText('Your role does not look up addresses under the sharing agreement.')).toBeVisible();
    await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
  });
}
