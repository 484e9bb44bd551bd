// The customer page: the server remembers the shopper's name in a cookie it
// sets in its response, and greets them from the request's cookie.
import { test, expect, openHydrated, acceptAllCookies } from './fixtures';
import { USERNAME, attributesOf, browserCookie, declaredAttributes } from '../support/cookies';

const greeting = (page: import('@playwright/test').Page) => page.getByTestId('greeting');

// Remembering a name needs consent to preference cookies (see consent.spec.ts).
test.beforeEach(async ({ page }) => acceptAllCookies(page));

test.describe('with JavaScript', () => {
  test('Remember me greets the shopper without a reload and stores the declared cookie', async ({ page, context }) => {
    await openHydrated(page, '/customer');
    await expect(greeting(page)).toContainText('Hello, new customer');
    // A reload would wipe this marker.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.getByLabel('Your name').fill('  Ada Lovelace ');
    await page.getByRole('button', { name: 'Remember me' }).click();

    await expect(greeting(page)).toHaveText('Welcome back, Ada Lovelace');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    const cookie = await browserCookie(context, USERNAME);
    expect(cookie?.value).toBe('Ada%20Lovelace');
    expect(attributesOf(cookie!)).toEqual(declaredAttributes(USERNAME));
    const secondsLeft = cookie!.expires - Date.now() / 1000;
    expect(secondsLeft).toBeGreaterThan(USERNAME.maxAgeSeconds! - 120);
    expect(secondsLeft).toBeLessThanOrEqual(USERNAME.maxAgeSeconds!);
    // Not HttpOnly, so the page's script sees the same cookie the server read.
    expect(await page.evaluate(() => document.cookie)).toContain(`${USERNAME.name}=Ada%20Lovelace`);
  });

  test('after a reload the greeting comes in the server HTML', async ({ page }) => {
    await openHydrated(page, '/customer');
    await page.getByLabel('Your name').fill('Grace');
    await page.getByRole('button', { name: 'Remember me' }).click();
    await expect(greeting(page)).toHaveText('Welcome back, Grace');

    const response = await page.reload();
    expect(await response!.text()).toContain('Welcome back, Grace');
    await expect(greeting(page)).toHaveText('Welcome back, Grace');
  });

  test('Forget me deletes the cookie and the greeting', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: USERNAME.name, value: 'Ada', url: baseURL! }]);
    await openHydrated(page, '/customer');
    await expect(greeting(page)).toHaveText('Welcome back, Ada');

    await page.getByRole('button', { name: 'Forget me' }).click();

    await expect(greeting(page)).toContainText('Hello, new customer');
    await expect.poll(() => browserCookie(context, USERNAME)).toBeUndefined();
  });

  test.describe('refusals', () => {
    // The server answers a refused name with 422, which Chromium logs.
    test.use({ allowedConsole: [/status of 422/] });

    test('an invalid name is explained beside the field and sets no cookie', async ({ page, context }) => {
      await openHydrated(page, '/customer');
      const field = page.getByLabel('Your name');

      await field.fill('   ');
      await page.getByRole('button', { name: 'Remember me' }).click();
      await expect(page.getByTestId('name-problem')).toHaveText('Please type your name.');
      await expect(field).toHaveAttribute('aria-invalid', 'true');

      // The field has the server's limit (`maxlength`): the browser stops
      // at 64 characters. The server's own refusal of more is in
      // server/tests/customer.rs.
      await field.fill('x'.repeat(65));
      await expect(field).toHaveValue('x'.repeat(64));

      expect(await browserCookie(context, USERNAME)).toBeUndefined();
      await expect(greeting(page)).toContainText('Hello, new customer');

      // A valid name afterwards clears the message.
      await field.fill('Ada');
      await page.getByRole('button', { name: 'Remember me' }).click();
      await expect(greeting(page)).toHaveText('Welcome back, Ada');
      await expect(page.getByTestId('name-problem')).toBeEmpty();
    });
  });

  test.describe('no answer', () => {
    // Chromium logs the request it could not complete.
    test.use({ allowedConsole: [/ERR_FAILED|Failed to load resource/] });

    test('a post that never reaches the shop says so, changes nothing and keeps the typed name', async ({ page, context }) => {
      await openHydrated(page, '/customer');
      await page.route('**/api/remember_me', (route) => route.abort('failed'));
      const field = page.getByLabel('Your name');
      await field.fill('Ada');
      await page.getByRole('button', { name: 'Remember me' }).click();

      await expect(page.getByTestId('name-problem')).toHaveText(
        'The shop could not be reached, so nothing was changed. Please check your connection and try again.',
      );
      await expect(field).toHaveValue('Ada');
      await expect(greeting(page)).toContainText('Hello, new customer');
      expect(await browserCookie(context, USERNAME)).toBeUndefined();

      // Once the shop answers again, the same form goes through.
      await page.unroute('**/api/remember_me');
      await page.getByRole('button', { name: 'Remember me' }).click();
      await expect(greeting(page)).toHaveText('Welcome back, Ada');
      await expect(page.getByTestId('name-problem')).toBeEmpty();
    });
  });

  test.describe('a refusal, then Forget me', () => {
    test.use({ allowedConsole: [/status of 422/] });

    test('the newest answer replaces the old message', async ({ page }) => {
      await openHydrated(page, '/customer');
      await page.getByLabel('Your name').fill('   ');
      await page.getByRole('button', { name: 'Remember me' }).click();
      await expect(page.getByTestId('name-problem')).toHaveText('Please type your name.');

      await page.getByRole('button', { name: 'Forget me' }).click();
      await expect(page.getByTestId('name-problem')).toBeEmpty();
      await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'false');
    });
  });

  test('a name made of markup is shown as text, never run', async ({ page }) => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await openHydrated(page, '/customer');
    await page.getByLabel('Your name').fill(hostile);
    await page.getByRole('button', { name: 'Remember me' }).click();
    await expect(greeting(page)).toHaveText(`Welcome back, ${hostile}`);

    const response = await page.reload();
    await expect(greeting(page)).toHaveText(`Welcome back, ${hostile}`);
    expect(await response!.text()).toContain('Welcome back, &lt;script&gt;alert(1)&lt;/script&gt;');
    await expect(page.locator('main img')).toHaveCount(0);
    // The fixture fails the test if any alert() opened.
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts, the server sets the cookie and greets after the redirect', async ({ page, context }) => {
    await page.goto('/customer');
    await page.getByLabel('Your name').fill('Linus');
    const [response] = await Promise.all([
      page.waitForResponse((reply) => reply.url().endsWith('/api/remember_me')),
      page.getByRole('button', { name: 'Remember me' }).click(),
    ]);
    expect(response.status()).toBe(302);
    expect(await response.headerValue('set-cookie')).toMatch(new RegExp(`^${USERNAME.name}=Linus;`));

    await expect(greeting(page)).toHaveText('Welcome back, Linus');
    expect(new URL(page.url()).pathname).toBe('/customer');
    const cookie = await browserCookie(context, USERNAME);
    expect(attributesOf(cookie!)).toEqual(declaredAttributes(USERNAME));

    await page.getByRole('button', { name: 'Forget me' }).click();
    await expect(greeting(page)).toContainText('Hello, new customer');
    expect(await browserCookie(context, USERNAME)).toBeUndefined();
  });

  test('an invalid name comes back with the message and no cookie', async ({ page, context }) => {
    await page.goto('/customer');
    await page.getByLabel('Your name').fill('tab\there');
    await page.getByRole('button', { name: 'Remember me' }).click();
    await expect(page.getByTestId('name-problem')).toContainText('control characters');
    expect(await browserCookie(context, USERNAME)).toBeUndefined();
  });
});

test('a cookie belongs to its host: on localhost the shop does not know the name 127.0.0.1 keeps', async ({
  page,
  context,
  baseURL,
}) => {
  await context.addCookies([{ name: USERNAME.name, value: 'Ada', url: baseURL! }]);
  await openHydrated(page, '/customer');
  await expect(greeting(page)).toContainText('Welcome back, Ada');

  // Same server, same port, another host name: the browser sends nothing.
  const localhost = new URL(baseURL!);
  localhost.hostname = 'localhost';
  const response = await page.goto(new URL('/customer', localhost).href);
  expect((await response!.request().allHeaders())['cookie']).toBeUndefined();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(greeting(page)).toContainText('Hello, new customer');
  const hosts = (await context.cookies()).map((cookie) => cookie.domain);
  expect(hosts.filter((host) => host === 'localhost')).toEqual([]);
});
