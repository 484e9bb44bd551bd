// The consent banner and the cookie settings: nothing optional is stored
// before the shopper agrees, and withdrawing consent deletes at once.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, openHydrated, consentBanner } from './fixtures';
import { MISSING_PAGE, PAGES } from '../support/shop';
import { ALL_DECLARED, CONSENT, USERNAME, VISITS, browserCookie } from '../support/cookies';

const ROUTES = [...PAGES, MISSING_PAGE];

async function optionalCookies(context: BrowserContext) {
  const necessary = new Set(ALL_DECLARED.filter((c) => c.category === 'necessary').map((c) => c.name));
  return (await context.cookies()).filter((cookie) => !necessary.has(cookie.name)).map((c) => c.name);
}

async function rememberName(page: Page, name: string) {
  await openHydrated(page, '/customer');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Remember me' }).click();
}

test.describe('first visit', () => {
  // The 404 route logs its own status.
  test.use({ allowedConsole: [/status of 404/] });

  test('every route shows the banner and stores no optional cookie', async ({ page, context }) => {
    for (const path of ROUTES) {
      await openHydrated(page, path);
      const banner = consentBanner(page);
      await expect(banner, path).toBeVisible();
      await expect(banner.getByRole('button', { name: 'Accept all' })).toBeVisible();
      await expect(banner.getByRole('button', { name: 'Reject non-essential' })).toBeVisible();
      await expect(banner.getByRole('link', { name: 'What each cookie does' })).toHaveAttribute('href', '/cookies');
    }
    expect(await optionalCookies(context)).toEqual([]);
  });
});

test.describe('with JavaScript', () => {
  // A refused name is answered with 422, which Chromium logs.
  test.use({ allowedConsole: [/status of 422/] });

  test('Reject non-essential: the banner goes, the name is not kept, and the page says why', async ({
    page,
    context,
  }) => {
    await openHydrated(page, '/');
    await consentBanner(page).getByRole('button', { name: 'Reject non-essential' }).click();
    await expect(consentBanner(page)).toHaveCount(0);
    await page.reload();
    await expect(consentBanner(page)).toHaveCount(0);
    expect(await browserCookie(context, CONSENT)).toBeDefined();

    await rememberName(page, 'Ada');
    await expect(page.getByTestId('name-problem')).toContainText('which you have not allowed');
    await expect(page.getByTestId('preferences-notice')).toBeVisible();
    expect(await optionalCookies(context)).toEqual([]);

    // The shopper can still shop: the basket is a necessary cookie.
    await openHydrated(page, '/basket');
    await page.getByRole('button', { name: 'Add oil' }).click();
    await expect(page.getByTestId('basket-count')).toHaveText('1');
  });

  test('"Allow preference cookies" on the customer page lets the name be kept', async ({ page, context }) => {
    await openHydrated(page, '/');
    await consentBanner(page).getByRole('button', { name: 'Reject non-essential' }).click();
    await openHydrated(page, '/customer');
    await page.getByRole('button', { name: 'Allow preference cookies' }).click();
    await expect(page.getByTestId('preferences-notice')).toHaveCount(0);
    await page.getByLabel('Your name').fill('Ada');
    await page.getByRole('button', { name: 'Remember me' }).click();
    await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Ada');
    expect(await browserCookie(context, VISITS), 'statistics stay refused').toBeUndefined();
  });

  test('Accept all, then withdraw in Cookie settings: the name cookie goes at once', async ({ page, context }) => {
    await openHydrated(page, '/');
    await consentBanner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(consentBanner(page)).toHaveCount(0);
    await rememberName(page, 'Ada');
    await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Ada');
    expect(await browserCookie(context, USERNAME)).toBeDefined();

    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    const settings = page.locator('#settings');
    await expect(settings.getByTestId('consent-summary')).toContainText('Preferences and Statistics');
    await settings.getByText('Choose').click();
    await settings.getByRole('checkbox', { name: /Preferences/ }).uncheck();
    await settings.getByRole('button', { name: 'Save my choice' }).click();

    await expect(settings.getByTestId('consent-summary')).toContainText('you allowed Statistics');
    await expect.poll(() => browserCookie(context, USERNAME)).toBeUndefined();
    await openHydrated(page, '/customer');
    await expect(page.getByTestId('greeting')).toContainText('Hello, new customer');
  });

  test('the Choose switches start unticked', async ({ page }) => {
    await openHydrated(page, '/');
    const banner = consentBanner(page);
    await banner.getByText('Choose').click();
    for (const name of [/Preferences/, /Statistics/]) {
      await expect(banner.getByRole('checkbox', { name })).not.toBeChecked();
    }
  });

  test('the keyboard reaches the banner and Enter answers it', async ({ page, context }) => {
    await openHydrated(page, '/');
    const accept = consentBanner(page).getByRole('button', { name: 'Accept all' });
    for (let presses = 0; presses < 15 && !(await accept.evaluate((el) => el === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
    }
    await expect(accept).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(consentBanner(page)).toHaveCount(0);
    expect(await browserCookie(context, CONSENT)).toBeDefined();
  });

  test('the inspector shows the HttpOnly visit counter on the server side only', async ({ page }) => {
    await openHydrated(page, '/');
    await consentBanner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(consentBanner(page)).toHaveCount(0);
    await page.reload();
    await openHydrated(page, '/cookies');

    // The server names it, with its size and signature, and never shows its value.
    await expect(page.getByTestId('server-received')).toContainText(`${VISITS.name} (HttpOnly: signed, valid, `);
    await expect(page.getByTestId('server-sent')).toContainText(`${VISITS.name}=(`);
    await expect(page.getByTestId('server-sent')).toContainText('bytes, hidden); HttpOnly');
    const browserColumn = page.getByTestId('document-cookie');
    await expect(browserColumn).toContainText(`${CONSENT.name}=`);
    await expect(browserColumn).not.toContainText(`${VISITS.name}=`);
    // Updated live when a cookie changes.
    await page.evaluate(() => (document.cookie = 'live=1; path=/'));
    await expect(browserColumn).toContainText('live=1');
  });

  test('the cookie page lists every declared cookie', async ({ page }) => {
    await openHydrated(page, '/cookies');
    for (const cookie of ALL_DECLARED) {
      const row = page.getByTestId(`cookie-row-${cookie.name}`);
      await expect(row).toContainText(cookie.name);
      await expect(row).toContainText(`SameSite=${cookie.sameSite}`);
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the banner works as a plain form, Choose included', async ({ page, context }) => {
    await page.goto('/basket');
    const banner = consentBanner(page);
    await banner.getByText('Choose').click();
    await banner.getByRole('checkbox', { name: /Statistics/ }).check();
    await banner.getByRole('button', { name: 'Save my choice' }).click();

    await expect(consentBanner(page)).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe('/basket');
    const consent = await browserCookie(context, CONSENT);
    expect(consent?.value).toMatch(/^\d+:statistics:\d{4}-\d{2}-\d{2}$/);
    await page.goto('/');
    expect(await browserCookie(context, VISITS), 'statistics allowed: visits counted').toBeDefined();
    expect(await browserCookie(context, USERNAME)).toBeUndefined();
  });
});
