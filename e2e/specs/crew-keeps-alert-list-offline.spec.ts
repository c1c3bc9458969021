// A crew keeps the alert list for the shift: it downloads when they sign in and is kept sealed in
// the phone's IndexedDB. Offline, the search box finds an alerted address on it, opens its alerts
// and says how old the list is; an address not on it reads that partners cannot be checked,
// never "not known". At expiry, at sign-out and when the session ends, the list is gone.
import { expect, test, type Page } from '@playwright/test';
import type { AlertListResponse } from '@mast/shared';
import { searchBox, signIn, signOut } from '../support/mast.ts';

/** What the phone keeps: the number of lists, and whether each is sealed (nothing readable in it). */
async function keptLists(page: Page): Promise<{ count: number; sealed: boolean }> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('mast-offline')) return { count: 0, sealed: true };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('mast-offline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains('alertLists')) return { count: 0, sealed: true };
      const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const all = db.transaction('alertLists').objectStore('alertLists').getAll();
        all.onsuccess = () => resolve(all.result as Record<string, unknown>[]);
        all.onerror = () => reject(all.error);
      });
      const sealed = rows.every((row) => {
        const key = row.key;
        const text = new TextDecoder('latin1').decode(row.ciphertext as ArrayBuffer);
        return (
          key instanceof CryptoKey &&
          !key.extractable &&
          Object.keys(row).sort().join() === 'ciphertext,expiresAt,generatedAt,id,iv,key' &&
          !/Mill Lane|alerts|listKey/.test(text)
        );
      });
      return { count: rows.length, sealed };
    } finally {
      db.close();
    }
  });
}

async function signInAndKeepList(page: Page): Promise<void> {
  const downloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/alerts' && r.status() === 200);
  await signIn(page, 'officer');
  await downloaded;
  await expect.poll(() => keptLists(page)).toEqual({ count: 1, sealed: true });
}

test('offline, the kept list finds an alerted address, cannot vouch for any other, and is gone at expiry', async ({ page, context }) => {
  // The phone's clock, moved on later to the list's expiry (the server's default: 12 hours).
  await page.clock.install();
  await signInAndKeepList(page);

  await context.setOffline(true);
  const box = searchBox(page);
  const status = page.locator('#search-status');
  await box.fill('27 Mill Lane');
  await expect(status).toContainText(/Offline: alert list as of \d\d:\d\d, expires \d\d:\d\d/);
  const hit = page.getByRole('list', { name: 'Addresses with alerts on the list' }).getByRole('button', { name: /^27 Mill Lane\b/ });
  await hit.click();
  await expect(hit).toHaveAttribute('aria-expanded', 'true');
  const alerts = page.getByRole('list', { name: /^Alerts at 27 Mill Lane\b/ }).getByTestId('alert');
  await expect(alerts.first()).toBeVisible();
  await expect(alerts.first().getByRole('heading')).not.toHaveText('');
  await expect(alerts.first().getByTestId('alert-counts')).toHaveText(/^\S.* \d+( · \S.* \d+)* in \d+ weeks?$/);
  await expect(alerts.first().locator('a[data-call="now"]')).toHaveAttribute('href', /^tel:\+?\d+$/);

  await box.fill('1 Acacia Avenue');
  await expect(status).toContainText('No alert on the list; cannot check partners offline');
  await expect(status).not.toContainText(/not known/i);
  await expect(page.getByRole('list', { name: 'Addresses with alerts on the list' }).getByRole('button')).toHaveCount(0);

  await page.clock.fastForward('13:00:00');
  await expect.poll(() => keptLists(page)).toEqual({ count: 0, sealed: true });
  await box.fill('27 Mill Lane');
  await expect(status).toContainText('there is no alert list on this phone');
  await expect(status).not.toContainText('Offline: alert list as of');
});

test('a search that gets no answer, with the phone believing it is online, falls back to the kept list', async ({ page }) => {
  await signInAndKeepList(page);
  await page.route('**/api/addresses?*', (route) => route.abort('connectionreset'));
  await searchBox(page).fill('27 mil lane');
  await expect(page.locator('#search-status')).toContainText(/Offline: alert list as of \d\d:\d\d/);
  await expect(page.getByRole('list', { name: 'Addresses with alerts on the list' }).getByRole('button', { name: /^27 Mill Lane\b/ })).toBeVisible();
});

test('signing out throws the kept list away', async ({ page }) => {
  await signInAndKeepList(page);
  await signOut(page);
  expect(await keptLists(page)).toEqual({ count: 0, sealed: true });
});

test('opened with no signal, the app searches the kept list for the user it was given to', async ({ page, context }) => {
  await signInAndKeepList(page);
  // The app shell comes from the service worker once it is in control, as on a phone after one visit.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null)).toBe('activated');
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  const box = searchBox(page);
  await box.fill('27 Mill Lane');
  await expect(page.locator('#search-status')).toContainText(/Offline: alert list as of \d\d:\d\d, expires \d\d:\d\d/);
  await expect(page.getByRole('list', { name: 'Addresses with alerts on the list' }).getByRole('button', { name: /^27 Mill Lane\b/ })).toBeVisible();
  // Nothing but the list: an address page still needs mast.
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
});

test('a session ended elsewhere throws the kept list away at the next answer from mast', async ({ page }) => {
  await signInAndKeepList(page);
  // Ended from another device ("sign out everywhere"): this page learns it from a 401.
  expect((await page.request.post('/api/auth/logout')).status()).toBeLessThan(300);
  await page.goto('/alerts');
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(() => keptLists(page)).toEqual({ count: 0, sealed: true });
});

test('the alert list page shows the alerts and updates the kept copy on demand', async ({ page }) => {
  await signInAndKeepList(page);
  await page.getByRole('link', { name: 'Alert list' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alert list');
  await expect(page.getByTestId('kept-list')).toContainText(/Alert list on this phone: as of \d\d:\d\d, expires/);
  const list = page.getByRole('list', { name: 'Alerts' });
  const { alerts } = (await (await page.request.get('/api/alerts')).json()) as AlertListResponse;
  await expect(list.getByRole('link', { name: alerts[0]!.address!.label }).first()).toBeVisible();
  // Drawn 25 at a time, newest evidence first.
  const firstPage = alerts.slice(0, 25);
  await expect(list.locator(':scope > li')).toHaveCount(firstPage.length);
  // Acknowledge is offered where the officer's force leads an open alert, and nowhere else.
  await expect(list.getByRole('button', { name: 'Acknowledge' })).toHaveCount(firstPage.filter((a) => a.canAct && a.state === 'open').length);
  if (alerts.length > 25) {
    await page.getByRole('button', { name: /^Show \d+ more/ }).click();
    await expect(list.locator(':scope > li')).toHaveCount(Math.min(50, alerts.length));
  }

  const downloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/alerts' && r.status() === 200);
  await page.getByRole('button', { name: 'Update the list' }).click();
  await downloaded;
  await expect(page.getByTestId('kept-list')).toContainText(/Alert list on this phone: as of \d\d:\d\d/);
  await expect.poll(() => keptLists(page)).toEqual({ count: 1, sealed: true });
});
