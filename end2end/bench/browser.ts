// The browser half of the benchmark: a realistic shopper's cookies, the
// first-load weight of a page, and the time until a click takes effect.
import type { Browser, Cookie } from '@playwright/test';
import { rawGet } from './servers';

/** The basket every measurement uses: the lecture's four items. */
export const LECTURE_BASKET = 'oil,filter,bolt,washer';

/**
 * Cookies of a shopper who accepted all cookies, told the shop their name,
 * saved the lecture's basket and started a session on `/session` (so the
 * session page reads a live record) — made by the shop itself through its pages,
 * so the benchmark never spells a cookie format.
 */
export async function shopperCookies(browser: Browser, baseUrl: string): Promise<Cookie[]> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByRole('button', { name: 'Accept all' }).click();
  await page.getByRole('button', { name: 'Accept all' }).waitFor({ state: 'detached' });
  await page.goto('/customer');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'Remember me' }).click();
  await page.getByTestId('greeting').getByText('Ada').waitFor();
  await page.goto('/basket');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByLabel('Shopping list').fill(LECTURE_BASKET);
  await page.getByRole('button', { name: 'Save basket' }).click();
  await page.getByTestId('basket-count').getByText('4').waitFor();
  await page.goto('/session');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
  await page.getByLabel(/30 minutes idle/).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByTestId('session-title').getByText('Session of Ada').waitFor();
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

/** `name=value; name=value`, as a browser would send them. */
export const cookieHeader = (cookies: Cookie[]) =>
  cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

/** Bytes transferred for one kind of file on a first visit. */
export type Weight = { kind: string; files: number; gzip: number; brotli: number };

function kindOf(url: string, resourceType: string): string {
  if (url.endsWith('.wasm')) return 'wasm';
  switch (resourceType) {
    case 'document':
      return 'HTML';
    case 'stylesheet':
      return 'CSS';
    case 'script':
      return 'JS';
    default:
      return 'other';
  }
}

/** Who pays a first load: someone who has never been here, or the shopper. */
export type Visitor = 'newcomer' | 'shopper';

/** The bytes a first visit to one page downloads, by kind of file. */
export type PageWeight = { path: string; visitor: Visitor; files: Weight[] };

/**
 * Every file a first visit to `path` downloads (as Chromium lists them), by
 * kind, with the body bytes on the wire: `gzip` as Chromium asks over plain
 * HTTP (`gzip, deflate`), `brotli` as browsers ask over HTTPS (`br` first).
 * A newcomer brings no cookies (and gets the consent banner); the shopper
 * brings `cookies`.
 */
