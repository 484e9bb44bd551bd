// "Restart the server – the session remains": the state is in the
// browser's cookies, so a killed and restarted server, or a second server
// on another port of the same host, shows the same name and basket.
import { test, expect, openHydrated, acceptAllCookies } from './fixtures';
import { basketItemsInHtml, killShop, startShop, type RunningShop } from '../support/shop';

// Ports of this spec's own servers, apart from the shared test server.
const FIRST_PORT = 3201;
const SECOND_PORT = 3202;

test.describe.configure({ mode: 'serial' });

let shops: RunningShop[] = [];
test.afterEach(async () => {
  await Promise.all(shops.map(killShop));
  shops = [];
});

test('kill -9, restart, and a second instance all show the same name and basket', async ({ page }) => {
  const first = await startShop(FIRST_PORT);
  shops.push(first);
  await acceptAllCookies(page, first.url);
  await openHydrated(page, `${first.url}/customer`);
  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'Remember me' }).click();
  await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Ada');
  await openHydrated(page, `${first.url}/basket`);
  await page.getByRole('button', { name: 'Add oil' }).click();
  await page.getByRole('button', { name: 'Add bolt' }).click();
  await expect(page.getByTestId('basket-count')).toHaveText('2');

  await killShop(first);
  const restarted = await startShop(FIRST_PORT);
  shops.push(restarted);
  const afterRestart = await page.reload();
  expect(basketItemsInHtml(await afterRestart!.text())).toEqual(['oil', 'bolt']);
  await expect(page.getByTestId('basket-item')).toHaveCount(2);
  await openHydrated(page, `${restarted.url}/customer`);
  await expect(page.getByTestId('greeting')).toHaveText('Welcome back, Ada');

  // Cookies belong to the host, not the port: another instance sees them too.
  const second = await startShop(SECOND_PORT);
  shops.push(second);
  const elsewhere = await openHydrated(page, `${second.url}/customer`);
  expect(await elsewhere!.text()).toContain('Welcome back, Ada');
  await expect(page.getByTestId('basket-count')).toHaveText('2');
});

test('a server-held session survives kill -9 with the default store, not with SESSION_STORE=memory', async ({ page }) => {
  for (const [store, survives] of [[{}, true], [{ SESSION_STORE: 'memory' }, false]] as const) {
    const first = await startShop(FIRST_PORT, store);
    shops.push(first);
    await openHydrated(page, `${first.url}/session`);
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await page.getByLabel(/30 minutes idle/).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect(page.getByTestId('session-title')).toHaveText('Session of Ada');

    await killShop(first);
    const restarted = await startShop(FIRST_PORT, store);
    shops.push(restarted);
    // Hydrated before the server is stopped again, so no request is cut off.
    await openHydrated(page, `${restarted.url}/session`);
    if (survives) {
      await expect(page.getByTestId('session-title')).toHaveText('Session of Ada');
      await expect(page.getByTestId('session-store')).toContainText('SQLite file');
      await page.getByRole('button', { name: 'End session' }).click();
      await expect(page.getByTestId('session-title')).toHaveText('No session');
    } else {
      // The id came back; the record did not: the page says why.
      await expect(page.getByTestId('session-title')).toHaveText('No session');
      await expect(page.getByTestId('session-ended')).toContainText('the server has deleted what it held');
      await expect(page.getByTestId('session-store')).toContainText('a restart empties');
    }
    await killShop(restarted);
  }
});
