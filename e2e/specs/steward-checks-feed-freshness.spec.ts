// A data steward checks the partners' daily files: every feed with its state, one feed's
// uploads, and the rows an upload rejected (numbers and reasons only). Front-line users never
// see the view; they see each feed's freshness on every address instead, with a warning when
// a partner's data is late.
import { expect, test } from '@playwright/test';
import type { AddressSummary, FeedListResponse, FeedUpload, RejectionListResponse, UploadListResponse } from '@mast/shared';
import { agencyLine, openAddress, searchBox, signIn, signOut } from '../support/mast.ts';

const STATE_LABELS = { fresh: 'On time', late: 'Late', missing: 'Never received' } as const;

test('steward opens the partner feeds, a feed, and an upload with its rejected rows', async ({ page }) => {
  await signIn(page, 'steward');
  await expect(searchBox(page)).toBeVisible();

  const overview = (await (await page.request.get('/api/admin/feeds')).json()) as FeedListResponse;
  expect(overview.feeds).toHaveLength(5);
  const link = page.getByRole('link', { name: /^Partner feeds/ });
  await expect(link).toBeVisible();
  await link.click();

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partner feeds');
  const fresh = overview.feeds.filter((f) => f.freshness.state === 'fresh').length;
  await expect(page.getByTestId('on-time')).toHaveText(`${fresh} of 5 feeds on time`);

  // Every feed, each with a status chip in words and the line a lookup shows.
  const feeds = page.getByRole('list', { name: 'Partner feeds' }).locator(':scope > li');
  await expect(feeds).toHaveCount(5);
  for (const [k, feed] of overview.feeds.entries()) {
    const item = feeds.nth(k);
    await expect(item).toHaveAttribute('data-feed', feed.feed);
    await expect(item).toHaveAttribute('data-state', feed.freshness.state);
    await expect(item).toContainText(feed.name);
    await expect(item).toContainText(STATE_LABELS[feed.freshness.state]);
    await expect(item).toContainText(feed.freshness.text);
    await expect(item).toContainText(feed.schedule.text);
  }
  // The demo borough's feeds were all loaded when the server started: today's data.
  const police = overview.feeds.find((f) => f.feed === 'police')!;
  expect(police.freshness.state).toBe('fresh');
  expect(police.freshness.text).toMatch(/^Police data as of \d\d:\d\d (today|yesterday)$/);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  // One feed's uploads, newest first.
  await feeds.filter({ hasText: 'Police' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/admin\/feeds\/police$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Police');
  await expect(page.getByTestId('freshness')).toHaveText(police.freshness.text);
  const uploadsApi = (await (await page.request.get('/api/admin/feeds/police/uploads')).json()) as UploadListResponse;
  expect(uploadsApi.total).toBeGreaterThan(0);
  const uploads = page.getByRole('list', { name: 'Uploads' }).locator(':scope > li');
  await expect(uploads).toHaveCount(uploadsApi.uploads.length);
  // The demo makes a few police rows invalid on purpose.
  const withRejections = uploadsApi.uploads.find((u) => u.rejected > 0)!;
  expect(withRejections, 'the demo police file has rejected rows').toBeTruthy();
  const upload = page.locator(`li[data-upload="${withRejections.id}"]`);
  await expect(upload).toContainText(withRejections.fileName);
  await expect(upload).toContainText(`${withRejections.rejected} rejected`);
  expect(await overflow()).toBeLessThanOrEqual(0);

  // Its rejected rows: the row numbers and reasons, never a value from the file.
  await upload.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/admin/uploads/${withRejections.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Police upload');
  const rejectionsApi = (await (await page.request.get(`/api/admin/uploads/${withRejections.id}/rejections`)).json()) as RejectionListResponse;
  expect(rejectionsApi.total).toBe(withRejections.rejected);
  const rows = page.getByRole('list', { name: 'Rejected rows' }).locator(':scope > li');
  await expect(rows).toHaveCount(rejectionsApi.rejections.length);
  for (const [k, rejection] of rejectionsApi.rejections.entries()) {
    await expect(rows.nth(k)).toHaveAttribute('data-row', String(rejection.row));
    await expect(rows.nth(k)).toContainText(`Row ${rejection.row}`);
    for (const reason of rejection.reasons) await expect(rows.nth(k)).toContainText(reason);
  }
  await expect(page.getByRole('list', { name: 'Reasons' }).locator(':scope > li')).toHaveCount(rejectionsApi.reasonCounts.length);
  expect(await overflow()).toBeLessThanOrEqual(0);

  // Back to the feed, as a thumb would.
  await page.getByRole('link', { name: '← Police uploads' }).click();
  await expect(page).toHaveURL(/\/admin\/feeds\/police$/);

  // The demo's past deliveries are counts only: a past file's rejected rows are not listed, and
  // its page says so rather than that every row was accepted.
  let past: UploadListResponse['uploads'][number] | undefined;
  for (let p = 1; !past && p <= Math.ceil(uploadsApi.total / 100); p++) {
    const list = (await (await page.request.get(`/api/admin/feeds/police/uploads?page=${p}&pageSize=100`)).json()) as UploadListResponse;
    past = list.uploads.find((u) => u.rejected > 0 && u.via !== 'cli');
  }
  expect(past, 'a past police delivery with rejected rows').toBeTruthy();
  await page.goto(`/admin/uploads/${past!.id}`);
  await expect(page.getByTestId('rejections-not-held')).toBeVisible();
  await expect(page.getByText('Every row of this file was accepted.')).toHaveCount(0);
});

test('steward sees at once an upload that applied nothing, before phoning the partner', async ({ page }) => {
  await signIn(page, 'steward');
  // The demo's files all apply rows, so the newest police upload is altered on its way in to one
  // whose every row was rejected, as the API reports such a file.
  const nothingApplied = (upload: FeedUpload): FeedUpload => ({ ...upload, accepted: 0, rejected: upload.rows, countsAsDelivery: false });
  let id = '';
  await page.route('**/api/admin/feeds/police/uploads?*', async (route) => {
    const response = await route.fetch();
    const list = (await response.json()) as UploadListResponse;
    list.uploads[0] = nothingApplied(list.uploads[0]!);
    id = list.uploads[0].id;
    await route.fulfill({ response, json: list });
  });
  await page.route('**/api/admin/uploads/*/rejections?*', async (route) => {
    const response = await route.fetch();
    const result = (await response.json()) as RejectionListResponse;
    await route.fulfill({ response, json: { ...result, upload: nothingApplied(result.upload) } });
  });

  await page.goto('/admin/feeds/police');
  const uploads = page.getByRole('list', { name: 'Uploads' });
  // Newest first: the altered one leads.
  const upload = uploads.locator(':scope > li').first();
  await expect(upload).toHaveAttribute('data-counts-as-delivery', 'false');
  await expect(upload).toHaveAttribute('data-upload', id);
  await expect(upload.getByRole('link', { name: /Applied nothing: every row was rejected/ })).toBeVisible();
  // Only that one: every other upload delivered data.
  await expect(uploads.getByText('Applied nothing', { exact: false })).toHaveCount(1);

  await upload.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/admin/uploads/${id}$`));
  await expect(page.getByTestId('applied-nothing')).toContainText(
    'Applied nothing: every row was rejected. It does not count as a delivery: Police data is as old as it was before this file.',
  );
});

test('an officer has no way into the feed view, but sees how fresh each partner is on an address', async ({ page }) => {
  await signIn(page, 'officer');
  await expect(page.getByRole('link', { name: /^Partner feeds/ })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is for data stewards');
  expect((await page.request.get('/api/admin/feeds')).status()).toBe(403);

  await page.goto('/');
  await openAddress(page, '27 mil lane', /^27 Mill Lane\b/);
  await expect(agencyLine(page, 'police')).toHaveAttribute('data-feed-state', 'fresh');
  await expect(agencyLine(page, 'police')).toContainText(/Police data as of \d\d:\d\d (today|yesterday)/);
  await expect(page.getByTestId('stale-feeds')).toHaveCount(0);

  // The same address when a partner's file has not come: the server's words, and one warning
  // above the lines. (The demo's feeds are all on time, so the answer is altered on its way in.)
  await page.route('**/api/addresses/*', async (route) => {
    const response = await route.fetch();
    const summary = (await response.json()) as AddressSummary;
    for (const agency of summary.agencies) {
      if (agency.agency !== 'police') continue;
      agency.feed = { ...agency.feed, state: 'late', lateSince: summary.generatedAt, text: 'Police data is late: last received 06:10 two days ago' };
    }
    await route.fulfill({ response, json: summary });
  });
  await page.reload();
  const line = agencyLine(page, 'police');
  await expect(line).toHaveAttribute('data-feed-state', 'late');
  await expect(line.locator('[data-feed-state="late"] strong')).toHaveText('Police data is late: last received 06:10 two days ago');
  await expect(page.getByTestId('stale-feeds')).toHaveText('Police data is not up to date, so \u201cNot known\u201d from it may only mean not sent.');
  await signOut(page);
});
