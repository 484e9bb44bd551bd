// What a shopper meets: nothing lost without a word, every action ends in a
// line that says what happened (and takes the focus), times in the
// shopper's own zone, pages that follow other tabs, and the keyboard.
import type { Page } from '@playwright/test';
import { test, expect, openHydrated, consentBanner, acceptAllCookies } from './fixtures';
import { BASKET, BASKET_TERM, USERNAME, browserCookie } from '../support/cookies';

const items = (page: Page) => page.getByTestId('basket-item').locator('.item');
const status = (page: Page) => page.getByTestId('basket-status');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test.describe('with JavaScript', () => {
  test('choosing another lifetime and saving keeps the items', async ({ page, context }) => {
    await openHydrated(page, '/basket');
    await page.getByRole('button', { name: 'Add oil' }).click();
    await page.getByRole('button', { name: 'Add bolt' }).click();
    await expect(page.getByLabel('Shopping list')).toHaveValue('oil, bolt');

    await page.getByLabel('this browser session').check();
    await page.getByRole('button', { name: 'Save basket' }).click();

    await expect(items(page)).toHaveText(['oil', 'bolt']);
    await expect(status(page)).toHaveText('Basket saved: 2 items, kept for this browser session.');
    expect((await browserCookie(context, BASKET))?.expires, 'a session cookie now').toBe(-1);
  });

  test('emptying says so, keeps the focus on that line, and Undo puts the items back', async ({ page }) => {
    await openHydrated(page, '/basket');
    await page.getByRole('button', { name: 'Add hex nut, M6' }).click();
    await page.getByRole('button', { name: 'Add oil' }).click();

    await page.getByRole('button', { name: 'Empty basket' }).focus();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Basket emptied: 2 items left your basket.');
    await expect.poll(() => focusedId(page)).toBe('basket-status');

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(items(page)).toHaveText(['hex nut, M6', 'oil']);
    await expect(status(page)).toHaveText('Basket restored: 2 items, kept for 1 day.');
  });

  test('removing the last line leaves the focus on what happened', async ({ page }) => {
    await openHydrated(page, '/basket');
    await page.getByRole('button', { name: 'Add washer' }).click();
    await page.getByRole('button', { name: 'Remove washer' }).focus();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Basket emptied: 1 item left your basket.');
    await expect.poll(() => focusedId(page)).toBe('basket-status');
  });

  test('another tab changes the basket: this page follows when it regains focus', async ({ page, context }) => {
    await openHydrated(page, '/customer');
    await expect(page.getByTestId('basket-count')).toHaveText('0');
    const other = await context.newPage();
    await openHydrated(other, '/basket');
    await other.getByRole('button', { name: 'Add filter' }).click();
    await other.close();

    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(page.getByTestId('basket-count')).toHaveText('1');
  });

  test.describe('in another time zone', () => {
    test.use({ timezoneId: 'Asia/Kathmandu' });

    test('times are shown in the browser’s zone, labelled', async ({ page, context, baseURL }) => {
      const expires = Math.floor(Date.now() / 1000) + 3600;
      await context.addCookies([
        { name: BASKET.name, value: 'oil', url: baseURL!, expires },
        { name: BASKET_TERM.name, value: `one-day@${expires}`, url: baseURL!, expires },
      ]);
      const response = await page.goto('/basket');
      expect(await response!.text(), 'the server renders UTC, and says so').toContain(' UTC');
      await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Kathmandu',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(expires * 1000));
      await expect(page.getByTestId('basket-expiry')).toHaveText(`Your basket expires at ${local} (your time)`);
    });
  });

  test('the countdown is not a live region; the sentence beside it is', async ({ page }) => {
    await openHydrated(page, '/basket');
    await page.getByLabel('20 seconds (demo)').check();
    await page.getByRole('button', { name: 'Add oil' }).click();
    await expect(page.getByTestId('basket-countdown')).toHaveText(/in \d+ s/);
    const live = page.locator('[aria-live], [role=status], [role=alert]');
    for (const region of await live.all()) {
      await expect(region.getByTestId('basket-countdown')).toHaveCount(0);
    }
    await expect(page.getByRole('status').filter({ hasText: 'Your basket expires at' })).toHaveCount(1);
  });

  test('the inspector shows what a withdrawal sent and what the server now receives', async ({ page, context }) => {
    await acceptAllCookies(page);
    await openHydrated(page, '/customer');
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await page.getByRole('button', { name: 'Remember me' }).click();
    await expect(page.getByTestId('name-status')).toHaveText('Saved: the shop will greet you as Ada.');
    await expect.poll(() => focusedId(page)).toBe('name-status');

    await openHydrated(page, '/cookies');
    await expect(page.getByTestId('server-received')).toContainText(`${USERNAME.name}=Ada`);
    const settings = page.locator('#settings');
    await settings.getByText('Choose').click();
    await settings.getByRole('checkbox', { name: /Preferences/ }).uncheck();
    await settings.getByRole('button', { name: 'Save my choice' }).click();

    await expect(page.getByTestId('server-sent')).toContainText(`${USERNAME.name}=; `);
    await expect(page.getByTestId('server-sent')).toContainText('Max-Age=0');
    await expect(page.getByTestId('server-received')).not.toContainText(`${USERNAME.name}=`);
    await expect(page.getByTestId(`cookie-row-${USERNAME.name}`)).toContainText('not sent');
    expect(await browserCookie(context, USERNAME)).toBeUndefined();
    await expect.poll(() => focusedId(page)).toBe('consent-summary');
  });
});

