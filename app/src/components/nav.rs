use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::BasketStore;
use crate::SHOP_NAME;

/// The site navigation, on every page, with the number of items in the
/// basket (rendered by the server from the request's cookie).
#[component]
pub fn Nav() -> impl IntoView {
    let basket = BasketStore::expect().basket;
    let count = move || basket.with(|basket| basket.len());
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
                    <span class="count" data-testid="basket-count">
                        {count}
                    </span>
                    <span class="visually-hidden">" items"</span>
                </A>
                <A href="/cookies">"Cookies"</A>
            </nav>
        </header>
    }
}
