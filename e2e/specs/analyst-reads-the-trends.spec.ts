// The partnership's trend reports, read on a tablet and a laptop: the analyst opens every topic
// (a chart named by its caption and a table for each report, axe-clean in both themes, within the
// content policy), downloads a report's CSV and finds it is the table as shown, withheld cells and
// all, and prints the monthly board report without the app's controls. The sharing agreement
// decides who reads what: a supervisor, an information governance officer and a data steward see
// only their topics, and an officer sees no analytics at all while the API refuses them.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { REPORT_TOPICS, REPORT_TOPIC_TITLES, type Report, type ReportTopic, type ReportTopicsResponse } from '@mast/shared';
import { signIn, type DemoUser } from '../support/mast.ts';

const TABLET = { width: 820, height: 1180 };
/** An address in the demo borough (as governance-reads-the-audit uses). */
const MILL_LANE = '100000000001';

/** The scripts a page downloads (each full page load counts again), to find Chart.js among them by a word of its own. */
function scriptsOf(page: Page): { withCharts(): Promise<number>; count(): number } {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.ok() && new URL(response.url()).pathname.endsWith('.js')) bodies.push(response.text().catch(() => ''));
  });
  return {
    count: () => bodies.length,
    withCharts: async () => (await Promise.all(bodies)).filter((body) => body.includes('maintainAspectRatio')).length,
  };
}
const LAPTOP = { width: 1280, height: 800 };

/** Who reads which topics under the demo sharing agreement. */
const TOPICS_OF: Partial<Record<DemoUser, readonly ReportTopic[]>> = {
  analyst: REPORT_TOPICS,
  sergeant: REPORT_TOPICS,
  governance: ['partners', 'alerts', 'use'],
  steward: ['partners'],
};

async function expectNoViolations(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect.soft(found, `axe on ${name}`).toEqual([]);
}

/** Every report the API gave is on the page, and has drawn what it shows: a chart where it has one, and its table. */
async function expectReportsDrawn(page: Page, api: string): Promise<Locator> {
  const { reports: given } = (await (await page.request.get(api)).json()) as { reports: Report[] };
  const reports = page.locator('section.report');
  await expect(reports).toHaveCount(given.length);
  if (given.length === 0) await expect(page.getByTestId('no-reports')).toBeVisible();
  await expect(page.locator('[data-chart="drawing"]')).toHaveCount(0);
  await expect(page.locator('[data-chart="failed"]')).toHaveCount(0);
  return reports;
}

/** Nothing wider than the screen: the page reads without scrolling sideways (a wide table scrolls in its own box). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** RFC 4180, as reportCsv writes it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** The table as a person sees it: each cell's text, and whether it holds a figure (formatted for reading). */
async function tableAsShown(report: Locator): Promise<{ text: string; figure: boolean }[][]> {
  return report.locator('table tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => ({ text: cell.textContent!.trim(), figure: cell.classList.contains('figure') }))),
  );
}

/**
 * A CSV cell is the table's cell when they say the same: the table writes counts with thousands
 * separators and percentages with their sign ("1,234", "12.5%", "50.0%"), the CSV the figure
 * itself ("1234", "12.5", "50"); withheld cells ('<5', '[c]') and labels are the same text, bar the
 * apostrophe the CSV puts before text a spreadsheet would take for a formula.
 */
function sameCell(csv: string, shown: { text: string; figure: boolean }): boolean {
  if (shown.figure && /^-?[\d,]+(\.\d+)?%?$/.test(shown.text)) return csv !== '' && Number(csv) === Number(shown.text.replace(/[,%]/g, ''));
  return csv === shown.text || (csv.startsWith("'") && csv.slice(1) === shown.text);
}