test.describe('keyboard only', () => {
  test('the banner: Escape closes Choose, and answering leaves the focus on what happened', async ({ page }) => {
    await openHydrated(page, '/');
    const banner = consentBanner(page);
    await banner.getByText('Choose').focus();
    await page.keyboard.press('Enter');
    await expect(banner.getByRole('checkbox', { name: /Necessary/ })).toBeChecked();
    await expect(banner.getByRole('checkbox', { name: /Necessary/ })).toBeDisabled();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(banner.getByRole('button', { name: 'Save my choice' })).toBeHidden();
    await expect(banner.getByText('Choose')).toBeFocused();

    await banner.getByRole('button', { name: 'Reject non-essential' }).focus();
    await page.keyboard.press('Enter');
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('consent-saved')).toBeFocused();
    await expect(page.getByTestId('consent-saved')).toContainText('your cookie choice is saved');
  });

  test('Remember me: Enter in the field saves, and the line that says so takes the focus', async ({ page }) => {
    await acceptAllCookies(page);
    await openHydrated(page, '/customer');
    const name = page.getByRole('textbox', { name: 'Your name' });
    await expect(name).toHaveAttribute('maxlength', '64');
    await expect(name).toHaveAttribute('required', '');
    await name.focus();
    await page.keyboard.type('Grace');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Grace');
    await expect(page.getByTestId('name-status')).toBeFocused();
  });

  test('the basket: Tab to an Add button and press Enter; the list follows', async ({ page }) => {
    await openHydrated(page, '/basket');
    await page.getByRole('button', { name: 'Add spark plug' }).focus();
    await page.keyboard.press('Enter');
    await expect(items(page)).toHaveText(['spark plug']);
    await expect(page.getByRole('button', { name: 'Add spark plug' })).toBeFocused();
    await expect(status(page)).toHaveText('Added spark plug: 1 item, kept for 1 day.');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused list comes back as typed, the address stays clean, and a reload forgets it', async ({ page }) => {
    await page.goto('/basket');
    await page.getByRole('button', { name: 'Add oil' }).click();
    const typed = `oil, ${'y'.repeat(65)}`;
    await page.getByLabel('Shopping list').fill(typed);
    await page.getByRole('button', { name: 'Save basket' }).click();

    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/basket');
    expect(page.url()).not.toContain('?');
    await expect(page.getByTestId('basket-problem')).toContainText('Please use at most 64 characters');
    await expect(page.getByLabel('Shopping list')).toHaveValue(typed);
    await expect(items(page)).toHaveText(['oil']);

    await page.reload();
    await expect(page.getByTestId('basket-problem')).toBeEmpty();
    await expect(page.getByLabel('Shopping list')).toHaveValue('oil');
  });

  test('Back and reload never show an old message beside a newer one', async ({ page }) => {
    await acceptAllCookies(page);
    await page.goto('/customer');
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await page.getByRole('button', { name: 'Remember me' }).click();
    await expect(page.getByTestId('name-status')).toHaveText('Saved: the shop will greet you as Ada.');
    await page.getByRole('button', { name: 'Forget me' }).click();
    await expect(page.getByTestId('name-status')).toHaveText('Done: the shop has forgotten your name.');

    await page.goBack();
    await expect(page.getByTestId('name-status')).toBeEmpty();
    await expect(page.getByTestId('greeting')).toContainText('Hello, new customer');
    await page.reload();
    await expect(page.getByTestId('name-status')).toBeEmpty();
  });

  test('emptying offers Undo, which posts the items back', async ({ page }) => {
    await page.goto('/basket');
    await page.getByRole('button', { name: 'Add hex nut, M6' }).click();
    await page.getByRole('button', { name: 'Add bolt' }).click();
    await page.getByRole('button', { name: 'Empty basket' }).click();
    await expect(status(page)).toHaveText('Basket emptied: 2 items left your basket.');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(items(page)).toHaveText(['hex nut, M6', 'bolt']);
  });
});
