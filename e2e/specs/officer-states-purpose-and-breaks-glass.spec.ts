// The sharing agreement on a phone, end to end: a police officer states why they are looking (once
// a shift), reads 27 Mill Lane as a police responder may (health and care as flags, whom to call),
// breaks the glass to see more; their sergeant reviews it; the adult social care team that leads
// the household's case reads who looked.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { agencyLine, choosePurpose, openAddress, signIn, signOut } from '../support/mast.ts';

const INCIDENT = `INC-${Date.now() % 100000}`;
const REASON = `Occupant at the door says she took tablets (${INCIDENT})`;

async function asNewPhone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  return context.newPage();
}

test('an officer states a purpose, reads what the agreement shares, breaks the glass; the sergeant reviews it and the lead team is told', async ({ page, browser, baseURL }) => {
  await signIn(page, 'officer', '/login', false);
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/).catch(() => {});
  // Nothing of the address is shown before a purpose is given.
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
  const attending = page.getByRole('button', { name: 'Attending an incident' });
  const box = await attending.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await choosePurpose(page, 'Attending an incident', '');
  await expect(page.getByText('Enter the incident number.')).toBeVisible();
  await page.getByLabel(/incident number/i).fill(INCIDENT);
  await page.getByRole('button', { name: 'Look up' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('27 Mill Lane');
  await expect(page.getByTestId('purpose-line')).toContainText(`Attending an incident · ${INCIDENT}`);
  // Health is involved and whom to call is there; what it was is not shared with a police responder.
  const nhs = agencyLine(page, 'nhs');
  await expect(nhs).toHaveAttribute('data-involved', 'true');
  await expect(nhs).toHaveAttribute('data-detail', 'flag');
  await expect(nhs).toContainText('Details not shared with your role');
  await expect(nhs).toContainText(/\d+ contacts in last 12 months/);
  await expect(nhs.locator('a[href^="tel:"]').first()).toBeVisible();
  for (const hidden of ['Self-harm', 'Overdose', 'Alcohol related']) await expect(page.getByText(hidden)).toHaveCount(0);
  // The police's own records in full.
  await expect(agencyLine(page, 'police')).toContainText('Domestic abuse');

  // The purpose is remembered for the shift: the next address opens straight away.
  await page.goto('/');
  await openAddress(page, 'acacia av', /^1 Acacia Avenue\b/);
  await expect(page.getByTestId('purpose-line')).toContainText(INCIDENT);
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('27 Mill Lane');

  // Break glass: a reason, and everything at this address at once.
  await page.getByRole('button', { name: 'Need to see more here? Break glass' }).click();
  await page.getByLabel('Why do you need to see more? (no case details)').fill(REASON);
  await page.getByRole('button', { name: 'Break glass and see everything' }).click();
  await expect(page.getByRole('heading', { name: 'You broke the glass here' })).toBeVisible();
  await expect(agencyLine(page, 'nhs')).toContainText('Self-harm');
  await expect(agencyLine(page, 'nhs')).toHaveAttribute('data-detail', 'full');
  await signOut(page);

  // The sergeant sees it waiting for review, with the reason, and records the finding.
  const sergeant = await asNewPhone(browser, baseURL!);
  await signIn(sergeant, 'sergeant');
  await expect(sergeant.getByRole('link', { name: /^Break-glass uses: \d+ to review$/ })).toBeVisible();
  await sergeant.getByRole('link', { name: /^Break-glass uses/ }).click();
  const use = sergeant.getByTestId('break-glass-use').filter({ hasText: REASON });
  await expect(use).toContainText('PC Alex Morgan');
  await expect(use).toContainText('27 Mill Lane');
  await expect(use).toContainText(INCIDENT);
  await use.getByRole('button', { name: 'Justified', exact: true }).click();
  await expect(use).toContainText('Justified: Sgt Chris Lowe');
  await expect(use.getByRole('button')).toHaveCount(0);

  // The social worker whose team leads Sandra's case reads that the police looked, and why.
  const socialWorker = await asNewPhone(browser, baseURL!);
  await signIn(socialWorker, 'socialworker');
  await socialWorker.getByRole('link', { name: /^Who looked at your cases/ }).click();
  const note = socialWorker.getByTestId('notification').filter({ hasText: INCIDENT });
  await expect(note.first()).toContainText('PC Alex Morgan (Police force, responder)');
  await expect(note.first()).toContainText('27 Mill Lane');
  await note.first().getByRole('button', { name: 'Mark as read' }).click();
  await expect(note.first().getByRole('button', { name: 'Mark as read' })).toHaveCount(0);
});

test('a supervisor opening the review page sees only their own organisation, and others are told whom it is for', async ({ page }) => {
  await signIn(page, 'firefighter');
  await page.goto('/break-glass');
  await expect(page.getByText('This page is for supervisors')).toBeVisible();
});
