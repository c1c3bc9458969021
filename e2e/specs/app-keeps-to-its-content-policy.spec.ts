// The Content-Security-Policy allows only mast's own scripts (SvelteKit's inline bootstrap by its
// hash): the app must load and work under it with no violation reported by the browser.
import { expect, test } from '@playwright/test';
import { searchBox, signIn } from '../support/mast.ts';

test('the app loads, signs in and searches with no CSP violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`));
  });

  const response = await page.goto('/login');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'sha256-/);
  expect(response!.headers()['permissions-policy']).toContain('camera=()');

  await signIn(page, 'officer');
  await expect(searchBox(page)).toBeVisible();
  await searchBox(page).fill('mill lane');
  await expect(page.getByRole('list', { name: 'Matching addresses' }).getByRole('link').first()).toBeVisible();
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { name: 'Account security' })).toBeVisible();
  expect(violations).toEqual([]);
});
