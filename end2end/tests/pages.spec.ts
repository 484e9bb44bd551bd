// Every page renders, hydrates without a console error or warning, and has
// the navigation; unknown paths get a real 404.
import { test, expect, openHydrated } from './fixtures';
import { MISSING_PAGE, PAGES } from '../support/shop';

for (const path of PAGES) {
  test(`${path} hydrates cleanly`, async ({ page }) => {
    const response = await openHydrated(page, path);
    expect(response!.status()).toBe(200);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' })).toBeVisible();
  });
}

test.describe('the 404 page', () => {
  // Chromium reports the page's own 404 status in the console; that is the point here.
  test.use({ allowedConsole: [/status of 404/] });

  test('answers 404, explains and links home', async ({ page }) => {
    const response = await openHydrated(page, MISSING_PAGE);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Welcome to \S/);
  });
});

test('the nav moves between pages after hydration', async ({ page }) => {
  await openHydrated(page, '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customer' }).click();
  await expect(page).toHaveURL(/\/customer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer');
});

test('no page breaks its Content-Security-Policy', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
  });
  for (const path of PAGES) {
    const response = await openHydrated(page, path);
    expect(response!.headers()['content-security-policy']).toContain("'nonce-");
    // Use the page a little: scripts, forms and fetches all run under the policy.
    await page.getByRole('link', { name: 'Cookie settings' }).hover();
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), path).toEqual([]);
  }
});