for (const [name, viewport] of [
  ['tablet', TABLET],
  ['laptop', LAPTOP],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${name}, ${colorScheme} theme`, () => {
      test.use({ colorScheme, viewport, isMobile: false, hasTouch: name === 'tablet', deviceScaleFactor: 2 });

      test('the analyst reads every topic: a named chart and a table for each report, axe-clean and within the content policy', async ({ page }) => {
        test.setTimeout(90_000);
        const refused: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
        });
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`));
        });

        await signIn(page, 'analyst');
        await page.getByRole('link', { name: /^Analytics/ }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analytics');
        await expect(page.getByRole('list', { name: 'Topics' }).getByRole('link')).toHaveText(REPORT_TOPICS.map((t) => REPORT_TOPIC_TITLES[t]));
        await expectNoViolations(page, 'analytics');

        for (const topic of REPORT_TOPICS) {
          await page.goto(`/analytics/${topic}`);
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(REPORT_TOPIC_TITLES[topic]);
          const reports = await expectReportsDrawn(page, `/api/analytics/${topic}`);
          for (const report of await reports.all()) {
            const caption = (await report.getByTestId('report-caption').textContent())!.trim();
            expect(caption, `${topic}: every report says what it shows in words`).not.toBe('');
            const charts = report.getByRole('img');
            if ((await charts.count()) > 0) {
              await expect(charts, `${topic}: the chart is named by its caption`).toHaveAttribute('aria-label', caption);
              await expect(report.locator('canvas[role="img"]')).toHaveCount(1);
            }
            await expect(report.getByRole('table')).toHaveCount(1);
            await expect(report.getByRole('columnheader').first()).toBeVisible();
            await expect(report.getByRole('button', { name: /^Download CSV/ })).toBeVisible();
          }
          await expectNoSidewaysScroll(page);
          await expectNoViolations(page, `analytics: ${topic}`);
        }

        await page.goto('/analytics/monthly');
        await expectReportsDrawn(page, '/api/analytics/monthly');
        await expectNoViolations(page, 'the monthly report');
        expect(refused).toEqual([]);
      });
    });
  }
}

