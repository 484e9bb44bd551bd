// Each test makes one picture for the docs, named as docs/demo-script.md
// shows it. Viewport-sized, not full-page, to keep the files small.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openHydrated, consentBanner, acceptAllCookies } from '../tests/fixtures';
import { repositoryRoot } from '../support/shop';

const folder = join(repositoryRoot, 'docs', 'screenshots');

async function shoot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(folder, `${name}.png`), animations: 'disabled', caret: 'hide', fullPage });
}

/** Scrolls `target` to the top of the viewport before a shot. */
async function scrollToTop(target: Locator) {
  await target.evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

test('home page with the consent banner', async ({ page }) => {
  await openHydrated(page, '/');
  await expect(consentBanner(page)).toBeVisible();
  await shoot(page, 'home-banner');
});

test('customer page greeting after Remember me', async ({ page }) => {
  await acceptAllCookies(page);
  await openHydrated(page, '/customer');
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Remember me' }).click();
  await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Ada Lovelace');
  await shoot(page, 'customer-greeting');
});

test('basket with its 20-second countdown', async ({ page }) => {
  await acceptAllCookies(page);
  await openHydrated(page, '/basket');
  await page.getByLabel('20 seconds (demo)').check();
  for (const part of ['oil', 'filter', 'hex nut, M6']) {
    await page.getByRole('button', { name: `Add ${part}` }).click();
  }
  await expect(page.getByTestId('basket-countdown')).toContainText(' s');
  // The clicks scrolled down to the catalogue; the list and its countdown are above.
  await scrollToTop(page.getByRole('heading', { level: 1 }));
  await shoot(page, 'basket-countdown');
});

test('cookie page with the inspector', async ({ page }) => {
  await acceptAllCookies(page);
  await openHydrated(page, '/customer');
  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'Remember me' }).click();
  await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Ada');
  // A full page load, so the inspector describes the page's own request.
  await openHydrated(page, '/cookies');
  await expect(page.getByTestId('document-cookie')).toContainText('username=Ada');
  await scrollToTop(page.getByRole('heading', { name: 'Cookie inspector' }));
  await shoot(page, 'cookies-inspector');
});

test('session page: what the server holds', async ({ page }) => {
  await acceptAllCookies(page);
  await openHydrated(page, '/session');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByTestId('session-title')).toHaveText('Session of Ada');
  await expect(page.getByTestId('session-countdown')).toContainText(' s');
  await scrollToTop(page.getByRole('heading', { level: 1 }));
  await shoot(page, 'session');
});

test('storage page: a cookie, localStorage and sessionStorage', async ({ page }) => {
  await acceptAllCookies(page);
  await openHydrated(page, '/storage');
  await page.getByLabel('Your note').fill('ring me, Zoë');
  for (const name of ['Cookie', 'localStorage', 'sessionStorage']) {
    await page.getByRole('button', { name: `Save in ${name}` }).click();
  }
  await page.getByRole('button', { name: 'Ask the server what it received' }).click();
  await expect(page.getByTestId('server-received-names')).toContainText('note');
  await shoot(page, 'storage');
});

test('the basket on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await acceptAllCookies(page);
  await openHydrated(page, '/basket');
  await page.getByRole('button', { name: 'Add oil' }).click();
  await page.getByRole('button', { name: 'Add bolt' }).click();
  await expect(page.getByTestId('basket-count')).toHaveText('2');
  await scrollToTop(page.getByRole('heading', { name: 'In your basket' }));
  await shoot(page, 'phone-basket');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the basket page says the server writes the cookie', async ({ page }) => {
    await page.goto('/basket');
    await page.getByRole('button', { name: 'Add washer' }).click();
    await expect(page.getByTestId('basket-item').locator('.item')).toHaveText(['washer']);
    await expect(page.getByTestId('cookie-writer')).toContainText('JavaScript is off');
    // The whole page: the basket at the top, the sentence about who wrote it at the bottom.
    await shoot(page, 'basket-no-javascript', true);
  });
});
