//! Helpers for what happens only once the page's script runs. Effects never
//! run on the server, so each of these is inert while a page is rendered
//! there, and the server's HTML shows the state before hydration.

use leptos::prelude::*;
use leptos::web_sys::MouseEvent;

/// `false` while the server renders and until the page is hydrated, then
/// `true`: for text that says whether the page's script is running.
pub fn hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// Calls `tick` once the page is hydrated and then every second, until the
/// component that asked is removed. For what no browser event announces,
/// such as a cookie expiring or being changed in another tab.
pub fn every_second(tick: impl Fn() + Clone + 'static) {
    Effect::new(move |_| {
        tick();
        if let Ok(interval) =
            set_interval_with_handle(tick.clone(), std::time::Duration::from_secs(1))
        {
            on_cleanup(move || interval.clear());
        }
    });
}

/// A click handler for a form's submit button: with JavaScript, `act` runs
/// in the page instead of posting the form. Without JavaScript the handler
/// never runs and the browser posts the form as usual.
pub fn without_posting(act: impl Fn() + 'static) -> impl Fn(MouseEvent) + 'static {
    move |event: MouseEvent| {
        event.prevent_default();
        act();
    }
}

/// Lets an island start from the error a JavaScript-off post brought back
/// in the URL (`?__path=…&__err=…`), as the server rendered it:
/// [`error_in_url`](crate::action::error_in_url) looks for it in the
/// context. On the server the router provides it; an island in the browser
/// has no router, so it reads the URL itself. Idempotent.
pub fn form_error_from_the_url() {
    #[cfg(feature = "hydrate")]
    if use_context::<leptos::server::ServerActionError>().is_none() {
        let search = window().location().search().unwrap_or_default();
        let Ok(query) = leptos::web_sys::UrlSearchParams::new_with_str(&search) else {
            return;
        };
        if let (Some(path), Some(error)) = (query.get("__path"), query.get("__err")) {
            provide_context(leptos::server::ServerActionError::new(&path, &error));
        }
    }
}

/// Starts the islands of a server-rendered page (the page's script
/// hydrates each one right after), then marks the page with
/// `data-hydrated`. Called by the front end's `hydrate`.
#[cfg(feature = "hydrate")]
pub fn start_islands() {
    leptos::mount::hydrate_islands();
    // The islands are hydrated in the promise callbacks that follow; a
    // timeout runs after all of them. Tests wait for this mark before
    // clicking, so they never race the wasm download.
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
