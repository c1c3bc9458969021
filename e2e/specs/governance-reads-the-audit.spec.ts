// The information governance officer, on a phone, finds the lookup an officer has just made,
// with the officer's organisation, role, purpose and time; exports the search as CSV; and sees
// an unusual pattern: the firefighter looking up an address in their own postcode.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';

const MILL_LANE = '100000000001';
/** 1 Acacia Avenue: in the demo firefighter's home postcode (MB1 1AA). */
const ACACIA = '100000000002';

async function expectNoViolations(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect.soft(violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${name}`).toEqual([]);
}

async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await api.post('/api/auth/login', { data: { username, password: `mast-demo-${username}` } });
  expect(res.status()).toBe(200);
  return api;
}

test('governance finds an officer’s lookup, exports it, and sees a user looking up their own street', async ({ page, baseURL }) => {
  const officer = await apiAs(baseURL!, 'officer');
  expect((await officer.get(`/api/addresses/${MILL_LANE}?purpose=attending-incident&reference=INC-2001`)).status()).toBe(200);
  const firefighter = await apiAs(baseURL!, 'firefighter');
  expect((await firefighter.get(`/api/addresses/${ACACIA}?purpose=home-safety-visit`)).status()).toBe(200);
  await officer.dispose();
  await firefighter.dispose();

  await page.goto('/login');
  await page.getByLabel('Username').fill('governance');
  await page.getByLabel('Password').fill('mast-demo-governance');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Audit trail and unusual patterns' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');

  const flags = page.getByRole('list', { name: 'Unusual patterns' });
  await expect(flags.getByRole('listitem').filter({ hasText: 'Looked up their own street' }).filter({ hasText: 'FF Sam Patel' }).first()).toContainText('1 Acacia Avenue');

  await page.getByLabel('Address (UPRN)').fill(MILL_LANE);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?uprn=${MILL_LANE}`));
  const entry = page.getByRole('list', { name: 'Audit entries' }).getByRole('listitem').filter({ hasText: 'PC Alex Morgan' }).first();
  await expect(entry).toContainText('Looked up an address');
  await expect(entry).toContainText('27 Mill Lane');
  await expect(entry).toContainText('Police force · responder');
  await expect(entry).toContainText(/\d{2}:\d{2}:\d{2} UTC/);
  await expect(entry).toContainText('Purpose:');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('seq,at_utc,user_id,user,organisation,role,action,uprn,address,subject_kind,subject_id,purpose,reference,client');
  expect(csv).toMatch(new RegExp(`PC Alex Morgan,Police force,responder,view-address,${MILL_LANE}`));
  await expectNoViolations(page, 'the audit trail with results');

  // A subject access report: the person by id, sent in a POST body; the URL stays bare.
  await page.getByRole('link', { name: 'Subject access report' }).click();
  // As an officer would, type once the page has come (filled while the router was still
  // settling, the field was sometimes drawn again empty).
  await expect(page).toHaveURL(/\/audit\/subject-access$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subject access report');
  await page.getByLabel('Person (id)').fill('1');
  await expect(page.getByLabel('Person (id)')).toHaveValue('1');
  await page.getByRole('button', { name: 'Make the report' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Person 1');
  await expect(page.getByText(/not by the name of the person who looked/)).toBeVisible();
  await expect(page).toHaveURL(/\/audit\/subject-access$/);
  await expectNoViolations(page, 'a subject access report');

  await page.goto('/audit/anchor');
  await expect(page.getByTestId('anchor-line')).toHaveText(/^\d+:[0-9a-f]{64}$/);
  await expectNoViolations(page, 'the audit anchor');
});

test('the audit link is for information governance officers only', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username').fill('officer');
  await page.getByLabel('Password').fill('mast-demo-officer');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit trail and unusual patterns' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is for information governance officers');
});
