// The shop deployed as docs/deploy.md describes: HTTPS ends at nginx, whose
// stock `proxy_pass` sends the instances `Host: shop`, and two instances
// share one key (see deployment.ts). The shopper's flows still work, every
// cookie is Secure and __Host- prefixed, and HSTS is sent.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, openHydrated, consentBanner } from '../tests/fixtures';
import { BASKET, BASKET_TERM, CONSENT, SESSION, USERNAME, VISITS, type Declaration } from '../support/cookies';
import { INSTANCE_URLS, PROXY_URL, UPSTREAM_HEADER } from './deployment';

/** The cookies the three flows below write, besides the basket's BASKET_TERM. */
const WRITTEN: Declaration[] = [CONSENT, VISITS, USERNAME, BASKET];

/**
 * Every cookie the browser holds is Secure, for the whole site, and has the
 * `__Host-` prefix, which the browser itself enforces: Secure, `Path=/`, no
 * `Domain`, set over HTTPS.
 */
async function expectEveryCookieSecureAndHostPrefixed(context: BrowserContext) {
  const cookies = await context.cookies();
  for (const cookie of cookies) {
    expect(cookie.secure, `${cookie.name} is Secure`).toBe(true);
    expect(cookie.path, `${cookie.name} is for the whole site`).toBe('/');
  }
  const names = cookies.map((cookie) => cookie.name).sort();
  const prefixed = [...WRITTEN, BASKET_TERM].map((cookie) => `__Host-${cookie.name}`).sort();
  expect(names, 'every cookie has the __Host- prefix').toEqual(prefixed);
}

async function acceptAll(page: Page) {
  await consentBanner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(consentBanner(page)).toHaveCount(0);
}

async function rememberMe(page: Page, name: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Remember me' }).click();
  await expect(page.getByTestId('greeting')).toHaveText(`Welcome back, ${name}`);
}

async function saveBasket(page: Page, list: string, items: string[]) {
  await page.locator('#shopping').fill(list);
  await page.getByRole('button', { name: 'Save basket' }).click();
  await expect(page.getByTestId('basket-item').locator('.item')).toHaveText(items);
}

