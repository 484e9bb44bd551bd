// The storage comparison: the same note as a cookie, in localStorage and in
// sessionStorage.
import type { Page } from '@playwright/test';
import { test, expect, openHydrated } from './fixtures';
import { NOTE } from '../support/cookies';
import { OUTPUT_NAME } from '../support/shop';

const keeper = (page: Page, key: 'cookie' | 'local' | 'session') => page.getByTestId(`keeper-${key}`);

async function saveEverywhere(page: Page, note: string) {
  await openHydrated(page, '/storage');
  await page.getByLabel('Your note').fill(note);
  for (const name of ['Cookie', 'localStorage', 'sessionStorage']) {
    await page.getByRole('button', { name: `Save in ${name}` }).click();
  }
  for (const key of ['cookie', 'local', 'session'] as const) {
    await expect(keeper(page, key).getByTestId('kept')).toHaveText(note);
  }
}

test('localStorage survives a new page; sessionStorage does not survive a new tab', async ({ page, context }) => {
  await saveEverywhere(page, 'ring me, Zoë');

  const newTab = await context.newPage();
  await openHydrated(newTab, '/storage');
  await expect(keeper(newTab, 'local').getByTestId('kept')).toHaveText('ring me, Zoë');
  await expect(keeper(newTab, 'cookie').getByTestId('kept')).toHaveText('ring me, Zoë');
  await expect(keeper(newTab, 'session').getByTestId('kept')).toHaveText('(nothing saved)');

  // The same tab keeps its sessionStorage across a reload.
  await page.reload();
  await expect(keeper(page, 'session').getByTestId('kept')).toHaveText('ring me, Zoë');
  await newTab.close();
});

test('only the cookie reaches the server', async ({ page }) => {
  await saveEverywhere(page, 'hello');
  await page.getByRole('button', { name: 'Ask the server what it received' }).click();
  const received = page.getByTestId('server-received-names');
  await expect(received).toContainText(NOTE.name);
  // The storage key is named after the project (`<name>-note`).
  expect(await received.textContent()).not.toMatch(new RegExp(`${OUTPUT_NAME}-note|hello`));
});

test('Clear removes the note from each place', async ({ page, context }) => {
  await saveEverywhere(page, 'gone soon');
  for (const name of ['Cookie', 'localStorage', 'sessionStorage']) {
    await page.getByRole('button', { name: `Clear ${name}` }).click();
  }
  for (const key of ['cookie', 'local', 'session'] as const) {
    await expect(keeper(page, key).getByTestId('kept')).toHaveText('(nothing saved)');
  }
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(NOTE.name);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('asking the server posts the form, and the page it comes back to lists what that request carried', async ({ page, context, baseURL }) => {
    await page.goto('/storage');
    const received = page.getByTestId('server-received-names');
    await expect(received).toHaveText('no cookies');
    // Without JavaScript the page cannot save a note: the cookie is set as a
    // shopper's browser would keep one.
    await context.addCookies([{ name: NOTE.name, value: 'hello', url: baseURL! }]);

    await page.getByRole('button', { name: 'Ask the server what it received' }).click();

    await expect(page).toHaveURL(/\/storage\??$/);
    await expect(received).toHaveText(NOTE.name);
  });
});

test('saving an empty note says there is nothing to save, and writes nothing', async ({ page, context }) => {
  await openHydrated(page, '/storage');
  await page.getByRole('button', { name: 'Save in Cookie' }).click();
  await expect(keeper(page, 'cookie').getByRole('alert')).toHaveText('Type a note first: there is nothing to save.');
  await expect(keeper(page, 'cookie').getByTestId('kept')).toHaveText('(nothing saved)');
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(NOTE.name);
});
