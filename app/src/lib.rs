//! Cookie Shop: the lecture's Flask shop as a Leptos app, rendered on the
//! server from the request's cookies and hydrated in the browser.

pub mod basket;
pub mod components;
pub mod cookies;
pub mod pages;
pub mod response;
pub mod shopper;
pub mod state;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use components::nav::Nav;
use pages::{basket::BasketPage, customer::CustomerPage, home::HomePage, not_found::NotFound};
use state::BasketStore;

/// The HTML document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app itself: the same tree is rendered on the server and hydrated in
/// the browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    BasketStore::provide();

    view! {
        <Stylesheet id="leptos" href="/pkg/cookie-shop.css" />
        <Title formatter=|page: String| format!("{page} · Cookie Shop") />
        <Router>
            <Nav />
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/customer") view=CustomerPage />
                    <Route path=path!("/basket") view=BasketPage />
                </Routes>
            </main>
        </Router>
    }
}
