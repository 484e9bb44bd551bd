// The cookie declarations of `app/src/shop_cookies.rs`, as JSON.
// A unit test in `app` regenerates and checks that file, so the browser
// tests never spell a cookie's name or attributes themselves.
import type { BrowserContext, Cookie } from '@playwright/test';
import declared from './declared-cookies.json';

export type Declaration = (typeof declared)[number];

function declaration(name: string): Declaration {
  const found = declared.find((cookie) => cookie.name === name);
  if (!found) throw new Error(`no cookie named ${name} in declared-cookies.json`);
  return found;
}

export const USERNAME = declaration('username');

/** The browser's copy of a declared cookie, if it has one. */
export async function browserCookie(context: BrowserContext, cookie: Declaration) {
  const all = await context.cookies();
  return all.find((candidate) => candidate.name === cookie.name);
}

/** Whether a cookie the browser holds has the attributes its declaration gives. */
export function attributesOf(cookie: Cookie) {
  return {
    path: cookie.path,
    sameSite: cookie.sameSite,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
  };
}

export function declaredAttributes(cookie: Declaration) {
  return {
    path: cookie.path,
    sameSite: cookie.sameSite,
    httpOnly: cookie.httpOnly,
    // The tests serve the shop over plain HTTP, where no cookie is Secure.
    secure: false,
  };
}

export const BASKET = declaration('basket');
export const BASKET_TERM = declaration('basket_term');
export const CONSENT = declaration('consent');
export const SESSION = declaration('session');
export const VISITS = declaration('visits');
export const NOTE = declaration('note');

/** Every declared cookie, for checks over all of them. */
export const ALL_DECLARED: Declaration[] = declared;
