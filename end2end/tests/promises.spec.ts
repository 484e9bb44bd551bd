// What the pages promise about cookies, checked in a real browser: an
// HttpOnly value never reaches a script, not even by fetching the shop's own
// pages and server functions; consent governs reading as well as writing;
// a cookie name sent twice is not guessed at.
import { test, expect, openHydrated, acceptAllCookies, consentBanner } from './fixtures';
import { CONSENT, USERNAME, VISITS, browserCookie } from '../support/cookies';
import { MISSING_PAGE, PAGES } from '../support/shop';

/** Every server function, as the pages call them (form-encoded posts). */
const SERVER_FUNCTIONS = [
  ['/api/inspect', ''],
  ['/api/remember_me', 'name=Ada'],
  ['/api/forget_me', ''],
  ['/api/basket', 'lifetime=one-day&add=oil'],
  ['/api/consent', 'choice=all'],
];

test.describe('fetched as a script would', () => {
  // One of the fetched pages is the 404 page, which Chromium logs.
  test.use({ allowedConsole: [/status of 404/] });

  test('no page and no server function hands a script the HttpOnly value', async ({ page, context }) => {
    await acceptAllCookies(page);
    await page.goto('/customer');
    const visits = await browserCookie(context, VISITS);
    expect(visits?.httpOnly).toBe(true);
    await openHydrated(page, '/cookies');

    // What a curious script (or an injected one) could fetch with the
    // shopper's cookies: every page, and every server function.
    const bodies: string[] = await page.evaluate(
      async ({ pages, functions }) => {
        const read = async (url: string, init?: RequestInit) => (await fetch(url, init)).text();
        const got = await Promise.all(pages.map((url) => read(url)));
        for (const [url, body] of functions) {
          got.push(
            await read(url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
              body,
            }),
          );
        }
        return got;
      },
      { pages: [...PAGES, MISSING_PAGE], functions: SERVER_FUNCTIONS },
    );
    // The value the browser holds now, after all those requests counted visits.
    const latest = (await browserCookie(context, VISITS))!.value;
    expect(bodies.length).toBe(PAGES.length + 1 + SERVER_FUNCTIONS.length);
    for (const value of new Set([visits!.value, latest])) {
      for (const body of bodies) expect(body).not.toContain(value);
    }
    // The inspector still teaches the point, by name and size.
    await page.reload();
    await expect(page.getByTestId('server-received')).toContainText(`${VISITS.name} (HttpOnly: signed, valid, ${latest.length} bytes)`);
    await expect(page.getByTestId('document-cookie')).not.toContainText(`${VISITS.name}=`);
  });
});

test('a name cookie sent without consent is ignored, and the page says so', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: USERNAME.name, value: 'ian', url: baseURL! }]);
  await openHydrated(page, '/customer');
  await expect(page.getByTestId('greeting')).toContainText('Hello, new customer');
  await expect(page.getByTestId('ignored-notice')).toContainText('ignores it');

  // Allowing preferences makes the shop read it, with no reload.
  await page.getByRole('button', { name: 'Allow preference cookies' }).click();
  await expect(page.getByTestId('greeting')).toHaveText('Welcome back, ian');
  await expect(page.getByTestId('ignored-notice')).toHaveCount(0);
});

test('two consent answers count as none: the banner asks again', async ({ page, context, baseURL }) => {
  await acceptAllCookies(page);
  // A second answer, planted with a longer Path, as a sibling site could.
  const planted = (await browserCookie(context, CONSENT))!.value.replace(/:[^:]*:/, '::');
  const domain = new URL(baseURL!).hostname;
  await context.addCookies([{ name: CONSENT.name, value: planted, domain, path: '/cookies' }]);
  await openHydrated(page, '/cookies');
  await expect(consentBanner(page)).toBeVisible();
  await expect(page.getByTestId(`cookie-note-${CONSENT.name}`)).toContainText('Sent 2 times');
  // Elsewhere only the shopper's own answer is sent, and it counts.
  await openHydrated(page, '/customer');
  await expect(consentBanner(page)).toHaveCount(0);
});
