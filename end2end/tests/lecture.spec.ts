// /lecture runs the lecture's own JavaScript (setCookie, readCookie,
// loadBasket) beside the Rust pages: both write and read the same `basket`
// cookie, in both directions.
import { test, expect, openHydrated } from './fixtures';
import { BASKET, browserCookie } from '../support/cookies';
import { basketItemsInHtml } from '../support/shop';

declare function readCookie(name: string): string;

test("a basket saved by the lecture's script shows on /basket, rendered by the server and hydrated", async ({ page, context }) => {
  await openHydrated(page, '/lecture');
  await page.locator('#shopping').fill('oil,filter,bolt,washer');
  await page.getByRole('button', { name: 'loadBasket() — keep 1 day' }).click();
  await expect(page.getByTestId('lecture-output')).toHaveText('Saved for 1 day: basket=oil,filter,bolt,washer');
  // The consent check in place of the lecture's alert() (the fixture fails on any dialog).
  await expect(page.getByTestId('lecture-consent')).toContainText('not answered the cookie banner');
  expect((await browserCookie(context, BASKET))?.value).toBe('oil,filter,bolt,washer');
  // The nav follows the lecture's script too (the browser's cookiechange).
  await expect(page.getByTestId('basket-count')).toHaveText('4');

  const response = await openHydrated(page, '/basket');
  expect(basketItemsInHtml(await response!.text())).toEqual(['oil', 'filter', 'bolt', 'washer']);
  await expect(page.getByTestId('basket-item').locator('.item')).toHaveText(['oil', 'filter', 'bolt', 'washer']);
  await expect(page.getByTestId('basket-expiry')).toContainText('cannot say when it expires');
  // And the Rust page goes on from there.
  await page.getByRole('button', { name: 'Add hex nut, M6' }).click();
  await expect(page.getByTestId('basket-count')).toHaveText('5');
});

test('a basket saved on /basket is read by the lecture\'s readCookie, encoded items as stored', async ({ page }) => {
  await openHydrated(page, '/basket');
  await page.getByRole('button', { name: 'Add oil' }).click();
  await page.getByRole('button', { name: 'Add hex nut, M6' }).click();
  await expect(page.getByTestId('basket-count')).toHaveText('2');

  await openHydrated(page, '/lecture');
  // The lecture's readCookie does not decode: the comma inside the item
  // stays %2C, so it is not taken for a separator.
  const raw = await page.evaluate(() => readCookie('basket'));
  expect(raw).toBe('oil,hex%20nut%2C%20M6');
  expect(raw.split(',').map(decodeURIComponent)).toEqual(['oil', 'hex nut, M6']);
  await page.getByRole('button', { name: 'readCookie("basket")' }).click();
  await expect(page.getByTestId('lecture-output')).toHaveText('readCookie("basket") gives: oil,hex%20nut%2C%20M6');
});

test('the lecture\'s 20-second variant sets a cookie that expires in 20 seconds', async ({ page, context }) => {
  await openHydrated(page, '/lecture');
  await page.locator('#shopping').fill('bolt');
  await page.getByRole('button', { name: 'Keep 20 seconds' }).click();
  const cookie = await browserCookie(context, BASKET);
  const secondsLeft = cookie!.expires - Date.now() / 1000;
  expect(secondsLeft).toBeGreaterThan(15);
  expect(secondsLeft).toBeLessThanOrEqual(21);
});

test('the lecture page is linked from the home page and the footer', async ({ page }) => {
  await openHydrated(page, '/');
  await expect(page.getByRole('main').getByRole('link', { name: "The lecture's script" })).toHaveAttribute('href', '/lecture');
  await page.getByRole('contentinfo').getByRole('link', { name: "The lecture's script" }).click();
  await expect(page).toHaveURL(/\/lecture$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("The lecture's own JavaScript");
});

test('a basket the lecture\'s script saved leaves /basket when its cookie expires', async ({ page, context, baseURL }) => {
  // As the lecture's setCookie writes it: no term beside it, a real expiry
  // two seconds ahead.
  const expires = Math.floor(Date.now() / 1000) + 2;
  await context.addCookies([{ name: BASKET.name, value: 'bolt', url: baseURL!, expires }]);
  await openHydrated(page, '/basket');
  await expect(page.getByTestId('basket-item').locator('.item')).toHaveText(['bolt']);
  await expect(page.getByTestId('basket-item')).toHaveCount(0, { timeout: 8_000 });
  await expect(page.getByTestId('basket-count')).toHaveText('0');
});
