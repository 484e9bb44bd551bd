//! The lecture's Flask shop as a Leptos app, rendered on the
//! server from the request's cookies and hydrated in the browser.

// Forms keep their children's types (see `form_post::FormTo`), which nests
// a page's view type deeper than the compiler's default limit.
#![recursion_limit = "256"]

// Layers, each importing only those above it: the general cookie mechanism;
// the values kept in cookies; the shop's cookie declarations and consent
// rule; then the state, components and pages that use them.
pub mod cookies;

pub mod basket;
pub mod consent;
pub mod flash;
pub mod shopper;
pub mod short_text;

pub mod shop_cookies;

pub mod action;
pub mod clock;
pub mod components;
pub mod form_post;
pub mod in_browser;
pub mod pages;
pub mod response;
pub mod session;
pub mod state;
pub mod visits;

/// The shop's name as people read it: in the nav, the page titles and the
/// server's messages.
//
// `cargo leptos new` writes the project's name here (see cargo-generate.toml).{% comment %}
pub const SHOP_NAME: &str = "Cookie Shop";
// {% endcomment %}{{ newline }}// In title case.{{ newline }}pub const SHOP_NAME: &str = "{{ project-name | title_case }}";

/// The project's name as files and keys spell it: the signing key's file
/// is `PROJECT_NAME.key`, and the note in the browser's storage is kept
/// under `PROJECT_NAME-note`.
//
// `cargo leptos new` writes the project's name here (see cargo-generate.toml).{% comment %}
pub const PROJECT_NAME: &str = "cookie-shop";
// {% endcomment %}{{ newline }}// As given, in kebab case.{{ newline }}pub const PROJECT_NAME: &str = "{{ project-name }}";

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path, SsrMode,
};

use components::consent_banner::{ConsentBanner, SaveConsent};
use components::{footer::Footer, nav::Nav};
use leptos::server_fn::ServerFn;
use pages::{
    basket::BasketPage, cookies::CookiesPage, customer::CustomerPage, home::HomePage,
    lecture::LecturePage, not_found::NotFound, session::SessionPage, storage::StoragePage,
};
use shop_cookies::Cookies;

/// The HTML document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // `cargo leptos watch` reloads the page through a web socket.
    let live_reload =
        watching().then(|| format!("ws://{}:{}", options.site_addr.ip(), options.reload_port));
    response::set_content_security_policy(live_reload);
    // The build's CSS, named like its JavaScript and wasm (the server gives
    // a release build's files one shared name: server/src/build_files.rs).
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href=stylesheet />
                {watching().then(|| view! { <AutoReload options=options.clone() /> })}
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Whether `cargo leptos watch` runs the server (it sets `LEPTOS_WATCH`),
/// read once rather than for every page.
fn watching() -> bool {
    static WATCHING: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("LEPTOS_WATCH").is_some());
    *WATCHING
}

/// The app itself, rendered on the server from the cookies of the request
/// it answers. Only its islands (`#[island]`) are hydrated in the browser:
/// everything else is HTML the browser never needs code for, which keeps
/// the wasm small.
///
/// The pages sit side by side, none inside another, so `FlatRoutes` matches
/// them.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Read once per request; absent only while Leptos lists the routes,
    // which renders no page.
    let cookies = Cookies::current().ok();
    view! {
        <Title formatter=|page: String| format!("{page} · {SHOP_NAME}") />
        <Router>
            // First on every page, so a keyboard gets past the nav and the
            // banner in one key press.
            <a class="skip-link" href="#content">"Skip to content"</a>
            <Header cookies=cookies.clone() />
            // `tabindex=-1`: the skip link can move focus here; Tab never stops here.
            <main id="content" tabindex="-1">
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/customer") view=page(&cookies, |cookies| view! { <CustomerPage cookies /> }.into_any()) />
                    <Route path=path!("/basket") view=page(&cookies, |cookies| view! { <BasketPage cookies /> }.into_any()) />
                    <Route path=path!("/cookies") view=page(&cookies, |cookies| view! { <CookiesPage cookies /> }.into_any()) />
                    <Route path=path!("/storage") view=page(&cookies, |cookies| view! { <StoragePage cookies /> }.into_any()) />
                    <Route
                        path=path!("/session")
                        view=page(&cookies, |cookies| view! { <SessionPage cookies /> }.into_any())
                        // The store is read before the page is sent, so that its
                        // status and the session cookie go out with the headers.
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/lecture") view=page(&cookies, |cookies| view! { <LecturePage cookies /> }.into_any()) />
                </FlatRoutes>
            </main>
            <Footer />
        </Router>
    }
}

/// What every page starts with: the nav and, until the shopper answers,
/// the consent banner. Rendering a page counts it (`visits`) and deletes
/// the flash it shows, so a reload never shows that outcome again.
#[component]
fn Header(cookies: Option<Cookies>) -> impl IntoView {
    cookies.map(|cookies| {
        visits::count_this_page_load(&cookies);
        shop_cookies::forget_flash(&cookies);
        let flash = cookies.flash().cloned();
        // Just answered without JavaScript: the banner says it was saved.
        let just_answered = flash
            .as_ref()
            .is_some_and(|flash| flash.form == <SaveConsent as ServerFn>::PATH);
        let asking = cookies.consent().is_none() || just_answered;
        view! {
            <Nav cookies=cookies.clone() />
            {asking.then(|| view! { <ConsentBanner answer=cookies.consent().cloned() flash /> })}
        }
    })
}

/// A route's view: the page `render` makes from the request's cookies.
fn page(
    cookies: &Option<Cookies>,
    render: fn(Cookies) -> AnyView,
) -> impl Fn() -> AnyView + Clone + Send + 'static {
    let cookies = cookies.clone();
    move || match cookies.clone() {
        Some(cookies) => render(cookies),
        None => {
            response::mark_server_error();
            let problem = cookies::CookieError::NotSent(cookies::NotSent::NoRequest);
            view! { <p role="alert">{problem.to_string()}</p> }.into_any()
        }
    }
}
