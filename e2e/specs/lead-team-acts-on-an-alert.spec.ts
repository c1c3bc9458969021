// The social worker's team leads most of the demo borough's alerts: on the alert list she
// acknowledges one, then closes it with a reason from the partnership's list, and it leaves the
// list. The officer, whose force does not lead it, is offered neither.
import { expect, test } from '@playwright/test';
import type { AlertListResponse } from '@mast/shared';
import { signIn, signOut } from '../support/mast.ts';

test('the lead team acknowledges an alert, then closes it with a reason; others cannot', async ({ page }) => {
  await signIn(page, 'socialworker');
  const before = (await (await page.request.get('/api/alerts')).json()) as AlertListResponse;
  // Away from 27 Mill Lane, which other specs read.
  // The list page draws the first 25.
  const target = before.alerts.slice(0, 25).find((a) => a.canAct && a.state === 'open' && a.address && !/^27 Mill Lane\b/.test(a.address.label));
  expect(target, 'the demo borough has an open alert led by the adult social care team').toBeTruthy();

  await page.goto('/alerts');
  const card = page.locator(`article[aria-labelledby="alert-${target!.id}"]`);
  await expect(card.getByRole('heading')).toHaveText(target!.title);
  await card.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(card).toContainText('Acknowledged by the lead team on');
  await expect(card.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

  await card.getByRole('button', { name: 'Close…' }).click();
  await expect(card.getByRole('radio').first()).toBeFocused();
  await card.getByRole('button', { name: 'Close alert' }).click();
  await expect(card.getByRole('alert')).toHaveText('Choose why you are closing it.');
  await card.getByRole('radio', { name: 'Action taken (visit, referral or strategy discussion)' }).check();
  await card.getByRole('button', { name: 'Close alert' }).click();
  await expect(card).toHaveCount(0);
  // Said where the focus went, as the card it was on has gone.
  await expect(page.getByRole('status').filter({ hasText: `Closed: ${target!.title} at ${target!.address!.label}.` })).toBeFocused();
  const after = (await (await page.request.get('/api/alerts')).json()) as AlertListResponse;
  expect(after.alerts.map((a) => a.id)).not.toContain(target!.id);

  // An alert another organisation leads: the officer sees it, with no way to act on it.
  await signOut(page);
  await signIn(page, 'officer');
  const officers = (await (await page.request.get('/api/alerts')).json()) as AlertListResponse;
  const other = officers.alerts.slice(0, 25).find((a) => !a.canAct);
  expect(other, 'the officer sees an alert another organisation leads').toBeTruthy();
  await page.goto('/alerts');
  const theirs = page.locator(`article[aria-labelledby="alert-${other!.id}"]`);
  await expect(theirs).toBeVisible();
  await expect(theirs.getByRole('button')).toHaveCount(0);
});
