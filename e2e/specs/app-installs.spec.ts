// mast installs as an app and its service worker caches the app shell, never API answers.
import { expect, test, type Response } from '@playwright/test';
import { DEMO_USERS, choosePurpose, findUprn, openAddress, signIn, signOut } from '../support/mast.ts';

test('the web app manifest names mast and its icons load', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    theme_color: string;
    display: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest.name).toBe('mast');
  expect(manifest.short_name).toBe('mast');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type'], icon.src).toContain('image/png');
  }
});

test('the service worker precaches the app shell and no API path', async ({ request }) => {
  const response = await request.get('/sw.js');
  expect(response.status()).toBe(200);
  const sw = await response.text();
  expect(sw).toContain('index.html');
  expect(sw).not.toMatch(/url:\s*"\/?api\//);
});

test('with the service worker in control, a signed-out reload shows no address data', async ({ page }) => {
  await signIn(page, 'officer');
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null))
    .toBe('activated');
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  const addressUrl = page.url();
  await signOut(page);
  await page.goto(addressUrl);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByText('Sandra Kelly')).toHaveCount(0);
});

test('the service worker registers for the whole app when the first page opened is an address', async ({ page, request, baseURL }) => {
  const uprn = await findUprn(request, '27 mil lane', /^27 Mill Lane\b/);
  // Signed in without a page, so the deep link is the first page this browser opens.
  expect((await page.request.post('/api/auth/login', { data: DEMO_USERS.officer })).status()).toBe(200);
  const workerScripts: string[] = [];
  page.on('request', (req) => {
    if (/\/sw\.js$/.test(new URL(req.url()).pathname)) workerScripts.push(new URL(req.url()).pathname);
  });
  await page.goto(`/address/${uprn}`);
  await choosePurpose(page, 'Attending an incident', 'INC-4471');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^27 Mill Lane\b/);

  // `ready` never settles when registration failed: null after ten seconds says so.
  const registration = await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then((ready) => ({ scope: ready.scope, script: ready.active?.scriptURL ?? null })),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]),
  );
  expect(registration).toEqual({ scope: `${baseURL}/`, script: `${baseURL}/sw.js` });
  expect(workerScripts).not.toContain(`/address/sw.js`);
});

test('robots.txt turns every crawler away, and a file that is not there is a 404, not the app', async ({ request }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  for (const path of ['/favicon.ico', '/address/sw.js', '/_app/immutable/entry/missing.js']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()['content-type'], path).not.toContain('text/html');
  }
});

test('the app and its scripts reach the phone compressed', async ({ page }) => {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (/\.js$|\/login$/.test(new URL(response.url()).pathname)) responses.push(response);
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(responses.length).toBeGreaterThan(1);
  for (const response of responses) expect((await response.allHeaders())['content-encoding'], response.url()).toMatch(/^(br|gzip)$/);
});
