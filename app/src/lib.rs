//! Cookie Shop: the lecture's Flask shop as a Leptos app, rendered on the
//! server from the request's cookies and hydrated in the browser.

pub mod basket;
pub mod components;
pub mod consent;
pub mod cookies;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod public_origin;
pub mod response;
pub mod shopper;
pub mod state;
pub mod visits;

/// The shop's name as people read it: in the nav, the page titles and the
/// server's messages.
// The project's name in title case.{% comment %} `cargo leptos new` puts the
// new project's name here (see cargo-generate.toml).
pub const SHOP_NAME: &str = "Cookie Shop";
// {% endcomment %}{{ newline }}pub const SHOP_NAME: &str = "{{ project-name | title_case }}";

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use components::{consent_banner::ConsentBanner, footer::Footer, nav::Nav};
use pages::{
    basket::BasketPage, cookies::CookiesPage, customer::CustomerPage, home::HomePage,
    not_found::NotFound, storage::StoragePage,
};
use state::{BasketStore, ConsentStore};

/// The HTML document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // `cargo leptos watch` reloads the page through a web socket.
    let live_reload = std::env::var("LEPTOS_WATCH")
        .is_ok()
        .then(|| format!("ws://{}:{}", options.site_addr.ip(), options.reload_port));
    response::set_content_security_policy(live_reload);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
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
    ConsentStore::provide();
    visits::count_this_page_load();

    view! {
        <Title formatter=|page: String| format!("{page} · {SHOP_NAME}") />
        <Router>
            <Nav />
            <ConsentBanner />
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/customer") view=CustomerPage />
                    <Route path=path!("/basket") view=BasketPage />
                    <Route path=path!("/cookies") view=CookiesPage />
                    <Route path=path!("/storage") view=StoragePage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
