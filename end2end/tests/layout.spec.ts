// What a phone and a keyboard meet. At 360 px no page scrolls sideways and
// no button wraps, and the cookie table shows one card per cookie (still a
// table to a screen reader). Every page is in the nav; the first Tab reaches
// "Skip to content", and the focus ring stands out from what is around it.
import type { Locator, Page } from '@playwright/test';
import { test, expect, consentBanner, openHydrated } from './fixtures';
import { ALL_DECLARED } from '../support/cookies';
import { MISSING_PAGE, PAGES } from '../support/shop';

/** Every page, the session page and the 404 page included. */
const EVERY_PAGE = [...PAGES, '/session', MISSING_PAGE];

/** A small phone held upright. */
test.use({ viewport: { width: 360, height: 740 } });

/** How many lines a button's label takes. */
async function linesOf(button: Locator) {
  return button.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = [...range.getClientRects()].map((rect) => Math.round(rect.top));
    return new Set(tops).size;
  });
}

for (const path of EVERY_PAGE) {
  test.describe(path, () => {
    // Chromium logs the 404 page's own status: that is its point.
    if (path === MISSING_PAGE) test.use({ allowedConsole: [/status of 404/] });

    test('fits a 360 px screen with the banner open, every button on one line', async ({ page }) => {
      await openHydrated(page, path);
      await expect(consentBanner(page)).toBeVisible();
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(widths.page, 'page width against screen width').toBeLessThanOrEqual(widths.screen);
      for (const button of await page.getByRole('button').all()) {
        if (!(await button.isVisible())) continue;
        expect(await linesOf(button), `lines of "${await button.innerText()}"`).toBe(1);
      }
    });

    test('the first Tab reaches "Skip to content", and Enter moves into the page', async ({ page }) => {
      await openHydrated(page, path);
      const skip = page.getByRole('link', { name: 'Skip to content' });
      await expect(skip).not.toBeInViewport();
      await page.keyboard.press('Tab');
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press('Enter');
      const main = page.getByRole('main');
      await expect(main).toBeFocused();
      // The next Tab goes on from there: past the nav and the banner.
      await page.keyboard.press('Tab');
      expect(await main.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    });
  });
}

test('the cookie table shows one card per cookie, and stays a table for screen readers', async ({ page }) => {
  await openHydrated(page, '/cookies');
  const table = page.getByRole('table', { name: 'Cookies, with the value your browser sent with this page' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(rows).toHaveCount(ALL_DECLARED.length);
  for (const row of await rows.all()) {
    const card = (await row.boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width, 'card within the screen').toBeLessThanOrEqual(360);
    // The row's cells one above the other, each across the card.
    let above = (await row.getByRole('rowheader').boundingBox())!;
    for (const cell of await row.getByRole('cell').all()) {
      const box = (await cell.boundingBox())!;
      expect(box.y, 'cell below the one before').toBeGreaterThanOrEqual(above.y + above.height - 1);
      expect(box.width, 'cell as wide as the card').toBeGreaterThan(card.width * 0.9);
      above = box;
    }
  }
  // Chromium's own accessibility tree, which screen readers read: display
  // changes must not have turned the table into plain text.
  const roles = await chromiumRoles(page);
  expect(roles.filter((role) => role === 'rowheader')).toHaveLength(ALL_DECLARED.length);
  expect(roles.filter((role) => role === 'columnheader')).toHaveLength(7);
});

/** The role of every node in Chromium's accessibility tree of `page`. */
async function chromiumRoles(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.map((node) => String(node.role?.value ?? ''));
}

test('the main nav links every page, the storage and lecture pages included', async ({ page }) => {
  await openHydrated(page, '/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Storage' })).toHaveAttribute('href', '/storage');
  await expect(nav.getByRole('link', { name: 'Lecture' })).toHaveAttribute('href', '/lecture');
  const targets = await nav.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(targets.sort()).toEqual([...PAGES, '/session'].sort());
  for (const link of await nav.getByRole('link').all()) await expect(link).toBeInViewport();
});

/** The WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(one: string, other: string) {
  const luminance = (color: string) => {
    const [red, green, blue] = color.match(/[\d.]+/g)!.slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [darker, lighter] = [luminance(one), luminance(other)].sort((a, b) => a - b);
  return (lighter + 0.05) / (darker + 0.05);
}

for (const path of ['/cookies', '/basket']) {
  test(`on ${path} every focus ring has 3:1 contrast with what surrounds it`, async ({ page }) => {
    await openHydrated(page, path);
    const reached: string[] = [];
    // Tab through the page until focus leaves it.
    for (let press = 0; press < 80; press++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        // The ring is drawn outside the element: it sits on its surroundings.
        let around = element.parentElement;
        while (around && getComputedStyle(around).backgroundColor.match(/rgba\(.*, 0\)$|transparent/)) {
          around = around.parentElement;
        }
        return {
          name: `${element.tagName.toLowerCase()} "${(element.innerText || element.getAttribute('aria-label') || '').trim()}"`,
          ring: style.outlineColor,
          ringStyle: style.outlineStyle,
          ringWidth: parseFloat(style.outlineWidth),
          around: around ? getComputedStyle(around).backgroundColor : 'rgb(255, 255, 255)',
        };
      });
      if (!focused) break;
      reached.push(focused.name);
      expect(focused.ringStyle, focused.name).not.toBe('none');
      expect(focused.ringWidth, focused.name).toBeGreaterThanOrEqual(2);
      expect(contrast(focused.ring, focused.around), `${focused.name}: ${focused.ring} on ${focused.around}`).toBeGreaterThanOrEqual(3);
    }
    expect(reached.length, 'controls reached by Tab').toBeGreaterThan(10);
  });
}
