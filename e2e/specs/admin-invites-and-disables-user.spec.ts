// An administrator, on a small phone, invites a practitioner (and withdraws an invitation sent to
// the wrong person); the practitioner opens the link on their own device, chooses a password and
// signs in; the administrator disables them and their session stops working at once.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PHONE = { width: 360, height: 740 };
test.use({ viewport: PHONE });

async function expectAccessible(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect.soft(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `axe on ${name}`).toEqual([]);
}

async function expectTouchTargets(page: Page) {
  // Every control of the page is at least 44 px tall and nothing spills sideways on a 360 px screen.
  for (const control of await page.locator('main').locator('button, a, input, select').all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    expect(box!.height, await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
  }
  const spilling = await page.evaluate((width) => {
    const out: string[] = [];
    for (const e of document.querySelectorAll('body *')) if (e.getBoundingClientRect().right > width + 0.5) out.push(e.outerHTML.slice(0, 60));
    return out;
  }, PHONE.width);
  expect(spilling).toEqual([]);
}

test('an administrator invites a practitioner who joins, then disables them and their session stops', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/login');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('mast-demo-admin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /^Accounts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await expect(page.getByText('Borough council: ')).toBeVisible();
  await expectTouchTargets(page);

  await page.getByLabel('Name', { exact: true }).fill('Pat Walker');
  await page.getByLabel('Username', { exact: true }).fill('pwalker');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Practitioner' });
  await page.getByRole('button', { name: 'Make invitation link' }).click();
  const linkBox = page.getByLabel('Invitation link');
  await expect(linkBox).toBeVisible();
  const link = await linkBox.inputValue();
  expect(link).toMatch(/\/invite#[a-z2-7]{32}$/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByRole('region', { name: 'Open invitations' }).getByText('Pat Walker', { exact: true })).toBeVisible();
  await expectTouchTargets(page);
  await expectAccessible(page, 'accounts, with a link just made');

  // A second invitation, sent to the wrong person, is withdrawn.
  await page.getByLabel('Name', { exact: true }).fill('Wrong Person');
  await page.getByLabel('Username', { exact: true }).fill('wrongperson');
  await page.getByRole('button', { name: 'Make invitation link' }).click();
  await expect(linkBox).not.toHaveValue(link);
  const withdrawnLink = await linkBox.inputValue();
  const openInvites = page.getByRole('region', { name: 'Open invitations' });
  await openInvites.getByRole('button', { name: 'Withdraw invitation for Wrong Person' }).click();
  await expect(openInvites.getByText('Wrong Person', { exact: true })).toHaveCount(0);
  await expect(openInvites.getByText('Pat Walker', { exact: true })).toBeVisible();

  // The invitee, in a browser of their own.
  const theirs = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const invitee = await theirs.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(/you are invited to mast as practitioner of/)).toBeVisible();
  // The token leaves the address bar once read.
  await expect(invitee).toHaveURL(/\/invite$/);
  await expectTouchTargets(invitee);
  await expectAccessible(invitee, 'the invite page');
  await invitee.getByLabel('New password').fill('short');
  await invitee.getByLabel('The same password again').fill('short');
  await invitee.getByRole('button', { name: 'Set password and join' }).click();
  await expect(invitee.getByRole('alert')).toHaveText('Use at least 12 characters.');
  await invitee.getByLabel('New password').fill('copper-kettle-harbour');
  await invitee.getByLabel('The same password again').fill('copper-kettle-harbour');
  await invitee.getByRole('button', { name: 'Set password and join' }).click();
  await expect(invitee.getByText('Your account is ready.')).toBeVisible();
  await invitee.getByRole('link', { name: 'Sign in' }).click();
  await invitee.getByLabel('Username').fill('pwalker');
  await invitee.getByLabel('Password').fill('copper-kettle-harbour');
  await invitee.getByRole('button', { name: 'Sign in' }).click();
  await expect(invitee.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // A practitioner has no way into account administration.
  await expect(invitee.getByRole('link', { name: /^Accounts/ })).toHaveCount(0);

  // The link works once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole('alert')).toHaveText(/already been used/);
  await again.goto(withdrawnLink);
  await expect(again.getByRole('alert')).toHaveText(/expired/);

  // The administrator disables them: their open session stops at the next request.
  await page.reload();
  const card = page.locator('li[data-username="pwalker"]');
  await expect(card.getByText('Active')).toBeVisible();
  await card.getByRole('button', { name: 'Disable Pat Walker' }).click();
  await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
  await invitee.reload();
  await expect(invitee).toHaveURL(/\/login(\?|$)/);
  await expect(invitee.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await invitee.getByLabel('Username').fill('pwalker');
  await invitee.getByLabel('Password').fill('copper-kettle-harbour');
  await invitee.getByRole('button', { name: 'Sign in' }).click();
  await expect(invitee.getByRole('alert')).toHaveText(/Wrong username or password/);
  await theirs.close();
});
