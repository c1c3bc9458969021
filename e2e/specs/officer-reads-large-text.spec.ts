// An officer with large text set on a small phone: the header (who is signed in, and Sign out)
// fits the screen with nothing cut off or pushed out of reach, at 360 px and at 200% text size.
import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from '../support/mast.ts';

/** The browser's own text size setting (as a phone's accessibility setting sets it), in percent. */
async function setTextSize(page: Page, percent: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: (16 * percent) / 100, fixed: (13 * percent) / 100 } });
}

for (const { width, text } of [
  { width: 360, text: 100 },
  { width: 360, text: 200 },
  { width: 390, text: 200 },
]) {
  test.describe(`${width} px wide at ${text}% text`, () => {
    test.use({ viewport: { width, height: 740 } });

    test('the header fits, shows who is signed in in full, and Sign out is in reach', async ({ page }) => {
      await setTextSize(page, text);
      await signIn(page, 'socialworker');
      // app.css sets 112.5% of the browser's size: 18 px at 100%, 36 px at 200%.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(`${(18 * text) / 100}px`);

      const header = page.getByRole('banner');
      const fit = await header.evaluate((bar) => ({
        bar: [bar.scrollWidth, bar.clientWidth],
        page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
        // Anything cut short (an ellipsis, a hidden overflow) or reaching past the screen's edge;
        // text for screen readers only is hidden on purpose.
        clipped: [...bar.querySelectorAll<HTMLElement>('*:not(.visually-hidden)')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth || el.getBoundingClientRect().left < 0)
          .map((el) => el.outerHTML.slice(0, 80)),
      }));
      expect(fit.bar[0]).toBeLessThanOrEqual(fit.bar[1]!);
      expect(fit.page[0]).toBeLessThanOrEqual(fit.page[1]!);
      expect(fit.clipped).toEqual([]);
      await expect(page.getByTestId('signed-in-user')).toHaveText('Jo Okafor (social worker)');
      await expect(header).toContainText('Borough council');

      await expect(page.getByRole('button', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
      await signOut(page);
    });
  });
}
