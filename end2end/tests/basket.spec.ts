// The basket page: the browser writes the `basket` cookie through
// document.cookie; without JavaScript the server writes the same cookie.
import type { Page } from '@playwright/test';
import { test, expect, openHydrated } from './fixtures';
import { BASKET, BASKET_TERM, attributesOf, browserCookie, declaredAttributes } from '../support/cookies';
import { basketItemsInHtml } from '../support/shop';

const items = (page: Page) => page.getByTestId('basket-item').locator('.item');
const problem = (page: Page) => page.getByTestId('basket-problem');
const navCount = (page: Page) => page.getByTestId('basket-count');

async function saveList(page: Page, list: string) {
  await page.locator('#shopping').fill(list);
  await page.getByRole('button', { name: 'Save basket' }).click();
}

test.describe('with JavaScript', () => {
  test('Save basket writes the cookie in the browser, and the server renders it after a reload', async ({
    page,
    context,
  }) => {
    const posts: string[] = [];
    page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
    await openHydrated(page, '/basket');
    await expect(page.getByLabel('Shopping list')).toHaveAttribute('id', 'shopping');

    await saveList(page, 'oil,filter,bolt,washer');

    await expect(items(page)).toHaveText(['oil', 'filter', 'bolt', 'washer']);
    await expect(navCount(page)).toHaveText('4');
    expect(posts, 'the script writes the cookie itself; nothing is posted').toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toContain(`${BASKET.name}=oil,filter,bolt,washer`);
    const cookie = await browserCookie(context, BASKET);
    expect(cookie?.value).toBe('oil,filter,bolt,washer');
    expect(attributesOf(cookie!)).toEqual(declaredAttributes(BASKET));
    const secondsLeft = cookie!.expires - Date.now() / 1000;
    expect(secondsLeft).toBeGreaterThan(86_400 - 120);
    expect(secondsLeft).toBeLessThanOrEqual(86_400);
    await expect(page.getByTestId('basket-expiry')).toContainText('Your basket expires at');

    const response = await page.reload();
    expect(basketItemsInHtml(await response!.text())).toEqual(['oil', 'filter', 'bolt', 'washer']);
    await expect(items(page)).toHaveText(['oil', 'filter', 'bolt', 'washer']);
  });

  test('Remove takes out the item shown, and the page follows another tab', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: BASKET.name, value: 'oil,filter', url: baseURL! }]);
    await openHydrated(page, '/basket');
    await expect(items(page)).toHaveText(['oil', 'filter']);

    // Another tab puts a bolt in front: the page still shows oil first.
    await context.addCookies([{ name: BASKET.name, value: 'bolt,oil,filter', url: baseURL! }]);
    await page.getByRole('button', { name: 'Remove oil' }).click();
    await expect(items(page)).toHaveText(['bolt', 'filter']);
    await expect(problem(page)).toBeEmpty();

    // Another tab takes the filter out: Chromium announces the change
    // (`cookiechange`), and the page follows without a reload. (A browser
    // without that event re-reads on focus; a Remove from a stale page takes
    // out nothing else: tests/basket.rs.)
    await context.addCookies([{ name: BASKET.name, value: 'bolt', url: baseURL! }]);
    await expect(items(page)).toHaveText(['bolt']);
    await expect(page.getByRole('button', { name: 'Remove filter' })).toHaveCount(0);
    expect((await browserCookie(context, BASKET))?.value).toBe('bolt');
  });

  test('catalogue Add, line Remove and Empty basket each write the cookie at once', async ({ page, context }) => {
    await openHydrated(page, '/basket');
    await page.getByRole('button', { name: 'Add hex nut, M6' }).click();
    await page.getByRole('button', { name: 'Add oil' }).click();
    await page.getByRole('button', { name: 'Add Ölwanne gasket' }).click();
    await expect(items(page)).toHaveText(['hex nut, M6', 'oil', 'Ölwanne gasket']);
    // Only the separators are bare commas; the item's comma is encoded.
    expect((await browserCookie(context, BASKET))?.value).toBe('hex%20nut%2C%20M6,oil,%C3%96lwanne%20gasket');

    await page.getByRole('button', { name: 'Remove hex nut, M6' }).click();
    await expect(items(page)).toHaveText(['oil', 'Ölwanne gasket']);
    expect((await browserCookie(context, BASKET))?.value).toBe('oil,%C3%96lwanne%20gasket');

    await page.getByRole('button', { name: 'Empty basket' }).click();
    await expect(items(page)).toHaveCount(0);
    await expect(page.getByTestId('basket-empty')).toBeVisible();
    await expect(navCount(page)).toHaveText('0');
    expect(await browserCookie(context, BASKET)).toBeUndefined();
    expect(await browserCookie(context, BASKET_TERM)).toBeUndefined();
  });

  test("a cookie typed by hand in the lecture's raw form reads correctly", async ({ page }) => {
    await openHydrated(page, '/basket');
    await page.evaluate((name) => {
      document.cookie = `${name}=oil,filter,bolt,washer; path=/`;
    }, BASKET.name);
    await page.reload();
    await expect(items(page)).toHaveText(['oil', 'filter', 'bolt', 'washer']);
  });

  test('the lifetime choice sets the expiry: a session, or 20 seconds with a countdown', async ({ page, context }) => {
    await openHydrated(page, '/basket');

    await page.getByLabel('this browser session').check();
    await saveList(page, 'bolt');
    expect((await browserCookie(context, BASKET))?.expires).toBe(-1);
    await expect(page.getByTestId('basket-expiry')).toContainText('until you close the browser');

    await page.getByLabel('20 seconds (demo)').check();
    await saveList(page, 'bolt,washer');
    const secondsLeft = (await browserCookie(context, BASKET))!.expires - Date.now() / 1000;
    expect(secondsLeft).toBeGreaterThan(15);
    expect(secondsLeft).toBeLessThanOrEqual(20);
    await expect(page.getByTestId('basket-countdown')).toHaveText(/in \d+ s/);
  });

  test('when the cookie expires the page says so without a reload, and again after one', async ({
    page,
    context,
    baseURL,
  }) => {
    // A real expiry two seconds ahead; Playwright's clock does not expire
    // cookies. The term outlives the basket, as the shop writes it.
    const expires = Math.floor(Date.now() / 1000) + 2;
    await context.addCookies([
      { name: BASKET.name, value: 'oil,bolt', url: baseURL!, expires },
      { name: BASKET_TERM.name, value: `twenty-seconds@${expires}`, url: baseURL!, expires: expires + 86_400 },
    ]);
    await openHydrated(page, '/basket');
    await expect(items(page)).toHaveText(['oil', 'bolt']);
    await expect(page.getByTestId('basket-expiry')).toContainText('Your basket expires at');

    await expect(items(page)).toHaveCount(0, { timeout: 8_000 });
    await expect(page.getByTestId('basket-expiry')).toContainText('Your basket expired at');
    await expect(page.getByTestId('basket-countdown')).toBeEmpty();
    await expect(navCount(page)).toHaveText('0');
    await page.reload();
    await expect(page.getByTestId('basket-empty')).toBeVisible();
    await expect(page.getByTestId('basket-expiry')).toContainText('Your basket expired at');
  });

  test('a basket too large for a cookie is refused and the previous one kept', async ({ page, context }) => {
    await openHydrated(page, '/basket');
    await saveList(page, 'oil,filter');
    const longList = Array.from({ length: 80 }, (_, index) => `part ${index} `.padEnd(60, 'x')).join(',');

    await saveList(page, longList);

    await expect(problem(page)).toContainText('browsers keep at most 4096');
    await expect(items(page)).toHaveText(['oil', 'filter']);
    expect((await browserCookie(context, BASKET))?.value).toBe('oil,filter');
  });

  test('the nav counts the basket on every page', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: BASKET.name, value: 'oil,filter,bolt', url: baseURL! }]);
    for (const path of ['/', '/customer', '/basket']) {
      await openHydrated(page, path);
      await expect(navCount(page)).toHaveText('3');
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same form posts and the server writes the same cookie', async ({ page, context }) => {
    await page.goto('/basket');
    await expect(page.getByTestId('cookie-writer')).toContainText('JavaScript is off');

    await page.locator('#shopping').fill('oil,filter,bolt,washer');
    const [response] = await Promise.all([
      page.waitForResponse((reply) => reply.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save basket' }).click(),
    ]);
    expect(await response.headerValue('set-cookie')).toContain(`${BASKET.name}=oil,filter,bolt,washer;`);
    await expect(items(page)).toHaveText(['oil', 'filter', 'bolt', 'washer']);
    await expect(navCount(page)).toHaveText('4');
    expect((await browserCookie(context, BASKET))?.value).toBe('oil,filter,bolt,washer');

    await page.getByRole('button', { name: 'Add hex nut, M6' }).click();
    await expect(items(page)).toHaveText(['oil', 'filter', 'bolt', 'washer', 'hex nut, M6']);
    await page.getByRole('button', { name: 'Remove oil' }).click();
    await expect(items(page)).toHaveText(['filter', 'bolt', 'washer', 'hex nut, M6']);
    await page.getByRole('button', { name: 'Empty basket' }).click();
    await expect(page.getByTestId('basket-empty')).toBeVisible();
    expect(await browserCookie(context, BASKET)).toBeUndefined();
  });

  test('an oversized basket is refused by the server and the previous one kept', async ({ page, context }) => {
    await page.goto('/basket');
    await page.locator('#shopping').fill('oil');
    await page.getByRole('button', { name: 'Save basket' }).click();
    await expect(items(page)).toHaveText(['oil']);

    await page.locator('#shopping').fill(Array.from({ length: 80 }, () => 'y'.repeat(60)).join(','));
    await page.getByRole('button', { name: 'Save basket' }).click();

    await expect(problem(page)).toContainText('browsers keep at most 4096');
    await expect(items(page)).toHaveText(['oil']);
    expect((await browserCookie(context, BASKET))?.value).toBe('oil');
  });
});
