// Cross-site request forgery: another site's page posts a form to the shop.
// The shop refuses it with a page that says why, and writes no cookie.
import { test, expect } from './fixtures';

// The refusal is a 403, which Chromium logs.
test.use({ allowedConsole: [/status of 403/] });

test('a form posted from another site is refused with a page that says why', async ({ page, context, baseURL }) => {
  // A page that is not the shop's (about:blank), with a form aimed at it.
  await page.setContent(`
    <form method="post" action="${baseURL}/api/consent">
      <input type="hidden" name="choice" value="all">
      <button>Win a prize</button>
    </form>`);
  const [response] = await Promise.all([
    page.waitForResponse(`${baseURL}/api/consent`),
    page.getByRole('button', { name: 'Win a prize' }).click(),
  ]);

  expect(response.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Refused' })).toBeVisible();
  await expect(page.getByText('refused this form because the browser said it was sent from another site')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the shop' })).toHaveAttribute('href', '/');
  expect(await context.cookies()).toEqual([]);
});
