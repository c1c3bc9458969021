// A police officer at 27 Mill Lane in the small hours needs adult social care: the big button
// must ring the line answered now (the emergency duty team), not an office closed until 08:30;
// by day it rings the team. The phone's clock is set in the test; the server's is real, so the
// times are days ahead of it (the page reads a result at the later of the two).
import { expect, test } from '@playwright/test';
import { fromLondonTime, toLondonTime } from '@mast/shared/feed-freshness';
import { agencies, agencyLine, callNowButton, openAddress, signIn } from '../support/mast.ts';

/** The next Tuesday at least two days away, at a UK wall-clock time. */
function nextTuesdayAt(hour: number, minute: number): Date {
  for (let days = 2; days < 10; days++) {
    const t = toLondonTime(Date.now() + days * 86_400_000);
    if (new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay() === 2) return new Date(fromLondonTime(t.year, t.month, t.day, hour, minute));
  }
  throw new Error('no Tuesday in a week');
}

test('at 01:09 on a Tuesday the big button calls the emergency duty team, and the office line says when it opens', async ({ page }) => {
  await page.clock.install({ time: nextTuesdayAt(1, 9) });
  await signIn(page, 'officer');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);

  const adults = agencyLine(page, 'council-adults');
  const call = callNowButton(adults);
  await expect(call).toHaveAttribute('href', 'tel:01632960999');
  await expect(call).toContainText('Call Emergency Duty Team');
  await expect(call).toContainText('Out of hours');
  // The team's own line is still there, tappable, and says it is closed.
  const office = adults.locator('a[data-call="other"]');
  await expect(office).toHaveAttribute('href', 'tel:01632960301');
  await expect(office).toContainText('Closed now: opens 08:30');
  await expect(office).toContainText('Hours: Mon–Fri 08:30–17:00');

  // Every number shown on the agency lines is a tel: link.
  const numbersShown = await agencies(page).evaluate((list) => {
    const found: { number: string; tappable: boolean }[] = [];
    const walker = document.createTreeWalker(list, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent?.matchAll(/(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g) ?? []) {
        found.push({ number: match[0], tappable: !!node.parentElement?.closest('a[href^="tel:"]') });
      }
    }
    return found;
  });
  expect(numbersShown.length).toBeGreaterThanOrEqual(5);
  expect(numbersShown.filter((n) => !n.tappable)).toEqual([]);
});

test('at 10:00 on a Tuesday the big button calls the adult social care team itself', async ({ page }) => {
  await page.clock.install({ time: nextTuesdayAt(10, 0) });
  await signIn(page, 'officer');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);

  const adults = agencyLine(page, 'council-adults');
  const call = callNowButton(adults);
  await expect(call).toHaveAttribute('href', 'tel:01632960301');
  await expect(call).toContainText('Open until 17:00');
  await expect(adults.locator('a[data-call="other"]')).toHaveAttribute('href', 'tel:01632960999');
  // A 24/7 team says so at any hour.
  await expect(callNowButton(agencyLine(page, 'nhs'))).toContainText('Open 24 hours');
});