export async function firstLoadWeight(
  browser: Browser,
  baseUrl: string,
  path: string,
  visitor: Visitor,
  cookies: Cookie[],
): Promise<PageWeight> {
  const context = await browser.newContext({ baseURL: baseUrl });
  if (visitor === 'shopper') await context.addCookies(cookies);
  const page = await context.newPage();
  const finished: { url: string; kind: string }[] = [];
  page.on('requestfinished', (request) => {
    finished.push({ url: request.url(), kind: kindOf(request.url(), request.resourceType()) });
  });
  await page.goto(path);
  await page.locator('body[data-hydrated]').waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();

  const cookie = visitor === 'shopper' ? cookieHeader(cookies) : '';
  const weights = new Map<string, Weight>();
  for (const file of finished) {
    // Fetched again as each kind of browser would ask, to count the bytes on the wire.
    const gzip = await rawGet(file.url, { cookie, 'accept-encoding': 'gzip, deflate' });
    const brotli = await rawGet(file.url, { cookie, 'accept-encoding': 'br, gzip, deflate' });
    const weight = weights.get(file.kind) ?? { kind: file.kind, files: 0, gzip: 0, brotli: 0 };
    weight.files += 1;
    weight.gzip += gzip.body.length;
    weight.brotli += brotli.body.length;
    weights.set(file.kind, weight);
  }
  const order = ['HTML', 'CSS', 'JS', 'wasm', 'other'];
  const files = [...weights.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { path, visitor, files };
}

/** Milliseconds from navigation start, for one cold visit. */
export type HydrationRun = {
  /** The last byte of the page's HTML arrived. */
  htmlLoaded: number;
  /** The wasm file finished downloading. */
  wasmLoaded: number;
  /** The page's islands were hydrated (it marks `<body data-hydrated>`). */
  hydrated: number;
  /** The page first showed the effect of a click. */
  clickEffective: number;
};

/**
 * A click the benchmark makes on a page as soon as the button exists, and
 * the change that shows the page handled it.
 */
export type Probe = {
  path: string;
  /** What the click does, in the report's words. */
  what: string;
  /** The button, by its accessible name (`aria-label` or text). */
  button: string;
  /**
   * `click`: the button's own handler acts (the basket's buttons).
   * `submit`: the button submits its form, which the page's script sends
   * in the background (the consent and name forms).
   */
  via: 'click' | 'submit';
  /** `data-testid` of the element whose text changes. */
  watch: string;
};

/** The browser floor's page (`bench/browser-floor.html`), timed like the shop's. */
export const BROWSER_FLOOR: Probe = {
  path: '/',
  what: '**Add** changes a count: a static page whose inline script answers the click',
  button: 'Add',
  via: 'click',
  watch: 'count',
};

/**
 * The islands floor's page (`bench/islands-floor/`): the smallest Leptos
 * islands page, whose one island answers the click.
 */
export const ISLANDS_FLOOR: Probe = {
  path: '/',
  what: '**Add** changes a count: the smallest Leptos islands page (one island)',
  button: 'Add',
  via: 'click',
  watch: 'count',
};

/** The three pages whose interactivity the benchmark times. */
export const PROBES: Probe[] = [
  { path: '/basket', what: '**Add** changes the basket count', button: 'Add spark plug', via: 'click', watch: 'basket-count' },
  { path: '/customer', what: '**Forget me** changes the greeting (a server function’s round trip)', button: 'Forget me', via: 'submit', watch: 'greeting' },
  {
    path: '/cookies',
    what: '**Reject non-essential** in Cookie settings changes the summary (a round trip)',
    button: 'Reject non-essential',
    via: 'submit',
    watch: 'consent-summary',
  },
];

/**
 * Runs in the page before any of its own script: from the moment the
 * button exists it tries it every millisecond and notes when the watched
 * text first changes. Before hydration a real click would post the form
 * and leave the page, so no try may do that: a `click` try has its default
 * action prevented, and a `submit` try dispatches a synthetic submit event,
 * which browsers never act on by themselves. Only the page's own handler
 * can make a try take effect; once one has (it prevented the event's
 * default), the script stops trying and waits for the change.
 */
function tryUntilEffective(probe: Probe) {
  const timing = { clickEffective: -1, hydrated: -1 };
  (window as unknown as { __timing: typeof timing }).__timing = timing;
  let before: string | null = null;
  let handled = false;
  const findButton = () =>
    [...document.querySelectorAll('button')].find(
      (button) => button.getAttribute('aria-label') === probe.button || button.textContent?.trim() === probe.button,
    );
  const attempt = () => {
    const watched = document.querySelector(`[data-testid="${probe.watch}"]`);
    const button = findButton();
    if (watched && button) {
      if (before === null) before = watched.textContent;
      if (watched.textContent !== before) {
        timing.clickEffective = performance.now();
        return;
      }
      if (timing.hydrated < 0 && document.body.hasAttribute('data-hydrated')) {
        timing.hydrated = performance.now();
      }
      if (!handled) {
        if (probe.via === 'click') {
          const click = new MouseEvent('click', { bubbles: true, cancelable: true });
          button.addEventListener('click', (event) => event.preventDefault(), { once: true });
          button.dispatchEvent(click);
          // The basket's handler changes the count at once; keep trying until it does.
        } else {
          const submit = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: button });
          handled = !button.form!.dispatchEvent(submit);
        }
      }
    }
    setTimeout(attempt, 1);
  };
  attempt();
  new MutationObserver(() => {
    if (timing.hydrated < 0 && document.body?.hasAttribute('data-hydrated')) {
      timing.hydrated = performance.now();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
}

/** One cold visit to `probe.path` (new browser context, empty cache). */
export async function hydrationRun(browser: Browser, baseUrl: string, cookies: Cookie[], probe: Probe): Promise<HydrationRun> {
  const context = await browser.newContext({ baseURL: baseUrl });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.addInitScript(tryUntilEffective, probe);
  await page.goto(probe.path, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __timing: { clickEffective: number } }).__timing.clickEffective >= 0);
  const run = await page.evaluate(() => {
    const timing = (window as unknown as { __timing: { clickEffective: number; hydrated: number } }).__timing;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const wasm = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.endsWith('.wasm')) as PerformanceResourceTiming | undefined;
    return {
      htmlLoaded: navigation.responseEnd,
      wasmLoaded: wasm ? wasm.responseEnd : -1,
      hydrated: timing.hydrated,
      clickEffective: timing.clickEffective,
    };
  });
  await context.close();
  return run;
}
