// axe finds no WCAG 2.1 A or AA fault on any page: on a wide screen and a
// phone, with JavaScript on and off, with the consent banner open (a first
// visit) and answered.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, acceptAllCookies, consentBanner, openHydrated } from './fixtures';
import { MISSING_PAGE, PAGES } from '../support/shop';

/** The rules of WCAG 2.0 and 2.1 at levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const SCREENS = [
  { name: 'wide screen', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

/** Every page, the session page and the 404 page included. */
const EVERY_PAGE = [...PAGES, '/session', MISSING_PAGE];

/**
 * Opens `path` as a browser without JavaScript shows it: the page's scripts
 * never run, so nothing hydrates and `<noscript>` is shown. axe is a script
 * itself and never finishes in a page with scripts switched off
 * (`javaScriptEnabled: false`, dequelabs/axe-core-npm#529), so they are
 * switched back on once the page has loaded: the scripts it skipped stay
 * skipped.
 */
async function openWithoutJavaScript(page: Page, path: string) {
  const chromium = await page.context().newCDPSession(page);
  await chromium.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(path);
  await chromium.send('Emulation.setScriptExecutionDisabled', { value: false });
  await chromium.detach();
}

/** Opens `path` with or without the page's JavaScript, and checks which. */
async function open(page: Page, path: string, javaScript: boolean) {
  if (javaScript) {
    await openHydrated(page, path);
  } else {
    await openWithoutJavaScript(page, path);
    await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  }
}

/** Fails with each broken rule and the elements that break it. */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(found, 'axe violations: rule (what it asks): elements').toEqual([]);
}

for (const screen of SCREENS) {
  for (const javaScript of [true, false]) {
    for (const banner of ['open', 'answered'] as const) {
      test.describe(`${screen.name}, JavaScript ${javaScript ? 'on' : 'off'}, banner ${banner}`, () => {
        test.use({ viewport: screen.viewport });

        for (const path of EVERY_PAGE) {
          test.describe(path, () => {
            // What Chromium logs by design: the 404 page's own status and,
            // without JavaScript, the wasm the page preloads going unused.
            // One pattern, since a list of two would read as a fixture's
            // [value, options].
            const expected = [
              ...(path === MISSING_PAGE ? ['status of 404'] : []),
              ...(javaScript ? [] : ['preloaded using link preload but not used']),
            ];
            test.use({ allowedConsole: expected.length > 0 ? [new RegExp(expected.join('|'))] : [] });

            test('has no axe violation', async ({ page }) => {
              if (banner === 'answered') await acceptAllCookies(page);
              await open(page, path, javaScript);
              await expect(consentBanner(page)).toHaveCount(banner === 'open' ? 1 : 0);
              await expectNoViolations(page);
            });
          });
        }
      });
    }
  }
}