test.describe('on a laptop', () => {
  test.use({ viewport: LAPTOP, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test('a report’s CSV is its table as shown, withheld cells included', async ({ page }) => {
    test.setTimeout(90_000);
    const scripts = scriptsOf(page);
    await signIn(page, 'analyst');
    let checked = 0;
    let withheld = 0;
    for (const topic of REPORT_TOPICS) {
      await page.goto(`/analytics/${topic}?months=12`);
      const reports = await expectReportsDrawn(page, `/api/analytics/${topic}?months=12`);
      for (const report of await reports.all()) {
        const id = await report.getAttribute('data-report');
        const download = page.waitForEvent('download');
        await report.getByRole('button', { name: /^Download CSV/ }).click();
        const file = await download;
        expect(file.suggestedFilename()).toBe(`${topic}-${id}.csv`);
        const csv = parseCsv(readFileSync((await file.path())!, 'utf8'));
        const shown = await tableAsShown(report);
        expect(csv.length, `${topic}-${id}: as many lines as the table has rows`).toBe(shown.length);
        csv.forEach((line, r) => {
          expect(line.length, `${topic}-${id}, row ${r + 1}: as many cells`).toBe(shown[r]!.length);
          line.forEach((cell, c) => expect(sameCell(cell, shown[r]![c]!), `${topic}-${id}, row ${r + 1}, cell ${c + 1}: "${cell}" in the CSV, "${shown[r]![c]!.text}" in the table`).toBe(true));
        });
        const small = csv.flat().filter((cell) => cell === '<5' || cell === '[c]').length;
        if (small > 0) await expect(report.getByTestId('suppression-legend')).toContainText("'<5' means fewer than five");
        withheld += small;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(await scripts.withCharts(), 'the analytics pages fetched Chart.js').toBeGreaterThan(0);
    // The demo borough is small: some counts are under five, and they come withheld.
    expect(withheld, 'some withheld cells were compared').toBeGreaterThan(0);
  });

  test('the monthly report picks a month, prints with one button, and on paper shows no navigation', async ({ page }) => {
    await signIn(page, 'analyst');
    await page.goto('/analytics');
    await page.getByRole('link', { name: /^Monthly partnership report/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Monthly partnership report: \w+ \d{4}$/);
    await expect(page.getByRole('heading', { name: 'Headlines' })).toBeVisible();
    await expectReportsDrawn(page, '/api/analytics/monthly');

    // An earlier month, from the picker.
    const month = page.getByLabel('Month', { exact: true });
    const shown = await month.inputValue();
    const [y, m] = shown.split('-').map(Number) as [number, number];
    const earlier = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    await month.fill(earlier);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]month=${earlier}$`));
    await expect(month).toHaveValue(earlier);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Monthly partnership report: \w+ \d{4}$/);
    const reports = await expectReportsDrawn(page, `/api/analytics/monthly?month=${earlier}`);
    expect(await reports.count(), 'the monthly report has reports to print').toBeGreaterThan(0);

    // A month older than the 36 kept: the server's reason beside the picker, and nothing to print.
    await page.goto('/analytics/monthly?month=2020-01');
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expect(page.getByRole('button', { name: 'Print' })).toHaveCount(0);
    await expectNoViolations(page, 'the monthly report, a month refused');
    await page.goBack();
    await expect(month).toHaveValue(earlier);

    // One button prints (the browser's own dialog is not driven here: the call is).
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Print' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');

    const banner = page.getByRole('banner');
    await expect(banner).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(banner).toBeHidden();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(page.getByRole('link', { name: '← Analytics' })).toBeHidden();
    await expect(page.locator('section.report .actions').first()).toBeHidden();
    // Each report starts a page of its own, and its chart fits the paper's width.
    await expect(reports.first()).toHaveCSS('break-before', 'page');
    const fits = await page.locator('canvas[role="img"]').evaluateAll((canvases) => canvases.every((c) => c.getBoundingClientRect().width <= document.documentElement.clientWidth));
    expect(fits).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
  });
});

test.describe('who reads what', () => {
  test.use({ viewport: TABLET, isMobile: false, deviceScaleFactor: 1 });

  for (const who of ['governance', 'steward', 'sergeant'] as const) {
    test(`the ${who} sees only their topics, and is refused the others`, async ({ page }) => {
      test.setTimeout(90_000);
      const theirs = TOPICS_OF[who]!;
      await signIn(page, who);
      await page.getByRole('link', { name: /^Analytics/ }).click();
      await expect(page.getByRole('list', { name: 'Topics' }).getByRole('link')).toHaveText(theirs.map((t) => REPORT_TOPIC_TITLES[t]));
      const listed = (await (await page.request.get('/api/analytics')).json()) as ReportTopicsResponse;
      expect(listed.topics.map((t) => t.topic).sort()).toEqual([...theirs].sort());

      await page.goto(`/analytics/${theirs[0]}`);
      await expectReportsDrawn(page, `/api/analytics/${theirs[0]}`);
      for (const topic of REPORT_TOPICS.filter((t) => !theirs.includes(t))) {
        const res = await page.request.get(`/api/analytics/${topic}`);
        expect(res.status(), `${who} asks for ${topic}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        await page.goto(`/analytics/${topic}`);
        await expect(page.getByTestId('topic-refused')).toBeVisible();
        await expect(page.locator('section.report')).toHaveCount(0);
      }
    });
  }

  test('an officer has no analytics: no link, no topics, the API refuses every report, and their pages never download Chart.js', async ({ page }) => {
    const scripts = scriptsOf(page);
    await signIn(page, 'officer');
    await expect(page.getByRole('searchbox', { name: 'Address or postcode' })).toBeVisible();
    await expect(page.getByRole('link', { name: /^Analytics/ })).toHaveCount(0);
    await page.goto(`/address/${MILL_LANE}`);
    await expect(page.getByRole('list', { name: 'Agencies', exact: true })).toBeVisible();
    expect(scripts.count()).toBeGreaterThan(0);
    expect(await scripts.withCharts(), 'Chart.js on the search and address pages').toBe(0);
    const listed = (await (await page.request.get('/api/analytics')).json()) as ReportTopicsResponse;
    expect(listed.topics).toEqual([]);
    for (const topic of REPORT_TOPICS) {
      const res = await page.request.get(`/api/analytics/${topic}`);
      expect(res.status(), topic).toBe(403);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'forbidden', message: expect.any(String) });
    }
    expect((await page.request.get('/api/analytics/monthly')).status()).toBe(403);

    await page.goto('/analytics');
    await expect(page.getByTestId('no-analytics')).toBeVisible();
    await page.goto('/analytics/demand');
    await expect(page.getByTestId('topic-refused')).toBeVisible();
    await page.goto('/analytics/monthly');
    await expect(page.getByTestId('monthly-refused')).toBeVisible();
  });
});
