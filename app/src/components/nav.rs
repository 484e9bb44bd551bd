use leptos::prelude::*;
use leptos_router::components::A;

use crate::shop_cookies::Cookies;
use crate::state::{BasketMirror, CookieMirror};
use crate::SHOP_NAME;

/// The site navigation, on every page, with the number of items in the
/// basket (rendered by the server from the request's cookie).
#[component]
pub fn Nav(cookies: Cookies) -> impl IntoView {
    let count = items_in_basket(&cookies);
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <img src="/favicon.svg" alt="" width="24" height="24" />
                {SHOP_NAME}
            </a>
            <nav aria-label="Main">
                <A href="/">"Home"</A>
                <A href="/customer">"Customer"</A>
                <A href="/basket">
                    "Basket "
                    <BasketCount count />
                    <span class="visually-hidden">" items"</span>
                </A>
                <A href="/session">"Session"</A>
                <A href="/cookies">"Cookies"</A>
                <A href="/storage">"Storage"</A>
                // A full page load, as in the footer: the lecture's script
                // runs as on the lecture's own page.
                <A href="/lecture" attr:rel="external">"Lecture"</A>
            </nav>
        </header>
    }
}

/// The number of items in the basket: an island, so that it follows the
/// basket page's changes in the browser.
#[island]
fn BasketCount(count: usize) -> impl IntoView {
    let count = CookieMirror::new(count, items_in_basket);
    view! {
        <span class="count" data-testid="basket-count">
            {move || count.get()}
        </span>
    }
}

/// What the count shows, on the server and in the browser alike.
fn items_in_basket(cookies: &Cookies) -> usize {
    BasketMirror::current_basket(cookies).len()
}