test.describe('with JavaScript', () => {
  test('Accept all, Remember me and Save basket over HTTPS: Secure __Host- cookies and HSTS', async ({
    page,
    context,
  }) => {
    const first = await openHydrated(page, '/');
    expect(first!.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(first!.headers()['cache-control']).toBe('no-store');
    // The shop sends pages uncompressed; nginx compresses them (`gzip on`).
    expect(first!.headers()['content-encoding']).toBe('gzip');
    await acceptAll(page);

    await openHydrated(page, '/customer');
    await rememberMe(page, 'Ada');

    await openHydrated(page, '/basket');
    await saveBasket(page, 'oil,bolt', ['oil', 'bolt']);
    await page.reload();
    await expect(page.getByTestId('basket-item').locator('.item')).toHaveText(['oil', 'bolt']);

    await expectEveryCookieSecureAndHostPrefixed(context);
  });
});

test("over HTTPS the lecture's script and the Rust pages share the __Host- basket and consent", async ({
  page,
  context,
}) => {
  await openHydrated(page, '/lecture');
  await expect(page.getByTestId('lecture-consent')).toContainText('not answered the cookie banner');
  await acceptAll(page);
  await openHydrated(page, '/lecture');
  await expect(page.getByTestId('lecture-consent')).toContainText('You have answered the cookie banner');

  await page.locator('#shopping').fill('oil,filter');
  await page.getByRole('button', { name: /loadBasket\(\)/ }).click();
  await expect(page.getByTestId('lecture-output')).toHaveText(`Saved for 1 day: __Host-${BASKET.name}=oil,filter`);
  const written = (await context.cookies()).find((cookie) => cookie.name === `__Host-${BASKET.name}`);
  expect(written?.secure, 'the lecture script\'s cookie is Secure over HTTPS').toBe(true);

  await openHydrated(page, '/basket');
  await expect(page.getByTestId('basket-item').locator('.item')).toHaveText(['oil', 'filter']);
  await page.getByRole('button', { name: 'Add bolt' }).click();
  await openHydrated(page, '/lecture');
  await page.getByRole('button', { name: /readCookie/ }).click();
  await expect(page.getByTestId('lecture-output')).toHaveText(`readCookie("__Host-${BASKET.name}") gives: oil,filter,bolt`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Accept all, Remember me and Save basket post as forms through the proxy', async ({ page, context }) => {
    const first = await page.goto('/');
    expect(first!.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
    await acceptAll(page);

    await page.goto('/customer');
    await rememberMe(page, 'Linus');

    await page.goto('/basket');
    await saveBasket(page, 'filter,washer', ['filter', 'washer']);

    await expectEveryCookieSecureAndHostPrefixed(context);
  });
});

test('a cookie written through one instance is honoured by the other', async ({ page }) => {
  await openHydrated(page, '/');
  await acceptAll(page);
  await openHydrated(page, '/customer');
  await rememberMe(page, 'Grace');

  // Round-robin: ask until both instances have answered, each time with the
  // cookies the browser holds, whichever instance wrote them.
  const answeredBy = new Set<string>();
  for (let attempt = 0; attempt < 10 && answeredBy.size < 2; attempt++) {
    for (const path of ['/customer', '/cookies']) {
      const response = await page.request.get(path);
      const instance = response.headers()[UPSTREAM_HEADER];
      const html = await response.text();
      if (path === '/customer') expect(html, instance).toContain('Welcome back, Grace');
      // The visit counter is signed: each instance checks the other's signature.
      else expect(html, instance).toContain('visits: signature valid');
      answeredBy.add(instance);
    }
  }
  expect([...answeredBy].sort()).toEqual(INSTANCE_URLS.map((url) => new URL(url).host).sort());
});

test('a client talking to an instance directly is refused, whatever it claims', async ({ request }) => {
  const [instance] = INSTANCE_URLS;
  const forgeries: Record<string, string>[] = [
    { 'X-Forwarded-Proto': 'https' },
    { Forwarded: 'for=192.0.2.1;proto=https' },
  ];
  for (const forged of forgeries) {
    const response = await request.post(`${instance}/api/consent`, {
      form: { choice: 'all' },
      headers: { Origin: instance, Accept: 'application/json', ...forged },
    });
    // Not the name the shop is served as (PUBLIC_ORIGIN), and not from the proxy.
    expect(response.status()).toBe(421);
    expect(response.headers()['set-cookie']).toBeUndefined();
    expect(response.headers()['strict-transport-security']).toBeUndefined();
  }
});

test('headers a client forges through the proxy change nothing the shop believes', async ({ request }) => {
  // The nginx config overwrites X-Forwarded-Proto and appends to
  // X-Forwarded-For; these two it passes on as the client wrote them.
  const forged = {
    Forwarded: 'for=192.0.2.1;proto=http;host=evil.example',
    'X-Forwarded-Host': 'evil.example',
  };
  const page = await request.get('/', { headers: forged });
  expect(page.status()).toBe(200);
  expect(page.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);

  const saved = await request.post('/api/consent', {
    form: { choice: 'all' },
    headers: { ...forged, Origin: PROXY_URL, Accept: 'application/json' },
  });
  expect(saved.status()).toBe(200);
  expect(saved.headers()['set-cookie']).toMatch(new RegExp(`^__Host-${CONSENT.name}=[^;]*;.*Secure`));

  const fromTheForgedHost = await request.post('/api/consent', {
    form: { choice: 'all' },
    headers: { ...forged, Origin: 'https://evil.example', Accept: 'application/json' },
  });
  expect(fromTheForgedHost.status()).toBe(403);
  expect(fromTheForgedHost.headers()['set-cookie']).toBeUndefined();
});

test('a session started through one instance is held in Redis for both, and ended for both', async ({
  page,
  context,
}) => {
  await page.goto('/session');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Grace');
  await page.getByLabel(/30 minutes idle/).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByTestId('session-title')).toHaveText('Session of Grace');
  await expect(page.getByTestId('session-store')).toContainText('Redis');

  // Round-robin: ask until both instances have answered with the session.
  const answeredBy = new Set<string>();
  for (let attempt = 0; attempt < 10 && answeredBy.size < 2; attempt++) {
    const response = await page.request.get('/session');
    expect(await response.text()).toContain('Session of Grace');
    answeredBy.add(response.headers()[UPSTREAM_HEADER]);
  }
  expect(answeredBy.size).toBe(2);

  const id = (await context.cookies()).find((cookie) => cookie.name === `__Host-${SESSION.name}`);
  expect(id, 'the session cookie, Secure and __Host- prefixed').toBeDefined();
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByTestId('session-title')).toHaveText('No session');
  // The old id, sent again to both instances, finds nothing on either.
  const endedBy = new Set<string>();
  for (let attempt = 0; attempt < 10 && endedBy.size < 2; attempt++) {
    const response = await page.request.get('/session', { headers: { Cookie: `${id!.name}=${id!.value}` } });
    expect(await response.text()).toContain('No session');
    endedBy.add(response.headers()[UPSTREAM_HEADER]);
  }
  expect(endedBy.size).toBe(2);
});
