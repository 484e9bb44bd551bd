// The `test` every spec uses: a page that fails the test on any console
// error or warning (a hydration mismatch shows up there), and helpers to
// open a page once Leptos has hydrated it.
import { test as base, expect, type Page } from '@playwright/test';

type Fixtures = {
  /** Console messages Chromium is expected to log, e.g. for a 404 page. */
  allowedConsole: RegExp[];
};

export const test = base.extend<Fixtures>({
  allowedConsole: [[], { option: true }],
  page: async ({ page, allowedConsole }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      const kind = message.type();
      if (kind !== 'error' && kind !== 'warning') return;
      if (allowedConsole.some((pattern) => pattern.test(message.text()))) return;
      problems.push(`${kind}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    // The lecture's point: a site must not talk to its visitors through alert().
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await use(page);
    expect(problems, 'console errors, warnings and dialogs').toEqual([]);
  },
});

export { expect };

/** Opens `path` and waits until the wasm has hydrated it. */
export async function openHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  return response;
}

/** The consent banner, found as a screen reader would. */
export function consentBanner(page: Page) {
  return page.getByRole('region', { name: 'Cookies in this shop' });
}

/**
 * Answers the banner with "Accept all", as a shopper would. Works with
 * JavaScript off too: the button then posts the form itself.
 */
export async function acceptAllCookies(page: Page, origin = '') {
  await page.goto(`${origin}/`);
  await consentBanner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(consentBanner(page)).toHaveCount(0);
}
