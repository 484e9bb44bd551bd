// A server-held session: the browser keeps only an HttpOnly id; the page
// starts, shows and ends the session the server holds, with JavaScript
// (no reload) and without (form posts), and an idle session ends on its own.
import type { Page } from '@playwright/test';
import { test, expect, openHydrated } from './fixtures';
import { SESSION } from '../support/cookies';
import { killShop, startShop, type RunningShop } from '../support/shop';

async function startSession(page: Page, name: string, idle: RegExp = /idle \(demo\)/) {
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  await page.getByLabel(idle).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByTestId('session-title')).toHaveText(`Session of ${name}`);
}

async function endSession(page: Page) {
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByTestId('session-title')).toHaveText('No session');
  await expect(page.getByTestId('session-ended')).toContainText('the server has deleted what it held');
}

test.describe('with JavaScript', () => {
  test('Start session and End session change the page without a reload; the cookie is HttpOnly', async ({
    page,
    context,
  }) => {
    await openHydrated(page, '/session');
    await expect(page.getByTestId('session-title')).toHaveText('No session');
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(SESSION.name);

    // A mark on the window survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await startSession(page, 'Ada', /30 minutes idle/);
    await expect(page.getByTestId('session-held')).toContainText('Ada');
    await expect(page.getByTestId('session-cookie-line')).toContainText('bytes, hidden');
    await expect(page.getByTestId('session-cookie-line')).toContainText('HttpOnly');
    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION.name);
    expect(session?.httpOnly).toBe(true);
    expect(await page.evaluate(() => document.cookie)).not.toContain(`${SESSION.name}=`);
    expect(await page.content()).not.toContain(session!.value);

    await page.reload();
    await expect(page.getByTestId('session-title')).toHaveText('Session of Ada');
    await expect(page.getByTestId('session-sent-back')).toContainText('Yes');

    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await endSession(page);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(SESSION.name);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the forms post and the page says the same', async ({ page }) => {
    await page.goto('/session');
    await startSession(page, 'Linus');
    await expect(page.getByTestId('session-sent-back')).toContainText('Yes');
    await endSession(page);
  });
});

test.describe('an idle session', () => {
  test.describe.configure({ mode: 'serial' });
  let shop: RunningShop | undefined;
  test.afterEach(async () => {
    if (shop) await killShop(shop);
    shop = undefined;
  });

  test('ends on its own: the page says so, and so does a reload', async ({ page }) => {
    shop = await startShop(3231, { SESSION_STORE: 'memory', SESSION_DEMO_IDLE: '2' });
    await openHydrated(page, `${shop.url}/session`);
    await startSession(page, 'Grace', /2 seconds idle \(demo\)/);
    // The countdown reaches 0 and the page says the session ended.
    await expect(page.getByTestId('session-title')).toHaveText('No session', { timeout: 15_000 });
    await expect(page.getByTestId('session-ended')).toContainText('the server has deleted what it held');
    // The cookie lived no longer than the record: a reload sends none.
    await page.reload();
    await expect(page.getByTestId('session-title')).toHaveText('No session');
  });
});
