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
